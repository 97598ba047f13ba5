"""A venue operator's contract duration is checked: a number greater than 0 and a unit,
refused with its own code (PTCE-E140) at its line otherwise."""

from __future__ import annotations

import pytest
from format_b_helpers import round_trip, write

from ptce_kit.errors import PoleError
from ptce_kit.io import load_pole
from ptce_kit.model.actors import check_contract_duration

VENUE = """\
# a venue run by an operator (the comment keeps the list's indentation)
  - {{id: halle, name: La Halle, category: other,
     operator: {{actor: atelier, contract: public-service, duration: {duration}}}}}
"""


def venue(tmp_path, duration):
    from format_b_helpers import HEAD

    return write(tmp_path, VENUE.format(duration=duration), head=HEAD)


@pytest.mark.parametrize("duration", ["12 ans", "12 years", "6 mois", "1,5 an", "0,5 year", "26 semaines",
                                      "1 année", "9999 weeks", "12ans"])
def test_a_duration_with_a_number_and_a_unit_is_taken_as_written(tmp_path, duration):
    pole = load_pole(venue(tmp_path, f'"{duration}"'))
    assert pole.actor("halle").operator.duration == duration
    round_trip(tmp_path, "")  # the helpers' pole still makes the round trip


@pytest.mark.parametrize("duration", ['"0 ans"', '"0,0 an"', '"douze ans"', "12", '"-3 ans"', '"12 décennies"',
                                      '"ans"', '"12 ans et demi"', '"012 ans"'])
def test_a_duration_of_0_or_without_a_unit_is_refused_where_it_is(tmp_path, duration):
    with pytest.raises(PoleError) as caught:
        load_pole(venue(tmp_path, duration))
    (problem,) = caught.value.problems
    assert problem.code == "PTCE-E140"
    assert problem.to_dict()["path"] == "actors[3].operator.duration"
    assert problem.line == 10 and problem.column > 40  # the duration itself
    assert "12 ans" in str(problem.message)  # the message says how to write it


def test_the_check_and_the_schema_agree():
    import re

    from ptce_kit.io.schema import pole_json_schema

    schema = pole_json_schema()
    pattern = schema["$defs"]["Operation"]["properties"]["duration"]["anyOf"][0]["pattern"]
    for good in ("12 ans", "6 mois", "0,5 year"):
        assert re.fullmatch(pattern[1:-1], good) and check_contract_duration(good) == good
    for bad in ("0 ans", "douze ans", "12"):
        assert not re.fullmatch(pattern[1:-1], bad)
        with pytest.raises(ValueError):
            check_contract_duration(bad)


def test_the_problem_and_its_fix_are_documented():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "problems.md").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if "PTCE-E140" in line)
    assert "duration" in line and "12 ans" in line
