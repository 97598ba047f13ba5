"""Plain data from libyaml's parse events: the fast way to read a large ``pole.yaml``.

ruamel.yaml's safe loader first *composes* a tree of nodes (each scalar an object with
its tag and two position marks), then *constructs* Python values from it, calling Python
code several times per scalar.  For a pole of 10^5 actors the node tree alone weighs
about 2 GB.  Here libyaml's parser (through ruamel.yaml.clib) streams its events and
each value is built as its event arrives: the memory is the data's, and the time a
third.

Only the plain YAML 1.2 that pole files are made of is built here: mappings, sequences,
scalars resolved by the YAML 1.2 core schema exactly as ruamel.yaml resolves them
(timestamps kept as text, as ptce-kit's loader does), anchors and aliases.  Anything
else (an explicit tag, a merge key ``<<``, a mapping used as a key, a ``%YAML``
directive, several documents, a duplicate key) raises :class:`Unsupported`, and the caller falls back to
ruamel.yaml's loader, which knows every corner of YAML.  A test checks that both give the
same data on generated documents.

Examples
--------
>>> load_events("id: demo\\nfounded: 2014\\nsince: 2014-07-31\\nweight: 1_000\\nkeys: [a, ~, true]\\n")
{'id': 'demo', 'founded': 2014, 'since': '2014-07-31', 'weight': 1000, 'keys': ['a', None, True]}
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["Unsupported", "Refused", "available", "load_events", "load_checked", "plain_value"]


class Unsupported(Exception):
    """The text uses YAML this builder leaves to ruamel.yaml's full loader."""


class Refused(Exception):
    """The text is refused (by :func:`load_checked`): ``reason`` says why, ``line`` where (1-based).

    Reasons: ``"alias_bomb"`` (aliases expand past the bound), ``"cycle"`` (an alias inside
    its own anchor), ``"too_deep"`` (nesting past the bound), ``"huge_integer"`` (more digits
    than Python converts).
    """

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason, self.line = reason, line


def available() -> bool:
    """Whether libyaml's parser (ruamel.yaml.clib) is installed."""
    try:
        import _ruamel_yaml  # noqa: F401
    except ImportError:
        return False
    return True


# The YAML 1.2 implicit resolvers of ruamel.yaml (resolver.py), tried in its order for
# the scalar's first character.
_BOOL = re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")
_FLOAT = re.compile(r"""(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))\Z""", re.X)
_INT = re.compile(r"""(?:[-+]?0b[0-1_]+
    |[-+]?0o?[0-7_]+
    |[-+]?[0-9_]+
    |[-+]?0x[0-9a-fA-F_]+)\Z""", re.X)
_NULL = re.compile(r"(?:~|null|Null|NULL|)\Z")
_LEFT_TO_RUAMEL = re.compile(r"(?:<<|=)\Z")  # a merge key; the 'value' tag, which no safe loader builds


#: Bits of the largest integer read: about 4300 decimal digits, the most Python writes back
#: as text (``sys.get_int_max_str_digits``); a longer hexadecimal one could not be shown.
MAX_INT_BITS = 14_000


def _int(text: str) -> int:
    digits = text.replace("_", "")
    sign = -1 if digits[0] == "-" else 1
    if digits[0] in "+-":
        digits = digits[1:]
    for prefix, base in (("0b", 2), ("0x", 16), ("0o", 8)):
        if digits.startswith(prefix):
            value = int(digits[2:], base)
            if value.bit_length() > MAX_INT_BITS:
                raise Refused("huge_integer")
            return sign * value
    return sign * int(digits)


def _float(text: str) -> float:
    digits = text.replace("_", "").lower()
    sign = -1 if digits[0] == "-" else 1
    if digits[0] in "+-":
        digits = digits[1:]
    if digits == ".inf":
        return sign * float("inf")
    if digits == ".nan":
        return float("nan")
    return sign * float(digits)


def plain_value(text: str) -> Any:
    """The value of a plain (unquoted) scalar, by the YAML 1.2 core schema (as ruamel.yaml resolves it).

    Examples
    --------
    >>> [plain_value(t) for t in ("2014", "2014-07-31", "0x1F", "~", "True", "1_000", "-.5")]
    [2014, '2014-07-31', 31, None, True, 1000, -0.5]
    """
    first = text[:1]
    if first in "tTfF" and _BOOL.match(text):
        return text in ("true", "True", "TRUE")
    if first and first in "-+0123456789.":
        try:
            if _FLOAT.match(text):
                return _float(text)
            if first != "." and _INT.match(text):
                return _int(text)
        except ValueError:  # "+_" looks like a number and is none: ruamel.yaml's error, in its order
            if len(text) > 4300:  # more digits than int() converts (sys.get_int_max_str_digits)
                raise Refused("huge_integer") from None
            raise Unsupported(text) from None
    if first in ("<", "=") and _LEFT_TO_RUAMEL.match(text):
        raise Unsupported(text)
    if first in ("~", "n", "N", "") and _NULL.match(text):
        return None
    return text  # strings, and timestamps: kept as text, as ptce-kit's loader keeps dates


_plain = plain_value  # the name io.locate imports


def load_events(text: str) -> Any:
    """The data of a one-document YAML text, built from libyaml's events.

    Raises the same ruamel.yaml errors as its loader for bad syntax, and
    :class:`Unsupported` for what it leaves to that loader (including a duplicate key,
    whose error ruamel.yaml reports in its own order).  No bound is checked: see
    :func:`load_checked`.
    """
    return _build(text, None, None)[0]


def load_checked(text: str, max_depth: int, max_expansion: int) -> tuple[Any, bool]:
    """:func:`load_events` with bounds: ``(data, whether an alias placed a list or mapping)``.

    Raises :class:`Refused` for nesting deeper than ``max_depth`` and for aliases that
    expand to more than ``max_expansion`` characters in all (each alias counts the
    characters of its anchor's text, aliases inside included), or that point inside
    their own anchor.  When an alias placed a list or a mapping, the data may be deeper
    than the text shows: the caller checks its shape.

    Examples
    --------
    >>> load_checked("a: &x [1, 2]\\nb: *x\\n", 64, 100)
    ({'a': [1, 2], 'b': [1, 2]}, True)
    >>> try:
    ...     load_checked("a: &x " + "y" * 60 + "\\nb: [*x, *x]\\n", 64, 100)
    ... except Refused as exc:
    ...     print(exc.reason, "at line", exc.line)
    alias_bomb at line 2
    """
    return _build(text, max_depth, max_expansion)


def _build(text: str, max_depth: int | None, max_expansion: int | None) -> tuple[Any, bool]:
    from _ruamel_yaml import CParser
    from ruamel.yaml import events as ev

    parser = CParser(text)
    anchors: dict[str, Any] = {}
    # The characters each closed anchor expands to (its text, and its aliases' expansions).
    expanded: dict[str, int] = {}
    extra = 0  # characters added by the aliases so far
    aliased = False
    # Each open container: [the container, its start event, the key waiting for a value,
    # ``extra`` when it started].
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0
    waiting = object()  # a mapping's slot between a key and its value
    deepest = max_depth if max_depth is not None else float("inf")
    event: Any = None

    def place(value: Any) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        top = stack[-1]
        container = top[0]
        if isinstance(container, list):
            container.append(value)
        elif top[2] is waiting:
            try:
                hash(value)
            except TypeError:
                raise Unsupported("a mapping or sequence used as a key") from None
            if value in container:
                # An error: ruamel.yaml's loader reports it, after any syntax error further
                # on and in its own order, the message users already get.
                raise Unsupported(f"the duplicate key {value!r}")
            top[2] = value
        else:
            container[top[2]] = value
            top[2] = waiting

    try:
        while True:
            event = parser.get_event()
            kind = type(event)
            if kind is ev.ScalarEvent:
                if event.tag is not None:
                    raise Unsupported(f"the tag {event.tag}")
                value = plain_value(event.value) if event.implicit[0] else event.value
                if event.anchor is not None:
                    anchors[event.anchor] = value
                    expanded[event.anchor] = len(event.value) + 1
                place(value)
            elif kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent:
                if event.tag is not None:
                    raise Unsupported(f"the tag {event.tag}")
                if len(stack) >= deepest:
                    raise Refused("too_deep")
                container: Any = {} if kind is ev.MappingStartEvent else []
                if event.anchor is not None:
                    anchors[event.anchor] = container
                    expanded.pop(event.anchor, None)  # open: an alias to it now is a cycle
                place(container)  # placed first: an alias inside may point back to it
                stack.append([container, event, waiting, extra])
            elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
                top = stack.pop()
                start = top[1]
                if start.anchor is not None:
                    expanded[start.anchor] = event.end_mark.index - start.start_mark.index + extra - top[3]
            elif kind is ev.AliasEvent:
                if event.anchor not in anchors:
                    raise Unsupported(f"the undefined alias *{event.anchor}")  # ruamel says it best
                value = anchors[event.anchor]
                if max_expansion is not None:
                    size = expanded.get(event.anchor)
                    if size is None:
                        raise Refused("cycle")
                    extra += size
                    if extra > max_expansion:
                        raise Refused("alias_bomb")
                aliased = aliased or isinstance(value, (dict, list))
                place(value)
            elif kind is ev.DocumentStartEvent:
                documents += 1
                if documents > 1 or event.version is not None or event.tags:
                    raise Unsupported("several documents or a %YAML/%TAG directive")
            elif kind is ev.StreamEndEvent:
                return root, aliased
    except Refused as exc:
        if max_depth is None:  # unbounded: ruamel.yaml's loader says what it says
            raise Unsupported(exc.reason) from None
        mark = getattr(event, "start_mark", None)
        if exc.line is None and mark is not None:
            exc.line = mark.line + 1
        raise
