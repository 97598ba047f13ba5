"""Colleges, SCIC categories of associates, indicators, a supply chain's order and the
territory's priority areas and population in the JSON-LD, read back as linked data
(rdflib when it is installed, else the JSON itself with its prefixes expanded)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ptce_kit.io import load_pole
from ptce_kit.io.linked_data import NAMESPACES, TERMS, jsonld_text
from ptce_kit.model import Pole

COTEAUX = Path(__file__).resolve().parents[2] / "examples" / "coteaux_fictif" / "pole.yaml"
P = "urn:ptce:coteaux-fictif"


def _expand(name: str, context: dict[str, str]) -> str:
    prefix, colon, local = name.partition(":")
    return context[prefix] + local if colon and prefix in context else name


def _json_triples(text: str) -> set[tuple[str, str, str]]:
    """The triples of the flat JSON-LD ``@graph`` the export writes, without rdflib."""
    doc = json.loads(text)
    context = doc["@context"]
    triples = set()
    for node in doc["@graph"]:
        subject = node["@id"]
        for key, values in node.items():
            if key == "@id":
                continue
            predicate = _expand("rdf:type", context) if key == "@type" else _expand(key, context)
            for value in values if isinstance(values, list) else [values]:
                if key == "@type":
                    obj = _expand(value, context)
                elif isinstance(value, dict):
                    obj = value.get("@id") or value["@value"]
                else:
                    obj = value
                triples.add((subject, predicate, str(obj)))
    return triples


def triples_of(text: str) -> set[tuple[str, str, str]]:
    try:
        import rdflib
    except ImportError:
        return _json_triples(text)
    graph = rdflib.Graph().parse(data=text, format="json-ld")
    return {(str(s), str(p), str(o)) for s, p, o in graph}


def x(curie: str) -> str:
    prefix, _, local = curie.partition(":")
    return NAMESPACES[prefix] + local


def objects(triples: set[tuple[str, str, str]], s: str, p: str) -> set[str]:
    return {o for s2, p2, o in triples if s2 == s and p2 == x(p)}


def subjects(triples: set[tuple[str, str, str]], p: str, o: str) -> set[str]:
    return {s for s, p2, o2 in triples if p2 == x(p) and o2 == o}


@pytest.fixture(scope="module")
def coteaux():
    return triples_of(jsonld_text(load_pole(COTEAUX)))


def test_colleges_are_roles_with_weights_counts_and_memberships(coteaux):
    colleges = {s for s in subjects(coteaux, "rdf:type", x("org:Role")) if s.startswith(f"{P}:college:")}
    assert len(colleges) == 4
    names = {next(iter(objects(coteaux, c, "schema:name"))): c for c in colleges}
    assert set(names) == {"Salariés", "Usagers", "Collectivités", "Partenaires"}
    usagers = names["Usagers"]
    assert objects(coteaux, usagers, "schema:numberOfItems") == {"120"}
    (weight,) = objects(coteaux, usagers, "schema:value")
    assert {float(v) for v in objects(coteaux, weight, "schema:value")} == {30.0}
    # The actors listed in a college are members of the pole in that role.
    members = {next(iter(objects(coteaux, m, "org:member")))
               for m in subjects(coteaux, "org:role", names["Partenaires"])}
    assert members == {f"{P}:actor:coop-bois", f"{P}:actor:menuiserie-vercors"}
    for m in subjects(coteaux, "org:role", names["Partenaires"]):
        assert x("org:Membership") in objects(coteaux, m, "rdf:type")
        assert objects(coteaux, m, "org:organization") == {P}


def test_whether_a_colleges_members_are_all_known_is_said_and_unsaid_is_left_out(coteaux):
    colleges = {next(iter(objects(coteaux, s, "schema:name"))): s
                for s in subjects(coteaux, "rdf:type", x("org:Role")) if s.startswith(f"{P}:college:")}
    known = {name: objects(coteaux, college, "ptce:membersKnown") for name, college in colleges.items()}
    assert known == {"Salariés": {"false"}, "Usagers": {"false"}, "Collectivités": {"true"},
                     "Partenaires": {"false"}}
    # A college that does not say writes nothing: not known is not "false".
    pole = Pole.model_validate({"id": "p", "name": "P", "governance": {"colleges": [{"name": "Tous"}]}})
    triples = triples_of(jsonld_text(pole))
    assert not {t for t in triples if t[1] == x("ptce:membersKnown")}


def test_a_partnership_whose_participants_are_not_all_named_says_so_with_its_count_and_duration(coteaux):
    shared = f"{P}:partnership:groupement-employeurs"
    assert objects(coteaux, shared, "ptce:membersKnown") == {"false"}
    assert objects(coteaux, shared, "schema:numberOfItems") == {"5"}
    assert objects(coteaux, shared, "dcterms:extent") == {"3 ans"}
    assert len(objects(coteaux, shared, "org:hasMember")) == 2  # the two named, of the five
    # A partnership that names all its actors (the format's default) writes nothing of it.
    assert objects(coteaux, f"{P}:partnership:convention-commune", "ptce:membersKnown") == set()
    assert objects(coteaux, f"{P}:partnership:convention-commune", "schema:numberOfItems") == set()


def test_ptce_terms_are_documented_and_the_context_names_them():
    doc = json.loads(jsonld_text(load_pole(COTEAUX)))
    assert doc["@context"]["ptce"] == "urn:ptce:vocab:" == NAMESPACES["ptce"]
    guide = (Path(__file__).resolve().parents[2] / "docs" / "linked-data.md").read_text(encoding="utf-8")
    for term in TERMS:
        assert f"`{term}`" in guide, term


def test_an_approximate_figure_says_so_in_ptce_terms_not_as_a_measurement_technique(pole_sud):
    triples = triples_of(jsonld_text(pole_sud))
    observations = subjects(triples, "rdf:type", x("qb:Observation"))
    approximate = {o for o in observations if objects(triples, o, "ptce:approximate") == {"true"}}
    assert len(approximate) == len(observations) == 3  # « près d'une centaine », « une soixantaine »…
    assert not {t for t in triples if t[1] == x("schema:measurementTechnique")}
    pole = Pole.model_validate({"id": "p", "name": "P", "indicators": [
        {"name": "Emplois", "value": 40, "approximate": True, "source": "S"},
        {"name": "Associés", "value": 12, "source": "S"}]})
    triples = triples_of(jsonld_text(pole))
    flagged = {(next(iter(objects(triples, s, "schema:name"))), o) for s, p, o in triples if p == x("ptce:approximate")}
    assert flagged == {("Emplois", "true")}  # an exact figure says nothing


def test_scic_categories_with_their_kind_count_and_capital_share(coteaux):
    categories = {s for s in subjects(coteaux, "rdf:type", x("org:Role"))
                  if s.startswith(f"{P}:associate-category:")}
    found = {}
    for c in categories:
        (kind,) = objects(coteaux, c, "org:classification")
        (share,) = objects(coteaux, c, "schema:value")
        found[next(iter(objects(coteaux, kind, "skos:notation")))] = (
            objects(coteaux, c, "schema:numberOfItems"), {float(v) for v in objects(coteaux, share, "schema:value")})
    assert found == {"employees": ({"8"}, {15.0}), "users": ({"120"}, {25.0}),
                     "public": ({"1"}, {30.0}), "other": (set(), {30.0})}
    public = next(c for c in categories if "Collectivités" in objects(coteaux, c, "schema:name"))
    (membership,) = subjects(coteaux, "org:role", public)
    assert objects(coteaux, membership, "org:member") == {f"{P}:actor:commune-die"}


def test_indicators_are_observations_and_property_values(coteaux):
    observations = subjects(coteaux, "rdf:type", x("qb:Observation"))
    assert len(observations) == 4
    assert observations <= subjects(coteaux, "rdf:type", x("schema:PropertyValue"))
    by = {}
    for o in observations:
        name = next(iter(objects(coteaux, o, "schema:name")))
        year = next(iter(objects(coteaux, o, "dcterms:date")))
        by[(name, year)] = o
    jobs_2018 = by[("Emplois", "2018")]
    assert {float(v) for v in objects(coteaux, jobs_2018, "schema:value")} == {12.0}
    assert objects(coteaux, jobs_2018, "schema:unitText") == {"jobs"}
    assert objects(coteaux, jobs_2018, "schema:about") == {P}
    assert objects(coteaux, jobs_2018, "dcterms:source") == {"Chiffre fictif, pour l'exemple."}
    wood = by[("Bois transformé", "2023")]
    assert objects(coteaux, wood, "schema:value") == set()
    assert {float(v) for v in objects(coteaux, wood, "schema:minValue")} == {30.0}
    assert {float(v) for v in objects(coteaux, wood, "schema:maxValue")} == {35.0}
    (dataset,) = objects(coteaux, jobs_2018, "qb:dataSet")
    assert x("qb:DataSet") in objects(coteaux, dataset, "rdf:type")


def test_a_supply_chains_order_is_an_item_list(coteaux):
    tie = f"{P}:partnership:filiere-bois-coop"
    (chain,) = objects(coteaux, tie, "schema:subjectOf")
    assert x("schema:ItemList") in objects(coteaux, chain, "rdf:type")
    assert objects(coteaux, chain, "schema:about") == {tie}
    order = {}
    for item in objects(coteaux, chain, "schema:itemListElement"):
        (position,) = objects(coteaux, item, "schema:position")
        (actor,) = objects(coteaux, item, "schema:item")
        order[int(position)] = actor.rsplit(":", 1)[1]
    assert [order[i] for i in sorted(order)] == ["coop-bois", "menuiserie-vercors", "ateliers-partages"]
    # A tie that is not a chain has no list.
    assert objects(coteaux, f"{P}:partnership:filiere-bois", "schema:subjectOf") == set()


def test_the_territorys_population_and_priority_areas(coteaux):
    (territory,) = objects(coteaux, P, "dcterms:spatial")
    assert objects(coteaux, territory, "schema:name") == {"Le Diois (exemple fictif)"}
    (population,) = objects(coteaux, territory, "schema:additionalProperty")
    assert objects(coteaux, population, "schema:value") == {"11000"}
    assert objects(coteaux, population, "dcterms:date") == {"2021"}
    assert objects(coteaux, population, "dcterms:source") == {"Chiffre fictif, pour l'exemple."}
    (area,) = objects(coteaux, territory, "schema:geoOverlaps")
    assert objects(coteaux, area, "schema:name") == {"Diois (zonage fictif)"}
    (kind,) = objects(coteaux, area, "org:classification")
    assert objects(coteaux, kind, "skos:notation") == {"FRR"}


def test_weights_unknown_a_territory_figure_a_lower_bound_and_a_qpv_code():
    pole = Pole.model_validate({
        "id": "p", "name": "P",
        "territory": {"name": "T", "priority_areas": [{"kind": "QPV", "code": "QN02612M", "name": "La Monnaie"}]},
        "actors": [{"id": "a", "name": "A", "category": "enterprise"}],
        "governance": {"colleges": [{"name": "Tous", "weight": "unknown"}]},
        "indicators": [
            {"name": "Emplois ESS", "value": 2392, "unit": "jobs", "scope": "territory", "source": "CRESS"},
            {"name": "Chiffre d'affaires", "at_least": 3000000, "unit": "euros", "actor": "a", "source": "S"}]})
    triples = triples_of(jsonld_text(pole))
    (college,) = {s for s in subjects(triples, "rdf:type", x("org:Role")) if ":college:" in s}
    # An unknown weight is not written as a figure.
    assert objects(triples, college, "schema:value") == set()
    (territory,) = objects(triples, "urn:ptce:p", "dcterms:spatial")
    by_name = {next(iter(objects(triples, o, "schema:name"))): o
               for o in subjects(triples, "rdf:type", x("qb:Observation"))}
    assert objects(triples, by_name["Emplois ESS"], "schema:about") == {territory}
    lower = by_name["Chiffre d'affaires"]
    assert objects(triples, lower, "schema:about") == {"urn:ptce:p:actor:a"}
    assert {float(v) for v in objects(triples, lower, "schema:minValue")} == {3e6}
    assert objects(triples, lower, "schema:maxValue") == set()
    (area,) = objects(triples, territory, "schema:geoOverlaps")
    assert objects(triples, area, "dcterms:identifier") == {"QN02612M"}


def test_the_json_reading_finds_the_same_facts_as_rdflib():
    rdflib = pytest.importorskip("rdflib")
    text = jsonld_text(load_pole(COTEAUX))
    graph = rdflib.Graph().parse(data=text, format="json-ld")
    assert _json_triples(text) == {(str(s), str(p), str(o)) for s, p, o in graph}


def test_only_legal_persons_are_formal_organizations():
    pole = Pole.model_validate({"id": "p", "name": "P", "actors": [
        {"id": "scic", "name": "SCIC", "category": "ess_enterprise", "siren": "000000026"},
        {"id": "labo", "name": "Labo", "category": "research_centre", "part_of": "scic",
         "siret": "00000002600013"},  # synthetic numbers
        {"id": "asso", "name": "Asso", "category": "ess_enterprise", "legal_person": True},
        {"id": "gens", "name": "Bénévoles", "category": "other", "collective": {"count": 25}},
        {"id": "boite", "name": "Boîte", "category": "enterprise", "siren": "000000034", "legal_person": False}]})
    triples = triples_of(jsonld_text(pole))
    formal = {s.rsplit(":", 1)[1] for s in subjects(triples, "rdf:type", x("org:FormalOrganization"))}
    assert formal == {"scic", "asso"}
