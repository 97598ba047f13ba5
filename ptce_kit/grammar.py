"""French grammar from data: articles, elision, agreement and plurals.

A name in the data is written bare (« Groupe Archer », « Mission locale »); what French
needs around it is data too, given on the named thing: an optional ``article`` (``le``,
``la``, ``l'``, ``les``), and optional ``gender`` (``m``, ``f``) and ``number``
(``singular``, ``plural``).  With no article the name is written as it is (« Pôle Sud »,
« Romans-sur-Isère »), never with a guessed one.  Plurals follow the language's plural
rules (Babel's CLDR data): « 0 acteur » and « 1,5 an » are singular in French, "0 actors"
is plural in English.

The départements and régions carry their article here (:data:`DEPARTEMENTS`,
:data:`REGIONS`), as their official names are said: « la Drôme », « l’Isère », « le Rhône »,
« les Bouches-du-Rhône », hence « le département de la Drôme » (France's reference table,
:mod:`ptce_kit.reference.geo`, gives their names without it).

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
>>> of("Drôme", departement_article("26")), the("Isère", departement_article(name="isere"))
('de la Drôme', 'l’Isère')
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

__all__ = [
    "ARTICLES", "GENDERS", "NUMBERS", "normalise_article", "gender_of", "number_of", "the", "of", "to",
    "agree", "plural_category", "plural", "count", "capitalise",
    "DEPARTEMENTS", "REGIONS", "departement_article", "region_article",
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

#: Every département of the Code officiel géographique (and the overseas collectivities it
#: lists beside them): code -> (name, article).  The article is the one the name is said with
#: (« la Drôme », « le Territoire de Belfort »); ``None`` where the name takes none (Paris,
#: Mayotte) or carries its own (La Réunion).
DEPARTEMENTS: dict[str, tuple[str, str | None]] = {
    "01": ("Ain", "l'"), "02": ("Aisne", "l'"), "03": ("Allier", "l'"), "04": ("Alpes-de-Haute-Provence", "les"),
    "05": ("Hautes-Alpes", "les"), "06": ("Alpes-Maritimes", "les"), "07": ("Ardèche", "l'"),
    "08": ("Ardennes", "les"), "09": ("Ariège", "l'"), "10": ("Aube", "l'"), "11": ("Aude", "l'"),
    "12": ("Aveyron", "l'"), "13": ("Bouches-du-Rhône", "les"), "14": ("Calvados", "le"), "15": ("Cantal", "le"),
    "16": ("Charente", "la"), "17": ("Charente-Maritime", "la"), "18": ("Cher", "le"), "19": ("Corrèze", "la"),
    "21": ("Côte-d'Or", "la"), "22": ("Côtes-d'Armor", "les"), "23": ("Creuse", "la"), "24": ("Dordogne", "la"),
    "25": ("Doubs", "le"), "26": ("Drôme", "la"), "27": ("Eure", "l'"), "28": ("Eure-et-Loir", "l'"),
    "29": ("Finistère", "le"), "2A": ("Corse-du-Sud", "la"), "2B": ("Haute-Corse", "la"), "30": ("Gard", "le"),
    "31": ("Haute-Garonne", "la"), "32": ("Gers", "le"), "33": ("Gironde", "la"), "34": ("Hérault", "l'"),
    "35": ("Ille-et-Vilaine", "l'"), "36": ("Indre", "l'"), "37": ("Indre-et-Loire", "l'"), "38": ("Isère", "l'"),
    "39": ("Jura", "le"), "40": ("Landes", "les"), "41": ("Loir-et-Cher", "le"), "42": ("Loire", "la"),
    "43": ("Haute-Loire", "la"), "44": ("Loire-Atlantique", "la"), "45": ("Loiret", "le"), "46": ("Lot", "le"),
    "47": ("Lot-et-Garonne", "le"), "48": ("Lozère", "la"), "49": ("Maine-et-Loire", "le"), "50": ("Manche", "la"),
    "51": ("Marne", "la"), "52": ("Haute-Marne", "la"), "53": ("Mayenne", "la"), "54": ("Meurthe-et-Moselle", "la"),
    "55": ("Meuse", "la"), "56": ("Morbihan", "le"), "57": ("Moselle", "la"), "58": ("Nièvre", "la"),
    "59": ("Nord", "le"), "60": ("Oise", "l'"), "61": ("Orne", "l'"), "62": ("Pas-de-Calais", "le"),
    "63": ("Puy-de-Dôme", "le"), "64": ("Pyrénées-Atlantiques", "les"), "65": ("Hautes-Pyrénées", "les"),
    "66": ("Pyrénées-Orientales", "les"), "67": ("Bas-Rhin", "le"), "68": ("Haut-Rhin", "le"), "69": ("Rhône", "le"),
    "70": ("Haute-Saône", "la"), "71": ("Saône-et-Loire", "la"), "72": ("Sarthe", "la"), "73": ("Savoie", "la"),
    "74": ("Haute-Savoie", "la"), "75": ("Paris", None), "76": ("Seine-Maritime", "la"),
    "77": ("Seine-et-Marne", "la"), "78": ("Yvelines", "les"), "79": ("Deux-Sèvres", "les"), "80": ("Somme", "la"),
    "81": ("Tarn", "le"), "82": ("Tarn-et-Garonne", "le"), "83": ("Var", "le"), "84": ("Vaucluse", "le"),
    "85": ("Vendée", "la"), "86": ("Vienne", "la"), "87": ("Haute-Vienne", "la"), "88": ("Vosges", "les"),
    "89": ("Yonne", "l'"), "90": ("Territoire de Belfort", "le"), "91": ("Essonne", "l'"),
    "92": ("Hauts-de-Seine", "les"), "93": ("Seine-Saint-Denis", "la"), "94": ("Val-de-Marne", "le"),
    "95": ("Val-d'Oise", "le"),
    "971": ("Guadeloupe", "la"), "972": ("Martinique", "la"), "973": ("Guyane", "la"), "974": ("La Réunion", None),
    "976": ("Mayotte", None),
    "975": ("Saint-Pierre-et-Miquelon", None), "977": ("Saint-Barthélemy", None), "978": ("Saint-Martin", None),
    "984": ("Terres australes et antarctiques françaises", "les"), "986": ("Wallis et Futuna", None),
    "987": ("Polynésie française", "la"), "988": ("Nouvelle-Calédonie", "la"), "989": ("Île de Clipperton", "l'"),
}
#: The régions (code -> (name, article)), as :data:`DEPARTEMENTS`: « l’Occitanie », « les Hauts-de-France »;
#: an institution is said with the bare name after « région » (« la région Occitanie »).
REGIONS: dict[str, tuple[str, str | None]] = {
    "01": ("Guadeloupe", "la"), "02": ("Martinique", "la"), "03": ("Guyane", "la"), "04": ("La Réunion", None),
    "06": ("Mayotte", None), "11": ("Île-de-France", "l'"), "24": ("Centre-Val de Loire", "le"),
    "27": ("Bourgogne-Franche-Comté", "la"), "28": ("Normandie", "la"), "32": ("Hauts-de-France", "les"),
    "44": ("Grand Est", "le"), "52": ("Pays de la Loire", "les"), "53": ("Bretagne", "la"),
    "75": ("Nouvelle-Aquitaine", "la"), "76": ("Occitanie", "l'"), "84": ("Auvergne-Rhône-Alpes", "l'"),
    "93": ("Provence-Alpes-Côte d'Azur", "la"), "94": ("Corse", "la"),
    # the overseas collectivities the Code officiel géographique lists as their own région
    "975": ("Saint-Pierre-et-Miquelon", None), "977": ("Saint-Barthélemy", None), "978": ("Saint-Martin", None),
    "984": ("Terres australes et antarctiques françaises", "les"), "986": ("Wallis et Futuna", None),
    "987": ("Polynésie française", "la"), "988": ("Nouvelle-Calédonie", "la"), "989": ("Île de Clipperton", "l'"),
    # the régions before 2016 (loi n° 2015-29), which data about earlier years names
    "21": ("Champagne-Ardenne", "la"), "22": ("Picardie", "la"), "23": ("Haute-Normandie", "la"),
    "25": ("Basse-Normandie", "la"), "26": ("Bourgogne", "la"), "31": ("Nord-Pas-de-Calais", "le"),
    "41": ("Lorraine", "la"), "42": ("Alsace", "l'"), "43": ("Franche-Comté", "la"), "54": ("Poitou-Charentes", "le"),
    "72": ("Aquitaine", "l'"), "73": ("Midi-Pyrénées", "le"), "74": ("Limousin", "le"), "82": ("Rhône-Alpes", "la"),
    "83": ("Auvergne", "l'"), "91": ("Languedoc-Roussillon", "le"),
}


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


def _key(name: str) -> str:
    """A name compared as people type it: without accents, capitals, hyphens or apostrophes' shape."""
    import unicodedata

    text = unicodedata.normalize("NFKD", name.replace(_APOSTROPHE, "'")).encode("ascii", "ignore").decode()
    return " ".join(text.lower().replace("-", " ").split())


def _article_in(table: dict[str, tuple[str, str | None]], code: str | None, name: str | None) -> str | None:
    if code is not None and code.strip().upper() in table:
        return table[code.strip().upper()][1]
    if name:
        wanted = _key(name)
        for known, article in table.values():
            if _key(known) == wanted:
                return article
    return None


def departement_article(code: str | None = None, name: str | None = None) -> str | None:
    """The article of a département, found by its code or else its name, as :data:`DEPARTEMENTS` gives it.

    ``None`` for a name said without an article (Paris), or one this table does not know.

    Examples
    --------
    >>> [departement_article(c) for c in ("26", "07", "69", "13", "29", "93", "92", "38")]
    ['la', "l'", 'le', 'les', 'le', 'la', 'les', "l'"]
    >>> departement_article(name="Seine-Saint-Denis"), departement_article("75"), departement_article(name="Atlantis")
    ('la', None, None)
    """
    return _article_in(DEPARTEMENTS, code, name)


def region_article(code: str | None = None, name: str | None = None) -> str | None:
    """The article of a région, found by its code or else its name, as :data:`REGIONS` gives it.

    Examples
    --------
    >>> region_article("84"), region_article(name="Hauts-de-France"), region_article(name="Bretagne")
    ("l'", 'les', 'la')
    """
    return _article_in(REGIONS, code, name)


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
    """The name with its definite article, if the data gives one (« le Groupe Archer », « l’Adie »).

    A name that starts with its own « Le » or « Les » says it in lower case inside a
    sentence, as :func:`of` and :func:`to` contract it (« les Restos du Cœur », « des Restos
    du Cœur »); « La » and « L’ » stay as the name writes them (« La Poste », « de La Poste »).
    A sentence that opens on the name capitalises it (the templates' ``cap``).

    >>> the("Groupe Archer", "le"), the("Les Coteaux du Diois"), the("Le Labo de l’ESS"), the("La Poste")
    ('le Groupe Archer', 'les Coteaux du Diois', 'le Labo de l’ESS', 'La Poste')
    """
    name, article = _parts(thing, article)
    if article is None:
        embedded = _embedded(name)
        if embedded and embedded[0] in ("le", "les"):
            return f"{embedded[0]} {embedded[1]}"
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

