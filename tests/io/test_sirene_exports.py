"""The actor's SIRENE facts (issue 16, item 9: the NAF code) in the model, the schema and the exports."""

from __future__ import annotations

import json

import pytest

from ptce_kit.errors import PoleError
from ptce_kit.io import load_pole, parse_text
from ptce_kit.model import Actor

POLE = """\
format: ptce/1
id: naf
name: Pôle NAF
pivot: scic-zeta
actors:
  - id: scic-zeta
    name: SCIC Zeta
    category: ess_enterprise
    legal_form: SCIC SAS
    legal_form_code: '5710'
    commune: '26057'
    coordinates: {lat: 45.039, lon: 5.044}
    created: 2016-02-15
    naf: 56.10A
    naf_2025: 56.11Y
    acronym: ZC
    address: 3 QUAI DE L ISERE, 26300 BOURG-DE-PEAGE
    headcount_band: '12'
    employer: true
    mission_company: true
  - id: asso-epsilon
    name: Association Epsilon
    category: ess_enterprise
    rna: W261000123
  - id: camille
    name: Camille Exemple
    category: person
    coordinates: {lat: 45.04, lon: 5.05}
    address: 1 rue de l'Exemple, 26100 Romans-sur-Isère
partnerships:
  - id: cantine
    actors: [scic-zeta, asso-epsilon, camille]
    kind: cooperation
"""


@pytest.fixture
def pole_file(tmp_path):
    path = tmp_path / "pole.yaml"
    path.write_text(POLE, encoding="utf-8")
    return path


def test_the_fields_are_read_and_checked(pole_file, tmp_path):
    zeta = load_pole(pole_file).actor("scic-zeta")
    assert (zeta.naf, zeta.naf_2025, zeta.headcount_band, zeta.employer, zeta.created) == (
        "56.10A", "56.11Y", "12", True, "2016-02-15")
    bad = tmp_path / "bad.yaml"
    bad.write_text(POLE.replace("naf: 56.10A", "naf: 5610A").replace("rna: W261000123", "rna: 261000123")
                   .replace("headcount_band: '12'", "headcount_band: '7'"), encoding="utf-8")
    with pytest.raises(PoleError) as caught:
        load_pole(bad)
    messages = {p.path[-1]: (p.line, p.message) for p in caught.value.problems}
    assert set(messages) == {"naf", "rna", "headcount_band"}
    assert messages["naf"][0] == 14 and "'5610A' is not a NAF rév. 2 code" in messages["naf"][1]
    assert "W and 9 digits" in messages["rna"][1]
    assert Actor(id="a", name="A", category="other", rna="W2A1000123").rna == "W2A1000123"  # Corsica


def test_the_schema_describes_them():
    from ptce_kit.io.schema import pole_json_schema

    actor = pole_json_schema()["$defs"]["Actor"]["properties"]
    for name in ("naf", "naf_2025", "acronym", "rna", "address", "headcount_band", "employer", "mission_company",
                 "created", "ceased", "ceased_how", "successor"):
        assert name in actor, name
    assert "88.99B" in json.dumps(actor["naf"])


def test_geojson_and_graph_exports_carry_them(pole_file, ptce, tmp_path):
    out = tmp_path / "pole.geojson"
    done = ptce("export", pole_file, "--to", "geojson", "-o", out)
    assert done.returncode == 0, done.stderr
    features = {f["id"]: f["properties"] for f in json.loads(out.read_text(encoding="utf-8"))["features"]
                if f["properties"]["kind"] == "actor"}
    zeta = features["scic-zeta"]
    assert (zeta["naf"], zeta["naf_2025"], zeta["acronym"], zeta["headcount_band"], zeta["employer"],
            zeta["mission_company"]) == ("56.10A", "56.11Y", "ZC", "12", True, True)
    assert zeta["address"] == "3 QUAI DE L ISERE, 26300 BOURG-DE-PEAGE"
    gexf = tmp_path / "pole.gexf"
    assert ptce("export", pole_file, "--to", "gexf", "-o", gexf).returncode == 0
    text = gexf.read_text(encoding="utf-8")
    assert 'title="naf"' in text and 'value="56.10A"' in text and 'value="W261000123"' in text
    # A natural person's address is personal data: left out of what is shared, unless asked.
    assert "Romans-sur-Isère" not in out.read_text(encoding="utf-8") and "Romans-sur-Isère" not in text
    done = ptce("export", pole_file, "--to", "geojson", "-o", out, "--include-personal-data", "--force")
    assert done.returncode == 0, done.stderr
    assert "1 rue de l'Exemple" in out.read_text(encoding="utf-8")


def test_the_fields_survive_a_round_trip(pole_file):
    from ptce_kit.io import dump_pole

    pole = load_pole(pole_file)
    again = parse_text(dump_pole(pole, fmt="yaml"))
    zeta = next(a for a in again["actors"] if a["id"] == "scic-zeta")
    assert (zeta["naf"], zeta["naf_2025"], zeta["rna"] if "rna" in zeta else None) == ("56.10A", "56.11Y", None)
    assert next(a for a in again["actors"] if a["id"] == "asso-epsilon")["rna"] == "W261000123"


def test_linked_data_classifies_the_actor_by_its_naf_codes(pole_file):
    rdflib = pytest.importorskip("rdflib")
    from ptce_kit.io.linked_data import VOCAB, turtle_text

    graph = rdflib.Graph().parse(data=turtle_text(load_pole(pole_file)), format="turtle")
    rows = graph.query("""
        PREFIX org: <http://www.w3.org/ns/org#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?notation ?scheme WHERE {
          ?actor org:classification ?concept . ?concept skos:notation ?notation ; skos:inScheme ?scheme .
          ?actor skos:prefLabel "SCIC Zeta" .
        }""")
    found = {(str(n), str(s).removeprefix(VOCAB)) for n, s in rows}
    assert {("56.10A", "naf-rev2"), ("56.11Y", "naf-2025")} <= found
