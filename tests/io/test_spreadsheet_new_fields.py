"""The members' spreadsheet holds the actor's own life, structure and identifiers (issue 16):
written by ``ptce export --to members-csv|members-xlsx`` and read back by ``ptce import``."""

from __future__ import annotations

from pathlib import Path

import pytest

from ptce_kit.io import load_pole
from ptce_kit.io.spreadsheet import COLUMNS, import_members, read_rows
from ptce_kit.model import Pole

NEW = ("acronym", "legal_person", "created", "ceased", "ceased_how", "successor", "part_of", "collective",
       "naf", "naf_2025", "rna", "headcount_band", "employer", "mission_company", "presences")

HEAD = """format: ptce/1
id: demo
name: Démo
language: {lang}
sites:
  - {{id: gare, name: Ancienne gare, since: "2010", until: "2016-06"}}
  - {{id: halle, name: Halle, since: "2016-06"}}
"""
ACTORS = """actors:
  - id: scic
    name: SCIC des Coteaux
    category: ess_enterprise
    acronym: SCIC-C
    legal_person: true
    created: "2016-06"
    naf: 88.99B
    naf_2025: 88.99Y
    headcount_band: "03"
    employer: true
    mission_company: false
    presences:
      - {site: gare, presence: office_hours, since: "2012", until: "2016-06"}
      - {site: halle, presence: resident, since: "2016-06"}
  - id: labo
    name: Laboratoire des usages
    category: research_centre
    part_of: scic
    legal_person: false
  - id: asso
    name: Bois Énergie
    category: ess_enterprise
    rna: W261000123
    created: "2009"
    ceased: "2017-03"
    ceased_how: merged
    successor: coop
  - id: coop
    name: Coopérative bois
    category: ess_enterprise
    created: "2017-03"
  - id: benevoles
    name: Bénévoles et chercheurs
    category: other
    collective: {count: 25, of: bénévoles et chercheurs}
  - id: eleveurs
    name: Les éleveurs
    category: other
    collective: {}
"""


def write(path: Path, lang: str, actors: bool = True) -> Path:
    path.write_text(HEAD.format(lang=lang) + (ACTORS if actors else "actors: []\n"), encoding="utf-8")
    return path


@pytest.mark.parametrize(("lang", "fmt", "name"), [("fr", "members-csv", "m.csv"), ("en", "members-csv", "m.csv"),
                                                   ("fr", "members-xlsx", "m.xlsx")])
def test_write_then_read_gives_the_same_actors(ptce, tmp_path, lang, fmt, name):
    if fmt == "members-xlsx":
        pytest.importorskip("openpyxl")
    source = write(tmp_path / "pole.yaml", lang)
    sheet = tmp_path / name
    done = ptce("export", source, "--to", fmt, "-o", sheet)
    assert done.returncode == 0, done.stderr
    headers, _, warnings = read_rows(sheet)
    assert warnings == [] and set(NEW) <= set(headers)
    assert {headers[k] for k in NEW} == {getattr(c, lang) for c in COLUMNS if c.key in NEW}
    empty = write(tmp_path / "empty.yaml", lang, actors=False)
    done = ptce("import", sheet, "--into", empty)
    assert done.returncode == 0, done.stderr
    assert "6 added, 0 updated, 0 unchanged, 0 rejected" in done.stderr
    assert load_pole(empty).actors == load_pole(source).actors
    # Into the pole it came from: nothing changes, byte for byte.
    before = source.read_bytes()
    done = ptce("import", sheet, "--into", source)
    assert done.returncode == 0 and "0 added, 0 updated, 6 unchanged, 0 rejected" in done.stderr
    assert source.read_bytes() == before


def test_cells_as_people_write_them(tmp_path):
    pole = write(tmp_path / "pole.yaml", "fr", actors=False)
    sheet = tmp_path / "m.csv"
    sheet.write_text("Nom;Catégorie;Code APE;Tranche d'effectif;Date de création;Date de cessation;"
                     "Mode de cessation;Acteur collectif;Présences par site;Société à mission\r\n"
                     "Atelier;entreprise;8899B;3;mars 2014;2020;fusionnée;;halle: résident 2016-06/;oui\r\n"
                     "Éleveurs;autre;;;;;;12 éleveurs;;\r\n", encoding="utf-8")
    result = import_members(sheet, pole)
    assert result.rejected == []
    atelier, eleveurs = load_pole(pole).actors
    assert (atelier.naf, atelier.headcount_band, atelier.created, atelier.ceased, atelier.ceased_how) == (
        "88.99B", "03", "2014-03", "2020", "merged")
    assert atelier.mission_company is True
    assert [(p.site, p.presence.value, p.since, p.until) for p in atelier.presences] == [
        ("halle", "resident", "2016-06", None)]
    assert (eleveurs.collective.count, eleveurs.collective.of) == (12, "éleveurs")


def test_bad_cells_are_rejected_with_their_column(tmp_path):
    pole = write(tmp_path / "pole.yaml", "fr", actors=False)
    sheet = tmp_path / "m.csv"
    sheet.write_text("Nom;Catégorie;Code NAF;Présences par site;Employeur\r\n"
                     "A;entreprise;88-99;;\r\n"
                     "B;entreprise;;halle résident;\r\n"
                     "C;entreprise;;;peut-être\r\n", encoding="utf-8")
    result = import_members(sheet, pole)
    reasons = dict(result.rejected)
    assert sorted(reasons) == [2, 3, 4]
    assert str(reasons[2]).startswith("Code NAF: ") and "88.99B" in str(reasons[2])
    assert str(reasons[3]).startswith("Présences par site: ") and "halle: resident 2016-06/" in str(reasons[3])
    assert str(reasons[4]).startswith("Employeur: ") and "oui or non" in str(reasons[4])
    assert load_pole(pole).actors == []


def test_the_example_exports_its_new_fields(coteaux_members):
    text = coteaux_members
    assert "Fusion" not in text  # a code (merged), the words of the vocabulary's fields only
    assert "entreprise de l’ESS" in text and "ess_enterprise" not in text
    assert "merged" in text and "coop-bois" in text and "25 " in text


@pytest.fixture(scope="module")
def coteaux_members(tmp_path_factory):
    from ptce_kit.io.spreadsheet import export_members_csv

    pole = load_pole(Path(__file__).resolve().parents[2] / "examples" / "coteaux_fictif" / "pole.yaml")
    assert isinstance(pole, Pole)
    out = export_members_csv(pole, tmp_path_factory.mktemp("m") / "m.csv")
    return out.read_text(encoding="utf-8-sig")
