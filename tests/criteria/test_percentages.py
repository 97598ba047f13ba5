"""Every percentage a rule finds is written as the reader's language writes it (format_percent).

« 57,5 % » in French (a no-break space before the sign), "57.5%" in English: no finding or hint
holds an English " %" typed into its message.
"""

from __future__ import annotations

import re

import pytest
from test_rules_in_both_languages import POLES, _pole

from ptce_kit.criteria import check
from ptce_kit.i18n import render

PROFILES = ("definition", "scic", "state-call", "emerging", "signals")


def _said(lang: str) -> list[str]:
    texts = []
    for change in POLES:
        pole = _pole(change)
        for profile in PROFILES:
            for result in check(pole, profile, at="2025-06-01").results:
                finding = result.finding
                texts += [render(finding.message, lang)] + ([render(finding.hint, lang)] if finding.hint else [])
    return [text for text in texts if "%" in text]


@pytest.fixture(scope="module")
def said() -> dict[str, list[str]]:
    return {lang: _said(lang) for lang in ("en", "fr")}


def test_english_findings_write_percentages_without_a_space(said):
    assert said["en"], "no finding with a percentage: the test checks nothing"
    spaced = [text for text in said["en"] if re.search(r"\d %", text)]
    assert not spaced, spaced[:3]


def test_french_findings_put_a_no_break_space_before_the_sign(said):
    assert said["fr"]
    wrong = [text for text in said["fr"] if re.search(r"\d(?: |)%", text)]
    assert not wrong, wrong[:3]


def test_the_public_capital_finding_in_both_languages():
    from test_criteria_rules import set_

    pole = _pole(set_(("indicators", 0, "value"), 51))
    [result] = [r for r in check(pole, "scic", at="2025-06-01").results if r.rule.id == "scic.public-capital"]
    assert render(result.finding.message, "en") == "local authorities hold 51% of the capital, more than 50%"
    assert render(result.finding.message, "fr") == "les collectivités détiennent 51\u00a0% du capital, plus de 50\u00a0%"
    assert render(result.finding.hint, "en") == "bring the local authorities' share down to 50% or less"
