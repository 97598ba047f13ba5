"""Burt's constraint and effective size: worked by hand, against networkx and igraph, in linear memory."""

from __future__ import annotations

import random
import tracemalloc

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ptce_kit.network.build import to_simple_graph
from ptce_kit.network.measures import structural_holes


def weighted_kite():
    """Triangle a-b-c plus a pendant d on a; a-b weighs 2, every other tie 1."""
    G = nx.Graph()
    G.add_edge("a", "b", weight=2.0)
    G.add_edge("a", "c", weight=1.0)
    G.add_edge("b", "c", weight=1.0)
    G.add_edge("a", "d", weight=1.0)
    return G


def test_weighted_effective_size_worked_by_hand():
    # Shares p (tie / sum of the actor's ties): a: b 2/4, c 1/4, d 1/4; b: a 2/3, c 1/3;
    # c: a 1/2, b 1/2; d: a 1.  Strongest ties: a 2, b 2, c 1, d 1, so the marginal
    # strengths m_jq = a_jq / max_k a_jk are m_bc = 1/2, m_cb = 1, m_ab = 1, m_ac = 1/2,
    # m_ba = 1, m_ca = 1.
    # ES_a = (1 - p_ac m_bc) + (1 - p_ab m_cb) + 1 = (1 - 1/4 * 1/2) + (1 - 1/2 * 1) + 1 = 2.375
    #   (networkx 3.6's all-nodes path divides by the other end's strongest tie, m_bc = 1/1
    #   and m_cb = 1/2, and gives 0.75 + 0.75 + 1 = 2.5)
    # ES_b = (1 - p_bc m_ac) + (1 - p_ba m_ca) = (1 - 1/3 * 1/2) + (1 - 2/3 * 1) = 7/6
    # ES_c = (1 - p_cb m_ab) + (1 - p_ca m_ba) = 1/2 + 1/2 = 1
    # ES_d = 1 (one partner, nothing redundant)
    holes = structural_holes(weighted_kite())
    assert holes["a"]["effective_size"] == pytest.approx(2.375)
    assert holes["b"]["effective_size"] == pytest.approx(7 / 6)
    assert holes["c"]["effective_size"] == pytest.approx(1.0)
    assert holes["d"]["effective_size"] == pytest.approx(1.0)


def test_weighted_constraint_worked_by_hand():
    # c_a = (p_ab + p_ac p_cb)^2 + (p_ac + p_ab p_bc)^2 + p_ad^2
    #     = (1/2 + 1/4 * 1/2)^2 + (1/4 + 1/2 * 1/3)^2 + (1/4)^2 = 25/64 + 25/144 + 1/16 = 361/576
    # c_b = (p_ba + p_bc p_ca)^2 + (p_bc + p_ba p_ac)^2 = (2/3 + 1/6)^2 + (1/3 + 1/6)^2 = 17/18
    # c_d = p_da^2 = 1
    holes = structural_holes(weighted_kite())
    assert holes["a"]["constraint"] == pytest.approx(361 / 576)
    assert holes["b"]["constraint"] == pytest.approx(17 / 18)
    assert holes["d"]["constraint"] == pytest.approx(1.0)


def test_unweighted_effective_size_is_borgattis_n_minus_2t_over_n():
    # A hub with four partners, two of them tied: ES = n - 2t/n = 4 - 2 * 1 / 4 = 3.5.
    G = nx.star_graph(4)
    G.add_edge(1, 2)
    holes = structural_holes(G, weight=None)
    assert holes[0]["effective_size"] == pytest.approx(3.5)
    assert holes[1]["effective_size"] == pytest.approx(2 - 2 * 1 / 2)
    # the same on the graph's weights when every tie weighs the same
    nx.set_edge_attributes(G, 3.0, "weight")
    assert structural_holes(G)[0]["effective_size"] == pytest.approx(3.5)


def test_pole_sud_groupe_archer_effective_size_is_burts(pole_sud):
    # Burt's formula on Pôle Sud's weighted ties (parallel partnerships add up): 14.278;
    # networkx 3.6's all-nodes path gave 14.444.
    holes = structural_holes(to_simple_graph(pole_sud))
    assert round(holes["groupe-archer"]["effective_size"], 3) == 14.278
    assert round(holes["groupe-archer"]["constraint"], 3) == 0.145  # as networkx and igraph


def random_graph(n, p, seed, directed, weighted):
    G = nx.gnp_random_graph(n, p, seed=seed, directed=directed)
    rng = random.Random(seed)
    if weighted:
        for _, _, d in G.edges(data=True):
            d["weight"] = rng.choice([0.5, 1.0, 2.0, 3.0])
    return G


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 16), st.floats(0.05, 0.7), st.integers(0, 10_000), st.booleans(), st.booleans())
def test_same_as_networkx_where_networkx_is_right(n, p, seed, directed, weighted):
    # networkx's node-by-node path follows Burt's formula on every graph (but calls an
    # actor tied only by incoming ties isolated: those are left out); its all-nodes path
    # agrees with it on unweighted undirected graphs only (a reciprocated arc weighs 2
    # against 1, and the wrong axis shows again).
    G = random_graph(n, p, seed, directed, weighted)
    w = "weight" if weighted else None
    holes = structural_holes(G, weight=w)
    nodes = [v for v in G if (G.out_degree(v) if directed else G.degree(v))]
    size = nx.effective_size(G, nodes=nodes, weight=w)
    constraint = nx.constraint(G, nodes=nodes, weight=w)
    if not weighted and not directed:
        everyone = nx.effective_size(G)
        assert {v: everyone[v] for v in nodes} == pytest.approx(size)
    for v in nodes:
        assert holes[v]["effective_size"] == pytest.approx(size[v], abs=1e-12)
        assert holes[v]["constraint"] == pytest.approx(constraint[v], abs=1e-12)
    for v in G:
        if G.degree(v) == 0:
            assert holes[v] == {"constraint": None, "effective_size": None}


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 16), st.floats(0.05, 0.7), st.integers(0, 10_000), st.booleans(), st.booleans())
def test_constraint_same_as_igraph(n, p, seed, directed, weighted):
    ig = pytest.importorskip("igraph")
    G = random_graph(n, p, seed, directed, weighted)
    nodes = list(G)
    g = ig.Graph(n=len(nodes), edges=list(G.edges()), directed=directed)
    theirs = g.constraint(weights=[d["weight"] for *_, d in G.edges(data=True)] if weighted else None)
    holes = structural_holes(G, weight="weight" if weighted else None)
    for k, v in enumerate(nodes):
        if holes[v]["constraint"] is not None:
            assert holes[v]["constraint"] == pytest.approx(theirs[k], abs=1e-12)


def test_memory_is_linear_in_the_graph():
    # 4000 actors on a ring: a dense n x n matrix of floats is 128 MB; the neighbourhoods
    # take a few MB.
    G = nx.cycle_graph(4000)
    tracemalloc.start()
    try:
        holes = structural_holes(G)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 32 * 2**20, f"peak {peak / 2**20:.0f} MB"
    assert holes[0] == {"constraint": pytest.approx(0.5), "effective_size": pytest.approx(2.0)}


def test_self_loops_are_left_out():
    # Burt's sums run over q != i, j: a self-loop is no tie to a partner.
    G = random_graph(30, 0.3, 7, False, True)
    first = structural_holes(G)
    G.add_edge(0, 0, weight=5.0)
    assert structural_holes(G) == first


def test_a_200_actor_pole_agrees_with_burts_formula_node_by_node():
    # On a synthetic pole of 200 actors, networkx 3.6's all-nodes path gets dozens of
    # effective sizes wrong; its node-by-node path follows Burt's formula but costs the
    # cube of a degree per actor, so it checks 30 actors of the pole, drawn at random.
    from ptce_kit.synth import synthetic_pole

    G = to_simple_graph(synthetic_pole(200, seed=1))
    holes = structural_holes(G)
    tied = [v for v in G if 0 < G.degree(v) <= 40]
    assert len(tied) > 100
    sample = random.Random(5).sample(tied, 30)
    size = nx.effective_size(G, nodes=sample, weight="weight")
    constraint = nx.constraint(G, nodes=sample, weight="weight")
    for v in sample:
        assert holes[v]["effective_size"] == pytest.approx(size[v], abs=1e-12)
        assert holes[v]["constraint"] == pytest.approx(constraint[v], abs=1e-12)
