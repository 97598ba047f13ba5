"""The rules an answer must follow (ptce_kit.scaffold), shared by the hook and ``ptce new``."""

from __future__ import annotations

from pathlib import Path

import pytest

from ptce_kit.errors import PoleError
from ptce_kit.scaffold import (
    check_answer,
    check_answers,
    derived_answers,
    questions,
    read_answers,
    template_dir,
)

ROOT = Path(__file__).resolve().parents[2]


def test_template_of_a_checkout():
    assert template_dir() == ROOT / "cookiecutter-ptce"


def test_questions_follow_cookiecutter_json():
    keys = [q.key for q in questions()]
    assert keys == ["pole_name", "pole_article", "long_name", "territory_name", "commune_name", "commune_insee",
                    "departement_name", "region_name", "pivot_name", "pivot_category", "legal_form",
                    "meeting_cadence_weeks", "language", "with_examples"]
    legal = next(q for q in questions() if q.key == "legal_form")
    # Not stated until the founders say it: an informal group is a choice, not the default.
    assert legal.kind == "choice" and legal.default == "later"
    assert [value for value, _ in legal.choices][:2] == ["later", "informal"]
    article = next(q for q in questions() if q.key == "pole_article")
    assert article.kind == "choice" and article.default == "none"
    assert dict(article.choices)["none"].startswith("Aucun")
    assert dict(legal.choices)["scic"] == "SCIC (société coopérative d’intérêt collectif)"


@pytest.mark.parametrize(("key", "value", "expected"), [
    ("pole_name", "  Pôle Sud ", "Pôle Sud"),
    ("long_name", "-", ""),
    ("long_name", "", ""),
    ("commune_insee", "2a004", "2A004"),
    ("meeting_cadence_weeks", " 52 ", "52"),
    ("with_examples", "oui", True),
    ("with_examples", False, False),
    ("legal_form", "gie", "gie"),
    ("slug", "pole-nord", "pole-nord"),
    ("__pivot_id", "groupe-archer", "groupe-archer"),
])
def test_good_answers_are_normalised(key, value, expected):
    assert check_answer(key, value) == expected


def _said(refused, lang):
    """A refusal as a founder reads it: the message, then the hint, in ``lang``."""
    return refused.message.render(lang) + (" / " + refused.hint.render(lang) if refused.hint is not None else "")


@pytest.mark.parametrize(("key", "value", "code", "french", "english"), [
    ("pole_name", "   ", "PTCE-E611", "la réponse est vide : tapez un nom, par exemple « Pôle des Coopérations du Val »",
     "the answer is empty"),
    ("pole_name", "Pôle\nSud", "PTCE-E611", "tapez-la sur une seule ligne", "type it on one line"),
    ("pole_name", "Pôle {% raw %}", "PTCE-E600", "retirez ces accolades", "remove these braces"),
    ("pole_name", "P" * 201, "PTCE-E611", "trop longue (201 caractères, 200 au plus)", "too long (201 characters"),
    ("slug", "Pôle Sud", "PTCE-E611", "par exemple « pole-sud »", "e.g. 'pole-sud'"),
    ("slug", "..", "PTCE-E611", "ne doit pas sortir du dossier de destination", "must not leave the destination folder"),
    ("pivot_id", "a\\b", "PTCE-E611", "ne doit pas sortir du dossier de destination", "must not leave"),
    ("commune_insee", "26 281", "PTCE-E611", "n’est pas un code INSEE de commune", "is not the INSEE code of a commune"),
    ("meeting_cadence_weeks", "six", "PTCE-E611", "n’est pas une cadence de réunion", "is not a meeting cadence"),
    ("meeting_cadence_weeks", "-1", "PTCE-E611", "entre 1 et 52", "from 1 to 52"),
    ("legal_form", "other", "PTCE-E610", "« other » n’est pas un choix possible", "'other' is not one of the choices"),
    ("pivot_category", "person", "PTCE-E610", "« person » n’est pas un choix possible", "Research centre"),
    ("with_examples", "2", "PTCE-E610", "n’est pas une réponse par oui ou non / tapez oui ou non", "type yes or no"),
    ("colour", "bleu", "PTCE-E601", "« colour » n’est pas une question du modèle", "the questions are pole_name"),
])
def test_bad_answers_say_what_to_type(key, value, code, french, english):
    from ptce_kit.errors import Invalid

    with pytest.raises(Invalid) as caught:
        check_answer(key, value)
    assert caught.value.code == code
    assert french in _said(caught.value, "fr")
    assert english in _said(caught.value, "en")


def test_check_answers_lists_every_problem_and_skips_cookiecutter_settings():
    problems = check_answers({
        "_template": "../anything", "_output_dir": "/", "__departement_code": "",
        "__slug": "../evil", "commune_insee": "2614", "meeting_cadence_weeks": "0",
    })
    assert [p.path for p in problems] == [("__slug",), ("commune_insee",), ("meeting_cadence_weeks",)]


def test_derived_identifiers():
    answers = derived_answers({"pole_name": "Pôle d'Économie & Solidarité", "pivot_name": "La Coop & Cie"})
    assert answers["__slug"] == "pole-d-economie-solidarite"
    assert answers["__pivot_id"] == "la-coop-cie"
    assert derived_answers({"pole_name": "X", "slug": "mon-pole"})["__slug"] == "mon-pole"


def test_read_answers_of_a_missing_file(tmp_path):
    with pytest.raises(PoleError) as caught:
        read_answers(tmp_path / ".cruft.json")
    assert caught.value.problems[0].message == "no such file"
