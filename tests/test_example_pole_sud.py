"""The Pôle Sud example states what the fiche says, and nothing it does not."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.pole_sud_fiche import CORRECTIONS

from ptce_kit.model import NARRATIVE_SECTIONS, ActorStatus, Category, Presence

FICHE = Path(os.environ.get("PTCE_POLE_SUD_FICHE")
             or Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "pole_sud_fiche.txt")



def test_pivot_and_governance(pole_sud):
    assert pole_sud.pivot_actor.name == "Groupe Archer"
    assert {"pivot", "founder"} <= set(pole_sud.pivot_actor.roles)
    gov = pole_sud.governance
    assert gov.form.value == "informal"
    assert [a.kind for a in gov.legal_acts] == ["lease"]
    [body] = gov.bodies
    assert (body.cadence.every, body.cadence.unit, body.members) == (6, "week", "all")
    assert "repas" in body.format
    # The fiche tells the CRESS's facilitation in the past: nobody is given as facilitating today.
    assert gov.facilitation.by is None and gov.facilitation.amount is None
    assert "était assurée" in gov.facilitation.description and "aujourd’hui" in gov.facilitation.description


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
        assert indicator.approximate and "Fiche de Pôle Sud" in indicator.source


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
    for typo, corrected in CORRECTIONS:
        assert typo in fiche, typo
        fiche = fiche.replace(typo, corrected)
    for section in NARRATIVE_SECTIONS:
        text = getattr(pole_sud.narrative, section)
        assert text, f"narrative.{section} is empty"
        for paragraph in text.split("\n\n"):
            paragraph = paragraph.removeprefix("### ")
            assert re.sub(r"\s+", " ", paragraph) in fiche, (section, paragraph[:60])


def test_the_cress_facilitation_is_told_in_the_past(pole_sud):
    cress = pole_sud.actor("cress-rhone-alpes")
    assert "facilitator" not in cress.roles
    assert "mettait" in cress.description
    [tie] = [t for t in pole_sud.partnerships if t.id == "animation-cress"]
    # Undirected: documents draw no present-tense "met du personnel à la disposition".
    assert not tie.directed and tie.until is None
    assert "mettait" in tie.topic and "au passé" in tie.description


def test_no_tie_names_a_party_in_its_own_creation(pole_sud):
    for tie in pole_sud.partnerships:
        words = f"{tie.topic or ''} {tie.description or ''}".lower()
        if "création" in words:
            for actor in tie.actors:
                name = pole_sud.actor(actor).name.split(",")[0].lower()
                assert name not in (tie.topic or "").lower(), (tie.id, actor)


def test_a_prospective_actor_is_not_placed_at_the_site(pole_sud):
    for actor in pole_sud.actors:
        if actor.status is ActorStatus.PROSPECTIVE:
            assert actor.presence is None and not actor.presences, actor.id


def test_what_the_fiche_does_not_say_is_not_said(pole_sud):
    said = " ".join(f"{a.description or ''} {a.provenance or ''}" for a in pole_sud.actors).lower()
    for invented in ("microcrédit", "insertion des jeunes", "fédération de", "union régionale"):
        assert invented not in said, invented
    # Being elsewhere ("remote") is said only of the actors the fiche says cannot be there.
    remote = {a.id for a in pole_sud.actors if a.presence is Presence.REMOTE}
    assert remote == {"scop-vtd", "esat-adapei"}


ENGLISH_WORDS = {"the", "fiche", "does", "not", "says", "from", "which", "listed", "among", "who", "runs"}


def test_provenances_and_sources_are_in_the_pole_s_language(pole_sud):
    texts = [a.provenance for a in pole_sud.actors] + [t.provenance for t in pole_sud.partnerships]
    texts += [p.provenance for p in pole_sud.projects] + [i.source for i in pole_sud.indicators]
    texts += [pole_sud.territory.provenance, pole_sud.site.provenance, pole_sud.narrative.provenance]
    texts += [a.collective.of for a in pole_sud.actors if a.collective]
    for text in filter(None, texts):
        words = set(re.findall(r"[a-z]+", text.lower().replace("fiche", "")))
        assert not words & (ENGLISH_WORDS - {"fiche"}), text[:80]


def test_facts_are_written_in_correct_french(pole_sud):
    """The fiche's typos stay in the fiche: descriptions, topics and names are spelt right."""
    texts = [a.description for a in pole_sud.actors] + [a.name for a in pole_sud.actors]
    texts += [t.topic for t in pole_sud.partnerships] + [t.description for t in pole_sud.partnerships]
    texts += [i.source for i in pole_sud.indicators] + [i.name for i in pole_sud.indicators]
    texts += [getattr(pole_sud.narrative, section) for section in NARRATIVE_SECTIONS]
    for text in filter(None, texts):
        text = re.sub(r"\s+", " ", text)
        for typo, corrected in CORRECTIONS:
            assert typo not in text.replace(corrected, ""), typo
