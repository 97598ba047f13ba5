"""The ``ptce`` program ends as soon as its command is done (``ptce_kit.cli.script``).

It skips the interpreter's teardown, so these check what that must not lose: the exit
handlers, the whole output (flushed, even when it is a file), the exit status, and a quiet
end when the output is a pipe closed early.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _python(code: str, *args: str, stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", code, *args], stdout=stdout, stderr=subprocess.PIPE, text=True,
                          env=env, timeout=120, check=False)


def test_exit_handlers_run_and_the_status_is_the_commands(tmp_path):
    mark = tmp_path / "ran"
    done = _python("import atexit, pathlib, sys\n"
                   "mark = pathlib.Path(sys.argv[1])\n"
                   "atexit.register(lambda: mark.write_text('ran'))\n"
                   "sys.argv = ['ptce', 'validate', sys.argv[2]]\n"
                   "from ptce_kit.cli import script\nscript()\n", str(mark), str(tmp_path / "missing.yaml"))
    assert done.returncode == 1, done.stderr
    assert "PTCE-E004" in done.stderr
    assert mark.read_text() == "ran"


def test_the_whole_output_reaches_a_file(tmp_path):
    out = tmp_path / "schema.json"
    with out.open("w") as handle:
        done = _python("import sys\nsys.argv = ['ptce', 'schema']\nfrom ptce_kit.cli import script\nscript()\n",
                       stdout=handle.fileno())
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("{") and text.rstrip().endswith("}")  # buffered output flushed before the exit
    import json

    assert json.loads(text)["title"]


def test_a_pipe_closed_early_ends_quietly():
    reader = subprocess.Popen([sys.executable, "-m", "ptce_kit", "schema"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT)
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.read(10)
    reader.stdout.close()  # as `ptce schema | head -c 10` does
    error = reader.stderr.read().decode()
    reader.wait(timeout=120)
    assert "Traceback" not in error and "BrokenPipeError" not in error, error
