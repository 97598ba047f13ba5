"""The members' spreadsheet: import from and export to CSV and XLSX.

Founders keep their members in a spreadsheet long before they write a ``pole.yaml``.
:func:`import_members` reads that spreadsheet (French or English headers; CSV in UTF-8,
UTF-8 with BOM, UTF-16 or Windows-1252, separated by ``;``, ``,`` or tabs; or XLSX) and
adds or updates actors in ``pole.yaml`` in place, keeping its layout.  Rows are matched
to actors by SIRET, then by id.  :func:`export_members_csv` and
:func:`export_members_xlsx` write the same layout back.

The columns are listed in :data:`COLUMNS`; ``docs/modele-membres.csv`` is a blank model.
"""

from __future__ import annotations

import copy
import csv
import dataclasses
import datetime as dt
import io
import os
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import FileProblemError, PoleError
from ..i18n import Message, N_, gettext, render
from ..cells import csv_delimiter, decode_csv, strip_control, unguard
from ..columns import COLUMNS, PERSONAL_COLUMNS, Column
from .files import atomic_write, read_bytes

if TYPE_CHECKING:
    from ..model import Pole

__all__ = [
    "COLUMNS",
    "PERSONAL_COLUMNS",
    "ImportResult",
    "import_members",
    "read_rows",
    "member_rows",
    "export_members_csv",
    "export_members_xlsx",
    "blank_model",
    "header_key",
]


_CONTACT_FIELD = {"contact_name": "name", "contact_role": "role", "contact_email": "email",
                  "contact_phone": "phone"}


def _norm(text: str) -> str:
    """Lower case, no accents, words separated by single spaces: how headers are compared.

    Examples
    --------
    >>> _norm("  Date d'Adhésion "), _norm("Date d’adhésion")
    ('date d adhesion', 'date d adhesion')
    """
    # A typographic apostrophe (as the documents' registry writes its headers) separates words too.
    ascii_text = unicodedata.normalize("NFKD", re.sub("[’‘]", "'", str(text))).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).split())


_HEADERS: dict[str, str] = {}
for _column in COLUMNS:
    for _name in (_column.key, _column.fr, _column.en, *_column.aliases):
        _HEADERS.setdefault(_norm(_name.replace("_", " ")), _column.key)

# Words people write in the cells, mapped to the codes of the format.
_TRUE = {"oui", "o", "yes", "y", "true", "vrai", "1", "x"}
_FALSE = {"non", "n", "no", "false", "faux", "0"}


# --- reading ----------------------------------------------------------------------

def header_key(header: str) -> str | None:
    """The field a column header of the members' spreadsheet fills, or ``None``.

    Headers are compared without case, accents or extra spaces, in French or English.

    Examples
    --------
    >>> header_key("  Date d'Adhésion "), header_key("Name"), header_key("Couleur")
    ('joined', 'name', None)
    """
    return _HEADERS.get(_norm(header))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unguard(str(value).strip())


def _csv_rows(path: Path) -> list[list[str]]:
    text = decode_csv(read_bytes(path), str(path))
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(first))
    try:
        # The apostrophe before formula-looking text (see ptce_kit.cells) comes off again.
        return [[unguard(cell.strip()) for cell in row] for row in reader]
    except csv.Error as exc:
        raise FileProblemError.single(Message("the CSV cannot be read: {detail}", detail=str(exc)), file=path,
                                      line=reader.line_num, hint=N_("check the quotes on this line"),
                                      code="PTCE-E310") from None


#: Uncompressed size an XLSX may reach; a larger one is refused before it is opened.
MAX_XLSX_UNCOMPRESSED = 256 * 1024 * 1024
#: Filled rows a members' sheet may hold (a pole has hundreds of members, not a million).
MAX_XLSX_ROWS = 100_000


def _xlsx_rows(path: Path) -> list[list[str]]:
    import zipfile

    read_bytes(path)  # the same checks as any data file: size, folder, pipe, permissions
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise FileProblemError.single(Message("this is not a readable XLSX file ({detail})", detail=str(exc)), file=path,
                                      hint=N_("save the sheet again as .xlsx (Excel 2007 or later) or as CSV"),
                                      code="PTCE-E311") from None
    if total > MAX_XLSX_UNCOMPRESSED:
        raise FileProblemError.single(N_("the XLSX file expands to too much data (a zip bomb?)"), file=path,
                                      hint=N_("save the members' sheet alone, as CSV"), code="PTCE-E312")
    try:
        import openpyxl
    except ImportError:
        raise PoleError.single(N_("reading XLSX files needs openpyxl"), file=path,
                               hint=N_("pip install 'ptce-kit[xlsx]', or save the sheet as CSV"), code="PTCE-E900") from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            names = {_norm(n): n for n in book.sheetnames}
            sheet = book[names.get("membres") or names.get("members") or book.sheetnames[0]]
            # The sheet's declared size (its <dimension>, or one far cell such as XFD1048576)
            # would make openpyxl pad every row and column up to it: read the cells present.
            sheet.reset_dimensions()
            rows: list[list[str]] = []
            filled = 0
            for row in sheet.iter_rows(values_only=True):
                cells = [_cell(v) for v in row]
                filled += any(cells)
                if filled > MAX_XLSX_ROWS:
                    raise FileProblemError.single(
                        Message("the sheet has more than {rows} filled rows", rows=f"{MAX_XLSX_ROWS:,}".replace(",", " ")),
                        file=path, hint=N_("keep the members' table alone in the sheet, or save it as CSV"),
                        code="PTCE-E312")
                rows.append(cells)
            while rows and not any(rows[-1]):
                rows.pop()
            return rows
        finally:
            book.close()
    except PoleError:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken workbook is the user's input, not our bug
        raise FileProblemError.single(Message("this XLSX file cannot be read ({detail})", detail=f"{type(exc).__name__}: {exc}"),
                                      file=path, code="PTCE-E311",
                                      hint=N_("open it in a spreadsheet and save it again, or save it as CSV")) from None


def read_rows(path: str | os.PathLike[str]) -> tuple[dict[str, str], list[tuple[int, dict[str, str]]], list[str]]:
    """The rows of a members' spreadsheet, keyed by column.

    Returns ``(headers, rows, warnings)``: ``headers`` maps each column key found to the
    header as written; ``rows`` are ``(row number, {key: cell})`` with the spreadsheet's own
    row numbers (the header is row 1); ``warnings`` name ignored columns.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        table = _xlsx_rows(path)
    elif suffix in {".xls", ".ods"}:
        raise FileProblemError.single(Message("{suffix} files are not read", suffix=suffix), file=path,
                                      hint=N_("save the sheet as .xlsx or as CSV"), code="PTCE-E311")
    else:
        table = _csv_rows(path)
    table, dirty = _without_control(table)
    filled = [i for i, row in enumerate(table) if any(row)]
    if not filled:
        raise FileProblemError.single(N_("the spreadsheet is empty"), file=path, code="PTCE-E313",
                                      hint=N_("start from docs/modele-membres.csv: one header row, one row per member"))
    # The header row is the first that names the members; a title or notes may sit above it.
    naming = {"name", "id", "siret"}
    start = next((i for i in filled[:20] if naming & {_HEADERS.get(_norm(cell)) for cell in table[i]}), filled[0])
    warnings: list[str] = [
        Message("rows {first}-{last} skipped (above the header row)", first=filled[0] + 1, last=start)
        if start > filled[0] + 1 else Message("row {row} skipped (above the header row)", row=filled[0] + 1)
    ] if start != filled[0] else []
    headers: dict[str, str] = {}
    keys: list[str | None] = []
    for header in table[start]:
        key = _HEADERS.get(_norm(header))
        if key is None:
            if header:
                warnings.append(Message("column {header!r} ignored (not a column of the members' model)", header=header))
        elif key in headers:
            raise FileProblemError.single(Message("the columns {first!r} and {second!r} are the same field",
                                                  first=headers[key], second=header),
                                          file=path, line=start + 1, hint=N_("keep one of them"), code="PTCE-E314")
        else:
            headers[key] = header
        keys.append(key)
    if not {"name", "id", "siret"} & set(headers):
        raise FileProblemError.single(
            N_("no column names the members: expected 'Nom' (or 'Name'), 'SIRET' or 'Identifiant'"),
            file=path, line=start + 1, hint=N_("the first row holds the headers; see docs/modele-membres.csv"),
            code="PTCE-E313")
    for (i, j), codes in sorted(dirty.items()):
        if i == start or (i > start and j < len(keys) and keys[j]):
            where = (Message("header {name!r}", name=table[i][j]) if i == start
                     else Message("column {name!r}", name=table[start][j]))
            warnings.append(Message("row {row}, {where}: control characters removed ({codes})", row=i + 1, where=where,
                                    codes=", ".join(codes)))
    rows = []
    for number, row in enumerate(table[start + 1:], start=start + 2):
        values = {key: cell for key, cell in zip(keys, row, strict=False) if key and cell}
        if values:
            rows.append((number, values))
    return headers, rows, warnings


def _without_control(table: list[list[str]]) -> tuple[list[list[str]], dict[tuple[int, int], list[str]]]:
    """The table without control characters (BEL, ESC, NUL, U+FFFE…), and where they were:
    ``{(row index, column index): code points}``."""
    dirty: dict[tuple[int, int], list[str]] = {}
    clean = []
    for i, row in enumerate(table):
        cells = []
        for j, cell in enumerate(row):
            text, removed = strip_control(cell)
            if removed:
                dirty[i, j] = removed
                text = text.strip()
            cells.append(text)
        clean.append(cells)
    return clean, dirty


# --- cells to fields ------------------------------------------------------------------

class _RowError(Exception):
    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message


def _date(value: str, key: str) -> str:
    """Partial dates as people write them: 2014, 2014-07, 2014-07-01, 01/07/2014, 07/2014, mars 2014."""
    from ..model.vocabulary import partial_date

    return partial_date(value)


def _code(key: str, value: str) -> str:
    """The value a word names (French or English, see :mod:`ptce_kit.model.vocabulary`); refused if none."""
    from ..errors import Invalid
    from ..model.vocabulary import parse

    try:
        return parse(key, value)
    except Invalid as exc:
        raise _RowError(key, str(exc)) from None


#: The columns of yes/no cells.
_YES_NO = frozenset({"ess", "legal_person", "employer", "mission_company"})

#: French words for how an actor ceased (the codes are accepted as they are).
_CEASED_HOW = {"dissous": "dissolved", "dissoute": "dissolved", "dissolution": "dissolved",
               "ferme": "closed", "fermee": "closed", "fermeture": "closed",
               "fusionne": "merged", "fusionnee": "merged", "fusion": "merged",
               "absorbe": "absorbed", "absorbee": "absorbed", "absorption": "absorbed"}


def _collective(value: str) -> dict[str, Any]:
    """A collective actor's cell: ``25 bénévoles et chercheurs``, ``25``, ``éleveurs``, or ``oui``.

    Examples
    --------
    >>> _collective("25 volunteers and researchers"), _collective("oui"), _collective("12")
    ({'count': 25, 'of': 'volunteers and researchers'}, {}, {'count': 12})
    """
    if _norm(value) in _TRUE:
        return {}
    match = re.fullmatch(r"\s*(\d+)\s*(.*?)\s*", value)
    if match is None:
        return {"of": value.strip()}
    count, what = match.groups()
    return {"count": int(count), **({"of": what} if what else {})}


def _collective_cell(collective: Any, yes: str) -> str:
    """The cell of a collective actor (the reverse of :func:`_collective`)."""
    parts = [str(collective.count)] if collective.count is not None else []
    parts += [collective.of] if collective.of else []
    return " ".join(parts) or yes


def _presences(value: str) -> list[dict[str, Any]]:
    """Presences at the pole's sites: ``site: presence since/until``, separated by commas.

    Dates are optional (``halle: resident 2016-06/``: since June 2016, still there).

    Examples
    --------
    >>> _presences("gare: office_hours 2012/2016-06, halle: résident 2016-06/")
    [{'site': 'gare', 'presence': 'office_hours', 'since': '2012', 'until': '2016-06'}, {'site': 'halle', 'presence': 'resident', 'since': '2016-06'}]
    """
    found = []
    for part in (p for p in value.split(",") if p.strip()):
        match = re.fullmatch(r"\s*([^:]+?)\s*:\s*(.+?)(?:\s+([^\s/]*/[^\s/]*))?\s*", part)
        if match is None:
            raise _RowError("presences", Message(
                "{value!r} is not a presence at a site: write site: presence since/until, e.g. "
                "halle: resident 2016-06/", value=part.strip()))
        site, word, span = match.groups()
        try:
            presence = _code("presence", word)
        except _RowError as error:
            raise _RowError("presences", error.message) from None
        entry: dict[str, Any] = {"site": site, "presence": presence}
        since, _, until = (span or "").partition("/")
        if since:
            entry["since"] = _date(since, "presences")
        if until:
            entry["until"] = _date(until, "presences")
        found.append(entry)
    return found


def _presences_cell(presences: list[Any], lang: str) -> str:
    """The cell of an actor's presences, each in the reader's words (the reverse of :func:`_presences`)."""
    from ..model.vocabulary import label

    cells = []
    for p in presences:
        span = f" {p.since or ''}/{p.until or ''}" if p.since or p.until else ""
        cells.append(f"{p.site}: {label('presence', p.presence.value, lang)}{span}")
    return ", ".join(cells)


#: The columns whose values are words of :mod:`ptce_kit.model.vocabulary`, written as its labels.
_WORDED = ("category", "status", "presence")


#: Words for a venue's contract (normalised), besides its codes.
_CONTRACTS = {"lease": "lease", "bail": "lease", "bail emphyteotique": "lease",
              "public service": "public-service", "dsp": "public-service",
              "delegation de service public": "public-service", "public service contract": "public-service",
              "agreement": "agreement", "convention": "agreement", "convention d occupation": "agreement",
              "other": "other", "autre": "other", "autre contrat": "other", "other contract": "other"}


def _share(text: str) -> float | int:
    number = float(text.replace(",", "."))
    return int(number) if number.is_integer() else number


def _owners(value: str) -> list[dict[str, Any]]:
    """Owners and their shares in percent: ``id: share``, separated by commas (the share is optional).

    A comma followed by a digit is a decimal comma (``a: 12,5, b: 87,5``).

    Examples
    --------
    >>> _owners("scic-coteaux: 60 %, menuiserie-vercors: 40")
    [{'actor': 'scic-coteaux', 'share': 60}, {'actor': 'menuiserie-vercors', 'share': 40}]
    >>> _owners("a: 12,5, b")
    [{'actor': 'a', 'share': 12.5}, {'actor': 'b'}]
    """
    found: list[dict[str, Any]] = []
    for part in (p for p in re.split(r"[,;](?!\d)", value) if p.strip()):
        match = re.fullmatch(r"\s*([^:\s]+)\s*(?::\s*([0-9]+(?:[.,][0-9]+)?)\s*%?)?\s*", part)
        if match is None:
            raise _RowError("owners", Message(
                "{value!r} is not an owner: write its id and its share in percent, e.g. commune-die: 100",
                value=part.strip()))
        actor, share = match.groups()
        found.append({"actor": actor, **({"share": _share(share)} if share else {})})
    return found


def _owners_cell(owners: list[Any]) -> str:
    """The cell of an actor's owners (the reverse of :func:`_owners`)."""
    return ", ".join(o.actor if o.share is None else f"{o.actor}: {o.share:g}" for o in owners)


def _operator(value: str) -> dict[str, Any]:
    """A venue's operator: ``id: contract since/until duration`` (the dates and the duration optional).

    Examples
    --------
    >>> _operator("asso-halle: délégation de service public 2016-06/ 12 ans")
    {'actor': 'asso-halle', 'contract': 'public-service', 'since': '2016-06', 'duration': '12 ans'}
    >>> _operator("asso-halle: bail")
    {'actor': 'asso-halle', 'contract': 'lease'}
    """
    match = re.fullmatch(r"\s*([^:\s]+)\s*:\s*(.+?)(?:\s+([^\s/]*/[^\s/]*))?"
                         r"(?:\s+([0-9]+(?:[.,][0-9]+)?\s*[^\W\d_]+))?\s*", value)
    if match is None:
        raise _RowError("operator", Message(
            "{value!r} is not a venue's operator: write its id, its contract, then its dates or its duration "
            "if known, e.g. asso-halle: public-service 2016-06/ 12 years", value=value.strip()))
    actor, word, span, duration = match.groups()
    contract = _CONTRACTS.get(_norm(word))
    if contract is None:
        raise _RowError("operator", Message(
            "{word!r} is not a contract ptce-kit knows: write lease (bail), public-service (délégation de service "
            "public), agreement (convention) or other", word=word))
    entry: dict[str, Any] = {"actor": actor, "contract": contract}
    since, _, until = (span or "").partition("/")
    if since:
        entry["since"] = _date(since, "operator")
    if until:
        entry["until"] = _date(until, "operator")
    if duration:
        entry["duration"] = duration
    return entry


def _operator_cell(operation: Any) -> str:
    """The cell of a venue's operator (the reverse of :func:`_operator`)."""
    span = f" {operation.since or ''}/{operation.until or ''}" if operation.since or operation.until else ""
    return f"{operation.actor}: {operation.contract}{span}" + (f" {operation.duration}" if operation.duration else "")


def _fields(values: dict[str, str]) -> tuple[dict[str, Any], dict[str, str], str | None]:
    """The actor fields, contact fields and college of one row."""
    from ..model import suggest_slug

    fields: dict[str, Any] = {}
    contact: dict[str, str] = {}
    college = None
    for key, value in values.items():
        if key in _CONTACT_FIELD:
            contact[_CONTACT_FIELD[key]] = value
        elif key == "college":
            college = value
        elif key in {"category", "status", "presence"}:
            fields[key] = _code(key, value)
        elif key in _YES_NO:
            word = _norm(value)
            if word not in _TRUE | _FALSE:
                raise _RowError(key, Message("{value!r} is not yes or no (write oui or non)", value=value))
            fields[key] = word in _TRUE
        elif key == "roles":
            fields[key] = [suggest_slug(part) for part in re.split(r"[,;/]", value) if part.strip()]
        elif key in {"joined", "left", "created", "ceased"}:
            fields[key] = _date(value, key)
        elif key == "ceased_how":
            fields[key] = _CEASED_HOW.get(_norm(value), value)
        elif key in {"naf", "naf_2025"}:
            code = re.sub(r"\s", "", value).upper()
            # The APE code as many sheets write it, without its point: 8899B is 88.99B.
            fields[key] = f"{code[:2]}.{code[2:]}" if re.fullmatch(r"\d{4}[A-Z]", code) else code
        elif key == "headcount_band":
            # A spreadsheet makes INSEE's band "03" the number 3.
            fields[key] = value.zfill(2) if value.isdigit() and len(value) == 1 else value.upper()
        elif key == "collective":
            fields[key] = _collective(value)
        elif key == "presences":
            fields[key] = _presences(value)
        elif key == "owners":
            fields[key] = _owners(value)
        elif key == "operator":
            fields[key] = _operator(value)
        elif key in {"siren", "siret"}:
            digits = re.sub(r"[\s.]", "", value)
            width = 9 if key == "siren" else 14
            # A spreadsheet stores the number as a number and drops its leading zeros.
            fields[key] = digits.zfill(width) if digits.isdigit() and width - 2 <= len(digits) < width else digits
        elif key == "commune":
            fields[key] = value.zfill(5) if value.isdigit() and len(value) == 4 else value.upper()
        else:
            fields[key] = value
    return fields, contact, college


# --- import -----------------------------------------------------------------------

@dataclasses.dataclass
class ImportResult:
    """What an import did, row by row."""

    file: Path
    added: list[tuple[int, str]] = dataclasses.field(default_factory=list)
    updated: list[tuple[int, str, list[str]]] = dataclasses.field(default_factory=list)
    unchanged: list[tuple[int, str]] = dataclasses.field(default_factory=list)
    rejected: list[tuple[int, str]] = dataclasses.field(default_factory=list)
    warnings: list[str] = dataclasses.field(default_factory=list)
    edit: Any = None

    def summary(self) -> str:
        """A human summary: counts, then each row added, updated or rejected."""
        lines = [Message("{file}: {added} added, {updated} updated, {unchanged} unchanged, {rejected} rejected",
                         file=self.file.name, added=len(self.added), updated=len(self.updated),
                         unchanged=len(self.unchanged), rejected=len(self.rejected)).render()]
        lines += ["  " + Message("warning: {warning}", warning=w).render() for w in self.warnings]
        lines += ["  " + Message("row {row}: added {actor}", row=row, actor=actor).render() for row, actor in self.added]
        lines += ["  " + Message("row {row}: updated {actor} ({changes})", row=row, actor=actor,
                                 changes=", ".join(map(str, changes))).render() for row, actor, changes in self.updated]
        lines += ["  " + Message("row {row}: rejected: {reason}", row=row, reason=reason).render()
                  for row, reason in self.rejected]
        return "\n".join(lines)


def import_members(spreadsheet: str | os.PathLike[str], pole: str | os.PathLike[str], *,
                   dry_run: bool = False) -> ImportResult:
    """Add or update the actors of ``pole`` from the rows of ``spreadsheet``.

    A row updates the actor with the same SIRET, else the actor with the same id, else
    adds an actor (its id made from its name).  Empty cells leave fields as they are.
    A row that would make an actor or the pole invalid is rejected with its row number
    and the reason; the other rows are imported.  ``pole.yaml`` keeps its layout and is
    written once, atomically and under its lock; ``dry_run`` writes nothing.
    """
    from .edit import edit_pole

    path = Path(spreadsheet)
    headers, rows, warnings = read_rows(path)
    result = ImportResult(path, warnings=warnings)

    def change(data: Any) -> list[str]:
        _apply_rows(data, rows, headers, result)
        return []

    result.edit = edit_pole(pole, change, dry_run=dry_run)
    return result


@dataclasses.dataclass
class _Row:
    """A row that passed its checks, ready to be written."""

    number: int
    index: int | None  # of the actor it updates; None for a new actor
    current: dict[str, Any]
    merged: dict[str, Any]
    college: str | None
    actor_id: str


class _Registry:
    """The pole's data as plain Python, with the look-ups rows are matched by."""

    def __init__(self, plain: dict[str, Any]) -> None:
        self.plain = {**plain, "actors": list(plain.get("actors") or [])}
        if "governance" in plain:
            self.plain["governance"] = copy.deepcopy(plain["governance"])
        self.by_siret: dict[str, int] = {}
        self.by_id: dict[str, int] = {}
        self.by_name: dict[str, int] = {}
        for i, actor in enumerate(self.plain["actors"]):
            self._index(i, actor)

    def _index(self, i: int, actor: dict[str, Any]) -> None:
        if actor.get("siret"):
            self.by_siret.setdefault(str(actor["siret"]).replace(" ", ""), i)
        self.by_id.setdefault(str(actor.get("id")), i)
        self.by_name.setdefault(_norm(str(actor.get("name", ""))), i)

    def match(self, fields: dict[str, Any]) -> int | None:
        """The actor a row is about: same SIRET, else same id; ``None`` for a new one."""
        siret = fields.get("siret")
        if siret and siret in self.by_siret:
            return self.by_siret[siret]
        actor_id = fields.get("id")
        if actor_id and actor_id in self.by_id:
            i = self.by_id[actor_id]
            known = str(self.plain["actors"][i].get("siret", "")).replace(" ", "")
            if siret and known and known != siret:
                raise _RowError("siret", Message("the actor {id!r} has the SIRET {known}, not {siret}: fix the SIRET or "
                                                 "the id (one row per establishment)", id=actor_id, known=known,
                                                 siret=siret))
            return i
        return None

    def id_for_new(self, name: str) -> str:
        """The id of a new actor from its name; a name already in the pole is refused, not doubled."""
        from .members import new_id

        if _norm(name) in self.by_name:
            actor = self.plain["actors"][self.by_name[_norm(name)]]
            raise _RowError("name", Message("an actor named {name!r} already exists (id {id!r}): give its id in the "
                                            "'Identifiant' column or its SIRET to update it", name=actor["name"],
                                            id=actor["id"]))
        return new_id(name, self.by_id)

    def put(self, row: _Row) -> None:
        from .members import put_in_college

        if row.index is None:
            self.plain["actors"].append(row.merged)
            self._index(len(self.plain["actors"]) - 1, row.merged)
        else:
            self.plain["actors"][row.index] = row.merged
            self._index(row.index, row.merged)
        put_in_college(self.plain, row.actor_id, row.college)

    def valid(self) -> str | None:
        """``None`` if the pole is valid, else the first problem, for a rejection."""
        from pydantic import ValidationError

        from ..errors import format_path
        from ..model import Pole

        try:
            Pole.model_validate(self.plain)
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            return f"{format_path(tuple(err['loc']))}: {_reason(err)}"
        return None


def _check_row(registry: _Registry, number: int, values: dict[str, str], seen: dict[str, int]) -> _Row:
    from pydantic import ValidationError

    from ..model import Actor
    from .members import put_in_college

    fields, contact, college = _fields(values)
    index = registry.match(fields)
    current = registry.plain["actors"][index] if index is not None else {}
    merged = {**current, **fields}
    operator = current.get("operator")
    if "operator" in fields and isinstance(operator, Mapping) and operator.get("actor") == fields["operator"]["actor"]:
        # The cell says who runs the venue and how; what it cannot hold (the provenance) stays.
        merged["operator"] = {**{k: v for k, v in operator.items() if k == "provenance"}, **fields["operator"]}
    if contact:
        contacts = [dict(c) for c in merged.get("contacts") or []] or [{}]
        contacts[0] = {**contacts[0], **contact}
        merged["contacts"] = contacts
    if index is None and not merged.get("id"):
        merged = {"id": registry.id_for_new(str(merged.get("name", ""))), **merged}
    actor_id = str(merged.get("id", ""))
    if actor_id in seen:
        raise _RowError("", Message("row {row} already imports the actor {id!r}", row=seen[actor_id], id=actor_id))
    try:
        Actor.model_validate(merged)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        key = str(err["loc"][0]) if err["loc"] else "id"
        if key == "contacts":
            key = {v: k for k, v in _CONTACT_FIELD.items()}.get(str(err["loc"][-1]), "contact_name")
        raise _RowError(key, _reason(err)) from None
    put_in_college(copy.deepcopy(registry.plain), actor_id, college)  # an unknown college is refused here
    return _Row(number, index, current, merged, college, actor_id)


def _check_rows(plain: dict[str, Any], rows: list[tuple[int, dict[str, str]]], headers: dict[str, str],
                result: ImportResult, *, each: bool) -> tuple[list[_Row], _Registry]:
    """The rows that pass; ``each`` checks the whole pole after every row (the slow, exact way)."""
    registry = _Registry(plain)
    accepted: list[_Row] = []
    seen: dict[str, int] = {}
    for number, values in rows:
        try:
            row = _check_row(registry, number, values, seen)
            if each:
                trial = _Registry(registry.plain)
                trial.put(row)
                problem = trial.valid()
                if problem:
                    raise _RowError("", problem)
        except _RowError as error:
            column = headers.get(error.key)
            result.rejected.append((number, Message("{column}: {reason}", column=column, reason=error.message)
                                    if column else error.message))
            continue
        except PoleError as error:  # an unknown college
            hint = error.problems[0].hint if error.problems else None
            column = headers.get("college") or gettext(N_("college"))
            result.rejected.append((number, f"{column}: {error.summary_text()}"
                                    + (f" ({render(hint)})" if hint else "")))
            continue
        seen[row.actor_id] = number
        registry.put(row)
        accepted.append(row)
    return accepted, registry


def _apply_rows(data: Any, rows: list[tuple[int, dict[str, str]]], headers: dict[str, str],
                result: ImportResult) -> None:
    from ..model import Actor
    from .edit import as_plain, to_node
    from .members import _list, put_in_college, update_member_node

    plain = as_plain(data)
    accepted, registry = _check_rows(plain, rows, headers, result, each=False)
    if registry.valid() is not None:
        # Some row breaks a rule of the whole pole (a tie after leaving…): find which, row by row.
        result.rejected.clear()
        accepted, registry = _check_rows(plain, rows, headers, result, each=True)
    result.rejected.sort()
    order = list(Actor.model_fields)
    nodes = {str(a.get("id")): a for a in data.get("actors") or []}
    for row in accepted:
        # Apply the row to the file's own document, keeping its layout.
        if row.index is None:
            _list(data, "actors").append(to_node({k: row.merged[k] for k in sorted(row.merged, key=order.index)}))
            nodes[row.actor_id] = data["actors"][-1]
            put_in_college(data, row.actor_id, row.college)
            result.added.append((row.number, row.actor_id))
            continue
        before, after = Actor.model_validate(row.current), Actor.model_validate(row.merged)
        changes = update_member_node(nodes[row.actor_id], {
            k: row.merged[k] for k in row.merged if getattr(before, k) != getattr(after, k)})
        changes += [Message("college {name}", name=row.college) for _ in put_in_college(data, row.actor_id, row.college)]
        if changes:
            result.updated.append((row.number, row.actor_id, changes))
        else:
            result.unchanged.append((row.number, row.actor_id))


def _reason(err: Mapping[str, Any]) -> str:
    from .files import _message

    if err["type"] == "missing":
        return gettext(N_("empty, but a new member needs it"))
    message, hint, _code = _message(err)
    # A message id or a Message, written in the reader's language (a plain id is looked up too).
    return f"{render(message)} ({render(hint)})" if hint else render(message)


# --- export -----------------------------------------------------------------------

def member_rows(pole: Pole, *, include_personal_data: bool = False) -> list[list[str]]:
    """The members' table of a pole: a header row in the pole's language, one row per actor.

    Without ``include_personal_data`` personal data is left out
    (:func:`ptce_kit.privacy.strip_personal`: no contact columns, natural persons renamed);
    with it, the first contact of each actor fills the contact columns.
    """
    if not include_personal_data:
        from ..privacy import strip_personal

        pole = strip_personal(pole)
    from ..model.vocabulary import label

    lang = str(getattr(pole.language, "value", pole.language))
    french = lang == "fr"
    columns = [c for c in COLUMNS if include_personal_data or not c.personal]
    yes, no = gettext(N_("yes"), lang), gettext(N_("no"), lang)
    table = [[c.fr if french else c.en for c in columns]]
    for actor in pole.actors:
        contact = actor.contacts[0] if actor.contacts else None
        row = []
        for column in columns:
            key = column.key
            if key in _CONTACT_FIELD:
                value: Any = getattr(contact, _CONTACT_FIELD[key]) if contact else None
            elif key == "college":
                value = pole.college_of(actor.id)
            elif key == "collective":
                value = _collective_cell(actor.collective, yes) if actor.collective is not None else None
            elif key == "presences":
                value = _presences_cell(actor.presences, lang) or None
            elif key in _WORDED and getattr(actor, key) is not None:
                # The reader's word for a value (« entreprise de l’ESS »), which the import reads back.
                value = label(key, getattr(actor, key).value, lang)
            elif key == "owners":
                value = _owners_cell(actor.owners) or None
            elif key == "operator":
                value = _operator_cell(actor.operator) if actor.operator is not None else None
            else:
                value = getattr(actor, key)
            if isinstance(value, bool):
                value = yes if value else no
            elif isinstance(value, list):
                value = ", ".join(value)
            row.append("" if value is None else str(getattr(value, "value", value)))
        table.append(row)
    return table


def export_members_csv(pole: Pole, path: str | os.PathLike[str], *, include_personal_data: bool = False,
                       sep: str | None = None) -> Path:
    """Write the members' table as CSV (UTF-8 with a BOM, so that Excel reads the accents).

    ``sep`` defaults to the pole's language (:func:`ptce_kit.cells.csv_separator`): ``;``
    for a French pole, ``,`` for an English one.

    Text a spreadsheet would run as a formula (``=Coop``, a phone ``+33 …``) starts with an
    apostrophe (:mod:`ptce_kit.cells`); :func:`import_members` takes it off again.
    """
    from ..cells import csv_bytes, csv_separator

    sep = csv_separator(pole.language.value) if sep is None else sep
    return _write(path, csv_bytes(member_rows(pole, include_personal_data=include_personal_data), sep=sep))


def export_members_xlsx(pole: Pole, path: str | os.PathLike[str], *, include_personal_data: bool = False) -> Path:
    """Write the members' table as XLSX: a sheet "Membres" (or "Members") and a note.

    Every cell is a text cell, never a formula (:mod:`ptce_kit.cells`).  The file is
    the same byte for byte for the same data: no creation date, fixed times in the archive.
    """
    from ..cells import fill_sheet, new_workbook, xlsx_bytes

    book = new_workbook()  # first: a clear error without openpyxl
    from openpyxl.styles import Font

    french = getattr(pole.language, "value", pole.language) == "fr"
    sheet = book.active
    sheet.title = "Membres" if french else "Members"
    fill_sheet(sheet, member_rows(pole, include_personal_data=include_personal_data))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    fill_sheet(book.create_sheet("À propos" if french else "About"),
               [[line] for line in _note(pole, include_personal_data, french)])
    return _write(path, xlsx_bytes(book))


def _note(pole: Pole, personal: bool, french: bool) -> list[str]:
    from ..privacy import personal_data_note

    note = personal_data_note(personal, "fr" if french else "en")
    if french:
        return [f"Membres de {pole.name}, exportés par ptce-kit depuis pole.yaml.", note,
                "Réimport : ptce import FICHIER --into pole.yaml"]
    return [f"Members of {pole.name}, exported by ptce-kit from pole.yaml.", note,
            "Import back: ptce import FILE --into pole.yaml"]


def _write(path: str | os.PathLike[str], content: bytes) -> Path:
    path = Path(path)
    atomic_write(path, content)  # a failure is a PoleError naming the file and what to do
    return path


def blank_model(language: str = "fr", *, include_personal_data: bool = True) -> str:
    """The header row of an empty members' spreadsheet, as CSV separated by ``;``.

    Examples
    --------
    >>> blank_model("en", include_personal_data=False).split(";")[:3]
    ['Id', 'Name', 'Category']
    """
    columns = [c for c in COLUMNS if include_personal_data or not c.personal]
    return ";".join(c.fr if language == "fr" else c.en for c in columns) + "\r\n"

