"""A commercial company is of the ESS only under loi n° 2014-856, art. 1, II, 2° (issue 18, item 4)."""

from __future__ import annotations

import pytest

from ptce_kit.criteria.status import ess_status
from ptce_kit.model import Actor


def _sas(statutes: dict | None = None, **fields) -> Actor:
    return Actor.model_validate({"id": "sas", "name": "Atelier SAS", "category": "enterprise",
                                 "legal_form_code": "5710", **({"statutes": statutes} if statutes else {}), **fields})


MET = {"social_utility": True, "development_fund_share": 20, "retained_share": 50}


def test_statutes_that_meet_the_three_conditions_make_it_of_the_ess_with_a_note():
    answer = ess_status(_sas(MET))
    assert answer.value is True
    assert set(answer.fields) == {"statutes.social_utility", "statutes.development_fund_share",
                                  "statutes.retained_share"}
    assert "democratic" in answer.note


@pytest.mark.parametrize("broken", [{"social_utility": False}, {"development_fund_share": 19.9},
                                    {"retained_share": 49}])
def test_one_condition_broken_settles_it_even_against_the_declared_flag(broken):
    answer = ess_status(_sas({**MET, **broken}, ess=True))
    assert answer.value is False
    assert answer.fields == (f"statutes.{next(iter(broken))}",)


def test_statutes_read_in_part_leave_it_unknown_with_what_would_decide():
    answer = ess_status(_sas({"social_utility": True}, ess=True))
    assert answer.value is None
    assert answer.fields == ("statutes.development_fund_share", "statutes.retained_share")


def test_without_statutes_the_flag_is_a_declaration_as_before():
    answer = ess_status(_sas(ess=True))
    assert answer.value is True and "not verified" in answer.note
    assert ess_status(_sas()).value is None


def test_a_cooperative_is_of_the_ess_by_its_form_whatever_its_statutes_hold():
    scop = Actor.model_validate({"id": "scop", "name": "Scop", "category": "enterprise", "legal_form_code": "5458",
                                 "statutes": {"development_fund_share": 0}})
    assert ess_status(scop).value is True
