"""Plain block-style YAML read line by line: the fast way to read a large generated ``pole.yaml``.

A pole of 10^4 or 10^5 actors is written by a program (``save_pole``, an export, a
script), in the plainest YAML there is: block mappings and sequences, one ``key: value``
or ``- value`` per line, values plain or quoted on one line.  That YAML is read here a
line at a time, with a handful of string operations per line and no event object: about
a third of the time of libyaml's events through ruamel.yaml.clib (whose Python objects
for each event and mark cost more than libyaml's parsing), five to six times
``json.loads`` on the same data (C all the way), so that loading, validating and
graphing a YAML pole takes about 1.4 times the same from JSON.

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
    rests = [line.lstrip(" ") for line in lines]
    indents = [len(line) - len(rest) for line, rest in zip(lines, rests)]
    body = text[:-1] if text.endswith("\n") else text
    if not body:
        raise NotPlain(None)  # no data: the events say what an empty document is
    if "\n\n" in body or " \n" in body or body.endswith((" ", "\n")) or body.startswith("\n") \
            or ("#" in body and _COMMENT.search(body)):
        # Blank lines and comments left out, trailing spaces too.
        kept = [(indent, rest.rstrip(" ")) for indent, rest in zip(indents, rests) if rest.strip(" ")[:1] not in ("", "#")]
        indents, rests = [indent for indent, _ in kept], [rest for _, rest in kept]
    if not rests:
        raise NotPlain(None)  # no data: the events say what an empty document is
    reader = _Reader(indents, rests)
    try:
        data, i = reader.node(0, 1)
        if i < len(rests):
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


def _is_item(rest: str) -> bool:
    return rest[0] == "-" and (len(rest) == 1 or rest[1] == " ")


class _Reader:
    """Blocks read from the lines that hold something (``indents[i]``, ``rests[i]``)."""

    def __init__(self, indents: list[int], rests: list[str]) -> None:
        self.indents, self.rests, self.total = indents, rests, len(rests)
        self.keys: dict[str, Any] = {}  # keys repeat: each resolved once
        self.values: dict[str, Any] = {}  # values of one line, read once (not lists or mappings)

    def node(self, i: int, depth: int) -> tuple[Any, int]:
        if depth > MAX_NESTING:
            raise _Stop(i)
        rest = self.rests[i]
        if rest[0] == "-" and (len(rest) == 1 or rest[1] == " "):
            return self.sequence(i, depth)
        return self.mapping(i, depth)

    def below(self, i: int, indent: int, depth: int, same_indent_sequence: bool) -> tuple[Any, int]:
        """The value on the lines after a ``key:`` or ``-`` at ``indent``: a block, or null."""
        if i < self.total and (self.indents[i] > indent or (
                same_indent_sequence and self.indents[i] == indent and _is_item(self.rests[i]))):
            return self.node(i, depth + 1)
        return None, i

    def mapping(self, i: int, depth: int) -> tuple[dict[Any, Any], int]:
        indents, rests, total = self.indents, self.rests, self.total
        key_of, value_of = self.keys.get, self.values.get
        indent = indents[i]
        result: dict[Any, Any] = {}
        count = 0  # keys written: fewer in ``result`` means a duplicate key
        while i < total and indents[i] == indent:
            rest = rests[i]
            raw, colon, value = rest.partition(": ")
            if not colon:
                if not rest.endswith(":"):
                    raise _Stop(i)
                raw = rest[:-1]
            key = key_of(raw, _MISSING)
            if key is _MISSING:
                key = self.keys[raw] = _key(raw, i)
            count += 1
            if not colon:
                result[key], i = self.below(i + 1, indent, depth, True)
                continue
            # Values repeat (categories, years, communes…): each text is read once.
            known = value_of(value, _MISSING)
            if known is _MISSING:
                known = _scalar(value.lstrip(" "), i)
                if not isinstance(known, (list, dict)):
                    self.values[value] = known
            result[key] = known
            i += 1
        if count != len(result):
            # A duplicate key: the events leave it to ruamel.yaml, which says where.
            raise _Stop(i - 1)
        if i < total and indents[i] > indent:
            raise _Stop(i)
        return result, i

    def sequence(self, i: int, depth: int) -> tuple[list[Any], int]:
        indents, rests, total = self.indents, self.rests, self.total
        indent = indents[i]
        result: list[Any] = []
        while i < total and indents[i] == indent:
            rest = rests[i]
            if rest[0] != "-":
                break
            if len(rest) == 1:
                value, i = self.below(i + 1, indent, depth, False)
                result.append(value)
                continue
            if rest[1] != " ":
                break
            after = rest[2:]
            if after[0] == " " or (after[0] == "-" and (len(after) == 1 or after[1] == " ")):
                raise _Stop(i)
            raw, colon, _ = after.partition(": ")
            if not colon and after[-1] == ":":
                raw, colon = after[:-1], ":"
            if colon and (raw in self.keys or _KEY.fullmatch(raw)):
                # "- key: value": a mapping whose keys stand two columns further in.
                indents[i], rests[i] = indent + 2, after
                value, i = self.mapping(i, depth + 1)
                result.append(value)
            else:
                known = self.values.get(after, _MISSING)
                if known is _MISSING:
                    known = _scalar(after, i)
                    if not isinstance(known, (list, dict)):
                        self.values[after] = known
                result.append(known)
                i += 1
        if i < total and indents[i] > indent:
            raise _Stop(i)
        return result, i
