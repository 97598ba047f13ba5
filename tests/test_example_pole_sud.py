"""The Pôle Sud example states what the fiche says, and nothing it does not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ptce_kit.model import NARRATIVE_SECTIONS, ActorStatus, Category, Presence

FICHE = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "pole_sud_fiche.txt"


def test_pivot_and_governance(pole_sud):
    assert pole_sud.pivot_actor.name == "Groupe Archer"
    assert {"pivot", "founder"} <= set(pole_sud.pivot_actor.roles)
    gov = pole_sud.governance
    assert gov.form.value == "informal"
    assert [a.kind for a in gov.legal_acts] == ["lease"]
    [body] = gov.bodies
    assert (body.cadence.every, body.cadence.unit, body.members) == (6, "week", "all")
    assert "repas" in body.format
    assert pole_sud.actor(gov.facilitation.by).name.startswith("CRESS Rhône-Alpes")


def test_presence_at_the_site_as_the_fiche_says(pole_sud):
    presence = {a.id: a.presence for a in pole_sud.actors}
    for resident in ("groupe-archer", "urscop", "coorace", "cress-rhone-alpes", "boutique-logement", "amap-regroupement"):
        assert presence[resident] is Presence.RESIDENT, resident
    assert presence["adie"] is Presence.OFFICE_HOURS
    assert presence["mission-locale"] is Presence.OFFICE_HOURS
    assert presence["france-active"] is Presence.MEETINGS
    assert presence["scop-vtd"] is presence["esat-adapei"] is Presence.REMOTE
    assert pole_sud.actor("association-chefs-entreprise-za").status is ActorStatus.PROSPECTIVE


def test_every_family_of_art_9_is_there(pole_sud):
    categories = {a.category for a in pole_sud.actors}
    assert {Category.ESS_ENTERPRISE, Category.LOCAL_AUTHORITY, Category.RESEARCH_CENTRE,
            Category.HIGHER_EDUCATION, Category.TRAINING_BODY, Category.PUBLIC_BODY} <= categories
    names = " ".join(a.name for a in pole_sud.actors)
    for expected in ("Labo de l’ESS", "Lyon 2", "Étudiants en master", "Pôle emploi", "Mission locale", "AMAP", "Adie", "France Active"):
        assert expected in names


def test_projects_of_the_fiche(pole_sud):
    assert {p.id for p in pole_sud.projects} == {
        "atelier-chaussure", "atelier-sous-traitance-automobile", "cooperative-activite",
        "centrales-achats", "ateliers-multimedia", "rencontres-pole-sud",
    }


def test_figures_are_the_fiche_s_and_say_their_source(pole_sud):
    figures = {(i.value, i.unit) for i in pole_sud.indicators}
    assert figures == {(100, "jobs"), (60, "shareholders"), (1000, "people")}
    for indicator in pole_sud.indicators:
        assert indicator.approximate and "Fiche Pôle Sud" in indicator.source


def test_no_identifier_or_date_was_invented(pole_sud):
    for actor in pole_sud.actors:
        assert actor.siren is None and actor.siret is None and actor.legal_form_code is None
        assert actor.joined is None and actor.left is None and not actor.contacts
        assert actor.provenance, f"{actor.id} says where its facts come from"
    assert pole_sud.founded is None
    for tie in pole_sud.partnerships:
        assert tie.since is None and tie.until is None and tie.provenance


def test_narrative_is_the_fiche_word_for_word(pole_sud):
    if not FICHE.exists():
        pytest.skip("the fiche lives beside the repository, in ../shared/seeds/")
    fiche = re.sub(r"\s+", " ", FICHE.read_text(encoding="utf-8"))
    for section in NARRATIVE_SECTIONS:
        text = getattr(pole_sud.narrative, section)
        assert text, f"narrative.{section} is empty"
        for paragraph in text.split("\n\n"):
            paragraph = paragraph.removeprefix("### ")
            assert re.sub(r"\s+", " ", paragraph) in fiche, (section, paragraph[:60])
