"""An actor whose status is not stated is shown as such: never counted as a member, never a signatory."""

from __future__ import annotations

import copy

import pytest

from ptce_kit.criteria import Verdict, check
from ptce_kit.io.geojson import to_geojson
from ptce_kit.io.linked_data import turtle_text
from ptce_kit.model import Pole
from ptce_kit.network import to_graph
from ptce_kit.render import render_markdown
from ptce_kit.render.documents import registry_csv, registry_table
from ptce_kit.render.report import render_report_markdown
from ptce_kit.summary import summarize

DATA = {
    "id": "val", "name": "Pôle du Val", "language": "fr",
    "actors": [
        {"id": "coop", "name": "Coop du Val", "article": "la", "category": "ess_enterprise", "ess": True,
         "legal_form_code": "5458", "status": "member", "coordinates": {"lat": 45.04, "lon": 5.05}},
        {"id": "atelier", "name": "Atelier Vert", "article": "l'", "gender": "m", "category": "ess_enterprise",
         "ess": True, "legal_form_code": "9220", "coordinates": {"lat": 45.03, "lon": 5.06}},
        {"id": "firm", "name": "Firm SARL", "category": "enterprise", "ess": False, "legal_form_code": "5499"},
        {"id": "town", "name": "Mairie du Val", "article": "la", "category": "local_authority",
         "legal_form_code": "7210"},
        {"id": "lab", "name": "Labo du Val", "article": "le", "category": "research_centre", "status": "partner"},
    ],
    "partnerships": [{"id": "t", "actors": ["coop", "atelier", "firm", "town"], "kind": "cooperation"}],
}


@pytest.fixture
def pole() -> Pole:
    return Pole.model_validate(copy.deepcopy(DATA))


def test_the_charter_counts_only_the_stated_members_and_lists_the_others_apart(pole):
    charter = render_markdown(pole, "charter")
    assert "Le pôle réunit 1 membre" in charter
    unstated = charter.split("### Acteurs dont le statut n’est pas précisé", 1)[1].split("\n### ", 1)[0]
    assert "leur statut est à préciser avant la signature" in unstated
    for name in ("Atelier Vert", "Firm SARL", "Mairie du Val"):
        assert f"**{name}**" in unstated
    assert "Coop du Val" not in unstated and "Labo du Val" not in unstated


def test_only_stated_members_sign(pole):
    signatures = render_markdown(pole, "charter").split("## Signatures", 1)[1]
    assert "Coop du Val" in signatures
    for name in ("Atelier Vert", "Firm SARL", "Mairie du Val", "Labo du Val"):
        assert name not in signatures


def test_the_registry_lists_them_under_statut_non_precise(pole):
    registry = render_markdown(pole, "registry")
    assert "1 membre, 1 partenaire, aucun acteur pressenti et 3 acteurs dont le statut n’est pas précisé." in registry
    section = registry.split("## Statut non précisé (3)", 1)[1]
    assert "| atelier |" in section and "| coop |" not in section
    table = registry_table(pole)
    assert [s["status"] for s in table["sections"]] == ["member", "partner", "unstated"]
    english = render_markdown(pole, "registry", lang="en")
    assert "## Status not stated (3)" in english and "3 actors whose status is not stated" in english


def test_the_registry_csv_leaves_the_status_cell_empty(pole):
    lines = registry_csv(pole).decode("utf-8-sig").splitlines()
    header = lines[0].split(";")
    status = header.index("Statut")
    cells = {line.split(";")[0]: line.split(";")[status] for line in lines[1:]}
    assert cells == {"coop": "membre", "atelier": "", "firm": "", "town": "", "lab": "partenaire"}


def test_the_registry_of_a_pole_with_stated_statuses_only_is_unchanged():
    stated = copy.deepcopy(DATA)
    for actor in stated["actors"]:
        actor.setdefault("status", "member")
    registry = render_markdown(Pole.model_validate(stated), "registry")
    assert "4 membres, 1 partenaire et aucun acteur pressenti." in registry
    assert "Statut non précisé" not in registry


def test_the_three_legal_persons_rule_is_unknown_and_names_the_status_field(pole):
    result = next(r for r in check(pole, "state-call").results if r.rule.id == "decret.members")
    assert result.verdict is Verdict.UNKNOWN
    assert "actors[].status" in result.finding.missing
    members = copy.deepcopy(DATA)
    for actor in members["actors"]:
        actor.setdefault("status", "member")
    result = next(r for r in check(Pole.model_validate(members), "state-call").results
                  if r.rule.id == "decret.members")
    assert result.verdict is Verdict.PASS


def test_exports_say_no_status_rather_than_member(pole):
    graph = to_graph(pole)
    assert graph.nodes["atelier"]["status"] is None and graph.nodes["coop"]["status"] == "member"
    features = {f["properties"]["id"]: f["properties"] for f in to_geojson(pole)["features"]}
    assert features["atelier"]["status"] is None and features["coop"]["status"] == "member"
    turtle = turtle_text(pole)
    # A membership of the pole for the stated member only (a tie's org:hasMember is another thing).
    assert "org:member <urn:ptce:val:actor:coop>" in turtle
    assert "org:member <urn:ptce:val:actor:atelier>" not in turtle
    assert summarize(pole)["actors"]["by_status"] == {"member": 1, "unstated": 3, "partner": 1}


def test_the_yearly_report_says_an_arrival_s_status_is_not_stated():
    data = copy.deepcopy(DATA)
    data["actors"][1]["joined"] = "2023-03"
    report = render_report_markdown(Pole.model_validate(data), 2023)
    assert "**Atelier Vert** (entreprise de l’ESS, statut non précisé), en mars 2023." in report


def test_an_unstated_actors_untitled_ties_are_one_blank_as_a_members_are():
    data = copy.deepcopy(DATA)
    data["partnerships"] += [{"id": f"u{i}", "actors": ["atelier", "firm"], "kind": "cooperation"} for i in range(2)]
    charter = render_markdown(Pole.model_validate(data), "charter", lang="fr")
    line = next(x for x in charter.splitlines() if x.startswith("- **Atelier Vert**"))
    assert "3 [intitulés à préciser]" in line, line
    assert "[intitulé à préciser] ;" not in line


def test_a_prospective_actor_is_not_said_to_have_announced_an_intention():
    """The data says an actor is expected (« pressenti »), not that it declared anything."""
    data = copy.deepcopy(DATA)
    data["actors"].append({"id": "zone", "name": "Association des zones", "category": "enterprise",
                           "status": "prospective"})
    charter = render_markdown(Pole.model_validate(data), "charter", lang="fr")
    assert "intention" not in charter
    line = next(x for x in charter.splitlines() if x.startswith("Acteur pressenti"))
    assert line.replace("\xa0", " ") == "Acteur pressenti, qui n’est pas encore membre : Association des zones."


def test_the_fiche_lists_the_actors_whose_status_is_not_stated(pole):
    """The fiche describes who is in the pole; a status not yet stated does not leave it blank."""
    fiche = render_markdown(pole, "fiche", lang="fr")
    actors = fiche.split("## Les acteurs")[1].split("\n## ")[0]
    assert "[acteurs à préciser]" not in actors
    assert "Atelier Vert" in actors and "Coop du Val" in actors
    assert "Labo du Val" not in actors  # a partner: the fiche's « Les partenaires » says it
