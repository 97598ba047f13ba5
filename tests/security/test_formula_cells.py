"""The one cell writer (``ptce_kit.cells``) and ``ptce analyse --format csv``, which now uses it.

Properties over any text: a guarded CSV cell never starts with a formula character and
comes back exactly through ``unguard``; an XLSX text cell is never a formula.
"""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ptce_kit.cells import csv_bytes, formula_safe, put_xlsx_cell, spreadsheet_cell, strip_control, unguard

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
formula_text = st.one_of(
    st.text(max_size=20),
    st.builds(lambda head, tail: head + tail, st.sampled_from([*FORMULA_STARTS, "'", "''", "'="]),
              st.text(max_size=10)),
)


@settings(max_examples=300, deadline=None)
@given(formula_text)
def test_a_guarded_cell_is_text_and_comes_back_exactly(text):
    cell = formula_safe(text)
    assert cell[:1] not in FORMULA_STARTS
    assert unguard(cell) == text


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","y")', "+1+1", "-2", "@SUM(A1)", "\t=1", "\r=1"])
def test_every_formula_start_is_guarded_in_csv(text):
    assert spreadsheet_cell(text) == "'" + text
    (row,) = list(csv.reader(io.StringIO(csv_bytes([[text, -2, 0.5]], sep=";").decode("utf-8-sig"), newline=""),
                             delimiter=";"))
    assert row == ["'" + text, "-2", "0,5"]  # numbers keep their sign and take the decimal comma


@settings(max_examples=150, deadline=None)
@given(formula_text)
def test_an_xlsx_text_cell_is_never_a_formula(text):
    openpyxl = pytest.importorskip("openpyxl")
    cell = openpyxl.Workbook().active["A1"]
    put_xlsx_cell(cell, text)
    clean, _ = strip_control(text)
    assert cell.data_type == "s"
    assert unguard(cell.value) == clean
    assert cell.quotePrefix == (cell.value.lstrip("'")[:1] in FORMULA_STARTS and cell.value != "")


def test_control_characters_are_named():
    assert strip_control("a\x00b\x07c\x1b\x0b\x0c\x7f\x85\ufffe\U0001fffe\ud800d") == (
        "abcd", ["U+0000", "U+0007", "U+000B", "U+000C", "U+001B", "U+007F", "U+0085", "U+D800", "U+FFFE",
                 "U+1FFFE"])
    assert strip_control("tab\tnew\nline\r") == ("tab\tnew\nline\r", [])


def _analyse(ptce, pole, sep):
    done = ptce("analyse", pole, "--format", "csv", "--sep", sep)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("\ufeff"), "a BOM, like every CSV for Excel"
    return list(csv.DictReader(io.StringIO(done.stdout[1:], newline=""), delimiter=sep))


def test_analyse_csv_is_like_every_other_csv(ptce, pole_sud_path):
    """BOM, ``--sep ';'`` with decimal commas (LibreOffice in French read one column)."""
    french = _analyse(ptce, pole_sud_path, ";")
    plain = _analyse(ptce, pole_sud_path, ",")
    assert len(french) == len(plain) == 17 and french[0]["id"] == "groupe-archer"
    assert set(french[0]) == set(plain[0]) and len(french[0]) > 10  # one column per measure, not one
    assert french[0]["betweenness"] == plain[0]["betweenness"].replace(".", ",")
    assert "," in french[0]["betweenness"] and "." not in french[0]["betweenness"]
    assert float(plain[0]["betweenness"]) > float(plain[1]["betweenness"])


def test_analyse_csv_pole_has_the_pole_measures(ptce, pole_sud_path):
    rows = {}
    for sep in (";", ","):
        done = ptce("analyse", pole_sud_path, "--format", "csv-pole", "--sep", sep)
        assert done.returncode == 0 and done.stdout.startswith("\ufeff"), done.stderr
        table = list(csv.reader(io.StringIO(done.stdout[1:], newline=""), delimiter=sep))
        assert table[0] == ["measure", "value"] and {len(row) for row in table} == {2}
        rows[sep] = dict(table[1:])
    assert rows[","]["pivot_dependence.pairs_connected_after"] == "14" and rows[","]["main_broker"] == "groupe-archer"
    assert rows[";"]["density"] == rows[","]["density"].replace(".", ",") and "," in rows[";"]["density"]
    assert rows[","]["ties_by_kind.mutualisation"] == "19" and rows[","]["name"] == "Pôle Sud"


def test_analyse_sep_without_csv_is_misuse(ptce, pole_sud_path):
    done = ptce("analyse", pole_sud_path, "--sep", ";")
    assert done.returncode == 2 and "--sep applies to --format csv" in done.stderr and not done.stdout
