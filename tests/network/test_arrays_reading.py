"""The arrays of ``ptce analyse`` read as before (issue 23, item 3).

:func:`ptce_kit.network.fast.arrays` now walks the multigraph's adjacency itself instead of
``G.edges(data=True)`` (whose edge count alone walked it twice at 2·10^5 actors), the
components come from igraph's membership without a ``VertexClustering``, the attribute codes
are read once per attribute and the brokerage roles come as an array of counts: each must
give what the former code gave (the edge view's order, igraph's components, the dicts of
:func:`~ptce_kit.network.fast.brokerage`).
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from ptce_kit.network import fast
from ptce_kit.network.brokerage import ROLES
from ptce_kit.network.build import to_graph
from ptce_kit.synth import synthetic_pole


def _awkward() -> nx.MultiGraph:
    """Parallel ties (several keys), self-loops, isolated actors, non-string ids, neighbours met late."""
    G = nx.MultiGraph()
    G.add_nodes_from(["z", 3, "a", "iso", ("t", 1)])
    G.add_edge("a", "z", key="k1", weight=2.0, kind="cooperation")
    G.add_edge(3, "a", key="k2", kind="partnership")
    G.add_edge("z", "a", key="k3", weight=0.5, kind="mutualisation")
    G.add_edge(3, 3, key="loop", weight=4.0)
    G.add_edge(("t", 1), "z", key="k4")
    G.add_edge("a", "z", key="k5")
    G.add_edge(("t", 1), ("t", 1), key="loop2", kind="cooperation")
    return G


POLES = {
    "awkward": _awkward,
    "synthetic": lambda: to_graph(synthetic_pole(300, seed=3, ties_per_actor=4)),
    "plain graph": lambda: nx.Graph(nx.barabasi_albert_graph(60, 2, seed=1)),
}


@pytest.mark.parametrize("name", list(POLES))
def test_ties_are_read_in_the_edge_views_order(name):
    G = POLES[name]()
    a = fast.arrays(G)
    index = {v: i for i, v in enumerate(a.nodes)}
    edges = list(G.edges(data=True))
    assert a.tie_u.tolist() == [index[u] for u, _, _ in edges]
    assert a.tie_v.tolist() == [index[v] for _, v, _ in edges]
    assert a.tie_kinds == [d.get("kind") for *_, d in edges]
    # The collapsed pairs: in the order of their first tie, oriented as it, weights summed.
    first: dict[frozenset[int], tuple[int, int, float]] = {}
    for u, v, d in edges:
        key = frozenset((index[u], index[v]))
        i, j, w = first.get(key, (index[u], index[v], 0.0))
        first[key] = (i, j, w + d.get("weight", 1.0))
    assert list(zip(a.src.tolist(), a.dst.tolist(), a.weight.tolist(), strict=True)) == list(first.values())


@pytest.mark.parametrize("name", list(POLES))
def test_components_are_igraphs(name):
    a = fast.arrays(POLES[name]())
    membership, sizes = a.components()
    found = a.graph.connected_components()
    assert membership.tolist() == found.membership
    assert sizes.tolist() == found.sizes()


@pytest.mark.parametrize("name", list(POLES))
@pytest.mark.parametrize("attribute", ["family", "kind", "name"])
def test_brokerage_counts_are_the_former_dicts(name, attribute):
    G = POLES[name]()
    if name == "plain graph":
        nx.set_node_attributes(G, {v: ("a", "b", None)[v % 3] for v in G}, attribute)
    elif name == "awkward":
        nx.set_node_attributes(G, {"z": "x", 3: "y", "a": "x", "iso": None, ("t", 1): "y"}, attribute)
    a = fast.arrays(G)
    groups, codes = fast.node_codes(G, a, attribute)
    assert [groups[c] for c in codes.tolist()] == [G.nodes[v].get(attribute) for v in a.nodes]
    counts = fast.brokerage_counts(a, codes)
    former = fast.brokerage(a, [G.nodes[v].get(attribute) for v in a.nodes])
    assert [{**dict(zip(ROLES, row)), "total": sum(row)} for row in counts.tolist()] == former
    assert counts.dtype == np.int64 and counts.shape == (a.n, len(ROLES))
