"""Issue 16's check: each of the nine kinds of facts real poles needed, written by hand in
a test pole, is read, validated, written back unchanged and exported where the format has
a place for it (JSON-LD, GraphML/GEXF attributes, GeoJSON properties, CSV)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from ptce_kit.exports import EXPORTERS, get_exporter
from ptce_kit.io import load_pole, save_pole
from ptce_kit.io.edit import edit_pole

BASE = """\
# A test pole, written by hand: the comments stay.
format: ptce/1
id: essai
name: Pôle d'essai
territory:
  name: Le Diois
  communes:
    - {code: "26113", name: Die}
pivot: hub
actors:
  - id: hub
    name: Hub
    category: ess_enterprise
    commune: "26113"
    coordinates: {lat: 44.754, lon: 5.369}
@HUB@  - id: atelier
    name: Atelier
    category: enterprise
    commune: "26113"
    coordinates: {lat: 44.755, lon: 5.37}
@ATELIER@  - id: ville
    name: Ville
    category: local_authority
    commune: "26113"
@ACTORS@partnerships:
  - {id: lien, actors: [hub, atelier], kind: cooperation}
@REST@"""


def pole_text(hub="", atelier="", rest="", actors=""):
    indent = lambda text: textwrap.indent(textwrap.dedent(text), "    ")  # noqa: E731
    return (BASE.replace("@HUB@", indent(hub)).replace("@ATELIER@", indent(atelier)).replace("@REST@", textwrap.dedent(rest))
            .replace("@ACTORS@", textwrap.indent(textwrap.dedent(actors), "  ")))


#: kind -> (the pole's text, {export format: strings its output must hold}).
KINDS = {
    "time": (pole_text(
        hub="""\
        created: "2016-06"
        presences:
          - {site: gare, presence: resident, since: "2011", until: "2016-06"}
          - {site: halle, presence: resident, since: "2016-06"}
        contacts:
          - {name: Camille Exemple, role: coordinatrice, since: "2011", until: "2016"}
        """,
        atelier="""\
        created: "2009"
        ceased: "2017-03"
        ceased_how: merged
        successor: hub
        """,
        rest="""\
        sites:
          - {id: gare, name: Gare, commune: "26113", since: "2011", until: "2016-06"}
          - {id: halle, name: Halle, commune: "26113", since: "2016-06"}
        governance:
          form_history:
            - {form: association, since: "2011", until: "2016-06"}
            - {form: scic, since: "2016-06"}
        """),
        {"jsonld": ["org:ChangeEvent", "schema:dissolutionDate", "urn:ptce:vocab:pole-form:scic", ":site:halle"],
         "gexf": ['for="ceased" value="2017-03"', 'for="successor" value="hub"'],
         "graphml": ["2017-03"], "geojson": ['"ceased": "2017-03"', '"successor": "hub"'],
         "csv": ["2017-03", "merged"], "members-csv": ["Date de cessation", "2017-03", "merged",
                                                       "gare: implanté au pôle 2011/2016-06"]}),
    "support": (pole_text(rest="""\
        support:
          - funder: {name: État, kind: state}
            to: hub
            call: ptce-2015
            amount: {value: 50000}
            since: "2016"
            outcome: laureate
        labels:
          - {kind: esus, holder: hub, since: "2016"}
        """),
        {"jsonld": ["schema:MonetaryGrant", "schema:Certification", "ptce-2015", '"50000.0"'],
         "gexf": ['for="supports" value="1"', 'for="labels" value="1"'],
         "geojson": ['"supports": 1', '"labels": [\n          "esus"'], "csv": ["supports", "labels"]}),
    "structure": (pole_text(
        hub="""\
        legal_person: true
        """,
        atelier="""\
        owners:
          - {actor: hub, share: 60}
          - {actor: ville, share: 40}
        operator: {actor: hub, contract: lease, duration: 12 ans}
        """,
        actors="""\
          - id: labo
            name: Labo
            category: research_centre
            part_of: hub
          - id: benevoles
            name: Bénévoles
            category: other
            collective: {count: 25, of: bénévoles}
        """),
        {"jsonld": ["org:unitOf", "org:hasSubOrganization", '"60.0"', "odrl:Agreement", "schema:numberOfItems"],
         "gexf": ['for="part_of" value="hub"', 'for="legal_person" value="true"', 'for="collective_count" value="25"'],
         "geojson": ['"share": 60', '"operator": "hub"'], "csv": ["part_of", "collective_count"],
         "members-csv": ["25 bénévoles", "Unité de"]}),
    "membership": (pole_text(rest="""\
        governance:
          form: scic
          colleges:
            - {name: Salariés, members_known: false, count: 8, weight: unknown}
            - {name: Fondateurs, members: [hub, atelier], members_known: true, weight: 60}
          associate_categories:
            - {name: Salariés, kind: employees, count: 8, capital_share: 15}
            - {name: Fondateurs, kind: other, members: [hub, atelier], capital_share: 85}
        """),
        {"members-csv": ["Fondateurs"], "gexf": ['for="colleges" value="Fondateurs"',
                                                 'for="associate_categories" value="Fondateurs"'],
         "graphml": [">Fondateurs<"], "csv": ["colleges", "associate_categories"], "jsonld": ['"ptce:membersKnown"'], "turtle": ["ptce:membersKnown false"]}),
    "territory": (pole_text().replace("""\
territory:
  name: Le Diois
  communes:
    - {code: "26113", name: Die}
""", """\
territory:
  name: CC du Diois
  epci: {siren: "242600534"}
  departements:
    - {code: "26", name: Drôme}
    - {code: "05", name: Hautes-Alpes}
  communes:
    - {name: Un hameau sans code}
  priority_areas:
    - {kind: ZRR, name: Commune de Die}
  population: {value: 11000, year: 2021, source: "INSEE, population légale 2021"}
"""), {"jsonld": ['"CC du Diois"'],
       "graphml": ['for="graph" attr.name="territory_population" attr.type="long"', ">11000<",
                   "INSEE, population légale 2021", "Commune de Die"],
       "gexf": ["ZRR Commune de Die", "2021 (source", "INSEE, population légale 2021)"],
       "json": ['"territory_population": 11000', '"kind": "ZRR"']}),
    "indicators": (pole_text(rest="""\
        indicators:
          - {name: Emplois, value: 40, unit: jobs, year: 2013, approximate: true, source: Fiche 2013}
          - {name: Emplois, value: 50, unit: jobs, year: 2015, source: Fiche 2015}
          - {name: Emplois ESS, value: 2392, unit: jobs, scope: territory, year: 2015, source: CRESS}
          - {name: Bois, min: 30, max: 35, unit: tonnes, year: 2023, source: Fiche}
          - {name: Chiffre d'affaires, at_least: 3000000, unit: EUR, scope: actor, actor: hub, source: Presse}
        """), {"jsonld": ['"ptce:approximate"'], "turtle": ["ptce:approximate true"]}),
    "ties": (pole_text(rest="""\
          - {id: filiere, actors: [ville, hub, atelier], kind: cooperation, chain: true}
          - id: groupement
            actors: [hub, atelier]
            kind: mutualisation
            participants_known: false
            participants: 6
            duration: 3 ans
        events:
          - {id: don, date: "2012-06", kind: gift, from: ville, to: atelier}
        """),
        {"jsonld": ["schema:DonateAction", '"ptce:membersKnown"', '"3 ans"'],
         "turtle": ["ptce:membersKnown false", 'dcterms:extent "3 ans"@fr',
                    'schema:numberOfItems "6"^^xsd:nonNegativeInteger'], "gexf": ['for="order" value="2"', 'for="event" value="don"',
                                                     'for="duration" value="3 ans"'],
         "graphml": ["3 ans", "gift"], "csv": ["gift", "3 ans"]}),
    "variants": (pole_text(rest="""\
        founded: "2011"
        variants:
          - field: founded
            values:
              - {value: "2011", source: statuts}
              - {value: "2010", source: presse}
            chosen: "2011"
        """).replace('format: ptce/1\n', 'format: ptce/1\n').replace("founded: \"2011\"\nvariants", "variants")
        .replace("name: Pôle d'essai\n", "name: Pôle d'essai\nfounded: \"2011\"\n"),
        {"jsonld": ["dcterms:hasVersion", '"presse"']}),
    "naf": (pole_text(hub="""\
        naf: 88.99B
        naf_2025: 88.99Y
        """), {"jsonld": ["urn:ptce:vocab:naf-rev2:88.99B", "urn:ptce:vocab:naf-2025:88.99Y"],
               "gexf": ['for="naf" value="88.99B"'], "geojson": ['"naf": "88.99B"'], "csv": ["88.99B"],
               "members-csv": ["88.99B", "88.99Y"]}),
}

NINE = ("time", "support", "structure", "membership", "territory", "indicators", "ties", "variants", "naf")


def test_there_are_nine_kinds():
    assert tuple(KINDS) == NINE


@pytest.fixture(scope="module", params=NINE)
def written(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param)
    path = folder / "pole.yaml"
    path.write_text(KINDS[request.param][0], encoding="utf-8")
    return request.param, path


def test_read_validated_and_written_back_unchanged(written, tmp_path):
    kind, path = written
    before = path.read_bytes()
    pole = load_pole(path)  # validates, with the reference geography
    edit_pole(path, lambda data: [])  # an edit that changes nothing keeps every byte and comment
    assert path.read_bytes() == before
    copy = save_pole(pole, tmp_path / "copy.yaml")
    again = load_pole(copy)
    assert again == pole
    assert save_pole(again, tmp_path / "again.yaml").read_bytes() == copy.read_bytes()


def _export_text(fmt, pole, out):
    written = get_exporter(fmt)(pole, out)
    if fmt == "csv":
        return "".join(p.read_text(encoding="utf-8-sig") for p in written)
    if fmt == "members-xlsx":
        from ptce_kit.io.spreadsheet import read_rows

        headers, rows, _ = read_rows(out)
        return json.dumps([headers, rows], ensure_ascii=False)
    return Path(out).read_text(encoding="utf-8-sig")


SUFFIX = {"graphml": ".graphml", "gexf": ".gexf", "json": ".json", "csv": ".csv", "geojson": ".geojson",
          "jsonld": ".jsonld", "turtle": ".ttl", "members-csv": ".csv", "members-xlsx": ".xlsx"}


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_every_export_holds_what_it_has_a_place_for(written, tmp_path, fmt):
    kind, path = written
    if fmt == "turtle":
        pytest.importorskip("rdflib")
    if fmt == "members-xlsx":
        pytest.importorskip("openpyxl")
    pole = load_pole(path)
    text = _export_text(fmt, pole, tmp_path / f"out{SUFFIX[fmt]}")
    assert "Pôle d'essai" in text or fmt.startswith(("members", "csv", "graphml", "gexf", "json"))
    for expected in KINDS[kind][1].get(fmt, []):
        assert expected in text, (kind, fmt, expected)
    assert "Camille Exemple" not in text  # personal data stays out of what is shared
