"""Locating problems reads libyaml's events, and places them where the round-trip loader did."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ptce_kit.io import locate
from ptce_kit.io.files import parse_text
from ptce_kit.io.locate import PositionIndex

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "pole_sud" / "pole.yaml"


def every_path(data, path=()):
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from every_path(value, (*path, key))
            yield (*path, key, "no-such-field")
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from every_path(value, (*path, i))
        yield (*path, len(data))


@pytest.mark.parametrize("kind", ["yaml", "json", "json-indented"])
def test_events_place_every_path_as_the_round_trip_loader(kind):
    text = EXAMPLE.read_text(encoding="utf-8")
    data = parse_text(text)
    if kind != "yaml":
        text = json.dumps(data, ensure_ascii=False, indent=2 if kind == "json-indented" else None)
    paths = list(every_path(data))
    assert len(paths) > 500
    fast = PositionIndex(text).locate_all(paths)
    index = PositionIndex(text)
    slow = [index.locate_round_trip(p) for p in paths]
    assert fast == slow
    assert all(line is not None for line, _ in fast)


def test_locating_one_error_does_not_build_the_round_trip_tree(monkeypatch):
    def refuse(text):
        raise AssertionError("the round-trip loader ran")

    monkeypatch.setattr(locate, "_round_trip", refuse)
    text = EXAMPLE.read_text(encoding="utf-8")
    [(line, column)] = PositionIndex(text).locate_all([("actors", 2, "category")])
    assert text.splitlines()[line - 1][column - 1:].startswith("category:")


def test_aliases_anchors_and_odd_keys_do_not_lose_the_place():
    text = "a: &x {b: 1}\nc: *x\n[k]: 2\nd:\n  - 1\n  - e: 3\n"
    index = PositionIndex(text)
    assert index.locate_all([("c", "b"), ("d", 1, "e"), ("d", 1, "f"), ("z",)]) == [(2, 1), (6, 5), (6, 5), (1, 1)]


def test_unreadable_text_gives_no_place_and_no_error():
    assert PositionIndex("a: [1, 2\n").locate(("a", 0)) == (None, None)


def test_json_is_located_by_its_own_walk_as_by_the_events(monkeypatch):
    text = json.dumps(parse_text(EXAMPLE.read_text(encoding="utf-8")), ensure_ascii=False, indent=1)
    paths = list(every_path(json.loads(text)))
    by_json = PositionIndex(text).locate_all(paths)
    monkeypatch.setattr(locate, "_json_marks", lambda text, wanted: 1 / 0)
    assert PositionIndex(text).locate_all(paths) == by_json
