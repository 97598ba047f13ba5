"""A direct block-style YAML writer for whole pole files.

``save_pole`` used to serialise through ruamel.yaml's round-trip dumper, whose event
machinery costs about 2 ms per actor (19 s for 10^4 actors, 285 s for 10^5).  This
module writes the same text directly: the same layout (mappings indented by 2, sequence
dashes by 2 with items by 4), the same scalar styles, chosen by ruamel.yaml's own
scalar analysis and resolver, so the output is byte-identical to what ruamel.yaml would
write.  What it does not know how to write exactly (control characters, very long
lines that ruamel.yaml would fold, keys that are not simple, lists inside lists…) makes
:func:`emit_block_yaml` return ``None``, and the caller falls back to ruamel.yaml for the
whole document: identical output is the contract, speed the bonus.

The round-trip writer of :mod:`ptce_kit.io.edit` is unchanged: in-place edits keep the
user's own text; this writer is only for files written whole.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

__all__ = ["emit_block_yaml"]

# ruamel.yaml folds scalars longer than its width (4096 in dump_pole); stay clear of it.
_MAX_SCALAR = 3800
# ruamel.yaml writes a key longer than this in the complex ``? key`` form.
_MAX_SIMPLE_KEY = 120

# What ruamel.yaml's double-quoted writer keeps as it is (allow_unicode=True); the rest
# is escaped, exactly as in its Emitter.write_double_quoted.
_NOT_KEPT = re.compile(
    r'["\\\x85\u2028\u2029\ufeff]|[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]')


class _Unsupported(Exception):
    """Raised inside the writer when ruamel.yaml must write the document."""


class _DefaultVersion:
    use_version = None


class _ScalarStyles:
    """ruamel.yaml's choice of style for each string, computed once per distinct string."""

    def __init__(self) -> None:
        from ruamel.yaml.emitter import Emitter
        from ruamel.yaml.nodes import ScalarNode
        from ruamel.yaml.resolver import VersionedResolver

        class AnalysingEmitter(Emitter):
            # The analysis asks the serializer which YAML version is written; dump_pole
            # writes the default (1.2), which a YAML() instance's serializer says as None.
            serializer = _DefaultVersion()

        self._emitter = AnalysingEmitter(None, allow_unicode=True)
        resolver = VersionedResolver()
        self._resolve: Callable[[str], str] = lambda text: resolver.resolve(ScalarNode, text, (True, False))
        self._value: dict[str, str] = {}
        self._key: dict[str, str] = {}

    def value(self, text: str) -> str:
        """The text of a string written as a value in block context."""
        written = self._value.get(text)
        if written is None:
            written = self._value[text] = self._write(text, simple_key=False)
        return written

    def key(self, text: str) -> str:
        """The text of a string written as a simple mapping key."""
        written = self._key.get(text)
        if written is None:
            if len(text) > _MAX_SIMPLE_KEY:
                raise _Unsupported
            written = self._key[text] = self._write(text, simple_key=True)
        return written

    def _write(self, text: str, *, simple_key: bool) -> str:
        if len(text) > _MAX_SCALAR or not text.isprintable():
            raise _Unsupported
        analysis = self._emitter.analyze_scalar(text)
        # The rules of ruamel.yaml's Emitter.choose_scalar_style, for an untagged str.
        plain_resolves_to_str = self._resolve(text) == "tag:yaml.org,2002:str"
        if plain_resolves_to_str and not (simple_key and analysis.empty) and analysis.allow_block_plain:
            return text
        if analysis.allow_double_quoted and "'" in text:
            return _double_quoted(text)
        if analysis.allow_single_quoted:
            return "'" + text.replace("'", "''") + "'"
        return _double_quoted(text)


def _escape(match: re.Match[str]) -> str:
    from ruamel.yaml.emitter import Emitter

    ch = match.group()
    if ch in Emitter.ESCAPE_REPLACEMENTS:
        return "\\" + Emitter.ESCAPE_REPLACEMENTS[ch]
    if ch <= "\xff":
        return "\\x%02X" % ord(ch)
    if ch <= "\uffff":
        return "\\u%04X" % ord(ch)
    return "\\U%08X" % ord(ch)


def _double_quoted(text: str) -> str:
    """``text`` in ruamel.yaml's double-quoted style, short enough never to be folded."""
    written = _NOT_KEPT.sub(_escape, text)
    if len(written) > _MAX_SCALAR:
        raise _Unsupported
    return '"' + written + '"'


def _float(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    if "." not in text and "e" not in text:  # pragma: no cover - repr of a float always has one
        raise _Unsupported
    return text


class _Writer:
    def __init__(self, literal: Callable[[str], bool]) -> None:
        self.styles = _ScalarStyles()
        self.literal = literal
        self.out: list[str] = []

    def scalar(self, value: Any) -> str:
        if isinstance(value, str):
            if not value.isprintable():
                # dump_pole hands such strings to ruamel.yaml as double-quoted scalars.
                return _double_quoted(value)
            return self.styles.value(value)
        if value is True:
            return "true"
        if value is False:
            return "false"
        if isinstance(value, int):
            return str(value)
        if isinstance(value, float):
            return _float(value)
        raise _Unsupported

    def key(self, key: Any) -> str:
        if not isinstance(key, str):
            raise _Unsupported
        return self.styles.key(key)

    def mapping(self, data: dict[Any, Any], indent: int, first_prefix: str | None = None) -> None:
        """Write a non-empty mapping whose keys start at column ``indent``.

        ``first_prefix`` replaces the indentation of the first key (a sequence's dash).
        """
        pad = " " * indent
        out = self.out
        for number, (key, value) in enumerate(data.items()):
            head = (first_prefix if number == 0 and first_prefix is not None else pad) + self.key(key) + ":"
            self.value(head, value, indent)

    def value(self, head: str, value: Any, indent: int) -> None:
        """Write ``head`` (``key:`` at ``indent``) and the value that follows it."""
        out = self.out
        if isinstance(value, dict):
            if value:
                out.append(head + "\n")
                self.mapping(value, indent + 2)
            else:
                out.append(head + " {}\n")
        elif isinstance(value, list):
            if value:
                out.append(head + "\n")
                self.sequence(value, indent + 2)
            else:
                out.append(head + " []\n")
        elif value is None:
            out.append(head + "\n")
        elif isinstance(value, str) and "\n" in value and self.literal(value):
            body = " " * (indent + 2)
            out.append(head + " |-\n")
            out.extend(body + line + "\n" if line else "\n" for line in value.split("\n"))
        else:
            out.append(head + " " + self.scalar(value) + "\n")

    def sequence(self, items: list[Any], indent: int) -> None:
        """Write a non-empty sequence whose dashes start at column ``indent``."""
        dash = " " * indent + "- "
        out = self.out
        for item in items:
            if isinstance(item, dict) and item:
                self.mapping(item, indent + 2, first_prefix=dash)
            elif isinstance(item, (dict, list)) or item is None:
                raise _Unsupported  # rare shapes: ruamel.yaml lays them out
            elif isinstance(item, str) and "\n" in item and self.literal(item):
                raise _Unsupported  # a literal block as a list item: ruamel.yaml's layout
            else:
                out.append(dash + self.scalar(item) + "\n")


def emit_block_yaml(data: dict[str, Any], *, literal: Callable[[str], bool]) -> str | None:
    """The YAML text ruamel.yaml's round-trip dumper writes for ``data``, or ``None``.

    ``data`` is plain JSON-like data (dicts, lists, str, int, float, bool, None); a
    multi-line string for which ``literal`` is true is written as a ``|-`` block, as
    ``dump_pole`` asks ruamel.yaml to.  ``None`` means "write it with ruamel.yaml": the
    document holds a value whose exact layout this writer does not reproduce.

    Examples
    --------
    >>> print(emit_block_yaml({"id": "pole", "siret": "12345678901234", "roles": ["pivot"],
    ...                        "note": "l'Adie: micro-crédit"}, literal=lambda s: True), end="")
    id: pole
    siret: '12345678901234'
    roles:
      - pivot
    note: "l'Adie: micro-crédit"
    """
    if not data:
        return None
    writer = _Writer(literal)
    try:
        writer.mapping(data, 0)
    except _Unsupported:
        return None
    return "".join(writer.out)
