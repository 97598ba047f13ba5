"""French grammar from data: articles, elision, agreement and plurals.

A name in the data is written bare (« Groupe Archer », « Mission locale »); what French
needs around it is data too, given on the named thing: an optional ``article`` (``le``,
``la``, ``l'``, ``les``), and optional ``gender`` (``m``, ``f``) and ``number``
(``singular``, ``plural``).  With no article the name is written as it is (« Pôle Sud »,
« Romans-sur-Isère »), never with a guessed one.  Plurals follow the language's plural
rules (Babel's CLDR data): « 0 acteur » and « 1,5 an » are singular in French, "0 actors"
is plural in English.

This module is on the ground floor: the standard library and Babel only.

Examples
--------
>>> the("Groupe Archer", "le"), the("Adie", "l'"), the("AMAP", "les"), the("Pôle Sud")
('le Groupe Archer', 'l’Adie', 'les AMAP', 'Pôle Sud')
>>> of("Groupe Archer", "le"), of("Mission locale", "la"), of("AMAP", "les"), of("Adie")
('du Groupe Archer', 'de la Mission locale', 'des AMAP', 'd’Adie')
>>> to("Groupe Archer", "le"), to("AMAP", "les"), to("Romans-sur-Isère")
('au Groupe Archer', 'aux AMAP', 'à Romans-sur-Isère')
>>> count(1, "projet", "projets"), count(2, "projet", "projets"), count(0, "acteur", "acteurs")
('1 projet', '2 projets', '0 acteur')
>>> count(0, "acteur pressenti", "acteurs pressentis", zero="aucun acteur pressenti")
'aucun acteur pressenti'
>>> agree("implanté", "f"), agree("implanté", "m", "plural"), agree("porteur", "f", feminine="porteuse")
('implantée', 'implantés', 'porteuse')
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

__all__ = [
    "ARTICLES", "GENDERS", "NUMBERS", "normalise_article", "gender_of", "number_of", "the", "of", "to",
    "agree", "plural_category", "plural", "count", "capitalise",
]

#: The articles a name may carry, as the data writes them.
ARTICLES = ("le", "la", "l'", "les")
GENDERS = ("m", "f")
NUMBERS = ("singular", "plural")

_APOSTROPHE = "’"
_VOWELS = frozenset("aàâäeéèêëiîïoôöuùûüyÿæœ")
#: What « de » and « à » become before each article (the contractions du, des, au, aux).
_OF = {"le": "du ", "la": "de la ", "l'": "de l’", "les": "des "}
_TO = {"le": "au ", "la": "à la ", "l'": "à l’", "les": "aux "}
_THE = {"le": "le ", "la": "la ", "l'": "l’", "les": "les "}


def normalise_article(value: str | None) -> str | None:
    """An article as the data stores it: lower case, straight apostrophe, or ``None``.

    >>> normalise_article("L’"), normalise_article(" Les "), normalise_article("")
    ("l'", 'les', None)
    """
    if value is None:
        return None
    text = value.strip().lower().replace(_APOSTROPHE, "'")
    return text or None


def _parts(thing: Any, article: str | None) -> tuple[str, str | None]:
    """The name and article of ``thing``: a string (with ``article``), or an object with ``name``/``article``."""
    if isinstance(thing, str):
        return thing, normalise_article(article)
    name = str(getattr(thing, "name", thing))
    return name, normalise_article(article if article is not None else getattr(thing, "article", None))


def _embedded(name: str) -> tuple[str, str] | None:
    """The article a name starts with, and the rest: « Le Labo de l’ESS » → (``le``, « Labo de l’ESS »)."""
    for word in ("Le ", "La ", "Les "):
        if name.startswith(word) and len(name) > len(word):
            return word.strip().lower(), name[len(word):]
    if name[:2] in ("L'", "L" + _APOSTROPHE) and len(name) > 2:
        return "l'", name[2:]
    return None


def gender_of(thing: Any) -> str | None:
    """The grammatical gender of a named thing: its ``gender``, else what its article says, else ``None``.

    >>> class Named:
    ...     def __init__(self, **kw): self.__dict__.update(kw)
    >>> gender_of(Named(name="Mission locale", article="la")), gender_of(Named(name="Adie", article="l'"))
    ('f', None)
    """
    gender = getattr(thing, "gender", None)
    if gender:
        return str(gender)
    article = normalise_article(getattr(thing, "article", None))
    if article is None:
        embedded = _embedded(str(getattr(thing, "name", "")))
        article = embedded[0] if embedded else None
    return {"le": "m", "la": "f"}.get(article or "")


def number_of(thing: Any) -> str:
    """``plural`` or ``singular``: a list of more than one item, or a thing whose ``number`` or article is plural.

    >>> number_of(["a", "b"]), number_of(["a"]), number_of([])
    ('plural', 'singular', 'singular')
    """
    if isinstance(thing, (list, tuple)):
        if len(thing) == 1:
            return number_of(thing[0])
        return "plural" if len(thing) > 1 else "singular"
    number = getattr(thing, "number", None)
    if number:
        return str(number)
    article = normalise_article(getattr(thing, "article", None))
    if article is None:
        embedded = _embedded(str(getattr(thing, "name", "")))
        article = embedded[0] if embedded else None
    return "plural" if article == "les" else "singular"


def capitalise(text: str) -> str:
    """The text with its first letter in capital, the rest untouched (« le Groupe » → « Le Groupe »).

    >>> capitalise("l’Adie"), capitalise("")
    ('L’Adie', '')
    """
    return text[:1].upper() + text[1:]


def _starts_with_vowel(name: str) -> bool:
    return bool(name) and name[0].lower() in _VOWELS


def the(thing: Any, article: str | None = None) -> str:
    """The name with its definite article, if the data gives one (« le Groupe Archer », « l’Adie »)."""
    name, article = _parts(thing, article)
    return _THE.get(article or "", "") + name


def of(thing: Any, article: str | None = None) -> str:
    """« de » and the name: « du Groupe Archer », « de la Mission locale », « des AMAP », « d’Adie », « de Pôle Sud ».

    A name that starts with its own article contracts it (« du Labo de l’ESS »,
    « des Compagnons du Tour », « de La Poste »).

    >>> of("Le Labo de l’ESS"), of("La Poste"), of("Les Compagnons")
    ('du Labo de l’ESS', 'de La Poste', 'des Compagnons')
    """
    name, article = _parts(thing, article)
    if article in _OF:
        return _OF[article] + name
    embedded = _embedded(name)
    if embedded and embedded[0] in ("le", "les"):
        return _OF[embedded[0]] + embedded[1]
    return ("d" + _APOSTROPHE if _starts_with_vowel(name) else "de ") + name


def to(thing: Any, article: str | None = None) -> str:
    """« à » and the name: « au Groupe Archer », « à la Mission locale », « aux AMAP », « à Pôle Sud ».

    >>> to("Le Labo de l’ESS"), to("La Poste")
    ('au Labo de l’ESS', 'à La Poste')
    """
    name, article = _parts(thing, article)
    if article in _TO:
        return _TO[article] + name
    embedded = _embedded(name)
    if embedded and embedded[0] in ("le", "les"):
        return _TO[embedded[0]] + embedded[1]
    return "à " + name


def agree(word: str, gender: str | None = None, number: str | None = None, *,
          feminine: str | None = None, plural: str | None = None) -> str:
    """A French adjective or past participle agreed in gender and number.

    ``word`` is the masculine singular; ``feminine`` and ``plural`` give irregular forms
    (« porteuse », « généraux »).  The regular forms add ``e`` (unless the word ends in
    ``e``) and ``s`` (unless it ends in ``s``, ``x`` or ``z``).  An unknown gender takes
    the masculine, French's unmarked form.

    >>> agree("membre", "f", "plural"), agree("associé", "f", "plural"), agree("heureux", "m", "plural")
    ('membres', 'associées', 'heureux')
    """
    form = word
    if gender == "f":
        form = feminine or (word if word.endswith("e") else word + "e")
    if number == "plural":
        if plural and gender != "f":
            return plural
        if not form.endswith(("s", "x", "z")):
            form += "s"
    return form


@lru_cache(maxsize=8)
def _locale(lang: str) -> Any:
    from babel import Locale

    return Locale.parse(lang)


def plural_category(n: float, lang: str) -> str:
    """The CLDR plural category of ``n`` in ``lang``: ``one``, ``many`` or ``other``.

    >>> plural_category(0, "fr"), plural_category(0, "en"), plural_category(1, "en")
    ('one', 'other', 'one')
    """
    return str(_locale(lang).plural_form(abs(n)))


def plural(n: float, one: str, many: str, lang: str = "fr") -> str:
    """``one`` or ``many``, whichever the language's plural rules choose for ``n``.

    >>> plural(1, "a quitté", "ont quitté"), plural(3, "a quitté", "ont quitté")
    ('a quitté', 'ont quitté')
    """
    return one if plural_category(n, lang) == "one" else many


def count(n: float, one: str, many: str, lang: str = "fr", *, zero: str | None = None,
          number: str | None = None) -> str:
    """``n`` and its noun in the right number: « 1 projet », « 2 projets », "0 projects".

    ``zero`` is said instead of « 0 … » when given (« aucun acteur pressenti »);
    ``number`` is ``n`` as the document writes it (« 1 000 », "1,000"), ``str(n)`` otherwise.

    >>> count(0, "project", "projects", "en"), count(1000, "commune", "communes", number="1 000")
    ('0 projects', '1 000 communes')
    """
    if n == 0 and zero is not None:
        return zero
    return f"{number if number is not None else n} {plural(n, one, many, lang)}"

