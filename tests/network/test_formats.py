"""Exports of the cooperation graph load back in the tools they are meant for."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import igraph as ig
import networkx as nx
import pytest
import xmlschema

from ptce_kit.errors import PoleError
from ptce_kit.model import Pole
from ptce_kit.network import formats, to_graph

GEXF_XSD = Path(__file__).resolve().parent / "data" / "gexf-1.3" / "gexf.xsd"
SECRET = "Jeanne Martin"


@pytest.fixture(scope="module")
def gexf_schema():
    return xmlschema.XMLSchema(str(GEXF_XSD))


@pytest.fixture
def dated_pole():
    return Pole.model_validate({
        "id": "demo", "name": "Démo & Cie", "pivot": "hub",
        "actors": [
            {"id": "hub", "name": "Hub <SCIC>", "category": "ess_enterprise", "roles": ["pivot", "founder"],
             "ess": True, "joined": "2012", "commune": "26281", "coordinates": {"lat": 45.04, "lon": 5.05},
             "contacts": [{"name": SECRET, "email": "jeanne@example.org"}]},
            {"id": "town", "name": "Ville", "category": "local_authority", "commune": "26057"},
            {"id": "lab", "name": "Labo", "category": "research_centre", "joined": "2015-03", "left": "2019"},
        ],
        "partnerships": [
            {"id": "lease", "actors": ["hub", "town", "lab"], "kind": "mutualisation", "resources": ["premises"],
             "since": "2015-03-01", "until": "2018"},
            {"id": "jobs", "actors": ["hub", "town"], "kind": "cooperation", "topic": "Emploi « local »",
             "weight": 2},
        ],
    })


def test_graphml_loads_back_in_networkx_and_igraph(dated_pole, pole_sud, tmp_path):
    for pole in (dated_pole, pole_sud):
        G = to_graph(pole)
        path = formats.write_graphml(pole, tmp_path / f"{pole.id}.graphml")
        back = nx.read_graphml(path, force_multigraph=True)
        assert list(back) == list(G)
        assert back.number_of_edges() == G.number_of_edges()
        assert sorted(d["partnership"] for *_, d in back.edges(data=True)) == sorted(k for *_, k in G.edges(keys=True))
        for n, d in G.nodes(data=True):
            assert back.nodes[n]["name"] == d["name"]
            assert back.nodes[n]["family"] == d["family"]
            assert back.nodes[n]["pivot"] is d["pivot"]
        g = ig.Graph.Read_GraphML(str(path))
        assert g.vcount() == G.number_of_nodes() and g.ecount() == G.number_of_edges()
        assert g.vs["id"] == list(G)
        assert sorted(g.es["kind"]) == sorted(d["kind"] for *_, d in G.edges(data=True))
        assert g.vs.find(id=pole.pivot)["pivot"] is True
    back = nx.read_graphml(tmp_path / "demo.graphml", force_multigraph=True)
    assert back.nodes["hub"]["roles"] == "pivot|founder"
    assert back.nodes["hub"]["lat"] == 45.04 and back.nodes["hub"]["ess"] is True
    assert back.edges["hub", "town", "jobs:hub:town"]["weight"] == 2.0
    assert back.edges["hub", "town", "jobs:hub:town"]["topic"] == "Emploi « local »"


def test_gexf_is_valid_1_3_and_loads_back_in_networkx(dated_pole, pole_sud, tmp_path, gexf_schema):
    for pole in (dated_pole, pole_sud):
        path = formats.write_gexf(pole, tmp_path / f"{pole.id}.gexf")
        gexf_schema.validate(str(path))
        G = to_graph(pole)
        back = nx.read_gexf(path, version="1.3")
        assert sorted(back) == sorted(G)
        assert back.number_of_edges() == G.number_of_edges()
        assert back.nodes[pole.pivot]["label"] == " ".join(pole.actor(pole.pivot).name.split())
        assert back.nodes[pole.pivot]["pivot"] is True
        assert sorted(d["partnership"] for *_, d in back.edges(data=True)) == sorted(k for *_, k in G.edges(keys=True))
    back = nx.read_gexf(tmp_path / "demo.gexf", version="1.3")
    # the dates became a timeline, a partial date spanning its whole year or month
    assert back.nodes["hub"]["start"] == "2012-01-01" and "end" not in back.nodes["hub"]
    assert (back.nodes["lab"]["start"], back.nodes["lab"]["end"]) == ("2015-03-01", "2019-12-31")
    lease = [d for *_, d in back.edges(data=True) if d["partnership"] == "lease"][0]
    assert (lease["start"], lease["end"]) == ("2015-03-01", "2018-12-31")
    text = (tmp_path / "demo.gexf").read_text(encoding="utf-8")
    assert 'kind="mutualisation"' in text and "Hub &lt;SCIC&gt;" in text
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="http://gexf.net/1.3"')


def test_gexf_of_a_directed_graph_is_valid(dated_pole, tmp_path, gexf_schema):
    path = formats.write_gexf(dated_pole, tmp_path / "d.gexf", directed=True)
    gexf_schema.validate(str(path))
    assert nx.read_gexf(path, version="1.3").is_directed()


def test_node_link_json_loads_back(dated_pole, tmp_path):
    path = formats.write_node_link(dated_pole, tmp_path / "demo.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    back = nx.node_link_graph(data, edges="links")
    G = formats.graph_of(dated_pole)
    assert nx.utils.graphs_equal(back, G)  # every attribute, lists and nulls included
    assert back.graph["pivot"] == "hub"


def test_csv_tables_for_excel(dated_pole, tmp_path):
    nodes_path, edges_path = formats.write_csv(dated_pole, tmp_path / "demo.csv", sep=";")
    assert (nodes_path.name, edges_path.name) == ("demo.nodes.csv", "demo.edges.csv")
    raw = nodes_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read accents
    with nodes_path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    assert [r["id"] for r in rows] == ["hub", "town", "lab"]
    assert rows[0]["name"] == "Hub <SCIC>" and rows[0]["roles"] == "pivot|founder" and rows[0]["pivot"] == "true"
    assert rows[1]["ess"] == ""
    with edges_path.open(encoding="utf-8-sig", newline="") as f:
        edges = list(csv.DictReader(f, delimiter=";"))
    assert len(edges) == 4
    assert list(edges[0])[:4] == ["source", "target", "partnership", "kind"]
    jobs = [e for e in edges if e["partnership"] == "jobs"][0]
    assert jobs["weight"] == "2,0" and jobs["topic"] == "Emploi « local »"  # French decimals with ';'
    # a folder works too; with commas between cells, decimals keep their point
    folder = tmp_path / "tables"
    n2, e2 = formats.write_csv(dated_pole, folder, sep=",")
    assert (n2, e2) == (folder / "nodes.csv", folder / "edges.csv")
    assert n2.read_text(encoding="utf-8-sig").splitlines()[0].startswith("id,name,category")
    with e2.open(encoding="utf-8-sig", newline="") as f:
        assert [e["weight"] for e in csv.DictReader(f) if e["partnership"] == "jobs"] == ["2.0"]


def test_csv_tables_follow_the_poles_language_by_default(dated_pole, tmp_path):
    nodes, edges = formats.write_csv(dated_pole, tmp_path / "fr.csv")  # a French pole (the default)
    assert nodes.read_bytes().startswith("\ufeffid;name;category".encode())
    assert "jobs;cooperation;Emploi « local »;;;;2,0;" in edges.read_text(encoding="utf-8-sig")
    english = Pole.model_validate({**dated_pole.model_dump(exclude_none=True), "language": "en"})
    nodes, edges = formats.write_csv(english, tmp_path / "en.csv")
    assert nodes.read_bytes().startswith("\ufeffid,name,category".encode())
    assert ",2.0," in edges.read_text(encoding="utf-8-sig")


def test_dataframes(dated_pole):
    nodes, edges = formats.to_dataframes(dated_pole)
    assert list(nodes.index) == ["hub", "town", "lab"]
    assert nodes.loc["hub", "family"] == "enterprises" and nodes.loc["hub", "roles"] == ["pivot", "founder"]
    assert len(edges) == 4 and set(edges["partnership"]) == {"lease", "jobs"}
    assert "contacts" not in nodes.columns


def test_personal_data_only_when_asked(dated_pole, tmp_path):
    writers = {"graphml": formats.write_graphml, "gexf": formats.write_gexf, "json": formats.write_node_link}
    for name, write in writers.items():
        shared = write(dated_pole, tmp_path / f"shared.{name}").read_text(encoding="utf-8")
        assert SECRET not in shared and "jeanne@example.org" not in shared
        full = write(dated_pole, tmp_path / f"full.{name}", include_personal_data=True).read_text(encoding="utf-8")
        assert SECRET in full
    nodes, _ = formats.write_csv(dated_pole, tmp_path / "shared.csv")
    assert SECRET not in nodes.read_text(encoding="utf-8-sig")
    # a graph built with contacts still loses them in a shared export
    G = to_graph(dated_pole, include_personal_data=True)
    assert SECRET not in formats.gexf_bytes(formats.graph_of(G)).decode()


def test_exports_are_deterministic(pole_sud, tmp_path):
    for name, write in (("graphml", formats.write_graphml), ("gexf", formats.write_gexf),
                        ("json", formats.write_node_link)):
        a = write(pole_sud, tmp_path / f"a.{name}").read_bytes()
        b = write(pole_sud, tmp_path / f"b.{name}").read_bytes()
        assert a == b


def test_at_a_date(dated_pole, tmp_path):
    path = formats.write_node_link(dated_pole, tmp_path / "2013.json", at="2013")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [n["id"] for n in data["nodes"]] == ["hub", "town"]
    assert data["graph"]["at"] == "2013"


def test_missing_folder_is_a_clear_error(dated_pole, tmp_path):
    with pytest.raises(PoleError, match="does not exist"):
        formats.write_gexf(dated_pole, tmp_path / "nope" / "x.gexf")
    (tmp_path / "file").write_text("x")
    with pytest.raises(PoleError, match="it is a file, not a folder"):
        formats.write_csv(dated_pole, tmp_path / "file")


@pytest.mark.parametrize("fmt,name", [("graphml", "p.graphml"), ("gexf", "p.gexf"), ("json", "p.json"),
                                      ("csv", "p.csv")])
def test_cli_export(ptce, pole_sud_path, tmp_path, fmt, name, gexf_schema):
    done = ptce("export", pole_sud_path, "--to", fmt, "-o", tmp_path / name)
    assert done.returncode == 0, done.stderr
    if fmt == "graphml":
        assert ig.Graph.Read_GraphML(str(tmp_path / name)).vcount() == 17
    elif fmt == "gexf":
        gexf_schema.validate(str(tmp_path / name))
    elif fmt == "json":
        assert len(json.loads((tmp_path / name).read_text(encoding="utf-8"))["links"]) == 32
    else:
        assert (tmp_path / "p.edges.csv").read_text(encoding="utf-8-sig").count("\n") == 33


def test_cli_export_at_and_sep(ptce, pole_sud_path, tmp_path):
    done = ptce("export", pole_sud_path, "--to", "csv", "--sep", ";", "--at", "2014", "-o", tmp_path / "t")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "t" / "nodes.csv").read_text(encoding="utf-8-sig").startswith("id;name;")
    assert f"wrote {tmp_path / 't' / 'nodes.csv'}, {tmp_path / 't' / 'edges.csv'} (" in done.stderr
    bad = ptce("export", pole_sud_path, "--to", "gexf", "--at", "2014-13", "-o", tmp_path / "x.gexf")
    assert bad.returncode == 1 and "not a real date" in bad.stderr and "Traceback" not in bad.stderr
    missing = ptce("export", pole_sud_path, "--to", "gexf", "-o", tmp_path / "no" / "x.gexf")
    assert missing.returncode == 1 and "does not exist" in missing.stderr


def test_cli_export_leaves_contacts_out_unless_asked(ptce, dated_pole, tmp_path):
    from ptce_kit.io import save_pole

    source = save_pole(dated_pole, tmp_path / "pole.yaml")
    for fmt in ("graphml", "gexf", "json"):
        shared = tmp_path / f"shared.{fmt}"
        assert ptce("export", source, "--to", fmt, "-o", shared).returncode == 0
        assert SECRET not in shared.read_text(encoding="utf-8")
        full = tmp_path / f"full.{fmt}"
        done = ptce("export", source, "--to", fmt, "-o", full, "--include-personal-data")
        assert done.returncode == 0 and SECRET in full.read_text(encoding="utf-8")


@pytest.mark.parametrize("sep", [",", ";"])
def test_csv_tables_keep_formulas_out_and_numbers_in(sep):
    from ptce_kit.model import Pole

    pole = Pole(id="p", name="P", actors=[
        {"id": "a", "name": '=HYPERLINK("http://x","y")', "category": "enterprise",
         "coordinates": {"lat": 45.05, "lon": -1.5}},
        {"id": "b", "name": "+33 4 00", "category": "enterprise"}],
        partnerships=[{"id": "t", "actors": ["a", "b"], "kind": "cooperation", "topic": "@cmd", "weight": 2.5}])
    nodes, edges = formats.csv_tables(formats.graph_of(pole), sep=sep)
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(nodes), delimiter=sep)}
    assert rows["a"]["name"] == '\'=HYPERLINK("http://x","y")' and rows["b"]["name"] == "'+33 4 00"
    decimal = "," if sep == ";" else "."
    assert rows["a"]["lon"] == f"-1{decimal}5"  # a number keeps its sign: it is not text
    edge = next(csv.DictReader(io.StringIO(edges), delimiter=sep))
    assert edge["topic"] == "'@cmd" and edge["weight"] == f"2{decimal}5"


def test_graphml_edge_ids_are_unique_and_stable(pole_sud, tmp_path):
    # Pôle Sud's 32 ties come from partnerships of up to six actors: the partnership id
    # alone repeated (11 distinct ids for 32 edges) and yEd showed no edges at all.
    path = formats.write_graphml(pole_sud, tmp_path / "sud.graphml")
    G = to_graph(pole_sud)
    expected = sorted(f"{d['partnership']}:{u}:{v}" for u, v, d in G.edges(data=True))
    assert len(set(expected)) == 32
    back = nx.read_graphml(path, force_multigraph=True)
    assert sorted(k for *_, k in back.edges(keys=True)) == expected
    # python-igraph 1.0 reads the XML edge ids into es["id"] wrongly (vertex ids), so the
    # test reads igraph's edges and attributes: each gives back one id of the file
    g = ig.Graph.Read_GraphML(str(path))
    assert g.ecount() == 32
    names = g.vs["id"]
    assert sorted(f"{e['partnership']}:{names[e.source]}:{names[e.target]}" for e in g.es) == expected
    assert path.read_bytes() == formats.write_graphml(pole_sud, tmp_path / "again.graphml").read_bytes()


def test_repeated_edge_ids_are_numbered():
    G = nx.MultiGraph()
    G.add_edge("a", "b", partnership="t")
    G.add_edge("a", "b", partnership="t")  # a graph built by hand may repeat a tie
    text = formats.graphml_bytes(G).decode()
    assert 'id="t:a:b"' in text and 'id="t:a:b#2"' in text
    assert nx.read_graphml(io.BytesIO(text.encode()), force_multigraph=True).number_of_edges() == 2


@pytest.mark.parametrize("write", [formats.write_graphml, formats.write_gexf, formats.write_node_link,
                                   formats.write_csv])
def test_writers_refuse_misspelt_keywords(dated_pole, tmp_path, write):
    # write_graphml(..., derected=True, att="2014") wrote an undirected graph of the whole history
    with pytest.raises(TypeError, match="derected"):
        write(dated_pole, tmp_path / "x.out", derected=True)
    with pytest.raises(TypeError, match="att"):
        write(dated_pole, tmp_path / "x.out", att="2014")
    assert not list(tmp_path.iterdir())
    with pytest.raises(TypeError, match="sepp"):
        formats.to_dataframes(dated_pole, sepp=";")
    with pytest.raises(TypeError, match="att"):
        formats.graph_of(dated_pole, att="2014")


def test_writers_keywords_do_what_they_say(dated_pole, tmp_path):
    path = formats.write_graphml(dated_pole, tmp_path / "d.graphml", directed=True, at="2013")
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.is_directed() and sorted(back) == ["hub", "town"]


def gexf_nodes(path):
    import xml.etree.ElementTree as ET

    ns = {"g": formats.GEXF_NS}
    out = {}
    for node in ET.parse(path).getroot().iterfind(".//g:nodes/g:node", ns):
        colour, size, position = (node.find(f"g:{tag}", ns) for tag in ("color", "size", "position"))
        out[node.get("id")] = {
            "colour": None if colour is None else "#%02X%02X%02X" % tuple(int(colour.get(c)) for c in "rgb"),
            "size": None if size is None else float(size.get("value")),
            "position": None if position is None else (float(position.get("x")), float(position.get("y"))),
        }
    return out


def test_gexf_carries_the_static_maps_colours_sizes_and_layout(pole_sud, tmp_path, gexf_schema):
    from ptce_kit.network.measures import actor_measure
    from ptce_kit.render.layouts import layout_positions
    from ptce_kit.model import FAMILY_COLOURS

    G = to_graph(pole_sud)
    positions = layout_positions(G, "spring", pole=pole_sud, seed=42)
    path = formats.write_gexf(pole_sud, tmp_path / "sud.gexf", colours=FAMILY_COLOURS, size_by="degree",
                              positions=positions)
    gexf_schema.validate(str(path))
    viz = gexf_nodes(path)
    degree = actor_measure(G, "degree")
    for v, d in G.nodes(data=True):
        assert viz[v]["colour"] == FAMILY_COLOURS[d["family"]].upper()
        x, y = positions[v]
        assert viz[v]["position"] == pytest.approx((x * formats.GEXF_SPREAD, y * formats.GEXF_SPREAD), abs=1e-6)
    # sizes follow the degree on the map's square-root curve: Archer (16 partners) the largest
    assert viz["groupe-archer"]["size"] == formats.GEXF_SIZE_MIN + formats.GEXF_SIZE_SPAN
    for v in G:
        expected = formats.GEXF_SIZE_MIN + formats.GEXF_SIZE_SPAN * (degree[v] / 16) ** 0.5
        assert viz[v]["size"] == pytest.approx(expected, abs=1e-6)
    assert len({viz[v]["position"] for v in G}) == 17
    assert path.read_bytes() == formats.write_gexf(pole_sud, tmp_path / "b.gexf", colours=FAMILY_COLOURS,
                                                   size_by="degree", positions=positions).read_bytes()


def test_gexf_without_look_has_no_viz_and_bad_colours_are_refused(dated_pole):
    text = formats.gexf_bytes(to_graph(dated_pole)).decode()
    assert "<color" not in text and "<size" not in text and "<position" not in text
    with pytest.raises(ValueError, match="#RRGGBB"):
        formats.gexf_bytes(to_graph(dated_pole), colours={"enterprises": "blue"})
    with pytest.raises(ValueError, match="0 or more"):
        formats.gexf_bytes(to_graph(dated_pole), sizes={"hub": -1.0})


def test_cli_gexf_has_the_maps_look(ptce, pole_sud, pole_sud_path, tmp_path, gexf_schema):
    from ptce_kit.render.layouts import layout_positions
    from ptce_kit.model import FAMILY_COLOURS

    out = tmp_path / "sud.gexf"
    done = ptce("export", pole_sud_path, "--to", "gexf", "-o", out)
    assert done.returncode == 0, done.stderr
    gexf_schema.validate(str(out))
    viz = gexf_nodes(out)
    G = to_graph(pole_sud)
    positions = layout_positions(G, "spring", pole=pole_sud, seed=42)
    for v, d in G.nodes(data=True):
        assert viz[v]["colour"] == FAMILY_COLOURS[d["family"]].upper()
        assert viz[v]["position"] == pytest.approx(tuple(c * formats.GEXF_SPREAD for c in positions[v]), abs=1e-6)
    assert max(viz, key=lambda v: viz[v]["size"]) == "groupe-archer"
    site = tmp_path / "site.gexf"
    done = ptce("export", pole_sud_path, "--to", "gexf", "--layout", "site", "--size-by", "none", "-o", site)
    assert done.returncode == 0, done.stderr
    gexf_schema.validate(str(site))
    viz = gexf_nodes(site)
    assert viz["groupe-archer"]["position"] == (0.0, 0.0) and viz["groupe-archer"]["size"] is None
    wrong = ptce("export", pole_sud_path, "--to", "csv", "--layout", "geo", "-o", tmp_path / "t")
    assert wrong.returncode == 2 and "--to gexf" in wrong.stderr and "Traceback" not in wrong.stderr


def test_cli_gexf_of_a_large_pole_leaves_the_layout_to_gephi(ptce, tmp_path, gexf_schema, monkeypatch):
    from ptce_kit.cli import export
    from ptce_kit.io import save_pole
    from ptce_kit.synth import synthetic_pole

    pole = synthetic_pole(60, seed=2)
    source = save_pole(pole, tmp_path / "pole.yaml")
    actors = len(to_graph(pole))  # those of the graph: prospective actors stay out
    assert actors > 50
    # the threshold is a module constant: run in-process with a low one
    monkeypatch.setattr(export, "GEXF_LAYOUT_MAX_ACTORS", 50)
    from click.testing import CliRunner

    from ptce_kit.cli import cli

    done = CliRunner().invoke(cli, ["export", str(source), "--to", "gexf", "-o", str(tmp_path / "big.gexf")])
    assert done.exit_code == 0, done.output
    assert f"no positions for {actors} actors" in done.output
    viz = gexf_nodes(tmp_path / "big.gexf")
    assert all(v["position"] is None and v["colour"] and v["size"] for v in viz.values())
    gexf_schema.validate(str(tmp_path / "big.gexf"))
    asked = CliRunner().invoke(cli, ["export", str(source), "--to", "gexf", "--layout", "spring",
                                     "-o", str(tmp_path / "laid.gexf")])
    assert asked.exit_code == 0, asked.output
    assert all(v["position"] is not None for v in gexf_nodes(tmp_path / "laid.gexf").values())


def test_support_counts_are_blank_unless_the_data_says(dated_pole):
    G = formats.graph_of(dated_pole)  # no support listed, and the list is not said complete: unknown
    assert "supports" not in G.nodes["hub"] and "labels" not in G.nodes["hub"]
    data = dated_pole.model_dump(mode="json", exclude_none=True)
    complete = Pole.model_validate({**data, "support_complete": True,
                                    "support": [{"funder": "town", "to": "hub", "outcome": "laureate"}]})
    G = formats.graph_of(complete)
    assert (G.nodes["hub"]["supports"], G.nodes["lab"]["supports"]) == (1, 0)
    from ptce_kit.io.geojson import to_geojson

    assert [f["properties"]["supports"] for f in to_geojson(dated_pole)["features"]] == [None]
    assert [f["properties"]["supports"] for f in to_geojson(complete)["features"]] == [1]
