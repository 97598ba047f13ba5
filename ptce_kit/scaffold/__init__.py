"""``ptce new``: found a new pole's folder from the cookiecutter-ptce template.

The template (``cookiecutter-ptce/``, shipped in the wheel as ``ptce_kit/_data/``) holds
the questions and their defaults; :mod:`~ptce_kit.scaffold.wording` holds every word said
about them (prompts, help, menu labels, refusals) as catalog messages, written in the user's
language; :mod:`~ptce_kit.scaffold.answers` holds the rules an answer must follow, and
:mod:`~ptce_kit.scaffold.generate` makes the folder.  The defaults are neutral: only the
pole's name is needed, an empty answer puts nothing in ``pole.yaml`` (no example name,
place or pivot), and Pôle Sud's members are copied as a model only when asked.  The
template's ``pre_gen_project`` hook calls :func:`check_answers` and ``ptce new`` calls
:func:`check_answer` as each answer is typed, so both refuse the same answers with the same
message and code.

Examples
--------
>>> check_answer("commune_insee", "26281")
'26281'
>>> check_answer("legal_form", "SCIC"), check_answer("language", "Anglais")
('scic', 'en')
"""

from __future__ import annotations

from .answers import (MAX_CADENCE_WEEKS, MAX_TEXT, bad_character, check_answer, check_answers, choice_names,
                      departement_code, derived_answers, missing_answers)
from .generate import CONFIG_SETTINGS, RECORDED_SETTINGS, new_pole, read_answers, sandboxed_cookiecutter, user_defaults
from .template import ALIASES, ASKED_AFTER, DERIVED, OPTIONAL, TEMPLATE_NAME, Question, questions, template_dir

__all__ = [
    "TEMPLATE_NAME",
    "Question",
    "template_dir",
    "questions",
    "check_answer",
    "check_answers",
    "missing_answers",
    "choice_names",
    "derived_answers",
    "departement_code",
    "read_answers",
    "user_defaults",
    "bad_character",
    "sandboxed_cookiecutter",
    "new_pole",
    "ALIASES", "ASKED_AFTER", "DERIVED", "OPTIONAL", "MAX_CADENCE_WEEKS", "MAX_TEXT", "CONFIG_SETTINGS",
    "RECORDED_SETTINGS",
]
