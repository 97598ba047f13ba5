"""Issue 14, item 3: ``-o`` onto a pipe, a device or a symbolic link is refused, never replaced.

On main every command replaced the node with a regular file (as root, ``-o /dev/full``
replaced the system's device).  The real ``/dev`` is never touched here: the pipe, the
link and the device node are made in ``tmp_path``.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from ptce_kit.cli import main
from ptce_kit.errors import PoleError
from ptce_kit.io import atomic_write

ROOT = Path(__file__).resolve().parents[2]
POLE_SUD = ROOT / "examples" / "pole_sud" / "pole.yaml"


@pytest.fixture
def pole(tmp_path: Path) -> Path:
    path = tmp_path / "pole.yaml"
    shutil.copyfile(POLE_SUD, path)
    return path


#: Every command that writes a file given with -o: its arguments ({pole}, {out}) and the usual suffix.
WRITERS: dict[str, tuple[list[str], str]] = {
    "export-graphml": (["export", "{pole}", "--to", "graphml", "-o", "{out}"], ".graphml"),
    "export-members-csv": (["export", "{pole}", "--to", "members-csv", "-o", "{out}"], ".csv"),
    "map": (["map", "{pole}", "-o", "{out}"], ".png"),
    "map-html": (["map", "{pole}", "--html", "-o", "{out}"], ".html"),
    "schema": (["schema", "-o", "{out}"], ".json"),
    "synth": (["synth", "--actors", "6", "-o", "{out}"], ".yaml"),
    "anonymize": (["anonymize", "{pole}", "-o", "{out}"], ".yaml"),
    "compare": (["compare", "{pole}", "-o", "{out}"], ".csv"),
    "compare-plot": (["compare", "{pole}", "--plot", "{out}"], ".png"),
}


def commands(pole: Path, target: Path) -> dict[str, list[str]]:
    return {name: [a.format(pole=pole, out=target) for a in argv] for name, (argv, _) in WRITERS.items()}


def target_for(tmp_path: Path, name: str) -> Path:
    return tmp_path / f"out{WRITERS[name][1]}"


COMMANDS = list(WRITERS)


def check_refused(capsys, argv: list[str], *, word: str) -> str:
    status = main(argv)
    err = capsys.readouterr().err
    assert status == 1, err
    assert word in err and "internal error" not in err and "Traceback" not in err
    return err


@pytest.mark.parametrize("name", COMMANDS)
def test_a_named_pipe_is_refused_and_kept(capsys, pole, tmp_path, name):
    fifo = target_for(tmp_path, name)
    os.mkfifo(fifo)
    for force in ([], ["--force"]):
        check_refused(capsys, commands(pole, fifo)[name] + force, word="named pipe")
        assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.parametrize("name", COMMANDS)
def test_a_symbolic_link_is_refused_and_its_target_kept(capsys, pole, tmp_path, name):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    link = target_for(tmp_path, name)
    link.symlink_to(victim)
    for force in ([], ["--force"]):
        check_refused(capsys, commands(pole, link)[name] + force, word="symbolic link")
        assert link.is_symlink() and victim.read_text() == "precious\n"


def test_a_device_node_is_refused_and_kept(capsys, pole, tmp_path):
    for name in ("export-graphml", "schema", "synth", "map-html"):
        device = target_for(tmp_path, name)
        try:
            os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 7))  # the numbers of /dev/full
        except OSError as exc:
            pytest.skip(f"cannot make a device node here ({exc})")
        check_refused(capsys, commands(pole, device)[name] + ["--force"], word="a device")
        assert stat.S_ISCHR(device.lstat().st_mode)


def test_a_link_in_a_build_folder_is_not_written_through(capsys, pole, tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(pole), "-o", str(out), "--formats", "md", "-j", "1"]) == 0
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    (out / "charte.md").unlink()
    (out / "charte.md").symlink_to(victim)
    check_refused(capsys, ["build", str(pole), "-o", str(out), "--formats", "md", "-j", "1"], word="symbolic link")
    assert victim.read_text() == "precious\n"


def test_dash_is_refused_where_a_command_cannot_print(capsys, pole, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    check_refused(capsys, ["export", str(pole), "--to", "graphml", "-o", "-"], word="standard output")
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("make", ["fifo", "link", "folder"])
def test_atomic_write_itself_refuses_what_is_not_a_regular_file(tmp_path, make):
    target = tmp_path / "target"
    if make == "fifo":
        os.mkfifo(target)
    elif make == "link":
        (tmp_path / "victim").write_text("kept")
        target.symlink_to(tmp_path / "victim")
    else:
        target.mkdir()
    with pytest.raises(PoleError) as caught:
        atomic_write(target, "new")
    assert "not a regular file" in caught.value.problems[0].message
    assert not target.is_file() or target.is_symlink()
    if make == "link":
        assert (tmp_path / "victim").read_text() == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["target"] + (["victim"] if make == "link" else []))


def test_new_into_a_link_to_nowhere_is_a_clear_message(capsys, tmp_path):
    link = tmp_path / "projects"
    link.symlink_to(tmp_path / "missing")
    check_refused(capsys, ["new", "--no-input", "--no-build", "-o", str(link), "pole_name=Pôle Test"],
                  word="symbolic link")
    assert not (tmp_path / "missing").exists()
