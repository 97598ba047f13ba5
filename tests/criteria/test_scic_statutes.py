"""The SCIC rules that only the statutes decide: purpose, reserves, variable capital (issue 18, item 6)."""

from __future__ import annotations

import pytest

from ptce_kit.criteria import check
from ptce_kit.model import Pole


def _scic(statutes: dict | None = None, code: str = "5785") -> Pole:
    data = {"id": "scic", "name": "SCIC du Val", "governance": {"form": "scic"},
            "actors": [{"id": "val", "name": "SCIC du Val", "category": "ess_enterprise",
                        "legal_form_code": code, "roles": ["legal-entity"]}]}
    if statutes is not None:
        data["governance"]["statutes"] = statutes
    return Pole.model_validate(data)


def _verdict(pole: Pole, rule: str):
    (result,) = [r for r in check(pole, "scic", at="2025").results if r.rule.id == rule]
    return result


@pytest.mark.parametrize(("statutes", "verdict"), [
    (None, "unknown"), ({"purpose": "Développer l'économie du Val"}, "unknown"),
    ({"collective_interest": True}, "pass"), ({"collective_interest": False}, "fail")])
def test_purpose_is_decided_by_the_statutes_only(statutes, verdict):
    result = _verdict(_scic(statutes), "scic.purpose")
    assert result.verdict.value == verdict
    if verdict == "unknown":
        assert result.finding.missing == ("governance.statutes.collective_interest",)


@pytest.mark.parametrize(("share", "verdict"), [(None, "unknown"), (57.5, "pass"), (100, "pass"), (50, "fail")])
def test_reserves_need_57_5_percent(share, verdict):
    statutes = {} if share is None else {"reserves_share": share}
    result = _verdict(_scic(statutes), "scic.reserves")
    assert result.verdict.value == verdict
    if verdict == "unknown":
        assert result.finding.missing == ("governance.statutes.reserves_share",)


def test_capital_that_is_not_variable_fails_the_form():
    assert _verdict(_scic({"variable_capital": False}), "scic.form").verdict.value == "fail"
    assert _verdict(_scic({"variable_capital": True}), "scic.form").verdict.value == "pass"
    unsaid = _verdict(_scic(), "scic.form")
    assert unsaid.verdict.value == "pass" and "variable_capital" in unsaid.finding.message


def test_not_a_scic_is_not_judged():
    pole = Pole.model_validate({"id": "p", "name": "P", "governance": {"statutes": {"reserves_share": 10}}})
    (result,) = [r for r in check(pole, "scic", at="2025").results if r.rule.id == "scic.reserves"]
    assert not result.finding.applies


def test_a_share_above_100_is_a_located_error():
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as err:
        _scic({"reserves_share": 120})
    assert err.value.errors()[0]["loc"][:3] == ("governance", "statutes", "reserves_share")
