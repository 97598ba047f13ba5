"""The streamed GraphML and GEXF writers give the bytes of the former in-memory writers.

The former writers are kept verbatim in ``tests/network/legacy_xml.py``; every export
here is compared with theirs byte for byte: Pôle Sud, synthetic poles through ``ptce
export`` (personal data stripped, and kept), graphs of every networkx class, and strings
that need escaping or that XML cannot hold.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import networkx as nx
import pytest
import xmlschema
from hypothesis import given, settings
from hypothesis import strategies as st

from ptce_kit.io import load_pole
from ptce_kit.io.files import _plain
from ptce_kit.model import FAMILY_COLOURS
from ptce_kit.network import formats, xml_writers
from ptce_kit.privacy import strip_personal
from ptce_kit.synth import synthetic_pole
from tests.network import legacy_xml

GEXF_XSD = Path(__file__).resolve().parent / "data" / "gexf-1.3" / "gexf.xsd"


@pytest.fixture(scope="module")
def gexf_schema():
    return xmlschema.XMLSchema(str(GEXF_XSD))


def _tricky_graph() -> nx.MultiGraph:
    G = nx.MultiGraph(name="Démo & <Cie> \"quoted\"", at="2020", id="pole-x", empty="", nothing=None)
    G.add_node("a", name="A & \"B\" <c>\n\ttab\r end", roles=["pivot", "founder"], n=3, f=1.5, ok=True,
               contacts=[{"name": "Jeanne Martin", "email": "j@example.org"}], joined="2012-03", family="enterprises",
               uni="日本 \u2028 \U0001F600 ’", big=10**30, neg=-0.0, nan=float("nan"), mixed=1)
    G.add_node("b", name="B", left="2019", mixed="one", ok=False, family="public")
    G.add_node("c", siret=None)
    G.add_node(3)
    G.add_edge("a", "b", key="lease", partnership="lease", kind="mutualisation", weight=1.0, since="2012",
               resources=["premises", "staff"])
    G.add_edge("a", "b", key="lease-2", partnership="lease", kind="cooperation", weight=2, until="2018-06")
    G.add_edge("b", "a", key="chain", partnership="chain", arrow=True, order=1, **{"from": "b", "to": "a"})
    G.add_edge("c", "c")
    G.add_edge("c", 3, key="x&y", partnership=None, topic="a\"b")
    return G


@pytest.mark.parametrize("kind", [nx.MultiGraph, nx.Graph, nx.MultiDiGraph, nx.DiGraph])
def test_graphml_and_gexf_bytes_equal_the_former_writers_on_every_graph_class(kind):
    G = kind(_tricky_graph())
    assert formats.graphml_bytes(G) == legacy_xml.graphml_bytes(G)
    look = {"colours": {"enterprises": "#112233", "public": "#a0B0c0"}, "sizes": {"a": 3.5, "b": 0, 3: 1e-12},
            "positions": {"a": (0.1, -0.2), "c": (1.0, 1.0)}}
    for options in ({}, look, {"description": "Ma <description> & moi"}):
        assert formats.gexf_bytes(G, **options) == legacy_xml.gexf_bytes(G, **options)


def test_empty_graphs_give_the_former_bytes():
    for G in (nx.MultiGraph(), nx.Graph(), nx.MultiDiGraph(name="vide")):
        assert formats.graphml_bytes(G) == legacy_xml.graphml_bytes(G)
        assert formats.gexf_bytes(G) == legacy_xml.gexf_bytes(G)


@pytest.mark.parametrize("personal", [False, True])
def test_pole_sud_files_equal_the_former_writers(pole_sud, tmp_path, personal):
    pole = pole_sud if personal else strip_personal(pole_sud)
    G = formats.graph_of(pole, include_personal_data=personal)
    path = formats.write_graphml(pole, tmp_path / "sud.graphml", include_personal_data=personal)
    assert path.read_bytes() == legacy_xml.graphml_bytes(G)
    for at, directed in (("2016", False), (None, True)):
        dated = formats.graph_of(pole, include_personal_data=personal, at=at, directed=directed)
        path = formats.write_graphml(pole, tmp_path / "d.graphml", include_personal_data=personal, at=at,
                                     directed=directed)
        assert path.read_bytes() == legacy_xml.graphml_bytes(dated)
        path = formats.write_gexf(pole, tmp_path / "d.gexf", include_personal_data=personal, at=at, directed=directed)
        assert path.read_bytes() == legacy_xml.gexf_bytes(dated)
    from ptce_kit.render.layouts import layout_positions

    positions = layout_positions(G, "spring", pole=pole)
    path = formats.write_gexf(pole, tmp_path / "sud.gexf", include_personal_data=personal, colours=FAMILY_COLOURS,
                              size_by="betweenness", positions=positions)
    assert path.read_bytes() == legacy_xml.gexf_bytes(G, colours=FAMILY_COLOURS, positions=positions,
                                                      sizes=formats.gexf_sizes(G, "betweenness"))


@pytest.mark.parametrize("personal", [False, True])
@pytest.mark.parametrize("shape", ["pole", "network"])
def test_ptce_export_of_a_synthetic_pole_equals_the_former_writers(ptce, tmp_path, personal, shape, gexf_schema):
    pole = synthetic_pole(250, seed=7, ties_per_actor=4 if shape == "network" else None)
    source = tmp_path / "pole.json"
    source.write_text(json.dumps(_plain(pole), ensure_ascii=False), encoding="utf-8")
    pole = load_pole(source)
    if not personal:
        # Stripping changes something: the persons' names are not in the shared files.
        persons = [a.name for a in pole.actors if a.category.value == "person"]
        assert persons
    extra = ["--include-personal-data"] if personal else []
    for fmt in ("graphml", "gexf"):
        out = tmp_path / f"p.{fmt}"
        done = ptce("export", source, "--to", fmt, "-o", out, "--force", *extra,
                    *(["--layout", "none"] if fmt == "gexf" else []))
        assert done.returncode == 0, done.stderr
        G = formats.graph_of(pole if personal else strip_personal(pole), include_personal_data=personal)
        if fmt == "graphml":
            expected = legacy_xml.graphml_bytes(G)
        else:
            expected = legacy_xml.gexf_bytes(G, colours=FAMILY_COLOURS, sizes=formats.gexf_sizes(G, "degree"))
            gexf_schema.validate(str(out))
        assert out.read_bytes() == expected
        if not personal:
            assert not any(name.encode() in expected for name in persons)


# Quotes, markup, entities, whitespace that attributes escape, non-ASCII, and characters
# XML 1.0 cannot hold (control characters, U+FFFE).
TRICKY = st.text(st.sampled_from(list("ab \"'<>&;#\t\n\r\x01\x0b\x1f\x7f\x85éœ日\u2028\ufffe\U0001F600]")),
                 max_size=12)


@settings(max_examples=150, deadline=None)
@given(name=TRICKY, node=TRICKY, value=TRICKY, tie=TRICKY, title=st.sampled_from(["topic", "note", "x<y", "a&b"]))
def test_tricky_strings_give_the_former_bytes_or_the_same_refusal(name, node, value, tie, title):
    G = nx.MultiGraph(name=name)
    G.add_node(node or "n", name=name, **{title: value})
    G.add_node("other", name=value)
    G.add_edge(node or "n", "other", key=tie, partnership=tie, kind=value, **{title: name})
    for new, old in ((formats.graphml_bytes, legacy_xml.graphml_bytes),
                     (formats.gexf_bytes, legacy_xml.gexf_bytes)):
        try:
            expected = old(G)
        except ValueError as error:  # lxml refuses control characters; UTF-8, lone surrogates
            with pytest.raises(type(error)):
                new(G)
        else:
            assert new(G) == expected


def test_a_string_xml_cannot_hold_is_refused_and_leaves_the_old_file(tmp_path):
    path = tmp_path / "g.graphml"
    path.write_bytes(b"old")
    G = nx.MultiGraph()
    G.add_node("a", name="bell\x07")
    with pytest.raises(ValueError, match="XML compatible"):
        formats.write_graphml(G, path)
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.graphml"]


def test_a_failure_in_the_middle_of_a_gexf_leaves_the_old_file_and_no_temporary_one(tmp_path, monkeypatch):
    path = tmp_path / "g.gexf"
    path.write_bytes(b"old")
    G = nx.MultiGraph()
    G.add_nodes_from(range(20_000))
    monkeypatch.setattr(xml_writers, "_CHUNK", 10)  # pieces reach the file before the failure
    seen = []
    real = xml_writers._Out.flush

    def flush(self):
        seen.append(len(self.pieces))
        real(self)

    monkeypatch.setattr(xml_writers._Out, "flush", flush)
    with pytest.raises(ValueError, match="must be 0 or more"):
        _write_gexf_with_sizes(G, path, {**{v: 1.0 for v in range(19_999)}, 19_999: -1.0})
    assert len(seen) > 100
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.gexf"]


def _write_gexf_with_sizes(G, path, sizes):
    from ptce_kit.files import atomic_writer

    with atomic_writer(path) as out:
        xml_writers.write_gexf_to(G, out, description="x", sizes=sizes)


def test_the_streamed_file_keeps_the_mode_of_the_one_it_replaces(tmp_path):
    path = tmp_path / "g.graphml"
    path.write_bytes(b"old")
    os.chmod(path, 0o600)
    formats.write_graphml(nx.path_graph(3), path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert nx.read_graphml(path).number_of_edges() == 2


# --- the territory's facts, at the graph's level (issue 16) ---------------------------

COTEAUX = Path(__file__).resolve().parents[2] / "examples" / "coteaux_fictif" / "pole.yaml"
TERRITORY_KEYS = ("territory", "territory_population", "territory_population_year", "territory_population_source",
                  "priority_areas")


def _with_areas():
    """The fictitious example, with a QPV beside its FRR and a territory name XML must escape."""
    from ptce_kit.model import Pole

    data = load_pole(COTEAUX).model_dump(mode="json", by_alias=True, exclude_none=True)
    data["territory"]["name"] = "Diois & <Vercors>"
    data["territory"]["priority_areas"].append({"kind": "QPV", "code": "QN02612M", "name": "La Monnaie"})
    return strip_personal(Pole.model_validate(data))


def test_graphml_carries_the_territorys_population_and_priority_areas_as_graph_data(tmp_path):
    pole = _with_areas()
    G = formats.graph_of(pole)
    assert set(TERRITORY_KEYS) <= set(G.graph)
    path = formats.write_graphml(pole, tmp_path / "c.graphml")
    # The streamed writer equals the former one, graph data included (networkx wrote G.graph too).
    assert path.read_bytes() == legacy_xml.graphml_bytes(G)
    text = path.read_text(encoding="utf-8")
    for key in TERRITORY_KEYS:
        assert f'for="graph" attr.name="{key}"' in text, key
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.graph["territory"] == "Diois & <Vercors>"
    assert (back.graph["territory_population"], back.graph["territory_population_year"]) == (11000, 2021)
    assert back.graph["territory_population_source"] == "Chiffre fictif, pour l'exemple."
    assert json.loads(back.graph["priority_areas"]) == [
        {"code": None, "kind": "FRR", "name": "Diois (zonage fictif)"},
        {"code": "QN02612M", "kind": "QPV", "name": "La Monnaie"}]
    # Without the facts, the graph data is what it was before them.
    bare = G.copy()
    for key in TERRITORY_KEYS:
        del bare.graph[key]
    assert "territory" not in formats.graphml_bytes(bare).decode()
    assert formats.graphml_bytes(bare) == legacy_xml.graphml_bytes(bare)


@pytest.mark.parametrize("lang,population", [("en", "11,000"), ("fr", "11\u202f000")])
def test_gexf_says_the_territorys_facts_in_its_description_and_nothing_else_changes(tmp_path, gexf_schema, lang,
                                                                                     population):
    from ptce_kit.i18n import use_language

    pole = _with_areas()
    G = formats.graph_of(pole)
    with use_language(lang):
        path = formats.write_gexf(pole, tmp_path / "c.gexf")
        description = formats.gexf_description(G)
        former = legacy_xml.gexf_bytes(G).decode()
        look = {"colours": FAMILY_COLOURS, "sizes": formats.gexf_sizes(G, "degree")}
        styled = formats.gexf_bytes(G, **look)
        assert styled == legacy_xml.gexf_bytes(G, description=description, **look)
    gexf_schema.validate(str(path))
    # The same bytes as the former writer given the same description...
    assert path.read_bytes() == legacy_xml.gexf_bytes(G, description=description)
    # ...which is the only line that differs from the former file.
    new_lines, old_lines = path.read_text(encoding="utf-8").splitlines(), former.splitlines()
    assert len(new_lines) == len(old_lines)
    changed = [(old, new) for old, new in zip(old_lines, new_lines, strict=True) if old != new]
    assert len(changed) == 1 and changed[0][0].strip().startswith("<description>")
    assert f"{population} " in description and "2021" in description
    assert "Diois &amp; &lt;Vercors&gt;" in changed[0][1]
    assert "FRR Diois (zonage fictif); QPV QN02612M La Monnaie" in description
    assert "(source: Chiffre fictif, pour l'exemple)." in description or "(source : Chiffre fictif, pour l'exemple)." in description
    back = nx.read_gexf(path, version="1.3")
    assert back.number_of_nodes() == G.number_of_nodes()


def test_a_pole_without_population_or_areas_keeps_the_former_description(pole_sud, tmp_path):
    G = formats.graph_of(strip_personal(pole_sud))
    assert "territory_population" not in G.graph and "priority_areas" not in G.graph
    assert formats.gexf_description(G) == "Pôle Sud: cooperation graph"
    path = formats.write_gexf(strip_personal(pole_sud), tmp_path / "s.gexf")
    assert path.read_bytes() == legacy_xml.gexf_bytes(G)
