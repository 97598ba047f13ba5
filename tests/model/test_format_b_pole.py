"""The fictitious test pole of support, indicators, ties, events and variants, as a user runs it: through the CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from ptce_kit.io import dump_pole, load_pole, parse_text, read_text

ROOT = Path(__file__).resolve().parents[2]
POLE = ROOT / "tests" / "data" / "format_b" / "pole.yaml"


def plain(node):
    if isinstance(node, dict):
        return {k: plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    return node.isoformat() if isinstance(node, dt.date) else node


def test_it_validates(ptce):
    result = ptce("validate", POLE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_published_schema_accepts_it():
    schema = json.loads((ROOT / "schema" / "pole.schema.json").read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(plain(parse_text(read_text(POLE)))))
    assert not errors, errors[0].message if errors else ""


def test_it_is_written_back_unchanged(tmp_path):
    pole = load_pole(POLE)
    (tmp_path / "pole.yaml").write_text(dump_pole(pole), encoding="utf-8")
    again = load_pole(tmp_path / "pole.yaml")
    assert again == pole and dump_pole(again) == dump_pole(pole)
    assert len(again.support) == 4 and len(again.events) == 2 and len(again.variants) == 3


def test_check_decides_the_state_call_rule(ptce):
    result = ptce("check", POLE, "--profile", "state-call", "--at", "2024", "--format", "json")
    assert result.returncode == 1
    (report,) = json.loads(result.stdout)
    (rule,) = [r for r in report["results"] if r["rule"] == "decret.not-yet-supported"]
    assert rule["verdict"] == "fail" and rule["evidence"]["fields"] == ["support[1].outcome"]


def test_it_builds_and_the_documents_give_ranges_and_bounds(ptce, tmp_path):
    result = ptce("build", POLE.parent, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    fiche = (tmp_path / "out" / "fiche.md").read_text(encoding="utf-8")
    assert "Laine lavée\xa0: de 30 à 35 tonnes" in fiche
    assert "Chiffre d'affaires cumulé\xa0: plus de 3\u202f000\u202f000 euros" in fiche
    charter = " ".join((tmp_path / "out" / "charte.md").read_text(encoding="utf-8").split())
    # Not "the two of them": the shared service says others take part; the chain says its order.
    # The tie has no topic nor description: a blank to fill, never its id.
    assert ("**[intitulé à préciser]** : Filature coopérative du Vercors et Lavage solidaire, entre autres "
            "(6 en tout) (personnel), pour une durée de 3 ans.") in charter
    assert ("SARL Éleveurs du plateau → Lavage solidaire → Filature coopérative du Vercors "
            "(chacun fournit le suivant)") in charter


def test_compare_takes_the_latest_year_and_leaves_the_territory_out(ptce, tmp_path):
    import csv

    assert ptce("compare", POLE, "-o", tmp_path / "t.csv").returncode == 0
    # A French pole's table is French CSV: ";" between cells, decimal commas.
    (row,) = csv.DictReader((tmp_path / "t.csv").read_text(encoding="utf-8-sig").splitlines(), delimiter=";")
    # 50 jobs (2015, not 40 + 50) + 12 of the filature (2015); the territory's 2 392 apart.
    assert (row["jobs_indicators"], row["jobs_indicators_year"], row["jobs_territory"]) == ("62,0", "2015", "2392,0")


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "csv", "json", "jsonld", "geojson"])
def test_it_exports(ptce, tmp_path, fmt):
    out = tmp_path / f"pole.{fmt}"
    result = ptce("export", POLE, "--to", fmt, "-o", out)
    assert result.returncode == 0, result.stderr
    if fmt == "gexf":
        text = out.read_text(encoding="utf-8")
        # The gift goes one way: source → target, said by the "arrow" attribute (an undirected
        # GEXF with per-edge types would not read back in networkx).
        gift = text.split('label="don-cardeuses"')[1].split("</edge>")[0]
        assert 'source="usine" target="filature" label="don-cardeuses"' in text
        assert '<attvalue for="arrow" value="true" />' in gift


def test_the_english_documents_give_ranges_and_bounds(ptce, tmp_path):
    result = ptce("build", POLE.parent, "-o", tmp_path / "out", "--lang", "en")
    assert result.returncode == 0, result.stderr
    fiche = next((tmp_path / "out").glob("*.md")).parent
    text = "".join(p.read_text(encoding="utf-8") for p in fiche.glob("*.md"))
    assert "30 to 35 tonnes" in text and "at least 3" in text


def test_linked_data_holds_support_labels_and_the_sources_of_disputed_facts():
    from ptce_kit.io.linked_data import IRI, Literal, _x, pole_triples

    triples = set(pole_triples(load_pole(POLE)))
    base = "urn:ptce:pole-laine"
    grant = f"{base}:support:2"
    assert (grant, _x("rdf:type"), IRI(_x("schema:MonetaryGrant"))) in triples
    assert (grant, _x("schema:fundedItem"), IRI(base)) in triples
    assert (f"{grant}:funder", _x("schema:name"), Literal("État (secrétariat d'État chargé de l'ESS)")) in triples
    assert (f"{grant}:amount", _x("schema:currency"), Literal("EUR")) in triples
    assert (f"{base}:support:3", _x("schema:funder"), IRI(f"{base}:actor:commune-die")) in triples
    assert (f"{base}:actor:filature", _x("schema:hasCertification"), IRI(f"{base}:label:1")) in triples
    assert (base, _x("dcterms:provenance"), IRI(f"{base}:variant:1")) in triples
    assert (f"{base}:variant:1", _x("dcterms:subject"), Literal("founded")) in triples
    assert (f"{base}:variant:1:1", _x("dcterms:source"), Literal("Article de presse, 2014 (fictif)")) in triples


def test_linked_data_of_a_pole_without_them_is_unchanged():
    from ptce_kit.io.linked_data import pole_triples

    pole = load_pole(POLE)
    bare = pole.model_copy(update={"support": [], "labels": [], "variants": []})
    predicates = {p.rsplit("/", 1)[-1] for _, p, _ in pole_triples(bare)}
    assert not predicates & {"funder", "fundedItem", "hasCertification", "provenance"}


def test_geojson_features_carry_the_labels_held():
    from ptce_kit.io.geojson import to_geojson

    from ptce_kit.model import Pole

    data = load_pole(POLE).model_dump()
    for actor in data["actors"]:
        actor["coordinates"] = {"lat": 44.75, "lon": 5.37}
    data["site"] = {"name": "Filature", "coordinates": {"lat": 44.75, "lon": 5.37}}
    placed = Pole.model_validate(data)
    labels = {f["id"]: f["properties"]["labels"] for f in to_geojson(placed)["features"]}
    assert labels["filature"] == ["esus"] and labels["lavage"] == ["siae"] and labels["eleveurs"] == []
    assert labels["site"] == ["fabrique-de-territoire", "Label Laine de France"]
