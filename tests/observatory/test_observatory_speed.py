"""The comparison measures only what its columns and the criteria read, with the same values."""

from __future__ import annotations

import pytest

from ptce_kit.comparison import _table_measures, settled
from ptce_kit.network import pole_measures, to_graph
from ptce_kit.synth import synthetic_pole, synthetic_poles


@pytest.mark.parametrize("pole", [synthetic_pole(4, seed=1), synthetic_pole(60, seed=5), synthetic_pole(200, seed=8),
                                  *synthetic_poles(3, seed=9)], ids=lambda p: p.id)
def test_table_measures_are_pole_measures(pole):
    G = to_graph(pole, at="2025-06-30")
    lean, full = _table_measures(G), pole_measures(G)
    # the betweenness centralization is kept to 12 significant digits, whichever engine computed it
    assert full["betweenness_centralization"] is None or (
        lean["betweenness_centralization"] == settled(full["betweenness_centralization"])
        and lean["betweenness_centralization"] == pytest.approx(full["betweenness_centralization"], rel=1e-11, abs=1e-12))
    kept = [k for k in lean if k not in ("pivot_dependence", "betweenness_centralization")]
    assert {k: lean[k] for k in kept} == {k: full[k] for k in kept}
    # the pivot's dependence: the same, but for the mean distances nobody in the table reads
    distances = ("mean_distance_before", "mean_distance_after")
    if full["pivot_dependence"] is None:
        assert lean["pivot_dependence"] is None
    else:
        assert {k: v for k, v in lean["pivot_dependence"].items() if k not in distances} == {
            k: v for k, v in full["pivot_dependence"].items() if k not in distances}


def test_the_criteria_read_no_mean_distance():
    import inspect

    from ptce_kit.criteria import core, rules

    source = inspect.getsource(core) + inspect.getsource(rules)
    assert "mean_distance" not in source


def test_the_criteria_read_only_the_measures_the_table_computes():
    import inspect

    from ptce_kit.criteria import core, rules

    source = inspect.getsource(core) + inspect.getsource(rules)
    import re

    read = set(re.findall(r"measures\[\"(\w+)\"\]", source)) | set(re.findall(r"measures\.get\(\"(\w+)\"", source))
    assert read <= set(_table_measures(to_graph(synthetic_pole(4, seed=1))))
