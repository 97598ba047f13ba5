"""``ptce new``'s command line misused: coded refusals in the user's language, exit status 2, nothing made."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("item", ["answers:", "pole_name", "=Pôle Nord"])
def test_an_argument_that_is_not_key_value_is_misuse(tmp_path, ptce, item):
    result = ptce("new", "--no-input", "-o", tmp_path / "out", item, "pole_name=Pôle Val")
    assert result.returncode == 2, result.stderr
    assert "[PTCE-E613]" in result.stderr and f"'{item}' n’est pas une réponse" in result.stderr, result.stderr
    assert "conseil : écrivez par exemple pole_name=" in result.stderr and "Usage : ptce new" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()


def test_a_key_that_is_no_question_is_misuse_in_english_too(tmp_path, ptce):
    result = ptce("new", "--no-input", "-o", tmp_path / "out", "pole_name=Pôle Val", "nope=1", "bad",
                  env={"PTCE_LANG": "en"})
    assert result.returncode == 2, result.stderr
    assert "'nope' is not a question of the template [PTCE-E601]" in result.stderr
    assert "'bad' is not an answer: an answer is written KEY=VALUE [PTCE-E613]" in result.stderr
    assert "hint: write for instance pole_name=" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_bad_value_is_located_in_the_answers_not_in_a_file(tmp_path, ptce):
    result = ptce("new", "--no-input", "-o", tmp_path / "out", "pole_name=Pôle Val", "commune_insee=abc")
    assert result.returncode == 1  # a value that is not a good answer: the data, not the command line
    assert "(réponses à ptce new): commune_insee: « abc » n’est pas un code INSEE de commune [PTCE-E611]" \
        in result.stderr, result.stderr
    assert "answers:" not in result.stderr and "<answers>" not in result.stderr
