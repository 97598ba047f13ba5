"""Issue 14, item 4: a write that cannot be done ends in a clear message and exit 1, not "internal error".

Disk full and a read-only folder are simulated in-process (the tests run as root, whom
``chmod`` does not stop); a real read-only folder is tried too when not running as root.
After a failure neither a half-written file nor a temporary file is left behind.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

import ptce_kit.files
from ptce_kit.cli import main

ROOT = Path(__file__).resolve().parents[2]
POLE_SUD = ROOT / "examples" / "pole_sud" / "pole.yaml"


@pytest.fixture
def pole(tmp_path: Path) -> Path:
    folder = tmp_path / "pole"
    folder.mkdir()
    path = folder / "pole.yaml"
    shutil.copyfile(POLE_SUD, path)
    return path


def failed(capsys, argv: list[str | Path], *, words: tuple[str, ...], statuses: tuple[int, ...] = (1,)) -> str:
    status = main([str(a) for a in argv])
    err = capsys.readouterr().err
    assert status in statuses, err
    assert "internal error" not in err and "Traceback" not in err
    for word in words:
        assert word in err, err
    return err


def raising(code: int):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    return fail


WRITERS = {
    "export-graphml": ["export", "{pole}", "--to", "graphml", "-o", "{out}.graphml"],
    "export-jsonld": ["export", "{pole}", "--to", "jsonld", "-o", "{out}.jsonld"],
    "map-html": ["map", "{pole}", "--html", "-o", "{out}.html"],
    "schema": ["schema", "-o", "{out}.json"],
    "synth": ["synth", "--actors", "6", "-o", "{out}.yaml"],
    "anonymize": ["anonymize", "{pole}", "-o", "{out}.yaml"],
    "compare": ["compare", "{pole}", "-o", "{out}.csv"],
}


def argv_of(name: str, pole: Path, out: Path) -> list[str]:
    return [a.format(pole=pole, out=out) for a in WRITERS[name]]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("name", list(WRITERS))
def test_disk_full_is_a_clear_message_and_leaves_nothing(capsys, monkeypatch, pole, tmp_path, name):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    monkeypatch.setattr(ptce_kit.files.os, "write", raising(errno.ENOSPC))
    failed(capsys, argv_of(name, pole, out_dir / "result"), words=("disk is full", "nothing was written"))
    assert leftovers(out_dir) == []


def test_disk_full_keeps_the_old_output_whole(capsys, monkeypatch, pole, tmp_path):
    target = tmp_path / "graph.graphml"
    assert main(["export", str(pole), "--to", "graphml", "-o", str(target)]) == 0
    before = target.read_bytes()
    monkeypatch.setattr(ptce_kit.files.os, "replace", raising(errno.ENOSPC))
    failed(capsys, ["export", pole, "--to", "graphml", "-o", target], words=("disk is full",))
    assert target.read_bytes() == before
    assert leftovers(tmp_path) == ["graph.graphml", "pole"]


def test_disk_full_while_editing_keeps_the_pole(capsys, monkeypatch, pole):
    before = pole.read_bytes()
    monkeypatch.setattr(ptce_kit.files.os, "write", raising(errno.ENOSPC))
    failed(capsys, ["member", "add", pole, "--name", "Nouvelle Scop", "--category", "ess_enterprise"],
           words=("disk is full",))
    assert pole.read_bytes() == before
    assert leftovers(pole.parent) == ["pole.yaml"]


@pytest.mark.parametrize("name", list(WRITERS))
def test_a_missing_folder_is_named(capsys, pole, tmp_path, name):
    failed(capsys, argv_of(name, pole, tmp_path / "nonexistent" / "x"), words=("does not exist", "mkdir -p"))
    assert not (tmp_path / "nonexistent").exists()


@pytest.mark.parametrize("name", list(WRITERS))
def test_an_existing_folder_where_a_file_is_expected(capsys, pole, tmp_path, name):
    argv = argv_of(name, pole, tmp_path / "folder")
    Path(argv[argv.index("-o") + 1]).mkdir()
    # click refuses some of them as misuse (2); the others say it is a folder (1).
    failed(capsys, argv, words=("folder" if "export" in name else "",), statuses=(1, 2))


@pytest.mark.parametrize("name", list(WRITERS))
def test_an_empty_name_is_refused(capsys, pole, tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    argv = argv_of(name, pole, tmp_path / "x")
    argv[argv.index("-o") + 1] = ""
    before = leftovers(tmp_path)
    failed(capsys, argv, words=(), statuses=(1, 2))
    assert leftovers(tmp_path) == before


def test_build_into_an_empty_name_or_under_a_file(capsys, pole, tmp_path):
    failed(capsys, ["build", pole, "-o", ""], words=("empty",), statuses=(2,))
    (tmp_path / "a-file").write_text("x")
    failed(capsys, ["build", pole, "-o", tmp_path / "a-file" / "docs"], words=("a-file",))


@pytest.mark.parametrize("name", ["export-graphml", "schema", "synth", "compare"])
def test_a_folder_one_may_not_write_into(capsys, monkeypatch, pole, tmp_path, name):
    out_dir = tmp_path / "locked"
    out_dir.mkdir()

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(ptce_kit.files.tempfile, "mkstemp", denied)
    failed(capsys, argv_of(name, pole, out_dir / "result"), words=("permission denied",))
    assert leftovers(out_dir) == []


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root may write into a read-only folder")
def test_a_real_read_only_folder(capsys, pole, tmp_path):
    out_dir = tmp_path / "locked"
    out_dir.mkdir()
    out_dir.chmod(0o555)
    try:
        failed(capsys, ["export", pole, "--to", "graphml", "-o", out_dir / "g.graphml"], words=("permission denied",))
        assert leftovers(out_dir) == []
    finally:
        out_dir.chmod(0o755)


def test_a_hard_linked_output_is_written_in_place_and_kept_whole_on_failure(monkeypatch, tmp_path):
    from ptce_kit.errors import PoleError
    from ptce_kit.files import atomic_write

    target, twin = tmp_path / "graph.graphml", tmp_path / "twin.graphml"
    target.write_text("old content\n")
    os.link(target, twin)
    atomic_write(target, "new content\n")
    assert os.path.samefile(target, twin) and twin.read_text() == "new content\n"
    real_write, calls = os.write, []

    def full_after_the_backup(fd, data):
        calls.append(fd)
        if len(calls) == 2:  # the backup is written, then the disk is full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(ptce_kit.files.os, "write", full_after_the_backup)
    with pytest.raises(PoleError) as caught:
        atomic_write(target, "a much longer new content that does not fit\n")
    assert "disk is full" in caught.value.problems[0].message
    monkeypatch.undo()
    assert os.path.samefile(target, twin) and twin.read_text() == "new content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.graphml", "twin.graphml"]
