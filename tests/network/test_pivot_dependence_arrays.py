"""The pivot's dependence read from the pole's graph itself (igraph's arrays or its adjacency)
equals networkx's on a copy of it, to 1e-9, and the criteria no longer build that copy."""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import pytest

from ptce_kit.criteria.core import Context
from ptce_kit.io import load_pole
from ptce_kit.network import to_graph
from ptce_kit.network.fast import graph_pivot_dependence
from ptce_kit.network.measures import pivot_dependence
from ptce_kit.synth import synthetic_pole

ROOT = Path(__file__).resolve().parents[2]
TOL = 1e-9


def _same(quick, slow):
    if slow is None:
        assert quick is None
        return
    assert list(quick) == list(slow)
    for key, value in slow.items():
        if isinstance(value, float) or isinstance(quick[key], float):
            assert quick[key] is not None and math.isclose(quick[key], value, rel_tol=0, abs_tol=TOL), (key, quick, slow)
        else:
            assert quick[key] == value, (key, quick[key], value)


def _hand_graphs():
    """Corners: parallel ties, self-loops, isolates, a pivot alone, a pivot that is a leaf."""
    G = nx.MultiGraph([("p", "a"), ("p", "a"), ("a", "b"), ("p", "c"), ("c", "c"), ("p", "d"), ("e", "f")])
    G.add_node("lonely")
    G.graph["pivot"] = "p"
    alone = nx.MultiGraph([("a", "b"), ("b", "c")])
    alone.add_node("p")
    alone.graph["pivot"] = "p"
    leaf = nx.MultiGraph(nx.path_graph(6))
    leaf.graph["pivot"] = 0
    absent = nx.MultiGraph([("a", "b")])
    absent.graph["pivot"] = "gone"
    bridge = nx.MultiGraph(nx.barbell_graph(5, 1))
    bridge.graph["pivot"] = 5
    return {"corners": G, "pivot alone": alone, "pivot a leaf": leaf, "pivot absent": absent, "bridge": bridge}


def _poles():
    sud = load_pole(ROOT / "examples" / "pole_sud" / "pole.yaml")
    coteaux = load_pole(ROOT / "examples" / "coteaux_fictif" / "pole.yaml")
    graphs = {"Pôle Sud": to_graph(sud), "Pôle Sud in 2016": to_graph(sud, at="2016"),
              "Coteaux": to_graph(coteaux), "Coteaux in 2024": to_graph(coteaux, at="2024")}
    for seed, size in ((1, 40), (2, 120), (3, 400)):
        graphs[f"synthetic {size}, seed {seed}"] = to_graph(synthetic_pole(size, seed=seed, ties_per_actor=3))
    return graphs


CASES = {**_hand_graphs(), **_poles()}


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("engine", ["networkx", "igraph"])
@pytest.mark.parametrize("distances", [True, False])
def test_the_graphs_own_pivot_dependence_equals_networkx_on_a_copy(name, engine, distances):
    if engine == "igraph":
        pytest.importorskip("igraph")
    G = CASES[name]
    slow = pivot_dependence(G, G.graph.get("pivot"), engine="networkx", distances=distances)
    _same(graph_pivot_dependence(G, engine=engine, distances=distances), slow)


def test_the_cases_measure_something():
    # Not every case trivially None: the comparison above compares figures.
    found = [pivot_dependence(G, G.graph.get("pivot"), engine="networkx") for G in CASES.values()]
    assert sum(d is not None and d["mean_distance_after"] is not None for d in found) >= 8
    assert any(d is not None and 0 < d["connectivity_loss"] < 1 for d in found)


def test_the_criteria_read_the_pivot_dependence_without_copying_the_graph(monkeypatch):
    pole = load_pole(ROOT / "examples" / "pole_sud" / "pole.yaml")
    ctx = Context(pole, at="2024")
    G = ctx.graph  # built before: only the measure is watched
    expected = pivot_dependence(G, G.graph.get("pivot"), engine="networkx")

    def refuse(self, *args, **kwargs):
        raise AssertionError("a networkx graph was built for the pivot's dependence")

    monkeypatch.setattr(nx.Graph, "__init__", refuse)
    found = ctx.pivot_dependence
    monkeypatch.undo()
    assert expected is not None and expected["pairs_connected_before"] > 0
    _same(found, expected)
