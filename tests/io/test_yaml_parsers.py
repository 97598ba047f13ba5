"""The C parser (ruamel.yaml.clib) and the pure one read every file the same way."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml.error import YAMLError

from ptce_kit.io.files import has_libyaml, yaml_loader

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
# Alias bombs and cycles cannot be compared (expanding them is what the loader prevents).
FILES = sorted(p for p in HOSTILE.glob("*.yaml") if "alias" not in p.stem)

TRICKY = [
    "a: yes\nb: no\nc: on\nd: 010\ne: 0o10\nf: 2014-02-30\ng: 1_000\nh: .inf\ni: ~\nj: 12:30\nk: 0x1F\n",
    "a: &x [1]\nb: *x\n",
    "a: '\\u00e9'\nb: \"\\x41\"\nc: |\n  two\n  lines\n",
    "joined: 2014\nleft: 2016-07\nsince: 2015-03-01\n",
]


def _load(text: str, pure: bool):
    try:
        data = yaml_loader(pure=pure).load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return (type(exc).__name__, mark.line if mark else None)
    except (ValueError, RecursionError) as exc:  # huge integers; the loader's callers handle both
        return type(exc).__name__
    return data


@pytest.mark.skipif(not has_libyaml(), reason="ruamel.yaml.clib is not installed")
@pytest.mark.parametrize(
    "text",
    TRICKY + [p.read_text(encoding="utf-8", errors="replace") for p in FILES],
    ids=[f"tricky-{i}" for i in range(len(TRICKY))] + [p.stem for p in FILES],
)
def test_both_parsers_agree(text):
    assert _load(text, pure=True) == _load(text, pure=False)


@pytest.mark.skipif(not has_libyaml(), reason="ruamel.yaml.clib is not installed")
def test_both_parsers_agree_on_pole_sud(pole_sud_path):
    text = pole_sud_path.read_text(encoding="utf-8")
    assert _load(text, pure=True) == _load(text, pure=False)
