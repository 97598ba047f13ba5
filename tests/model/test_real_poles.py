"""The format for real poles: time on the pole's structure, organisational structure, colleges
and SCIC associates.  Each construct is read, written back unchanged, and a bad value is
reported at its line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from ptce_kit.errors import PoleError
from ptce_kit.io import load_pole, save_pole
from ptce_kit.model import GovernanceForm, Pole, pole_to_data

BASE = """\
format: ptce/1
id: demo
name: Demo
sites:
  - id: gare
    name: Ancienne gare
    since: "2011"
    until: "2016"
  - id: halle
    name: Halle
    since: "2016"
actors:
  - id: scic
    name: SCIC
    category: ess_enterprise
    legal_form_code: "5460"
    presence: resident
    presences:
      - {site: gare, presence: resident, since: "2011", until: "2016"}
      - {site: halle, presence: resident, since: "2016"}
    contacts:
      - name: Camille
        role: coordinatrice
        since: "2011"
        until: "2016"
    created: "2016"
  - id: lab
    name: Lab
    category: research_centre
    part_of: scic
  - id: sub
    name: Filiale
    category: enterprise
    owners:
      - {actor: scic, share: 60}
      - {actor: firm, share: 40}
  - id: firm
    name: Firm
    category: enterprise
    legal_person: true
  - id: old
    name: Old association
    category: ess_enterprise
    joined: "2012"
    created: "2009"
    ceased: "2017"
    ceased_how: merged
    successor: scic
  - id: crowd
    name: Volunteers
    category: other
    collective: {count: 25, of: volunteers and researchers}
  - id: hall
    name: The hall
    category: other
    owners:
      - {actor: town}
    operator: {actor: scic, contract: public-service, since: "2016", duration: 12 years}
  - id: town
    name: Town
    category: local_authority
governance:
  form_history:
    - {form: association, since: "2011", until: "2016", source: statutes of 2011}
    - {form: scic, since: "2016"}
  colleges:
    - {name: Salariés, weight: 40, members_known: false, count: 8}
    - {name: Usagers, weight: unknown}
    - {name: Collectivités, weight: 30, members: [town], members_known: true, count: 1}
  associate_categories:
    - {name: Salariés, kind: employees, count: 8, capital_share: 20}
    - {name: Usagers, kind: users, count: 120, capital_share: 30}
    - {name: Collectivités, kind: public, members: [town], capital_share: 30}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pole.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_construct_is_read(tmp_path):
    pole = load_pole(write(tmp_path, BASE))
    assert pole.governance.form is GovernanceForm.SCIC
    assert pole.governance.form_at("2013") is GovernanceForm.ASSOCIATION
    assert pole.governance.form_at("2010") is None
    assert pole.actor("scic").presence_at("gare", "2012").value == "resident"
    assert pole.actor("scic").presence_at("gare", "2020") is None
    assert pole.actor("scic").contacts[0].until == "2016"
    assert pole.actor("old").active_at("2016") and not pole.actor("old").active_at("2018")
    assert [a.id for a in pole.members_at("2018")] == ["scic", "lab", "sub", "firm", "crowd", "hall", "town"]
    assert pole.actor("hall").operator.duration == "12 years"
    assert pole.governance.colleges[1].known_weight is None
    assert pole.governance.associate_categories[2].members == ["town"]


def test_written_back_unchanged(tmp_path):
    pole = load_pole(write(tmp_path, BASE))
    saved = save_pole(pole, tmp_path / "saved.yaml")
    again = load_pole(saved)
    assert again == pole
    assert pole_to_data(again) == pole_to_data(pole)
    # The form derived from the history is not added to the file; a form that was given stays.
    assert "form" not in pole_to_data(again)["governance"]
    given = Pole.model_validate({**pole_to_data(pole), "governance": {
        **pole_to_data(pole)["governance"], "form": "scic"}})
    assert pole_to_data(given)["governance"]["form"] == "scic"


def test_ptce1_files_without_the_new_fields_keep_their_meaning():
    pole = Pole(id="p", name="P", governance={"form": "association"},
                actors=[{"id": "a", "name": "A", "category": "other", "left": "2020"}])
    assert pole.governance.form is GovernanceForm.ASSOCIATION and pole.governance.form_at("1990") is GovernanceForm.ASSOCIATION
    assert pole_to_data(pole)["governance"] == {"form": "association"}


# (old text, new text, needle on the line the problem must point at, field path, words of the message)
CASES = {
    "form disagrees with its history": (
        "  form_history:\n", "  form: association\n  form_history:\n", "form: association",
        ("governance", "form"), "form_history says"),
    "two open forms": (
        '{form: association, since: "2011", until: "2016", source: statutes of 2011}',
        '{form: association, since: "2011", source: statutes of 2011}', "form: association",
        ("governance", "form_history", 0, "until"), "only the current form has none"),
    "history out of order": (
        '{form: scic, since: "2016"}', '{form: scic, since: "2010"}', "form: scic",
        ("governance", "form_history", 1, "since"), "oldest first"),
    "presence at an unknown site": (
        "{site: halle, presence: resident", "{site: hale, presence: resident", "site: hale",
        ("actors", 0, "presences", 1, "site"), "not the id of any of the pole's sites"),
    "duplicate site id": ("  - id: halle\n", "  - id: gare\n", ("- id: gare", 2), ("sites", 1, "id"), "already used"),
    "site ends before it starts": ('    since: "2016"\nactors:', '    since: "2016"\n    until: "2015"\nactors:',
                                   'until: "2015"', ("sites", 1, "until"), "before 'since'"),
    "contact dates reversed": ('        since: "2011"\n        until: "2016"', '        since: "2016"\n        until: "2011"',
                               'until: "2011"', ("actors", 0, "contacts", 0, "until"), "before 'since'"),
    "successor is no actor": ("successor: scic", "successor: sicc", "successor: sicc",
                              ("actors", 4, "successor"), "did you mean 'scic'"),
    "ceased before created": ('created: "2009"', 'created: "2018"', 'ceased: "2017"',
                              ("actors", 4, "ceased"), "before 'created'"),
    "ceased_how without ceased": ('    ceased: "2017"\n', "", "ceased_how: merged",
                                  ("actors", 4, "ceased_how"), "'ceased' is not given"),
    "left after it ceased": ('    joined: "2012"\n    created: "2009"', '    joined: "2012"\n    left: "2019"\n    created: "2009"',
                             'left: "2019"', ("actors", 4, "left"), "after the actor ceased"),
    "unit of an unknown actor": ("part_of: scic", "part_of: scoc", "part_of: scoc", ("actors", 1, "part_of"), "not the id"),
    "unit of itself": ("part_of: scic", "part_of: lab", "part_of: lab", ("actors", 1, "part_of"), "unit of itself"),
    "owners above 100 %": ("{actor: firm, share: 40}", "{actor: firm, share: 50}", "owners:",
                           ("actors", 2, "owners"), "110 %"),
    "owner listed twice": ("{actor: firm, share: 40}", "{actor: scic, share: 40}", "{actor: scic, share: 40}",
                           ("actors", 2, "owners", 1, "actor"), "list each owner once"),
    "unknown owner": ("{actor: firm, share: 40}", "{actor: frm, share: 40}", "{actor: frm",
                      ("actors", 2, "owners", 1, "actor"), "did you mean 'firm'"),
    "collective said a legal person": ("collective: {count: 25", "legal_person: true\n    collective: {count: 25",
                                       ("legal_person: true", 2), ("actors", 5, "legal_person"), "contradicts 'collective'"),
    "negative collective count": ("{count: 25,", "{count: -2,", "count: -2", ("actors", 5, "collective", "count"),
                                  "is out of range: it should be at least 0"),
    "unknown contract": ("contract: public-service", "contract: dsp", "contract: dsp",
                         ("actors", 6, "operator", "contract"), "not allowed"),
    "operator is no actor": ("operator: {actor: scic,", "operator: {actor: nobody,", "actor: nobody",
                             ("actors", 6, "operator", "actor"), "not the id"),
    "college count below its members": ("members: [town], members_known: true, count: 1",
                                        "members: [town], members_known: true, count: 0", "members: [town], members_known",
                                        ("governance", "colleges", 2, "count"), "less than"),
    "bad weight word": ("weight: unknown", "weight: unsure", "weight: unsure", ("governance", "colleges", 1, "weight"),
                        "a percentage such as 30, or 'unknown'"),
    "unknown associate kind": ("kind: users", "kind: customers", "kind: customers",
                               ("governance", "associate_categories", 1, "kind"), "not allowed"),
    "capital above 100 %": ("capital_share: 30}\n    - {name: Collectivités", "capital_share: 60}\n    - {name: Collectivités",
                            "associate_categories:", ("governance", "associate_categories"), "110 %"),
    "associate in two categories": ("{name: Salariés, kind: employees, count: 8,",
                                    "{name: Salariés, kind: employees, members: [town], count: 8,", "kind: public",
                                    ("governance", "associate_categories", 2, "members", 0), "one category"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_bad_value_is_located(tmp_path, name):
    old, new, needle, path_expected, words = CASES[name]
    assert BASE.count(old) == 1, old
    text = BASE.replace(old, new)
    path = write(tmp_path, text)
    with pytest.raises(PoleError) as info:
        load_pole(path)
    found = [p for p in info.value.problems if p.path == path_expected]
    assert found, f"no problem at {path_expected}: {info.value.problems}"
    problem = found[0]
    assert words in problem.message, problem.message
    needle, occurrence = needle if isinstance(needle, tuple) else (needle, 1)
    hits = [i + 1 for i, line in enumerate(text.splitlines()) if needle in line]
    assert problem.line == hits[occurrence - 1], str(problem)
