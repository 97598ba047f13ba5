"""The comparison measures only what its columns and the criteria read, with the same values."""

from __future__ import annotations

import pytest

from ptce_kit.comparison import _table_measures
from ptce_kit.network import pole_measures, to_graph
from ptce_kit.synth import synthetic_pole, synthetic_poles


@pytest.mark.parametrize("pole", [synthetic_pole(4, seed=1), synthetic_pole(60, seed=5), synthetic_pole(200, seed=8),
                                  *synthetic_poles(3, seed=9)], ids=lambda p: p.id)
def test_table_measures_are_pole_measures(pole):
    G = to_graph(pole, at="2025-06-30")
    lean, full = _table_measures(G), pole_measures(G)
    assert lean == {k: full[k] for k in lean}


def test_the_criteria_read_only_the_measures_the_table_computes():
    import inspect

    from ptce_kit.criteria import core, rules

    source = inspect.getsource(core) + inspect.getsource(rules)
    import re

    read = set(re.findall(r"measures\[\"(\w+)\"\]", source)) | set(re.findall(r"measures\.get\(\"(\w+)\"", source))
    assert read <= set(_table_measures(to_graph(synthetic_pole(4, seed=1))))
