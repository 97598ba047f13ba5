"""The second bundled example, a fictitious pole: it exercises every construct of the format
for real poles, validates, builds and checks as users run it, and writes back unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ptce_kit.criteria.status import legal_personality
from ptce_kit.io import load_pole
from ptce_kit.model import GovernanceForm, pole_to_data

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "coteaux_fictif" / "pole.yaml"


@pytest.fixture(scope="module")
def coteaux():
    return load_pole(EXAMPLE)


def test_it_says_it_is_fictitious_everywhere_and_holds_no_identifier(coteaux):
    head = EXAMPLE.read_text(encoding="utf-8").split("format: ptce/1")[0]
    assert "FICTITIOUS POLE" in head
    assert "fictif" in coteaux.name and "fictif" in (coteaux.long_name or "")
    assert coteaux.description.startswith("Exemple fictif")
    for actor in coteaux.actors:
        assert actor.siren is None and actor.siret is None, actor.id
        assert "fictif" in actor.name or "fictive" in actor.name, actor.id


def test_every_construct_of_the_format_for_real_poles_is_there(coteaux):
    gov = coteaux.governance
    assert [p.form for p in gov.form_history] == [GovernanceForm.ASSOCIATION, GovernanceForm.SCIC]
    assert gov.form is GovernanceForm.SCIC  # derived from the history, not written
    assert [s.id for s in coteaux.sites] == ["ancienne-gare", "halle"]
    merged = coteaux.actor("asso-bois-energie")
    assert (merged.ceased_how, merged.successor) == ("merged", "coop-bois")
    assert coteaux.actor("labo-usages").part_of == "scic-coteaux"
    assert [(o.actor, o.share) for o in coteaux.actor("ateliers-partages").owners] == [
        ("scic-coteaux", 60), ("menuiserie-vercors", 40)]
    assert coteaux.actor("benevoles-chercheurs").collective.count == 25
    venue = coteaux.actor("halle-des-coteaux")
    assert (venue.operator.actor, venue.operator.contract) == ("asso-halle", "public-service")
    kinds = {c.kind: (c.count, c.capital_share) for c in gov.associate_categories}
    assert kinds == {"employees": (8, 15), "users": (120, 25), "public": (1, 30), "other": (None, 30)}
    assert [c.until for c in coteaux.actor("scic-coteaux").contacts] == ["2016", None]


def test_the_merged_actor_is_not_a_member_after_it_ceased_and_collectives_are_not_legal_persons(coteaux):
    assert "asso-bois-energie" in {a.id for a in coteaux.members_at("2015")}
    assert "asso-bois-energie" not in {a.id for a in coteaux.members_at("2018")}
    for actor_id in ("benevoles-chercheurs", "organismes-formation", "labo-usages", "halle-des-coteaux"):
        assert legal_personality(coteaux.actor(actor_id)).value is False, actor_id


def test_validate_build_and_check_through_the_cli(ptce, tmp_path):
    valid = ptce("validate", EXAMPLE)
    assert valid.returncode == 0, valid.stdout + valid.stderr
    out = tmp_path / "out"
    built = ptce("build", EXAMPLE.parent, "-o", out)
    assert built.returncode == 0, built.stdout + built.stderr
    assert {"charte.md", "registre.csv", "fiche.md", "carte.png", "carte.html"} <= {p.name for p in out.iterdir()}
    checked = ptce("check", EXAMPLE, "--format", "json", "--at", "2024")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    [report] = json.loads(checked.stdout)
    assert report["profiles"] == ["definition", "scic"] and not report["failed"]
    verdicts = {r["rule"]: r["verdict"] for r in report["results"]}
    for rule in ("scic.form", "scic.categories", "scic.public-capital", "scic.colleges", "art9.ess-core"):
        assert verdicts[rule] == "pass", rule


def test_it_writes_back_unchanged(coteaux, tmp_path):
    from ptce_kit.io import save_pole

    copy = save_pole(coteaux, tmp_path / "pole.yaml")
    again = load_pole(copy)
    assert pole_to_data(again) == pole_to_data(coteaux)
    # The derived form is not written: the file keeps saying only what it said.
    assert "form" not in pole_to_data(again)["governance"]
    assert copy.read_text(encoding="utf-8") == save_pole(again, tmp_path / "again.yaml").read_text(encoding="utf-8")


def test_the_editing_path_keeps_every_new_field_and_checks_them(ptce, tmp_path):
    path = tmp_path / "pole.yaml"
    original = EXAMPLE.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    done = ptce("member", "update", path, "asso-bois-energie", "--set", "ceased_how=dissolved")
    assert done.returncode == 0, done.stdout + done.stderr
    changed = [(a, b) for a, b in zip(original.splitlines(), path.read_text(encoding="utf-8").splitlines()) if a != b]
    assert changed == [("    ceased_how: merged", "    ceased_how: dissolved")]
    before = path.read_bytes()
    refused = ptce("member", "update", path, "asso-bois-energie", "--set", "successor=coop-boiss")
    assert refused.returncode == 1
    assert "successor" in refused.stderr + refused.stdout and "did you mean 'coop-bois'" in refused.stderr + refused.stdout
    assert path.read_bytes() == before


def test_compare_counts_neither_the_actor_that_ceased_nor_the_form_it_no_longer_has(coteaux):
    from ptce_kit.comparison import compare

    [row] = compare([coteaux])
    assert row["actors"] == len(coteaux.actors) - 1  # the association merged into the cooperative
    assert row["governance_form"] == "scic"


def test_it_holds_every_construct_of_the_format_for_real_poles(coteaux):
    # Issue 16: the second example shows each kind of fact real poles needed.
    assert coteaux.governance.form_history and coteaux.sites and coteaux.governance.associate_categories
    assert coteaux.governance.statutes is not None and coteaux.support and coteaux.support_complete
    assert coteaux.labels and coteaux.events and coteaux.variants
    assert any(p.chain for p in coteaux.partnerships) and any(p.participants_known is False for p in coteaux.partnerships)
    assert any(i.min is not None for i in coteaux.indicators)
    assert len([i for i in coteaux.indicators if i.name == "Emplois"]) == 2  # a series, by year
    assert coteaux.territory.epci is not None
    kinds = {field for a in coteaux.actors for field in ("ceased", "part_of", "owners", "collective", "operator")
             if getattr(a, field)}
    assert kinds == {"ceased", "part_of", "owners", "collective", "operator"}


def test_state_call_rule_reads_its_support(ptce):
    # Laureate of the State's 2015 call: already supported by an earlier call.
    checked = ptce("check", EXAMPLE, "--profile", "state-call", "--format", "json", "--at", "2024")
    [report] = json.loads(checked.stdout)
    verdicts = {r["rule"]: r["verdict"] for r in report["results"]}
    assert verdicts["decret.not-yet-supported"] == "fail"
