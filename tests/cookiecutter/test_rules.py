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
    assert keys == ["pole_name", "long_name", "territory_name", "commune_name", "commune_insee",
                    "departement_name", "region_name", "pivot_name", "pivot_category", "legal_form",
                    "meeting_cadence_weeks", "language", "with_examples"]
    legal = next(q for q in questions() if q.key == "legal_form")
    assert legal.kind == "choice" and legal.default == "informal"
    assert dict(legal.choices)["scic"] == "SCIC (société coopérative d'intérêt collectif)"


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


@pytest.mark.parametrize(("key", "value", "message"), [
    ("pole_name", "   ", "La réponse est vide : tapez un nom, par exemple « Pôle des Coopérations du Val »."),
    ("pole_name", "Pôle\nSud", "tapez-la sur une seule ligne"),
    ("pole_name", "Pôle {% raw %}", "retirez ces accolades"),
    ("pole_name", "P" * 201, "trop longue (201 caractères, 200 au plus)"),
    ("slug", "Pôle Sud", "par exemple « pole-sud »"),
    ("slug", "..", "ne doit pas sortir du dossier de destination"),
    ("pivot_id", "a\\b", "ne doit pas sortir du dossier de destination"),
    ("commune_insee", "26 281", "n'est pas un code INSEE de commune"),
    ("meeting_cadence_weeks", "six", "n'est pas une cadence de réunion"),
    ("meeting_cadence_weeks", "-1", "n'est pas une cadence de réunion"),
    ("legal_form", "other", "« other » n'est pas un choix possible"),
    ("pivot_category", "person", "« person » n'est pas un choix possible"),
    ("with_examples", "2", "n'est pas une réponse par oui ou non"),
    ("colour", "bleu", "« colour » n'est pas une question du modèle"),
])
def test_bad_answers_say_what_to_type(key, value, message):
    with pytest.raises(ValueError) as caught:
        check_answer(key, value)
    assert message in str(caught.value)


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
