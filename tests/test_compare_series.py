"""``ptce compare`` never adds up a series across years, nor counts a territory's figure as the pole's (issue 16, item 6)."""

from __future__ import annotations

import csv
import textwrap

import pytest

from ptce_kit.comparison import column_label, compare, indicator_total, write_table
from ptce_kit.model import Pole

ACTORS = [{"id": "a", "name": "A", "category": "ess_enterprise"}, {"id": "b", "name": "B", "category": "enterprise"}]


def pole(pole_id, *indicators):
    return Pole.model_validate({"id": pole_id, "name": pole_id.upper(), "actors": ACTORS,
                                "indicators": [dict(source="fiche", **i) for i in indicators]})


SERIES = pole("serie",
              {"name": "Emplois", "value": 40, "unit": "jobs", "year": 2013},
              {"name": "Emplois", "value": 50, "unit": "jobs", "year": 2015},
              {"name": "Emplois de l'ESS du territoire", "value": 2392, "unit": "jobs", "scope": "territory",
               "year": 2015})


def row(p):
    return compare([p], profiles=())[0]


def test_a_series_gives_its_latest_year_not_the_sum_of_its_years():
    r = row(SERIES)
    assert r["jobs_indicators"] == 50  # not 40 + 50 = 90, and not 50 + 2392
    assert (r["jobs_indicators_min"], r["jobs_indicators_max"], r["jobs_indicators_year"]) == (50, 50, "2015")


def test_a_territorys_figure_is_never_the_poles():
    r = row(SERIES)
    assert r["jobs_territory"] == 2392 and r["jobs_territory_year"] == "2015"
    only_territory = row(pole("t", {"name": "Emplois ESS", "value": 2392, "unit": "jobs", "scope": "territory"}))
    assert only_territory["jobs_indicators"] is None and only_territory["jobs_territory"] == 2392


def test_the_order_of_the_file_does_not_matter():
    reversed_series = pole("r", {"name": "Emplois", "value": 50, "unit": "jobs", "year": 2015},
                           {"name": "Emplois", "value": 40, "unit": "jobs", "year": 2013})
    assert row(reversed_series)["jobs_indicators"] == 50


def test_different_series_add_up_each_at_its_latest_year():
    p = pole("p", {"name": "Emplois", "value": 40, "unit": "jobs", "year": 2013},
             {"name": "Emplois", "value": 50, "unit": "jobs", "year": 2015},
             {"name": "Emplois du Groupe", "value": 10, "unit": "emplois", "actor": "a", "year": 2014},
             {"name": "Emplois du Groupe", "value": 12, "unit": "emplois", "actor": "a", "year": 2016})
    assert indicator_total(p) == {"value": 62, "min": 62, "max": 62, "years": "2015, 2016"}


def test_ranges_and_lower_bounds_are_reported_as_such():
    ranged = row(pole("rg", {"name": "Emplois", "min": 30, "max": 35, "unit": "jobs", "year": 2015},
                      {"name": "Emplois", "value": 20, "unit": "jobs", "year": 2013}))
    assert (ranged["jobs_indicators"], ranged["jobs_indicators_min"], ranged["jobs_indicators_max"]) == (None, 30, 35)
    bound = row(pole("lb", {"name": "Emplois", "at_least": 100, "unit": "jobs"},
                     {"name": "Emplois ESS", "value": 5, "unit": "jobs", "actor": "b"}))
    assert (bound["jobs_indicators"], bound["jobs_indicators_min"], bound["jobs_indicators_max"]) == (None, 105, None)


def test_undated_figures_of_one_series_are_a_span_not_a_sum():
    # Two sources, no year: they are two values of one figure (write them as variants).
    p = pole("u", {"name": "Emplois", "value": 8, "unit": "jobs"}, {"name": "Emplois", "value": 10, "unit": "jobs"})
    assert indicator_total(p) == {"value": None, "min": 8, "max": 10, "years": None}


@pytest.mark.parametrize("suffix", [".md", ".csv"])
def test_the_table_says_which_year_it_used(tmp_path, suffix):
    other = pole("autre", {"name": "Emplois", "value": 12, "unit": "jobs", "year": 2019})
    path = write_table(compare([SERIES, other], profiles=()), tmp_path / f"t{suffix}")
    if suffix == ".md":
        lines = {line.split("|")[1].strip(): [c.strip() for c in line.split("|")[2:-1]]
                 for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("| ")}
        # The rows are named in the reader's words (English under the tests' PTCE_LANG=en).
        assert lines[column_label("jobs_indicators_year")] == ["2015", "2019"]
        assert lines[column_label("jobs_indicators")][0].startswith("50 (#1")
    else:
        rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
        assert [(r["jobs_indicators"], r["jobs_indicators_year"]) for r in rows] == [("50.0", "2015"), ("12.0", "2019")]


def test_through_the_cli(tmp_path, ptce):
    (tmp_path / "serie.yaml").write_text(textwrap.dedent("""\
        format: ptce/1
        id: serie
        name: Série
        indicators:
          - {name: Emplois, value: 40, unit: jobs, year: 2013, source: Fiche 2013}
          - {name: Emplois, value: 50, unit: jobs, year: 2015, source: Fiche 2015}
          - {name: Emplois ESS, value: 2392, unit: jobs, scope: territory, year: 2015, source: CRESS}
        """), encoding="utf-8")
    result = ptce("compare", tmp_path / "serie.yaml", "-o", tmp_path / "t.csv", "--sep", ",")
    assert result.returncode == 0, result.stderr
    (r,) = csv.DictReader((tmp_path / "t.csv").read_text(encoding="utf-8-sig").splitlines())
    assert (r["jobs_indicators"], r["jobs_indicators_year"], r["jobs_territory"]) == ("50.0", "2015", "2392.0")
