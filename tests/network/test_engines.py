"""networkx and python-igraph give the same betweenness, closeness and PageRank."""

from __future__ import annotations

import igraph as ig
import networkx as nx
import pytest

from ptce_kit.network import engines
from ptce_kit.network.build import to_graph, to_simple_graph
from ptce_kit.network.engines import betweenness, choose_engine, closeness, pagerank

TOL = 1e-9


def graphs():
    """Connected and not, directed and not, weighted, with isolates: where conventions differ."""
    er = nx.gnm_random_graph(80, 160, seed=1)
    er.add_nodes_from(["lonely-1", "lonely-2"])
    ba = nx.barabasi_albert_graph(120, 2, seed=2)
    for i, (u, v) in enumerate(ba.edges()):
        ba[u][v]["weight"] = 1 + (i % 5)
        ba[u][v]["length"] = 1 + (i % 3)
    di = nx.gnp_random_graph(60, 0.05, seed=3, directed=True)
    for i, (u, v) in enumerate(di.edges()):
        di[u][v]["weight"] = 1 + (i % 4)
    return {"random, with isolates": er, "scale-free, weighted": ba, "directed": di,
            "two stars": nx.disjoint_union(nx.star_graph(5), nx.star_graph(3))}


def close(a, b):
    assert list(a) == list(b)
    worst = max((abs(a[v] - b[v]) for v in a), default=0.0)
    assert worst <= TOL, worst


@pytest.mark.parametrize("name", list(graphs()))
def test_engines_agree(name):
    G = graphs()[name]
    for normalized in (True, False):
        close(betweenness(G, engine="networkx", normalized=normalized),
              betweenness(G, engine="igraph", normalized=normalized))
    close(closeness(G, engine="networkx"), closeness(G, engine="igraph"))
    close(pagerank(G, engine="networkx"), pagerank(G, engine="igraph"))
    if name == "scale-free, weighted":
        close(betweenness(G, weight="length", engine="networkx"), betweenness(G, weight="length", engine="igraph"))
        close(closeness(G, distance="length", engine="networkx"), closeness(G, distance="length", engine="igraph"))
        close(pagerank(G, weight=None, engine="networkx"), pagerank(G, weight=None, engine="igraph"))


@pytest.mark.parametrize("name", ["random, with isolates", "directed"])
def test_sampled_betweenness_is_the_same_estimate_on_both_engines(name):
    G = graphs()[name]
    for k in (1, 10, 40):
        close(betweenness(G, k=k, seed=7, engine="networkx"), betweenness(G, k=k, seed=7, engine="igraph"))
    # and it is networkx's own estimate, for the same seed
    close(betweenness(G, k=10, seed=7, engine="networkx"), nx.betweenness_centrality(G, k=10, seed=7))
    # k = n is the exact value
    close(betweenness(G, k=len(G), engine="igraph"), betweenness(G, engine="networkx"))


def test_cross_check_against_igraph_itself_on_pole_sud(pole_sud):
    """The plain igraph calls, normalised by hand, against ptce-kit's networkx results."""
    H = to_simple_graph(pole_sud)
    nodes = list(H)
    g = ig.Graph.from_networkx(H)
    n = len(nodes)
    assert g.vs["_nx_name"] == nodes
    raw = g.betweenness(directed=False)
    close(betweenness(H, engine="networkx"), {v: b * 2 / ((n - 1) * (n - 2)) for v, b in zip(nodes, raw)})
    close(closeness(H, engine="networkx"), dict(zip(nodes, g.closeness(normalized=True))))  # connected
    close(pagerank(H, engine="networkx"), dict(zip(nodes, g.pagerank(weights="weight"))))


def test_multigraphs_are_collapsed_first(pole_sud):
    M = to_graph(pole_sud)
    close(betweenness(M, engine="igraph"), betweenness(to_simple_graph(M), engine="networkx"))


def test_auto_picks_igraph_for_large_graphs(monkeypatch):
    small, large = nx.path_graph(5), nx.path_graph(engines.AUTO_IGRAPH_NODES)
    assert choose_engine(small) == "networkx"
    assert choose_engine(large) == "igraph"
    assert choose_engine(large, nx_options={"backend": "networkx"}) == "networkx"
    monkeypatch.setattr(engines, "_igraph_installed", lambda: False)
    assert choose_engine(large) == "networkx"
    with pytest.raises(ImportError, match=r"ptce-kit\[fast\]"):
        choose_engine(small, "igraph")


def test_bad_engine_and_misplaced_options():
    G = nx.path_graph(4)
    with pytest.raises(ValueError, match="engine must be one of"):
        betweenness(G, engine="graph-tool")
    with pytest.raises(ValueError, match="backend= is a networkx option"):
        betweenness(G, engine="igraph", backend="networkx")


def test_networkx_backend_dispatching_passes_through():
    G = nx.star_graph(4)
    assert betweenness(G, engine="networkx", backend="networkx") == nx.betweenness_centrality(G)
    assert closeness(G, backend="networkx")[0] == 1.0


@pytest.mark.parametrize("name", ["random, with isolates", "scale-free, weighted", "two stars"])
def test_distance_sums_agree(name):
    from ptce_kit.network.engines import distance_sums

    G = nx.Graph(graphs()[name])
    hub = max(G, key=G.degree)
    without = G.copy()
    without.remove_node(hub)
    a = distance_sums(G, without, engine="networkx")
    b = distance_sums(G, without, engine="igraph", chunk=7)  # several chunks
    assert a[0] == b[0] and a[1:] == pytest.approx(b[1:], abs=1e-9)
    # brute force on the small one
    if name == "two stars":
        after = dict(nx.all_pairs_shortest_path_length(without))
        full = dict(nx.all_pairs_shortest_path_length(G))
        nodes = list(without)
        kept = [(u, v) for i, u in enumerate(nodes) for v in nodes[i + 1:] if v in after[u]]
        assert a == (len(kept), float(sum(full[u][v] for u, v in kept)), float(sum(after[u][v] for u, v in kept)))


@pytest.mark.parametrize("name", ["random, with isolates", "scale-free, weighted", "two stars"])
@pytest.mark.parametrize("gone", [1, 2])
def test_distance_sums_without_one_node_or_more(name, gone):
    """One node removed takes igraph's short cut (no distance matrix); more, the chunks."""
    from ptce_kit.network.engines import distance_sums

    G = nx.Graph(graphs()[name])
    without = G.copy()
    without.remove_nodes_from(sorted(G, key=G.degree, reverse=True)[:gone])
    after = dict(nx.all_pairs_shortest_path_length(without))
    full = dict(nx.all_pairs_shortest_path_length(G))
    nodes = list(without)
    kept = [(u, v) for i, u in enumerate(nodes) for v in nodes[i + 1:] if v in after[u]]
    expected = (len(kept), float(sum(full[u][v] for u, v in kept)), float(sum(after[u][v] for u, v in kept)))
    assert distance_sums(G, without, engine="igraph") == expected
    assert distance_sums(G, without, engine="networkx") == expected


def test_closeness_of_disconnected_graph_counts_each_component():
    G = nx.disjoint_union(nx.path_graph(3), nx.complete_graph(5))
    G.add_node("alone")
    close(closeness(G, engine="networkx"), closeness(G, engine="igraph"))


@pytest.mark.parametrize("name", list(graphs()))
def test_eigenvector_engines_agree(name):
    from ptce_kit.network.engines import eigenvector

    G = graphs()[name]
    try:
        expected = eigenvector(G, engine="networkx")
    except nx.PowerIterationFailedConvergence:
        with pytest.raises(nx.PowerIterationFailedConvergence):
            eigenvector(G, engine="igraph")
        return
    close(expected, eigenvector(G, engine="igraph"))
    if name == "scale-free, weighted":
        close(eigenvector(G, weight=None, engine="networkx"), eigenvector(G, weight=None, engine="igraph"))
