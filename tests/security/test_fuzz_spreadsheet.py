"""Fuzzing the members' spreadsheet importer (``ptce import``'s reader).

Random and hostile CSV text (separators, quotes, encodings, huge cells, control
characters, formulas) and small random XLSX files, whole or damaged: the reader either
returns rows or raises ``PoleError``, never another exception, never hangs, and the
cells it returns hold no control characters.  The whole file runs in well under 30 s.
"""

from __future__ import annotations

import contextlib
import io
import re
import signal
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ptce_kit.errors import PoleError
from ptce_kit.io.spreadsheet import read_rows

#: Seconds one file may take; a hang (exponential regex, entity bomb…) fails the test.
HANG_GUARD = 10
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
HEADERS = ["Nom", "Name", "SIRET", "Catégorie", "Commune", "Date d'adhésion", "Collège", "E-mail",
           "Téléphone", "Identifiant", "Description", "x", "", "N\x07om", "=Nom"]
HOSTILE_CELLS = ['=HYPERLINK("http://x","y")', "+1+1", "-2", "@SUM(A1)", "\t=1", "\r=1", "'=1", '"', '""',
                 "a\x00b", "\x07\x1b\x0b\x0c", "\ufffe", "é", "\u2028", "\x85", ";", ",", "\t", "\r\n", "\n"]
FUZZ = settings(deadline=None, max_examples=120, suppress_health_check=[HealthCheck.too_slow,
                                                                        HealthCheck.function_scoped_fixture])


@contextlib.contextmanager
def no_hang(seconds: int = HANG_GUARD):
    def alarm(signum, frame):
        raise AssertionError(f"the importer took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def read_or_refuse(path: Path) -> None:
    """The property: rows, or a PoleError with its problems; clean cells either way."""
    with no_hang():
        try:
            headers, rows, warnings = read_rows(path)
        except PoleError as error:
            assert error.problems and error.summary
            return
    assert all(isinstance(w, str) for w in warnings)
    assert set(headers) and all(isinstance(k, str) and isinstance(v, str) for k, v in headers.items())
    for number, values in rows:
        assert isinstance(number, int) and number >= 2
        for key, cell in values.items():
            assert key in headers and isinstance(cell, str) and cell
            assert not CONTROL.search(cell), (number, key, cell)


cell_text = st.one_of(st.text(max_size=12), st.sampled_from(HOSTILE_CELLS),
                      # Huge cells, some past csv.field_size_limit.
                      st.builds(lambda c, n: c * n, st.sampled_from("x;\"'\x00é"), st.integers(1000, 150_000)))


def quoted(cell: str, sep: str, style: str) -> str:
    if style == "raw":
        return cell
    if style == "quoted":
        return '"' + cell.replace('"', '""') + '"'
    return '"' + cell  # an unclosed quote


@FUZZ
@given(header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6),
       rows=st.lists(st.lists(st.tuples(cell_text, st.sampled_from(["raw", "raw", "quoted", "open"])),
                              max_size=7), max_size=5),
       sep=st.sampled_from([";", ",", "\t", "|"]), newline=st.sampled_from(["\r\n", "\n", "\r"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-le", "latin-1"]),
       title=st.booleans())
def test_hostile_csv_text(tmp_path_factory, header, rows, sep, newline, encoding, title):
    lines = (["Membres du pôle;;"] if title else []) + [sep.join(header)]
    lines += [sep.join(quoted(cell, sep, style) for cell, style in row) for row in rows]
    path = tmp_path_factory.mktemp("csv") / "m.csv"
    path.write_bytes(newline.join(lines).encode(encoding, errors="replace"))
    read_or_refuse(path)


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"Nom;SIRET\n"]))
def test_random_bytes(tmp_path_factory, data, prefix):
    path = tmp_path_factory.mktemp("bytes") / "m.csv"
    path.write_bytes(prefix + data)
    read_or_refuse(path)


def _xlsx(values: list[list[object]], sheet_name: str) -> bytes:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = sheet_name
    for row in values:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


xlsx_cell = st.one_of(
    st.none(), st.integers(-10**15, 10**15), st.floats(allow_nan=False, allow_infinity=False),
    st.dates(), st.booleans(),
    # Text openpyxl can store (no XML-illegal characters); '=' makes a real formula cell.
    st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=15),
    st.sampled_from(['=HYPERLINK("http://x","y")', "=1/0", "+1+1", "@SUM(A1)", "'=1", "_x0007_", "_x0000_"]),
)


@settings(deadline=None, max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(header=st.lists(st.sampled_from(HEADERS[:12]), min_size=1, max_size=5),
       rows=st.lists(st.lists(xlsx_cell, max_size=6), max_size=4),
       sheet_name=st.sampled_from(["Membres", "members", "Feuil1"]),
       damage=st.one_of(st.none(), st.tuples(st.integers(0, 10**6), st.integers(1, 255)), st.integers(1, 4000)))
def test_small_random_xlsx(tmp_path_factory, header, rows, sheet_name, damage):
    data = bytearray(_xlsx([header, *rows], sheet_name))
    if isinstance(damage, tuple):  # one byte changed somewhere in the archive
        data[damage[0] % len(data)] ^= damage[1]
    elif isinstance(damage, int):  # cut short
        del data[damage % len(data):]
    path = tmp_path_factory.mktemp("xlsx") / "m.xlsx"
    path.write_bytes(bytes(data))
    read_or_refuse(path)


def _with_entry(name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(_xlsx([["Nom"], ["A"]], "Membres")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, content if info.filename == name else source.read(info.filename))
    return out.getvalue()


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                     for i in range(1, 10))
          + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
          b'<row r="1"><c r="A1" t="inlineStr"><is><t>Nom</t></is></c></row>'
          b'<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')


@pytest.mark.parametrize(("entry", "content"), [
    ("xl/worksheets/sheet1.xml", LAUGHS),  # an entity bomb
    ("xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row><c>"),  # cut short
    ("xl/worksheets/sheet1.xml", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                                 b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                 b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row>'
                                 b'</sheetData></worksheet>'),  # an external entity
    ("xl/workbook.xml", b"not xml at all"),
    ("[Content_Types].xml", b""),
])
def test_hostile_xlsx_parts(tmp_path, entry, content):
    path = tmp_path / "m.xlsx"
    path.write_bytes(_with_entry(entry, content))
    read_or_refuse(path)
    with contextlib.suppress(PoleError):
        _, rows, _ = read_rows(path)
        assert "root:" not in repr(rows)  # no file of this machine read into the cells
