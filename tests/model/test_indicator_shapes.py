"""Indicators with a scope and a shape (issue 16, item 6): scope, ranges, lower bounds, series."""

from __future__ import annotations

import pytest
from format_b_helpers import problems, round_trip, write

from ptce_kit.io import load_pole
from ptce_kit.model import IndicatorScope

SHAPES = """\
indicators:
  - {name: Emplois, value: 40, unit: jobs, year: 2013, source: Fiche 2013}
  - {name: Emplois, value: 50, unit: jobs, year: 2015, source: Fiche 2015}
  - {name: Laine lavée, min: 30, max: 35, unit: tonnes, source: Rapport 2015}
  - {name: Chiffre d'affaires, at_least: 3000000, unit: euros, source: Site}
  - {name: Emplois ESS, value: 2392, unit: jobs, scope: territory, source: CRESS}
  - {name: Salariés, value: 12, unit: jobs, actor: atelier, source: Fiche}
  - {name: Salariés, value: 3, unit: jobs, scope: actor, actor: usine, year: 2015, source: Fiche}
"""


def test_scope_is_given_or_derived_and_bounds_follow_the_shape(tmp_path):
    pole = load_pole(write(tmp_path, SHAPES))
    assert [i.about for i in pole.indicators] == [
        IndicatorScope.POLE, IndicatorScope.POLE, IndicatorScope.POLE, IndicatorScope.POLE,
        IndicatorScope.TERRITORY, IndicatorScope.ACTOR, IndicatorScope.ACTOR]
    assert [i.bounds for i in pole.indicators[:4]] == [(40, 40), (50, 50), (30, 35), (3000000, None)]
    # The two "Emplois" are one series; "Salariés" of two actors are two.
    keys = [i.series_key() for i in pole.indicators]
    assert keys[0] == keys[1] and keys[5] != keys[6]


def test_indicator_shapes_are_written_back_unchanged(tmp_path):
    round_trip(tmp_path, SHAPES)


@pytest.mark.parametrize(("line", "path", "words"), [
    ("{name: X, unit: jobs, source: s}", "indicators[0].value", "an indicator needs its figure"),
    ("{name: X, value: 3, at_least: 2, source: s}", "indicators[0].at_least", "give the figure one way"),
    ("{name: X, value: 3, min: 2, max: 4, source: s}", "indicators[0].min", "give the figure one way"),
    ("{name: X, min: 2, source: s}", "indicators[0].max", "a range needs both 'min' and 'max'"),
    ("{name: X, min: 5, max: 4, source: s}", "indicators[0].max", "'max' (4) is below 'min' (5)"),
    ("{name: X, value: 1, scope: actor, source: s}", "indicators[0].actor", "needs the 'actor' it is about"),
    ("{name: X, value: 1, scope: territory, actor: atelier, source: s}", "indicators[0].scope",
     "its scope is 'actor', not 'territory'"),
    ("{name: X, value: 1, scope: region, source: s}", "indicators[0].scope", "not allowed"),
])
def test_bad_indicator_shapes_are_located(tmp_path, line, path, words):
    found = problems(tmp_path, f"indicators:\n  - {line}\n")
    assert [(p, n) for p, n, _ in found] == [(path, 9)]
    assert words in found[0][2]


def test_a_series_has_one_figure_per_year(tmp_path):
    found = problems(tmp_path, """\
        indicators:
          - {name: Emplois, value: 40, unit: jobs, year: 2015, source: Fiche}
          - {name: emplois, value: 45, unit: Jobs, year: 2015, source: Site}
          - {name: Emplois, value: 45, unit: jobs, year: 2015, actor: atelier, source: Site}
        """)
    assert found == [("indicators[1].year", 10, "indicators[0] already gives 'emplois' for 2015: a series has one "
                      "figure per year (keep disagreeing sources in 'variants')")]
