"""What ``ptce member update`` and ``ptce diff`` say of a changed value: the reader's words, not the file's keys."""

from __future__ import annotations

import shutil

from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "coteaux_fictif" / "pole.yaml"


def _moved_to_remote(ptce, tmp_path, lang):
    copy = tmp_path / "pole.yaml"
    shutil.copy(EXAMPLE, copy)
    result = ptce("member", "update", copy, "commune-die", "--presence", "remote", env={"PTCE_LANG": lang})
    assert result.returncode == 0, result.stderr
    return copy, result


def test_member_update_names_the_new_value_in_french(ptce, tmp_path):
    _, result = _moved_to_remote(ptce, tmp_path, "fr")
    assert "commune-die : presence = à distance" in result.stderr
    assert "= remote" not in result.stderr


def test_member_update_names_the_new_value_in_english(ptce, tmp_path):
    _, result = _moved_to_remote(ptce, tmp_path, "en")
    assert "commune-die: presence = remote" in result.stderr


def test_diff_says_the_values_in_the_reader_s_language(ptce, tmp_path):
    copy, _ = _moved_to_remote(ptce, tmp_path, "en")
    french = ptce("diff", EXAMPLE, copy, env={"PTCE_LANG": "fr"})
    assert french.returncode == 0, french.stderr
    assert "→ 'à distance'" in french.stdout and "'remote'" not in french.stdout and "'meetings'" not in french.stdout
    english = ptce("diff", EXAMPLE, copy, env={"PTCE_LANG": "en"})
    assert "→ 'remote'" in english.stdout
