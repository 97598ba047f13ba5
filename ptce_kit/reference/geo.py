"""France's reference geography: communes, postal codes, départements, régions, EPCI.

The table ships as ``ptce_kit/reference/geo.tsv.gz``, built by
``scripts/build_reference_geo.py`` from the npm package ``@etalab/decoupage-administratif``
(INSEE's Code officiel géographique, the DGCL's EPCI à fiscalité propre with their member
communes, La Poste's postal codes; Licence Ouverte 2.0, Etalab).  Its header states the
version and the COG year; :data:`VINTAGE` says which year this release ships.

The table is read once, on the first question, and kept (about 0.1 s); importing this
module reads nothing.  Only the standard library is used.

Examples
--------
>>> commune("26281").name
'Romans-sur-Isère'
>>> "26113 Die" in [c.label for c in communes_by_postal_code("26150")]
True
>>> epci_of("26281").name
'CA Valence Romans Agglo'
"""

from __future__ import annotations

import difflib
import functools
import gzip
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

__all__ = [
    "VINTAGE", "SOURCE", "Region", "Departement", "Epci", "Commune", "FormerCommune",
    "commune", "communes_by_postal_code", "communes_named", "former_commune", "departement", "region",
    "epci", "epci_of", "epci_members", "epcis", "commune_codes", "departements", "regions", "is_commune_code_known",
    "is_current_commune", "former_codes_of", "known_commune_codes", "FORMER_REGIONS",
    "nearest_communes", "normalise_name", "same_name", "table_header", "COMMUNE_CODE_SHAPE",
]

#: The COG year of the shipped table (a test checks it against the table's header).
VINTAGE = "COG 2026"
#: Where the table comes from, in a few words, for messages and documents.
SOURCE = "INSEE, Code officiel géographique 2026, via @etalab/decoupage-administratif 6.0.0 (Licence Ouverte 2.0)"
#: The régions' codes before 1 January 2016 (loi n° 2015-29), with their name and the code of
#: the région they became part of.
FORMER_REGIONS: dict[str, tuple[str, str]] = {
    "21": ("Champagne-Ardenne", "44"), "22": ("Picardie", "32"), "23": ("Haute-Normandie", "28"),
    "25": ("Basse-Normandie", "28"), "26": ("Bourgogne", "27"), "31": ("Nord-Pas-de-Calais", "32"),
    "41": ("Lorraine", "44"), "42": ("Alsace", "44"), "43": ("Franche-Comté", "27"),
    "54": ("Poitou-Charentes", "75"), "72": ("Aquitaine", "75"), "73": ("Midi-Pyrénées", "76"),
    "74": ("Limousin", "75"), "82": ("Rhône-Alpes", "84"), "83": ("Auvergne", "84"),
    "91": ("Languedoc-Roussillon", "76"),
}
#: The shape of a commune code: five digits, or 2A/2B and three digits (Corsica).
COMMUNE_CODE_SHAPE = re.compile(r"(?:[0-9]{5}|2[AB][0-9]{3})\Z")
_POSTAL_SHAPE = re.compile(r"[0-9]{5}\Z")


class Region(NamedTuple):
    """A région (or an overseas collectivity the COG lists as its own région)."""

    code: str
    name: str
    zone: str  # metro, drom or com

    @property
    def label(self) -> str:
        """``code name``, as messages name it."""
        return f"{self.code} {self.name}"


class Departement(NamedTuple):
    """A département (or an overseas collectivity), with its région's code."""

    code: str
    name: str
    region: str
    zone: str

    @property
    def label(self) -> str:
        """``code name``, as messages name it."""
        return f"{self.code} {self.name}"


class Epci(NamedTuple):
    """An EPCI à fiscalité propre: SIREN, kind (CC, CA, CU, METRO, MET69) and name."""

    siren: str
    kind: str
    name: str

    @property
    def label(self) -> str:
        """``name (SIREN)``, as messages name it."""
        return f"{self.name} ({self.siren})"


class Commune(NamedTuple):
    """A commune of the COG, or one of the 45 arrondissements municipaux of Paris, Lyon, Marseille.

    ``part_of`` is the commune an arrondissement municipal belongs to (``None`` for a
    commune); ``population`` is the one the source gives (used to rank suggestions, not
    as a figure of the pole); ``epci`` is the SIREN of its EPCI à fiscalité propre, ``None`` for the few
    communes outside any (islands, overseas collectivities).
    """

    code: str
    name: str
    departement: str
    region: str
    epci: str | None
    postal_codes: tuple[str, ...]
    population: int | None = None
    part_of: str | None = None

    @property
    def label(self) -> str:
        """``code name``, as messages name it.

        Examples
        --------
        >>> commune("26113").label
        '26113 Die'
        """
        return f"{self.code} {self.name}"


class FormerCommune(NamedTuple):
    """A code that is no longer a commune's: merged into ``successor``.

    ``kind`` is ``merged`` (the code is gone), ``deleguee`` or ``associee`` (it lives on
    as a commune déléguée or associée of ``successor``); ``name`` is known for the last two.
    """

    code: str
    name: str | None
    kind: str
    successor: str


@dataclass(frozen=True)
class _Raw:
    """The table as read: small parts parsed, communes kept as their lines until asked."""

    header: tuple[str, ...]
    regions: dict[str, Region]
    departements: dict[str, Departement]
    epcis: dict[str, Epci]
    former: dict[str, FormerCommune]
    lines: dict[str, str]  # commune or arrondissement code -> its row


@functools.cache
def _text() -> str:
    """The table's text, decompressed once."""
    return gzip.decompress(resources.files("ptce_kit.reference").joinpath("geo.tsv.gz").read_bytes()).decode("utf-8")


@functools.cache
def _raw() -> _Raw:
    text = _text()
    # Rows are sorted by kind (R, D, E, C, M, L, F) and commune codes have 5 characters:
    # the 37 000 commune rows are kept as text, by code, cut out of the table in one piece.
    start, end = text.index("\nC\t") + 1, text.index("\nL\t") + 1
    lines = text[:start].splitlines()
    header = tuple(line for line in lines if line.startswith("#"))
    communes = {line[2:7]: line for line in text[start:end - 1].split("\n")}
    regions: dict[str, Region] = {}
    departements: dict[str, Departement] = {}
    epcis: dict[str, Epci] = {}
    former: dict[str, FormerCommune] = {}
    for line in lines[len(header):] + text[end:].splitlines():
        row = line.split("\t")
        kind = row[0]
        if kind == "L":
            former[row[1]] = FormerCommune(row[1], row[2], "deleguee" if row[3] == "d" else "associee", row[4])
        elif kind == "F":
            former[row[1]] = FormerCommune(row[1], None, "merged", row[2])
        elif kind == "D":
            departements[row[1]] = Departement(row[1], row[3], row[2], row[4])
        elif kind == "R":
            regions[row[1]] = Region(row[1], row[2], row[3])
        elif kind == "E":
            epcis[row[1]] = Epci(row[1], row[2], row[3])
    return _Raw(header, regions, departements, epcis, former, communes)


def _parse(raw: _Raw, line: str) -> Commune:
    row = line.split("\t")
    if row[0] == "C":
        code, name, dep, siren, postal, population = row[1:7]
        return Commune(code, name, dep, raw.departements[dep].region, siren or None,
                       tuple(postal.split()), int(population) if population else None)
    code, name, parent, postal, population = row[1:6]
    city = _parse(raw, raw.lines[parent])
    return Commune(code, name, city.departement, city.region, city.epci, tuple(postal.split()),
                   int(population) if population else None, parent)


@dataclass(frozen=True)
class _Table:
    communes: dict[str, Commune]
    by_postal: dict[str, tuple[str, ...]]
    epci_members: dict[str, tuple[str, ...]]


@functools.cache
def _table() -> _Table:
    # Every commune parsed, for the questions that look through them all.
    raw = _raw()
    communes = {code: _parse(raw, line) for code, line in raw.lines.items()}
    by_postal: dict[str, list[str]] = {}
    members: dict[str, list[str]] = {}
    for code, c in communes.items():
        for cp in c.postal_codes:
            by_postal.setdefault(cp, []).append(code)
        if c.epci and c.part_of is None:
            members.setdefault(c.epci, []).append(code)
    return _Table(communes, {k: tuple(sorted(v)) for k, v in by_postal.items()},
                  {k: tuple(sorted(v)) for k, v in members.items()})


@functools.cache
def _by_name() -> dict[str, tuple[str, ...]]:
    # Only name look-ups need it (normalising 35 000 names takes a while).
    found: dict[str, list[str]] = {}
    for code, c in _table().communes.items():
        found.setdefault(normalise_name(c.name), []).append(code)
    return {k: tuple(sorted(v)) for k, v in found.items()}


def table_header() -> tuple[str, ...]:
    """The comment lines of the shipped table: source, version, vintage, licence, how to refresh."""
    return _raw().header


_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
_SAINT = {"st": "saint", "ste": "sainte"}


def normalise_name(name: str) -> str:
    """A commune's name for comparison: no accents, case, hyphens, apostrophes; St → Saint.

    Examples
    --------
    >>> normalise_name("Romans-sur-Isère") == normalise_name("ROMANS SUR ISERE")
    True
    >>> normalise_name("St-Étienne-de-St-Geoirs")
    'saint etienne de saint geoirs'
    """
    text = unicodedata.normalize("NFKD", name.translate(_LIGATURES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    words = re.sub(r"[^0-9a-z]+", " ", text).split()
    return " ".join(_SAINT.get(w, w) for w in words)


def same_name(a: str, b: str) -> bool:
    """Whether two names are the same commune's name, written differently.

    Examples
    --------
    >>> same_name("Bourg de Peage", "Bourg-de-Péage"), same_name("Die", "Dieulefit")
    (True, False)
    """
    return normalise_name(a) == normalise_name(b)


def commune(code: str) -> Commune | None:
    """The current commune (or arrondissement municipal) with this INSEE code, else ``None``.

    A postal code, a former commune's code or a typo gives ``None``: see
    :func:`former_commune` and :func:`nearest_communes`.

    Examples
    --------
    >>> c = commune("26057")
    >>> c.name, c.departement, c.region, c.postal_codes
    ('Bourg-de-Péage', '26', '84', ('26300',))
    >>> commune("26400") is None  # Crest's postal code, not a commune code
    True
    >>> commune("13201").part_of
    '13055'
    """
    if _table.cache_info().currsize:
        return _table().communes.get(code)
    raw = _raw()
    line = raw.lines.get(code)
    return _parse(raw, line) if line is not None else None


def communes_by_postal_code(postal_code: str) -> list[Commune]:
    """The communes a postal code serves, by INSEE code.

    Examples
    --------
    >>> [c.label for c in communes_by_postal_code("26100")]
    ['26281 Romans-sur-Isère']
    >>> "26113 Die" in [c.label for c in communes_by_postal_code("26150")]
    True
    """
    table = _table()
    return [table.communes[code] for code in table.by_postal.get(postal_code.strip(), ())]


def communes_named(name: str) -> list[Commune]:
    """The communes with this name, whatever the accents, case and hyphens.

    Examples
    --------
    >>> [c.code for c in communes_named("romans sur isere")]
    ['26281']
    >>> [c.departement for c in communes_named("Saint-Jean-de-Luz")]
    ['64']
    """
    table = _table()
    return [table.communes[code] for code in _by_name().get(normalise_name(name), ())]


def former_commune(code: str) -> FormerCommune | None:
    """A code that merged into another commune, with its successor, else ``None``.

    A commune déléguée may share its code with the commune nouvelle it belongs to (the
    commune nouvelle took it over): then :func:`commune` gives the commune nouvelle and
    this function the commune déléguée.

    Examples
    --------
    >>> former = former_commune("26029")
    >>> former.kind, commune(former.successor).label
    ('merged', '26136 Val-Maravel')
    >>> former_commune("01015").name, commune("01015").name
    ('Arbignieu', 'Arboys en Bugey')
    >>> former_commune("26281") is None
    True
    """
    return _raw().former.get(code)


def departement(code: str) -> Departement | None:
    """The département with this code (``26``, ``2A``, ``971``…), else ``None``.

    Examples
    --------
    >>> departement("26").name, region(departement("26").region).name
    ('Drôme', 'Auvergne-Rhône-Alpes')
    >>> departement("20") is None  # Corsica is 2A and 2B since 1976
    True
    """
    return _raw().departements.get(code)


def region(code: str) -> Region | None:
    """The région with this code (``84``, ``04``…), else ``None``.

    Examples
    --------
    >>> region("84").name, region("04").zone
    ('Auvergne-Rhône-Alpes', 'drom')
    >>> region("82") is None  # Rhône-Alpes, merged into 84 in 2016
    True
    """
    return _raw().regions.get(code)


def epcis() -> list[Epci]:
    """Every EPCI à fiscalité propre of the table, by SIREN."""
    return sorted(_raw().epcis.values(), key=lambda e: e.siren)


def departements() -> list[Departement]:
    """Every département of the table, by code."""
    return sorted(_raw().departements.values(), key=lambda d: d.code)


def regions() -> list[Region]:
    """Every région of the table, by code."""
    return sorted(_raw().regions.values(), key=lambda r: r.code)


def _siren(value: str) -> str:
    return re.sub(r"[\s.\u00a0]", "", str(value))


def epci(siren: str) -> Epci | None:
    """The EPCI à fiscalité propre with this SIREN (spaces allowed), else ``None``.

    Examples
    --------
    >>> epci("200 068 781").name
    'CA Valence Romans Agglo'
    >>> epci("212602817") is None  # the commune of Romans' own SIREN, not an EPCI's
    True
    """
    return _raw().epcis.get(_siren(siren))


def epci_of(commune_code: str) -> Epci | None:
    """The EPCI à fiscalité propre a commune belongs to, else ``None``.

    Examples
    --------
    >>> epci_of("26057").siren
    '200068781'
    >>> epci_of("29155") is None  # Ouessant, an island outside any EPCI
    True
    """
    c = commune(commune_code)
    return _raw().epcis.get(c.epci) if c is not None and c.epci else None


def epci_members(siren: str) -> list[Commune]:
    """The member communes of an EPCI, by code (empty for an unknown SIREN).

    Examples
    --------
    >>> members = epci_members("200068781")
    >>> "26281" in [c.code for c in members], "26113" in [c.code for c in members]
    (True, False)
    """
    table = _table()
    return [table.communes[code] for code in table.epci_members.get(_siren(siren), ())]


def commune_codes(*, departement: str | None = None, region: str | None = None,
                  epci: str | None = None) -> frozenset[str]:
    """The codes of the current communes of a département, a région or an EPCI.

    Arrondissements municipaux are included with their commune, so that an actor in
    Marseille 1er is in the Bouches-du-Rhône.

    Examples
    --------
    >>> len(commune_codes(departement="26")) > 300, "26113" in commune_codes(region="84")
    (True, True)
    >>> "13201" in commune_codes(epci=epci_of("13055").siren)
    True
    """
    chosen = [x for x in (departement, region, epci) if x is not None]
    if len(chosen) != 1:
        raise TypeError("give exactly one of departement, region, epci")
    return _codes(departement, region, _siren(epci) if epci else None)


@functools.cache
def _codes(departement: str | None, region: str | None, epci: str | None) -> frozenset[str]:
    # Straight from the rows (C: code name departement epci …): no commune is built.
    raw = _raw()
    if region is not None:
        wanted = {d.code for d in raw.departements.values() if d.region == region}
        column, values = 3, wanted
    else:
        column, values = (4, {epci or ""}) if epci is not None else (3, {departement or ""})
    found: set[str] = set()
    parents: dict[str, str] = {}
    for code, line in raw.lines.items():
        row = line.split("\t", 6)
        if row[0] == "C":
            if row[column] in values:
                found.add(code)
        else:
            parents[code] = row[3]
    found.update(code for code, parent in parents.items() if parent in found)
    return frozenset(found)


def is_current_commune(code: str) -> bool:
    """Whether a code is a current commune's or arrondissement municipal's (no commune is built).

    Examples
    --------
    >>> is_current_commune("26281"), is_current_commune("26029")
    (True, False)
    """
    return code in _raw().lines


def former_codes_of(codes: set[str] | frozenset[str]) -> frozenset[str]:
    """The former communes' codes whose successor is among ``codes``.

    Examples
    --------
    >>> sorted(former_codes_of({"26136"}))  # Val-Maravel, made of Beaurières and Pradelle
    ['26029', '26237']
    """
    return frozenset(f.code for f in _raw().former.values() if f.successor in codes)


def is_commune_code_known(code: str) -> bool:
    """Whether a code is a commune's, an arrondissement municipal's or a former commune's.

    Examples
    --------
    >>> is_commune_code_known("26281"), is_commune_code_known("26029"), is_commune_code_known("26400")
    (True, True, False)
    """
    if not (len(code) == 5 and code.isalnum()):
        return False
    if _raw.cache_info().currsize:  # the table is read: two look-ups
        raw = _raw()
        return code in raw.lines or code in raw.former
    # Validating a pole checks its few communes before anything else reads the table: a row
    # of a commune (C), an arrondissement (M) or a former commune (L, F) is found in the
    # text, without cutting the 37 000 communes' rows into a dictionary first.
    text = _text()
    return any(f"\n{kind}\t{code}\t" in text for kind in "CMLF")


def known_commune_codes() -> frozenset[str]:
    """Every code :func:`is_commune_code_known` accepts, for checking many at once."""
    return _known()


@functools.cache
def _known() -> frozenset[str]:
    raw = _raw()
    return frozenset(raw.lines) | frozenset(raw.former)


def nearest_communes(code_or_name: str, n: int = 5) -> list[Commune]:
    """Real communes a mistyped code or name may have meant, best first.

    For a code: the commune with that code, if any, then the communes of the postal code
    it may be (a postal code is the usual mistake); else the successor of a former
    commune; else the closest codes of the same département.  For a name: the communes of that name, else the closest names.

    Examples
    --------
    >>> [c.label for c in nearest_communes("26400")][:2]  # Crest's postal code
    ['26108 Crest', '26011 Aouste-sur-Sye']
    >>> [c.label for c in nearest_communes("26150")][:2]  # a commune's code, and Die's postal code
    ['26150 Izon-la-Bruisse', '26113 Die']
    >>> [c.label for c in nearest_communes("26821")][:1]  # two digits swapped
    ['26281 Romans-sur-Isère']
    >>> [c.label for c in nearest_communes("Romans sur Isere")]
    ['26281 Romans-sur-Isère']
    >>> [c.label for c in nearest_communes("Bourg-de-Péages")][:1]
    ['26057 Bourg-de-Péage']
    """
    table = _table()
    text = str(code_or_name).strip()
    if COMMUNE_CODE_SHAPE.match(text.upper()):
        code = text.upper()
        served = _largest_first(communes_by_postal_code(code)) if _POSTAL_SHAPE.match(code) else []
        if code in table.communes:
            # A real code may still be a postal code typed for it (26150: Izon-la-Bruisse, Die's postal code).
            return [table.communes[code], *(c for c in served if c.code != code)][:n]
        former = _raw().former.get(code)
        if former is not None:
            return [table.communes[former.successor]]
        if served:
            return served[:n]
        prefix = code[:3] if code.startswith("97") else code[:2]
        near = [(d, c) for c in table.communes.values() if c.code.startswith(prefix)
                and (d := _typos(code, c.code)) <= 1]
        return [c for _, c in sorted(near, key=lambda dc: (dc[0], -(dc[1].population or 0), dc[1].code))][:n]
    exact = communes_named(text)
    if exact:
        return _largest_first(exact)[:n]
    key = normalise_name(text)
    names = _by_name()
    close = difflib.get_close_matches(key, list(names), n=n, cutoff=0.75)
    return [c for name in close for c in _largest_first([table.communes[code] for code in names[name]])][:n]


def _typos(a: str, b: str) -> int:
    """How many typos apart two codes are: a wrong digit or two swapped neighbours each count 1.

    Examples
    --------
    >>> _typos("26821", "26281"), _typos("26280", "26281"), _typos("26000", "26281")
    (1, 1, 3)
    """
    if len(a) != len(b):
        return max(len(a), len(b))
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
        return 1
    return len(diff)


def _largest_first(found: list[Commune]) -> list[Commune]:
    """The largest town first: the one a postal code or a common name most likely means."""
    return sorted(found, key=lambda c: (-(c.population or 0), c.code))
