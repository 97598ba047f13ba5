"""An explicit ``informal`` and a form not given stay apart after a save and a load (issue 21).

The format's default form is ``informal``, which ``pole_to_data`` leaves out: ``save_pole``
writes an explicit ``form: informal`` back, and ``ptce compare`` counts as informal only a
pole whose file says so (a file that says nothing of its form is unknown, never informal).
"""

from __future__ import annotations

import csv

import pytest

from ptce_kit.comparison import compare, governance_form, write_table
from ptce_kit.io import dump_pole, load_pole, save_pole
from ptce_kit.model import Governance, GovernanceForm, Pole
from ptce_kit.synth import synthetic_pole, synthetic_poles

AT = "2030"
ACTORS = [{"id": "a", "name": "A", "category": "ess_enterprise"}, {"id": "b", "name": "B", "category": "enterprise"}]

#: governance section of the file (None: none at all) -> the form the file states.
CASES = {
    "nothing": (None, None),
    "empty-section": ({}, None),
    "bodies-only": ({"decision_rule": "consensus", "bodies": [{"name": "Assemblée"}]}, None),
    "informal-alone": ({"form": "informal"}, "informal"),
    "informal-with-bodies": ({"form": "informal", "decision_rule": "consensus"}, "informal"),
    "scic": ({"form": "scic"}, "scic"),
    "from-history": ({"form_history": [{"form": "association", "since": "2010", "until": "2015"},
                                       {"form": "scic", "since": "2015"}]}, "scic"),
    "history-ended": ({"form_history": [{"form": "association", "since": "2010", "until": "2015"}]}, None),
}


def _pole(name: str) -> Pole:
    section, _ = CASES[name]
    data = {"id": name, "name": name.title(), "actors": ACTORS,
            "projects": [{"id": "x", "name": "X"}]}  # a field after governance's place
    if section is not None:
        data["governance"] = section
    return Pole.model_validate(data)


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
@pytest.mark.parametrize("name", list(CASES))
def test_the_stated_form_survives_save_and_load(tmp_path, name, suffix):
    expected = CASES[name][1]
    pole = _pole(name)
    assert governance_form(pole) == expected
    path = save_pole(pole, tmp_path / f"{name}{suffix}")
    again = load_pole(path)
    assert governance_form(again) == expected
    assert (again.governance.stated_form is None) == (expected is None)
    # and a second round trip writes the same bytes
    assert dump_pole(again, fmt=suffix[1:]) == path.read_text(encoding="utf-8")


def test_an_explicit_informal_is_written_and_a_form_not_given_is_not(tmp_path):
    text = dump_pole(_pole("informal-alone"))
    assert "governance:\n  form: informal\n" in text
    # at its place among the fields: after the projects, as any governance section
    assert text.index("projects:") < text.index("governance:")
    assert dump_pole(_pole("bodies-only")).count("form:") == 0
    assert "governance" not in dump_pole(_pole("nothing")) and "governance" not in dump_pole(_pole("empty-section"))
    # a form derived from the history is not written back (the file keeps what it said)
    assert "\n  form: scic" not in dump_pole(_pole("from-history"))
    with_bodies = dump_pole(_pole("informal-with-bodies"))
    assert with_bodies.index("form: informal") < with_bodies.index("decision_rule")


def test_a_pole_that_says_nothing_is_never_counted_informal(tmp_path):
    files = [save_pole(_pole(name), tmp_path / f"{name}.yaml") for name in CASES]
    rows = compare([load_pole(f) for f in files], criteria_at=AT, profiles=())
    assert {r["pole"]: r["governance_form"] for r in rows} == {name: form for name, (_, form) in CASES.items()}
    informal = sum(r["governance_form"] == GovernanceForm.INFORMAL.value for r in rows)
    assert informal == 2
    out = write_table(rows, tmp_path / "t.csv", sep=";")
    with open(out, encoding="utf-8-sig", newline="") as f:
        written = {r["pole"]: r["governance_form"] for r in csv.DictReader(f, delimiter=";")}
    assert written["bodies-only"] == "" and written["informal-alone"] == "informal"


def test_synthetic_informal_poles_stay_informal_after_a_save(tmp_path):
    poles = [*synthetic_poles(8, seed=5), synthetic_pole(20, seed=1)]
    assert any(p.governance.form is GovernanceForm.INFORMAL for p in poles)
    for pole in poles:
        again = load_pole(save_pole(pole, tmp_path / f"{pole.id}.yaml"))
        assert governance_form(again) == pole.governance.form.value


def test_stated_form_reads_the_file_not_the_default():
    assert Governance().form is GovernanceForm.INFORMAL and Governance().stated_form is None
    assert Governance(form="informal").stated_form is GovernanceForm.INFORMAL
