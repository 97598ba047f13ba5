"""Gould & Fernandez brokerage roles, on worked examples and against a matrix count."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ptce_kit.network.brokerage import ROLES, brokerage
from ptce_kit.network.build import to_simple_graph


def groups_of(G, mapping):
    nx.set_node_attributes(G, mapping, "family")
    return G


def test_five_roles_of_gould_and_fernandez_figure():
    # One path i -> j -> k per role, as the five triads of G&F (1989), figure 1.
    expected = {
        ("A", "A", "A"): "coordinator",
        ("A", "B", "A"): "consultant",   # itinerant broker
        ("A", "A", "B"): "representative",
        ("B", "A", "A"): "gatekeeper",
        ("A", "B", "C"): "liaison",
    }
    for (gi, gj, gk), role in expected.items():
        G = groups_of(nx.DiGraph([("i", "j"), ("j", "k")]), {"i": gi, "j": gj, "k": gk})
        counts = brokerage(G)
        assert counts["j"] == {**dict.fromkeys(ROLES, 0), role: 1, "total": 1}
        assert counts["i"]["total"] == counts["k"]["total"] == 0


def test_hand_worked_network():
    # Groups A = {1, 2, 6}, B = {3, 4}, C = {5}; each count below worked out by hand
    # from the open two-paths i -> j -> k (no i -> k).
    G = nx.DiGraph([(1, 2), (2, 3), (3, 4), (4, 5), (2, 5), (5, 1), (2, 6)])
    groups_of(G, {1: "A", 2: "A", 6: "A", 3: "B", 4: "B", 5: "C"})
    got = {v: {r: n for r, n in c.items() if n and r != "total"} for v, c in brokerage(G).items()}
    assert got == {
        1: {"gatekeeper": 1},                          # 5 -> 1 -> 2
        2: {"representative": 2, "coordinator": 1},    # 1 -> 2 -> 3, 1 -> 2 -> 5; 1 -> 2 -> 6
        3: {"gatekeeper": 1},                          # 2 -> 3 -> 4
        4: {"representative": 1},                      # 3 -> 4 -> 5
        5: {"liaison": 1, "consultant": 1},            # 4 -> 5 -> 1; 2 -> 5 -> 1
        6: {},
    }


def test_groups_from_a_mapping_and_missing_groups():
    G = nx.path_graph(3)
    assert brokerage(G, {0: "x", 1: "y", 2: "x"})[1]["consultant"] == 2  # both ways
    with pytest.raises(ValueError, match="no group given"):
        brokerage(G, {0: "x"})


def open_two_paths(G):
    """Per node j, the number of (i, k), i != k, with i -> j -> k and no i -> k."""
    nodes = list(G)
    A = nx.to_numpy_array(G, nodelist=nodes, weight=None)
    np.fill_diagonal(A, 0)
    A = (A > 0).astype(int)
    out = {}
    for j, v in enumerate(nodes):
        pairs = np.outer(A[:, j], A[j, :])  # pairs[i, k] = i -> j and j -> k
        np.fill_diagonal(pairs, 0)
        pairs[j, :] = 0
        pairs[:, j] = 0
        out[v] = int((pairs * (1 - A)).sum())
    return out


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 12), st.floats(0.05, 0.6), st.integers(0, 10_000), st.booleans())
def test_roles_add_up_to_the_open_two_paths(n, p, seed, directed):
    G = nx.gnp_random_graph(n, p, seed=seed, directed=directed)
    rng = np.random.default_rng(seed)
    groups_of(G, {v: "ABC"[rng.integers(3)] for v in G})
    counts = brokerage(G)
    assert {v: c["total"] for v, c in counts.items()} == open_two_paths(G)
    for c in counts.values():
        assert c["total"] == sum(c[r] for r in ROLES)
        if not directed:  # the symmetric reading: each triad both ways
            assert c["representative"] == c["gatekeeper"]
            assert c["coordinator"] % 2 == c["consultant"] % 2 == c["liaison"] % 2 == 0


def test_one_group_gives_only_coordinators():
    G = groups_of(nx.star_graph(4), dict.fromkeys(range(5), "A"))
    assert brokerage(G)[0] == {**dict.fromkeys(ROLES, 0), "coordinator": 12, "total": 12}


def test_groupe_archer_is_the_main_broker_of_pole_sud(pole_sud):
    H = to_simple_graph(pole_sud)
    counts = brokerage(H, "family")
    ranked = sorted(counts, key=lambda v: -counts[v]["total"])
    assert ranked[0] == "groupe-archer"
    assert counts["groupe-archer"]["total"] > 0
    # Archer brokers between families, not only inside the enterprises
    assert counts["groupe-archer"]["liaison"] > 0
    assert counts["groupe-archer"]["representative"] > 0
    # and it is the only broker: every other tie runs through it or closes a triangle
    assert all(counts[v]["total"] == 0 for v in counts if v != "groupe-archer")


def test_expected_roles_are_the_mean_over_shuffled_groups():
    """The expected counts are exact means under the null model: check them by shuffling
    the groups of the other actors around each broker."""
    import random
    import statistics

    from ptce_kit.network.brokerage import brokerage_expected

    G = nx.gnp_random_graph(10, 0.35, seed=4, directed=True)
    labels = ["A"] * 4 + ["B"] * 3 + ["C"] * 3
    rng = random.Random(1)
    rng.shuffle(labels)
    groups = dict(zip(G, labels))
    expected = brokerage_expected(G, groups)
    checked = 0
    for v in G:
        others = [u for u in G if u != v]
        pool = [groups[u] for u in others]
        samples = {r: [] for r in ROLES}
        for _ in range(1500):
            rng.shuffle(pool)
            counts = brokerage(G, {v: groups[v], **dict(zip(others, pool))})[v]
            for r in ROLES:
                samples[r].append(counts[r])
        for r, values in samples.items():
            mean, spread = statistics.fmean(values), statistics.pstdev(values)
            assert abs(mean - expected[v][r]["expected"]) <= 5 * spread / 1500 ** 0.5 + 1e-9, (v, r)
            checked += spread > 0
    assert checked > 20  # the test saw real variation, not only zeros


def test_expected_roles_add_up_to_the_brokered_paths(pole_sud):
    from ptce_kit.network.brokerage import brokerage_expected

    G = to_simple_graph(pole_sud)
    counts = brokerage(G)
    expected = brokerage_expected(G, counts=counts)
    for v, roles in expected.items():
        assert sum(roles[r]["expected"] for r in ROLES) == pytest.approx(counts[v]["total"])
        assert all(roles[r]["count"] == counts[v][r] for r in ROLES)
    idle = [v for v in G if counts[v]["total"] == 0]
    assert idle and all(expected[v][r]["z"] is None for v in idle for r in ROLES)


def test_sna_null_model_worked_by_hand():
    """R sna::brokerage's expectations and z-scores, from its formulas, by hand.

    A star: c (group A) tied to a1 (A), b1, b2 (B) and x1 (C).  N = 5 actors, 4 ties,
    read both ways: 8 ordered pairs of 20, density d = 0.4.  A brokered two-path has
    chance q = d^2 (1 - d) = 0.096 per ordered pair of ends; r = d^3 (1 - d)^3 = 0.013824.
    Group sizes n_A = 2, n_B = 2, n_C = 1; for c (group A): its own group holds 1 other
    actor, 3 actors are outside it.
    """
    from ptce_kit.network.brokerage import brokerage_expected

    G = groups_of(nx.star_graph(["c", "a1", "b1", "b2", "x1"]),
                  {"c": "A", "a1": "A", "b1": "B", "b2": "B", "x1": "C"})
    c = brokerage_expected(G, null="sna")["c"]
    q, r = 0.4 ** 2 * 0.6, 0.4 ** 3 * 0.6 ** 3
    # coordinator: (n_A - 1)(n_A - 2) = 0 pairs: expected 0, no spread, no z
    assert c["coordinator"] == {"count": 0, "expected": 0.0, "z": None}
    # consultant: sum over other groups of n(n - 1) = 2*1 + 1*0 = 2 pairs (b1, b2 both ways)
    #   E = 2q = 0.192; Var = E (1 - q) + 2 sum n(n-1)(n-2) r = 0.173568
    assert c["consultant"]["count"] == 2
    assert c["consultant"]["expected"] == pytest.approx(0.192)
    assert c["consultant"]["z"] == pytest.approx((2 - 0.192) / 0.173568 ** 0.5)
    assert c["consultant"]["z"] == pytest.approx(4.3397, abs=1e-4)
    # representative (and gatekeeper): (N - n_A)(n_A - 1) = 3 pairs, E = 0.288;
    #   Var = E (1 - q) + 2 ((n_A - 1) C(3, 2) + 3 C(1, 2)) r = 0.260352 + 6 r = 0.343296
    for role in ("representative", "gatekeeper"):
        assert c[role]["count"] == 3  # a1 -> c -> b1, b2, x1 (and back, for the gatekeeper)
        assert c[role]["expected"] == pytest.approx(3 * q)
        assert c[role]["z"] == pytest.approx((3 - 0.288) / 0.343296 ** 0.5)
    # liaison: ordered pairs of two other, different groups: (2 + 1)^2 - (2^2 + 1^2) = 4,
    #   E = 0.384; Var = E (1 - q) + 4 (n_B C(5 - 2 - 2, 2) + n_C C(5 - 1 - 2, 2)) r
    #                = 0.347136 + 4 * 1 * r = 0.402432
    assert c["liaison"]["count"] == 4
    assert c["liaison"]["expected"] == pytest.approx(4 * q)
    assert c["liaison"]["z"] == pytest.approx((4 - 0.384) / (0.384 * (1 - q) + 4 * r) ** 0.5)
    assert c["liaison"]["z"] == pytest.approx(5.7001, abs=1e-4)
    # a leaf brokers nothing: below expectation, where the shuffle model says nothing
    b1 = brokerage_expected(G, null="sna")["b1"]
    assert b1["representative"]["z"] == pytest.approx(-0.288 / 0.343296 ** 0.5)
    assert brokerage_expected(G)["b1"]["representative"]["z"] is None


def test_sna_moments_are_those_of_a_random_digraph():
    """sna's expectation and variance are the moments of a broker's counts in a Bernoulli
    digraph of density d: check them against 3000 random digraphs."""
    import random
    import statistics

    from ptce_kit.network.brokerage import sna_moments

    groups = {0: "A", 1: "A", 2: "A", 3: "B", 4: "B", 5: "C", 6: "C"}
    sizes = {"A": 3, "B": 2, "C": 2}
    d = 0.35
    moments = sna_moments(sizes, "A", 7, d)
    rng = random.Random(3)
    samples = {role: [] for role in ROLES}
    for _ in range(3000):
        G = nx.DiGraph()
        G.add_nodes_from(groups)
        G.add_edges_from((u, v) for u in groups for v in groups if u != v and rng.random() < d)
        counts = brokerage(G, groups)[0]
        for role in ROLES:
            samples[role].append(counts[role])
    for role, values in samples.items():
        expected, variance = moments[role]
        assert statistics.fmean(values) == pytest.approx(expected, abs=4 * variance ** 0.5 / 3000 ** 0.5), role
        assert statistics.pvariance(values) == pytest.approx(variance, rel=0.15), role


def test_groupe_archer_under_both_null_models(pole_sud):
    from ptce_kit.network.brokerage import brokerage_expected

    G = to_simple_graph(pole_sud)
    shuffle = brokerage_expected(G)["groupe-archer"]["liaison"]
    sna = brokerage_expected(G, null="sna")["groupe-archer"]["liaison"]
    assert shuffle["count"] == sna["count"] == 34
    assert round(shuffle["z"], 2) == 0.08   # as many liaisons as its 212 open two-paths make likely
    assert round(sna["z"], 2) == 19.08      # R: brokerage(g, cl)$z.nli["groupe-archer", "b_O"]
    with pytest.raises(ValueError, match="null must be one of"):
        brokerage_expected(G, null="R")
