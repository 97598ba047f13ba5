"""``ptce new`` for a French founder: every refusal and the closing line in French, refusals coded.

The answers typed on the command line, a replay file (``--replay``) and a cookiecutter
configuration (``--config-file``) are checked before anything is written; with a French
locale, what ``ptce new`` says holds no English sentence (the word list of
``tests/i18n/test_no_other_language.py``).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "no_other_language_words", Path(__file__).resolve().parents[1] / "i18n" / "test_no_other_language.py")
assert _spec is not None and _spec.loader is not None
_words = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_words)
FRENCH = _words.LANG_ENV["fr"]


def _french(result):
    wrong = _words.offending(result.stderr, "fr")
    assert not wrong, (wrong, result.stderr)


def test_a_new_pole_is_announced_in_french(ptce, tmp_path):
    result = ptce("new", "--no-input", "pole_name=Pôle des Essais", "--no-build", "-o", tmp_path, env=FRENCH)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "pole-des-essais" / "pole.yaml").is_file()
    _french(result)


@pytest.mark.parametrize("answers", [
    [],                                                     # no pole name
    ["pole_name=Pôle des Essais", "couleur=bleu"],          # a key that is no question
    ["pole_name=Pôle {{ cookiecutter }}"],                  # template syntax
    ["pole_name=Pôle des Essais", "commune_name=Die"],      # a commune without its code
    ["pole_name=Pôle des Essais", "commune_insee=26150", "commune_name=Die"],  # a postal code
    ["pole_name=Pôle des Essais", "with_examples=peut-être"],
    ["pole_name"],                                          # not KEY=VALUE
])
def test_bad_answers_are_refused_in_french(ptce, tmp_path, answers):
    result = ptce("new", "--no-input", *answers, "--no-build", "-o", tmp_path, env=FRENCH)
    assert result.returncode in (1, 2), result.stderr
    assert not any(tmp_path.iterdir())
    _french(result)


def test_a_bad_replay_file_is_refused_in_french_with_codes(ptce, tmp_path):
    replay = tmp_path / "replay.json"
    replay.write_text(json.dumps({"cookiecutter": {"pole_name": "Pôle {{ 7 * 7 }}", "_secret": "x",
                                                   "couleur": "bleu"}}), encoding="utf-8")
    out = tmp_path / "out"
    result = ptce("new", "--replay", replay, "--no-build", "-o", out, env=FRENCH)
    assert result.returncode == 1
    assert "[PTCE-E600]" in result.stderr and result.stderr.count("[PTCE-E601]") == 2, result.stderr
    _french(result)
    replay.write_text("[1, 2]", encoding="utf-8")
    result = ptce("new", "--replay", replay, "--no-build", "-o", out, env=FRENCH)
    assert result.returncode == 1 and "[PTCE-E601]" in result.stderr
    _french(result)


def test_a_bad_configuration_is_refused_in_french_with_codes(ptce, tmp_path):
    config = tmp_path / "config.yaml"
    config.write_text("couleur: bleu\ndefault_context:\n  pole_name: Pôle Nord\n", encoding="utf-8")
    result = ptce("new", "--no-input", "--config-file", config, "--no-build", "-o", tmp_path / "out", env=FRENCH)
    assert result.returncode == 1
    assert "[PTCE-E602]" in result.stderr
    _french(result)
    config.write_text("default_context: [pole_name]\n", encoding="utf-8")
    result = ptce("new", "--no-input", "--config-file", config, "--no-build", "-o", tmp_path / "out", env=FRENCH)
    assert result.returncode == 1 and "[PTCE-E602]" in result.stderr
    _french(result)
