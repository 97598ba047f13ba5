"""Which language ptce speaks: --lang, PTCE_LANG, LC_ALL, LC_MESSAGES, LANG, then French."""

from __future__ import annotations

import pytest

from ptce_kit.errors import PoleError, Problem
from ptce_kit.i18n import Message, current, resolve, use_language

#: The environment of a call with no language setting at all (the suite pins PTCE_LANG=en).
NO_LOCALE = {"PTCE_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": None}


@pytest.mark.parametrize(("explicit", "env", "expected"), [
    (None, {}, "fr"),
    (None, {"LANG": "C"}, "en"),
    (None, {"LANG": "POSIX"}, "en"),
    (None, {"LANG": "C.UTF-8"}, "en"),
    (None, {"LANG": "fr_FR.UTF-8"}, "fr"),
    (None, {"LANG": "fr_BE.UTF-8"}, "fr"),
    (None, {"LANG": "en_US.UTF-8"}, "en"),
    (None, {"LANG": "de_DE.UTF-8"}, "en"),
    (None, {"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "C"}, "en"),
    (None, {"LC_MESSAGES": "C", "LC_ALL": "fr_FR.UTF-8"}, "fr"),
    (None, {"LC_ALL": "C", "PTCE_LANG": "fr"}, "fr"),
    ("en", {"PTCE_LANG": "fr", "LC_ALL": "fr_FR"}, "en"),
    (None, {"LANG": ""}, "fr"),
])
def test_resolution_order(explicit, env, expected):
    assert resolve(explicit, env) == expected


def test_one_problem_shown_in_either_language():
    problem = Problem(Message("unknown field {name!r}", name="siret2"), path=("actors", 0, "siret2"),
                      file="pole.yaml", line=3, code="PTCE-E100")
    assert problem.text("fr") == "champ inconnu 'siret2'"
    assert problem.text("en") == "unknown field 'siret2'"
    with use_language("fr"):
        assert current() == "fr"
        assert "champ inconnu" in str(problem) and "[PTCE-E100]" in str(problem)
    assert problem.to_dict("en")["code"] == problem.to_dict("fr")["code"] == "PTCE-E100"


def test_unknown_code_is_refused():
    with pytest.raises(ValueError, match="PTCE-E999"):
        Problem("x", code="PTCE-E999")


@pytest.mark.parametrize(("args", "env", "word"), [
    (["--lang", "fr"], {}, "fichier introuvable"),
    (["--lang=en"], {"PTCE_LANG": "fr"}, "no such file"),
    ([], {"PTCE_LANG": "fr"}, "fichier introuvable"),
    ([], {**NO_LOCALE, "LANG": "fr_FR.UTF-8"}, "fichier introuvable"),
    ([], {**NO_LOCALE, "LANG": "C"}, "no such file"),
    ([], {**NO_LOCALE, "LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "no such file"),
    ([], NO_LOCALE, "fichier introuvable"),
])
def test_cli_follows_the_language(ptce, tmp_path, args, env, word):
    result = ptce("validate", tmp_path / "missing.yaml", *args, env=env)
    assert result.returncode == 1
    assert word in result.stderr
    assert "[PTCE-E004]" in result.stderr


def test_global_lang_option(ptce, tmp_path):
    result = ptce("--lang", "fr", "validate", tmp_path / "missing.yaml", env={"PTCE_LANG": "en"})
    assert "fichier introuvable" in result.stderr


def test_language_is_reset_after_a_command(ptce, tmp_path):
    ptce("validate", tmp_path / "missing.yaml", "--lang", "fr")
    with use_language(None):
        assert current() == resolve()


def test_error_summary_is_translated_when_shown():
    error = PoleError([Problem("no such file", file="a.yaml", code="PTCE-E004")], summary="no such file")
    assert error.summary_text("fr") == "fichier introuvable"
    with use_language("fr"):
        assert str(error).startswith("fichier introuvable (1 problème)")
