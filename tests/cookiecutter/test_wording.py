"""The founder's path speaks the user's language: one wording (ptce_kit.scaffold.wording), French and English.

``ptce new`` asks in the language of ``--lang``, ``PTCE_LANG``, the locale, else French; a plain
``cookiecutter cookiecutter-ptce`` asks ``cookiecutter.json``'s French prompts, which must be the
French catalog's, word for word.  Refusals carry their codes.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ptce_kit.io import load_pole
from ptce_kit.scaffold import OPTIONAL, questions, wording

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "cookiecutter-ptce"
CONFIG = json.loads((TEMPLATE / "cookiecutter.json").read_text(encoding="utf-8"))

_spec = importlib.util.spec_from_file_location(
    "no_other_language_words_wording", ROOT / "tests" / "i18n" / "test_no_other_language.py")
assert _spec is not None and _spec.loader is not None
_words = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_words)
#: The locale alone says French (PTCE_LANG unset), as on a French founder's computer.
FRENCH_LOCALE = _words.LANG_ENV["fr"]


def test_cookiecutter_json_says_what_the_french_catalog_says():
    # No drift: a plain cookiecutter run shows, word for word, what ptce new asks in French.
    prompts = CONFIG["__prompts__"]
    asked = [key for key in CONFIG if not key.startswith("_")]
    assert asked == list(wording.QUESTIONS) == list(prompts)
    for key in asked:
        given = prompts[key]
        if isinstance(given, dict):
            assert given["__prompt__"] == wording.prompt(key, "fr"), key
            assert [v for v in given if v != "__prompt__"] == CONFIG[key] == list(wording.QUESTIONS[key].choices), key
            for value in CONFIG[key]:
                assert given[value] == wording.choice_label(key, value, "fr"), (key, value)
        else:
            assert given == wording.prompt(key, "fr"), key


def test_the_drift_check_would_see_a_changed_prompt(monkeypatch):
    # The check above reads the catalog, not a copy of cookiecutter.json: a new French wording shows.
    from ptce_kit import i18n

    real = i18n.pgettext
    monkeypatch.setattr(wording, "pgettext", lambda c, m, lang=None: real(c, m, lang) + " !")
    assert CONFIG["__prompts__"]["pole_name"] != wording.prompt("pole_name", "fr")


def test_every_question_has_its_words_in_both_languages():
    french, english = questions(lang="fr"), questions(lang="en")
    for fr, en in zip(french, english, strict=True):
        assert fr.key == en.key
        for said in ("prompt", "label", "help"):
            assert getattr(fr, said) and getattr(en, said), (fr.key, said)
            assert getattr(fr, said) != getattr(en, said), (fr.key, said)  # translated, not the id again
        assert [v for v, _ in fr.choices] == [v for v, _ in en.choices]
        for (value, fr_label), (_, en_label) in zip(fr.choices, en.choices):
            assert fr_label != value and en_label != value, (fr.key, value)  # a label, never the key
        assert "Entrée seule" not in fr.label, fr.key  # a terminal's way of answering, not a form's
        if fr.key in OPTIONAL and fr.key != "commune_insee":
            assert "Entrée seule" in fr.prompt and "press Enter alone" in en.prompt, fr.key


def _session(ptce, tmp_path, answers, *args, env=None):
    return ptce("new", "-o", tmp_path, "--no-build", *args, input="\n".join(answers) + "\n", env=env)


#: A session: a bad legal form, then French and English words for the menus, a bad yes-or-no.
ANSWERS = [
    "Pôle Essai",   # 1 name
    "",             #   its article: none
    "",             # 2 no long name
    "",             # 3 no territory (4-7 skipped)
    "Coop Essai",   # 8 pivot
    "Scop",         # 9 pivot's kind: an ESS enterprise
    "SARL",         # 10 not a legal form: refused with the accepted words
    "association loi 1901",  # then right
    "",             # 11 no cadence
    "Anglais",      # 12 English documents
    "peut-être",    # 13 refused
    "non",          #    then no
]


def test_an_english_session_asks_and_refuses_in_english(ptce, tmp_path):
    result = _session(ptce, tmp_path, ANSWERS, env={"PTCE_LANG": "en"})
    assert result.returncode == 0, result.stderr
    said = result.stderr
    for question in questions(lang="en"):
        if question.key not in {"commune_name", "commune_insee", "departement_name", "region_name"}:
            assert question.prompt in said, question.key
    assert "    3 - Association (loi 1901)" in said and "Choose from 1 to 6" in said
    assert "'SARL' is not one of the choices [PTCE-E610]" in said
    assert ("type a number from 1 to 6, or one of: Not stated yet, None for now, Association, SCIC, GIE, "
            "Other cooperative") in said
    assert "'peut-être' is not a yes-or-no answer [PTCE-E610]" in said
    assert "identifier of the pole and name of its folder: pole-essai" in said
    assert "The pole's folder is ready: pole-essai/" in said  # the hook's words
    assert f"created: {tmp_path / 'pole-essai'}" in said
    # The menu of the name's French article shows French articles and examples: the one French in it.
    english = re.sub(r"Article of the pole's name.*?Choose from 1 to 7 \[1\]:", "", said, flags=re.DOTALL)
    assert "Article of the pole" in said and "Article of the pole" not in english
    assert not _words.offending(english.replace("Pôle Essai", ""), "en"), _words.offending(english, "en")
    pole = load_pole(tmp_path / "pole-essai")
    assert pole.pivot_actor.category.value == "ess_enterprise" and pole.governance.form.value == "association"
    assert pole.language.value == "en"


@pytest.mark.parametrize("how", ["locale", "--lang", "PTCE_LANG"])
def test_a_french_session_asks_and_refuses_in_french(ptce, tmp_path, how):
    env = {"locale": FRENCH_LOCALE, "--lang": {"PTCE_LANG": "en"}, "PTCE_LANG": {"PTCE_LANG": "fr"}}[how]
    args = ("--lang", "fr") if how == "--lang" else ()  # --lang wins over PTCE_LANG=en
    result = _session(ptce, tmp_path, ANSWERS, *args, env=env)
    assert result.returncode == 0, result.stderr
    said = result.stderr
    for question in questions(lang="fr"):
        if question.key not in {"commune_name", "commune_insee", "departement_name", "region_name"}:
            assert question.prompt in said, question.key
    assert "    3 - Association loi 1901" in said and "Choisissez de 1 à 6" in said
    assert "« SARL » n’est pas un choix possible [PTCE-E610]" in said
    assert ("tapez un nombre de 1 à 6, ou l’un de ces mots : Pas encore précisée, Aucune pour l’instant, "
            "Association loi 1901, SCIC, GIE, Autre coopérative") in said
    assert "« peut-être » n’est pas une réponse par oui ou non [PTCE-E610]" in said
    assert "Le dossier du pôle est prêt : pole-essai/" in said
    assert f"créé : {tmp_path / 'pole-essai'}" in said
    assert not _words.offending(said, "fr"), _words.offending(said, "fr")


def test_a_question_mark_shows_the_help(ptce, tmp_path):
    result = _session(ptce, tmp_path, ["?", "Pôle Aide", "", "", "", "", "", "", ""], env={"PTCE_LANG": "fr"})
    assert result.returncode == 0, result.stderr
    assert wording.help_text("pole_name", "fr") in result.stderr


def test_refusals_of_given_answers_carry_codes_in_english(ptce, tmp_path):
    result = ptce("new", "--no-input", "-o", tmp_path / "out", "pole_name=Pôle Val", "legal_form=SARL",
                  "commune_name=Cergy", "territory_name=Val", "meeting_cadence_weeks=0", env={"PTCE_LANG": "en"})
    assert result.returncode == 1
    assert "(answers to ptce new): legal_form: 'SARL' is not one of the choices [PTCE-E610]" in result.stderr
    assert "(answers to ptce new): meeting_cadence_weeks: '0' is not a meeting cadence [PTCE-E611]" in result.stderr
    assert "(answers to ptce new): commune_insee: the INSEE code of 'Cergy' is missing [PTCE-E612]" in result.stderr
    assert not (tmp_path / "out").exists()


def _plain(*args, stdin=None, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"PTCE_LANG", "LC_ALL", "LC_MESSAGES"}}
    environment.update({"LANG": "C.UTF-8", **env})
    return subprocess.run([sys.executable, "-m", "cookiecutter", str(TEMPLATE), *map(str, args)], input=stdin,
                          capture_output=True, text=True, env=environment, timeout=120)


def test_plain_cookiecutter_asks_and_answers_in_french(tmp_path):
    # Whatever the locale, a plain cookiecutter run is French: its prompts are cookiecutter.json's, its hooks follow.
    answers = ["Pôle Simple", *[""] * 8, "", "", "", "", ""]
    result = _plain("-o", tmp_path, "_build=no", stdin="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stderr + result.stdout
    shown = " ".join((result.stdout + result.stderr).split())  # rich wraps long prompts
    for key in ("pole_name", "long_name", "legal_form", "language"):
        assert " ".join(wording.prompt(key, "fr").split()) in shown, key
    assert "Le dossier du pôle est prêt : pole-simple/" in result.stderr
    assert "ready" not in result.stderr


def test_plain_cookiecutter_refuses_in_french_with_codes(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    # (cookiecutter itself refuses a menu's unknown value, in its own words, before the hooks run)
    result = _plain("--no-input", "-o", out, "pole_name=Pôle Val", "meeting_cadence_weeks=0")
    assert result.returncode != 0
    assert "Le pôle n’a pas été créé : une réponse ne convient pas." in result.stderr
    assert "meeting_cadence_weeks : « 0 » n’est pas une cadence de réunion [PTCE-E611]" in result.stderr
    assert list(out.iterdir()) == []
    english = _plain("--no-input", "-o", out, "pole_name=Pôle Val", "meeting_cadence_weeks=0", PTCE_LANG="en")
    assert "meeting_cadence_weeks: '0' is not a meeting cadence [PTCE-E611]" in english.stderr


def test_the_catalogs_hold_the_hooks_messages():
    from ptce_kit.cli import catalogs

    found = catalogs._hook_messages()
    files = {where[0] for _, where in found}
    assert files == {"cookiecutter-ptce/hooks/pre_gen_project.py", "cookiecutter-ptce/hooks/post_gen_project.py"}
    french = {m.id: m.string for m in catalogs.read_catalog("fr")}
    for msgid, where in found:
        assert french.get(msgid), (msgid, where)
    assert "The pole's folder is ready: {folder}/. Read its README.md for what comes next." in {m for m, _ in found}
