"""Helpers of the tests of support, indicators, ties, events and variants: write a pole, read its problems."""

from __future__ import annotations

import textwrap
from pathlib import Path

from ptce_kit.errors import PoleError
from ptce_kit.io import dump_pole, load_pole

HEAD = """\
format: ptce/1
id: demo
name: Demo
actors:
  - {id: atelier, name: Atelier, category: ess_enterprise}
  - {id: mairie, name: Mairie, category: local_authority}
  - {id: usine, name: Usine, category: enterprise}
"""


def write(tmp_path: Path, body: str, head: str = HEAD) -> Path:
    path = tmp_path / "pole.yaml"
    path.write_text(head + textwrap.dedent(body), encoding="utf-8")
    return path


def problems(tmp_path: Path, body: str) -> list[tuple[str, int | None, str]]:
    """``(path, line, message)`` of every problem of the pole, which must be invalid."""
    try:
        load_pole(write(tmp_path, body))
    except PoleError as exc:
        return [(p.to_dict()["path"], p.line, p.message) for p in exc.problems]
    raise AssertionError("the pole is valid")


def round_trip(tmp_path: Path, body: str) -> None:
    """Loading, writing and loading again gives the same pole and the same text."""
    pole = load_pole(write(tmp_path, body))
    text = dump_pole(pole)
    again = tmp_path / "again.yaml"
    again.write_text(text, encoding="utf-8")
    back = load_pole(again)
    assert back == pole
    assert dump_pole(back) == text
