"""Per-actor and per-pole measures, on small graphs worked by hand and on Pôle Sud."""

from __future__ import annotations

import json
import math

import networkx as nx
import pytest

from ptce_kit.model import Pole
from ptce_kit.network import measures as m


def labelled(G, families, communes=None):
    nx.set_node_attributes(G, families, "family")
    nx.set_node_attributes(G, families, "category")
    if communes:
        nx.set_node_attributes(G, communes, "commune")
    return G


def test_centralization_of_star_path_and_cycle():
    assert m.degree_centralization(nx.star_graph(5)) == 1.0
    assert m.betweenness_centralization(nx.star_graph(5)) == pytest.approx(1.0)
    assert m.degree_centralization(nx.cycle_graph(6)) == 0.0
    assert m.betweenness_centralization(nx.cycle_graph(6)) == pytest.approx(0.0)
    # path of 4: degrees 1,2,2,1 -> (1+0+0+1) / (3*2)
    assert m.degree_centralization(nx.path_graph(4)) == pytest.approx(2 / 6)
    # betweenness of path of 4 normalised: 0, 2/3, 2/3, 0 -> (2/3 + 2/3) / 3
    assert m.betweenness_centralization(nx.path_graph(4)) == pytest.approx(4 / 9)
    assert m.degree_centralization(nx.path_graph(2)) is None


def test_ei_index_and_cross_family_share():
    # triangle a-b-c plus d: a,b enterprises, c collectivity, d research; ties ab, bc, ca, cd
    G = labelled(nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]),
                 {"a": "enterprises", "b": "enterprises", "c": "collectivities", "d": "research"})
    assert m.ei_index(G) == pytest.approx((3 - 1) / 4)
    assert m.cross_family_share(G) == pytest.approx(3 / 4)
    assert m.ei_index(nx.empty_graph(3)) is None
    # a multigraph counts every tie
    M = nx.MultiGraph(G)
    M.add_edge("a", "b")
    assert m.ei_index(M) == pytest.approx((3 - 2) / 5)


def test_mixing_and_assortativity():
    G = labelled(nx.Graph([("a", "b"), ("c", "d"), ("a", "c")]), {"a": "x", "b": "x", "c": "y", "d": "y"})
    result = m.mixing(G)
    assert result["matrix"] == {"x": {"x": 2, "y": 1}, "y": {"x": 1, "y": 2}}
    assert result["assortativity"] == pytest.approx(1 / 3)
    one = labelled(nx.path_graph(3), dict.fromkeys(range(3), "x"))
    assert m.mixing(one)["assortativity"] is None  # undefined, not NaN


def test_territorial_anchoring():
    G = labelled(nx.Graph([("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")]), dict.fromkeys("abcde", "x"),
                 {"a": "26281", "b": "26281", "c": "26057", "d": "75056"})
    G.graph["communes"] = ["26281", "26057"]
    assert m.territorial_anchoring(G) == {"ties_with_communes": 3, "same_commune": pytest.approx(1 / 3),
                                          "within_territory": pytest.approx(2 / 3)}
    assert m.territorial_anchoring(nx.path_graph(3))["same_commune"] is None


def test_pivot_dependence_on_a_bridge():
    # two triangles joined through p: without p, the pairs across are cut and nothing lengthens
    G = nx.Graph([(1, 2), (2, 3), (3, 1), (4, 5), (5, 6), (6, 4), ("p", 1), ("p", 4)])
    d = m.pivot_dependence(G, "p")
    assert d["pairs_connected_before"] == 15 and d["pairs_connected_after"] == 6
    assert d["connectivity_loss"] == pytest.approx(1 - 6 / 15)
    assert d["components_after"] == 2 and d["isolated_after"] == 0
    # a cycle: removing one actor keeps everybody connected but lengthens paths
    C = nx.cycle_graph(6)
    c = m.pivot_dependence(C, 0)
    assert c["connectivity_loss"] == 0
    assert c["mean_distance_after"] > c["mean_distance_before"]
    assert m.pivot_dependence(nx.path_graph(3)) is None  # no pivot


def test_communities_are_seeded_and_ordered():
    G = nx.disjoint_union(nx.complete_graph(5), nx.complete_graph(3))
    G.add_edge(0, 5)
    assert m.communities(G) == [[0, 1, 2, 3, 4], [5, 6, 7]]
    big = nx.connected_caveman_graph(6, 5)
    assert m.communities(big, seed=1) == m.communities(big, seed=1)


def test_structural_holes_nan_becomes_none():
    G = nx.star_graph(2)
    G.add_node("alone")
    holes = m.structural_holes(G)
    assert holes["alone"] == {"constraint": None, "effective_size": None}
    assert holes[0]["effective_size"] == 2.0


def test_pole_sud_archer_most_central_and_main_broker(pole_sud):
    result = m.analyse(pole_sud)
    actors = result["actors"]
    assert actors[0]["id"] == "groupe-archer"  # sorted by betweenness
    top = max(actors, key=lambda r: r["betweenness"])
    assert top["id"] == "groupe-archer"
    assert all(r["betweenness"] < top["betweenness"] for r in actors[1:])
    assert result["main_broker"] == "groupe-archer"
    archer = actors[0]
    assert archer["degree"] == 16 and archer["closeness"] == 1.0
    assert archer["constraint"] == min(r["constraint"] for r in actors)


def test_pole_sud_pole_figures(pole_sud):
    p = m.analyse(pole_sud)["pole"]
    assert (p["actors"], p["ties"], p["pairs"], p["components"]) == (17, 32, 30, 1)
    assert p["density"] == pytest.approx(30 / (17 * 16 / 2))
    assert p["ties_by_kind"] == {"cooperation": 8, "mutualisation": 19, "partnership": 5}
    assert p["pivot"] == "groupe-archer"
    dep = p["pivot_dependence"]
    # without Archer: the five residents (10 pairs), the three of the job-seekers' service
    # (3 pairs) and Scop VTD with the ESAT (1 pair) stay tied; six actors are left alone
    assert (dep["pairs_connected_before"], dep["pairs_connected_after"]) == (120, 14)
    assert dep["isolated_after"] == 6 and dep["components_after"] == 9
    # no commune in the fiche: anchoring is unknown, not zero
    assert p["territorial_anchoring"]["same_commune"] is None
    json.dumps(p)  # JSON-ready: no NaN, no sets


def test_at_and_engines_agree_in_analyse(pole_sud):
    a = m.analyse(pole_sud, engine="networkx")
    b = m.analyse(pole_sud, engine="igraph")
    for ra, rb in zip(a["actors"], b["actors"]):
        assert ra["id"] == rb["id"]
        for key in ("betweenness", "closeness", "pagerank"):
            assert math.isclose(ra[key], rb[key], abs_tol=1e-9)


def test_analyse_at_a_date():
    pole = Pole.model_validate({
        "id": "p", "name": "P", "pivot": "a",
        "actors": [{"id": "a", "name": "A", "category": "ess_enterprise"},
                   {"id": "b", "name": "B", "category": "local_authority", "joined": "2020"},
                   {"id": "c", "name": "C", "category": "research_centre"}],
        "partnerships": [{"id": "t", "actors": ["a", "b"], "kind": "cooperation"},
                         {"id": "u", "actors": ["a", "c"], "kind": "cooperation", "since": "2018"}]})
    assert m.analyse(pole, at="2019")["pole"]["actors"] == 2
    assert m.analyse(pole, at="2017")["pole"]["ties"] == 0
    assert m.analyse(pole, at="2017")["main_broker"] is None
    assert m.analyse(pole)["main_broker"] == "a"


def test_analyse_reuses_what_it_computed(pole_sud):
    from ptce_kit.network import to_graph

    G = to_graph(pole_sud)
    assert m.analyse(pole_sud)["pole"] == {"id": "pole-sud", "name": "Pôle Sud", "at": None, **m.pole_measures(G)}


def test_directed_graph_counts_each_tie_once(pole_sud):
    from ptce_kit.network import to_graph

    undirected = {r["id"]: r["ties"] for r in m.actor_measures(to_graph(pole_sud))}
    directed = {r["id"]: r["ties"] for r in m.actor_measures(to_graph(pole_sud, directed=True))}
    assert directed == undirected and undirected["groupe-archer"] == 18


@pytest.mark.parametrize("directed", [False, True])
def test_one_measure_alone_equals_its_column_in_the_table(pole_sud, directed):
    from ptce_kit.network import to_graph
    from ptce_kit.render.maps import SIZE_MEASURES

    G = to_graph(pole_sud, directed=directed)
    table = {row["id"]: row for row in m.actor_measures(G)}
    assert SIZE_MEASURES is m.SINGLE_MEASURES  # one tuple: every way a map can size its nodes
    for measure in m.SINGLE_MEASURES:
        alone = m.actor_measure(G, measure)
        assert set(alone) == set(table)
        for v, value in alone.items():
            assert value == pytest.approx(table[v][measure] or 0.0, abs=1e-12), (measure, v)


def test_unknown_single_measure_is_refused():
    with pytest.raises(ValueError, match="choose among"):
        m.actor_measure(nx.MultiGraph([("a", "b")]), "fame")
