"""The criteria read the format for real poles: legal persons derived from the new constructs,
actors that ceased to exist, SCIC associate categories, capital shares and unknown weights."""

from __future__ import annotations

import pytest
from criteria_poles import AT, actor

from ptce_kit.criteria import Verdict, check, registered_rules
from ptce_kit.criteria.status import legal_personality
from ptce_kit.model import Actor


def result(pole, rule_id, at=AT):
    profile = next(r.profile for r in registered_rules() if r.id == rule_id)
    return next(r for r in check(pole, profile, at=at).results if r.rule.id == rule_id)


def a(**fields):
    return Actor(**{"id": "x", "name": "X", "category": "other", **fields})


@pytest.mark.parametrize(("fields", "value", "decided_by"), [
    (dict(legal_person=True), True, "legal_person"),
    (dict(legal_person=False, legal_form_code="9220"), False, "legal_person"),
    (dict(collective={"count": 25}, legal_form_code="9220"), False, "collective"),
    (dict(part_of="scic", legal_form_code="5460"), False, "part_of"),
    (dict(operator={"actor": "asso", "contract": "lease"}), False, "operator"),
    (dict(legal_form_code="9220"), True, "legal_form_code"),
    ({}, None, "legal_person"),
])
def test_legal_personality_is_derived_in_the_stated_order(fields, value, decided_by):
    answer = legal_personality(a(**fields))
    assert answer.value is value
    assert decided_by in answer.fields


def test_an_explicit_value_that_contradicts_the_legal_form_is_noted():
    answer = legal_personality(a(legal_person=False, legal_form_code="9220"))
    assert answer.note and "9220" in answer.note


def test_decret_members_counts_neither_a_collective_nor_a_unit_as_a_legal_person(make):
    def lab_and_town_are_no_legal_persons(d):
        actor(d, "town").update(collective={"of": "communes of the valley"}, legal_form_code=None)
        actor(d, "lab").update(part_of="hub")

    r = result(make(lab_and_town_are_no_legal_persons), "decret.members")
    # hub, asso and firm are three legal persons, but no other person of art. 9 is one.
    assert r.verdict is Verdict.FAIL, r.finding.message
    assert "another person named in art. 9" in r.finding.message
    assert result(make(), "decret.members").verdict is Verdict.PASS


def test_an_actor_that_ceased_is_not_a_present_member(make):
    def firm_closed(d):
        actor(d, "firm").update(ceased="2020", ceased_how="closed")
        for p in d["partnerships"]:
            p["since"] = "2015"
    pole = make(firm_closed)
    assert "firm" not in {x.id for x in pole.members_at(AT)}
    assert result(pole, "decret.members").verdict is Verdict.FAIL  # no enterprise outside the ESS any more
    # Ceased within the period checked: it may or may not be there, so the verdict hangs.
    pole = make(lambda d: actor(d, "firm").update(ceased="2024"))
    assert result(pole, "decret.members").verdict is Verdict.UNKNOWN


def scic_categories(*categories):
    def change(d):
        for x in d["actors"]:
            x["roles"] = [r for r in x.get("roles", []) if not r.startswith("scic-")]
        d["governance"]["associate_categories"] = list(categories)
    return change


EMPLOYEES = {"name": "Salariés", "kind": "employees", "count": 8, "capital_share": 20}
USERS = {"name": "Usagers", "kind": "users", "count": 120, "capital_share": 30}
PUBLIC = {"name": "Collectivités", "kind": "public", "members": ["town"], "capital_share": 30}


@pytest.mark.parametrize(("categories", "verdict", "words"), [
    ((EMPLOYEES, USERS, PUBLIC), Verdict.PASS, "3 categories"),
    ((EMPLOYEES, PUBLIC), Verdict.FAIL, "the beneficiaries"),
    ((USERS, PUBLIC, {"name": "Bénévoles", "kind": "volunteers"}), Verdict.FAIL, "the employees, or the producers"),
    (({**EMPLOYEES, "kind": "producers"}, USERS, PUBLIC), Verdict.PASS, "Salariés (producers)"),
    (({**EMPLOYEES, "count": 0}, USERS, PUBLIC), Verdict.FAIL, "the employees"),
    ((), Verdict.UNKNOWN, "does not say"),
])
def test_scic_categories_read_the_associate_categories(make, categories, verdict, words):
    r = result(make(scic_categories(*categories)), "scic.categories")
    assert r.verdict is verdict, r.finding.message
    assert words in r.finding.message
    if verdict is Verdict.UNKNOWN:
        assert r.finding.missing == ("governance.associate_categories",)


@pytest.mark.parametrize(("public", "verdict"), [
    (PUBLIC, Verdict.PASS),
    ({**PUBLIC, "capital_share": 50}, Verdict.PASS),
    ({**PUBLIC, "capital_share": 50.5}, Verdict.FAIL),
    # Not all named as local authorities: the limit may not apply to all of them.
    ({**PUBLIC, "members": [], "capital_share": 50.5}, Verdict.WARN),
])
def test_scic_public_capital_reads_the_public_category(make, public, verdict):
    pole = make(lambda d: (scic_categories(EMPLOYEES, {**USERS, "capital_share": 10}, public)(d),
                           d.update(indicators=[])))
    r = result(pole, "scic.public-capital")
    assert r.verdict is verdict, r.finding.message


def test_scic_public_capital_is_unknown_with_the_deciding_field(make):
    pole = make(lambda d: (scic_categories(EMPLOYEES, USERS, {**PUBLIC, "capital_share": None})(d),
                           d.update(indicators=[])))
    r = result(pole, "scic.public-capital")
    assert r.verdict is Verdict.UNKNOWN
    assert r.finding.missing == ("governance.associate_categories[2].capital_share",)


def test_scic_colleges_with_an_unknown_weight_is_unknown(make):
    colleges = [{"name": "A", "weight": 40}, {"name": "B", "weight": "unknown"}, {"name": "C", "weight": 30}]
    r = result(make(lambda d: d["governance"].update(colleges=colleges)), "scic.colleges")
    assert r.verdict is Verdict.UNKNOWN, r.finding.message
    assert r.finding.missing == ("governance.colleges[1].weight",)
    # A known weight out of bounds fails whatever the others are.
    colleges[0]["weight"] = 60
    r = result(make(lambda d: d["governance"].update(colleges=colleges)), "scic.colleges")
    assert r.verdict is Verdict.FAIL


def test_a_scic_by_its_history_gets_the_scic_rules(make):
    history = [{"form": "association", "since": "2010", "until": "2015"}, {"form": "scic", "since": "2015"}]
    pole = make(lambda d: d["governance"].pop("form") and d["governance"].update(form_history=history))
    assert result(pole, "scic.colleges").finding.applies
    assert "scic" in check(pole, at=AT).profiles


def test_pole_sud_collectives_are_not_legal_persons(pole_sud):
    for actor_id in ("collectivites-locales", "organismes-formation", "etudiants-master", "esat-adapei"):
        assert legal_personality(pole_sud.actor(actor_id)).value is False, actor_id
