"""From the rows of SIRENE files to one checked record per legal unit (SIREN).

The files are read in two passes at most, each streamed: first the establishments
(``StockEtablissement``, its historical file's current rows, a joined file or the company
search service's export), filtered row by row by commune, département, EPCI, NAF code and
state; then the units (``StockUniteLegale`` or its historical file), of which only the
SIRENs the first pass kept are read.  What is held in memory is what passed the filters,
never the file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import Invalid, PoleError, Problem
from ...i18n import Message, N_
from ...model import Category, check_insee_code, check_partial_date, check_siren, check_siret
from ...reference import legal_form, legal_form_label
from .lambert import LAMBERT93_BOUNDS, lambert93_to_wgs84
from .layouts import API_FIELDS, Layout, detect_layout
from .stream import Progress, Source, open_source

__all__ = [
    "Filters", "Establishment", "SireneRecord", "SireneRecords", "read_sirene", "ess_status",
    "ess_disagreement", "category_for", "cooperative_status", "normalise_naf",
]

HIDDEN = ("[ND]", "[NON-DIFFUSIBLE]")  # what INSEE and the search service write for a withheld value
LUHN_HINT = N_("SIREN and SIRET are checked with the Luhn algorithm (and La Poste's exception for its SIRETs) "
               "by python-stdnum: check for a typo")
NAME_COLUMNS = (
    "denominationUniteLegale",
    "denominationUsuelle1UniteLegale",
    "nom_complet",
)
ESTABLISHMENT_NAME_COLUMNS = ("enseigne1Etablissement", "denominationUsuelleEtablissement")
COMMUNE_COLUMNS = ("codeCommuneEtablissement", "codeCommune")
# Control characters (C0, C1, DEL) and the invisible bidirectional controls, which can
# reorder what a reader sees.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: Kinds of form that cannot be an ESS enterprise (loi n° 2014-856, art. 1, I and II).
_NEVER_ESS = {"natural_person", "no_legal_personality", "public", "civil_company", "foreign"}
_TRUE, _FALSE = {"O", "OUI", "TRUE", "1", "YES"}, {"N", "NON", "FALSE", "0", "NO"}


def _clean(value: str) -> str:
    """A cell without control characters (a line break or tab becomes a space), stripped."""
    if not _CONTROL.search(value):
        return value.strip()
    return " ".join(_CONTROL.sub(lambda m: " " if m.group() in "\t\n\r" else "", value).split())


def normalise_naf(code: str) -> str:
    """A NAF code as INSEE writes it in its files (``88.99B``) from ``8899B``, ``88.99b``…

    Examples
    --------
    >>> normalise_naf("8899b"), normalise_naf("88.99B"), normalise_naf("88.9")
    ('88.99B', '88.99B', '88.9')
    """
    compact = re.sub(r"[\s.]", "", code).upper()
    return f"{compact[:2]}.{compact[2:]}" if len(compact) > 2 else compact


# --- ESS, category and cooperative status ----------------------------------------------


def ess_status(flag: str | None, code: str | None) -> bool | None:
    """ESS membership: the statutory form first, then INSEE's flag; ``None`` if unknown.

    Cooperatives, mutuals, associations and foundations are of the ESS by their form (loi
    n° 2014-856, art. 1, II, 1°), whatever ``economieSocialeSolidaireUniteLegale`` says; a
    commercial company is of the ESS only under II, 2°, which INSEE's flag (``O``/``N``)
    declares; a natural person or a public body cannot be.

    Examples
    --------
    >>> ess_status("O", "5710"), ess_status("N", "9220"), ess_status("", "9220"), ess_status("", "5710")
    (True, True, True, None)
    >>> ess_status("N", "5458"), ess_status("", "7210"), ess_status("N", "5710")
    (True, False, False)
    """
    form = legal_form(code)
    if form is not None and form.ess_form:
        return True
    flag = (flag or "").strip().upper()
    if flag in _TRUE:
        return True
    if flag in _FALSE:
        return False
    return False if form is not None and form.kind in _NEVER_ESS else None


def ess_disagreement(flag: str | None, code: str | None) -> Message | None:
    """What INSEE's flag says against the form, when they disagree (``None`` otherwise).

    Examples
    --------
    >>> print(ess_disagreement("N", "5458"))  # doctest: +NORMALIZE_WHITESPACE
    economieSocialeSolidaireUniteLegale is N, but a SARL coopérative de production (SCOP) is of the ESS
    by its form (loi n° 2014-856, art. 1, II, 1°): kept of the ESS
    >>> ess_disagreement("O", "5458") is None
    True
    """
    form = legal_form(code)
    flag = (flag or "").strip().upper()
    if form is not None and form.ess_form and flag in _FALSE:
        return Message("economieSocialeSolidaireUniteLegale is {flag}, but a {form} is of the ESS by its form "
                       "(loi n° 2014-856, art. 1, II, 1°): kept of the ESS", flag=flag, form=form.label)
    return None


def category_for(code: str | None, ess: bool | None) -> Category:
    """The actor category suggested by a catégorie juridique and the ESS status.

    Examples
    --------
    >>> category_for("7346", None).value, category_for("7383", None).value
    ('local_authority', 'higher_education')
    >>> category_for("5458", True).value, category_for("5710", None).value
    ('ess_enterprise', 'enterprise')
    """
    code = code or ""
    if code == "1000":
        return Category.PERSON  # an entrepreneur individuel is a natural person
    if code.startswith("72") or code == "7312" or code[:3] in {"734", "735"}:
        return Category.LOCAL_AUTHORITY  # collectivities, EPCI, syndicates, PETR
    if code == "7383":
        return Category.HIGHER_EDUCATION  # EPSCP: universities and the like
    if code in {"7331", "7384"}:
        return Category.TRAINING_BODY
    if code[:1] in {"4", "7"} or code.startswith("81"):
        return Category.PUBLIC_BODY  # the State, public establishments, social security
    if ess:
        return Category.ESS_ENTERPRISE
    if code[:2] in {"83", "84", "85"}:
        return Category.OTHER  # works councils, unions, professional orders, provident bodies
    return Category.ENTERPRISE


#: Cooperative statuses a name states, most specific first (accents already removed).
_COOPERATIVE_NAMES = (
    ("SCIC", re.compile(r"\bS\.?C\.?I\.?C\b|COOPERATIVE D.?INTERET COLLECTIF")),
    ("SCOP", re.compile(r"\bS\.?C\.?O\.?P\b|COOPERATIVE OUVRIERE|COOPERATIVE ET PARTICIPATIVE|"
                        r"COOPERATIVE DE PRODUCTION")),
    ("CAE", re.compile(r"\bCAE\b|COOPERATIVE D.?ACTIVITES?")),
    ("CUMA", re.compile(r"\bCUMA\b")),
    ("coopérative", re.compile(r"\bCOOPERATIVE\b|\bCOOP\b")),
)
#: The short name of a commercial form, for "SCIC SAS", by the first digits of its code.
_SHORT_FORMS = (("57", "SAS"), ("54", "SARL"), ("55", "SA"), ("56", "SA"))


def _plain(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text.upper()) if not unicodedata.combining(c))


def cooperative_status(code: str | None, flag: str | None, name: str) -> tuple[str | None, list[str]]:
    """A cooperative status the catégorie juridique does not carry (SCIC SAS, SCOP SA…), and its clues.

    INSEE has no catégorie juridique for a SCIC or a SCOP in the form of an SAS: such a
    cooperative is 5710 (SAS).  Its name ("SCIC …", "… coopérative d'intérêt collectif")
    and INSEE's ESS flag tell it; both clues are given.  A name alone against a flag ``N``
    is not enough (the status is not taken).  Returns the legal form in words
    (``None`` when the code already says it, or nothing does) and the clues.

    Examples
    --------
    >>> cooperative_status("5710", "O", "SCIC ZETA")
    ('SCIC SAS', ["the name 'SCIC ZETA' says SCIC", 'economieSocialeSolidaireUniteLegale is O', 'catégorie juridique 5710 (SAS, société par actions simplifiée) does not say it'])
    >>> cooperative_status("5458", "O", "SCOP ALPHA")
    (None, ['catégorie juridique 5458: SARL coopérative de production (SCOP)'])
    >>> cooperative_status("5710", "N", "SCIC ZETA")[0] is None
    True
    """
    form = legal_form(code)
    if form is not None and form.kind == "cooperative":
        return None, [f"catégorie juridique {form.code}: {form.label}"]
    plain = _plain(name)
    found = next((status for status, pattern in _COOPERATIVE_NAMES if pattern.search(plain)), None)
    flag = (flag or "").strip().upper()
    if found is None or flag in _FALSE or (form is not None and form.kind not in {"commercial_company", "other_private"}):
        return None, []
    clues = [f"the name {name!r} says {found}"]
    if flag in _TRUE:
        clues.append("economieSocialeSolidaireUniteLegale is O")
    short = next((s for prefix, s in _SHORT_FORMS if (code or "").startswith(prefix)), None)
    if form is not None:
        clues.append(f"catégorie juridique {form.code} ({form.label}) does not say it")
    words = found if found != "coopérative" else "Coopérative"
    return (f"{words} {short}" if short else f"{words} ({form.label})" if form else words), clues


# --- records ----------------------------------------------------------------------------


@dataclass
class Filters:
    """What to keep of the rows: each set empty keeps everything."""

    communes: frozenset[str] = frozenset()
    departements: frozenset[str] = frozenset()
    naf: tuple[str, ...] = ()
    ess_only: bool = False
    active_only: bool = False

    @property
    def geographic(self) -> bool:
        return bool(self.communes or self.departements)

    def place(self, commune: str | None) -> bool:
        """Whether an establishment's commune passes the geographic filters."""
        if not self.geographic:
            return True
        if not commune:
            return False
        return commune in self.communes or departement_of(commune) in self.departements

    def activity(self, codes: Iterable[str]) -> bool:
        if not self.naf:
            return True
        compact = [re.sub(r"[\s.]", "", c).upper() for c in codes if c]
        return any(c.startswith(prefix) for c in compact for prefix in self.naf)


def departement_of(commune: str) -> str:
    """The département of an INSEE commune code: 2 characters, 3 overseas (97x).

    Examples
    --------
    >>> departement_of("26281"), departement_of("2A004"), departement_of("97411")
    ('26', '2A', '974')
    """
    return commune[:3] if commune.startswith("97") else commune[:2]


@dataclass
class Establishment:
    """One establishment (SIRET) of a unit, as read."""

    line: int
    source: str
    siret: str | None = None
    name: str | None = None  # enseigne1Etablissement or denominationUsuelleEtablissement
    commune: str | None = None
    address: str | None = None
    lat: float | None = None
    lon: float | None = None
    lambert: bool = False  # the position came from Lambert 93 coordinates
    head_office: bool | None = None
    closed: bool = False
    closed_since: str | None = None
    naf: str | None = None
    naf_2025: str | None = None
    headcount_band: str | None = None
    employer: bool | None = None
    created: str | None = None
    diffusible: bool = True


@dataclass
class SireneRecord:
    """One legal unit (SIREN) of the extract, checked, with its establishments and where it came from."""

    line: int
    name: str
    source: str = ""
    siren: str | None = None
    siret: str | None = None
    legal_form_code: str | None = None
    naf: str | None = None
    naf_2025: str | None = None
    ess_flag: str | None = None
    commune: str | None = None
    lat: float | None = None
    lon: float | None = None
    closed: bool = False  # the unit is closed (C), or every establishment kept is (F)
    closed_since: str | None = None  # the start of the closed period: when it closed
    unit_closed: bool = False  # the legal unit itself has ceased (etatAdministratifUniteLegale C)
    diffusible: bool = True  # statutDiffusion* is O (or not given)
    cleaned: list[str] = field(default_factory=list)  # columns whose control characters were removed
    #: A natural person's surname in nomUniteLegale/nomUsageUniteLegale (INSEE fills them for no one else).
    person_name: bool = False
    created: str | None = None
    acronym: str | None = None
    rna: str | None = None
    address: str | None = None
    headcount_band: str | None = None
    employer: bool | None = None
    mission_company: bool | None = None
    head_office: bool | None = None  # the establishment chosen is the unit's head office
    head_office_siret: str | None = None  # siren + nicSiegeUniteLegale
    derived_siret: bool = False  # the SIRET is the head office's, derived from siren + nicSiegeUniteLegale
    lambert: bool = False
    #: The other establishments of the unit that passed the filters (listed in the provenance).
    others: list[Establishment] = field(default_factory=list)
    json: bool = False  # from the company search service's JSON: ``line`` is the result's number
    cooperative: str | None = None  # a cooperative status the code does not carry ("SCIC SAS")
    cooperative_clues: list[str] = field(default_factory=list)
    main: Establishment | None = None  # the establishment the actor stands for

    #: Read with other files: ``where`` names the file.
    several_files: bool = False

    @property
    def where(self) -> Message:
        """``line 3`` (``result 3`` in a JSON answer), after the file's name when several were read."""
        return place_of(self.source if self.several_files else None, self.line, self.json)

    @property
    def sole_trader(self) -> bool:
        """An entrepreneur individuel (catégorie juridique 1000, or a surname in the row): a natural person."""
        return self.legal_form_code == "1000" or self.person_name

    @property
    def ess(self) -> bool | None:
        if self.cooperative:
            return True  # a cooperative is of the ESS by its form (loi n° 2014-856, art. 1, II, 1°)
        return ess_status(self.ess_flag, self.legal_form_code)

    @property
    def category(self) -> Category:
        return category_for(self.legal_form_code, self.ess)


class SireneRecords(list[SireneRecord]):
    """The records of an extract, with what the reading left out and what it read."""

    def __init__(self, records: Iterable[SireneRecord] = ()) -> None:
        super().__init__(records)
        #: Each file and its layout in words: ``("etablissements.csv", "StockEtablissement")``.
        self.layouts: list[tuple[str, str]] = []
        #: Rows left out, and why: ``"etablissements.csv line 4: not diffusible (…)"``, each a
        #: :class:`~ptce_kit.i18n.Message` with its ``where`` and ``why`` parameters.
        self.skipped: list[Message] = []
        self.non_diffusible = 0
        self.sole_traders = 0
        self.filtered_out = 0  # rows outside the filters
        self.rows = 0  # rows read in all


# --- reading ----------------------------------------------------------------------------


class _Row:
    """One row, its cells cleaned, and the problems found in it."""

    def __init__(self, values: dict[str, Any], source: Source, line: int, problems: list[Problem]) -> None:
        self.values, self.source, self.line, self.problems = values, source, line, problems
        self.cleaned: list[str] = []

    def __call__(self, column: str) -> str:
        raw = self.values.get(column)
        if raw is None:
            return ""
        if not isinstance(raw, str):
            raw = "true" if raw is True else "false" if raw is False else str(raw)
        value = _clean(raw)
        if value != raw.strip() and column not in self.cleaned:
            self.cleaned.append(column)
        return "" if value in HIDDEN else value

    def hidden(self, column: str) -> bool:
        return _clean(str(self.values.get(column) or "")) in HIDDEN

    def problem(self, column: str, message: str | Message, hint: str | Message | None = None,
                code: str = "PTCE-E321") -> None:
        if self.source.json:
            self.problems.append(Problem(message, path=("results", self.line - 1, _api_name(column)),
                                         file=self.source.name, hint=hint, code=code))
            return
        col = self.source.columns.index(column) + 1 if column in self.source.columns else None
        self.problems.append(Problem(message, path=(column,), file=self.source.name, line=self.line, column=col,
                                     hint=hint, code=code))

    def refused(self, column: str, exc: ValueError, hint: str | Message | None = None) -> None:
        """A check of the model refused the cell: its message (and code) on this row."""
        if isinstance(exc, Invalid):
            self.problem(column, exc.message, hint or exc.hint, exc.code or "PTCE-E321")
        else:
            self.problem(column, str(exc), hint)

    def flag(self, column: str) -> bool | None:
        value = self(column).upper()
        return True if value in _TRUE else False if value in _FALSE else None

    def date(self, column: str) -> str | None:
        value = self(column)[:10]
        if not value:
            return None
        try:
            return check_partial_date(value)
        except ValueError as exc:
            self.problem(column, str(exc), "write the date as INSEE does: YYYY-MM-DD")
            return None


def _api_name(column: str) -> str:
    return next((k for k, v in API_FIELDS.items() if v == column), column)


def _canonical(values: dict[str, Any]) -> dict[str, Any]:
    """A row of the company search service with INSEE's column names (booleans as O/N)."""
    row: dict[str, Any] = {}
    for key, value in values.items():
        column = API_FIELDS.get(key)
        if column is None or (column in row and row[column] not in (None, "")):
            continue
        if isinstance(value, bool):
            value = "O" if value else "N"
        elif isinstance(value, str) and value.strip().lower() in {"true", "false"}:
            value = "O" if value.strip().lower() == "true" else "N"
        row[column] = value
    if "nom_complet" in row and not row.get("denominationUniteLegale"):
        row["denominationUniteLegale"] = row["nom_complet"]
    if row.get("etablissementSiege") == "O":
        row["etablissementSiege"] = "true"
    if row.get("est_entrepreneur_individuel") == "O" and not row.get("categorieJuridiqueUniteLegale"):
        row["categorieJuridiqueUniteLegale"] = "1000"
    # The service gives the closing date in its own field; INSEE's files in dateDebut.
    for closed, state in (("dateFermetureUniteLegale", "etatAdministratifUniteLegale"),
                          ("dateFermetureEtablissement", "etatAdministratifEtablissement")):
        if row.get(closed) and not row.get("dateDebut"):
            row["dateDebut"] = row[closed]
    if row.get("etatAdministratifEtablissement") == "C":
        row["etatAdministratifEtablissement"] = "F"
    return row


def _check_number(row: _Row, column: str, check: Callable[[str], str]) -> str | None:
    if not row(column):
        return None
    try:
        return check(row(column))
    except ValueError as exc:
        row.refused(column, exc, LUHN_HINT)
        return None


def _establishment(row: _Row, layout: Layout) -> Establishment:
    """The establishment a row describes (the checks of its cells reported on the row)."""
    est = Establishment(line=row.line, source=row.source.name)
    est.diffusible = row("statutDiffusionEtablissement").upper() in {"", "O"}
    siren = _check_number(row, "siren", check_siren)
    est.siret = _check_number(row, "siret", check_siret)
    if est.siret is None and siren and re.fullmatch(r"\d{5}", row("nic")):
        try:
            est.siret = check_siret(siren + row("nic"))
        except ValueError as exc:
            row.refused("nic", exc, LUHN_HINT)
    if est.siret and siren and not est.siret.startswith(siren):
        row.problem("siret", Message("the SIRET {siret} does not belong to the SIREN {siren}", siret=est.siret,
                                     siren=siren), N_("a SIRET starts with its SIREN's 9 digits: fix one of them"),
                    "PTCE-E120")
    est.name = next((row(c) for c in ESTABLISHMENT_NAME_COLUMNS if row(c)), None)
    column = next((c for c in COMMUNE_COLUMNS if row(c)), None)
    if column:
        try:
            est.commune = check_insee_code(row(column))
        except ValueError as exc:
            row.refused(column, exc)
    est.address = _address(row)
    _coordinates(est, row)
    siege = row("etablissementSiege").lower()
    est.head_office = True if siege in {"true", "o", "oui", "1"} else False if siege in {"false", "n", "non", "0"} else None
    est.closed = row("etatAdministratifEtablissement") == "F"
    if est.closed:
        est.closed_since = row.date("dateDebut")
    est.naf = _naf(row, "activitePrincipaleEtablissement", "nomenclatureActivitePrincipaleEtablissement")
    est.naf_2025 = _naf(row, "activitePrincipaleNAF25Etablissement")
    est.headcount_band = _band(row, "trancheEffectifsEtablissement")
    est.employer = row.flag("caractereEmployeurEtablissement")
    est.created = row.date("dateCreationEtablissement")
    return est


def _naf(row: _Row, column: str, nomenclature: str | None = None) -> str | None:
    value = row(column)
    if not value:
        return None
    if nomenclature and row(nomenclature) and row(nomenclature) != "NAFRev2":
        return None  # an older nomenclature (NAFRev1, NAP): not a NAF rév. 2 code
    code = normalise_naf(value)
    if not re.fullmatch(r"\d{2}\.\d{2}[A-Z]", code):
        row.problem(column, Message("{value!r} is not a NAF code", value=value),
                    N_("INSEE writes it as 2 digits, a point, 2 digits and a letter, e.g. 88.99B"), "PTCE-E133")
        return None
    return code


def _band(row: _Row, column: str) -> str | None:
    from ...model.actors import HEADCOUNT_BANDS

    value = row(column)
    if not value:
        return None
    if value not in HEADCOUNT_BANDS:
        row.problem(column, Message("{value!r} is not one of INSEE's headcount bands", value=value),
                    N_("INSEE writes NN, 00, 01, 02, 03, 11, 12, 21, 22, 31, 32, 41, 42, 51, 52 or 53"))
        return None
    return value


def _address(row: _Row) -> str | None:
    if row("adresse"):
        return row("adresse")
    street = " ".join(row(c) for c in ("numeroVoieEtablissement", "indiceRepetitionEtablissement",
                                       "typeVoieEtablissement", "libelleVoieEtablissement") if row(c))
    town = " ".join(row(c) for c in ("codePostalEtablissement", "libelleCommuneEtablissement") if row(c))
    parts = [p for p in (row("complementAdresseEtablissement"), street, row("distributionSpecialeEtablissement"),
                         town) if p]
    return ", ".join(parts) if street and town else None


def _coordinates(est: Establishment, row: _Row) -> None:
    lat, lon = row("latitude"), row("longitude")
    if lat or lon:
        try:
            est.lat, est.lon = float(lat), float(lon)
        except ValueError:
            row.problem("latitude", Message("the position ({lat!r}, {lon!r}) is not two decimal numbers", lat=lat,
                                            lon=lon),
                        N_("write WGS 84 decimal degrees with a point, e.g. 45.0433 and 5.0519"))
            return
        if not (-90 <= est.lat <= 90 and -180 <= est.lon <= 180):
            row.problem("latitude", Message("the position ({lat}, {lon}) is outside the globe", lat=lat, lon=lon),
                        N_("latitude is between -90 and 90, longitude between -180 and 180; are they swapped?"))
            est.lat = est.lon = None
        return
    x, y = row("coordonneeLambertAbscisseEtablissement"), row("coordonneeLambertOrdonneeEtablissement")
    if not (x or y):
        return
    try:
        xf, yf = float(x), float(y)
    except ValueError:
        row.problem("coordonneeLambertAbscisseEtablissement",
                    Message("the Lambert 93 position ({x!r}, {y!r}) is not two numbers", x=x, y=y),
                    N_("INSEE writes metres with a point, e.g. 849900.0 and 6443000.0"))
        return
    x0, x1, y0, y1 = LAMBERT93_BOUNDS
    if not (x0 <= xf <= x1 and y0 <= yf <= y1):
        # Overseas establishments are given in their own projections (UTM): not converted.
        return
    lon_deg, lat_deg = lambert93_to_wgs84(xf, yf)
    est.lon, est.lat = round(lon_deg, 6), round(lat_deg, 6)  # 0.1 m: INSEE gives the metre
    est.lambert = True


def _name(row: _Row) -> str:
    for column in NAME_COLUMNS:
        if row(column):
            return row(column)
    surname = row("nomUsageUniteLegale") or row("nomUniteLegale")
    first = row("prenomUsuelUniteLegale") or row("prenom1UniteLegale")
    return f"{first} {surname}".strip() if surname else ""


@dataclass
class _Unit:
    """What a unit row (or the unit columns of a joined row) says."""

    line: int
    source: str
    json: bool
    name: str
    siren: str | None
    diffusible: bool
    person_name: bool
    legal_form_code: str | None = None
    naf: str | None = None
    naf_2025: str | None = None
    ess_flag: str | None = None
    closed: bool = False
    closed_since: str | None = None
    created: str | None = None
    acronym: str | None = None
    rna: str | None = None
    headcount_band: str | None = None
    employer: bool | None = None
    mission_company: bool | None = None
    nic_siege: str | None = None
    cleaned: list[str] = field(default_factory=list)


def _unit(row: _Row, *, check_siren_cell: bool = True) -> _Unit:
    diffusible = row("statutDiffusionUniteLegale").upper() in {"", "O"} and not row.hidden("nom_complet")
    unit = _Unit(line=row.line, source=row.source.name, json=row.source.json, name=_name(row),
                 siren=_check_number(row, "siren", check_siren) if check_siren_cell else row("siren") or None,
                 diffusible=diffusible, person_name=bool(row("nomUniteLegale") or row("nomUsageUniteLegale")))
    code = row("categorieJuridiqueUniteLegale")
    if code:
        if re.fullmatch(r"\d{4}", code):
            unit.legal_form_code = code
        else:
            row.problem("categorieJuridiqueUniteLegale", Message("{code!r} is not a catégorie juridique", code=code),
                        N_("write INSEE's 4-digit code (level III), e.g. 5458"), "PTCE-E114")
    unit.naf = _naf(row, "activitePrincipaleUniteLegale", "nomenclatureActivitePrincipaleUniteLegale")
    unit.naf_2025 = _naf(row, "activitePrincipaleNAF25UniteLegale")
    unit.ess_flag = row("economieSocialeSolidaireUniteLegale") or None
    if unit.ess_flag and unit.ess_flag.upper() not in _TRUE | _FALSE:
        row.problem("economieSocialeSolidaireUniteLegale", Message("{flag!r} is neither O nor N", flag=unit.ess_flag),
                    N_("INSEE writes O (of the ESS), N (not of the ESS), or leaves it empty"))
    unit.closed = row("etatAdministratifUniteLegale") == "C"
    if unit.closed:
        unit.closed_since = row.date("dateDebut")
    unit.created = row.date("dateCreationUniteLegale")
    unit.acronym = row("sigleUniteLegale") or None
    rna = row("identifiantAssociationUniteLegale").upper()
    if rna:
        from ...model.actors import check_rna

        try:
            unit.rna = check_rna(rna)
        except ValueError as exc:
            row.refused("identifiantAssociationUniteLegale", exc)
    unit.headcount_band = _band(row, "trancheEffectifsUniteLegale")
    unit.employer = row.flag("caractereEmployeurUniteLegale")
    unit.mission_company = row.flag("societeMissionUniteLegale")
    nic = row("nicSiegeUniteLegale")
    if nic:
        if re.fullmatch(r"\d{5}", nic):
            unit.nic_siege = nic
        else:
            row.problem("nicSiegeUniteLegale", Message("{nic!r} is not a NIC", nic=nic),
                        N_("a NIC is the 5 digits after the SIREN in a SIRET"))
    return unit


def _check_name(row: _Row, unit: _Unit, est: Establishment | None) -> None:
    """A diffusible unit that is not a person has a name in INSEE's files: a row without one is a bad export."""
    if unit.diffusible and not unit.person_name and unit.legal_form_code != "1000" and not unit.name \
            and not (est is not None and (est.name or not est.diffusible)):
        row.problem("denominationUniteLegale" if "denominationUniteLegale" in row.source.columns or row.source.json
                    else NAME_COLUMNS[0], N_("the unit has no name"),
                    N_("fill denominationUniteLegale (or enseigne1Etablissement) for this row, or export it again "
                       "with INSEE's columns"))


def place_of(source: str | None, line: int, json: bool = False) -> Message:
    """Where a row is: ``line 3`` (``result 3`` in a JSON answer), after its file's name when given."""
    if source is None:
        return Message("result {line}", line=line) if json else Message("line {line}", line=line)
    name = Path(source).name
    return Message("{file} result {line}", file=name, line=line) if json else \
        Message("{file} line {line}", file=name, line=line)


def _skip(records: SireneRecords, where: Message, why: str | Message) -> None:
    records.skipped.append(Message("{where}: {why}", where=where, why=Message(why) if isinstance(why, str) else why))


def read_sirene(*paths: str | os.PathLike[str], filters: Filters | None = None,
                progress: Progress | None = None) -> SireneRecords:
    """Read and check SIRENE files: one record per legal unit, every bad row reported at once.

    ``paths`` are the files of one extract: INSEE's ``StockUniteLegale`` and
    ``StockEtablissement`` (or their historical files, of which the current rows are read),
    a joined file, or the company search service's CSV or JSON; plain, gzip or zip.  An
    establishments file needs its units file beside it (the establishments have no name,
    legal form or ESS flag).  Raises :class:`~ptce_kit.errors.PoleError` naming the file,
    the line, the column and the fix for each problem.
    """
    filters = filters or Filters()
    records = SireneRecords()
    problems: list[Problem] = []
    sources: list[tuple[Path, Layout]] = []
    for path in paths:
        with open_source(path) as source:
            layout = detect_layout(source.columns)
            columns = set(source.columns)
        if layout is not None and layout.kind != "units" and filters.geographic \
                and not columns & {*COMMUNE_COLUMNS, "siege.commune"}:
            raise PoleError.single(
                Message("{layout} has no commune column: --commune, --departement and --epci cannot be applied",
                        layout=layout.describe()),
                file=str(path), line=1, code="PTCE-E322",
                hint=N_("give INSEE's StockEtablissement (the historical file has no address), "
                        "or export the establishments with codeCommuneEtablissement"))
        if layout is None:
            raise PoleError.single(
                N_("this is not a SIRENE extract: no column for siren or siret, and a name "
                   "(denominationUniteLegale, enseigne1Etablissement or nomUniteLegale)"), file=str(path), line=1,
                code="PTCE-E320",
                hint=N_("export the units or establishments with INSEE's column names (siren, siret, "
                        "denominationUniteLegale, categorieJuridiqueUniteLegale, economieSocialeSolidaireUniteLegale, "
                        "codeCommuneEtablissement), or the company search service's CSV or JSON"))
        sources.append((Path(path), layout))
        records.layouts.append((str(path), layout.describe()))
    kinds = {layout.kind for _, layout in sources}
    if "establishments" in kinds and "units" not in kinds:
        name = next(str(p) for p, layout in sources if layout.kind == "establishments")
        raise PoleError.single(
            N_("an establishments file has no unit name, legal form or ESS flag"), file=name, line=1, code="PTCE-E322",
            hint=N_("give the units file (StockUniteLegale) beside it on the same command line, "
                    "e.g. ptce import-sirene etablissements.csv unites-legales.csv --into pole.yaml"))
    if filters.geographic and not kinds & {"establishments", "joined", "api"}:
        name = str(sources[0][0])
        raise PoleError.single(
            N_("a units file (StockUniteLegale) has no commune: --commune, --departement and --epci cannot be applied"),
            file=name, line=1, code="PTCE-E322",
            hint=N_("give the establishments file (StockEtablissement) beside it on the same command line"))
    # Pass 1: the rows that carry establishments, filtered.
    by_siren: dict[str, list[tuple[Establishment, _Unit | None, list[str]]]] = {}
    order: list[str] = []
    seen: dict[str, Message] = {}
    for path, layout in sources:
        if layout.kind == "units":
            continue
        with open_source(path) as source:
            for values, line in _rows(source, records, progress):
                if layout.kind == "api":
                    values = _canonical(values)
                elif filters.geographic and not filters.place(_plain_cell(values, "codeCommuneEtablissement")):
                    records.filtered_out += 1  # the quick way out of a national file
                    continue
                row = _Row(values, source, line, problems)
                if layout.historical and row("dateFin"):
                    continue  # a past period
                if not filters.place(next((row(c) for c in COMMUNE_COLUMNS if row(c)), None)) or not filters.activity(
                        row(c) for c in ("activitePrincipaleEtablissement", "activitePrincipaleNAF25Etablissement",
                                         "activitePrincipaleUniteLegale", "activitePrincipaleNAF25UniteLegale")):
                    records.filtered_out += 1
                    continue
                where = place_of(source.name, line, source.json)
                before = len(problems)
                est = _establishment(row, layout)
                unit = _unit(row, check_siren_cell=False) if layout.kind in {"joined", "api"} else None
                siren = re.sub(r"\s", "", row("siren")) or (est.siret[:9] if est.siret else "")
                if not siren:
                    if len(problems) == before:
                        row.problem("siren", N_("the row has neither SIREN nor SIRET"),
                                    N_("every row of a SIRENE extract has its SIREN"), "PTCE-E101")
                    continue
                key = est.siret or siren
                if key in seen:
                    row.problem("siret" if est.siret else "siren", Message("{key} is already on {where}", key=key,
                                                                           where=seen[key]),
                                N_("remove the duplicate row"), "PTCE-E323")
                    continue
                seen[key] = place_of(None, line, source.json)
                if unit is not None:
                    unit.siren = siren
                    _check_name(row, unit, est)
                if len(problems) > before:
                    continue
                if filters.active_only and (est.closed or (unit is not None and unit.closed)):
                    _skip(records, where, N_("closed (--active-only)"))
                    continue
                if siren not in by_siren:
                    by_siren[siren] = []
                    order.append(siren)
                by_siren[siren].append((est, unit, row.cleaned))
    # Pass 2: the units, only those pass 1 kept when there were establishments.
    units: dict[str, tuple[_Unit, list[str]]] = {}
    # Beside establishments (or a joined file), a units file completes the units they name, and no other.
    wanted = set(by_siren) if kinds & {"establishments", "joined", "api"} else None
    for path, layout in sources:
        if layout.kind != "units":
            continue
        with open_source(path) as source:
            for values, line in _rows(source, records, progress):
                if wanted is not None and _plain_cell(values, "siren") not in wanted:
                    continue
                row = _Row(values, source, line, problems)
                siren_cell = row("siren")
                if wanted is not None and siren_cell not in wanted:
                    continue
                if layout.historical and row("dateFin"):
                    continue
                if wanted is None and not filters.activity((row("activitePrincipaleUniteLegale"),
                                                             row("activitePrincipaleNAF25UniteLegale"))):
                    records.filtered_out += 1
                    continue
                unit = _unit(row)
                _check_name(row, unit, None)
                if unit.siren is None:
                    if siren_cell == "" and not any(p.line == line for p in problems):
                        row.problem("siren", N_("the row has neither SIREN nor SIRET"),
                                    N_("every row of a SIRENE extract has its SIREN"), "PTCE-E101")
                    continue
                if unit.siren in units:
                    first = units[unit.siren][0]
                    row.problem("siren", Message("{key} is already on {where}", key=unit.siren,
                                                 where=place_of(None, first.line)),
                                N_("remove the duplicate row"), "PTCE-E323")
                    continue
                units[unit.siren] = (unit, row.cleaned)
                if wanted is None:
                    order.append(unit.siren)
    if problems:
        raise PoleError(problems, summary=Message("the SIRENE extract {files} has errors",
                                                  files=", ".join(str(p) for p, _ in sources)))
    for siren in order:
        record = _record(siren, by_siren.get(siren, []), units.get(siren), records, filters)
        if record is not None:
            record.several_files = len(sources) > 1
            records.append(record)
    return records


def _plain_cell(values: dict[str, Any], column: str) -> str:
    """A cell as written, stripped (for the filters' first look; the row is checked when kept)."""
    value = values.get(column)
    return value.strip() if isinstance(value, str) else ""


def _rows(source: Source, records: SireneRecords, progress: Progress | None) -> Iterator[tuple[dict[str, Any], int]]:
    n = 0
    for n, (values, line) in enumerate(source.rows, 1):  # noqa: B007 - n counts the rows after the loop
        if progress is not None and not n & 4095:
            progress(source.done(), source.total)
        if not (values.get("siren") or values.get("siret")) and not any(
                v.strip() if isinstance(v, str) else v not in (None, "") for v in values.values()):
            continue  # a blank line
        yield values, line
    records.rows += n
    if progress is not None:
        progress(source.done(), source.total)


def _record(siren: str, establishments: list[tuple[Establishment, _Unit | None, list[str]]],
            unit_row: tuple[_Unit, list[str]] | None, records: SireneRecords, filters: Filters) -> SireneRecord | None:
    """The record of one unit, or ``None`` when it is left out (the reason in ``records.skipped``)."""
    cleaned: list[str] = []
    if unit_row is not None:
        unit, unit_cleaned = unit_row
        cleaned += unit_cleaned
    elif establishments and establishments[0][1] is not None:
        unit = establishments[0][1]
        assert unit is not None
    else:
        est = establishments[0][0]
        _skip(records, place_of(est.source, est.line),
              Message("SIREN {siren} is not in the units file: left out", siren=siren))
        return None
    where = place_of(unit.source, unit.line, unit.json)
    if not unit.diffusible:
        records.non_diffusible += len(establishments) + (unit_row is not None)
        _skip(records, where, N_("not diffusible (statutDiffusionUniteLegale): INSEE withholds it; nothing read"))
        if unit_row is not None:
            for est, _, _ in establishments:
                _skip(records, place_of(est.source, est.line),
                      N_("not diffusible (its unit's statutDiffusionUniteLegale): nothing read"))
        return None
    if unit.legal_form_code == "1000" or unit.person_name:
        records.sole_traders += 1
        _skip(records, where, N_("a sole trader (entrepreneur individuel, a natural person): personal data"))
        return None
    if filters.active_only and unit.closed:
        _skip(records, where, N_("closed (--active-only)"))
        return None
    kept = []
    for est, _, est_cleaned in establishments:
        if not est.diffusible:
            records.non_diffusible += 1
            _skip(records, place_of(est.source, est.line),
                  N_("establishment not diffusible (statutDiffusionEtablissement): INSEE withholds it; nothing read"))
            continue
        kept.append(est)
        cleaned += [c for c in est_cleaned if c not in cleaned]
    if establishments and not kept:
        return None  # every establishment kept by the filters is withheld: the unit is not half-imported
    ess = ess_status(unit.ess_flag, unit.legal_form_code)
    cooperative, clues = cooperative_status(unit.legal_form_code, unit.ess_flag, unit.name)
    if filters.ess_only and not (ess or cooperative):
        records.filtered_out += 1
        return None
    record = SireneRecord(
        line=unit.line, name=unit.name, source=unit.source, siren=siren, legal_form_code=unit.legal_form_code,
        naf=unit.naf, naf_2025=unit.naf_2025, ess_flag=unit.ess_flag, created=unit.created, acronym=unit.acronym,
        rna=unit.rna, headcount_band=unit.headcount_band, employer=unit.employer,
        mission_company=unit.mission_company, person_name=unit.person_name, json=unit.json,
        cooperative=cooperative, cooperative_clues=clues)
    if unit.nic_siege:
        try:
            record.head_office_siret = check_siret(siren + unit.nic_siege)
        except ValueError:
            record.head_office_siret = None
    main = _main_establishment(kept, record.head_office_siret)
    if main is not None:
        record.others = [e for e in kept if e is not main]
        record.siret, record.commune, record.address = main.siret, main.commune, main.address
        record.lat, record.lon, record.lambert = main.lat, main.lon, main.lambert
        record.head_office = main.head_office if main.head_office is not None else (
            main.siret == record.head_office_siret if record.head_office_siret and main.siret else None)
        record.naf = record.naf or main.naf
        record.naf_2025 = record.naf_2025 or main.naf_2025
        record.headcount_band = record.headcount_band or main.headcount_band
        record.employer = record.employer if record.employer is not None else main.employer
        record.created = record.created or main.created
        record.main = main
        if not record.name and main.name:
            record.name = main.name  # the unit's name withheld or absent: the establishment's sign
        if unit_row is None:
            record.line = main.line  # a joined row: the line of the establishment
    elif record.head_office_siret:
        record.siret, record.derived_siret, record.head_office = record.head_office_siret, True, True
    if unit.closed:
        record.closed, record.unit_closed, record.closed_since = True, True, unit.closed_since
    elif kept and all(e.closed for e in kept):
        record.closed = True
        dates = [e.closed_since for e in kept if e.closed_since]
        record.closed_since = max(dates) if len(dates) == len(kept) else None
    record.cleaned = cleaned
    if not record.name:
        _skip(records, where, Message("SIREN {siren} has no name in the extract: left out", siren=siren))
        return None
    return record


def _main_establishment(kept: Sequence[Establishment], head_office_siret: str | None) -> Establishment | None:
    """The establishment an actor stands for: the open head office, else the first open one, else the first."""
    if not kept:
        return None

    def is_head(e: Establishment) -> bool:
        return bool(e.head_office) or (head_office_siret is not None and e.siret == head_office_siret)

    return (next((e for e in kept if is_head(e) and not e.closed), None)
            or next((e for e in kept if not e.closed), None) or next((e for e in kept if is_head(e)), kept[0]))
