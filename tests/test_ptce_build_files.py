"""``ptce build`` writes files that open well: a French pole's CSV in French Excel's columns,
an English pole's in English ones, both UTF-8 with a BOM."""

from __future__ import annotations

import csv
import io

import pytest

POLE = """\
id: p
name: Pôle Test
language: {lang}
actors:
  - id: coop
    name: "Coop; Bois & Fils"
    category: ess_enterprise
    joined: "2019-03"
  - id: mairie
    name: Mairie de Die
    category: local_authority
"""


def _rows(data: bytes, sep: str) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=sep))


@pytest.mark.parametrize(("lang", "name", "sep"), [("fr", "registre.csv", ";"), ("en", "registry.csv", ",")])
def test_the_registry_csv_takes_the_separator_of_the_poles_language(ptce, tmp_path, lang, name, sep):
    pole = tmp_path / "pole.yaml"
    pole.write_text(POLE.format(lang=lang), encoding="utf-8")
    result = ptce("build", pole, "-o", tmp_path / "out", "--formats", "csv")
    assert result.returncode == 0, result.stderr
    rows = _rows((tmp_path / "out" / name).read_bytes(), sep)
    # Read with the separator of the language's spreadsheets, every row has every column.
    assert len({len(row) for row in rows}) == 1 and len(rows[0]) >= 15
    assert [row[:2] for row in rows[1:]] == [["coop", "Coop; Bois & Fils"], ["mairie", "Mairie de Die"]]
    assert rows[0][0] == "Id" if lang == "en" else rows[0][1] == "Nom"


def test_sep_still_chooses_the_separator(ptce, tmp_path):
    pole = tmp_path / "pole.yaml"
    pole.write_text(POLE.format(lang="fr"), encoding="utf-8")
    result = ptce("build", pole, "-o", tmp_path / "out", "--formats", "csv", "--sep", ",")
    assert result.returncode == 0, result.stderr
    rows = _rows((tmp_path / "out" / "registre.csv").read_bytes(), ",")
    assert rows[1][:2] == ["coop", "Coop; Bois & Fils"] and len(rows[1]) == len(rows[0])


def test_the_documents_language_decides_not_the_files(ptce, tmp_path):
    # A French pole built in English: an English spreadsheet's commas.
    pole = tmp_path / "pole.yaml"
    pole.write_text(POLE.format(lang="fr"), encoding="utf-8")
    result = ptce("build", pole, "-o", tmp_path / "out", "--formats", "csv", "--lang", "en")
    assert result.returncode == 0, result.stderr
    header = (tmp_path / "out" / "registry.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("Id,Name,Category,")


def test_french_csv_numbers_take_the_decimal_comma():
    from ptce_kit.cells import csv_bytes, csv_separator

    data = csv_bytes([["Nom", "Part"], ["Coop", 0.25]], sep=csv_separator("fr"))
    assert data == "\ufeffNom;Part\r\nCoop;0,25\r\n".encode("utf-8")
