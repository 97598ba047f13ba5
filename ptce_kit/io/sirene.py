"""Actors from a SIRENE extract: legal form and ESS status filled from INSEE's codes.

The user brings the extract (no network is used): a CSV file with INSEE's column names,
one row per establishment, such as a selection from the SIRENE stock files or from the
SIRENE API.  The columns read are

* ``siren``, ``siret`` (at least one of them);
* a name: ``denominationUniteLegale``, ``denominationUsuelle1UniteLegale``,
  ``enseigne1Etablissement``, ``denominationUsuelleEtablissement``, or for a sole
  trader ``nomUsageUniteLegale``/``nomUniteLegale`` with ``prenomUsuelUniteLegale``;
* ``categorieJuridiqueUniteLegale`` (level III, 4 digits), named with INSEE's table
  shipped in ``ptce_kit/reference/categories_juridiques.csv`` (its vintage in its header);
* ``economieSocialeSolidaireUniteLegale`` (``O``/``N``): INSEE's flag.  A cooperative,
  mutual, association or foundation is of the ESS by its form (loi n° 2014-856, art. 1,
  II, 1°) whatever the flag says; a disagreement is reported;
* ``activitePrincipaleUniteLegale`` (NAF code, kept in the actor's provenance);
* ``codeCommuneEtablissement``; ``latitude``/``longitude`` when the extract has them
  (the geolocated SIRENE files do; Lambert 93 columns are not converted);
* ``etatAdministratifEtablissement``/``etatAdministratifUniteLegale``: a closed
  establishment or unit is not a present member.  With ``dateDebut`` (the start of its
  closed period in INSEE's files) it is imported with that date as ``left``; without,
  it is left out and reported.  An actor of the pole that SIRENE shows closed gets the
  ``left`` date when it has none, or is reported;
* ``statutDiffusionUniteLegale``/``statutDiffusionEtablissement``: rows that are not
  ``O`` (diffusible) are left out and counted, never read further.

Sole traders (catégorie juridique 1000, *entrepreneur individuel*) are natural persons:
their name is personal data.  They are left out and counted; add one by hand, as an actor
of category ``person``, with their consent.  Values INSEE hides (``[ND]``) count as empty;
control characters in a value are removed, with a warning.

SIREN and SIRET are checked with the Luhn algorithm, and La Poste's SIRETs with its
exception to it, by python-stdnum.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import PoleError, Problem
from ..model import ActorStatus, Category, check_insee_code, check_partial_date, check_siren, check_siret, suggest_slug
from ..reference import LegalForm, legal_form, legal_form_label, legal_forms
from ..cells import csv_delimiter, decode_csv

__all__ = [
    "LegalForm",
    "legal_forms",
    "legal_form_label",
    "category_for",
    "ess_status",
    "SireneRecord",
    "read_sirene",
    "ImportReport",
    "merge_sirene",
    "import_sirene",
]

NAME_COLUMNS = (
    "denominationUniteLegale",
    "denominationUsuelle1UniteLegale",
    "enseigne1Etablissement",
    "denominationUsuelleEtablissement",
)
COMMUNE_COLUMNS = ("codeCommuneEtablissement", "codeCommune")
DIFFUSION_COLUMNS = ("statutDiffusionUniteLegale", "statutDiffusionEtablissement")
HIDDEN = "[ND]"  # what INSEE writes in place of a non-diffusible value
LUHN_HINT = ("SIREN and SIRET are checked with the Luhn algorithm (and La Poste's exception for its SIRETs) "
             "by python-stdnum: check for a typo")
# Control characters (C0, C1, DEL) and the invisible bidirectional controls, which can
# reorder what a reader sees.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _clean(value: str) -> str:
    """A cell without control characters (a line break or tab becomes a space), stripped."""
    if not _CONTROL.search(value):
        return value.strip()
    return " ".join(_CONTROL.sub(lambda m: " " if m.group() in "\t\n\r" else "", value).split())


#: Kinds of form that cannot be an ESS enterprise (loi n° 2014-856, art. 1, I and II).
_NEVER_ESS = {"natural_person", "no_legal_personality", "public", "civil_company", "foreign"}


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
    if flag in {"O", "OUI"}:
        return True
    if flag in {"N", "NON"}:
        return False
    return False if form is not None and form.kind in _NEVER_ESS else None


def ess_disagreement(flag: str | None, code: str | None) -> str | None:
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
    if form is not None and form.ess_form and flag in {"N", "NON"}:
        return (f"economieSocialeSolidaireUniteLegale is {flag}, but a {form.label} is of the ESS by its form "
                "(loi n° 2014-856, art. 1, II, 1°): kept of the ESS")
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


@dataclass
class SireneRecord:
    """One establishment of an extract, checked, with the line it came from."""

    line: int
    name: str
    siren: str | None = None
    siret: str | None = None
    legal_form_code: str | None = None
    naf: str | None = None
    ess_flag: str | None = None
    commune: str | None = None
    lat: float | None = None
    lon: float | None = None
    closed: bool = False  # etatAdministratifEtablissement F or etatAdministratifUniteLegale C
    closed_since: str | None = None  # dateDebut of a closed row: the start of its closed period
    diffusible: bool = True  # statutDiffusion* is O (or not given)
    cleaned: list[str] = field(default_factory=list)  # columns whose control characters were removed
    #: A natural person's surname in nomUniteLegale/nomUsageUniteLegale (INSEE fills them for no one else).
    person_name: bool = False

    @property
    def sole_trader(self) -> bool:
        """An entrepreneur individuel (catégorie juridique 1000, or a surname in the row): a natural person."""
        return self.legal_form_code == "1000" or self.person_name

    @property
    def ess(self) -> bool | None:
        return ess_status(self.ess_flag, self.legal_form_code)

    @property
    def category(self) -> Category:
        return category_for(self.legal_form_code, self.ess)


def read_sirene(path: str | os.PathLike[str]) -> list[SireneRecord]:
    """Read and check a SIRENE extract; every bad row is reported at once, with its line.

    Raises :class:`~ptce_kit.errors.PoleError` naming the file, the line, the column and
    the fix for each problem.
    """
    path = Path(path)
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PoleError.single(f"cannot read the SIRENE extract ({exc.strerror or exc})", file=name,
                               hint="check the path") from None
    # Extracts come from INSEE in UTF-8, or saved by a spreadsheet in Windows-1252 or UTF-16.
    text = decode_csv(raw, name, hint="export the establishments from INSEE as CSV")
    header = text.splitlines()[0] if text.strip() else ""
    delimiter = csv_delimiter(header)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        columns = reader.fieldnames or []
    except csv.Error as exc:
        raise PoleError.single(f"the first line is not CSV ({exc})", file=name, line=1,
                               hint="save the extract as CSV (comma or semicolon separated, UTF-8)") from None
    missing = []
    if not {"siren", "siret"} & set(columns):
        missing.append("siren or siret")
    if not (set(NAME_COLUMNS) | {"nomUniteLegale", "nomUsageUniteLegale"}) & set(columns):
        missing.append("a name (denominationUniteLegale, enseigne1Etablissement or nomUniteLegale)")
    if missing:
        raise PoleError.single(
            f"this is not a SIRENE extract: no column for {' and '.join(missing)}", file=name, line=1,
            hint="export the establishments with INSEE's column names (siren, siret, denominationUniteLegale, "
                 "categorieJuridiqueUniteLegale, economieSocialeSolidaireUniteLegale, codeCommuneEtablissement)",
        )
    records: list[SireneRecord] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for row in _rows(reader, problems, name):
        # The line the record starts on: a quoted value may hold line breaks.
        line = max(2, reader.line_num - sum(v.rstrip("\r\n").count("\n") for v in row.values() if isinstance(v, str)))

        cleaned: list[str] = []

        def cell(column: str, row: dict[str, Any] = row, cleaned: list[str] = cleaned) -> str:
            raw = row.get(column)
            value = _clean(raw) if isinstance(raw, str) else ""
            if isinstance(raw, str) and value != raw.strip() and column not in cleaned:
                cleaned.append(column)
            return "" if value == HIDDEN else value

        def problem(column: str, message: str, hint: str | None = None, line: int = line) -> None:
            col = columns.index(column) + 1 if column in columns else None
            problems.append(Problem(message, path=(column,), file=name, line=line, column=col, hint=hint))

        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue  # blank line
        if any(cell(c) and cell(c).upper() != "O" for c in DIFFUSION_COLUMNS):
            # Not diffusible: INSEE asks that it is not shown; nothing more is read.
            records.append(SireneRecord(line=line, name="", diffusible=False))
            continue
        record = SireneRecord(line=line, name=_name(cell),
                              person_name=bool(cell("nomUniteLegale") or cell("nomUsageUniteLegale")))
        if not record.name:
            problem(NAME_COLUMNS[0], "the establishment has no name",
                    "fill denominationUniteLegale (or enseigne1Etablissement) for this row")
        for column, check in (("siren", check_siren), ("siret", check_siret)):
            if cell(column):
                try:
                    setattr(record, column, check(cell(column)))
                except ValueError as exc:
                    problem(column, str(exc), LUHN_HINT)
        if record.siret and record.siren and not record.siret.startswith(record.siren):
            problem("siret", f"the SIRET {record.siret} does not belong to the SIREN {record.siren}",
                    "a SIRET starts with its SIREN's 9 digits: fix one of them")
        if record.siret and not record.siren:
            record.siren = record.siret[:9]
        if not (record.siren or record.siret) and not any(p.line == line for p in problems):
            problem("siren", "the row has neither SIREN nor SIRET", "every row of a SIRENE extract has its SIREN")
        key = record.siret or record.siren
        if key and key in seen:
            problem("siret" if record.siret else "siren", f"{key} is already on line {seen[key]}",
                    "remove the duplicate row")
        elif key:
            seen[key] = line
        code = cell("categorieJuridiqueUniteLegale")
        if code:
            if re.fullmatch(r"\d{4}", code):
                record.legal_form_code = code
            else:
                problem("categorieJuridiqueUniteLegale", f"{code!r} is not a catégorie juridique",
                        "write INSEE's 4-digit code (level III), e.g. 5458")
        record.naf = cell("activitePrincipaleUniteLegale") or None
        record.ess_flag = cell("economieSocialeSolidaireUniteLegale") or None
        if record.ess_flag and record.ess_flag.upper() not in {"O", "N", "OUI", "NON"}:
            problem("economieSocialeSolidaireUniteLegale", f"{record.ess_flag!r} is neither O nor N",
                    "INSEE writes O (of the ESS), N (not of the ESS), or leaves it empty")
        commune_column = next((c for c in COMMUNE_COLUMNS if cell(c)), None)
        if commune_column:
            try:
                record.commune = check_insee_code(cell(commune_column))
            except ValueError as exc:
                problem(commune_column, str(exc))
        _coordinates(record, cell, problem)
        record.closed = cell("etatAdministratifEtablissement") == "F" or cell("etatAdministratifUniteLegale") == "C"
        if record.closed and cell("dateDebut"):
            try:
                record.closed_since = check_partial_date(cell("dateDebut"))
            except ValueError as exc:
                problem("dateDebut", str(exc), "write the date as INSEE does: YYYY-MM-DD")
        record.cleaned = cleaned
        records.append(record)
    if problems:
        raise PoleError(problems, summary=f"the SIRENE extract {name} has errors")
    return records


def _rows(reader: csv.DictReader[str], problems: list[Problem], name: str) -> Any:
    """The rows of the reader; a row the csv module cannot read ends the reading with a located problem."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append(Problem(f"this line is not valid CSV ({exc})", file=name, line=reader.line_num,
                                    hint="check the quotes of the line, or re-export the extract as CSV"))
            return
        yield row


def _name(cell: Any) -> str:
    for column in NAME_COLUMNS:
        if cell(column):
            return str(cell(column))
    surname = cell("nomUsageUniteLegale") or cell("nomUniteLegale")
    first = cell("prenomUsuelUniteLegale") or cell("prenom1UniteLegale")
    return f"{first} {surname}".strip() if surname else ""


def _coordinates(record: SireneRecord, cell: Any, problem: Any) -> None:
    lat, lon = cell("latitude"), cell("longitude")
    if not (lat or lon):
        return
    try:
        record.lat, record.lon = float(lat), float(lon)
    except ValueError:
        problem("latitude", f"the position ({lat!r}, {lon!r}) is not two decimal numbers",
                "write WGS 84 decimal degrees with a point, e.g. 45.0433 and 5.0519")
        return
    if not (-90 <= record.lat <= 90 and -180 <= record.lon <= 180):
        problem("latitude", f"the position ({lat}, {lon}) is outside the globe",
                "latitude is between -90 and 90, longitude between -180 and 180; are they swapped?")
        record.lat = record.lon = None


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    added: list[str] = field(default_factory=list)
    completed: dict[str, list[str]] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    unknown_codes: list[str] = field(default_factory=list)
    by_name: list[str] = field(default_factory=list)  # actors matched by name, not by number
    closed: list[str] = field(default_factory=list)  # closed establishments or units, and what was done
    non_diffusible: int = 0  # rows INSEE does not diffuse: left out, never read
    sole_traders: int = 0  # entrepreneurs individuels (natural persons): left out
    warnings: list[str] = field(default_factory=list)  # control characters removed, ESS flag against the form
    text: str = ""
    #: The edit of the pole file (:class:`~ptce_kit.io.edit.Edit`): its diff, whether it was written.
    edit: Any = None


def _digits(value: Any) -> str:
    return re.sub(r"\D", "", str(value or ""))


def _facts(record: SireneRecord) -> dict[str, Any]:
    """The actor fields a record gives, in the order of the data format."""
    facts: dict[str, Any] = {}
    if record.ess is not None:
        facts["ess"] = record.ess
    if record.closed_since:
        facts["left"] = record.closed_since
    if record.legal_form_code:
        label = legal_form_label(record.legal_form_code)
        if label:
            facts["legal_form"] = label
        facts["legal_form_code"] = record.legal_form_code
    for key in ("siren", "siret", "commune"):
        if getattr(record, key):
            facts[key] = getattr(record, key)
    if record.lat is not None and record.lon is not None:
        facts["coordinates"] = {"lat": record.lat, "lon": record.lon}
    return facts


def _provenance(record: SireneRecord, source: str) -> str:
    codes = [f"{column} {value}" for column, value in (
        ("categorieJuridiqueUniteLegale", record.legal_form_code),
        ("activitePrincipaleUniteLegale", record.naf),
        ("economieSocialeSolidaireUniteLegale", record.ess_flag)) if value]
    return f"SIRENE extract {source}, line {record.line}" + (f" ({', '.join(codes)})" if codes else "")


def merge_sirene(data: dict[str, Any], records: list[SireneRecord], *, source: str,
                 status: ActorStatus = ActorStatus.MEMBER) -> ImportReport:
    """Merge records into a pole's plain data (changed in place), never overwriting a value.

    An actor whose SIRET (or else SIREN) matches a record gets the fields it lacks; a
    value that differs from the extract is left as it is and reported as a conflict.
    Other records become new actors with ``status``.

    Examples
    --------
    >>> data = {"id": "p", "name": "P", "actors": [{"id": "a", "name": "A", "category": "other",
    ...         "siren": "000 000 018"}]}
    >>> records = [SireneRecord(line=2, name="A", siren="000000018", legal_form_code="9220"),
    ...            SireneRecord(line=3, name="Scop B", siren="000000026", legal_form_code="5458")]
    >>> report = merge_sirene(data, records, source="x.csv")
    >>> report.completed, report.added
    ({'a': ['ess', 'legal_form', 'legal_form_code']}, ['scop-b'])
    >>> data["actors"][1]["category"], data["actors"][1]["legal_form"]
    ('ess_enterprise', 'SARL coopérative de production (SCOP)')
    """
    report = ImportReport()
    actors = data.setdefault("actors", [])
    by_siret = {_digits(a.get("siret")): a for a in actors if a.get("siret")}
    by_siren = {_digits(a.get("siren")): a for a in actors if a.get("siren")}
    ids = {a.get("id") for a in actors}
    for record in records:
        if not record.diffusible:
            report.non_diffusible += 1
            continue
        if record.sole_trader:
            report.sole_traders += 1
            continue
        for column in record.cleaned:
            report.warnings.append(f"line {record.line}: control characters removed from {column}")
        if (disagreement := ess_disagreement(record.ess_flag, record.legal_form_code)) is not None:
            report.warnings.append(f"line {record.line}: {record.name}: {disagreement}")
        if record.legal_form_code and legal_form_label(record.legal_form_code) is None:
            report.unknown_codes.append(f"line {record.line}: {record.legal_form_code}")
        facts = _facts(record)
        actor = by_siret.get(record.siret or "") or (by_siren.get(record.siren or "") if not record.siret else None)
        if actor is None and record.siret and record.siren in by_siren and not by_siren[record.siren].get("siret"):
            actor = by_siren[record.siren]
        if actor is None:
            # An actor written by hand before its numbers were known: same name, no number.
            same = [a for a in actors if a.get("id") == suggest_slug(record.name)
                    and not (a.get("siren") or a.get("siret"))]
            actor = same[0] if same else None
            if actor is not None:
                report.by_name.append(str(actor.get("id")))
        if record.closed:
            if record.closed_since:
                report.closed.append(f"line {record.line}: {record.name}, closed since {record.closed_since} "
                                     "(recorded as left)")
            elif actor is not None and not actor.get("left"):
                report.closed.append(f"line {record.line}: {record.name} is closed in SIRENE but present in the pole: "
                                     f"set 'left' on {actor.get('id')}")
            elif actor is None:
                report.closed.append(f"line {record.line}: {record.name} is closed in SIRENE and its closing date "
                                     "is not in the extract: not imported")
                continue
        if actor is not None:
            filled = []
            for key, value in facts.items():
                current = actor.get(key)
                if current is None:
                    actor[key] = value
                    filled.append(key)
                elif key in {"siren", "siret"} and _digits(current) == value:
                    continue
                elif current != value and key != "coordinates":
                    report.conflicts.append(
                        f"{actor.get('id')}: {key} is {current!r} in the pole but {value!r} in the extract "
                        f"(line {record.line}); kept {current!r}")
            if filled:
                report.completed[str(actor.get("id"))] = filled
                note = _provenance(record, source) + f": {', '.join(filled)}"
                actor["provenance"] = f"{actor['provenance']} ; {note}" if actor.get("provenance") else note
            continue
        actor_id = base = suggest_slug(record.name)
        n = 2
        while actor_id in ids:
            actor_id, n = f"{base}-{n}", n + 1
        ids.add(actor_id)
        new = {"id": actor_id, "name": record.name, "category": record.category.value}
        if status is not ActorStatus.MEMBER:
            new["status"] = status.value
        new.update(facts)
        new["provenance"] = _provenance(record, source)
        actors.append(new)
        report.added.append(actor_id)
        if record.siret:
            by_siret[record.siret] = new
        if record.siren:
            by_siren.setdefault(record.siren, new)
    return report


def import_sirene(extract: str | os.PathLike[str], into: str | os.PathLike[str], *,
                  status: ActorStatus | str = ActorStatus.MEMBER, dry_run: bool = False) -> ImportReport:
    """Add the establishments of a SIRENE extract to a pole's data file (YAML or JSON).

    The file is edited through :func:`~ptce_kit.io.edit.edit_pole`, the one editing path:
    under its lock, keeping every line the import does not touch byte for byte (comments,
    line ends, a byte-order mark), and written atomically only if the result is a valid
    pole; nothing is written with ``dry_run``.  ``report.edit`` holds the edit (its diff),
    ``report.text`` the new file's text.
    """
    from ..model import Actor
    from .edit import DATE_FIELDS, date_node, edit_pole, set_key, to_node

    ACTOR_ORDER = list(Actor.model_fields)  # noqa: N806 - a constant of this call

    records = read_sirene(extract)
    status = ActorStatus(status)
    source = Path(extract).name
    report = ImportReport()

    def change(data: Any) -> list[str]:
        nonlocal report
        actors = data.get("actors")
        if hasattr(actors, "fa") and not actors:
            # 'actors: []' is a flow sequence; new actors read better as blocks.
            actors.fa.set_block_style()
        sourced = {str(a.get("id")) for a in actors or () if isinstance(a, dict) and "provenance" in a}
        report = merge_sirene(data, records, source=source, status=status)
        yaml = hasattr(data, "fa")  # a round-trip YAML document, not JSON's plain data
        added = set(report.added)
        actors = data["actors"]
        for i, actor in enumerate(actors):
            if actor.get("id") in added:
                if yaml and not hasattr(actor, "fa"):
                    actors[i] = to_node(actor)
                continue
            filled = report.completed.get(str(actor.get("id")), [])
            if filled and str(actor.get("id")) not in sourced:
                filled = [*filled, "provenance"]  # a new provenance (one the user wrote stays in place)
            for key in filled:
                # A filled field goes where the data format puts it, written as a person would.
                value = actor.pop(key)
                if yaml:
                    value = to_node(date_node(value) if key in DATE_FIELDS else value)
                set_key(actor, key, value, order=ACTOR_ORDER)
        return []

    report.edit = edit_pole(into, change, dry_run=dry_run)
    report.text = report.edit.new.lstrip("\ufeff").replace("\r\n", "\n")
    return report
