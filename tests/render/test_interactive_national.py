"""The interactive page of a national graph: a layout whose memory grows with the graph, labels
looked a place for only for the biggest nodes, the same bytes for the same data."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from ptce_kit.network import to_graph
from ptce_kit.network.measures import actor_measure
from ptce_kit.render import interactive
from ptce_kit.render.layouts import layout_positions
from ptce_kit.synth import synthetic_pole


@pytest.fixture(scope="module")
def pole():
    return synthetic_pole(600, seed=3, ties_per_actor=3)


def test_national_positions_are_seeded_and_fill_the_square(pole):
    G = to_graph(pole)
    pos = interactive.national_positions(G, seed=7)
    assert pos == interactive.national_positions(G, seed=7)
    assert pos != interactive.national_positions(G, seed=8)
    assert set(pos) == set(G)
    tied = [v for v in G if G.degree(v)]
    xs = np.array([pos[v] for v in tied])
    assert np.abs(xs).max() <= 1.0 + 1e-9 and np.abs(xs).max() == pytest.approx(1.0)


def _spread(G, pos):
    """The median tie length, the median distance of random pairs, the occupied cells of a 40 × 40 grid."""
    tied = [(u, v) for u, v in G.edges() if u != v]
    nodes = [v for v in G if G.degree(v)]
    pairs = np.random.default_rng(0).choice(len(nodes), size=(2000, 2))
    cells = {(round(x * 20), round(y * 20)) for x, y in (pos[v] for v in nodes)}
    return (np.median([math.dist(pos[u], pos[v]) for u, v in tied]),
            np.median([math.dist(pos[nodes[a]], pos[nodes[b]]) for a, b in pairs if a != b]), len(cells))


def test_national_positions_draw_as_well_as_the_static_maps_spring(pole):
    G = to_graph(pole)
    tie, anywhere, cells = _spread(G, interactive.national_positions(G, seed=42))
    static_tie, static_anywhere, static_cells = _spread(G, layout_positions(G, "spring", seed=42))
    # Tied actors close, the others apart, no pile-up: as the static map's layout does.
    assert tie < anywhere / 2.5
    assert tie <= 1.25 * static_tie and anywhere >= 0.8 * static_anywhere and cells >= 0.8 * static_cells


def test_above_the_threshold_the_page_uses_them_and_gives_the_same_bytes(pole, monkeypatch, tmp_path):
    monkeypatch.setattr(interactive, "NATIONAL_ABOVE", 100)
    G = to_graph(pole)
    expected = interactive.national_positions(G, seed=42)
    data = interactive.map_data(pole, lang="en")
    assert {n["id"]: (n["x"], n["y"]) for n in data["nodes"]} == expected
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    interactive.write_interactive_map(pole, first)
    interactive.write_interactive_map(pole, second)
    assert first.read_bytes() == second.read_bytes()


def test_labels_past_the_biggest_are_not_placed_and_the_others_are_unchanged(pole, monkeypatch):
    nodes = interactive.map_data(pole, lang="en")["nodes"]
    everything = interactive.place_labels(nodes)
    monkeypatch.setattr(interactive, "LABELS_AT_MOST", 50)
    capped = interactive.place_labels(nodes)
    order = sorted(nodes, key=lambda n: (not n["pivot"], -n["r"], n["id"]))
    assert list(capped) != []
    for n in order[:50]:
        assert capped[n["id"]] == everything[n["id"]]
    for n in order[50:]:
        assert capped[n["id"]]["lz"] == -1
    assert set(capped) == set(everything)


@pytest.mark.parametrize("directed", [False, True])
def test_degree_alone_is_the_simple_graphs_without_building_it(directed, monkeypatch):
    M = nx.MultiDiGraph() if directed else nx.MultiGraph()
    M.add_edges_from([("a", "b"), ("a", "b"), ("b", "a"), ("b", "c"), ("c", "c"), ("d", "d"), ("c", "e")])
    M.add_node("alone")
    expected = dict(nx.Graph(nx.Graph(M)).degree()) if not directed else dict(nx.DiGraph(M).to_undirected().degree())
    from ptce_kit.network import build

    def refuse(*args, **kwargs):
        raise AssertionError("the simple graph was built for the degree")

    monkeypatch.setattr(build, "to_simple_graph", refuse)
    assert actor_measure(M, "degree") == expected
