"""``ptce serve`` on the command line: misuse is refused with a clear message and exit status 2."""

from __future__ import annotations

import socket

import pytest

pytest.importorskip("starlette")


def test_a_target_that_does_not_exist_is_refused(ptce, tmp_path):
    result = ptce("serve", str(tmp_path / "nowhere"), "--no-browser")
    assert result.returncode == 2
    assert "does not exist" in result.stderr and "Traceback" not in result.stderr


def test_the_refusals_speak_french(ptce, tmp_path):
    missing = ptce("serve", str(tmp_path / "nulle-part"), "--no-browser", env={"PTCE_LANG": "fr"})
    assert missing.returncode == 2 and "n’existe pas : donnez le fichier ou le dossier d’un pôle" in missing.stderr
    remote = ptce("serve", str(tmp_path), "--no-browser", "--host", "0.0.0.0", env={"PTCE_LANG": "fr"})
    assert remote.returncode == 2 and "laisserait d’autres ordinateurs" in remote.stderr
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        busy = ptce("serve", str(tmp_path), "--no-browser", "--port", str(port), env={"PTCE_LANG": "fr"})
    assert busy.returncode == 2 and f"impossible d’écouter sur 127.0.0.1:{port}" in busy.stderr


def test_a_port_in_use_is_refused_with_what_to_do(ptce, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = ptce("serve", str(tmp_path), "--no-browser", "--port", str(port))
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "--port" in result.stderr


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::", "example.org"])
def test_a_host_other_than_this_computer_needs_allow_remote(ptce, tmp_path, host):
    result = ptce("serve", str(tmp_path), "--no-browser", "--host", host)
    assert result.returncode == 2
    assert "--allow-remote" in result.stderr


def test_the_help_does_not_import_starlette(tmp_path):
    import subprocess
    import sys

    from serving import ROOT

    code = ("import sys; from ptce_kit.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('starlette', 'uvicorn', 'ptce_kit.serve') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "PTCE_LANG": "en"})
    assert "serve" in result.stdout and "Open a pole in a local web workspace" in result.stdout
    assert result.stdout.strip().endswith("[]")
