"""Fixtures of the workspace's tests (helpers in ``serving.py``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("python_multipart")
pytest.importorskip("httpx")

sys.path.insert(0, str(Path(__file__).parent))
from serving import COMMENT, POLE_SUD, make_client  # noqa: E402


@pytest.fixture
def pole_file(tmp_path: Path) -> Path:
    text = POLE_SUD.read_text(encoding="utf-8")
    text = text.replace("format: ptce/1\n", f"{COMMENT}\nformat: ptce/1  # the format's version\n", 1)
    target = tmp_path / "pole" / "pole.yaml"
    target.parent.mkdir()
    target.write_text(text, encoding="utf-8")
    return target


@pytest.fixture
def client(pole_file: Path):
    return make_client(pole_file.parent)


@pytest.fixture
def empty_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "nouveau"
    folder.mkdir()
    return folder


