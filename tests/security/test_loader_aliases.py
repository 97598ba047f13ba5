"""Alias bombs of long texts, cycles and deep nesting: refused, located, in both YAML paths.

The event loader (libyaml's events) reads plain YAML; a tag or a merge key ``<<`` sends
the text to ruamel.yaml's loader.  Each hostile text is tried both ways.
"""

from __future__ import annotations

import time

import pytest

from ptce_kit.errors import FileProblemError
from ptce_kit.io import parse_text

# One text of 100 000 characters aliased 10 000 times: 200 kB of YAML, 1 GB once expanded.
LONG = "x" * 100_000
BOMB = f"id: demo\nname: Demo\nsources: &s [{LONG}]\nlong: &t {LONG}\nalso: [" + ", ".join(["*t"] * 10_000) + "]\n"
# The same, with an explicit tag that the event loader leaves to ruamel.yaml's.
BOMB_RUAMEL = BOMB.replace("name: Demo", "name: !!str Demo")
NESTED_BOMB = ("a: &a [" + "y" * 5000 + "]\nb: &b [" + ", ".join(["*a"] * 100) + "]\nc: [" + ", ".join(["*b"] * 100) + "]\n")


@pytest.mark.parametrize("text", [BOMB, BOMB_RUAMEL, NESTED_BOMB, NESTED_BOMB.replace("a: &a", "a: !!seq &a")],
                         ids=["events", "ruamel", "nested-events", "nested-ruamel"])
def test_a_long_text_aliased_many_times_is_an_alias_bomb(text):
    started = time.perf_counter()
    with pytest.raises(FileProblemError) as caught:
        parse_text(text, file="pole.yaml")
    assert time.perf_counter() - started < 10
    [problem] = caught.value.problems
    assert "alias bomb" in problem.message and problem.file == "pole.yaml"


def test_the_event_loader_names_the_line_of_the_alias_past_the_bound():
    with pytest.raises(FileProblemError) as caught:
        parse_text(BOMB, file="pole.yaml")
    assert caught.value.problems[0].line == 5


def test_a_few_aliases_of_a_long_text_are_fine():
    text = f"a: &t {'y' * 5000}\nb: [*t, *t, *t]\nc: !!str x\n"
    assert parse_text(text)["b"] == ["y" * 5000] * 3
    assert parse_text(text.replace("c: !!str x", "c: x"))["b"] == ["y" * 5000] * 3


def test_a_cycle_is_refused_with_its_line():
    with pytest.raises(FileProblemError) as caught:
        parse_text("id: demo\nsources: &s\n  - a\n  - *s\n", file="pole.yaml")
    [problem] = caught.value.problems
    assert "contains itself" in problem.message and problem.line == 4


def test_block_nesting_past_the_bound_is_located():
    text = "id: deep\nsources:\n" + "".join("  " * i + "- \n" for i in range(1, 100))
    with pytest.raises(FileProblemError) as caught:
        parse_text(text, file="pole.yaml")
    [problem] = caught.value.problems
    assert "nested too deeply" in problem.message and problem.line is not None and problem.line > 60


def test_aliased_lists_deep_only_once_expanded_are_still_refused():
    # Each level is shallow in the text; the aliases stack them 80 deep.
    lines = ["l0: &l0 [1]"] + [f"l{i}: &l{i} [*l{i - 1}]" for i in range(1, 80)]
    with pytest.raises(FileProblemError, match="nested too deeply"):
        parse_text("\n".join(lines) + "\n")


def test_the_cli_refuses_a_string_bomb_cleanly(ptce, tmp_path):
    file = tmp_path / "pole.yaml"
    file.write_text(BOMB, encoding="utf-8")
    result = ptce("validate", file, timeout=60)
    assert result.returncode == 1, result.stderr
    assert "alias bomb" in result.stderr and "pole.yaml:5" in result.stderr
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
