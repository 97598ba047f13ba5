"""The GraphML and GEXF writers as they were before streaming (issue 23): the reference.

A verbatim copy of ``graphml_bytes``, ``gexf_bytes`` and their helpers from
``ptce_kit/network/formats.py`` at commit 89e58bb, which built the whole document in
memory (networkx's lxml writer and a regex pass for GraphML, an ElementTree for GEXF).
The streamed writers of :mod:`ptce_kit.network.xml_writers` must give the same bytes.
Do not edit: it is what the tests compare against.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from ptce_kit.i18n import Message
from ptce_kit.model import earliest, latest

LIST_SEP = "|"
GEXF_NS = "http://gexf.net/1.3"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
GEXF_SPREAD = 1000.0


def edge_id(tie: Any, u: Any, v: Any) -> str:
    return f"{tie}:{u}:{v}" if tie is not None else f"{u}:{v}"


def _flat(value: Any) -> Any:
    """A value the flat formats can hold: lists joined, contacts as JSON, ``None`` kept."""
    if isinstance(value, (list, tuple)):
        if any(isinstance(v, dict) for v in value):
            return json.dumps(value, ensure_ascii=False, sort_keys=True)
        return LIST_SEP.join(map(str, value))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def _flat_attrs(data: dict[str, Any]) -> dict[str, Any]:
    return {k: _flat(v) for k, v in data.items() if v is not None}


def _edge_ids(edges: Iterable[tuple[Any, Any, Any, dict[str, Any]]]) -> list[str]:
    """One id per edge (see :func:`edge_id`), numbered ``#2``, ``#3``… where two would repeat."""
    seen: dict[str, int] = {}
    ids = []
    for u, v, key, d in edges:
        base = edge_id(d.get("partnership", key), u, v)
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}#{seen[base]}")
    return ids


def _flat_graph(G: nx.Graph) -> nx.Graph:
    """A copy with flat attribute values and without missing ones (GraphML has no null).

    A multigraph's edges are keyed by :func:`edge_id`, so that GraphML's edge ids are unique.
    """
    F = G.__class__()
    F.graph.update(_flat_attrs(G.graph))
    F.add_nodes_from((n, _flat_attrs(d)) for n, d in G.nodes(data=True))
    if G.is_multigraph():
        edges = list(G.edges(keys=True, data=True))
        F.add_edges_from((u, v, i, _flat_attrs(d)) for (u, v, _, d), i in zip(edges, _edge_ids(edges)))
    else:
        F.add_edges_from((u, v, _flat_attrs(d)) for u, v, d in G.edges(data=True))
    return F


def graphml_bytes(G: nx.Graph) -> bytes:
    """The GraphML text of a graph (UTF-8), as networkx writes it, with flat attributes.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiGraph()
    >>> G.add_node("a", name="A", roles=["pivot", "founder"], siret=None)
    >>> G.add_edge("a", "b", key="lease", partnership="lease", kind="mutualisation")
    'lease'
    >>> text = graphml_bytes(G).decode()
    >>> '<data key="d0">A</data>' in text, 'pivot|founder' in text, '<edge source="a" target="b" id="lease:a:b">' in text
    (True, True, True)
    """


    buffer = io.BytesIO()
    F = _flat_graph(G)
    nx.write_graphml(F, buffer, encoding="utf-8", prettyprint=True)
    text = buffer.getvalue()
    if not F.is_directed() and F.is_multigraph():
        # One-way edges (a supply chain's links, events) of an undirected graph go from
        # their ``from`` to their ``to`` (networkx does not keep the order) and carry
        # ``arrow``; GraphML's per-edge directed="true" would make networkx refuse the file.
        # Edge ids are slugs joined by ':' (nothing to escape).
        import re

        for _, _, eid, d in F.edges(keys=True, data=True):
            if d.get("arrow") and "from" in d and "to" in d:
                tag = re.compile(rb'<edge source="[^"]*" target="[^"]*" id="' + re.escape(eid.encode()) + rb'">')
                right = f'<edge source="{d["from"]}" target="{d["to"]}" id="{eid}">'.encode()
                text = tag.sub(lambda _: right, text, count=1)
    return text


def _gexf_type(values: Iterable[Any]) -> str:
    kinds = {type(v) for v in values if v is not None}
    if kinds == {bool}:
        return "boolean"
    if kinds and kinds <= {int, float}:
        return "integer" if kinds == {int} else "double"
    return "string"


def _gexf_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(_flat(value))


def _gexf_attributes(records: list[dict[str, Any]], skip: set[str]) -> list[tuple[str, str]]:
    """(title, GEXF type) of every attribute, in first-seen order."""
    titles: dict[str, None] = {}
    for record in records:
        titles.update(dict.fromkeys(k for k, v in record.items() if k not in skip and v is not None))
    return [(t, _gexf_type(r.get(t) for r in records)) for t in titles]


def _span(element: Any, start: str | None, end: str | None) -> None:
    # GEXF wants full dates: a partial date spans from its first to its last day.
    if start:
        element.set("start", earliest(start).isoformat())
    if end:
        element.set("end", latest(end).isoformat())


def _hex_colour(colour: str) -> tuple[int, int, int]:
    text = colour.strip().lstrip("#")
    if len(text) != 6 or any(c not in "0123456789abcdefABCDEF" for c in text):
        raise ValueError(Message("colour {colour!r} is not of the form #RRGGBB", colour=colour))
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def _float_text(value: float) -> str:
    # Nine decimals are far below what Gephi draws, and repeat on every platform.
    text = f"{float(value):.9f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def gexf_bytes(G: nx.Graph, *, description: str | None = None, colours: Mapping[str, str] | None = None,
               sizes: Mapping[Any, float] | None = None,
               positions: Mapping[Any, tuple[float, float]] | None = None) -> bytes:
    """The GEXF 1.3 text of a cooperation graph (valid against the official schema).

    Nodes carry ``start``/``end`` from the actors' ``joined``/``left`` dates and edges
    from the partnerships' ``since``/``until``, so that Gephi's timeline replays how the
    pole grew.  The partnership's kind is the edge's GEXF ``kind`` (Gephi keeps parallel
    edges of different kinds apart) and an ``attvalue`` too, since networkx's reader drops
    the former; every other attribute is an ``attvalue``.

    An undirected graph's one-way edges (a supply chain's links, one-off events) stay
    undirected edges, as GEXF 1.3 and networkx's reader want in an undirected graph (a
    per-edge ``type="directed"`` makes ``networkx.read_gexf`` refuse the file): their
    ``source`` is the tie's ``from`` and their ``target`` its ``to``, and the attributes
    ``arrow`` (true), ``from``, ``to``, ``order`` (a chain's step) and ``event`` say the
    rest.  Export with ``directed=True`` for arrows drawn by Gephi.

    Gephi draws what the file says (GEXF 1.3's ``color``, ``size`` and ``position``
    elements, in the GEXF namespace as the official ``viz.xsd`` has them):

    colours : mapping, optional
        ``{family: "#RRGGBB"}``: each node takes the colour of its ``family`` attribute
        (the static map's colours are :data:`ptce_kit.model.FAMILY_COLOURS`).
    sizes : mapping, optional
        ``{node: size}`` (see :func:`gexf_sizes`).
    positions : mapping, optional
        ``{node: (x, y)}`` in the [-1, 1]² frame of the map's layouts
        (:func:`ptce_kit.render.layouts.layout_positions`), written × :data:`GEXF_SPREAD`.

    A node missing from a mapping goes without that element.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiGraph(name="Demo")
    >>> G.add_node("a", name="A", joined="2012", pivot=True)
    >>> G.add_node("b", name="B", pivot=False)
    >>> G.add_edge("a", "b", key="lease", partnership="lease", kind="mutualisation", since="2012-09", weight=1.0)
    'lease'
    >>> text = gexf_bytes(G).decode()
    >>> '<node id="a" label="A" start="2012-01-01">' in text
    True
    >>> '<edge id="lease:a:b" source="a" target="b" label="lease" weight="1.0" kind="mutualisation" start="2012-09-01">' in text
    True
    """
    import xml.etree.ElementTree as ET

    root = ET.Element("gexf", {
        "xmlns": GEXF_NS, "xmlns:xsi": XSI_NS,
        "xsi:schemaLocation": f"{GEXF_NS} {GEXF_NS}/gexf.xsd", "version": "1.3",
    })
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "ptce-kit"
    name = G.graph.get("name")
    # In the language of the export (byte-identical for the same data and language).
    if description:
        text = description
    elif G.graph.get("at"):
        text = (Message("{name}: cooperation graph at {at}", name=name, at=G.graph["at"]) if name
                else Message("Cooperation graph at {at}", at=G.graph["at"])).render()
    else:
        text = (Message("{name}: cooperation graph", name=name) if name else Message("Cooperation graph")).render()
    ET.SubElement(meta, "description").text = text
    graph = ET.SubElement(root, "graph", {
        "defaultedgetype": "directed" if G.is_directed() else "undirected",
        "mode": "dynamic", "timeformat": "date", "timerepresentation": "interval",
    })

    nodes = [(n, dict(d)) for n, d in G.nodes(data=True)]
    node_skip = {"name", "joined", "left"}
    node_attrs = _gexf_attributes([d for _, d in nodes], node_skip)
    edges = list(G.edges(keys=True, data=True)) if G.is_multigraph() else [(u, v, None, d) for u, v, d in G.edges(data=True)]
    # ``kind`` is also an attvalue: networkx's reader drops GEXF's edge ``kind``.
    edge_skip = {"weight", "since", "until"}
    edge_attrs = _gexf_attributes([d for *_, d in edges], edge_skip)
    for cls, attrs in (("node", node_attrs), ("edge", edge_attrs)):
        block = ET.SubElement(graph, "attributes", {"class": cls, "mode": "static"})
        for title, kind in attrs:
            ET.SubElement(block, "attribute", {"id": title, "title": title, "type": kind})

    def values(parent: Any, data: dict[str, Any], attrs: list[tuple[str, str]]) -> None:
        present = [(t, data[t]) for t, _ in attrs if data.get(t) is not None]
        if present:
            block = ET.SubElement(parent, "attvalues")
            for title, value in present:
                ET.SubElement(block, "attvalue", {"for": title, "value": _gexf_value(value)})

    rgb = {family: _hex_colour(colour) for family, colour in (colours or {}).items()}
    block = ET.SubElement(graph, "nodes", {"count": str(len(nodes))})
    for n, d in nodes:
        node = ET.SubElement(block, "node", {"id": str(n), "label": " ".join(str(d.get("name", n)).split())})
        _span(node, d.get("joined"), d.get("left"))
        values(node, d, node_attrs)
        if d.get("family") in rgb:
            r, g, b = rgb[d["family"]]
            ET.SubElement(node, "color", {"r": str(r), "g": str(g), "b": str(b)})
        if sizes is not None and n in sizes:
            if not sizes[n] >= 0:
                raise ValueError(Message("size of node {node!r} must be 0 or more, not {size!r}", node=n, size=sizes[n]))
            ET.SubElement(node, "size", {"value": _float_text(sizes[n])})
        if positions is not None and n in positions:
            x, y = positions[n]
            ET.SubElement(node, "position", {"x": _float_text(x * GEXF_SPREAD), "y": _float_text(y * GEXF_SPREAD)})

    block = ET.SubElement(graph, "edges", {"count": str(len(edges))})
    for (u, v, key, d), eid in zip(edges, _edge_ids(edges)):
        tie = d.get("partnership", key)
        if d.get("arrow") and "from" in d and "to" in d:
            u, v = d["from"], d["to"]  # one way: networkx's undirected (u, v) order is not the tie's
        attrib = {"id": eid, "source": str(u), "target": str(v)}
        if tie is not None:
            attrib["label"] = str(tie)
        if d.get("weight") is not None:
            attrib["weight"] = repr(float(d["weight"]))
        if d.get("kind"):
            attrib["kind"] = str(d["kind"])
        edge = ET.SubElement(block, "edge", attrib)
        _span(edge, d.get("since"), d.get("until"))
        values(edge, d, edge_attrs)

    ET.indent(root, space="  ")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n").encode("utf-8")
