"""Décret 2015-431, art. 3, 4°: « pas déjà soutenu par un précédent appel », decided from ``support``."""

from __future__ import annotations

import pytest

from ptce_kit.criteria import Verdict, check
from ptce_kit.model import Pole

STATE = {"name": "État", "kind": "state"}


def verdict(support, *, complete=False, at="2024"):
    pole = Pole.model_validate({"id": "p", "name": "P", "support": support, "support_complete": complete,
                                "actors": [{"id": "a", "name": "A", "category": "ess_enterprise"}]})
    result = next(r for r in check(pole, "state-call", at=at).results if r.rule.id == "decret.not-yet-supported")
    return result.verdict, result.finding


def test_a_laureate_of_an_earlier_call_fails_with_the_deciding_field():
    v, finding = verdict([{"funder": STATE, "call": "ptce-2013", "outcome": "not-retained"},
                          {"funder": STATE, "call": "ptce-2015", "outcome": "laureate", "to": "p"}])
    assert v is Verdict.FAIL
    assert finding.evidence["fields"] == ["support[1].outcome"] and "ptce-2015" in finding.message


def test_the_call_of_the_checks_own_year_is_not_an_earlier_one():
    assert verdict([{"funder": STATE, "call": "ptce-2023", "outcome": "laureate"}], complete=True,
                   at="2023-06")[0] is Verdict.PASS
    assert verdict([{"funder": STATE, "call": "ptce-2023", "outcome": "laureate"}], at="2024")[0] is Verdict.FAIL


def test_support_to_an_actor_is_not_support_to_the_pole():
    assert verdict([{"funder": STATE, "call": "ptce-2015", "outcome": "laureate", "to": "a"}],
                   complete=True)[0] is Verdict.PASS


@pytest.mark.parametrize("outcome", ["pending", "unknown"])
def test_an_undecided_earlier_application_is_unknown(outcome):
    v, finding = verdict([{"funder": STATE, "call": "ptce-2021", "outcome": outcome}], complete=True)
    assert v is Verdict.UNKNOWN and finding.missing == ("support[0].outcome",)


def test_state_support_through_a_call_the_format_does_not_know_is_unknown():
    v, finding = verdict([{"funder": STATE, "call": "AMI économie circulaire 2019", "outcome": "laureate"}],
                         complete=True)
    assert v is Verdict.UNKNOWN and finding.missing == ("support[0].call",)


def test_with_no_laureate_it_passes_only_when_the_list_is_declared_complete():
    region = [{"funder": {"name": "Région", "kind": "region"}, "call": "AAP ESS 2019", "outcome": "laureate"},
              {"funder": STATE, "call": "ptce-2015", "outcome": "not-retained"}]
    v, finding = verdict(region)
    assert v is Verdict.UNKNOWN and finding.missing == ("support", "support_complete")
    assert verdict(region, complete=True)[0] is Verdict.PASS
    assert verdict([], complete=True)[0] is Verdict.PASS
    assert verdict([])[0] is Verdict.UNKNOWN
