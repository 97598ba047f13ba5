"""The format for real poles in the graph and the exports: node attributes, ties of structure,
GEXF and GraphML attributes, CSV columns, JSON-LD and GeoJSON."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from ptce_kit.io.geojson import to_geojson
from ptce_kit.io.linked_data import to_jsonld
from ptce_kit.model import Pole
from ptce_kit.network import to_graph
from ptce_kit.network.build import structure_ties
from ptce_kit.network.formats import csv_tables, gexf_bytes, graphml_bytes


@pytest.fixture(scope="module")
def pole() -> Pole:
    return Pole.model_validate({
        "id": "p", "name": "P",
        "sites": [{"id": "gare", "name": "Gare", "coordinates": {"lat": 44.75, "lon": 5.37}, "since": "2011",
                   "until": "2016"},
                  {"id": "halle", "name": "Halle", "since": "2016"}],
        "actors": [
            {"id": "scic", "name": "SCIC", "category": "ess_enterprise", "created": "2016",
             "coordinates": {"lat": 44.75, "lon": 5.36},
             "presences": [{"site": "gare", "presence": "resident"}, {"site": "halle", "presence": "resident"}]},
            {"id": "lab", "name": "Lab", "category": "research_centre", "part_of": "scic"},
            {"id": "sub", "name": "Sub", "category": "enterprise",
             "owners": [{"actor": "scic", "share": 60}, {"actor": "firm"}]},
            {"id": "firm", "name": "Firm", "category": "enterprise", "legal_person": True},
            {"id": "old", "name": "Old", "category": "ess_enterprise", "ceased": "2017", "ceased_how": "merged",
             "successor": "scic", "coordinates": {"lat": 44.7, "lon": 5.3}},
            {"id": "crowd", "name": "Crowd", "category": "other", "collective": {"count": 25, "of": "volunteers"}},
            {"id": "hall", "name": "Hall", "category": "other",
             "operator": {"actor": "scic", "contract": "public-service", "since": "2016", "until": "2028"}},
        ],
        "partnerships": [{"id": "t", "actors": ["scic", "firm", "crowd"], "kind": "cooperation"}],
    })


def test_node_attributes_carry_the_actor_s_life_and_structure(pole):
    G = to_graph(pole)
    assert G.nodes["old"]["ceased"] == "2017" and G.nodes["old"]["successor"] == "scic"
    assert G.nodes["old"]["ceased_how"] == "merged" and G.nodes["scic"]["created"] == "2016"
    assert G.nodes["lab"]["part_of"] == "scic"
    assert G.nodes["sub"]["owners"] == ["scic:60", "firm"]
    assert G.nodes["crowd"]["collective"] is True and G.nodes["crowd"]["collective_count"] == 25
    assert G.nodes["firm"]["collective"] is False and G.nodes["firm"]["legal_person"] is True
    assert (G.nodes["hall"]["operator"], G.nodes["hall"]["operator_contract"]) == ("scic", "public-service")
    assert G.nodes["scic"]["sites"] == ["gare", "halle"]


def test_an_actor_that_ceased_is_not_in_the_graph_after(pole):
    assert "old" in to_graph(pole, at="2016") and "old" not in to_graph(pole, at="2018")


def test_ties_of_structure_are_listed_and_drawn_only_when_asked(pole):
    ties = [(t["source"], t["kind"], t["target"]) for t in structure_ties(pole)]
    assert ties == [("lab", "unit_of", "scic"), ("sub", "owned_by", "scic"), ("sub", "owned_by", "firm"),
                    ("hall", "operated_by", "scic")]
    plain = to_graph(pole)
    assert not plain.has_edge("lab", "scic")
    G = to_graph(pole, structure=True)
    assert G["sub"]["scic"]["owned_by:sub:scic"]["share"] == 60
    assert G["lab"]["scic"]["unit_of:lab:scic"]["structure"] is True
    assert all(d["structure"] is False for *_, d in G.edges(data=True) if d["kind"] == "cooperation")
    # An operation over by then is not drawn at a later date.
    assert not to_graph(pole, structure=True, at="2030").has_edge("hall", "scic")


def test_gexf_and_graphml_hold_the_new_attributes(pole):
    G = to_graph(pole)
    gexf = gexf_bytes(G).decode("utf-8")
    titles = {e.get("title") for e in ET.fromstring(gexf).iter() if e.tag.endswith("attribute")}
    assert {"ceased", "successor", "part_of", "owners", "collective_count", "operator", "sites"} <= titles
    graphml = graphml_bytes(G).decode("utf-8")
    for key in ("ceased_how", "part_of", "collective_count", "operator_contract"):
        assert f'attr.name="{key}"' in graphml, key


def test_the_csv_nodes_table_has_the_new_columns(pole):
    nodes, _ = csv_tables(to_graph(pole))
    header, *rows = nodes.splitlines()
    columns = header.split(",")
    assert {"created", "ceased", "successor", "part_of", "owners", "collective_count"} <= set(columns)
    sub = dict(zip(columns, next(r for r in rows if r.startswith("sub,")).split(",")))
    assert sub["owners"] == "scic:60|firm"


def test_json_ld_says_founding_dissolution_units_and_successors(pole):
    graph = to_jsonld(pole)["@graph"]
    node = {n["@id"]: n for n in graph}
    old = node["urn:ptce:p:actor:old"]
    assert old["schema:dissolutionDate"] == {"@type": "xsd:gYear", "@value": "2017"}
    change = node["urn:ptce:p:actor:old:change"]
    assert "org:ChangeEvent" in json.dumps(change["@type"])
    assert "urn:ptce:p:actor:scic" in json.dumps(change["org:resultingOrganization"])
    lab = node["urn:ptce:p:actor:lab"]
    assert "urn:ptce:p:actor:scic" in json.dumps(lab["org:unitOf"])
    assert "2016" in json.dumps(node["urn:ptce:p:actor:scic"]["schema:foundingDate"])
    assert "urn:ptce:p:site:halle" in json.dumps(node["urn:ptce:p:actor:scic"]["org:hasSite"])


def test_geojson_has_the_new_properties_and_the_dated_sites(pole):
    features = to_geojson(pole)["features"]
    by_id = {f["id"]: f for f in features}
    assert by_id["old"]["properties"]["ceased"] == "2017"
    assert by_id["old"]["properties"]["successor"] == "scic"
    assert by_id["scic"]["properties"]["sites"] == ["gare", "halle"]
    gare = by_id["site:gare"]["properties"]
    assert (gare["kind"], gare["since"], gare["until"]) == ("site", "2011", "2016")
    assert "site:halle" not in by_id  # no coordinates, no point
    # Every feature has the same properties, so that QGIS builds one table.
    assert len({tuple(sorted(f["properties"])) for f in features}) == 1
