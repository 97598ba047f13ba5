"""Territories and commune codes checked against INSEE's Code officiel géographique, with real codes.

Errors refuse the file (located, with a hint); warnings leave it valid and are what
``ptce validate`` prints.
"""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from ptce_kit.errors import PoleError
from ptce_kit.io import dump_pole, load_pole
from ptce_kit.io.warnings import pole_warnings
from ptce_kit.model import Pole, Territory

HEAD = "format: ptce/1\nid: t\nname: T\n"
ACTOR = "  - id: a\n    name: A\n    category: ess_enterprise\n"


def write(tmp_path, body):
    path = tmp_path / "pole.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def problems(tmp_path, body):
    with pytest.raises(PoleError) as caught:
        load_pole(write(tmp_path, body))
    return caught.value.problems


def test_a_postal_code_is_an_error_naming_the_commune_it_serves(tmp_path):
    [p] = problems(tmp_path, "territory:\n  name: Crest\n  communes:\n    - code: \"26400\"\n      name: Crest\n")
    assert (p.line, p.path) == (7, ("territory", "communes", 0, "code"))
    assert p.message == "'26400' is a postal code, not an INSEE commune code: did you mean 26108 Crest?"
    assert "INSEE code" in p.hint


def test_a_postal_code_of_many_communes_lists_them_largest_first(tmp_path):
    [p] = problems(tmp_path, "actors:\n" + ACTOR + "    commune: \"26400\"\n")
    assert p.path == ("actors", 0, "commune") and p.line == 8
    assert p.message.startswith("'26400' is a postal code, not an INSEE commune code: did you mean 26108 Crest, ")
    assert "or another of its" in p.message


def test_an_unknown_code_suggests_the_nearest_real_communes(tmp_path):
    [p] = problems(tmp_path, "territory:\n  name: R\n  communes:\n    - code: \"26821\"\n      name: Romans\n")
    assert p.message.startswith("'26821' is not a commune of INSEE's Code officiel géographique (COG 2026): "
                                "did you mean 26281 Romans-sur-Isère")
    assert p.hint and "insee.fr" in p.hint


def test_unknown_codes_of_actors_and_site_are_reported_with_the_other_problems(tmp_path):
    found = problems(tmp_path, "site:\n  commune: \"26999\"\nactors:\n" + ACTOR + "    commune: \"26000\"\n"
                               "  - id: b\n    name: B\n    category: nope\n")
    by_path = {p.path: p for p in found}
    assert "did you mean 26362 Valence?" in by_path[("actors", 0, "commune")].message
    assert ("site", "commune") in by_path and ("actors", 1, "category") in by_path


def test_a_foreign_country_code_is_not_a_commune(tmp_path):
    [p] = problems(tmp_path, "actors:\n" + ACTOR + "    commune: \"99134\"\n")
    assert "country" in p.message and "abroad" in p.hint


def test_a_code_with_another_communes_name_is_a_warning_naming_the_official_name(tmp_path):
    # Die's postal code, 26150, is also the INSEE code of Izon-la-Bruisse.
    path = write(tmp_path, "territory:\n  name: Diois\n  communes:\n    - code: \"26150\"\n      name: Die\n"
                           "    - code: \"26281\"\n      name: Valence\n")
    pole = load_pole(path)
    first, second = pole_warnings(pole, path)
    assert first.message == ("'26150' is the INSEE code of Izon-la-Bruisse, not of 'Die': 26150 is Die's postal "
                             "code, and Die's INSEE code is 26113")
    assert (first.line, first.path, first.hint) == (7, ("territory", "communes", 0, "code"), 'write code: "26113"')
    assert second.message == "'26281' is the INSEE code of Romans-sur-Isère, not of 'Valence'"
    assert second.path == ("territory", "communes", 1, "name") and second.line == 10


def test_the_same_name_written_differently_is_not_warned(tmp_path):
    path = write(tmp_path, "territory:\n  name: R\n  communes:\n    - code: \"26281\"\n      name: ROMANS SUR ISERE\n")
    assert pole_warnings(load_pole(path), path) == []


def test_a_former_commune_is_recognised_with_its_successor(tmp_path):
    path = write(tmp_path, "territory:\n  name: V\n  communes:\n    - code: \"26029\"\n      name: Beaurières\n"
                           "actors:\n" + ACTOR + "    commune: \"26029\"\n")
    pole = load_pole(path)  # a warning, not an error
    warnings = pole_warnings(pole, path)
    assert [w.path for w in warnings] == [("territory", "communes", 0, "code"), ("actors", 0, "commune")]
    assert warnings[0].message == "'26029' is the code of a former commune, merged into 26136 Val-Maravel"
    assert warnings[1].line == 13
    assert pole.territory.commune_codes() == ["26136"]


def test_an_actor_off_the_territory_whose_code_is_a_postal_code_on_it_is_warned(tmp_path):
    # The territory is the Diois (CC du Diois); 26150 is Izon-la-Bruisse, in the Baronnies,
    # and the postal code of Die.
    path = write(tmp_path, "territory:\n  name: Diois\n  epci: {siren: \"242600534\"}\nactors:\n"
                 + ACTOR + "    commune: \"26150\"\n" + ACTOR.replace("id: a", "id: b") + "    commune: \"26281\"\n")
    [w] = pole_warnings(load_pole(path), path)
    assert w.path == ("actors", 0, "commune") and w.line == 11
    assert w.message.startswith("'26150' is the INSEE code of Izon-la-Bruisse, off the territory (Diois), and the "
                                "postal code of 26113 Die, ")
    assert "postal code" in w.hint


def test_a_commune_deleguee_that_shares_the_code_of_its_commune_nouvelle(tmp_path):
    path = write(tmp_path, "territory:\n  name: A\n  communes:\n    - code: \"01015\"\n      name: Arbignieu\n")
    [w] = pole_warnings(load_pole(path), path)
    assert w.message == ("'01015' is now the code of Arboys en Bugey, a commune nouvelle; Arbignieu is one of its "
                         "communes déléguées")


def test_a_commune_named_without_a_code_is_valid_and_warned_with_its_code(tmp_path):
    path = write(tmp_path, "territory:\n  name: B\n  communes:\n    - name: Bourg-de-Péage\n    - name: Sainte-Colombe\n")
    pole = load_pole(path)
    first, second = pole_warnings(pole, path)
    assert first.message == "the commune 'Bourg-de-Péage' has no code: its INSEE code is 26057"
    assert first.hint == 'add code: "26057"'
    assert "communes have this name" in second.message
    assert pole.territory.commune_codes() == ["26057"]  # the ambiguous one stays unknown


def test_an_epci_is_given_by_its_siren_and_a_siren_that_is_not_an_epci_is_an_error(tmp_path):
    pole = load_pole(write(tmp_path, "territory:\n  name: Agglo\n  epci:\n    siren: \"200068781\"\n"))
    assert pole.territory.epci.reference.name == "CA Valence Romans Agglo"
    assert pole.territory.epci.name is None  # nothing is added to the file
    [p] = problems(tmp_path, "territory:\n  name: R\n  epci:\n    siren: \"212602817\"\n    name: Valence Romans Agglo\n")
    assert p.path == ("territory", "epci", "siren") and p.line == 7
    assert p.message == ("212602817 is not the SIREN of an EPCI à fiscalité propre in the COG 2026 list: "
                         "did you mean CA Valence Romans Agglo (200068781)?")
    [p] = problems(tmp_path, "territory:\n  name: R\n  epci: {}\n")
    assert "SIREN or its name" in p.message


def test_an_epci_name_that_does_not_match_its_siren_is_warned(tmp_path):
    path = write(tmp_path, "territory:\n  name: R\n  epci:\n    siren: \"200068781\"\n    name: CC du Diois\n")
    [w] = pole_warnings(load_pole(path), path)
    assert w.message == "the SIREN 200068781 is the EPCI 'CA Valence Romans Agglo', not 'CC du Diois'"
    path = write(tmp_path, "territory:\n  name: R\n  epci:\n    siren: \"200068781\"\n    name: Valence Romans Agglo\n")
    assert pole_warnings(load_pole(path), path) == []  # the kind (CA) may be left out


def test_an_epci_named_without_its_siren_is_warned_with_it(tmp_path):
    path = write(tmp_path, "territory:\n  name: R\n  epci:\n    name: Communauté d'agglomération Valence Romans Agglo\n")
    [w] = pole_warnings(load_pole(path), path)
    assert w.message == ("the EPCI \"Communauté d'agglomération Valence Romans Agglo\" has no SIREN: the SIREN of "
                         "CA Valence Romans Agglo is 200068781")
    assert (w.path, w.hint) == (("territory", "epci"), 'add siren: "200068781"')


def test_departements_and_regions_are_checked(tmp_path):
    [p] = problems(tmp_path, "territory:\n  name: C\n  departement: {code: \"20\", name: Corse-du-Sud}\n")
    assert p.message == "'20' is not a département's code: did you mean 2A Corse-du-Sud?"
    assert p.path == ("territory", "departement", "code")
    [p] = problems(tmp_path, "territory:\n  name: C\n  region: {code: \"99\", name: Bretagne}\n")
    assert p.message == "'99' is not a région's code: did you mean 53 Bretagne?"
    path = write(tmp_path, "territory:\n  name: C\n  region: {code: \"82\", name: Rhône-Alpes}\n"
                           "  departement: {code: \"26\", name: Isère}\n")
    warnings = {w.path: w.message for w in pole_warnings(load_pole(path), path)}
    assert warnings[("territory", "region", "code")] == ("'82' was the code of the région Rhône-Alpes, merged into "
                                                          "84 Auvergne-Rhône-Alpes in 2016")
    assert warnings[("territory", "departement", "name")] == "'26' is the code of Drôme, not of 'Isère'"


def test_areas_named_without_a_code_are_not_warned(tmp_path):
    # As `ptce new` writes them: the région by its name only.
    path = write(tmp_path, "territory:\n  name: C\n  departements:\n    - name: Drome\n  region:\n    name: Île-de-France\n")
    assert pole_warnings(load_pole(path), path) == []


def test_several_departements_or_one_not_both(tmp_path):
    pole = load_pole(write(tmp_path, "territory:\n  name: Drôme-Ardèche\n  departements:\n"
                                     "    - {code: \"26\", name: Drôme}\n    - {code: \"07\", name: Ardèche}\n"))
    assert [r.name for r in pole.territory.derived_regions()] == ["Auvergne-Rhône-Alpes"]
    assert "07186" in pole.territory.extent() and "26281" in pole.territory.extent()  # Privas, Romans
    [p] = problems(tmp_path, "territory:\n  name: D\n  departement: {code: \"26\", name: Drôme}\n"
                             "  departements:\n    - {code: \"07\", name: Ardèche}\n")
    assert p.path == ("territory", "departements") and "not both" in p.message


def test_communes_outside_the_epci_or_departement_named_are_warned(tmp_path):
    path = write(tmp_path, "territory:\n  name: R\n  communes:\n    - {code: \"26113\", name: Die}\n"
                           "  epci: {siren: \"200068781\"}\n  departement: {code: \"38\", name: Isère}\n")
    messages = [w.message for w in pole_warnings(load_pole(path), path)]
    assert messages == ["26113 Die is not a member of the EPCI CA Valence Romans Agglo",
                        "26113 Die is in the département 26, not in 38"]


def test_the_derived_epci_departement_and_region():
    territory = Territory(name="Pôle Sud", communes=[{"code": "26281", "name": "Romans-sur-Isère"},
                                                     {"code": "26057", "name": "Bourg-de-Péage"},
                                                     {"code": "38185", "name": "Grenoble"}])
    assert [e.siren for e in territory.derived_epcis()] == ["200040715", "200068781"]
    assert [d.code for d in territory.derived_departements()] == ["26", "38"]
    assert [r.code for r in territory.derived_regions()] == ["84"]


def test_the_extent_of_a_territory():
    communes = [{"code": "26281", "name": "Romans-sur-Isère"}]
    assert Territory(name="R", communes=communes).extent() == {"26281"}
    with_epci = Territory(name="R", communes=communes, epci={"siren": "200068781"}).extent()
    assert "26362" in with_epci and "26113" not in with_epci  # Valence in, Die out
    region = Territory(name="AURA", region={"code": "84", "name": "Auvergne-Rhône-Alpes"}).extent()
    assert "26113" in region and "13055" not in region
    # A région beside communes is where they are, not the territory itself.
    assert Territory(name="R", communes=communes, region={"code": "84", "name": "AURA"}).extent() == {"26281"}
    assert Territory(name="Nowhere said").extent() == frozenset()
    assert "26029" in Territory(name="V", communes=[{"code": "26136", "name": "Val-Maravel"}]).extent()


def test_priority_areas_and_population_round_trip(tmp_path):
    body = ("territory:\n  name: Romans\n  communes:\n    - {code: \"26281\", name: Romans-sur-Isère}\n"
            "  priority_areas:\n    - kind: QPV\n      code: QN02612M\n      name: La Monnaie\n"
            "    - {kind: ZRR, name: Diois}\n"
            "  population:\n    value: 33464\n    year: 2021\n    source: INSEE, population légale\n")
    pole = load_pole(write(tmp_path, body))
    assert [a.kind.value for a in pole.territory.priority_areas] == ["QPV", "ZRR"]
    assert pole.territory.population.value == 33464
    again = tmp_path / "again.yaml"
    again.write_text(dump_pole(pole), encoding="utf-8")
    assert load_pole(again) == pole
    [p] = problems(tmp_path, body.replace("kind: ZRR", "kind: ZZZ"))
    assert p.path == ("territory", "priority_areas", 1, "kind") and "QPV" in p.hint
    [p] = problems(tmp_path, body.replace("    source: INSEE, population légale\n", ""))
    assert p.path == ("territory", "population", "source")


def test_validate_prints_warnings_and_exits_0(ptce, tmp_path):
    path = write(tmp_path, "territory:\n  name: Diois\n  communes:\n    - code: \"26150\"\n      name: Die\n")
    result = ptce("validate", path)
    assert result.returncode == 0, result.stderr
    assert "warning: " in result.stderr and f"{path}:7:7: territory.communes[0].code: " in result.stderr
    assert 'hint: write code: "26113"' in result.stderr
    result = ptce("validate", "--json", path)
    [report] = json.loads(result.stdout)
    assert report["valid"] and report["warnings"][0]["line"] == 7


def test_the_example_has_no_warning(pole_sud_path):
    assert pole_warnings(load_pole(pole_sud_path), pole_sud_path) == []


def test_territory_errors_in_the_model_itself():
    with pytest.raises(ValidationError) as caught:
        Pole(id="p", name="P", territory={"name": "T", "communes": [{"code": "26000", "name": "Valence"}]})
    [error] = caught.value.errors()
    assert error["loc"] == ("territory", "communes", 0, "code") and "26362 Valence" in error["msg"]
