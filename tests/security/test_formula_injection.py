"""Formula injection (CSV injection): every CSV and XLSX the command line writes.

A pole whose names, descriptions, college and contacts are formulas goes through every
command that writes a spreadsheet.  In no CSV may a text cell start with a formula
character without the guarding apostrophe; in no XLSX may a cell be a formula (no
``<f>`` in the sheets' XML), and formula-looking text carries the quote prefix.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest

#: What makes Excel or LibreOffice run a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

POLE_NAME = '=HYPERLINK("http://x","pole")'
HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2", "@SUM(A1)", "=1+1", "=cmd|' /C calc'!A0"]

POLE = f"""\
format: ptce/1
id: hostile
name: '=HYPERLINK("http://x","pole")'
actors:
  - id: a1
    name: '{HOSTILE[0].replace("'", "''")}'
    category: ess_enterprise
    description: '=1+1'
    legal_form: '@SUM(A1)'
    contacts:
      - name: '=Coop'
        phone: '+33 6 12 34 56 78'
        email: c@example.org
  - id: a2
    name: '+1+1'
    category: enterprise
    website: https://example.org
  - id: a3
    name: '-2'
    category: local_authority
    commune: '26281'
  - id: a4
    name: '@SUM(A1)'
    category: research_centre
  - id: a5
    name: "\\t=1"
    category: other
    description: "\\r=1"
  - id: a6
    name: '{HOSTILE[5].replace("'", "''")}'
    category: other
partnerships:
  - id: t1
    actors: [a1, a2]
    kind: cooperation
    topic: '=1+1'
    description: '-2+3'
  - id: t2
    actors: [a1, a3]
    kind: mutualisation
  - id: t3
    actors: [a2, a4]
    kind: partnership
  - id: t4
    actors: [a1, a5]
    kind: cooperation
  - id: t5
    actors: [a1, a6]
    kind: cooperation
governance:
  colleges:
    - name: '@SUM(A1)'
      members: [a1, a2]
"""


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, tuple[Path, dict[str, str]]]:
    """Every CSV and XLSX file the CLI can write, for the hostile pole (and the commands
    that failed, with their messages)."""
    from tests.conftest import run_ptce

    tmp = tmp_path_factory.mktemp("hostile")
    pole = tmp / "pole.yaml"
    pole.write_text(POLE, encoding="utf-8")
    files: dict[str, Path] = {}

    failed: dict[str, str] = {}

    def run(*args):
        done = run_ptce(*args)
        if done.returncode != 0:
            failed[" ".join(map(str, args[:4]))] = done.stderr
        return done

    for sep in (",", ";"):
        tag = "semicolon" if sep == ";" else "comma"
        out = tmp / f"build-{tag}"
        run("build", pole, "-o", out, "--formats", "csv", "--sep", sep, "--include-personal-data")
        files[f"build registry ({tag})"] = next(out.rglob("*.csv"))
        run("export", pole, "--to", "csv", "-o", tmp / f"graph-{tag}.csv", "--sep", sep)
        files[f"export csv nodes ({tag})"] = tmp / f"graph-{tag}.nodes.csv"
        files[f"export csv edges ({tag})"] = tmp / f"graph-{tag}.edges.csv"
        run("export", pole, "--to", "members-csv", "-o", tmp / f"members-{tag}.csv", "--sep", sep,
            "--include-personal-data")
        files[f"members-csv ({tag})"] = tmp / f"members-{tag}.csv"
        run("compare", pole, "examples/pole_sud/pole.yaml", "-o", tmp / f"compare-{tag}.csv", "--sep", sep)
        files[f"compare csv ({tag})"] = tmp / f"compare-{tag}.csv"
        done = run("analyse", pole, "--format", "csv", "--sep", sep)
        files[f"analyse csv ({tag})"] = tmp / f"analyse-{tag}.csv"
        files[f"analyse csv ({tag})"].write_text(done.stdout, encoding="utf-8")
        done = run("analyse", pole, "--format", "csv-pole", "--sep", sep)
        files[f"analyse csv-pole ({tag})"] = tmp / f"analyse-pole-{tag}.csv"
        files[f"analyse csv-pole ({tag})"].write_text(done.stdout, encoding="utf-8")
    run("export", pole, "--to", "members-xlsx", "-o", tmp / "members.xlsx", "--include-personal-data")
    files["members-xlsx"] = tmp / "members.xlsx"
    run("compare", pole, "examples/pole_sud/pole.yaml", "-o", tmp / "compare.xlsx")
    files["compare xlsx"] = tmp / "compare.xlsx"
    return {name: (path, failed) for name, path in files.items()}


@pytest.fixture(scope="module")
def outputs(written) -> dict[str, Path]:
    """The files by name; a test of a file its command did not write fails with the reason."""

    class Files(dict):
        def __getitem__(self, name: str) -> Path:
            path, failed = written[name]
            assert path.exists() and path.stat().st_size, (name, failed)
            return path

    return Files()


def _number(cell: str) -> bool:
    return re.fullmatch(r"[+-]?\d+([.,]\d+)?([eE][+-]?\d+)?|[+-]?inf|nan", cell) is not None


CSV_OUTPUTS = [f"{name} ({tag})" for name in ("build registry", "export csv nodes", "export csv edges",
                                              "members-csv", "compare csv", "analyse csv",
                                              "analyse csv-pole")
               for tag in ("comma", "semicolon")]


@pytest.mark.parametrize("name", CSV_OUTPUTS)
def test_no_csv_cell_is_a_formula(outputs, name):
    raw = outputs[name].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "every CSV starts with a BOM, for Excel"
    sep = ";" if "semicolon" in name else ","
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=sep))
    assert len(table) > 1 and len({len(row) for row in table}) == 1, "one column per field"
    cells = [cell for row in table for cell in row]
    for cell in cells:
        if cell[:1] in FORMULA_STARTS:
            assert _number(cell), f"{name}: the cell {cell!r} would run as a formula"
    # The hostile text is there, guarded, not dropped.
    assert {"'" + text for text in (*HOSTILE, POLE_NAME)} & set(cells), name


def _cells(path: Path, sep: str) -> set[str]:
    text = path.read_text(encoding="utf-8-sig")
    return {cell for row in csv.reader(io.StringIO(text, newline=""), delimiter=sep) for cell in row}


def test_names_are_guarded_where_they_are_written(outputs):
    members = _cells(outputs["members-csv (semicolon)"], ";")
    for text in (*HOSTILE, "=Coop", "+33 6 12 34 56 78", "=1"):
        assert f"'{text}" in members, text
    assert {"'-2", "'+1+1", "'@SUM(A1)"} <= _cells(outputs["export csv nodes (comma)"], ",")
    assert {"'=1+1"} <= _cells(outputs["export csv edges (semicolon)"], ";")
    assert {"'@SUM(A1)", "'-2", "'" + HOSTILE[0]} <= _cells(outputs["analyse csv (semicolon)"], ";")
    assert {"'-2", "'+1+1", "'=1"} <= _cells(outputs["build registry (comma)"], ",")
    for name in ("compare csv (semicolon)", "analyse csv-pole (comma)"):
        assert "'" + POLE_NAME in _cells(outputs[name], ";" if "semicolon" in name else ","), name


@pytest.mark.parametrize("name", ["members-xlsx", "compare xlsx"])
def test_no_xlsx_cell_is_a_formula(outputs, name):
    openpyxl = pytest.importorskip("openpyxl")
    path = outputs[name]
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets
        for sheet in sheets:
            xml = archive.read(sheet).decode("utf-8")
            assert not re.search(r"<f[ >/]", xml), f"{name}: {sheet} holds a formula"
    book = openpyxl.load_workbook(path)
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (name, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                    if cell.value[:1] in FORMULA_STARTS:
                        assert cell.quotePrefix, f"{name}: {cell.coordinate} {cell.value!r} lacks the quote prefix"
    # The text is kept exactly (the quote prefix is a style, not a character).
    if name == "members-xlsx":
        assert set(HOSTILE) | {"=Coop", "+33 6 12 34 56 78", "=1"} <= set(texts)
    else:
        assert POLE_NAME in texts


def test_xlsx_reads_back_as_text_in_read_only_mode(outputs):
    """What ``ptce import`` sees: the names themselves, not formulas' (missing) results."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(outputs["members-xlsx"], read_only=True, data_only=True)
    names = [row[1] for row in book["Membres"].iter_rows(min_row=2, values_only=True)]
    book.close()
    assert names == [HOSTILE[0], "+1+1", "-2", "@SUM(A1)", "=1", HOSTILE[5]]
