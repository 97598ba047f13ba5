"""The cells of every spreadsheet ptce-kit writes (CSV and XLSX), and of those it reads.

What a table meant for Excel or LibreOffice must get right, whatever the table:

* **text is text**: a cell starting with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage
  return) is run as a formula when the file is opened (CSV injection).  In a CSV a
  leading apostrophe keeps it text; in an XLSX every text is a string cell, never a
  formula, and formula-looking text carries the "quote prefix" (what Excel records when
  one types a leading apostrophe), so that editing the cell keeps it text too.  Numbers
  are not text and keep their sign.
* **numbers read as numbers**: with ``;`` between cells, the separator of a French
  spreadsheet, the decimal mark is the comma too; a French pole's files take ``;`` by
  default (:func:`csv_separator`), an English one's ``,``.
* **the same bytes for the same data**: UTF-8 with a BOM (Excel reads the accents), and
  XLSX archives without dates.

:func:`csv_bytes` and :func:`xlsx_bytes` write whole tables; :func:`spreadsheet_cell`
and :func:`put_xlsx_cell` one cell.  On the way back in, :func:`decode_csv` and
:func:`csv_delimiter` read a CSV's text and separator (the members' spreadsheet and
SIRENE extracts alike), :func:`unguard` takes off the apostrophe :func:`formula_safe`
added, and :func:`strip_control` the control characters a spreadsheet may carry.

Examples
--------
>>> [spreadsheet_cell(v, sep=";") for v in ("=1+1", "Adie", -1.5, 3, True, None)]
["'=1+1", 'Adie', '-1,5', '3', 'true', '']
>>> unguard(formula_safe("+33 6 12 34 56 78"))
'+33 6 12 34 56 78'
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from typing import Any

from .errors import FileProblemError
from .i18n import Message, N_

__all__ = [
    "FORMULA_STARTS",
    "looks_like_formula",
    "formula_safe",
    "unguard",
    "spreadsheet_cell",
    "csv_separator",
    "csv_bytes",
    "strip_control",
    "new_workbook",
    "put_xlsx_cell",
    "fill_sheet",
    "xlsx_bytes",
    "decode_csv",
    "csv_encoding",
    "csv_delimiter",
]

#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: Characters no spreadsheet cell should hold: C0 and C1 controls except tab, line feed
#: and carriage return, DEL, lone surrogates and Unicode noncharacters (U+FFFE…).
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))
    + "]"
)


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would run ``text`` as a formula (after any leading apostrophes).

    Apostrophes count so that text which itself starts with an apostrophe before a formula
    character is guarded too, and comes back exactly through :func:`unguard`.

    >>> looks_like_formula("=SUM(A1)"), looks_like_formula("'=1"), looks_like_formula("Adie")
    (True, True, False)
    """
    return text.lstrip("'")[:1] in FORMULA_STARTS if text else False


def formula_safe(text: str) -> str:
    """``text`` with a leading apostrophe when a spreadsheet would run it as a formula.

    >>> formula_safe("=HYPERLINK(\\"x\\")"), formula_safe("Groupe Archer")
    ('\\'=HYPERLINK("x")', 'Groupe Archer')
    """
    return "'" + text if looks_like_formula(text) else text


def unguard(text: str) -> str:
    """The text of a CSV cell without the apostrophe :func:`formula_safe` put before it.

    Only an apostrophe that guards a formula-looking text is taken off; any other is
    part of the text.

    >>> unguard("'=Coop"), unguard("''=Coop"), unguard("'t is"), unguard("=1")
    ('=Coop', "'=Coop", "'t is", '=1')
    """
    return text[1:] if text[:1] == "'" and looks_like_formula(text[1:]) else text


def spreadsheet_cell(value: Any, *, sep: str = ",") -> str:
    """One CSV cell: empty for ``None``, ``true``/``false``, numbers with the decimal mark
    of ``sep`` (a comma with ``;``), any other value as formula-safe text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value).replace(".", "," if sep == ";" else ".")
    return formula_safe(str(value))


def csv_separator(lang: str) -> str:
    """The separator a spreadsheet in ``lang`` expects: ``;`` in French, ``,`` otherwise.

    French Excel and LibreOffice read the comma as the decimal mark, so a French CSV
    separated by commas opens as one column; with ``;`` numbers take the decimal comma
    (:func:`spreadsheet_cell`).

    >>> csv_separator("fr"), csv_separator("en")
    (';', ',')
    """
    return ";" if lang == "fr" else ","


def csv_bytes(rows: Iterable[Iterable[Any]], *, sep: str = ",", lineterminator: str = "\r\n",
              bom: bool = True) -> bytes:
    """A whole CSV table, every cell through :func:`spreadsheet_cell`, as UTF-8 (with a BOM).

    >>> csv_bytes([["name", "share"], ["=Coop", 0.5]], sep=";")
    b"\\xef\\xbb\\xbfname;share\\r\\n'=Coop;0,5\\r\\n"
    """
    import csv
    import io

    if sep not in (",", ";", "\t"):
        raise ValueError(f"sep must be ',', ';' or a tab, not {sep!r}")
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=sep, lineterminator=lineterminator)
    for row in rows:
        writer.writerow([spreadsheet_cell(value, sep=sep) for value in row])
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


def strip_control(text: str) -> tuple[str, list[str]]:
    """``text`` without control characters, and the code points taken out (``U+0007``…).

    >>> strip_control("Al\\x07pha\\x1b")
    ('Alpha', ['U+0007', 'U+001B'])
    """
    found = _CONTROL.findall(text)
    if not found:
        return text, []
    return _CONTROL.sub("", text), [f"U+{ord(c):04X}" for c in sorted(set(found))]


# --- XLSX -----------------------------------------------------------------------------

def new_workbook() -> Any:
    """An empty openpyxl workbook; a ``PoleError`` saying what to install without openpyxl."""
    try:
        import openpyxl
    except ImportError:
        from .errors import PoleError

        raise PoleError.single(N_("writing XLSX files needs openpyxl, which is not installed"),
                               hint=N_("pip install 'ptce-kit[xlsx]', or write a CSV file"), code="PTCE-E900") from None
    return openpyxl.Workbook()


def put_xlsx_cell(cell: Any, value: Any) -> None:
    """Put ``value`` in an openpyxl cell: numbers and booleans as such, ``None`` as an empty
    cell, anything else as a string cell, never a formula (formula-looking text gets the
    quote prefix); characters XML cannot hold are left out."""
    if value is None:
        cell.value = None
        return
    if isinstance(value, (bool, int, float)):
        cell.value = value
        return
    text, _ = strip_control(str(value))
    if unguard(text) != text:
        text = "'" + text  # "'=x" itself: so that reading it back with unguard gives it exactly
    cell.value = text
    cell.data_type = "s"  # openpyxl makes any text starting with '=' a formula
    if looks_like_formula(text):
        cell.quotePrefix = True


def fill_sheet(sheet: Any, rows: Iterable[Iterable[Any]]) -> None:
    """Write ``rows`` into an empty ``sheet`` from its first cell, each value through
    :func:`put_xlsx_cell`."""
    for number, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            put_xlsx_cell(sheet.cell(row=number, column=column), value)


def _save_workbook(book: Any, raw: Any) -> str | None:
    """Save ``book`` into ``raw``; the reason it could not be (a full disk…), or ``None``.

    openpyxl writes each sheet to a temporary file first; when that fails (``OSError``, or
    lxml's ``SerialisationError``) the half-written sheet's writer fails once more as it is
    dropped, which Python would print as a traceback: that second failure is silenced.
    """
    import gc
    import sys

    hook = sys.unraisablehook
    try:
        try:
            book.save(raw)
        except Exception as exc:
            if not isinstance(exc, OSError) and type(exc).__name__ != "SerialisationError":
                raise
            sys.unraisablehook = lambda unraisable: None
            reason: str | None = getattr(exc, "strerror", None) or str(exc)
        else:
            return None
        gc.collect()
        return reason
    finally:
        sys.unraisablehook = hook


def xlsx_bytes(book: Any) -> bytes:
    """The workbook as XLSX bytes, the same for the same data: fixed dates in its
    properties and in the archive's entries (:func:`ptce_kit.files.deterministic_zip`)."""
    import datetime as dt
    import io

    from .files import deterministic_zip

    fixed = dt.datetime(2000, 1, 1)
    book.properties.created = book.properties.modified = fixed
    book.properties.creator = "ptce-kit"
    raw = io.BytesIO()
    failure = _save_workbook(book, raw)
    if failure is not None:
        import tempfile

        from .errors import PoleError

        folder = tempfile.gettempdir()
        raise PoleError.single(
            Message("cannot make the spreadsheet: its sheets could not be written to the temporary folder "
                    "{folder} ({failure}); nothing was written", folder=folder, failure=str(failure)), file=folder,
            hint=N_("free some space there (or set TMPDIR to a folder with room) and run the command again"),
            code="PTCE-E403",
        )

    def fixed_dates(name: str, content: bytes) -> bytes:
        if name != "docProps/core.xml":
            return content
        return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)

    return deterministic_zip(raw.getvalue(), date_time=(2000, 1, 1, 0, 0, 0), edit=fixed_dates)


# --- reading a CSV ----------------------------------------------------------------------

def decode_csv(raw: bytes, name: str, *, hint: str | Message = N_("save the sheet as CSV or XLSX")) -> str:
    """Text of a CSV as Excel and others write it: UTF-8 (BOM or not), UTF-16, Windows-1252.

    A binary file (an image, an archive…) raises a ``FileProblemError`` naming ``name``,
    with ``hint`` saying what to give instead.

    Examples
    --------
    >>> decode_csv("Nom;Forme\\r\\nCafé;SCIC\\r\\n".encode("cp1252"), "m.csv").splitlines()[1]
    'Café;SCIC'
    >>> decode_csv("siren,siret".encode("utf-16"), "e.csv")
    'siren,siret'
    """
    encoding = csv_encoding(raw, name, hint=hint, whole=True)
    if encoding == "utf-16":
        return raw.decode("utf-16", errors="replace")
    if encoding == "utf-8-sig":
        return raw[3:].decode("utf-8", errors="replace")
    if encoding == "utf-8":
        return raw.decode("utf-8")
    return raw.decode("cp1252", errors="replace")


def csv_encoding(sample: bytes, name: str, *, hint: str | Message = N_("save the sheet as CSV or XLSX"),
                 whole: bool = False) -> str:
    """The encoding to read a CSV with, from its first bytes (or all of them with ``whole``).

    The one rule for every CSV ptce-kit reads, whole (:func:`decode_csv`) or streamed (the
    SIRENE stock files): a byte-order mark says UTF-16 or UTF-8; otherwise UTF-8 when the
    bytes are UTF-8 (a sample may end in the middle of a character), else Windows-1252,
    what Excel writes in France under "CSV (separator: semicolon)".  A binary file raises
    a ``FileProblemError``.

    Examples
    --------
    >>> csv_encoding("Café".encode("utf-8")[:4], "e.csv"), csv_encoding("Café;Scop".encode("cp1252"), "e.csv")
    ('utf-8', 'cp1252')
    """
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if sample.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if _binary(sample[:4096]):
        raise FileProblemError.single(N_("this is a binary file, not a CSV spreadsheet"), file=name, hint=hint,
                                      code="PTCE-E008")
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if whole or not (exc.start >= len(sample) - 3 and exc.reason == "unexpected end of data"):
            return "cp1252"
    return "utf-8"


def _binary(sample: bytes) -> bool:
    """Whether the start of a file is binary (an image, an archive…): NUL bytes, no valid
    UTF-8 and many control bytes.  A stray NUL or BEL in a text CSV is taken out later,
    with a warning."""
    if b"\x00" not in sample:
        return False
    try:
        sample.decode("utf-8")
        return False
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 3 and exc.reason == "unexpected end of data":
            return False  # valid UTF-8 cut in the middle of a character
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in b"\t\n\r" or byte == 0x7F)
    return controls > len(sample) // 20


def csv_delimiter(header_line: str) -> str:
    """The separator of a CSV: the most frequent of ``;``, ``,`` and tab in its header.

    Examples
    --------
    >>> csv_delimiter("Nom;SIRET;Catégorie, code")
    ';'
    """
    counts = {sep: len(next(csv.reader([header_line], delimiter=sep), [])) for sep in (";", ",", "\t")}
    return max(counts, key=lambda sep: (counts[sep], sep == ";"))
