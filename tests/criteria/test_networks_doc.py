"""docs/networks.md: its Python examples run, and its tables name every built-in rule."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from ptce_kit.criteria import check, registered_rules, unregister_rule

DOC = Path(__file__).resolve().parents[2] / "docs" / "networks.md"


def python_blocks() -> list[str]:
    return re.findall(r"```python(?: title=\"[^\"]*\")?\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_the_doc_names_every_built_in_rule():
    text = DOC.read_text(encoding="utf-8")
    for rule in registered_rules(["definition", "state-call", "scic", "emerging", "signals"]):
        assert f"`{rule.id}`" in text, rule.id


def test_the_table_of_rules_is_the_one_generated_from_the_rules():
    from ptce_kit.criteria.rules import rules_table

    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"<!-- rules-table:start -->\n(.*?)<!-- rules-table:end -->", text, flags=re.DOTALL)
    assert block, "docs/networks.md lost its rules-table markers"
    assert block.group(1) == rules_table(), "regenerate the table: ptce_kit.criteria.rules.rules_table()"
    for rule in registered_rules(["definition", "state-call", "scic"]):
        assert f"| `{rule.id}` | {rule.profile} | {rule.source} | {rule.text} |" in block.group(1)


def test_the_plugin_example_runs(tmp_path, monkeypatch, pole_sud):
    rules_module, register, _compare = python_blocks()
    package = tmp_path / "my_network"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "rules.py").write_text(rules_module, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "poles").mkdir()
    (tmp_path / "poles" / "pole-sud").symlink_to(DOC.parents[1] / "examples" / "pole_sud")
    namespace: dict = {}
    try:
        exec(compile(register, "networks.md", "exec"), namespace)
        report = namespace["report"]
        [mine] = report.of_profile("reseau-aura")
        # Pôle Sud's fiche tells the CRESS's facilitation in the past: nobody is named today.
        assert mine.verdict.value == "fail" and "nobody is named" in mine.finding.message
        assert check(pole_sud, "reseau-aura").results[0].rule.id == "reseau-aura.facilitation"
    finally:
        unregister_rule("reseau-aura.facilitation")
        sys.modules.pop("my_network.rules", None)
        sys.modules.pop("my_network", None)


def test_the_compare_example_runs(tmp_path, monkeypatch):
    *_, example = python_blocks()
    root = DOC.parents[1]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(root / "examples")
    namespace: dict = {}
    exec(compile(example, "networks.md", "exec"), namespace)
    assert len(namespace["rows"]) == 3
    assert (tmp_path / "comparaison.md").read_text(encoding="utf-8").startswith("| measure | Pôle Sud |")
    assert (tmp_path / "comparaison.png").stat().st_size > 5000


@pytest.mark.parametrize("rule_id", ["decret.legal-person", "art9.other-enterprises", "emerging.territorial-dynamic",
                                     "emerging.towards-ptce"])
def test_what_the_doc_says_of_pole_sud_is_what_check_says(pole_sud, rule_id):
    text = DOC.read_text(encoding="utf-8")
    report = check(pole_sud, ["definition", "state-call", "emerging"], at="2015")
    verdict = next(r.verdict.value for r in report.results if r.rule.id == rule_id)
    assert re.search(rf"{verdict}\S* \|? ?`{re.escape(rule_id)}`|`{re.escape(rule_id)}` \*\*{verdict}", text), rule_id
