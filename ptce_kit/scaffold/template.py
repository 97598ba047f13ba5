"""The cookiecutter-ptce template: where it is, and the questions it asks, in the reader's language."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from ..errors import PoleError
from ..i18n import N_, current
from . import wording

__all__ = ["TEMPLATE_NAME", "DERIVED", "ALIASES", "OPTIONAL", "ASKED_AFTER", "NOT_STATED", "POLE_ARTICLES",
           "Question", "template_dir",
           "template_config", "questions", "question"]

TEMPLATE_NAME = "cookiecutter-ptce"
#: The identifiers the template derives from the names; they may be given, e.g. ``slug=...``.
DERIVED = {"__slug": "pole_name", "__pivot_id": "pivot_name"}
#: Short names accepted on the command line for the derived identifiers.
ALIASES = {"slug": "__slug", "pivot_id": "__pivot_id"}
#: Questions that may be left empty: the template then writes nothing in their place, so
#: that a new pole holds only what its founders said (no example name, place or pivot).
OPTIONAL = frozenset({"long_name", "territory_name", "commune_name", "commune_insee", "departement_name",
                      "region_name", "pivot_name", "meeting_cadence_weeks"})
#: A question asked only when the answer it depends on is not empty (``ptce new`` skips it).
ASKED_AFTER = {"commune_name": "territory_name", "commune_insee": "commune_name",
               "departement_name": "territory_name", "region_name": "territory_name",
               "pivot_category": "pivot_name", "with_examples": "pivot_name"}

#: The menu entries that mean "not said yet": the template writes nothing in their place
#: (a legal form not stated is not an informal group; a name without article stands alone).
NOT_STATED = {"legal_form": "later", "pole_article": "none"}
#: What each entry of the ``pole_article`` menu writes into pole.yaml: article, gender, number.
POLE_ARTICLES: dict[str, tuple[str, str | None, str | None]] = {
    "le": ("le", None, None), "la": ("la", None, None), "l-m": ("l'", "m", None), "l-f": ("l'", "f", None),
    "les-m": ("les", "m", "plural"), "les-f": ("les", "f", "plural"),
}


def template_dir() -> Path:
    """The folder of the cookiecutter-ptce template.

    In a wheel it is ``ptce_kit/_data/cookiecutter-ptce``; in a checkout (editable
    install, tests) it is ``cookiecutter-ptce`` next to the package.
    """
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "_data" / TEMPLATE_NAME, package.parent / TEMPLATE_NAME):
        if (candidate / "cookiecutter.json").is_file():
            return candidate
    raise PoleError.single(
        N_("the cookiecutter-ptce template is missing from this installation of ptce-kit"), code="PTCE-E900",
        hint=N_("reinstall ptce-kit (python -m pip install --force-reinstall ptce-kit)"),
    )


@dataclass(frozen=True)
class Question:
    """One question of the template: its key and default as ``cookiecutter.json`` states them, its words in one language."""

    key: str
    #: The terminal's question.
    prompt: str
    default: str | bool
    kind: Literal["text", "choice", "bool"] = "text"
    #: For a choice: ``(value, label)`` pairs, the default first.
    choices: tuple[tuple[str, str], ...] = ()
    #: The web form's label.
    label: str = ""
    #: What the answer is for.
    help: str = ""


@lru_cache(maxsize=4)
def _template_config(template: str) -> dict[str, Any]:
    with open(Path(template) / "cookiecutter.json", encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def template_config(template: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The template's ``cookiecutter.json`` (read once)."""
    return _template_config(str(template or template_dir()))


def questions(template: str | os.PathLike[str] | None = None, lang: str | None = None) -> list[Question]:
    """The questions the template asks, in order, worded in ``lang`` (default: the user's language).

    The words are those of :mod:`~ptce_kit.scaffold.wording`; a question it does not know (a
    template changed by hand) keeps the words of ``cookiecutter.json``.

    Examples
    --------
    >>> [q.key for q in questions()][:3]
    ['pole_name', 'pole_article', 'long_name']
    >>> questions(lang="fr")[0].prompt, questions(lang="en")[0].prompt
    ('Nom court du pôle (tel qu’on le dit, accents compris)', 'Short name of the pole (as people say it, accents included)')
    """
    lang = lang or current()
    config = template_config(template)
    prompts = config.get("__prompts__", {})
    found = []
    for key, raw in config.items():
        if key.startswith("_"):
            continue
        given = prompts.get(key, key)
        known = key in wording.QUESTIONS
        helped = wording.help_text(key, lang)
        if isinstance(raw, list):
            labels = given if isinstance(given, dict) else {}
            text = wording.prompt(key, lang) if known else str(labels.get("__prompt__", key))
            choices = tuple((str(v), wording.choice_label(key, str(v), lang) if known else str(labels.get(v, v)))
                            for v in raw)
            label = wording.label(key, lang) if known else text
            found.append(Question(key, text, str(raw[0]), "choice", choices, label=label, help=helped))
            continue
        text = wording.prompt(key, lang) if known else str(given)
        label = wording.label(key, lang) if known else text
        if isinstance(raw, bool):
            found.append(Question(key, text, raw, "bool", label=label, help=helped))
        else:
            found.append(Question(key, text, str(raw), "text", label=label, help=helped))
    return found


def question(key: str, lang: str | None = None) -> Question | None:
    """The question ``key`` of the template, or ``None``."""
    return next((q for q in questions(lang=lang) if q.key == key), None)
