"""Supply chains, shared services with unknown participants, and one-off events in the graph and its files."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
import xmlschema

from ptce_kit.criteria import check
from ptce_kit.model import Pole
from ptce_kit.network import formats, pole_measures, to_graph

GEXF_XSD = Path(__file__).resolve().parent / "data" / "gexf-1.3" / "gexf.xsd"
NS = {"g": "http://gexf.net/1.3"}

ACTORS = [
    {"id": "filature", "name": "Filature", "category": "ess_enterprise"},
    {"id": "eleveurs", "name": "Éleveurs", "category": "enterprise"},
    {"id": "lavage", "name": "Lavage", "category": "ess_enterprise"},
    {"id": "usine", "name": "Usine", "category": "enterprise"},
]
TIES = [
    {"id": "filiere", "actors": ["eleveurs", "lavage", "filature"], "kind": "cooperation", "chain": True},
    {"id": "groupement", "actors": ["filature", "lavage"], "kind": "mutualisation", "participants_known": False,
     "participants": 6, "duration": "3 ans"},
]
EVENTS = [{"id": "don", "date": "2012-06", "kind": "gift", "from": "usine", "to": "filature"},
          {"date": "2016-02", "kind": "takeover", "from": "filature", "to": "lavage"}]


def make(events=True):
    return Pole.model_validate({"id": "laine", "name": "Laine", "actors": ACTORS, "partnerships": TIES,
                                "events": EVENTS if events else []})


def test_a_chain_ties_each_actor_to_the_next_one_way():
    G = to_graph(make())
    chain = sorted((d["from"], d["to"], d["order"]) for *_, d in G.edges(data=True) if d.get("chain"))
    assert chain == [("eleveurs", "lavage", 1), ("lavage", "filature", 2)]  # no eleveurs–filature edge
    D = to_graph(make(), directed=True)
    assert sorted((u, v) for u, v, k in D.edges(keys=True) if k == "filiere") == [("eleveurs", "lavage"),
                                                                                   ("lavage", "filature")]


def test_participants_and_duration_are_edge_attributes():
    (d,) = [d for *_, d in to_graph(make()).edges(data=True) if d["partnership"] == "groupement"]
    assert (d["participants_known"], d["participants"], d["duration"]) == (False, 6, "3 ans")


def test_events_are_not_ties_for_measures_and_criteria():
    with_events, without = make(), make(events=False)
    assert to_graph(with_events).number_of_edges() == to_graph(without).number_of_edges() == 3
    assert pole_measures(to_graph(with_events))["density"] == pole_measures(to_graph(without))["density"]
    verdicts = [r.verdict for r in check(with_events, ["definition", "signals"], at="2020").results]
    assert verdicts == [r.verdict for r in check(without, ["definition", "signals"], at="2020").results]
    # The isolated-actor signal still sees the factory as without ties: a gift is not a tie.
    G = to_graph(with_events, include_events=True)
    assert G.number_of_edges() == 5
    assert {k for *_, k in G.edges(keys=True)} >= {"don", "event-2"}
    assert to_graph(with_events, include_events=True, at="2014").number_of_edges() == 4  # the takeover is later


def test_gexf_keeps_one_way_edges_in_order_and_stays_valid(tmp_path):
    path = formats.write_gexf(make(), tmp_path / "g.gexf")
    xmlschema.XMLSchema(str(GEXF_XSD)).validate(str(path))
    edges = {e.get("id"): e for e in ET.parse(path).getroot().iterfind(".//g:edge", NS)}
    gift = next(e for e in edges.values() if e.get("label") == "don")
    assert (gift.get("source"), gift.get("target"), gift.get("kind")) == ("usine", "filature", "gift")
    links = sorted((e.get("source"), e.get("target")) for e in edges.values()
                   if e.get("label") == "filiere")
    assert links == [("eleveurs", "lavage"), ("lavage", "filature")]
    # No per-edge type in an undirected graph: networkx refuses mixed edges.
    assert all(e.get("type") is None for e in edges.values())


def test_undirected_gexf_with_chains_and_events_reads_back_in_networkx(tmp_path):
    path = formats.write_gexf(make(), tmp_path / "g.gexf")
    back = nx.read_gexf(path, version="1.3")
    assert not back.is_directed()
    assert back.number_of_edges() == 5
    chain = sorted((d["from"], d["to"], d["order"], d["arrow"]) for *_, d in back.edges(data=True)
                   if d.get("label") == "filiere")
    assert chain == [("eleveurs", "lavage", 1, True), ("lavage", "filature", 2, True)]
    events = sorted((d["from"], d["to"], d["kind"], d["event"]) for *_, d in back.edges(data=True) if d.get("event"))
    assert events == [("filature", "lavage", "takeover", "event-2"), ("usine", "filature", "gift", "don")]
    directed = nx.read_gexf(formats.write_gexf(make(), tmp_path / "d.gexf", directed=True), version="1.3")
    assert directed.is_directed()
    assert sorted((u, v) for u, v, d in directed.edges(data=True) if d.get("label") == "filiere") == [
        ("eleveurs", "lavage"), ("lavage", "filature")]


def test_graphml_keeps_the_order_of_one_way_edges_and_reads_back(tmp_path):
    path = formats.write_graphml(make(), tmp_path / "g.graphml")
    back = nx.read_graphml(path)
    one_way = sorted((u, v, d.get("partnership") or d.get("event")) for u, v, d in back.edges(data=True)
                     if d.get("arrow"))
    text = path.read_text(encoding="utf-8")
    assert '<edge source="usine" target="filature" id="don:' in text
    assert '<edge source="lavage" target="filature" id="filiere:' in text
    assert len(one_way) == 4
    directed = nx.read_graphml(formats.write_graphml(make(), tmp_path / "d.graphml", directed=True))
    assert sorted((u, v) for u, v, d in directed.edges(data=True) if d.get("partnership") == "filiere") == [
        ("eleveurs", "lavage"), ("lavage", "filature")]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_flat_exports_carry_the_events(tmp_path, fmt):
    if fmt == "csv":
        _, edges = formats.write_csv(make(), tmp_path / "g.csv")
        text = edges.read_text(encoding="utf-8-sig")
        assert "gift" in text and "takeover" in text and "3 ans" in text
    else:
        data = formats.node_link_data(formats.graph_of(make()))
        assert sorted(e.get("event") for e in data["links"] if e.get("event")) == ["don", "event-2"]


def test_the_fictitious_examples_gexf_is_valid_and_reads_back_with_its_new_attributes(tmp_path):
    from ptce_kit.io import load_pole

    pole = load_pole(Path(__file__).resolve().parents[2] / "examples" / "coteaux_fictif" / "pole.yaml")
    path = formats.write_gexf(pole, tmp_path / "coteaux.gexf")
    xmlschema.XMLSchema(str(GEXF_XSD)).validate(str(path))
    back = nx.read_gexf(path, version="1.3")
    nodes = back.nodes
    assert (nodes["asso-bois-energie"]["ceased"], nodes["asso-bois-energie"]["successor"]) == ("2017-03", "coop-bois")
    assert nodes["labo-usages"]["part_of"] == "scic-coteaux"
    assert nodes["benevoles-chercheurs"]["collective_count"] == 25
    assert (nodes["scic-coteaux"]["labels"], nodes["commune-die"]["supports"]) == (1, 0)
    chain = sorted((d["from"], d["to"], d["order"]) for *_, d in back.edges(data=True) if d.get("label") == "filiere-bois-coop")
    assert chain == [("coop-bois", "menuiserie-vercors", 1), ("menuiserie-vercors", "ateliers-partages", 2)]
    (gift,) = [d for *_, d in back.edges(data=True) if d.get("event") == "don-machines"]
    assert (gift["from"], gift["to"], gift["kind"]) == ("menuiserie-vercors", "ateliers-partages", "gift")
