"""``ptce build`` of Pôle Sud writes the same bytes as recorded: work on the build's speed
(the template cache, the map drawn once, the forked steps) changes no byte of its files.

The record is ``tests/data/builds/pole_sud.json``; a change meant to alter the documents or
the maps regenerates it with ``python scripts/record_build_digests.py``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from ptce_kit.pipeline import build
from ptce_kit.render import documents

ROOT = Path(__file__).resolve().parent.parent
RECORD = json.loads((ROOT / "tests" / "data" / "builds" / "pole_sud.json").read_text(encoding="utf-8"))["files"]


def _digests(folder: Path, jobs: int) -> dict[str, str]:
    written = build(ROOT / "examples" / "pole_sud", folder, jobs=jobs)
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in written}


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_file_of_the_pole_sud_build_has_its_recorded_bytes(tmp_path, jobs):
    found = _digests(tmp_path / "out", jobs)
    assert sorted(found) == sorted(RECORD)
    differ = [name for name in RECORD if found[name] != RECORD[name]]
    assert not differ, f"{differ} changed: if meant, run python scripts/record_build_digests.py"


def test_templates_read_back_from_the_disk_cache_give_the_same_bytes(tmp_path, monkeypatch):
    # A first build compiles the templates into the cache, a second (environments forgotten,
    # as in a new process) loads them from it: both as recorded.
    monkeypatch.setenv("PTCE_CACHE_DIR", str(tmp_path / "cache"))
    documents._environments.clear()
    assert _digests(tmp_path / "first", 1) == RECORD
    assert any((tmp_path / "cache").rglob("*")), "the first build left no compiled template"
    documents._environments.clear()
    assert _digests(tmp_path / "second", 1) == RECORD
