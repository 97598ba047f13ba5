"""Plain block-style YAML read line by line: the fast way to read a large generated ``pole.yaml``.

A pole of 10^4 or 10^5 actors is written by a program (``save_pole``, an export, a
script), in the plainest YAML there is: block mappings and sequences, one ``key: value``
or ``- value`` per line, values plain or quoted on one line, and the same lines again and
again.  That YAML is read here without an event object: each different line once (what a
line says depends on its text alone), the lines' readings placed in order in C, the
blocks built by comparing indentations, a slice of lines at a time so that the tables stay
in the processor's cache.  About three times ``json.loads`` on the same data (C all the
way; 2.4 s against 0.8 s at 10^5 actors), so that loading, validating and graphing a YAML
pole takes about 1.3 times the same from JSON at 10^5 actors (docs/performance.md,
"Reading YAML near JSON").

Only that YAML is read here.  At the first line that is anything else (an anchor, an
alias, a tag, a flow collection, a block scalar, a value running over several lines, a
comment after a value, a duplicate key, a tab, a document marker, an indentation that
is not the plainest, a character YAML forbids, a number Python would refuse…)
:class:`NotPlain` is raised and the caller reads the text with libyaml's events
(:mod:`ptce_kit.io.yaml_events`), which give the data, or the located error and the
refusal, that they always gave.  Plain scalars are resolved by the same function as
there (:func:`ptce_kit.io.yaml_events.plain_value`, the YAML 1.2 core schema), and a
test checks that both readers give the same data on generated documents.

Examples
--------
>>> load_block("id: demo\\nfounded: 2014\\nactors:\\n  - id: a\\n    name: 'L''atelier'\\n  - id: b\\n")
{'id': 'demo', 'founded': 2014, 'actors': [{'id': 'a', 'name': "L'atelier"}, {'id': 'b'}]}
>>> try:
...     load_block("a: &x 1\\nb: *x\\n")
... except NotPlain as exc:
...     print("not plain at line", exc.line)
not plain at line 1
"""

from __future__ import annotations

import re
from operator import methodcaller, sub
from typing import Any

from .yaml_events import plain_value

__all__ = ["NotPlain", "load_block"]


class NotPlain(Exception):
    """The text is not the plain block YAML read here (``line``: the first line that is not, 1-based)."""

    def __init__(self, line: int | None = None) -> None:
        super().__init__(line)
        self.line = line


#: Nesting read here at most; deeper text is left to the events, which refuse it past the bound.
MAX_NESTING = 40
# A character YAML does not allow in a text, or one read here as a line break by libyaml
# (NEL, LS, PS), or a byte order mark: the whole text is left to the events.
_NOT_PRINTABLE = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# A key read here: a plain word or a quoted text without escapes; a line holding ": " after
# anything else is left to the events.
_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*|'[^'\n]*'|\"[^\"\\\\\n]*\"")
# The first character of a value that is not a plain scalar read here (indicators, quotes
# are taken apart below).
_INDICATORS = frozenset("-?:,[]{}#&*!|>%@`")
_DOUBLE = re.compile(r"""(?:[^"\\]|\\(?:[0abtnvfre "/\\N_LP]|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}))*\Z""")
_ESCAPE = re.compile(r"\\(?:([0abtnvfre \"/\\N_LP])|x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))")
_SIMPLE_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
                   "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
                   "L": "\u2028", "P": "\u2029"}


def _unescape(match: re.Match[str]) -> str:
    simple, *codes = match.groups()
    if simple is not None:
        return _SIMPLE_ESCAPES[simple]
    code = int(next(c for c in codes if c is not None), 16)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        raise ValueError("a surrogate or a code point out of range")  # left to libyaml
    return chr(code)


# The first characters of a plain scalar that is text whatever follows (see plain_value).
_TEXT_START = frozenset(chr(c) for c in range(0x20, 0x7F)) - _INDICATORS - set("tTfFnN~+0123456789.<='\" ")
_MISSING = object()
_NEW = (list, dict)  # the values of "[]" and "{}"
_LSTRIP_SPACES = methodcaller("lstrip", " ")
# The start of a comment line.
_COMMENT = re.compile(r"(?:^|\n) *#")


def load_block(text: str) -> Any:
    """The data of a text of plain block YAML, or :class:`NotPlain` (see the module's text)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")  # one-line values only: a CR LF ends a line as LF does
    if "\t" in text or "\r" in text or _NOT_PRINTABLE.search(text):
        raise NotPlain(None)
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    body = text[:-1] if text.endswith("\n") else text
    if not body:
        raise NotPlain(None)  # no data: the events say what an empty document is
    if "\n\n" in body or " \n" in body or body.endswith((" ", "\n")) or body.startswith("\n") \
            or ("#" in body and _COMMENT.search(body)):
        # Blank lines and comments left out, trailing spaces too.
        lines = [line.rstrip(" ") for line in lines if line.lstrip(" ")[:1] not in ("", "#")]
    if not lines:
        raise NotPlain(None)  # no data: the events say what an empty document is
    reader = _Reader(lines)
    try:
        data, i = reader.node(0, 1)
        if i < len(lines):
            raise _Stop(i)
    except _Stop as stop:
        raise NotPlain(_line_number(text, stop.at)) from None
    return data


class _Stop(Exception):
    def __init__(self, at: int) -> None:
        self.at = at


def _line_number(text: str, at: int) -> int | None:
    """The 1-based line of the ``at``-th line that holds something (only when reading stopped)."""
    for number, line in enumerate(text.split("\n"), 1):
        rest = line.lstrip(" ")
        if rest and rest[0] != "#":
            if at == 0:
                return number
            at -= 1
    return None


def _scalar(value: str, at: int) -> Any:
    """The value of the text after ``key: `` or ``- `` (one line, trailing spaces left out)."""
    first = value[0]
    if first == "'":
        inner = value[1:-1]
        if len(value) < 2 or value[-1] != "'" or "'" in inner.replace("''", ""):
            raise _Stop(at)
        return inner.replace("''", "'")
    if first == '"':
        inner = value[1:-1]
        if len(value) < 2 or value[-1] != '"':
            raise _Stop(at)
        if "\\" not in inner:
            if '"' in inner:
                raise _Stop(at)
            return inner
        if not _DOUBLE.match(inner):
            raise _Stop(at)
        try:
            return _ESCAPE.sub(_unescape, inner)
        except ValueError:
            raise _Stop(at) from None
    if value == "[]":
        return []
    if value == "{}":
        return {}
    if (first in _INDICATORS and not (first == "-" and len(value) > 1 and value[1] != " ")) \
            or ": " in value or " #" in value or value[-1] == ":":
        raise _Stop(at)
    try:
        return plain_value(value)
    except Exception:  # noqa: BLE001 - whatever it is (a huge number…), the events say it
        raise _Stop(at) from None


def _key(raw: str, at: int) -> Any:
    if not _KEY.fullmatch(raw) or len(raw) > 1000:  # (YAML allows no longer implicit key)
        raise _Stop(at)
    if raw[0] in "'\"":
        return raw[1:-1]
    try:
        return plain_value(raw)
    except Exception:  # noqa: BLE001
        raise _Stop(at) from None


# What a line is (the second item of its reading, a tuple whose first item is its indentation).
# Items (``- …``) come after ``_ITEM``; a ``_NEW`` reading holds ``list`` or ``dict``, called
# for each line, since "[]" and "{}" are a new list or mapping wherever they stand.
_PAIR = 0  # "key: value": (indent, _PAIR, key, value)
_PAIR_NEW = 1  # "key: []": (indent, _PAIR_NEW, key, list)
_OPEN = 2  # "key:", a block or null below: (indent, _OPEN, key)
_BAD = 3  # anything this reader leaves to the events: (indent, _BAD)
_ITEM = 4  # "- value": (indent, _ITEM, value)
_ITEM_NEW = 5  # "- []": (indent, _ITEM_NEW, list)
_ITEM_PAIR = 6  # "- key: value", a mapping two columns further in: (indent, _ITEM_PAIR, key, value)
_ITEM_PAIR_NEW = 7  # "- key: []": (indent, _ITEM_PAIR_NEW, key, list)
_ITEM_OPEN = 8  # "- key:": (indent, _ITEM_OPEN, key)
_DASH = 9  # "-", a block or null below: (indent, _DASH)


#: Lines read together (see _Reader): a few thousand different lines, their values and readings.
_SLICE = 1 << 13


class _Reader:
    """Blocks read from the lines that hold something.

    What a line says depends on its text alone, indentation included, never on the lines
    around it.  Generated YAML repeats its lines ("    kind: cooperation", "      - a0334"):
    each different line is read once (its *reading*: indentation, kind, key, value), the
    readings are then placed in the order of the lines by a lookup in C (``map``), and the
    block structure is a matter of comparing indentations, a few operations a line.
    """

    def __init__(self, lines: list[str]) -> None:
        self.keys: dict[str, Any] = {}  # keys repeat: each resolved once
        self.values: dict[str, Any] = {}  # values repeat under other keys: each read once
        self.readings: list[tuple[Any, ...]] = []
        # A slice of lines at a time: its tables stay small enough for the processor's cache
        # (at 10^5 actors, one table of every line would be 5·10^5 entries, each lookup a miss).
        for start in range(0, len(lines), _SLICE):
            part = lines[start:start + _SLICE]
            self.values = {}
            table: dict[str, Any] = dict.fromkeys(part)  # readings, each filled below
            for line in table:
                table[line] = self.reading(line)
            self.readings += map(table.get, part)  # type: ignore[arg-type]
        self.values = {}
        self.total = len(lines)

    def reading(self, line: str) -> tuple[Any, ...]:
        """What a line says (see ``_PAIR``…); ``_BAD`` for what is not read here."""
        rest = line.lstrip(" ")
        indent = len(line) - len(rest)
        try:
            if rest[0] == "-" and (len(rest) == 1 or rest[1] == " "):
                if len(rest) == 1:
                    return (indent, _DASH)
                after = rest[2:]
                if after[0] == " " or (after[0] == "-" and (len(after) == 1 or after[1] == " ")):
                    return (indent, _BAD)
                raw, colon, value = after.partition(": ")
                if not colon and after[-1] == ":":
                    raw, colon = after[:-1], ":"
                if colon and (raw in self.keys or _KEY.fullmatch(raw)):
                    key = self._key(raw)
                    if colon == ":":
                        return (indent, _ITEM_OPEN, key)
                    known = self._value(value)
                    return (indent, _ITEM_PAIR, key, known) if known.__class__ not in _NEW \
                        else (indent, _ITEM_PAIR_NEW, key, known.__class__)
                known = self._value(after)
                return (indent, _ITEM, known) if known.__class__ not in _NEW else (indent, _ITEM_NEW, known.__class__)
            raw, colon, value = rest.partition(": ")
            if colon:
                key = self._key(raw)
                known = self._value(value)
                return (indent, _PAIR, key, known) if known.__class__ not in _NEW \
                    else (indent, _PAIR_NEW, key, known.__class__)
            if rest[-1] == ":":
                return (indent, _OPEN, self._key(rest[:-1]))
        except _Stop:
            pass
        return (indent, _BAD)

    def _key(self, raw: str) -> Any:
        key = self.keys.get(raw, _MISSING)
        if key is _MISSING:
            key = self.keys[raw] = _key(raw, 0)
        return key

    def _value(self, value: str) -> Any:
        """The value of a line's text after ``: `` or ``- ``."""
        known = self.values.get(value, _MISSING)
        if known is not _MISSING:
            return known
        if value[0] in _TEXT_START and ": " not in value and " #" not in value and value[-1] != ":":
            # Text whatever follows its first character (what _scalar and plain_value say of it).
            known = value
        else:
            known = _scalar(value.lstrip(" "), 0)
        self.values[value] = known
        return known

    def node(self, i: int, depth: int) -> tuple[Any, int]:
        if depth > MAX_NESTING:
            raise _Stop(i)
        found = self.readings[i]
        if found[1] >= _ITEM:
            return self.sequence(i, depth, found[0])
        return self.mapping(i, depth, found[0], found)

    def below(self, i: int, indent: int, depth: int, same_indent_sequence: bool) -> tuple[Any, int]:
        """The value on the lines after a ``key:`` or ``-`` at ``indent``: a block, or null."""
        if i < self.total:
            found = self.readings[i]
            if found[0] > indent or (same_indent_sequence and found[0] == indent and found[1] >= _ITEM):
                return self.node(i, depth + 1)
        return None, i

    def mapping(self, i: int, depth: int, indent: int, first: tuple[Any, ...]) -> tuple[dict[Any, Any], int]:
        """The mapping of the lines from ``i`` at ``indent`` (``first``: the reading of line ``i``,
        a ``- key…`` line when the mapping is a list's item, its keys two columns further in)."""
        readings, total = self.readings, self.total
        result: dict[Any, Any] = {}
        count = 1  # keys written: fewer in ``result`` means a duplicate key
        kind = first[1]
        if kind == _PAIR or kind == _ITEM_PAIR:
            result[first[2]] = first[3]
            i += 1
        elif kind == _OPEN or kind == _ITEM_OPEN:
            result[first[2]], i = self.below(i + 1, indent, depth, True)
        elif kind == _PAIR_NEW or kind == _ITEM_PAIR_NEW:
            result[first[2]] = first[3]()
            i += 1
        else:  # an item at a mapping's indentation, or a line not read here
            raise _Stop(i)
        while i < total:
            found = readings[i]
            if found[0] != indent:
                if found[0] > indent:
                    raise _Stop(i)
                break
            kind = found[1]
            count += 1
            if kind == _PAIR:
                result[found[2]] = found[3]
                i += 1
            elif kind == _OPEN:
                # The block below, or null (``below`` and ``node`` inlined: short lists are many).
                i += 1
                below = readings[i] if i < total else None
                if below is not None and (below[0] > indent or (below[0] == indent and below[1] >= _ITEM)):
                    if depth >= MAX_NESTING:
                        raise _Stop(i)
                    if below[1] >= _ITEM:
                        result[found[2]], i = self.sequence(i, depth + 1, below[0])
                    else:
                        result[found[2]], i = self.mapping(i, depth + 1, below[0], below)
                else:
                    result[found[2]] = None
            elif kind == _PAIR_NEW:
                result[found[2]] = found[3]()
                i += 1
            else:  # an item at a mapping's indentation, or a line not read here
                raise _Stop(i)
        if count != len(result):
            # A duplicate key: the events leave it to ruamel.yaml, which says where.
            raise _Stop(i - 1)
        return result, i

    def sequence(self, i: int, depth: int, indent: int) -> tuple[list[Any], int]:
        readings, total = self.readings, self.total
        result: list[Any] = []
        append = result.append
        while i < total:
            found = readings[i]
            if found[0] != indent:
                if found[0] > indent:
                    raise _Stop(i)
                break
            kind = found[1]
            if kind == _ITEM:
                append(found[2])
                i += 1
            elif kind == _ITEM_PAIR or kind == _ITEM_OPEN or kind == _ITEM_PAIR_NEW:
                # "- key: value": a mapping whose keys stand two columns further in.
                value, i = self.mapping(i, depth + 1, indent + 2, found)
                append(value)
            elif kind == _ITEM_NEW:
                append(found[2]())
                i += 1
            elif kind == _DASH:
                value, i = self.below(i + 1, indent, depth, False)
                append(value)
            elif kind == _BAD:
                raise _Stop(i)
            else:  # a "key…" line at the sequence's indentation: the sequence ends
                break
        return result, i
