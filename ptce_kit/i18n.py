"""Every word a person reads, in the user's language: gettext catalogs, plural rules, the language.

The code holds *message ids* (English sentences, marked with :func:`_`, :func:`N_`,
:func:`ngettext` or :class:`Message`); the catalogs ``ptce_kit/locale/{fr,en}/LC_MESSAGES/ptce.po``
hold their French and English wording, compiled to ``ptce.mo`` beside them (shipped in the
package, so that an editable install and a wheel read the same files).  The plural rules
are Babel's (CLDR), written into each catalog's ``Plural-Forms`` header.

The language is, in this order: the one given (``--lang``), ``PTCE_LANG``, then the locale as
GNU tools read it (``LC_ALL``, ``LC_MESSAGES``, ``LANG``; ``C`` and ``POSIX`` mean English),
and French when nothing says otherwise (a pole is French).

Maintainers refresh the catalogs with ``python -m ptce_kit.cli.catalogs all`` (see
:mod:`ptce_kit.cli.catalogs`: it reads the code and the command line's help, so it lives
upstairs).  The test suite fails when a message id of the code is missing from a catalog,
has no translation, or when a ``.mo`` is not compiled from its ``.po``.

Examples
--------
>>> with use_language("fr"):
...     print(ngettext("{count} problem", "{count} problems", 2).format(count=2))
2 problèmes
>>> m = Message("no such file")
>>> m.render("fr"), m.render("en")
('fichier introuvable', 'no such file')
"""

from __future__ import annotations

import contextlib
import gettext as _gettext
import os
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any, Self

__all__ = [
    "LANGUAGES", "DEFAULT_LANGUAGE", "DOMAIN", "LOCALE_DIR", "Message", "N_", "_", "gettext", "ngettext",
    "pgettext", "NP_", "current", "resolve", "set_language", "use_language", "translations", "language_of_locale", "render",
    "help_text", "plural_message",
]

#: The languages ptce-kit speaks (the catalogs it ships).
LANGUAGES = ("fr", "en")
#: The language when nothing says otherwise: a pole is French.
DEFAULT_LANGUAGE = "fr"
#: The gettext domain of ptce-kit's catalogs.
DOMAIN = "ptce"
#: Where the catalogs live, inside the package.
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_chosen: ContextVar[str | None] = ContextVar("ptce_language", default=None)


def language_of_locale(value: str | None) -> str | None:
    """The language of a locale name (``fr_FR.UTF-8`` → ``fr``), or ``None`` when it says nothing.

    ``C`` and ``POSIX`` (and their variants such as ``C.UTF-8``) mean English, as for GNU
    tools; a language ptce-kit does not speak also gives English (its message ids).

    Examples
    --------
    >>> language_of_locale("fr_FR.UTF-8"), language_of_locale("C.UTF-8"), language_of_locale("")
    ('fr', 'en', None)
    >>> language_of_locale("de_DE"), language_of_locale("FR")
    ('en', 'fr')
    """
    if not value:
        return None
    # GNU's LANGUAGE-style lists ("fr:en") are not read from these variables; take the first part.
    name = value.split(":")[0].split(".")[0].split("@")[0].strip().lower()
    if not name:
        return None
    if name in {"c", "posix"}:
        return "en"
    lang = name.replace("-", "_").split("_")[0]
    return lang if lang in LANGUAGES else "en"


def resolve(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The user's language: ``explicit`` (``--lang``), ``PTCE_LANG``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``, French.

    Examples
    --------
    >>> resolve(environ={"LANG": "C"}), resolve(environ={"LANG": "C", "PTCE_LANG": "fr"})
    ('en', 'fr')
    >>> resolve("en", environ={"PTCE_LANG": "fr"}), resolve(environ={})
    ('en', 'fr')
    >>> resolve(environ={"LC_ALL": "fr_FR.UTF-8", "LANG": "en_GB.UTF-8"})
    'fr'
    """
    env = os.environ if environ is None else environ
    for value in (explicit, env.get("PTCE_LANG"), env.get("LC_ALL"), env.get("LC_MESSAGES"), env.get("LANG")):
        lang = language_of_locale(value)
        if lang is not None:
            return lang
    return DEFAULT_LANGUAGE


def current() -> str:
    """The language messages are written in now: the one set, else :func:`resolve` from the environment."""
    return _chosen.get() or resolve()


def set_language(lang: str | None) -> None:
    """Write every following message in ``lang`` (``None``: follow the environment again)."""
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: ptce-kit speaks {', '.join(LANGUAGES)}")
    _chosen.set(lang)


@contextlib.contextmanager
def use_language(lang: str | None) -> Iterator[str]:
    """Within the block, messages are in ``lang`` (``None``: the current language)."""
    lang = lang or current()
    token = _chosen.set(lang)
    try:
        yield lang
    finally:
        _chosen.reset(token)


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The compiled catalog of ``lang`` (the message ids themselves when it is missing)."""
    try:
        with open(LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as mo:
            return _gettext.GNUTranslations(mo)
    except OSError:
        return _gettext.NullTranslations()


def N_(message: str) -> str:
    """Mark ``message`` for the catalogs without translating it now (it is translated when shown)."""
    return message


def NP_(context: str, message: str) -> str:
    """Mark ``message`` in ``context`` for the catalogs (as :func:`pgettext`), without translating it now."""
    del context
    return message


def gettext(message: str, lang: str | None = None) -> str:
    """``message`` in ``lang`` (default: :func:`current`)."""
    return translations(lang or current()).gettext(message)


#: The usual short name of :func:`gettext`.
_ = gettext


def ngettext(singular: str, plural: str, n: int, lang: str | None = None) -> str:
    """The form of ``singular``/``plural`` for ``n`` in ``lang``, with that language's plural rule."""
    return translations(lang or current()).ngettext(singular, plural, n)


def pgettext(context: str, message: str, lang: str | None = None) -> str:
    """``message`` in ``lang``, in the sense ``context`` gives it (one English word, two French ones)."""
    return translations(lang or current()).pgettext(context, message)


def render(text: str | Message, lang: str | None = None) -> str:
    """``text`` in ``lang``: a :class:`Message` is rendered, a plain string is looked up as a message id."""
    if isinstance(text, Message):
        return text.render(lang)
    return gettext(text, lang)


class Message(str):
    """A message kept as its id and parameters, written in a language only when shown.

    Parameters are substituted with :meth:`str.format` (``{name}``); a parameter that is itself
    a :class:`Message` is rendered in the same language.  ``plural`` and ``n`` choose the plural
    form as :func:`ngettext` does.  ``str(message)`` and ``f"{message}"`` render it in the
    current language; as a string (comparisons, ``in``, JSON) its value is the English text,
    so that code that handled plain messages keeps working.

    Examples
    --------
    >>> m = Message("unknown field {name!r}", name="siret2")
    >>> m.render("en")
    "unknown field 'siret2'"
    >>> m.render("fr")
    "champ inconnu 'siret2'"
    """

    msgid: str
    plural: str | None
    n: int | None
    params: dict[str, Any]

    def __new__(cls, msgid: str, *, plural: str | None = None, n: int | None = None, **params: Any) -> Self:
        self = super().__new__(cls, _format(msgid, plural, n, params, "en"))
        self.msgid, self.plural, self.n, self.params = msgid, plural, n, params
        return self

    def render(self, lang: str | None = None) -> str:
        """The message in ``lang`` (default: :func:`current`)."""
        return _format(self.msgid, self.plural, self.n, self.params, lang or current())

    def __str__(self) -> str:
        return self.render()

    def __format__(self, spec: str) -> str:
        return format(self.render(), spec)

    def __repr__(self) -> str:
        return f"Message({self.msgid!r}, {self.params!r})" if self.params else f"Message({self.msgid!r})"

    def __reduce__(self) -> Any:
        return (_rebuild, (self.msgid, self.plural, self.n, self.params))


def plural_message(singular: str, plural: str, n: int, **params: Any) -> Message:
    """A :class:`Message` with a plural form chosen by ``n`` (extracted as ``ngettext`` is).

    >>> plural_message("{n} commune", "{n} communes", 2).render("fr")
    '2 communes'
    """
    return Message(singular, plural=plural, n=n, **params)


def _rebuild(msgid: str, plural: str | None, n: int | None, params: dict[str, Any]) -> Message:
    return Message(msgid, plural=plural, n=n, **params)


def _format(msgid: str, plural: str | None, n: int | None, params: dict[str, Any], lang: str) -> str:
    """The text of a message in ``lang``: its translation, with its parameters in."""
    if plural is not None:
        template = ngettext(msgid, plural, n if n is not None else 1, lang)
    else:
        template = gettext(msgid, lang)
    if not params and n is None:
        return template
    values = {key: (value.render(lang) if isinstance(value, Message) else value) for key, value in params.items()}
    if n is not None:
        values.setdefault("n", n)
    for candidate in (template, msgid):
        try:
            return candidate.format(**values)
        except (KeyError, IndexError, ValueError, AttributeError):
            continue  # a translation that names a parameter the id does not: the id is right
    return msgid


def help_text(text: str | None) -> str | None:
    """A command's help as click shows it (the docstring, dedented, without its ``\\f`` tail)."""
    import inspect

    if not text:
        return None
    return inspect.cleandoc(text).split("\f", 1)[0].strip()
