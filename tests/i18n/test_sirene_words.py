"""``ptce import-sirene`` in one language: its summary, notes and refusals, matched by codes.

The summary (what was read, added, filled, kept, left out), the refusals of whole files and of
bad cells hold no word of the other language with ``--lang`` or the locale; the refusals carry
their codes (``PTCE-E320`` to ``PTCE-E323``, and the format's codes for SIRET, NAF, catégorie
juridique).
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from test_no_other_language import LANG_ENV, offending

DATA = Path(__file__).resolve().parents[1] / "data" / "sirene"

#: A joined extract with one bad cell of each kind, and a duplicate row.
BAD_ROWS = (
    "siren,siret,nicSiegeUniteLegale,denominationUniteLegale,categorieJuridiqueUniteLegale,"
    "activitePrincipaleUniteLegale,economieSocialeSolidaireUniteLegale,trancheEffectifsUniteLegale,"
    "identifiantAssociationUniteLegale,codeCommuneEtablissement,latitude,longitude\n"
    "000000018,00000002600013,00010,SCOP ALPHA,5458,88.99B,O,,,26281,,\n"           # SIRET of another SIREN
    "000000026,00000002600013,00013,ASSOCIATION EPSILON,92X0,8899,peut-être,99,261000123,26057,,\n"
    "000000034,00000003400017,0001,COMMUNE GAMMA,7210,84.11Z,N,,,26281,nord,sud\n"
    "000000034,00000003400017,00017,COMMUNE GAMMA,7210,84.11Z,N,,,26281,,\n"          # the same row again
    "000000059,00000005900015,00015,,5710,,,,,26281,95,5\n"                            # no name, off the globe
    ",,,SANS NUMERO,5710,,,,,26281,,\n"
)


def _run(ptce, args, lang, how):
    if how == "option":
        return ptce(*args, "--lang", lang, env={"PTCE_LANG": "en" if lang == "fr" else "fr"})
    return ptce(*args, env=LANG_ENV[lang])


def _check(text, lang):
    wrong = offending(text, lang)
    assert not wrong, (wrong, text)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("how", ["option", "locale"])
def test_the_summary_is_in_one_language(ptce, tmp_path, lang, how):
    pole = tmp_path / "pole.yaml"
    shutil.copy(DATA / "fictional_pole.yaml", pole)
    # Added, filled, matched by name, kept (a conflict), closed, a sole trader left out.
    result = _run(ptce, ["import-sirene", DATA / "extract.csv", "--into", pole, "--dry-run"], lang, how)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("\n") >= 6
    _check(result.stderr, lang)
    # Two files read together: the rows INSEE does not diffuse, a filter, the layouts in words.
    result = _run(ptce, ["import-sirene", DATA / "StockEtablissement_extrait.csv", DATA / "StockUniteLegale_extrait.csv",
                         "--into", pole, "--naf", "88", "--update"], lang, how)
    assert result.returncode == 0, result.stderr
    _check(result.stderr, lang)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_bad_cells_are_refused_with_codes_in_one_language(ptce, tmp_path, lang):
    pole = tmp_path / "pole.yaml"
    shutil.copy(DATA / "fictional_pole.yaml", pole)
    before = pole.read_bytes()
    extract = tmp_path / "extrait.csv"
    extract.write_text(BAD_ROWS, encoding="utf-8")
    result = ptce("import-sirene", extract, "--into", pole, "--lang", lang)
    assert result.returncode == 1
    assert pole.read_bytes() == before
    codes = set(re.findall(r"\[(PTCE-E\d+)\]", result.stderr))
    assert {"PTCE-E120", "PTCE-E114", "PTCE-E133", "PTCE-E134", "PTCE-E321", "PTCE-E323", "PTCE-E101"} <= codes, \
        result.stderr
    _check(result.stderr, lang)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_whole_files_refused_with_codes_in_one_language(ptce, tmp_path, lang):
    pole = tmp_path / "pole.yaml"
    shutil.copy(DATA / "fictional_pole.yaml", pole)
    not_sirene = tmp_path / "membres.csv"
    not_sirene.write_text("Nom;Catégorie\nAtelier;Scop\n", encoding="utf-8")
    archive = tmp_path / "deux.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a.csv", "siren\n")
        z.writestr("b.csv", "siren\n")
    bad_json = tmp_path / "reponse.json"
    bad_json.write_text('{"results": [1, 2', encoding="utf-8")
    not_results = tmp_path / "autre.json"
    not_results.write_text('{"total": 3}', encoding="utf-8")
    cases = [
        ([not_sirene], "PTCE-E320"),
        ([archive], "PTCE-E320"),
        ([bad_json], "PTCE-E320"),
        ([not_results], "PTCE-E320"),
        ([tmp_path / "absent.csv"], "PTCE-E004"),
        ([tmp_path], "PTCE-E002"),
        ([DATA / "StockEtablissement_extrait.csv"], "PTCE-E322"),
        ([DATA / "StockUniteLegale_extrait.csv", "--commune", "26281"], "PTCE-E322"),
    ]
    for args, code in cases:
        result = ptce("import-sirene", *args, "--into", pole, "--lang", lang)
        assert result.returncode == 1, (args, result.stderr)
        assert f"[{code}]" in result.stderr, (args, result.stderr)
        _check(result.stderr, lang)
    for option, value in (("--departement", "999"), ("--naf", "8X"), ("--epci", "732829320"), ("--commune", "2614")):
        result = ptce("import-sirene", DATA / "extract.csv", "--into", pole, option, value, "--lang", lang)
        assert result.returncode == 2, (option, result.stderr)
        _check(result.stderr, lang)
