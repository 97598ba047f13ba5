"""Building the cooperation graph from a pole."""

from __future__ import annotations

import subprocess
import sys

import networkx as nx
import pytest

from ptce_kit.errors import PoleError
from ptce_kit.model import Pole
from ptce_kit.network import to_graph, to_simple_graph


def small_pole(**extra) -> Pole:
    data = {
        "id": "demo",
        "name": "Demo",
        "pivot": "hub",
        "actors": [
            {"id": "hub", "name": "Hub", "category": "ess_enterprise", "roles": ["pivot"],
             "commune": "26281", "contacts": [{"name": "Jeanne Martin", "email": "j@example.org"}]},
            {"id": "town", "name": "Town", "category": "local_authority", "commune": "26057"},
            {"id": "lab", "name": "Lab", "category": "research_centre", "joined": "2015"},
            {"id": "coop", "name": "Coop", "category": "enterprise", "left": "2016"},
            {"id": "soon", "name": "Soon", "category": "enterprise", "status": "prospective"},
        ],
        "partnerships": [
            {"id": "lease", "actors": ["hub", "town", "lab"], "kind": "mutualisation",
             "resources": ["premises"], "since": "2012"},
            {"id": "jobs", "actors": ["hub", "town"], "kind": "cooperation", "weight": 2.5},
            {"id": "fund", "actors": ["hub", "coop"], "kind": "partnership", "directed": True,
             "source": "coop", "target": "hub", "since": "2013", "until": "2016"},
        ],
    }
    data.update(extra)
    return Pole.model_validate(data)


def test_nodes_carry_the_actor_attributes_and_no_personal_data():
    G = to_graph(small_pole())
    assert isinstance(G, nx.MultiGraph) and not G.is_directed()
    assert list(G) == ["hub", "town", "lab", "coop"]  # file order, prospective left out
    hub = G.nodes["hub"]
    assert hub["name"] == "Hub"
    assert hub["category"] == "ess_enterprise" and hub["family"] == "enterprises"
    # No status given: none is said (never "member" by default).
    assert hub["status"] is None and hub["roles"] == ["pivot"] and hub["pivot"] is True
    assert hub["commune"] == "26281" and hub["presence"] is None and hub["ess"] is None
    assert G.nodes["town"]["pivot"] is False and G.nodes["town"]["family"] == "collectivities"
    assert all("contacts" not in d for _, d in G.nodes(data=True))
    assert "Jeanne Martin" not in repr(dict(G.nodes(data=True)))


def test_personal_data_only_when_asked():
    G = to_graph(small_pole(), include_personal_data=True)
    assert G.nodes["hub"]["contacts"][0]["name"] == "Jeanne Martin"
    assert G.nodes["town"]["contacts"] == []


def test_partnership_of_three_is_a_clique_keyed_by_its_id():
    G = to_graph(small_pole())
    lease = [(u, v) for u, v, k in G.edges(keys=True) if k == "lease"]
    assert sorted(map(frozenset, lease)) == sorted(map(frozenset, [("hub", "town"), ("hub", "lab"), ("town", "lab")]))
    assert G.number_of_edges("hub", "town") == 2  # lease and jobs stay apart
    e = G.edges["hub", "town", "jobs"]
    assert e == {"partnership": "jobs", "kind": "cooperation", "topic": None, "resources": [],
                 "since": None, "until": None, "weight": 2.5, "directed": False}
    assert G.edges["hub", "lab", "lease"]["resources"] == ["premises"]
    assert G.edges["hub", "lab", "lease"]["weight"] == 1.0


def test_prospective_actors_on_request():
    assert "soon" in to_graph(small_pole(), include_prospective=True)


def test_at_a_date_keeps_members_and_live_ties():
    G2012 = to_graph(small_pole(), at="2012")
    assert set(G2012) == {"hub", "town", "coop"}  # lab joined in 2015
    assert sorted(k for *_, k in G2012.edges(keys=True)) == ["jobs", "lease"]  # lease ties hub-town only
    G2015 = to_graph(small_pole(), at="2015-06")
    assert set(G2015) == {"hub", "town", "lab", "coop"}
    assert sorted(k for *_, k in G2015.edges(keys=True)) == ["fund", "jobs", "lease", "lease", "lease"]
    G2017 = to_graph(small_pole(), at="2017")
    assert "coop" not in G2017
    assert G2017.graph["at"] == "2017"


def test_filters_by_kind_and_family():
    G = to_graph(small_pole(), kinds=["mutualisation"])
    assert {k for *_, k in G.edges(keys=True)} == {"lease"}
    assert G.number_of_nodes() == 4  # nodes stay: a layer has every actor
    H = to_graph(small_pole(), families=["enterprises", "collectivities"])
    assert set(H) == {"hub", "town", "coop"}
    assert sorted(k for *_, k in H.edges(keys=True)) == ["fund", "jobs", "lease"]
    assert to_graph(small_pole(), kinds="cooperation").number_of_edges() == 1


def test_bad_filters_and_dates_are_user_errors():
    with pytest.raises(PoleError, match="unknown kinds 'lease'"):
        to_graph(small_pole(), kinds=["lease"])
    with pytest.raises(PoleError, match="unknown families"):
        to_graph(small_pole(), families=["firms"])
    with pytest.raises(PoleError, match="not a real date"):
        to_graph(small_pole(), at="2014-13")


def test_directed_graph():
    G = to_graph(small_pole(), directed=True)
    assert isinstance(G, nx.MultiDiGraph)
    assert G.has_edge("coop", "hub", "fund") and not G.has_edge("hub", "coop", "fund")
    assert G.has_edge("hub", "town", "jobs") and G.has_edge("town", "hub", "jobs")
    assert G.edges["coop", "hub", "fund"]["directed"] is True
    # undirected graph: the directed tie keeps its direction as (u, v)
    U = to_graph(small_pole())
    assert [(u, v) for u, v, k in U.edges(keys=True) if k == "fund"] in ([("hub", "coop")], [("coop", "hub")])
    assert U.edges["hub", "coop", "fund"]["directed"] is True


def test_simple_graph_collapses_parallel_ties():
    H = to_simple_graph(small_pole())
    assert type(H) is nx.Graph
    assert H["hub"]["town"] == {"weight": 3.5, "count": 2, "partnerships": ["jobs", "lease"],
                                "kinds": ["cooperation", "mutualisation"]}
    assert H["hub"]["lab"]["weight"] == 1.0
    assert to_simple_graph(small_pole(), weight="count")["hub"]["town"]["weight"] == 2.0
    assert H.nodes["hub"]["pivot"] is True
    D = to_simple_graph(small_pole(), directed=True)
    assert type(D) is nx.DiGraph and D.has_edge("coop", "hub") and not D.has_edge("hub", "coop")
    # from an existing multigraph, same result
    assert nx.utils.graphs_equal(to_simple_graph(to_graph(small_pole())), H)
    with pytest.raises(ValueError, match="'sum' or 'count'"):
        to_simple_graph(small_pole(), weight="max")


def test_pole_sud_graph(pole_sud):
    G = to_graph(pole_sud)
    # 18 actors, the prospective association of business leaders is not there yet
    assert G.number_of_nodes() == 17 and "association-chefs-entreprise-za" not in G
    # hosting of six residents = 15 pairs, accompaniment of four = 6, economic partners = 3,
    # eight two-actor ties
    assert G.number_of_edges() == 15 + 6 + 3 + 8
    assert G.nodes["groupe-archer"]["pivot"] is True
    assert sum(d["pivot"] for _, d in G.nodes(data=True)) == 1
    assert G.graph["pivot"] == "groupe-archer"
    assert nx.is_connected(G)


def test_deterministic():
    a, b = to_graph(small_pole()), to_graph(small_pole())
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))


def test_public_api_is_lazy():
    code = ("import sys, ptce_kit; assert 'networkx' not in sys.modules; "
            "import ptce_kit.network; assert 'networkx' not in sys.modules; "
            "g = ptce_kit.to_graph; assert g is ptce_kit.network.to_graph; print('ok')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr
