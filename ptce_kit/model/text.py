"""Text fields: bounded lengths, no control characters, web addresses, finite figures.

Every text of a pole ends up in documents (DOCX, ODT, PDF), XML exports (GraphML, GEXF,
SVG) and spreadsheets, where a control character (BEL, ESC, NUL, U+FFFE…) or a lone
surrogate makes the file unreadable, and a text of a megabyte makes maps crawl.  The
types here refuse them where the data is checked, with the field's place in the file.

The checks run in pydantic-core (Rust): one regular expression and a length per text,
so that a pole of 10^5 actors validates about as fast as without them.  Each refusal is
one error type whose full message :func:`~ptce_kit.model.identifiers.explain` rebuilds
from the Python check here (which names the character and its position).
"""

from __future__ import annotations

import math
import unicodedata
from typing import Annotated, Any

from pydantic import AfterValidator, Field, WithJsonSchema

from ..errors import Invalid
from ..i18n import Message, N_
from .identifiers import _EXPLAINED

__all__ = [
    "NAME_MAX", "LINE_MAX", "TEXT_MAX", "URL_MAX", "FIGURE_MAX",
    "FIGURE_MIN", "Name", "Line", "RequiredLine", "EmailText", "PhoneText", "Text", "WebAddress", "Figure", "Weight", "Jobs",
    "check_line", "check_text", "check_web_address", "check_figure",
]

#: Characters of a name or title (an actor's, a project's, a body's…).
NAME_MAX = 300
#: Characters of a short text: a role, a topic, a legal form, a unit, a source, a contact.
LINE_MAX = 2_000
#: Characters of a free text: a description, a narrative section, a provenance.
TEXT_MAX = 100_000
#: Characters of a web address.
URL_MAX = 2_000
#: The largest magnitude of a figure (an indicator's value, jobs): beyond, it is a typo.
FIGURE_MAX = 1e15

# C0 controls but tab, line feed and carriage return (allowed in free text only), DEL, C1
# controls, the non-characters U+FFFE and U+FFFF, and surrogates (which Rust cannot hold
# anyway: pydantic-core refuses them as 'string_unicode', explained by the same check).
_BAD = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff"
_LINE_PATTERN = rf"^[^\t\n\r{_BAD}]*$"
_TEXT_PATTERN = rf"^[^{_BAD}]*$"
_URL_PATTERN = r"^[hH][tT][tT][pP][sS]?://[^\s/?#\x00-\x1f\x7f-\x9f]+(?:[/?#][^\x00-\x1f\x7f-\x9f]*)?$"

_NAMES = {"\t": N_("a tab"), "\n": N_("a line break"), "\r": N_("a carriage return")}


def _bad_character(value: str, multiline: bool) -> tuple[int, str | Message] | None:
    allowed = "\t\n\r" if multiline else ""
    for i, ch in enumerate(value):
        code = ord(ch)
        if ch in allowed:
            continue
        if code < 0x20 or 0x7F <= code <= 0x9F or code in (0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF:
            if ch in _NAMES:
                return i, _NAMES[ch]
            kind = N_("a lone surrogate") if 0xD800 <= code <= 0xDFFF else \
                N_("a non-character") if code >= 0xFFFE else N_("the control character")
            label = unicodedata.name(ch, "") if kind == "the control character" else ""
            return i, Message("{kind} U+{code}", kind=Message(kind), code=f"{code:04X}" + (f" ({label})" if label else ""))
    return None


def _check(value: Any, multiline: bool) -> Any:
    if not isinstance(value, str):
        return value
    found = _bad_character(value, multiline)
    if found:
        at, what = found
        fix = N_("remove it (it often comes from a copy and paste)")
        if what == "a tab":
            fix = N_("replace it with a space")
        elif not multiline and what in _NAMES.values():
            fix = N_("write it on one line")
        raise Invalid(Message("the text holds {what} at character {at}, which documents and exports cannot hold: {fix}",
                              what=what if isinstance(what, Message) else Message(what), at=at + 1, fix=Message(fix)),
                      code="PTCE-E116")
    return value


def check_line(value: Any) -> Any:
    """Return ``value`` if it is one line of text without control characters, else raise ``ValueError``.

    Examples
    --------
    >>> check_line("Groupe Archer")
    'Groupe Archer'
    >>> check_line("Groupe\\x07Archer")
    Traceback (most recent call last):
    ...
    ptce_kit.errors.Invalid: the text holds the control character U+0007 at character 7, which documents and exports cannot hold: remove it (it often comes from a copy and paste)
    """
    return _check(value, multiline=False)


def check_text(value: Any) -> Any:
    """Return ``value`` if it is text without control characters (tabs and line breaks allowed).

    Examples
    --------
    >>> check_text("Deux lignes\\net une tabulation\\t.")
    'Deux lignes\\net une tabulation\\t.'
    >>> check_text("\\ufffe")
    Traceback (most recent call last):
    ...
    ptce_kit.errors.Invalid: the text holds a non-character U+FFFE at character 1, which documents and exports cannot hold: remove it (it often comes from a copy and paste)
    """
    return _check(value, multiline=True)


def check_web_address(value: Any) -> Any:
    """Return ``value`` if it is an ``http://`` or ``https://`` address, else raise ``ValueError``.

    Examples
    --------
    >>> check_web_address("https://www.groupe-archer.fr")
    'https://www.groupe-archer.fr'
    >>> check_web_address("javascript:alert(1)")
    Traceback (most recent call last):
    ...
    ptce_kit.errors.Invalid: 'javascript:alert(1)' is not a web address: write it whole, starting with https:// (or http://), e.g. https://www.example.org
    """
    import re

    check_line(value)
    if not isinstance(value, str) or not re.match(_URL_PATTERN[:-1] + r"\Z", value):
        shown = value if not isinstance(value, str) or len(value) <= 60 else value[:59] + "…"
        raise Invalid(Message("{value!r} is not a web address: write it whole, starting with https:// "
                              "(or http://), e.g. https://www.example.org", value=shown), code="PTCE-E117")
    return value


class _Clean:
    """Annotation: a text of at most ``max_length`` characters, whose characters match ``pattern``."""

    def __init__(self, max_length: int, pattern: str, error_type: str, message: str, check: Any,
                 *, min_length: int | None = None) -> None:
        self.max_length, self.min_length, self.pattern = max_length, min_length, pattern
        self.error_type, self.message = error_type, message
        _EXPLAINED[error_type] = check

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema as cs

        sized = cs.str_schema(min_length=self.min_length, max_length=self.max_length)
        shaped = cs.custom_error_schema(cs.str_schema(pattern=self.pattern), custom_error_type=self.error_type,
                                        custom_error_message=self.message)
        return cs.chain_schema([sized, shaped])


def _schema(max_length: int, min_length: int | None = None, **extra: Any) -> WithJsonSchema:
    schema: dict[str, Any] = {"type": "string", "maxLength": max_length, **extra}
    if min_length:
        schema["minLength"] = min_length
    return WithJsonSchema(schema)


_LINE_MESSAGE = "one line of text without control characters"
Name = Annotated[
    str, _Clean(NAME_MAX, _LINE_PATTERN, "control_character", _LINE_MESSAGE, check_line, min_length=1),
    _schema(NAME_MAX, 1),
]
Line = Annotated[str, _Clean(LINE_MAX, _LINE_PATTERN, "control_character", _LINE_MESSAGE, check_line),
                 _schema(LINE_MAX)]
#: A short text that must not be empty (an indicator's source).
RequiredLine = Annotated[
    str, _Clean(LINE_MAX, _LINE_PATTERN, "control_character", _LINE_MESSAGE, check_line, min_length=1),
    _schema(LINE_MAX, 1),
]
#: An e-mail address (320 characters at most, RFC 5321) or a phone number (40), on one line.
EmailText = Annotated[str, _Clean(320, _LINE_PATTERN, "control_character", _LINE_MESSAGE, check_line),
                      _schema(320)]
PhoneText = Annotated[str, _Clean(40, _LINE_PATTERN, "control_character", _LINE_MESSAGE, check_line),
                      _schema(40)]
Text = Annotated[
    str, _Clean(TEXT_MAX, _TEXT_PATTERN, "control_character_text", "text without control characters", check_text),
    _schema(TEXT_MAX),
]
WebAddress = Annotated[
    str, _Clean(URL_MAX, _URL_PATTERN, "web_address", "not a web address: write https://…", check_web_address),
    _schema(URL_MAX, format="uri", pattern="^[hH][tT][tT][pP][sS]?://"),
]


#: The smallest magnitude of a figure other than 0: below, it is a typo (or 5e-324).
FIGURE_MIN = 1e-6


def check_figure(value: float) -> float:
    """Return ``value`` if it is a figure of a sensible size, else raise ``ValueError``.

    Examples
    --------
    >>> check_figure(12.5), check_figure(0.0)
    (12.5, 0.0)
    >>> check_figure(1e300)
    Traceback (most recent call last):
    ...
    ptce_kit.errors.Invalid: 1e+300 is not a sensible figure: write a number between -1e+15 and 1e+15 (and not closer to 0 than 1e-06, 0 apart)
    """
    if not math.isfinite(value) or abs(value) > FIGURE_MAX or (value and abs(value) < FIGURE_MIN):
        raise Invalid(Message("{value} is not a sensible figure: write a number between {low} and "
                              "{high} (and not closer to 0 than {small}, 0 apart)", value=f"{value:g}",
                              low=f"{-FIGURE_MAX:g}", high=f"{FIGURE_MAX:g}", small=f"{FIGURE_MIN:g}"), code="PTCE-E119")
    return value


#: A figure: finite (``inf``/``nan`` are refused in Rust), of a sensible magnitude.
Figure = Annotated[float, Field(allow_inf_nan=False), AfterValidator(check_figure)]
#: The strength of a tie: from a thousandth to a million (1 when empty).
Weight = Annotated[float, Field(allow_inf_nan=False, ge=1e-3, le=1e6)]
#: A number of jobs: from 0 to ten million.
Jobs = Annotated[float, Field(allow_inf_nan=False, ge=0, le=1e7)]
