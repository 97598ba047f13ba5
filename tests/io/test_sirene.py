"""Import of actors from a SIRENE extract, and the shipped table of catégories juridiques."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

from ptce_kit.errors import PoleError
from ptce_kit.io import load_pole
from ptce_kit.io.sirene import category_for, import_sirene, legal_forms, read_sirene

DATA = Path(__file__).resolve().parents[1] / "data" / "sirene"
EXTRACT = DATA / "extract.csv"
HEADER = ("siren,siret,denominationUniteLegale,categorieJuridiqueUniteLegale,"
          "activitePrincipaleUniteLegale,economieSocialeSolidaireUniteLegale,codeCommuneEtablissement\n")


@pytest.fixture
def pole_file(tmp_path):
    target = tmp_path / "pole.yaml"
    shutil.copy(DATA / "fictional_pole.yaml", target)
    return target


def test_the_table_is_insee_s_level_iii_list_with_its_vintage():
    forms = legal_forms()
    assert all(len(code) == 4 and code.isdigit() for code in forms)
    assert all(form.label and form.label == form.label.strip() for form in forms.values())
    assert len(forms) == 260
    # Codes the partial table lacked, and codes that are not in INSEE's list.
    assert {"6100", "5310", "9224", "8310", "8311", "9970", "0000", "2800"} <= set(forms)
    assert "5498" not in forms and "5720" not in forms
    assert forms["5458"].label == "SARL coopérative de production (SCOP)"
    assert forms["5558"].label.startswith("SA coopérative de production (SCOP)")
    assert forms["5658"].label == "SA coopérative de production (SCOP) à directoire"
    assert forms["5485"].label == "Société d'exercice libéral à responsabilité limitée"
    assert forms["9240"].label == "Congrégation"
    assert forms["7383"].label.startswith("Établissement public national à caractère scientifique")
    assert {c for c, f in forms.items() if f.ess_form} >= {"5458", "9220", "9221", "9222", "9223", "9230", "9300", "8210"}
    assert not forms["9210"].ess_form and forms["9210"].legal_person is False  # not declared: no legal person
    text = (Path(__file__).resolve().parents[2] / "ptce_kit" / "reference" / "categories_juridiques.csv").read_text("utf-8")
    assert "cj_septembre_2022" in text.splitlines()[1] and "insee.fr" in text


def test_every_form_the_table_makes_ess_is_one_the_law_makes_ess():
    """Loi n° 2014-856, art. 1, II, 1°: cooperatives, mutuals (and mutual insurance), foundations, associations."""
    law = re.compile(r"coopérati|mutuel|mutualiste|\bassociation\b|fondation|\bCUMA\b", re.IGNORECASE)
    for form in legal_forms().values():
        if form.ess_form:
            # 9223: code du travail, L1253-2 — a groupement d'employeurs is an association or a cooperative.
            assert law.search(form.label) or form.code == "9223", form
        if "coopérative" in form.label.lower():
            assert form.ess_form, form  # no cooperative is missed


def test_the_test_extract_passes_the_checksums():
    with EXTRACT.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for row in rows:
        assert stdnum_siren.is_valid(row["siren"]) and stdnum_siret.is_valid(row["siret"])
        assert row["siret"].startswith(row["siren"])


def test_read_fills_legal_form_and_ess_from_the_codes():
    read = read_sirene(EXTRACT)
    records = {r.siren: r for r in read}
    epsilon = records["000000026"]
    assert (epsilon.name, epsilon.legal_form_code, epsilon.ess, epsilon.category.value, epsilon.commune, epsilon.line) == (
        "ASSOCIATION EPSILON", "9220", True, "ess_enterprise", "26057", 3)
    # A sole trader is a natural person: left out and counted, with its line.
    assert "000000042" not in records and read.sole_traders == 1
    assert read.skipped == ["extract.csv line 5: a sole trader (entrepreneur individuel, a natural person): personal data"]
    assert records["000000034"].category.value == "local_authority"
    assert records["000000059"].ess is True  # a SAS flagged ESS by INSEE (e.g. a SCIC)


@pytest.mark.parametrize(("code", "category"), [
    ("7210", "local_authority"), ("7346", "local_authority"), ("7348", "local_authority"),
    ("7383", "higher_education"), ("7361", "public_body"), ("4140", "public_body"), ("8410", "other"),
])
def test_category_from_the_code(code, category):
    assert category_for(code, None).value == category


def test_import_adds_and_completes_keeping_comments(pole_file):
    report = import_sirene(EXTRACT, pole_file)
    # The sole trader (line 5) is a natural person and the closed unit (line 7) has no closing date: left out.
    assert report.added == ["association-epsilon", "scic-zeta"]
    assert report.sole_traders == 1 and "DOMINIQUE" not in pole_file.read_text(encoding="utf-8")
    assert report.completed == {"commune-gamma": ["ess", "legal_form", "legal_form_code", "siren", "siret", "commune", "naf"],
                                "scop-alpha": ["naf"]}
    assert report.by_name == ["commune-gamma"]
    assert report.unknown_codes == []
    assert report.closed == ["line 7: ETA SELCA is closed in SIRENE and its closing date is not in the extract: "
                             "not imported"]
    assert any("scop-alpha: legal_form is 'SARL SCOP'" in c for c in report.conflicts)
    text = pole_file.read_text(encoding="utf-8")
    assert text.startswith("# A FICTIONAL pole for tests only")
    assert "- id: scop-alpha  # the pivot" in text
    pole = load_pole(pole_file)
    epsilon = pole.actor("association-epsilon")
    assert (epsilon.legal_form, epsilon.ess, epsilon.siret, epsilon.status.value) == (
        "Association déclarée", True, "00000002600013", "member")
    assert "activitePrincipaleUniteLegale 88.99B" in epsilon.provenance
    alpha = pole.actor("scop-alpha")
    assert alpha.legal_form == "SARL SCOP"  # never overwritten
    gamma = pole.actor("commune-gamma")
    assert (gamma.siren, gamma.legal_form_code, gamma.status.value) == ("000000034", "7210", "partner")
    # Importing again changes nothing.
    before = pole_file.read_bytes()
    again = import_sirene(EXTRACT, pole_file)
    assert again.added == [] and again.completed == {}
    assert pole_file.read_bytes() == before


def test_dry_run_through_the_cli_writes_nothing(ptce, pole_file):
    before = pole_file.read_bytes()
    result = ptce("import-sirene", EXTRACT, "--into", pole_file, "--dry-run", "--status", "prospective")
    assert result.returncode == 0, result.stderr
    assert "+  - id: scic-zeta" in result.stdout and "+    status: prospective" in result.stdout
    assert "dry run: nothing written" in result.stderr
    assert pole_file.read_bytes() == before
    result = ptce("import-sirene", EXTRACT, "--into", pole_file.parent)
    assert result.returncode == 0, result.stderr
    assert "2 actors added" in result.stderr
    assert "ETA SELCA is closed in SIRENE" in result.stderr and "1 sole trader (" in result.stderr
    assert len(load_pole(pole_file).actors) == 6


def test_json_pole_files_are_imported_too(tmp_path):
    from ptce_kit.io import dump_pole

    target = tmp_path / "pole.json"
    target.write_text(dump_pole(load_pole(DATA / "fictional_pole.yaml"), fmt="json"), encoding="utf-8")
    import_sirene(EXTRACT, target)
    assert load_pole(target).actor("scic-zeta").legal_form_code == "5710"


def test_semicolons_latin1_hidden_names_and_positions(tmp_path, pole_file):
    extract = tmp_path / "extrait.csv"
    extract.write_bytes((
        "siren;siret;denominationUniteLegale;enseigne1Etablissement;categorieJuridiqueUniteLegale;"
        "economieSocialeSolidaireUniteLegale;codeCommuneEtablissement;latitude;longitude\n"
        "000000026;00000002600013;[ND];Café Épsilon;9220;;26057;45.0376;5.0486\n"
    ).encode("cp1252"))
    (record,) = read_sirene(extract)
    assert (record.name, record.ess, record.lat, record.lon) == ("Café Épsilon", True, 45.0376, 5.0486)
    import_sirene(extract, pole_file)
    assert load_pole(pole_file).actor("cafe-epsilon").coordinates.lon == 5.0486


def test_every_bad_row_is_reported_with_line_and_column(tmp_path, ptce, pole_file):
    extract = tmp_path / "bad.csv"
    extract.write_text(HEADER + "\n".join([
        "000000019,,Chiffre faux,9220,,O,26281",          # line 2: SIREN checksum
        "000000018,00000002600013,Mauvais rattachement,9220,,O,26281",  # line 3: SIRET of another SIREN
        "000000026,,Commune postale,9220,,X,2610",       # line 4: ESS flag, commune code
        "000000034,,,abc,,,",                             # line 5: no name, bad legal form code
        "000000026,,Doublon,9220,,O,26057",               # line 6: duplicate of line 4
    ]) + "\n", encoding="utf-8")
    with pytest.raises(PoleError) as caught:
        read_sirene(extract)
    found = sorted((p.line, p.path[0]) for p in caught.value.problems)
    assert found == [
        (2, "siren"), (3, "siret"), (4, "codeCommuneEtablissement"), (4, "economieSocialeSolidaireUniteLegale"),
        (5, "categorieJuridiqueUniteLegale"), (5, "denominationUniteLegale"), (6, "siren"),
    ]
    assert all(p.file == str(extract) for p in caught.value.problems)
    siren_problem = next(p for p in caught.value.problems if p.line == 2)
    assert siren_problem.column == 1 and "Luhn" in siren_problem.message

    before = pole_file.read_bytes()
    result = ptce("import-sirene", extract, "--into", pole_file)
    assert result.returncode == 1
    assert f"{extract}:2:1" in result.stderr and "Traceback" not in result.stderr
    assert pole_file.read_bytes() == before


def test_a_file_that_is_not_an_extract(tmp_path, ptce, pole_file):
    other = tmp_path / "members.csv"
    other.write_text("nom,ville\nAlpha,Romans\n", encoding="utf-8")
    result = ptce("import-sirene", other, "--into", pole_file)
    assert result.returncode == 1
    assert "[PTCE-E320]" in result.stderr
    result = ptce("import-sirene", tmp_path / "missing.csv", "--into", pole_file)
    assert result.returncode == 1 and "[PTCE-E004]" in result.stderr and "missing.csv" in result.stderr


def test_a_pole_without_actors_gets_block_style_actors(tmp_path):
    target = tmp_path / "pole.yaml"
    target.write_text("format: ptce/1\nid: mini\nname: Mini\nactors: []  # none yet\n", encoding="utf-8")
    report = import_sirene(EXTRACT, target)
    text = target.read_text(encoding="utf-8")
    assert "# none yet" in text and "\n  - id: scop-alpha\n" in text
    assert [a.id for a in load_pole(target).actors] == report.added


PERSON_HEADER = ("siren,siret,statutDiffusionUniteLegale,denominationUniteLegale,nomUniteLegale,"
                 "prenomUsuelUniteLegale,categorieJuridiqueUniteLegale,economieSocialeSolidaireUniteLegale,"
                 "codeCommuneEtablissement\n")


def test_sole_traders_and_non_diffusible_rows_are_left_out_and_counted(tmp_path, pole_file, ptce):
    extract = tmp_path / "personnes.csv"
    extract.write_text(PERSON_HEADER + "\n".join([
        "000000042,00000004200010,P,,[ND],[ND],1000,,26281",       # a sole trader INSEE does not diffuse
        "000000059,00000005900014,O,,MARTIN,CLAUDE,1000,,26281",   # a diffusible sole trader: still a person
        "000000018,00000001800010,O,,DUPONT,ALEX,,,26281",          # a surname and no code: a person too
        "000000067,00000006700017,P,[ND],,,5710,,26281",            # a company INSEE does not diffuse
        "000000026,00000002600013,O,ASSOCIATION EPSILON,,,9220,O,26057",
    ]) + "\n", encoding="utf-8")
    records = read_sirene(extract)
    assert [r.siren for r in records] == ["000000026"]  # the others are never records, not even half ones
    assert (records.non_diffusible, records.sole_traders) == (2, 2)
    assert [s.split(":")[0] for s in records.skipped] == [f"personnes.csv line {n}" for n in (2, 3, 4, 5)]
    report = import_sirene(extract, pole_file)
    assert report.added == ["association-epsilon"]
    assert (report.non_diffusible, report.sole_traders) == (2, 2)
    text = pole_file.read_text(encoding="utf-8")
    assert "MARTIN" not in text and "DUPONT" not in text and "000000042" not in text
    done = ptce("import-sirene", extract, "--into", pole_file, "--dry-run")
    assert "2 rows INSEE does not diffuse" in done.stderr and "2 sole traders" in done.stderr


def test_control_characters_are_removed_with_a_warning(tmp_path, pole_file):
    extract = tmp_path / "sale.csv"
    extract.write_text(HEADER + '000000026,00000002600013,"ASSO\x1b[31m\u202eCIATION\x00 EPSILON\nBIS",9220,,O,26057\n',
                       encoding="utf-8")
    (record,) = read_sirene(extract)
    assert record.name == "ASSO[31mCIATION EPSILON BIS" and record.cleaned == ["denominationUniteLegale"]
    report = import_sirene(extract, pole_file)
    assert report.warnings == ["line 2: control characters removed from denominationUniteLegale"]
    assert "\x1b" not in pole_file.read_text(encoding="utf-8")


def test_the_legal_form_wins_over_insee_s_flag_and_the_disagreement_is_shown(tmp_path, pole_file):
    extract = tmp_path / "scop.csv"
    extract.write_text(HEADER + "000000026,00000002600013,SCOP OMEGA,5458,,N,26057\n", encoding="utf-8")
    (record,) = read_sirene(extract)
    assert record.ess is True and record.category.value == "ess_enterprise"
    report = import_sirene(extract, pole_file)
    assert len(report.warnings) == 1 and "is N, but a SARL coopérative de production (SCOP)" in report.warnings[0]
    assert load_pole(pole_file).actor("scop-omega").ess is True
    assert category_for("9223", read_sirene_one(tmp_path, "9223").ess).value == "ess_enterprise"


def read_sirene_one(tmp_path, code):
    extract = tmp_path / f"one-{code}.csv"
    extract.write_text(HEADER + f"000000026,00000002600013,UN,{code},,,26057\n", encoding="utf-8")
    return read_sirene(extract)[0]


def test_a_closed_unit_is_not_a_present_member(tmp_path, pole_file):
    extract = tmp_path / "fermes.csv"
    extract.write_text(
        "siren,siret,denominationUniteLegale,categorieJuridiqueUniteLegale,etatAdministratifEtablissement,dateDebut\n"
        "000000026,00000002600013,ASSOCIATION EPSILON,9220,F,2021-03-31\n"
        "000000059,00000005900014,SCIC ZETA,5710,F,\n", encoding="utf-8")
    report = import_sirene(extract, pole_file)
    assert report.added == ["association-epsilon"]
    assert load_pole(pole_file).actor("association-epsilon").left == "2021-03-31"
    assert "SCIC ZETA is closed in SIRENE" in report.closed[1]
    from ptce_kit.criteria.core import Context

    assert "association-epsilon" not in {a.id for a in Context(load_pole(pole_file), "2024").present}


def test_a_wrong_siren_names_the_check_that_failed(tmp_path):
    extract = tmp_path / "faux.csv"
    extract.write_text(HEADER + "000000019,,Chiffre faux,9220,,O,26281\n", encoding="utf-8")
    with pytest.raises(PoleError) as caught:
        read_sirene(extract)
    (problem,) = caught.value.problems
    assert "Luhn" in problem.hint and "La Poste" in problem.hint and "python-stdnum" in problem.hint
