"""JSON-LD and Turtle exports, read back by rdflib and queried with SPARQL."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

rdflib = pytest.importorskip("rdflib")
from rdflib.compare import isomorphic  # noqa: E402

from ptce_kit.io import load_pole  # noqa: E402
from ptce_kit.io.linked_data import jsonld_text, to_rdflib, turtle_text  # noqa: E402

FICTIONAL = Path(__file__).resolve().parents[1] / "data" / "sirene" / "fictional_pole.yaml"
PREFIXES = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX essglobal: <http://purl.org/essglobal/vocab/>
PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>
PREFIX igeo: <http://rdf.insee.fr/def/geo#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


@pytest.fixture(scope="module")
def fictional():
    return load_pole(FICTIONAL)


def parse(text: str, fmt: str):
    graph = rdflib.Graph()
    graph.parse(data=text, format=fmt)
    return graph


def ask(graph, query: str):
    return sorted(tuple(str(v) if v is not None else None for v in row) for row in graph.query(PREFIXES + query))


@pytest.fixture(scope="module", params=["json-ld", "turtle"])
def graph(request, fictional):
    text = jsonld_text(fictional) if request.param == "json-ld" else turtle_text(fictional)
    return parse(text, request.param)


def test_members_with_their_roles_and_dates(graph):
    rows = ask(graph, """
        SELECT ?id ?role ?begin ?end WHERE {
            ?m a org:Membership ; org:organization <urn:ptce:pole-fictif> ; org:member ?a .
            ?a dcterms:identifier ?id .
            OPTIONAL { ?m org:role/skos:notation ?role }
            OPTIONAL { ?m org:memberDuring/time:hasBeginning ?b .
                       ?b time:inXSDgYear|time:inXSDgYearMonth|time:inXSDDate ?begin }
            OPTIONAL { ?m org:memberDuring/time:hasEnd ?e .
                       ?e time:inXSDgYear|time:inXSDgYearMonth|time:inXSDDate ?end }
        }""")
    assert rows == [
        ("asso-beta", None, "2013-09-01", "2019-06"),
        ("scop-alpha", "founder", "2012", None),
        ("scop-alpha", "pivot", "2012", None),
    ]


def test_dates_keep_their_precision(graph):
    rows = ask(graph, """
        SELECT ?d (DATATYPE(?d) AS ?t) WHERE { ?i time:inXSDgYear|time:inXSDgYearMonth|time:inXSDDate ?d }""")
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert rows == [("2012", xsd + "gYear"), ("2013-09-01", xsd + "date"), ("2019-06", xsd + "gYearMonth")]


def test_partners_and_prospects_are_not_members(graph):
    linked = ask(graph, "SELECT ?id WHERE { <urn:ptce:pole-fictif> org:linkedTo ?a . ?a dcterms:identifier ?id }")
    assert linked == [("commune-gamma",)]
    current = ask(graph, "SELECT ?id WHERE { <urn:ptce:pole-fictif> org:hasMember ?a . ?a dcterms:identifier ?id }")
    assert current == [("scop-alpha",)]  # asso-beta left in 2019
    prospects = ask(graph, """SELECT ?a WHERE { ?a dcterms:identifier "labo-delta" .
        FILTER NOT EXISTS { ?m org:member ?a } FILTER NOT EXISTS { ?x org:linkedTo ?a } }""")
    assert len(prospects) == 1


def test_partnerships_with_kind_members_and_dates(graph):
    rows = ask(graph, """
        SELECT ?id ?kind ?member ?since ?until WHERE {
            ?p a org:OrganizationalCollaboration ; org:linkedTo <urn:ptce:pole-fictif> ;
               dcterms:identifier ?id ; org:classification/skos:notation ?kind ;
               org:hasMember/dcterms:identifier ?member .
            OPTIONAL { ?p schema:startDate ?since } OPTIONAL { ?p schema:endDate ?until }
        }""")
    assert rows == [
        ("developpement", "cooperation", "commune-gamma", "2015", None),
        ("developpement", "cooperation", "scop-alpha", "2015", None),
        ("locaux", "mutualisation", "asso-beta", "2013-09", "2019-06"),
        ("locaux", "mutualisation", "scop-alpha", "2013-09", "2019-06"),
    ]


def test_pole_is_a_collaboration_with_a_site(graph):
    rows = ask(graph, """
        SELECT ?name ?lat ?long ?code ?commune ?founded WHERE {
            <urn:ptce:pole-fictif> a org:OrganizationalCollaboration, essglobal:Network ;
                schema:name ?name ; schema:foundingDate ?founded ; org:hasSite ?s .
            ?s a org:Site ; geo:lat ?lat ; geo:long ?long ;
               schema:containedInPlace [ igeo:codeINSEE ?code ; schema:name ?commune ] .
        }""")
    assert rows == [("Pôle Fictif", "45.0433", "5.0519", "26281", "Romans-sur-Isère", "2012-03")]


def test_legal_form_ess_and_identifiers(graph):
    rows = ask(graph, """
        SELECT ?id ?code ?label ?siren ?siret WHERE {
            ?a a essglobal:SSEInitiative, org:FormalOrganization ; dcterms:identifier ?id ;
               essglobal:legalForm ?f ; org:identifier ?siren ; org:hasPrimarySite/org:identifier ?siret .
            ?f skos:notation ?code ; skos:prefLabel ?label .
        }""")
    assert rows == [("scop-alpha", "5458", "SARL coopérative de production (SCOP)",
                     "000000018", "00000001800010")]


def test_personal_data_only_when_asked(fictional):
    for fmt, make in (("json-ld", jsonld_text), ("turtle", turtle_text)):
        shared = make(fictional)
        assert "Camille" not in shared and "camille@" not in shared
        private = parse(make(fictional, include_personal_data=True), fmt)
        rows = ask(private, "SELECT ?email WHERE { ?a schema:contactPoint/schema:email ?email }")
        assert rows == [("camille@alpha.example.org",)]


def test_both_formats_hold_the_same_graph(fictional, pole_sud):
    for pole in (fictional, pole_sud):
        expected = to_rdflib(pole)
        assert isomorphic(parse(jsonld_text(pole), "json-ld"), expected)
        assert isomorphic(parse(turtle_text(pole), "turtle"), expected)


def test_output_is_deterministic_and_has_no_blank_nodes(fictional):
    assert jsonld_text(fictional) == jsonld_text(load_pole(FICTIONAL))
    assert turtle_text(fictional) == turtle_text(load_pole(FICTIONAL))
    graph = parse(turtle_text(fictional), "turtle")
    assert not any(isinstance(term, rdflib.BNode) for triple in graph for term in triple)


def test_base_gives_http_iris(fictional):
    graph = parse(jsonld_text(fictional, base="https://data.example.org/pole-fictif/"), "json-ld")
    rows = ask(graph, "SELECT ?m WHERE { ?m org:organization <https://data.example.org/pole-fictif> }")
    assert ("https://data.example.org/pole-fictif/membership/scop-alpha",) in rows
    with pytest.raises(ValueError, match="not an absolute IRI"):
        jsonld_text(fictional, base="pole-fictif/")


def test_pole_sud_members_through_the_cli(ptce, pole_sud_path, tmp_path):
    out = tmp_path / "pole.ttl"
    result = ptce("export", pole_sud_path, "--to", "turtle", "-o", out)
    assert result.returncode == 0, result.stderr
    graph = parse(out.read_text(encoding="utf-8"), "turtle")
    members = ask(graph, """SELECT ?id WHERE { ?m org:organization <urn:ptce:pole-sud> ; org:member/dcterms:identifier ?id }""")
    # Pôle Sud's fiche states no member: no membership, not even the pivot's; partners are linked.
    assert members == []
    linked = ask(graph, "SELECT ?id WHERE { <urn:ptce:pole-sud> org:linkedTo ?a . ?a dcterms:identifier ?id }")
    assert ("scop-vtd",) in linked and ("groupe-archer",) not in linked
    result = ptce("export", pole_sud_path, "--to", "jsonld", "-o", tmp_path / "pole.jsonld")
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "pole.jsonld").read_text(encoding="utf-8"))["@graph"]


def test_at_is_refused_with_a_reason(ptce, pole_sud_path, tmp_path):
    result = ptce("export", pole_sud_path, "--to", "jsonld", "--at", "2014", "-o", tmp_path / "x.jsonld")
    assert result.returncode == 1
    assert "--at does not apply to jsonld" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.jsonld").exists()


def test_turtle_without_rdflib_says_how_to_install(pole_sud_path, tmp_path):
    # A real interpreter where importing rdflib fails, as on an install without the extra.
    code = (
        "import sys; sys.modules['rdflib'] = None\n"
        "from ptce_kit.cli import main\n"
        f"sys.exit(main(['export', {str(pole_sud_path)!r}, '--to', 'turtle', '-o', {str(tmp_path / 'x.ttl')!r}]))\n"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root,
                            env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1, result.stderr
    assert "pip install 'ptce-kit[rdf]'" in result.stderr
    # JSON-LD needs nothing more.
    code = code.replace("'turtle'", "'jsonld'").replace("x.ttl", "x.jsonld")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root,
                            env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr


def test_the_examples_of_the_guide_run(pole_sud, monkeypatch):
    import re

    root = Path(__file__).resolve().parents[2]
    guide = (root / "docs" / "linked-data.md").read_text(encoding="utf-8")
    (query,) = re.findall(r"```sparql\n(.*?)```", guide, re.S)
    # Pôle Sud states no member: the query is run on it with its unstated actors made members.
    data = pole_sud.model_dump(mode="json", exclude_none=True)
    for actor in data["actors"]:
        actor.setdefault("status", "member")
    members = type(pole_sud).model_validate(data)
    rows = [(str(name), str(role) if role else None) for name, role in to_rdflib(members).query(query)]
    assert ("Groupe Archer", "pivot") in rows and ("Adie", None) in rows
    assert not any(name == "Scop VTD" for name, _ in rows)  # a partner, not a member
    code = re.findall(r"```python\n(.*?)```", guide, re.S)[0]  # the first: the Python API
    monkeypatch.chdir(root)
    namespace: dict = {}
    exec(code, namespace)  # noqa: S102 - the guide's own example
    assert '"@id": "https://data.example.org/pole-sud/actor/groupe-archer"' in namespace["text"]
