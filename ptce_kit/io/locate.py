"""Find the line and column of field paths in the text of a YAML or JSON file.

Files are loaded with a fast parser that keeps no positions; only when something is
wrong is the text read again to point at the exact places.  That second reading streams
libyaml's parse events (through ruamel.yaml.clib; JSON is YAML 1.2) and follows only the
branches that lead to a wanted path, so that locating one error in a pole of 10^5 actors
costs a fraction of loading it.  Without libyaml, or when its events cannot be read,
ruamel.yaml's round-trip loader gives the positions instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

__all__ = ["PositionIndex"]

Path = tuple[str | int, ...]
Where = tuple[int | None, int | None]


class PositionIndex:
    """Positions of the nodes of one document, for any number of look-ups.

    Examples
    --------
    >>> index = PositionIndex("id: demo\\nactors:\\n  - id: a\\n    name: A\\n")
    >>> index.locate(("actors", 0, "name")), index.locate(("actors", 0, "category"))
    ((4, 5), (3, 5))
    >>> index.locate_all([("id",), ("actors", 3)])
    [(1, 1), (2, 1)]
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._root: Any = None
        self._rt_loaded = False

    def locate(self, path: Sequence[str | int]) -> Where:
        """1-based ``(line, column)`` of the deepest existing node on ``path``.

        For a missing key this is the mapping that should hold it, which is where the
        user has to add it.
        """
        return self.locate_all([path])[0]

    def locate_all(self, paths: Iterable[Sequence[str | int]]) -> list[Where]:
        """:meth:`locate` for many paths, reading the text once."""
        wanted = [tuple(p) for p in paths]
        if not wanted:
            return []
        marks = None
        if self._text.lstrip()[:1] in ("{", "["):
            try:
                marks = _json_marks(self._text, wanted)
            except Exception:  # noqa: BLE001 - YAML in flow style, or bad JSON: the events below
                marks = None
        if marks is None:
            try:
                marks = _event_marks(self._text, wanted)
            except Exception:  # noqa: BLE001 - positions are a courtesy; the slow way below
                marks = None
        if marks is not None:
            return [_deepest(marks, p) for p in wanted]
        return [self.locate_round_trip(p) for p in wanted]

    def locate_round_trip(self, path: Path) -> Where:
        if not self._rt_loaded:
            self._rt_loaded = True
            self._root = _round_trip(self._text)
        node = self._root
        where: Where = (None, None)
        if node is None:
            return where
        lc = getattr(node, "lc", None)
        if lc is not None:
            where = (lc.line + 1, lc.col + 1)
        for part in path:
            lc = getattr(node, "lc", None)
            try:
                if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
                    if lc is not None:
                        line, col = lc.item(part)
                        where = (line + 1, col + 1)
                    node = node[part]
                elif isinstance(node, dict) and part in node:
                    if lc is not None:
                        line, col = lc.key(part)
                        where = (line + 1, col + 1)
                    node = node[part]
                else:
                    break
            except (KeyError, IndexError, TypeError, AttributeError):
                break
        return where


def _deepest(marks: dict[Path, tuple[int, int]], path: Path) -> Where:
    for end in range(len(path), -1, -1):
        found = marks.get(path[:end])
        if found is not None:
            return found[0] + 1, found[1] + 1
    return None, None


def _trie(wanted: list[Path]) -> dict[Any, Any]:
    """The wanted paths as nested dicts: each node maps a path part to the node below it."""
    trie: dict[Any, Any] = {}
    for path in wanted:
        node = trie
        for part in path:
            node = node.setdefault(part, {})
    return trie


def _json_marks(text: str, wanted: list[Path]) -> dict[Path, tuple[int, int]]:
    """0-based ``(line, column)`` of every node on the way to a wanted path, in JSON text.

    Only the objects and arrays on a wanted path are walked here; every other value is
    skipped by the ``json`` module's C scanner, so that this costs about one ``json.loads``.
    Raises ``ValueError`` (or ``StopIteration``) for text that is not JSON.
    """
    import json
    import re

    # The C scanners json.loads itself runs, which typeshed leaves out.
    scan: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
    scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
    space = re.compile(r"[ \t\n\r]*")
    found: dict[Path, int] = {}

    def skip(i: int) -> int:
        return space.match(text, i).end()  # type: ignore[union-attr]

    def walk(i: int, path: Path, node: dict[Any, Any]) -> int:
        opening = text[i]
        if not node or opening not in "{[":
            return scan(text, i)[1]
        close = "}" if opening == "{" else "]"
        i = skip(i + 1)
        if text[i] == close:
            return i + 1
        position = 0
        while True:
            if opening == "{":
                if text[i] != '"':
                    raise ValueError("a key is due")
                key_at = i
                key, i = scanstring(text, i + 1)
                i = skip(i)
                if text[i] != ":":
                    raise ValueError("':' is due")
                i = skip(i + 1)
                part: Any = key
                at = key_at
            else:
                part, at = position, i
                position += 1
            below = node.get(part)
            if below is not None:
                found[(*path, part)] = at
                i = walk(i, (*path, part), below)
            else:
                i = scan(text, i)[1]
            i = skip(i)
            if text[i] == ",":
                i = skip(i + 1)
            elif text[i] == close:
                return i + 1
            else:
                raise ValueError("',' is due")

    start = skip(0)
    found[()] = start
    walk(start, (), _trie(wanted))
    marks: dict[Path, tuple[int, int]] = {}
    line, line_start, done = 0, 0, 0
    for path, at in sorted(found.items(), key=lambda item: item[1]):
        line += text.count("\n", done, at)
        if line:
            line_start = text.rfind("\n", 0, at) + 1
        done = at
        marks[path] = (line, at - line_start)
    return marks


def _event_marks(text: str, wanted: list[Path]) -> dict[Path, tuple[int, int]] | None:
    """0-based ``(line, column)`` of every node on the way to a wanted path, from libyaml's events.

    A mapping's entry is placed at its key, a list's item at the item, as ruamel.yaml's
    round-trip loader places them.  ``None`` without libyaml or for a text it cannot read
    to the end (the round-trip loader then says what it can).
    """
    try:
        from _ruamel_yaml import CParser
    except ImportError:
        return None
    from ruamel.yaml import events as ev

    from .yaml_events import _plain

    trie = _trie(wanted)
    marks: dict[Path, tuple[int, int]] = {}
    parser = CParser(text)
    # Each open container followed: [is a mapping, its path, its trie node, next index or
    # the key read (None: a key is due), the key's mark].
    stack: list[list[Any]] = []
    skipping = 0  # depth inside a container no wanted path goes through
    scalar, alias = ev.ScalarEvent, ev.AliasEvent
    starts = (ev.MappingStartEvent, ev.SequenceStartEvent)
    ends = (ev.MappingEndEvent, ev.SequenceEndEvent)
    key_due, no_key = object(), object()

    while True:
        event = parser.get_event()
        kind = type(event)
        if skipping:
            if kind in starts:
                skipping += 1
            elif kind in ends:
                skipping -= 1
            continue
        if kind is ev.StreamEndEvent:
            return marks
        if kind not in starts and kind is not scalar and kind is not alias:
            if kind in ends:
                stack.pop()
            continue
        # A node: the root, a key, a mapping's value or a list's item.
        if not stack:
            path: Path = ()
            below = trie
            place = event.start_mark
        else:
            top = stack[-1]
            if top[0]:  # a mapping
                if top[3] is key_due:
                    if kind is scalar:
                        key = _plain(event.value) if event.implicit[0] else event.value
                    else:
                        key = no_key  # an alias or a container as a key: never on a path
                    if kind in starts:
                        skipping = 1
                    top[3], top[4] = key, event.start_mark
                    continue
                key, place = top[3], top[4]
                top[3] = key_due
            else:
                key = top[3]
                top[3] += 1
                place = event.start_mark
            below = top[2].get(key)
            if below is None:
                if kind in starts:
                    skipping = 1
                continue
            path = (*top[1], key)
        marks[path] = (place.line, place.column)
        if kind in starts:
            if below:
                stack.append([kind is ev.MappingStartEvent, path, below, key_due if kind is ev.MappingStartEvent else 0, None])
            else:
                skipping = 1


def _round_trip(text: str) -> Any:
    try:
        from ruamel.yaml import YAML
        from ruamel.yaml.constructor import RoundTripConstructor

        class _Constructor(RoundTripConstructor):
            pass

        # Keep dates as text: an impossible date must not hide every position.
        _Constructor.add_constructor(
            "tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str
        )
        yaml = YAML(typ="rt")
        yaml.Constructor = _Constructor
        yaml.allow_duplicate_keys = True
        return yaml.load(text)
    except Exception:  # noqa: BLE001 - positions are a courtesy; never fail on them
        return None
