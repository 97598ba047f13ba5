"""art9.territory: an actor in a commune of the territory's EPCI or département is on the territory."""

from __future__ import annotations

import copy

from criteria_poles import AT, GOOD, actor

from ptce_kit.criteria import Verdict, check
from ptce_kit.model import Pole


def finding(data):
    report = check(Pole.model_validate(data), "definition", at=AT)
    return next(r for r in report.results if r.rule.id == "art9.territory").finding


def pole_with(territory, communes):
    data = copy.deepcopy(GOOD)
    data["territory"] = territory
    for actor_id, code in communes.items():
        actor(data, actor_id)["commune"] = code
    return data


ROMANS = {"name": "Romans", "communes": [{"code": "26281", "name": "Romans-sur-Isère"}]}
# Valence (26362) is in Valence Romans Agglo, Die (26113) and Crest (26108) in the Drôme but not in it.
IN_VALENCE = {"firm": "26362", "town": "26362"}


def test_actors_in_the_epci_count_as_on_the_territory():
    # Without the EPCI, the ties to Valence leave Romans: 2 of the 7 ties stay (the lease is 3 ties).
    alone = finding(pole_with(ROMANS, IN_VALENCE))
    assert alone.verdict is Verdict.WARN and alone.message.startswith("29% of the 7 ties")
    with_epci = finding(pole_with({**ROMANS, "epci": {"siren": "200068781"}}, IN_VALENCE))
    assert with_epci.verdict is Verdict.PASS
    assert with_epci.message == ("100% of the 7 ties with known communes stay within Romans "
                                 "(1 commune, with the EPCI CA Valence Romans Agglo: 54 communes)")
    assert "territory.epci" in with_epci.evidence["fields"]


def test_a_territory_that_is_an_epci_by_its_siren():
    found = finding(pole_with({"name": "Agglo", "epci": {"siren": "200068781"}}, IN_VALENCE))
    assert found.verdict is Verdict.PASS and found.message.startswith("100% of the 7 ties")
    outside = finding(pole_with({"name": "Agglo", "epci": {"siren": "200068781"}},
                                {"hub": "26113", "asso": "26113", "lab": "26108"}))
    assert outside.verdict is Verdict.WARN


def test_departements_count_and_a_region_alone_is_the_territory():
    in_drome = {"hub": "26113", "asso": "26113", "lab": "26108"}
    assert finding(pole_with({**ROMANS, "departement": {"code": "26", "name": "Drôme"}}, in_drome)).verdict is Verdict.PASS
    assert finding(pole_with({**ROMANS, "departements": [{"code": "07", "name": "Ardèche"}]}, in_drome)).verdict is Verdict.WARN
    region = {"name": "AURA", "region": {"code": "84", "name": "Auvergne-Rhône-Alpes"}}
    found = finding(pole_with(region, {"hub": "69123", "asso": "38185"}))
    assert found.verdict is Verdict.PASS and "the région Auvergne-Rhône-Alpes" in found.message
    assert finding(pole_with(region, {"hub": "13055", "asso": "13055", "lab": "13055"})).verdict is Verdict.WARN


def test_former_communes_count_through_their_successor():
    territory = {"name": "Val-Maravel", "communes": [{"code": "26136", "name": "Val-Maravel"}]}
    everyone = {a["id"]: "26029" for a in GOOD["actors"]}  # Beaurières, merged into Val-Maravel
    assert finding(pole_with(territory, everyone)).message.startswith("100% of the 7 ties")


def test_unknown_stays_unknown():
    data = pole_with({"name": "Agglo", "epci": {"siren": "200068781"}}, {})
    for a in data["actors"]:
        a.pop("commune", None)
    found = finding(data)
    assert found.verdict is Verdict.PASS and "not measured" in found.message
