"""The bit-parallel searches of ``ptce analyse --sample K`` give the former numbers.

The former searches (one sparse product per level, 32 sources at once, float
distances) are kept in ``tests/network/legacy_sampled.py``; the sampled closeness and the
pivot's mean distances must equal theirs to 1e-9 on graphs with several components,
parallel ties, self-loops and isolated actors, with the pivot a source or not.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from ptce_kit.network import fast
from tests.network import legacy_sampled


def _awkward(n: int, seed: int) -> nx.MultiGraph:
    """A scale-free core, a second component, a pair, isolated actors, parallel ties and loops."""
    G = nx.MultiGraph(nx.barabasi_albert_graph(n, 2, seed=seed))
    G.add_edges_from([(0, 1), (0, 1), (2, 2), (5, 7)])
    G.add_edges_from(nx.path_graph(range(n, n + 12)).edges())
    G.add_edges_from([(n + 20, n + 21), (n + 20, n + 21)])
    G.add_nodes_from([n + 30, n + 31])
    G.add_edge(n + 32, n + 32)  # alone, with a loop
    return G


GRAPHS = {
    "awkward": lambda: _awkward(400, 1),
    "forest": lambda: nx.MultiGraph(nx.random_labeled_tree(150, seed=2)),
    "islands": lambda: nx.MultiGraph(nx.disjoint_union_all([nx.cycle_graph(7), nx.star_graph(9), nx.empty_graph(5),
                                                             nx.complete_graph(6)])),
    "sparse": lambda: nx.MultiGraph(nx.gnm_random_graph(300, 280, seed=3)),
}


def _close(x: float | None, y: float | None) -> bool:
    if x is None or y is None:
        return x is y
    return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-12)


@pytest.mark.parametrize("name", sorted(GRAPHS))
@pytest.mark.parametrize("k", [1, 7, 64, 65, 130])
def test_sampled_distances_equal_the_former_searches(name, k):
    a = fast.arrays(GRAPHS[name]())
    hub = int(np.argmax(a.degree()))
    lonely = int(np.flatnonzero(a.degree() == 0)[0]) if (a.degree() == 0).any() else a.n - 1
    for seed in (0, 5):
        chosen = set(fast.sources(a.nodes, min(k, a.n), seed))
        for pivot in (None, hub, lonely, next(iter(chosen))):
            old = legacy_sampled.sampled_distances(a, k, seed, pivot)
            new = fast.sampled_distances(a, k, seed, pivot)
            assert len(new[0]) == a.n
            assert all(_close(x, y) for x, y in zip(old[0], new[0], strict=True))
            assert _close(old[1], new[1]) and _close(old[2], new[2])
            if pivot is not None and k > 1 and name != "islands":
                assert new[1] is not None  # the pivot's case is really exercised


def test_bit_levels_are_the_hop_distances_of_igraph():
    a = fast.arrays(_awkward(200, 4))
    block = list(range(0, a.n, 4))[:64]
    indptr, indices = fast.csr(a.n, a.rows, a.cols)
    found = np.full((a.n, len(block)), np.inf)
    found[block, np.arange(len(block))] = 0
    for level, new in fast.bfs_levels(indptr, indices, block):
        for c in range(len(block)):
            hit = (new >> np.uint64(c)) & np.uint64(1) == 1
            assert np.isinf(found[hit, c]).all()  # each actor found once per source
            found[hit, c] = level
    expected = np.array(a.graph.distances(source=block), dtype=float).T
    assert np.array_equal(found, expected)


def test_more_than_64_sources_at_once_is_refused():
    with pytest.raises(ValueError, match="64"):
        next(fast.bfs_levels(np.zeros(70, dtype=np.int64), np.zeros(0, dtype=np.int64), list(range(65))))
