"""Jinja filters of the cookiecutter-ptce template.

Cookiecutter puts the template's folder on ``sys.path`` while it generates a project,
so ``cookiecutter.json`` can name this module in ``_extensions``.

The rules (what an identifier looks like, which département a commune is in) belong to
ptce-kit: when it is importable the filters call it, so that ``ptce new`` and plain
``cookiecutter`` give the same folder.  Without ptce-kit, identifiers come from
cookiecutter's own ``slugify`` (python-slugify), which agrees with ptce-kit on French
names but not on every letter (``Œ``, ``ß``), and the département code is left out.
"""

from __future__ import annotations

import json
import re

from jinja2.ext import Extension

try:  # ptce-kit is optional here: the template also works with plain cookiecutter.
    from ptce_kit.model import suggest_slug as _suggest_slug
    from ptce_kit.scaffold import departement_code as _departement_code
except Exception:  # noqa: BLE001 - any failure to import means "not available"
    _suggest_slug = None
    _departement_code = None


def ptce_slug(text: object) -> str:
    """An identifier (lower-case ASCII words joined by hyphens) derived from ``text``; '' for no text."""
    if not str(text).strip():
        return ""  # no name yet (a pivot structure not chosen): no identifier
    if _suggest_slug is not None:
        return _suggest_slug(str(text))
    from slugify import slugify  # a dependency of cookiecutter itself

    return slugify(str(text)) or "id"


def ptce_departement(insee_code: object) -> str:
    """The département code of a commune's INSEE code, or '' when unknown."""
    if _departement_code is None:
        return ""
    return _departement_code(str(insee_code)) or ""


def ptce_dirname(value: object) -> str:
    """The project folder's name: the identifier, kept inside the output folder whatever it is.

    Cookiecutter creates this folder *before* the pre-generation hook checks the answers;
    an identifier such as ``../evil`` must not make it create ``../evil`` even for a
    moment.  A valid identifier is returned unchanged; the hook then refuses the others
    and cookiecutter removes the folder.
    """
    name = str(value).replace("/", "-").replace("\\", "-").strip(". ")
    return name or "pole"


#: What YAML does not take as it is in a double-quoted scalar: C1 controls and DEL, the line
#: breaks U+0085, U+2028 and U+2029 (YAML 1.1 reads them as new lines), surrogates, U+FEFF
#: and the non-characters U+FFFE, U+FFFF.  JSON's escaping already covers U+0000-U+001F.
_NOT_YAML_PRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
#: What would end a line of a YAML comment or of a Markdown title early.
_LINE_BREAKING = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def yaml_str(value: object) -> str:
    """``value`` as a double-quoted YAML scalar: JSON's escaping, accents kept as typed.

    Characters YAML would read as a line break or refuse are written as ``\\uXXXX``, so
    that no answer can end the scalar's line and start a key of its own.
    """
    text = json.dumps(str(value), ensure_ascii=False)
    return _NOT_YAML_PRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def shell_text(value: object) -> str:
    """``value`` for the inside of a double-quoted shell word: ``\\``, ``"``, ``$`` and backquotes escaped.

    The README shows commands to copy into a terminal; a name such as ``$(rm -rf ~)``
    must stay a name there.
    """
    return re.sub(r'([\\"$`])', r"\\\1", one_line(value))


def one_line(value: object) -> str:
    """``value`` for a comment line: every character that would break the line becomes a space."""
    return _LINE_BREAKING.sub(" ", str(value))


class PtceExtension(Extension):
    """Adds the ``ptce_slug``, ``ptce_departement``, ``ptce_dirname``, ``yaml_str``, ``one_line`` and ``shell_text`` filters."""

    def __init__(self, environment):  # type: ignore[no-untyped-def]
        super().__init__(environment)
        environment.filters["ptce_slug"] = ptce_slug
        environment.filters["ptce_departement"] = ptce_departement
        environment.filters["ptce_dirname"] = ptce_dirname
        environment.filters["yaml_str"] = yaml_str
        environment.filters["one_line"] = one_line
        environment.filters["shell_text"] = shell_text
