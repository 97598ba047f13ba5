"""Each construct of a real pole in the linked data, read back by rdflib from JSON-LD and
Turtle and asked with SPARQL (the fictitious example holds them all)."""

from __future__ import annotations

from pathlib import Path

import pytest

rdflib = pytest.importorskip("rdflib")

from ptce_kit.io import load_pole  # noqa: E402
from ptce_kit.io.linked_data import jsonld_text, turtle_text  # noqa: E402
from ptce_kit.model import Pole  # noqa: E402

COTEAUX = Path(__file__).resolve().parents[2] / "examples" / "coteaux_fictif" / "pole.yaml"
PREFIXES = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX odrl: <http://www.w3.org/ns/odrl/2/>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX essglobal: <http://purl.org/essglobal/vocab/>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
P = "urn:ptce:coteaux-fictif"


@pytest.fixture(scope="module")
def coteaux():
    return load_pole(COTEAUX)


@pytest.fixture(scope="module", params=["json-ld", "turtle"])
def graph(request, coteaux):
    text = jsonld_text(coteaux) if request.param == "json-ld" else turtle_text(coteaux)
    return rdflib.Graph().parse(data=text, format=request.param)


def ask(graph, query):
    return sorted(tuple(str(v) if v is not None else None for v in row) for row in graph.query(PREFIXES + query))


def actor(name):
    return f"{P}:actor:{name}"


def test_the_example_has_the_expected_id(coteaux):
    assert coteaux.id == "coteaux-fictif"


def test_owners_and_their_shares(graph):
    rows = ask(graph, """
        SELECT ?owner ?owned ?share WHERE {
            ?h a org:Membership ; org:member ?owner ; org:organization ?owned ;
               org:role/skos:notation "owner" ; schema:value/schema:value ?share .
            ?owner org:hasSubOrganization ?owned .
            ?owned org:subOrganizationOf ?owner .
        }""")
    assert rows == [(actor("commune-die"), actor("halle-des-coteaux"), "100.0"),
                    (actor("menuiserie-vercors"), actor("ateliers-partages"), "40.0"),
                    (actor("scic-coteaux"), actor("ateliers-partages"), "60.0")]


def test_a_venue_its_operator_and_contract(graph):
    rows = ask(graph, """
        SELECT ?venue ?operator ?contract ?since ?duration WHERE {
            ?a a odrl:Agreement ; odrl:target ?venue ; odrl:assignee ?operator ;
               dcterms:type/skos:notation ?contract ; schema:startDate ?since ; dcterms:extent ?duration .
            ?venue org:linkedTo ?operator .
        }""")
    assert rows == [(actor("halle-des-coteaux"), actor("asso-halle"), "public-service", "2016-06", "12 years")]


def test_the_poles_form_history(graph):
    rows = ask(graph, f"""
        SELECT ?date ?form ?end ?original WHERE {{
            <{P}> org:resultedFrom ?e .
            ?e a org:ChangeEvent ; dcterms:date ?date ; essglobal:legalForm/skos:notation ?form ;
               org:resultingOrganization <{P}> .
            OPTIONAL {{ ?e time:hasTime/time:hasEnd/time:inXSDgYearMonth ?end }}
            OPTIONAL {{ ?e org:originalOrganization ?original }}
        }}""")
    assert rows == [("2011", "association", "2016-06", None), ("2016-06", "scic", None, P)]


def test_events_are_actions_between_actors(graph):
    rows = ask(graph, """
        SELECT ?kind ?date ?agent ?recipient WHERE {
            ?e a schema:DonateAction ; org:classification/skos:notation ?kind ; dcterms:date ?date ;
               schema:agent ?agent ; schema:recipient ?recipient .
        }""")
    assert rows == [("gift", "2019-09", actor("menuiserie-vercors"), actor("ateliers-partages"))]


def test_a_takeover_names_who_took_over_whom():
    pole = Pole.model_validate({"id": "p", "name": "P", "actors": [
        {"id": "a", "name": "A", "category": "enterprise"}, {"id": "b", "name": "B", "category": "enterprise"}],
        "events": [{"date": "2016-02", "kind": "takeover", "from": "a", "to": "b"}]})
    graph = rdflib.Graph().parse(data=jsonld_text(pole), format="json-ld")
    rows = ask(graph, "SELECT ?agent ?object WHERE { ?e a schema:TakeAction ; schema:agent ?agent ; schema:object ?object }")
    assert rows == [("urn:ptce:p:actor:b", "urn:ptce:p:actor:a")]


def test_support_funders_amounts_and_awards(graph):
    rows = ask(graph, """
        SELECT ?funder ?item ?value ?outcome WHERE {
            ?g a schema:MonetaryGrant ; schema:funder ?f ; schema:fundedItem ?item ;
               schema:amount/schema:value ?value ; org:classification/skos:notation ?outcome .
            OPTIONAL { ?f schema:name ?name } BIND(COALESCE(?name, STR(?f)) AS ?funder)
        }""")
    assert rows == [("Commune de Die (rôle fictif)", P, "8000.0", "laureate"),
                    ("État", P, "50000.0", "laureate")]
    assert ask(graph, f"SELECT ?award WHERE {{ <{P}> schema:award ?award }}") == [
        ("Subvention de fonctionnement",), ("ptce-2015",)]


def test_labels(graph):
    assert ask(graph, """SELECT ?holder ?kind ?since WHERE {
        ?holder schema:hasCertification ?c . ?c org:classification/skos:notation ?kind ; schema:startDate ?since }""") == [
        (actor("scic-coteaux"), "esus", "2016")]


def test_sites_and_presences(graph):
    sites = ask(graph, f"SELECT ?id WHERE {{ <{P}> org:hasSite ?s . ?s a org:Site ; dcterms:identifier ?id }}")
    assert len(sites) >= 2
    assert (f"{P}:site:ancienne-gare",) in ask(graph, f"SELECT ?s WHERE {{ <{actor('asso-bois-energie')}> org:hasSite ?s }}")
    rows = ask(graph, f"""
        SELECT ?site ?presence ?since ?until WHERE {{
            <{actor('scic-coteaux')}> schema:location ?r .
            ?r a schema:Role ; schema:location ?site ; schema:roleName/skos:notation ?presence ; schema:startDate ?since .
            OPTIONAL {{ ?r schema:endDate ?until }}
        }}""")
    assert rows == [(f"{P}:site:ancienne-gare", "resident", "2011", "2016-06"), (f"{P}:site:halle", "resident", "2016-06", None)]


def test_ceased_actor_and_its_successor(graph):
    rows = ask(graph, """
        SELECT ?old ?new ?how ?ceased WHERE {
            ?c a org:ChangeEvent ; org:originalOrganization ?old ; org:resultingOrganization ?new ; dcterms:type ?how .
            ?new org:resultedFrom ?c . ?old org:changedBy ?c ; schema:dissolutionDate ?ceased .
        }""")
    assert rows == [(actor("asso-bois-energie"), actor("coop-bois"), "merged", "2017-03")]


def test_a_unit_and_a_collective_actor(graph):
    assert ask(graph, "SELECT ?unit ?of WHERE { ?unit a org:OrganizationalUnit ; org:unitOf ?of }") == [
        (actor("labo-usages"), actor("scic-coteaux"))]
    rows = ask(graph, """SELECT ?a ?count WHERE {
        ?a dcterms:type/skos:notation "collective" . OPTIONAL { ?a schema:numberOfItems ?count } }""")
    assert (actor("benevoles-chercheurs"), "25") in rows
