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
    "help_text", "plural_message", "N_plural", "PluralId", "format_number", "format_percent", "Figure", "format_date",
    "When", "Named", "of_name", "the_name",
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


class PluralId(tuple[str, str]):
    """A message id with its plural, marked with :func:`N_plural` and translated when shown."""

    __slots__ = ()

    @property
    def singular(self) -> str:
        return self[0]

    @property
    def plural(self) -> str:
        return self[1]

    def render(self, n: int, lang: str | None = None, **params: Any) -> str:
        """The form for ``n`` in ``lang``, with ``{n}`` and ``params`` filled in."""
        return _format(self[0], self[1], n, params, lang or current())


def N_plural(singular: str, plural: str) -> PluralId:
    """Mark a counted message (``{n} actor added`` / ``{n} actors added``) for the catalogs.

    Counts are never written with « (s) »: the form is chosen by the language's plural rule
    (CLDR's, through the catalogs' ``Plural-Forms``) when the message is shown, where ``n`` is known.

    >>> added = N_plural("{n} actor added", "{n} actors added")
    >>> added.render(0, "fr"), added.render(2, "fr"), added.render(0, "en"), added.render(1, "en")
    ('0 acteur ajouté', '2 acteurs ajoutés', '0 actors added', '1 actor added')
    """
    return PluralId((singular, plural))


def format_number(value: float, lang: str | None = None, *, digits: int = 2, fixed: bool = False) -> str:
    """A number as the user's language writes it: ``1 234,5`` in French, ``1,234.5`` in English.

    Rounded to ``digits`` decimals, without trailing zeros (``2.0`` is ``2``) unless ``fixed``
    (a table's column, whose decimals line up: ``1.000``, ``0.110``); the French group
    separator is the narrow no-break space (U+202F), as CLDR writes it.

    >>> format_number(1234.5, "fr") == "1\u202f234,5", format_number(1234.5, "en"), format_number(2.0, "fr")
    (True, '1,234.5', '2')
    >>> format_number(0.123456, "fr", digits=3), format_number(1000, "en")
    ('0,123', '1,000')
    >>> format_number(0.11, "fr", digits=3, fixed=True), format_number(1.0, "en", digits=3, fixed=True)
    ('0,110', '1.000')
    """
    from decimal import Decimal

    from babel.numbers import format_decimal

    if fixed:
        pattern = "#,##0." + "0" * digits if digits > 0 else "#,##0"
        return str(format_decimal(Decimal(str(round(float(value), digits))), format=pattern,
                                  locale=lang or current()))

    number = Decimal(str(round(float(value), digits))) if not isinstance(value, int) else Decimal(value)
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return str(format_decimal(number.normalize() if number != 0 else Decimal(0), locale=lang or current(),
                              decimal_quantization=False))


def format_percent(share: float, lang: str | None = None, *, digits: int = 1) -> str:
    """A share (``0.575``) as a percentage in the user's language: ``57,5 %`` in French, ``57.5%`` in English.

    The French space before ``%`` is a no-break space (U+00A0), as CLDR writes it (and the documents).

    >>> format_percent(0.575, "fr") == "57,5\u00a0%", format_percent(0.575, "en"), format_percent(1, "en")
    (True, '57.5%', '100%')
    """
    from decimal import Decimal

    from babel.numbers import format_percent as babel_percent

    number = Decimal(str(round(float(share) * 100, digits))) / 100
    return str(babel_percent(number.normalize(), locale=lang or current(), decimal_quantization=False))


class Figure:
    """A number kept as a number and written in the language of the message it is shown in.

    A parameter of a :class:`Message`: ``Message("{share} of the ties", share=Figure(0.575, percent=True))``
    reads "57.5% of the ties" in English and « 57,5 % des liens » in French.

    >>> Figure(0.575, percent=True).render("fr") == "57,5\u00a0%", Figure(1234.5).render("en")
    (True, '1,234.5')
    """

    __slots__ = ("value", "percent", "digits")

    def __init__(self, value: float, *, percent: bool = False, digits: int | None = None) -> None:
        self.value, self.percent = value, percent
        self.digits = (1 if percent else 2) if digits is None else digits

    def render(self, lang: str | None = None) -> str:
        """The number in ``lang`` (default: :func:`current`)."""
        if self.percent:
            return format_percent(self.value, lang, digits=self.digits)
        return format_number(self.value, lang, digits=self.digits)

    def __str__(self) -> str:
        return self.render()

    def __format__(self, spec: str) -> str:
        return format(self.render(), spec)

    def __repr__(self) -> str:
        return f"Figure({self.value!r}, percent={self.percent!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Figure) and (self.value, self.percent, self.digits) == (other.value, other.percent,
                                                                                          other.digits)

    def __hash__(self) -> int:
        return hash((self.value, self.percent, self.digits))

    def __reduce__(self) -> Any:
        return (Figure, (self.value,), {"percent": self.percent, "digits": self.digits})

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.percent, self.digits = state["percent"], state["digits"]


def format_date(value: str | None, lang: str | None = None) -> str:
    """A partial date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) written out in the user's language.

    Examples
    --------
    >>> format_date("2026-12-03", "fr"), format_date("2014-07", "fr"), format_date("2014-05-01", "fr")
    ('3 décembre 2026', 'juillet 2014', '1er mai 2014')
    >>> format_date("2026-12-03", "en"), format_date("2014", "en"), format_date(None, "fr")
    ('December 3, 2026', '2014', '')
    """
    if not value:
        return ""
    import datetime

    from babel.dates import format_date as babel_date

    lang = lang or current()
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return str(babel_date(datetime.date(parts[0], parts[1], 1), "MMMM y", locale=lang))
    day = datetime.date(*parts)
    if lang == "fr" and day.day == 1:
        # French writes the first of the month as an ordinal: « 1er mai ».
        return "1er " + str(babel_date(day, "MMMM y", locale=lang))
    return str(babel_date(day, "long", locale=lang))


#: The words before a date, by sense, language and precision (a day, a month, a year).
_BEFORE_DATE = {
    "on": {"fr": ("au", "en", "en"), "en": ("on", "in", "in")},
    "when": {"fr": ("le", "en", "en"), "en": ("on", "in", "in")},
    "as of": {"fr": ("au", "en", "en"), "en": ("as of", "as of", "as of")},
    "by": {"fr": ("au", "fin", "fin"), "en": ("by", "by", "by")},
}


class When:
    """A date kept as data and written in the language of the message it is in, with its preposition.

    ``sense`` is ``None`` (the date alone), ``"on"`` for a state at that date (« actif au 3 décembre
    2026 », « en 2015 »; "on December 3, 2026", "in 2015"), ``"when"`` for an event (« a pris fin
    le 3 mai 2025 »), ``"as of"``, or ``"by"`` (« fin 2015 », "by 2015").

    >>> When("2026-12-03", "as of").render("fr"), When("2015", "on").render("fr"), When("2015", "by").render("en")
    ('au 3 décembre 2026', 'en 2015', 'by 2015')
    """

    __slots__ = ("value", "sense")

    def __init__(self, value: str, sense: str | None = None) -> None:
        if sense is not None and sense not in _BEFORE_DATE:
            raise ValueError(f"unknown sense {sense!r}: {', '.join(_BEFORE_DATE)}")
        self.value, self.sense = value, sense

    def render(self, lang: str | None = None) -> str:
        """The date in ``lang`` (default: :func:`current`)."""
        lang = lang or current()
        text = format_date(self.value, lang)
        if self.sense is None or not text:
            return text
        words = _BEFORE_DATE[self.sense].get(lang, _BEFORE_DATE[self.sense]["en"])
        return f"{words[2 - self.value.count('-')]} {text}"

    def __str__(self) -> str:
        return self.render()

    def __format__(self, spec: str) -> str:
        return format(self.render(), spec)

    def __repr__(self) -> str:
        return f"When({self.value!r}, {self.sense!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, When) and (self.value, self.sense) == (other.value, other.sense)

    def __hash__(self) -> int:
        return hash((self.value, self.sense))

    def __reduce__(self) -> Any:
        return (When, (self.value, self.sense))


class Named:
    """Names as French writes them in a sentence, with the article the data gives (:mod:`ptce_kit.grammar`).

    ``form`` is ``"the"`` (« le Groupe Archer », « l’Adie »), ``"of"`` (« du Groupe Archer »,
    « de la Mission locale », « des AMAP », « de Pôle Sud ») or ``"to"`` (« au Groupe Archer »).
    In English the name stands alone, after "of" or "to" for those forms.  ``things`` is one
    named thing (an object with ``name`` and ``article``, or a string) or a list of them.

    >>> class Actor:
    ...     def __init__(self, name, article=None): self.name, self.article = name, article
    >>> archer, adie = Actor("Groupe Archer", "le"), Actor("Adie", "l'")
    >>> Named(archer).render("fr"), of_name(archer).render("fr"), of_name(archer).render("en")
    ('le Groupe Archer', 'du Groupe Archer', 'of Groupe Archer')
    >>> of_name([archer, adie]).render("fr"), of_name("Pôle Sud").render("fr"), of_name("Mission locale", "la").render("fr")
    ('du Groupe Archer, de l’Adie', 'de Pôle Sud', 'de la Mission locale')
    """

    __slots__ = ("things", "form")

    def __init__(self, things: Any, form: str = "the") -> None:
        if form not in ("the", "of", "to"):
            raise ValueError(f"unknown form {form!r}: the, of or to")
        self.things = list(things) if isinstance(things, (list, tuple)) else [things]
        self.form = form

    def render(self, lang: str | None = None) -> str:
        """The names in ``lang`` (default: :func:`current`)."""
        from . import grammar

        lang = lang or current()
        if lang == "fr":
            write = {"the": grammar.the, "of": grammar.of, "to": grammar.to}[self.form]
            return ", ".join(write(thing) for thing in self.things)
        names = ", ".join(str(getattr(thing, "name", thing)) for thing in self.things)
        return names if self.form == "the" else f"{self.form} {names}"

    def __str__(self) -> str:
        return self.render()

    def __format__(self, spec: str) -> str:
        return format(self.render(), spec)

    def __repr__(self) -> str:
        return f"Named({self.things!r}, {self.form!r})"

    def __reduce__(self) -> Any:
        return (Named, (self.things, self.form))


def of_name(name: Any, article: str | None = None) -> Named:
    """« de » and the name, as French contracts it: « du Groupe Archer », « de l’Adie », « de Pôle Sud ».

    ``name`` is a named thing (its ``article`` is read) or a string with its ``article``
    (``le``, ``la``, ``l'``, ``les`` or ``None``); in English, "of" and the name.

    >>> of_name("Adie", "l'").render("fr"), of_name("AMAP", "les").render("fr"), of_name("AMAP", "les").render("en")
    ('de l’Adie', 'des AMAP', 'of AMAP')
    """
    return Named(_with_article(name, article), "of")


def the_name(name: Any, article: str | None = None) -> Named:
    """The name with its article in French (« le Groupe Archer »), alone in English."""
    return Named(_with_article(name, article), "the")


class _Bare:
    """A string name with the article given beside it."""

    __slots__ = ("name", "article")

    def __init__(self, name: str, article: str | None) -> None:
        self.name, self.article = name, article

    def __repr__(self) -> str:
        return f"{self.name!r} ({self.article})"

    def __reduce__(self) -> Any:
        return (_Bare, (self.name, self.article))


def _with_article(name: Any, article: str | None) -> Any:
    return _Bare(name, article) if isinstance(name, str) and article is not None else name


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
    values = {key: (value.render(lang) if isinstance(value, (Message, Figure, When, Named)) else value)
              for key, value in params.items()}
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
