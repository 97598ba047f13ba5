"""SIRENE as INSEE ships it (issue 20): the real layouts, gzip and zip, filters, and a faithful mapping.

The fixtures in ``tests/data/sirene/`` have INSEE's columns in INSEE's order; every row is
invented (see the README there), the numbers synthetic and valid for the Luhn check.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

from ptce_kit.errors import PoleError
from ptce_kit.io import load_pole
from ptce_kit.io.sirene import Filters, import_sirene, read_sirene
from ptce_kit.io.sirene.layouts import ETABLISSEMENT, ETABLISSEMENT_HISTORIQUE, UNITE_LEGALE, UNITE_LEGALE_HISTORIQUE

DATA = Path(__file__).resolve().parents[1] / "data" / "sirene"
UL = DATA / "StockUniteLegale_extrait.csv"
ETAB = DATA / "StockEtablissement_extrait.csv"
UL_HISTO = DATA / "StockUniteLegaleHistorique_extrait.csv"
ETAB_HISTO = DATA / "StockEtablissementHistorique_extrait.csv"
API_JSON = DATA / "recherche-entreprises.json"
API_CSV = DATA / "recherche-entreprises.csv"
EMPTY_POLE = "format: ptce/1\nid: mini\nname: Mini\nactors: []\n"


@pytest.fixture
def pole(tmp_path):
    target = tmp_path / "pole.yaml"
    target.write_text(EMPTY_POLE, encoding="utf-8")
    return target


def _rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(("path", "columns"), [
    (UL, UNITE_LEGALE), (ETAB, ETABLISSEMENT), (UL_HISTO, UNITE_LEGALE_HISTORIQUE),
    (ETAB_HISTO, ETABLISSEMENT_HISTORIQUE),
])
def test_the_fixtures_have_insee_s_columns_and_numbers_that_pass_the_checksums(path, columns):
    with path.open(encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == list(columns)
    for row in _rows(path):
        assert stdnum_siren.is_valid(row["siren"]), row["siren"]
        if row.get("siret"):
            assert stdnum_siret.is_valid(row["siret"]) and row["siret"] == row["siren"] + row["nic"]
        assert row["siren"].startswith("0000000")  # the synthetic range, never a real organisation's
    assert "FICTIONAL" in json.loads(API_JSON.read_text(encoding="utf-8"))["note"]


def test_establishments_beside_their_units_one_actor_per_siren(pole, ptce):
    done = ptce("import-sirene", ETAB, UL, "--into", pole, "--departement", "26")
    assert done.returncode == 0, done.stderr
    # The layouts are said.
    assert "read StockEtablissement_extrait.csv as StockEtablissement\n" in done.stderr
    assert "read StockUniteLegale_extrait.csv as StockUniteLegale\n" in done.stderr
    result = load_pole(pole)
    assert [a.id for a in result.actors] == ["scop-alpha", "association-epsilon", "scic-zeta", "eta-selca"]
    alpha = result.actor("scop-alpha")
    # Two establishments, one actor; the head office stands for it though it comes second in the file.
    assert (alpha.siret, alpha.commune, alpha.address) == (
        "00000001800010", "26281", "1 RUE DE L EXEMPLE, 26100 ROMANS-SUR-ISERE")
    assert "other establishments in the extract: 00000001800028 ATELIER ALPHA (26057)" in alpha.provenance
    assert "the establishment is the head office" in alpha.provenance
    # Lambert 93 converted to WGS 84 (the fixture was made from 45.0451 N, 5.0502 E).
    assert (alpha.coordinates.lat, alpha.coordinates.lon) == pytest.approx((45.0451, 5.0502), abs=2e-6)
    assert "position converted from Lambert 93" in alpha.provenance
    assert (alpha.created, alpha.naf, alpha.naf_2025, alpha.acronym, alpha.headcount_band, alpha.employer,
            alpha.mission_company) == ("2010-06-01", "88.99B", "88.99Y", "SA", "11", True, False)
    assert result.actor("association-epsilon").rna == "W261000123"
    # The SCIC SAS (5710): its cooperative status kept, each clue stated.
    zeta = result.actor("scic-zeta")
    assert (zeta.legal_form, zeta.legal_form_code, zeta.ess, zeta.category.value, zeta.mission_company) == (
        "SCIC SAS", "5710", True, "ess_enterprise", True)
    assert "the name 'SCIC ZETA' says SCIC" in zeta.provenance
    assert "economieSocialeSolidaireUniteLegale is O" in zeta.provenance
    assert "catégorie juridique 5710 (SAS, société par actions simplifiée) does not say it" in zeta.provenance
    # The closed unit: left and ceased at the start of its closed period, so not a present member.
    selca = result.actor("eta-selca")
    assert (selca.left, selca.ceased, selca.ceased_how) == ("2021-03-31", "2021-03-31", "closed")
    assert not selca.active_at("2024")
    # Not diffusible (the sole trader and a company): skipped and counted with their rows, nothing of them written.
    text = pole.read_text(encoding="utf-8")
    assert "000000042" not in text and "000000083" not in text
    assert ("left out: 4 rows INSEE does not diffuse (statutDiffusion): StockUniteLegale_extrait.csv line 4, "
            "StockEtablissement_extrait.csv line 5, StockUniteLegale_extrait.csv line 8, "
            "StockEtablissement_extrait.csv line 9") in done.stderr
    # Grenoble (Isère) is outside the filter.
    assert "outside the filters: 1 row of 15" in done.stderr
    assert "association-omega" not in text


def test_the_order_of_the_files_on_the_command_line_does_not_matter(pole, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(EMPTY_POLE, encoding="utf-8")
    import_sirene([ETAB, UL], pole)
    import_sirene([UL, ETAB], other)
    assert pole.read_bytes() == other.read_bytes()


def test_a_units_file_alone_gives_the_head_office_siret_from_nic_siege(pole, ptce):
    report = import_sirene(UL, pole)
    result = load_pole(pole)
    assert result.actor("scop-alpha").siret == "00000001800010"  # 000000018 + nicSiegeUniteLegale 00010
    assert "SIRET of the head office, from siren + nicSiegeUniteLegale" in result.actor("scop-alpha").provenance
    assert result.actor("association-omega").commune is None  # a units file has no commune
    assert report.non_diffusible == 2 and report.layouts == [(str(UL), "StockUniteLegale")]
    # A geographic filter cannot be applied to units alone: said, with the fix.
    done = ptce("import-sirene", UL, "--into", pole, "--departement", "26")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "has no commune" in done.stderr and "give the establishments file" in done.stderr


def test_an_establishments_file_alone_asks_for_its_units_file(pole, ptce):
    before = pole.read_bytes()
    done = ptce("import-sirene", ETAB, "--into", pole)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "has no unit name, legal form or ESS flag" in done.stderr
    assert "give the units file (StockUniteLegale) beside it" in done.stderr
    assert pole.read_bytes() == before


def test_the_historical_files_give_their_current_rows(pole):
    report = import_sirene([ETAB_HISTO, UL_HISTO], pole)
    assert [layout for _, layout in report.layouts] == [
        "StockEtablissementHistorique (its current rows: dateFin empty)",
        "StockUniteLegaleHistorique (its current rows: dateFin empty)"]
    result = load_pole(pole)
    alpha = result.actor("scop-alpha")  # not 'ALPHA SARL', the name of its first period
    assert (alpha.legal_form_code, alpha.ess) == ("5458", True)
    assert "ALPHA SARL" not in pole.read_text(encoding="utf-8")
    assert result.actor("eta-selca").ceased == "2021-03-31"


@pytest.mark.parametrize("path", [API_JSON, API_CSV])
def test_the_company_search_service_s_json_and_csv(path, pole):
    report = import_sirene(path, pole)
    assert report.layouts == [(str(path), "the company search service's export (recherche-entreprises.api.gouv.fr)")]
    result = load_pole(pole)
    assert [a.id for a in result.actors] == ["scic-zeta", "association-epsilon", "eta-selca"]
    zeta = result.actor("scic-zeta")
    assert (zeta.name, zeta.legal_form, zeta.acronym, zeta.siret, zeta.commune, zeta.mission_company) == (
        "SCIC ZETA", "SCIC SAS", "ZC", "00000005900014", "26057", True)
    assert (zeta.coordinates.lat, zeta.coordinates.lon) == (45.039, 5.044)
    assert result.actor("association-epsilon").rna == "W261000123"
    assert result.actor("eta-selca").ceased == "2021-03-31"
    assert report.non_diffusible == 1
    text = pole.read_text(encoding="utf-8")
    assert "CAMILLE" not in text and "EXEMPLE" not in text  # the service's 'dirigeants' are people: never read
    assert "000000042" not in text


def _zip(path: Path, target: Path, *members: Path) -> Path:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member in members or (path,):
            archive.write(member, member.name)
    return target


def test_gzip_and_zip_as_insee_distributes_them(pole, tmp_path):
    plain = tmp_path / "plain.yaml"
    plain.write_text(EMPTY_POLE, encoding="utf-8")
    import_sirene([ETAB, UL], plain, filters=Filters(departements=frozenset({"26"})))
    etab_gz = tmp_path / "StockEtablissement_utf8.csv.gz"
    etab_gz.write_bytes(gzip.compress(ETAB.read_bytes()))
    ul_zip = _zip(UL, tmp_path / "StockUniteLegale_utf8.zip")
    report = import_sirene([etab_gz, ul_zip], pole, filters=Filters(departements=frozenset({"26"})))
    assert report.layouts == [(str(etab_gz), "StockEtablissement"), (str(ul_zip), "StockUniteLegale")]
    # The same actors as from the plain files (the provenance names the files it came from).
    names = lambda p: [(a.id, a.siret, a.coordinates, a.ceased) for a in load_pole(p).actors]  # noqa: E731
    assert names(pole) == names(plain)


def test_archives_that_are_not_one_csv_are_named(pole, tmp_path, ptce):
    two = _zip(UL, tmp_path / "deux.zip", UL, ETAB)
    done = ptce("import-sirene", two, "--into", pole)
    assert done.returncode == 1 and "should hold one CSV file" in done.stderr and "Traceback" not in done.stderr
    cut = tmp_path / "coupe.csv.gz"
    cut.write_bytes(gzip.compress(UL.read_bytes())[:-40])
    done = ptce("import-sirene", cut, "--into", pole)
    assert done.returncode == 1 and "Traceback" not in done.stderr and str(cut) in done.stderr


@pytest.mark.parametrize(("options", "ids"), [
    # Bourg-de-Péage: SCOP ALPHA is there by its second establishment, which then stands for it.
    (["--commune", "26057"], ["scop-alpha", "association-epsilon", "scic-zeta"]),
    (["--commune", "26057,38185"], ["scop-alpha", "association-epsilon", "scic-zeta", "association-omega"]),
    (["--departement", "38"], ["association-omega"]),
    (["--departement", "26", "--naf", "88.99"], ["scop-alpha", "association-epsilon"]),
    (["--departement", "26", "--naf", "56.11Y"], ["scic-zeta"]),  # a NAF 2025 code
    (["--departement", "26", "--ess-only"], ["scop-alpha", "association-epsilon", "scic-zeta"]),
    (["--departement", "26", "--active-only"], ["scop-alpha", "association-epsilon", "scic-zeta"]),
])
def test_filters(options, ids, pole, ptce):
    done = ptce("import-sirene", ETAB, UL, "--into", pole, *options)
    assert done.returncode == 0, done.stderr
    assert [a.id for a in load_pole(pole).actors] == ids
    if "--active-only" in options:
        assert "left out: closed (--active-only): StockEtablissement_extrait.csv line 7" in done.stderr


def test_an_establishment_that_is_not_the_head_office_says_so(pole):
    import_sirene([ETAB, UL], pole, filters=Filters(communes=frozenset({"26057"})))
    alpha = load_pole(pole).actor("scop-alpha")
    assert (alpha.siret, alpha.commune) == ("00000001800028", "26057")
    assert "the establishment is not the head office 00000001800010" in alpha.provenance


def test_bad_filters_are_misuse(pole, ptce):
    for options, word in ((["--departement", "260"], "--departement"), (["--commune", "2610"], "--commune"),
                          (["--naf", "8.9"], "--naf")):
        done = ptce("import-sirene", ETAB, UL, "--into", pole, *options)
        assert done.returncode == 2 and word in done.stderr, (options, done.stderr)


def test_epci_without_the_reference_table_is_refused_clearly(pole, ptce, monkeypatch):
    import sys

    from ptce_kit import reference

    monkeypatch.setitem(sys.modules, "ptce_kit.reference.geo", None)  # the table is not shipped
    monkeypatch.delattr(reference, "geo", raising=False)
    done = ptce("import-sirene", ETAB, UL, "--into", pole, "--epci", "200068781")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "--epci needs the table of the communes of each EPCI" in done.stderr and "--departement" in done.stderr


def test_epci_with_the_reference_table_keeps_its_communes(pole, ptce):
    # The shipped reference table (ptce_kit.reference.geo): Valence Romans Agglo's communes,
    # Bourg-de-Péage (26057) and Romans-sur-Isère (26281) among them; the others are left out.
    done = ptce("import-sirene", ETAB, UL, "--into", pole, "--epci", "200068781")
    assert done.returncode == 0, done.stderr
    assert [a.id for a in load_pole(pole).actors] == ["scop-alpha", "association-epsilon", "scic-zeta", "eta-selca"]
    done = ptce("import-sirene", ETAB, UL, "--into", pole, "--epci", "123456789")
    assert done.returncode == 2 and "'123456789' is not the SIREN of an EPCI" in done.stderr


FOUNDED = """\
format: ptce/1
id: mini
name: Mini
actors:
  - id: scop-alpha   # written by hand
    name: Scop Alpha
    category: ess_enterprise
    legal_form: SARL SCOP
    siren: '000000018'
    headcount_band: '03'
"""


def test_conflicts_are_kept_unless_update_and_updates_are_listed_field_by_field(tmp_path, ptce):
    pole = tmp_path / "pole.yaml"
    pole.write_text(FOUNDED, encoding="utf-8")
    done = ptce("import-sirene", ETAB, UL, "--into", pole, "--commune", "26281")
    assert done.returncode == 0, done.stderr
    alpha = load_pole(pole).actor("scop-alpha")
    assert (alpha.legal_form, alpha.headcount_band, alpha.siret) == ("SARL SCOP", "03", "00000001800010")
    assert "kept: scop-alpha: headcount_band is '03' in the pole but '11' in the extract" in done.stderr
    assert "(--update to take SIRENE's)" in done.stderr
    assert "scop-alpha: filled ess, legal_form_code, siret, commune, coordinates, created" in done.stderr
    done = ptce("import-sirene", ETAB, UL, "--into", pole, "--commune", "26281", "--update")
    assert done.returncode == 0, done.stderr
    assert "scop-alpha: updated legal_form: 'SARL SCOP' → 'SARL coopérative de production (SCOP)'" in done.stderr
    assert "scop-alpha: updated headcount_band: '03' → '11'" in done.stderr
    alpha = load_pole(pole).actor("scop-alpha")
    assert (alpha.legal_form, alpha.headcount_band) == ("SARL coopérative de production (SCOP)", "11")
    assert pole.read_text(encoding="utf-8").splitlines()[4] == "  - id: scop-alpha   # written by hand"


def test_dry_run_shows_the_diff_and_writes_nothing(pole, ptce):
    before = pole.read_bytes()
    done = ptce("import-sirene", ETAB, UL, "--into", pole, "--departement", "26", "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "+  - id: scic-zeta\n" in done.stdout and "+    legal_form: SCIC SAS\n" in done.stdout
    assert "dry run: nothing written" in done.stderr and pole.read_bytes() == before


def test_a_bad_row_in_the_kept_rows_is_located(pole, tmp_path, ptce):
    bad = tmp_path / "StockUniteLegale.csv"
    text = UL.read_text(encoding="utf-8").replace("W261000123", "W26").replace(",88.99Y", ",8899")
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(PoleError) as caught:
        read_sirene(bad)
    found = sorted((p.line, p.path[0]) for p in caught.value.problems)
    assert found == [(2, "activitePrincipaleNAF25UniteLegale"), (3, "activitePrincipaleNAF25UniteLegale"),
                     (3, "identifiantAssociationUniteLegale")]
    done = ptce("import-sirene", bad, "--into", pole)
    assert done.returncode == 1 and f"{bad}:3:13" in done.stderr and "Traceback" not in done.stderr


def test_reading_streams_memory_does_not_follow_the_file(tmp_path):
    """The rows outside the filter are never kept: 4× the rows, about the same peak memory."""
    import tracemalloc

    from stdnum import luhn

    def write(n: int) -> tuple[Path, Path]:
        etab, units = io.StringIO(), io.StringIO()
        e, u = csv.writer(etab, lineterminator="\n"), csv.writer(units, lineterminator="\n")
        e.writerow(ETABLISSEMENT)
        u.writerow(UNITE_LEGALE)
        ei, ui = {c: i for i, c in enumerate(ETABLISSEMENT)}, {c: i for i, c in enumerate(UNITE_LEGALE)}
        for i in range(n):
            base = f"{i + 1:08d}"
            siren = base + luhn.calc_check_digit(base)
            siret = siren + "0001" + luhn.calc_check_digit(siren + "0001")
            row = [""] * len(ETABLISSEMENT)
            row[ei["siren"]], row[ei["siret"]], row[ei["nic"]] = siren, siret, siret[9:]
            row[ei["codeCommuneEtablissement"]] = "26281" if i < 50 else "75056"
            e.writerow(row)
            unit = [""] * len(UNITE_LEGALE)
            unit[ui["siren"]], unit[ui["denominationUniteLegale"]] = siren, f"UNITE {i}"
            u.writerow(unit)
        paths = tmp_path / f"etab-{n}.csv.gz", tmp_path / f"ul-{n}.csv.gz"
        paths[0].write_bytes(gzip.compress(etab.getvalue().encode()))
        paths[1].write_bytes(gzip.compress(units.getvalue().encode()))
        return paths

    peaks = []
    for n in (5_000, 20_000):
        files = write(n)
        tracemalloc.start()
        records = read_sirene(*files, filters=Filters(departements=frozenset({"26"})))
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert len(records) == 50 and records.filtered_out == n - 50
    assert peaks[1] < 1.3 * peaks[0], peaks


def test_a_pole_s_own_facts_come_back_unchanged(pole):
    """Importing twice changes nothing the second time."""
    import_sirene([ETAB, UL], pole, filters=Filters(departements=frozenset({"26"})))
    before = pole.read_bytes()
    again = import_sirene([ETAB, UL], pole, filters=Filters(departements=frozenset({"26"})))
    assert again.added == [] and again.completed == {} and again.updated == {}
    assert pole.read_bytes() == before


def test_old_copies_of_the_fixtures_are_not_needed(tmp_path):
    """A copy of a fixture under another name is recognised by its header, not its name."""
    copy = tmp_path / "export.txt"
    shutil.copy(UL, copy)
    assert read_sirene(copy).layouts == [(str(copy), "StockUniteLegale")]


def test_a_closing_date_before_joining_is_a_conflict_not_an_invalid_pole(tmp_path):
    pole = tmp_path / "pole.yaml"
    pole.write_text("format: ptce/1\nid: mini\nname: Mini\nactors:\n  - id: eta-selca\n    name: ETA Selca\n"
                    "    category: enterprise\n    siren: '000000067'\n    joined: 2022\n", encoding="utf-8")
    report = import_sirene([ETAB, UL], pole)
    selca = load_pole(pole).actor("eta-selca")
    # Closed before it joined: writing either date would make the pole invalid; the user decides.
    assert selca.left is None and selca.ceased is None
    assert any("SIRENE says it closed on 2021-03-31" in c and "before it joined the pole (2022)" in c
               for c in report.conflicts)


def test_a_progress_bar_on_a_terminal_only(pole, monkeypatch, capsys):
    from rich.console import Console

    import ptce_kit.io.sirene as library
    from ptce_kit.cli import main
    from ptce_kit.cli import sirene as command

    calls: list[tuple[int, int | None]] = []
    real = library.import_sirene

    def spy(*args, progress=None, **kwargs):
        if progress is not None:
            calls.append((-1, None))

            def counted(done, total):
                calls.append((done, total))
                progress(done, total)

            return real(*args, progress=counted, **kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(library, "import_sirene", spy)
    terminal = Console(file=io.StringIO(), force_terminal=True, width=100)
    monkeypatch.setattr(command, "err", lambda: terminal)
    assert main(["import-sirene", str(ETAB), str(UL), "--into", str(pole), "--dry-run"]) == 0
    # Each file is followed to its end: the bytes read, out of the file's size.
    assert (ETAB.stat().st_size, ETAB.stat().st_size) in calls and (UL.stat().st_size, UL.stat().st_size) in calls
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", terminal.file.getvalue())
    assert "reading SIRENE" in shown and "5 actors added: scop-alpha, association-epsilon, scic-zeta" in shown
    # Not a terminal: no bar at all.
    calls.clear()
    monkeypatch.setattr(command, "err", lambda: Console(file=io.StringIO(), force_terminal=False))
    assert main(["import-sirene", str(ETAB), str(UL), "--into", str(pole), "--dry-run"]) == 0
    assert calls == []


def test_a_joined_file_and_a_units_file_together_give_one_actor_per_siren(pole, tmp_path):
    joined = tmp_path / "joined.csv"
    joined.write_text("siren,siret,codeCommuneEtablissement,enseigne1Etablissement,economieSocialeSolidaireUniteLegale\n"
                      "000000059,00000005900014,26057,ZETA COOP,O\n", encoding="utf-8")
    report = import_sirene([joined, UL], pole)
    assert report.layouts[0] == (str(joined), "a joined file (establishments with their unit's columns)")
    assert report.added == ["scic-zeta"]  # the units file completes the joined row's unit, and adds no other
    zeta = load_pole(pole).actor("scic-zeta")
    assert (zeta.legal_form, zeta.commune, zeta.naf_2025) == ("SCIC SAS", "26057", "56.11Y")


def test_an_establishment_insee_withholds_is_never_half_imported(pole, tmp_path):
    etab = tmp_path / "StockEtablissement.csv"
    rows = ETAB.read_text(encoding="utf-8").splitlines()
    # SCOP ALPHA's second establishment (line 2) and ASSOCIATION EPSILON's only one (line 4) withheld.
    for n in (1, 3):
        cells = rows[n].split(",")
        cells[3] = "P"
        rows[n] = ",".join(cells)
    etab.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = import_sirene([etab, UL], pole, filters=Filters(departements=frozenset({"26"})))
    assert "association-epsilon" not in report.added and "scop-alpha" in report.added
    text = pole.read_text(encoding="utf-8")
    assert "00000001800028" not in text and "ATELIER ALPHA" not in text and "00000002600013" not in text
    assert report.non_diffusible == 6
    assert "StockEtablissement.csv line 2: establishment not diffusible" in "\n".join(report.skipped)


def test_a_geographic_filter_on_files_without_communes_is_refused(pole, ptce):
    done = ptce("import-sirene", ETAB_HISTO, UL_HISTO, "--into", pole, "--departement", "26")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "StockEtablissementHistorique (its current rows: dateFin empty) has no commune column" in done.stderr
    assert "give INSEE's StockEtablissement" in done.stderr


def test_an_actor_of_the_pole_keeps_its_own_establishment_and_gets_its_place(tmp_path):
    pole = tmp_path / "pole.yaml"
    pole.write_text("format: ptce/1\nid: mini\nname: Mini\nactors:\n  - id: atelier-alpha\n    name: Atelier Alpha\n"
                    "    category: ess_enterprise\n    siret: '00000001800028'\n", encoding="utf-8")
    import_sirene([ETAB, UL], pole, filters=Filters(departements=frozenset({"26"})))
    atelier = load_pole(pole).actor("atelier-alpha")
    # SCOP ALPHA's head office stands for the unit, but the pole's actor is its workshop in Bourg-de-Péage.
    assert (atelier.siret, atelier.siren, atelier.commune) == ("00000001800028", "000000018", "26057")
    assert atelier.address == "4 AV DE L EXEMPLE, 26300 BOURG-DE-PEAGE"
    assert atelier.coordinates.lat == pytest.approx(45.037, abs=1e-5)
    assert len(load_pole(pole).actors) == 4  # no second actor for SCOP ALPHA
