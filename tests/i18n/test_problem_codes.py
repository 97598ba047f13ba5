"""Problem codes: every one documented with its fix, every one used, every located problem coded."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ptce_kit.cli.catalogs import PROBLEMS_PAGE
from ptce_kit.errors import CODES, PoleError, problems_markdown
from ptce_kit.io import load_pole

PACKAGE = Path(__file__).resolve().parents[2] / "ptce_kit"
HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"


def _codes_in_the_code() -> set[str]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        if path.name != "errors.py":
            found |= set(re.findall(r"PTCE-[EW]\d{3}", path.read_text(encoding="utf-8")))
    return found


def test_docs_problems_page_is_the_code_table():
    assert PROBLEMS_PAGE.read_text(encoding="utf-8") == problems_markdown(), \
        "run 'python -m ptce_kit.cli.catalogs problems'"
    for code in CODES:
        assert f"| `{code}` |" in PROBLEMS_PAGE.read_text(encoding="utf-8")


def test_every_code_is_used_and_every_used_code_is_listed():
    used = _codes_in_the_code()
    assert used <= set(CODES), sorted(used - set(CODES))
    assert set(CODES) <= used, f"codes listed but never given: {sorted(set(CODES) - used)}"


def test_codes_are_well_formed_and_have_a_fix():
    for code, (what, fix) in CODES.items():
        assert re.fullmatch(r"PTCE-[EW]\d{3}", code)
        assert what and fix


def test_french_problems_page():
    page = problems_markdown("fr")
    assert "Codes des problèmes" in page and "| `PTCE-E004` | le fichier n’existe pas |" in page


@pytest.mark.parametrize("name", sorted(p.name for p in HOSTILE.iterdir()))
def test_every_problem_of_the_bad_files_has_a_code(name):
    with pytest.raises(PoleError) as caught:
        load_pole(HOSTILE / name)
    assert caught.value.problems
    assert all(p.code in CODES for p in caught.value.problems), [(p.code, str(p)) for p in caught.value.problems]


def test_validate_json_carries_the_codes(ptce, tmp_path):
    import json

    bad = tmp_path / "pole.yaml"
    bad.write_text("id: p\nname: P\nactors:\n  - id: a\n    name: A\n    category: enterprise\n    siret: '73282932000075'\n"
                   "  - id: a\n    name: B\n    category: enterprises\n", encoding="utf-8")
    result = ptce("validate", "--json", bad)
    assert result.returncode == 1
    problems = json.loads(result.stdout)[0]["problems"]
    assert sorted(p["code"] for p in problems) == ["PTCE-E102", "PTCE-E113", "PTCE-E201"] or \
        {p["code"] for p in problems} >= {"PTCE-E102", "PTCE-E113"}
    french = json.loads(ptce("validate", "--json", bad, "--lang", "fr").stdout)[0]["problems"]
    assert [p["code"] for p in french] == [p["code"] for p in problems]
    assert [p["message"] for p in french] != [p["message"] for p in problems]


def test_two_actors_with_the_same_siret(ptce, tmp_path):
    pole = tmp_path / "pole.yaml"
    pole.write_text("id: p\nname: P\nactors:\n"
                    "  - {id: a, name: A, category: enterprise, siret: '73282932000074'}\n"
                    "  - {id: b, name: B, category: enterprise, siret: '732 829 320 00074'}\n", encoding="utf-8")
    result = ptce("validate", pole)
    assert result.returncode == 1
    assert "pole.yaml:5:" in result.stderr and "actors[1].siret" in result.stderr and "[PTCE-E204]" in result.stderr
