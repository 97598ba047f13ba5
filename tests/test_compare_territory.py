"""``ptce compare``: the territory's population and priority areas, in columns of their own,
never counted as the pole's figures (issue 16, item 5)."""

from __future__ import annotations

import csv

from ptce_kit.comparison import column_label, compare, numeric_columns, write_table
from ptce_kit.model import Pole

ACTORS = [{"id": "a", "name": "A", "category": "ess_enterprise"}, {"id": "b", "name": "B", "category": "enterprise"}]


def pole(pole_id, territory=None, indicators=()):
    data = {"id": pole_id, "name": pole_id.upper(), "actors": ACTORS,
            "indicators": [dict(source="fiche", **i) for i in indicators]}
    if territory is not None:
        data["territory"] = territory
    return Pole.model_validate(data)


ROMANS = pole("romans", {
    "name": "Romans", "population": {"value": 33000, "year": 2021, "source": "INSEE (test)"},
    "priority_areas": [{"kind": "QPV", "code": "QN02612M", "name": "La Monnaie"},
                       {"kind": "ZRR", "name": "Zone rurale"}, {"kind": "QPV", "name": "Centre"}]},
    [{"name": "Emplois", "value": 40, "unit": "jobs", "year": 2015}])
BARE = pole("bare", {"name": "Nulle part"})


def test_population_and_priority_areas_have_their_own_columns():
    r = compare([ROMANS], profiles=())[0]
    assert (r["territory_population"], r["territory_population_year"]) == (33000, "2021")
    assert r["priority_areas"] == "QPV, ZRR"  # each kind once, sorted


def test_the_population_is_never_counted_as_the_poles_figures():
    r = compare([ROMANS], profiles=())[0]
    assert r["jobs_indicators"] == 40 and r["jobs_territory"] is None and r["actors"] == 2


def test_a_territory_that_says_nothing_leaves_the_columns_empty():
    for p in (BARE, pole("none")):
        r = compare([p], profiles=())[0]
        assert (r["territory_population"], r["territory_population_year"], r["priority_areas"]) == (None, None, None)


def test_the_population_is_ranked_among_poles_and_the_areas_are_not():
    rows = compare([ROMANS, BARE, pole("small", {"name": "S", "population": {
        "value": 900, "year": 2020, "source": "INSEE (test)"}})], profiles=())
    assert "territory_population" in numeric_columns(rows)
    assert "priority_areas" not in numeric_columns(rows) and "territory_population_year" not in numeric_columns(rows)
    assert [r["territory_population_rank"] for r in rows] == [1, None, 2]


def test_the_columns_are_written_and_named_in_both_languages(tmp_path):
    out = write_table(compare([ROMANS], profiles=()), tmp_path / "t.csv")
    with open(out, encoding="utf-8-sig", newline="") as f:
        (r,) = list(csv.DictReader(f, delimiter=",")) or list(csv.DictReader(f, delimiter=";"))
    assert r["priority_areas"] == "QPV, ZRR" and r["territory_population"] in ("33000", "33000.0")
    for lang in ("fr", "en"):
        assert column_label("territory_population", lang) != "territory_population"
        assert column_label("priority_areas", lang) != "priority_areas"
    assert column_label("priority_areas", "fr") != column_label("priority_areas", "en")
