"""Snapshots and diffs over time, the multiplex layers, the actors–projects graph."""

from __future__ import annotations

import networkx as nx
import pytest

from ptce_kit.model import Pole
from ptce_kit.network import (
    actor_project_graph,
    actor_projection,
    diff,
    layer_summary,
    layers,
    snapshots,
    to_graph,
)


@pytest.fixture
def growing():
    return Pole.model_validate({
        "id": "g", "name": "Growing", "pivot": "hub",
        "actors": [
            {"id": "hub", "name": "Hub", "category": "ess_enterprise"},
            {"id": "town", "name": "Town", "category": "local_authority", "joined": "2012"},
            {"id": "lab", "name": "Lab", "category": "research_centre", "joined": "2014", "left": "2016"},
            {"id": "coop", "name": "Coop", "category": "enterprise", "joined": "2015"},
        ],
        "partnerships": [
            {"id": "lease", "actors": ["hub", "town"], "kind": "mutualisation", "since": "2012"},
            {"id": "study", "actors": ["hub", "lab"], "kind": "partnership", "since": "2014", "until": "2016"},
            {"id": "jobs", "actors": ["hub", "town", "coop"], "kind": "cooperation", "since": "2015"},
        ],
        "projects": [
            {"id": "shoes", "name": "Shoes", "actors": ["hub", "coop"], "start": "2015"},
            {"id": "old", "name": "Old", "actors": ["hub", "town"], "start": "2010", "end": "2013"},
        ],
    })


def test_snapshots_replay_the_growth(growing):
    series = snapshots(growing, range(2011, 2018))
    assert list(series) == [str(y) for y in range(2011, 2018)]
    sizes = {y: (G.number_of_nodes(), G.number_of_edges()) for y, G in series.items()}
    assert sizes == {"2011": (1, 0), "2012": (2, 1), "2013": (2, 1), "2014": (3, 2),
                     "2015": (4, 5), "2016": (4, 5), "2017": (3, 4)}
    only = snapshots(growing, ["2015"], kinds=["cooperation"])["2015"]
    assert {k for *_, k in only.edges(keys=True)} == {"jobs"}


def test_diff_between_two_dates(growing):
    d = diff(to_graph(growing, at="2014"), to_graph(growing, at="2017"))
    assert d["actors"] == {"appeared": ["coop"], "ended": ["lab"], "stayed": ["hub", "town"], "changed": {}}
    assert d["ties"]["ended"] == [["hub", "lab", "study"]]
    assert d["ties"]["appeared"] == [["coop", "hub", "jobs"], ["coop", "town", "jobs"], ["hub", "town", "jobs"]]
    assert d["ties"]["stayed"] == [["hub", "town", "lease"]]
    assert d["tie_survival"] == 0.5  # lease survived, study did not
    assert d["tie_turnover"] == pytest.approx(4 / 5)
    assert d["actor_turnover"] == pytest.approx(2 / 4)


def test_diff_between_two_versions_of_a_file(growing):
    data = growing.model_dump(mode="json", exclude_none=True)
    data["actors"][1]["commune"] = "26281"
    data["partnerships"][0]["weight"] = 3
    newer = Pole.model_validate(data)
    d = diff(growing, newer)
    assert d["actors"]["changed"] == {"town": {"commune": [None, "26281"]}}
    assert d["ties"]["changed"] == {"hub|town|lease": {"weight": [1.0, 3.0]}}
    assert d["tie_survival"] == 1.0 and d["tie_turnover"] == 0.0


def test_layers_keep_every_actor(growing, pole_sud):
    split = layers(growing)
    assert list(split) == ["mutualisation", "cooperation", "partnership"]
    assert all(G.number_of_nodes() == 4 for G in split.values())
    assert split["cooperation"].number_of_edges() == 3 and split["cooperation"].graph["kind"] == "cooperation"
    s = layer_summary(pole_sud)
    assert {k: v["ties"] for k, v in s["layers"].items()} == {"mutualisation": 19, "cooperation": 8, "partnership": 5}
    # Mutualisation ties 18 pairs (15 residents' pairs, 3 hosted), cooperation 8 (6 in the
    # job-seekers' service, 2 more); Archer and the mission locale are in both, the only
    # pair tied in two layers (CRESS-Archer is tied twice, both times by mutualisation).
    assert s["overlap"]["mutualisation/cooperation"] == pytest.approx(1 / (18 + 8 - 1))
    assert s["multiplex_share"] == pytest.approx(1 / 30)


def test_actor_project_graph(growing, pole_sud):
    B = actor_project_graph(growing)
    assert nx.is_bipartite(B)
    assert sorted(B["project:shoes"]) == ["coop", "hub"]
    assert B.nodes["project:shoes"]["kind"] == "project" and B.nodes["hub"]["bipartite"] == 0
    assert "project:old" not in actor_project_graph(growing, at="2016")
    P = actor_projection(growing)
    assert P["hub"]["coop"]["weight"] == 1 and P["hub"]["town"]["weight"] == 1
    assert set(P) == {"hub", "town", "lab", "coop"}
    S = actor_project_graph(pole_sud)
    projects = [n for n, d in S.nodes(data=True) if d["bipartite"] == 1]
    assert len(projects) == 6 and S.degree("groupe-archer") == 2  # shoe workshop, purchasing
