"""ptce_kit.reference.geo: the shipped COG table and its questions, with real codes."""

from __future__ import annotations

import subprocess
import sys

from ptce_kit.reference import geo

# The 101 départements and 5 overseas régions; the table must never lose one.
METRO_DEPARTEMENTS = {f"{n:02d}" for n in range(1, 96) if n != 20} | {"2A", "2B"}
OVERSEAS = {"971": "01", "972": "02", "973": "03", "974": "04", "976": "06"}


def test_no_departement_or_region_is_lost():
    codes = {d.code for d in geo.departements()}
    assert METRO_DEPARTEMENTS | set(OVERSEAS) <= codes
    regions = {r.code: r for r in geo.regions()}
    assert {"11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94"} <= set(regions)
    for dep, region in OVERSEAS.items():
        assert geo.departement(dep).region == region and regions[region].zone == "drom"
    for dep in METRO_DEPARTEMENTS | set(OVERSEAS):
        assert geo.commune_codes(departement=dep), dep  # each has its communes
    assert len(geo.commune_codes(region="84")) > 3900  # Auvergne-Rhône-Alpes


def test_the_header_states_source_vintage_licence_and_refresh():
    header = "\n".join(geo.table_header())
    assert "@etalab/decoupage-administratif 6.0.0" in header
    assert f"vintage: {geo.VINTAGE}" in header
    assert "Licence Ouverte 2.0" in header and "scripts/build_reference_geo.py" in header


def test_communes_with_their_epci_departement_region_and_postal_codes():
    romans, bourg, die = geo.commune("26281"), geo.commune("26057"), geo.commune("26113")
    assert (romans.name, romans.departement, romans.region) == ("Romans-sur-Isère", "26", "84")
    assert romans.epci == bourg.epci == "200068781" and geo.epci("200068781").name == "CA Valence Romans Agglo"
    assert geo.epci_of("26113").name == "CC du Diois" and die.postal_codes == ("26150",)
    assert "26113" in {c.code for c in geo.communes_by_postal_code("26150")}
    assert geo.commune("2A004").name == "Ajaccio" and geo.commune("97411").departement == "974"
    members = {c.code for c in geo.epci_members("200068781")}
    assert {"26281", "26057", "26362"} <= members and "26113" not in members


def test_arrondissements_municipaux_belong_to_their_city():
    marseille_1 = geo.commune("13201")
    assert marseille_1.part_of == "13055" and marseille_1.epci == geo.commune("13055").epci
    assert "13201" in geo.commune_codes(departement="13")


def test_names_are_found_whatever_the_accents_case_and_hyphens():
    assert [c.code for c in geo.communes_named("BOURG DE PEAGE")] == ["26057"]
    assert [c.code for c in geo.communes_named("bourg-de-péage")] == ["26057"]
    assert [c.code for c in geo.communes_named("St-Jean-de-Luz")] == ["64483"]
    assert "97801" in {c.code for c in geo.communes_named("Saint-Martin")}  # many share a name
    assert len(geo.communes_named("Saint-Martin")) > 1


def test_former_communes_and_their_successors():
    merged = geo.former_commune("26029")
    assert (merged.kind, merged.successor) == ("merged", "26136") and geo.commune("26029") is None
    delegated = geo.former_commune("01015")
    assert (delegated.kind, delegated.name) == ("deleguee", "Arbignieu")
    assert geo.commune("01015").name == "Arboys en Bugey"  # the commune nouvelle kept the code
    assert geo.is_commune_code_known("26029") and not geo.is_current_commune("26029")


def test_nearest_communes_for_postal_codes_typos_and_names():
    assert geo.nearest_communes("26400")[0].label == "26108 Crest"  # Crest's postal code
    assert geo.nearest_communes("26000")[0].label == "26362 Valence"
    assert geo.nearest_communes("26150")[:2] == [geo.commune("26150"), geo.commune("26113")]
    assert geo.nearest_communes("26821")[0].code == "26281"  # two digits swapped
    assert geo.nearest_communes("26029")[0].code == "26136"  # a former commune: its successor
    assert geo.nearest_communes("Romans sur Isere")[0].code == "26281"
    assert geo.nearest_communes("Bourg-de-Péages")[0].code == "26057"


def test_areas_and_epci_that_do_not_exist():
    assert geo.departement("20") is None and geo.region("82") is None
    assert geo.FORMER_REGIONS["82"] == ("Rhône-Alpes", "84")
    assert geo.epci("212602817") is None  # the commune of Romans' SIREN


def test_importing_ptce_kit_does_not_read_the_table():
    code = ("import ptce_kit, ptce_kit.model, ptce_kit.reference.geo as g; "
            "print(g._raw.cache_info().currsize, g._table.cache_info().currsize)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["0", "0"], done.stderr


def test_a_code_is_known_the_same_way_before_and_after_the_table_is_read():
    # Validation asks first, on the table's text; later questions read the table's dictionaries.
    import random

    from ptce_kit.reference import geo

    geo._raw.cache_clear()
    rng = random.Random(7)
    codes = {f"{rng.randrange(100_000):05d}" for _ in range(2_000)} | {
        "26281", "26057", "2A004", "2B033", "2A999", "75101", "13201", "69381", "26029", "26237", "2604", "26281 ",
        "\n26281", "C\t262"}
    on_text = {code: geo.is_commune_code_known(code) for code in codes}
    assert geo._raw.cache_info().currsize == 0  # answered without reading the table
    table = geo._raw()
    on_table = {code: geo.is_commune_code_known(code) for code in codes}
    assert on_text == on_table
    assert on_table["26281"] and on_table["75101"] and on_table["26029"] and not on_table["26281 "]
    assert all(geo.is_commune_code_known(code) for code in list(table.lines)[::50] + list(table.former)[::50])
