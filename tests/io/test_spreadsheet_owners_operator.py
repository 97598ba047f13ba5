"""The members' spreadsheet holds a subsidiary's owners with their shares (Propriétaires /
Owners) and a venue's operator with its contract (Exploitant / Operator): written by
``ptce export --to members-csv|members-xlsx`` and read back by ``ptce import``."""

from __future__ import annotations

from pathlib import Path

import pytest

from ptce_kit.io import load_pole
from ptce_kit.io.spreadsheet import COLUMNS, blank_model, import_members, read_rows

HEAD = """format: ptce/1
id: demo
name: Démo
language: {lang}
"""
ACTORS = """actors:
  - id: scic
    name: SCIC des Coteaux
    category: ess_enterprise
  - id: menuiserie
    name: Menuiserie
    category: enterprise
  - id: filiale
    name: Ateliers partagés
    category: enterprise
    owners:
      - {actor: scic, share: 60}
      - {actor: menuiserie, share: 40}
  - id: commune
    name: Commune
    category: local_authority
  - id: asso
    name: Vivre la Halle
    category: ess_enterprise
  - id: halle
    name: La Halle
    category: other
    owners:
      - {actor: commune, share: 12.5}
      - {actor: scic}
    operator:
      actor: asso
      contract: public-service
      since: "2016-06"
      until: "2028-05"
      duration: 12 ans
      provenance: La convention de 2016.
  - id: salle
    name: Salle des fêtes
    category: other
    operator: {actor: asso, contract: lease}
"""


def write(path: Path, lang: str, actors: bool = True) -> Path:
    path.write_text(HEAD.format(lang=lang) + (ACTORS if actors else "actors: []\n"), encoding="utf-8")
    return path


def test_the_columns_have_french_and_english_headers():
    by_key = {c.key: c for c in COLUMNS}
    assert (by_key["owners"].fr, by_key["owners"].en) == ("Propriétaires", "Owners")
    assert (by_key["operator"].fr, by_key["operator"].en) == ("Exploitant", "Operator")
    assert "Propriétaires;Exploitant" in blank_model("fr") and "Owners;Operator" in blank_model("en")


@pytest.mark.parametrize(("lang", "fmt", "name"), [("fr", "members-csv", "m.csv"), ("en", "members-csv", "m.csv"),
                                                   ("fr", "members-xlsx", "m.xlsx")])
def test_owners_and_operator_make_the_round_trip(ptce, tmp_path, lang, fmt, name):
    if fmt == "members-xlsx":
        pytest.importorskip("openpyxl")
    source = write(tmp_path / "pole.yaml", lang)
    sheet = tmp_path / name
    done = ptce("export", source, "--to", fmt, "-o", sheet)
    assert done.returncode == 0, done.stderr
    headers, rows, warnings = read_rows(sheet)
    assert warnings == [] and {"owners", "operator"} <= set(headers)
    cells = {values["id"]: values for _, values in rows}
    assert cells["filiale"]["owners"] == "scic: 60, menuiserie: 40"
    assert cells["halle"]["owners"] == "commune: 12.5, scic"
    assert cells["halle"]["operator"] == "asso: public-service 2016-06/2028-05 12 ans"
    assert cells["salle"]["operator"] == "asso: lease"
    empty = write(tmp_path / "empty.yaml", lang, actors=False)
    done = ptce("import", sheet, "--into", empty)
    assert done.returncode == 0, done.stderr
    assert "7 added, 0 updated, 0 unchanged, 0 rejected" in done.stderr
    back, original = load_pole(empty).actors, load_pole(source).actors
    assert [a.owners for a in back] == [a.owners for a in original]
    # What the cell cannot hold (the provenance) is the only difference.
    assert [a.operator.model_copy(update={"provenance": None}) if a.operator else None for a in back] == [
        a.operator.model_copy(update={"provenance": None}) if a.operator else None for a in original]
    # Into the pole it came from: nothing changes, byte for byte (the provenance stays).
    before = source.read_bytes()
    done = ptce("import", sheet, "--into", source)
    assert done.returncode == 0 and "0 added, 0 updated, 7 unchanged, 0 rejected" in done.stderr
    assert source.read_bytes() == before


def test_cells_as_people_write_them(tmp_path):
    pole = write(tmp_path / "pole.yaml", "fr")
    sheet = tmp_path / "m.csv"
    sheet.write_text("Identifiant;Propriétaires;Exploitant\r\n"
                     "filiale;\"scic: 55 %; menuiserie: 45 %\";\r\n"
                     "salle;\"commune: 33,5, scic\";asso: délégation de service public 2020/ 6 ans\r\n"
                     "halle;;asso: convention\r\n", encoding="utf-8")
    result = import_members(sheet, pole)
    assert result.rejected == []
    actors = {a.id: a for a in load_pole(pole).actors}
    assert [(o.actor, o.share) for o in actors["filiale"].owners] == [("scic", 55), ("menuiserie", 45)]
    assert [(o.actor, o.share) for o in actors["salle"].owners] == [("commune", 33.5), ("scic", None)]
    salle = actors["salle"].operator
    assert (salle.actor, salle.contract, salle.since, salle.until, salle.duration) == (
        "asso", "public-service", "2020", None, "6 ans")
    # The same operator: its provenance stays; the new contract replaces the old one.
    halle = actors["halle"].operator
    assert (halle.contract, halle.provenance, halle.since) == ("agreement", "La convention de 2016.", None)


def test_bad_cells_are_rejected_with_their_column(tmp_path):
    pole = write(tmp_path / "pole.yaml", "fr")
    before = pole.read_bytes()
    sheet = tmp_path / "m.csv"
    sheet.write_text("Identifiant;Propriétaires;Exploitant\r\n"
                     "filiale;scic: soixante;\r\n"
                     "salle;;asso: prêt à usage\r\n"
                     "halle;;asso\r\n"
                     "commune;inconnu: 10;\r\n", encoding="utf-8")
    reasons = dict(import_members(sheet, pole).rejected)
    assert sorted(reasons) == [2, 3, 4, 5]
    assert str(reasons[2]).startswith("Propriétaires: ") and "commune-die: 100" in str(reasons[2])
    assert str(reasons[3]).startswith("Exploitant: ") and "public-service" in str(reasons[3])
    assert str(reasons[4]).startswith("Exploitant: ")
    assert "inconnu" in str(reasons[5])
    assert pole.read_bytes() == before


def test_the_example_exports_its_owners_and_operator():
    from ptce_kit.io.spreadsheet import member_rows

    pole = load_pole(Path(__file__).resolve().parents[2] / "examples" / "coteaux_fictif" / "pole.yaml")
    header, *rows = member_rows(pole)
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert by_id["ateliers-partages"]["Propriétaires"] == "scic-coteaux: 60, menuiserie-vercors: 40"
    assert by_id["halle-des-coteaux"]["Exploitant"] == "asso-halle: public-service 2016-06/ 12 years"
