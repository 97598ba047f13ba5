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
    assert "commune-die : Présence au lieu du pôle = à distance" in result.stderr
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


def test_ptce_report_says_what_it_wrote_and_why_it_cannot_in_french(ptce, tmp_path):
    done = ptce("report", EXAMPLE.parent, "--year", "2024", "-o", tmp_path / "rapport", env={"PTCE_LANG": "fr"})
    assert done.returncode == 0, done.stderr
    assert "rapport d’activité 2024 écrit dans" in done.stderr and "wrote" not in done.stderr
    undated = tmp_path / "sans-dates.yaml"
    undated.write_text("format: ptce/1\nid: p\nname: P\nlanguage: fr\nactors:\n  - id: a\n    name: A\n"
                       "    category: ess_enterprise\n", encoding="utf-8")
    refused = ptce("report", undated, "-o", tmp_path / "r2", env={"PTCE_LANG": "fr"})
    assert refused.returncode == 1
    assert "aucune date" in refused.stderr and "--year 2024" in refused.stderr and "no dates" not in refused.stderr
