"""A share prints as a percentage in the reader's language: « 52,9 % », "52.9%" (issue 21).

Pôle Sud's ESS share is 9 of 17 actors.  The CSV and XLSX keep the share itself (programs
read them); the tables people read (Markdown, HTML, the terminal) show a percentage.
"""

from __future__ import annotations

import csv
import html
import re

import pytest

from ptce_kit.comparison import SHARE_COLUMNS, _cell, compare, write_table
from ptce_kit.i18n import use_language

AT = "2030"
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def rows(pole_sud):
    return compare([pole_sud], criteria_at=AT)


def _line(text: str, label: str) -> str:
    return next(line for line in text.splitlines() if label in line)


@pytest.mark.parametrize(("lang", "label", "shown"), [("fr", "part de l'ESS", f"52,9{NBSP}%"),
                                                      ("en", "ESS share", "52.9%")])
def test_the_ess_share_is_a_percentage_in_markdown_and_html(rows, tmp_path, lang, label, shown):
    with use_language(lang):
        md = write_table(rows, tmp_path / "t.md").read_text(encoding="utf-8")
        page = html.unescape(write_table(rows, tmp_path / "t.html").read_text(encoding="utf-8"))
    for text in (md, page):
        line = _line(text, label)
        assert shown in line, line
        assert "0,529" not in line and "0.529" not in line


def test_every_share_column_is_a_percentage_and_other_numbers_are_not(rows, tmp_path):
    with use_language("fr"):
        md = write_table(rows, tmp_path / "t.md").read_text(encoding="utf-8")
        for column in SHARE_COLUMNS:
            assert _cell(0.25, column) == f"25{NBSP}%", column
        assert _cell(0.25, "density") == "0,25" and _cell(0.25, "degree_centralization") == "0,25"
    # Pôle Sud: 15 of 32 ties join two families; without the pivot, 88.3 % of the pairs lose each other
    assert f"46,9{NBSP}%" in _line(md, "liens entre familles")
    assert f"88,3{NBSP}%" in _line(md, "dépendance à la structure porteuse")
    assert f"{NBSP}%" not in _line(md, "| densité")


def test_the_csv_keeps_the_share_itself(rows, tmp_path):
    out = write_table(rows, tmp_path / "t.csv", sep=",")
    with open(out, encoding="utf-8-sig", newline="") as f:
        (row,) = list(csv.DictReader(f))
    assert float(row["ess_share"]) == pytest.approx(9 / 17) and "%" not in row["ess_share"]


def test_the_terminal_table_shows_percentages(rows, monkeypatch):
    import io

    from rich.console import Console

    import ptce_kit.cli.compare as compare_cli

    for lang, shown in (("fr", f"52,9{NBSP}%"), ("en", "52.9%")):
        buffer = io.StringIO()
        console = Console(file=buffer, width=200)
        monkeypatch.setattr(compare_cli, "out", lambda: console)
        with use_language(lang):
            compare_cli._print_rows(rows)
        assert shown in buffer.getvalue(), buffer.getvalue()
        assert "0,529" not in buffer.getvalue() and "0.529" not in buffer.getvalue()
