"""The key of the pseudonyms (``.ptce-secret``): made whole, kept private, never overwritten."""

from __future__ import annotations

import os
import resource
import stat
from pathlib import Path

import pytest

from ptce_kit.errors import PoleError
from ptce_kit.io.privacy import anonymize_file
from ptce_kit.privacy import SECRET_FILE_NAME, load_secret

POLE = """\
format: ptce/1
id: demo
name: Pôle Démo
actors:
  - id: jeanne-exemple
    name: Jeanne Exemple
    category: person
  - id: a
    name: A
    category: enterprise
"""
KEY = "f" * 64 + "\n"


@pytest.fixture
def pole_file(tmp_path: Path) -> Path:
    file = tmp_path / "pole.yaml"
    file.write_text(POLE, encoding="utf-8")
    return file


def private_key(path: Path, text: str = KEY) -> Path:
    path.write_text(text, encoding="ascii")
    path.chmod(0o600)
    return path


def test_a_failed_write_leaves_no_empty_key(ptce, tmp_path, pole_file):
    """A write that fails (here: no room, by a file-size limit of 0) leaves no key behind."""
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}  # the checkout under test

    def no_room() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (0, resource.RLIM_INFINITY))

    result = subprocess.run([sys.executable, "-m", "ptce_kit", "anonymize", str(pole_file), "-o",
                             str(tmp_path / "copy.yaml")], env=env, capture_output=True, text=True,
                            preexec_fn=no_room, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "cannot write the pseudonym secret" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pole.yaml"]  # no key, no temporary file
    # The next run makes a whole key and uses it.
    result = ptce("anonymize", pole_file, "-o", tmp_path / "copy.yaml")
    assert result.returncode == 0, result.stderr
    key = tmp_path / SECRET_FILE_NAME
    assert len(key.read_text().strip()) == 64 and stat.S_IMODE(key.stat().st_mode) == 0o600


def test_an_empty_key_is_refused_with_the_fix(ptce, tmp_path, pole_file):
    private_key(tmp_path / SECRET_FILE_NAME, "")
    result = ptce("anonymize", pole_file, "-o", tmp_path / "copy.yaml")
    assert result.returncode == 1 and "too short" in result.stderr and "delete it" in result.stderr
    assert not (tmp_path / "copy.yaml").exists()


def test_a_symlinked_key_is_refused(ptce, tmp_path, pole_file):
    real = private_key(tmp_path / "elsewhere")
    (tmp_path / SECRET_FILE_NAME).symlink_to(real)
    result = ptce("anonymize", pole_file, "-o", tmp_path / "copy.yaml")
    assert result.returncode == 1 and "symbolic link" in result.stderr and SECRET_FILE_NAME in result.stderr
    assert not (tmp_path / "copy.yaml").exists()


def test_a_dangling_symlink_is_not_followed_to_make_a_key(ptce, tmp_path, pole_file):
    target = tmp_path / "planted"
    (tmp_path / SECRET_FILE_NAME).symlink_to(target)
    result = ptce("anonymize", pole_file, "-o", tmp_path / "copy.yaml")
    assert result.returncode == 1 and "symbolic link" in result.stderr
    assert not target.exists()


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o644], ids=["0640", "0604", "0644"])
def test_a_key_others_can_read_is_refused(ptce, tmp_path, pole_file, mode):
    key = private_key(tmp_path / SECRET_FILE_NAME)
    key.chmod(mode)
    result = ptce("anonymize", pole_file, "-o", tmp_path / "copy.yaml")
    assert result.returncode == 1 and "can be read by others" in result.stderr
    assert "chmod 600" in result.stderr and "Traceback" not in result.stderr
    assert stat.S_IMODE(key.stat().st_mode) == mode  # said, not silently changed
    result = ptce("purge", pole_file, "--left-before", "2020")
    assert result.returncode == 1 and "can be read by others" in result.stderr


def test_the_key_is_never_the_output(ptce, tmp_path, pole_file):
    key = private_key(tmp_path / SECRET_FILE_NAME)
    (tmp_path / "sub").mkdir()  # so that sub/../.ptce-secret is the key under another spelling
    for output in (key, tmp_path / "sub" / ".." / SECRET_FILE_NAME):
        result = ptce("anonymize", pole_file, "-o", output)
        # Refused by the command's output guard (the key is one of its inputs) or by
        # anonymize_file itself; either way a clear message and the key kept.
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert "key of the pseudonyms" in result.stderr or "own input" in result.stderr, result.stderr
        assert key.read_text() == KEY
    other = private_key(tmp_path / "my.key")
    result = ptce("anonymize", pole_file, "-o", other, "--secret-file", other)
    assert result.returncode == 1 and other.read_text() == KEY
    link = tmp_path / "link-to-key.yaml"
    link.symlink_to(other)
    result = ptce("anonymize", pole_file, "-o", link, "--secret-file", other)
    assert result.returncode == 1 and other.read_text() == KEY


def test_the_library_refuses_the_key_as_output(tmp_path, pole_file):
    key = private_key(tmp_path / SECRET_FILE_NAME)
    with pytest.raises(PoleError, match="key of the pseudonyms"):
        anonymize_file(pole_file, key)
    assert key.read_text() == KEY


def test_the_pole_file_is_not_a_key(ptce, tmp_path, pole_file):
    result = ptce("anonymize", pole_file, "-o", tmp_path / "copy.yaml", "--secret-file", pole_file)
    assert result.returncode == 1 and "not a pseudonym secret" in result.stderr
    other = tmp_path / "notes.txt"
    private_key(other, "a long line of notes that is not a key at all\nand a second line\n")
    with pytest.raises(PoleError, match="one line"):
        load_secret(other)


def test_a_new_key_is_private_and_stable(tmp_path):
    key = tmp_path / "k"
    first = load_secret(key)
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and len(first) == 64
    assert load_secret(key) == first
    assert [p.name for p in tmp_path.iterdir()] == ["k"]
