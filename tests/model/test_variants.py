"""Conflicting sources (issue 16, item 8): every value with its source, and the one that counts."""

from __future__ import annotations

import pytest
from format_b_helpers import problems, round_trip, write

from ptce_kit.io import load_pole
from ptce_kit.model.variants import resolve_path

VARIANTS = """\
founded: 2009
indicators:
  - {name: Structures, value: 8, source: Site}
variants:
  - field: founded
    values:
      - {value: 2008, source: Presse}
      - {value: 2009, source: Statuts}
    chosen: 2009
    reason: the statutes are dated
  - field: indicators[0].value
    values: [{value: 5, source: Fiche 2013}, {value: 8, source: Site}, {value: 10, source: Rapport}]
    chosen: 8
  - field: actors[usine].joined
    values: [{value: 2010, source: Site}, {value: 2011, source: Compte rendu}]
"""


def test_variants_are_read_and_resolve(tmp_path):
    pole = load_pole(write(tmp_path, VARIANTS))
    founded, structures, joined = pole.variants
    assert [v.value for v in founded.values] == [2008, 2009] and founded.chosen == 2009
    assert [v.source for v in structures.values] == ["Fiche 2013", "Site", "Rapport"]
    assert resolve_path(pole, "founded") == (True, "2009", "")
    assert resolve_path(pole, "indicators[0].value") == (True, 8.0, "")
    assert resolve_path(pole, "actors[usine].joined") == (True, None, "")  # not set: nothing to agree with
    assert resolve_path(pole, "actors[2].category") == (True, "enterprise", "")


def test_variants_are_written_back_unchanged(tmp_path):
    round_trip(tmp_path, VARIANTS)


@pytest.mark.parametrize(("field", "words"), [
    ("fonded", "the pole has no field 'fonded'"),
    ("actors[nobody].joined", "no item of actors has the id 'nobody'"),
    ("actors[7].joined", "actors has 3 items: there is no [7]"),
    ("actors[usine].joind", "actors[usine] has no field 'joind'"),
    ("territory.name", "territory is not set: give it before a variant of its fields"),
    ("founded[0]", "founded is not a list"),
    ("governance", "a group of fields, not one value"),
])
def test_a_variant_names_a_field_of_the_pole(tmp_path, field, words):
    found = problems(tmp_path, f"""\
        variants:
          - field: {field}
            values: [{{value: 1, source: a}}, {{value: 2, source: b}}]
        """)
    assert [(p, n) for p, n, _ in found] == [("variants[0].field", 9)], found
    assert words in found[0][2]


def test_the_chosen_value_is_one_of_the_values_and_the_fields(tmp_path):
    assert problems(tmp_path, """\
        founded: 2010
        variants:
          - field: founded
            values: [{value: 2008, source: a}, {value: 2009, source: b}]
            chosen: 2009
        """) == [("variants[0].chosen", 12, "the chosen value 2009 is not the value of founded ('2010'): "
                  "make them the same")]
    found = problems(tmp_path, """\
        variants:
          - field: founded
            values: [{value: 2008, source: a}, {value: 2009, source: b}]
            chosen: 2007
        """)
    assert found == [("variants[0].chosen", 11, "the chosen value 2007 is not among the values (2008, 2009): "
                      "choose one of them")]
    found = problems(tmp_path, """\
        variants:
          - field: fonded..x
            values: [{value: 2008}]
        """)
    assert {p for p, _, _ in found} == {"variants[0].field", "variants[0].values[0].source"}
