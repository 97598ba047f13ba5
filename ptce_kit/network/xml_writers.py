"""GraphML and GEXF 1.3 written element by element: no document tree in memory.

:func:`write_graphml_to` and :func:`write_gexf_to` write into a binary file as they walk
the graph, so that a national graph (2·10^5 actors) costs memory for its attribute
table and a write buffer, not for a tree of millions of XML elements.  They give the
same bytes as the writers they replace (networkx's lxml GraphML writer, with flat
attributes and one-way edges turned round; an ElementTree indented by two spaces for
GEXF); ``tests/network/legacy_xml.py`` keeps those writers and the tests compare.

Text and attribute values are escaped as :func:`xml.sax.saxutils.escape` does (:func:`escape`), with the
extra entities each former writer used: libxml2's (``&#13;`` in text; ``&#10;``,
``&#13;``, ``&#9;`` in attributes) for GraphML, ElementTree's (``&#10;``, ``&#13;``,
``&#09;`` in attributes) for GEXF.  As lxml did, the GraphML writer refuses a string
holding a character XML 1.0 does not allow (``ValueError``).

Two passes over the graph: the first finds the attributes and their types (GraphML's
``key`` elements and GEXF's ``attributes`` come before the nodes), the second writes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from typing import IO, TYPE_CHECKING, Any

from ..i18n import Message
from ..model import earliest, latest

if TYPE_CHECKING:
    import networkx as nx


def escape(text: str, entities: Mapping[str, str] | None = None) -> str:
    """``&``, ``<`` and ``>`` escaped, then each of ``entities``: :func:`xml.sax.saxutils.escape`.

    Written here because importing :mod:`xml.sax.saxutils` imports :mod:`urllib.request`,
    and with it :mod:`http.client`, :mod:`email` and :mod:`ssl`: a tenth of a second of every
    ``ptce build``, for three replacements.

    Examples
    --------
    >>> escape("a < b & c\\n", {"\\n": "&#10;"})
    'a &lt; b &amp; c&#10;'
    """
    text = text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    for char, entity in (entities or {}).items():
        text = text.replace(char, entity)
    return text


__all__ = ["LIST_SEP", "GEXF_NS", "XSI_NS", "GEXF_SPREAD", "flat", "edge_id", "hex_colour", "float_text",
           "write_graphml_to", "write_gexf_to"]

#: How lists (roles, resources) are joined in the flat formats.
LIST_SEP = "|"
GEXF_NS = "http://gexf.net/1.3"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
#: Positions in the layouts' [-1, 1]² frame are written times this (Gephi's units).
GEXF_SPREAD = 1000.0

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GRAPHML_SCHEMA = f"{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd"

#: Strings are written in chunks of about this many pieces.
_CHUNK = 8192

_SPECIAL_TEXT = re.compile("[&<>\r]")
_SPECIAL_ATTR = re.compile("[&<>\"\r\n\t]")
#: Characters XML 1.0 does not allow (lxml refuses them).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NOT_XML_MESSAGE = "All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters"

_LIBXML_TEXT = {"\r": "&#13;"}
_LIBXML_ATTR = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"}
_ET_ATTR = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"}


def flat(value: Any) -> Any:
    """A value the flat formats can hold: lists joined by :data:`LIST_SEP`, dicts (and lists
    of dicts, such as contacts) as JSON; anything else as is.

    Examples
    --------
    >>> flat(["pivot", "founder"]), flat({"b": 1, "a": "é"}), flat(3)
    ('pivot|founder', '{"a": "é", "b": 1}', 3)
    """
    if isinstance(value, (list, tuple)):
        if any(isinstance(v, dict) for v in value):
            return json.dumps(value, ensure_ascii=False, sort_keys=True)
        return LIST_SEP.join(map(str, value))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def _flat_type(value: Any) -> type:
    """``type(flat(value))``, without flattening."""
    return str if isinstance(value, (list, tuple, dict)) else type(value)


def edge_id(tie: Any, u: Any, v: Any) -> str:
    """The id of an edge in the files: its partnership and its pair, ``tie:u:v``.

    A partnership of three actors or more is a clique of several edges: the pair tells
    them apart, and the same data always gives the same ids.

    Examples
    --------
    >>> edge_id("lease", "hub", "town"), edge_id(None, "hub", "town")
    ('lease:hub:town', 'hub:town')
    """
    return f"{tie}:{u}:{v}" if tie is not None else f"{u}:{v}"


class _EdgeIds:
    """One id per edge (see :func:`edge_id`), numbered ``#2``, ``#3``… where two would repeat."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, tie: Any, u: Any, v: Any) -> str:
        base = edge_id(tie, u, v)
        count = self.seen.get(base, 0) + 1
        self.seen[base] = count
        return base if count == 1 else f"{base}#{count}"


def hex_colour(colour: str) -> tuple[int, int, int]:
    """``(r, g, b)`` of a ``#RRGGBB`` colour (``ValueError`` otherwise).

    Examples
    --------
    >>> hex_colour("#1f77B4")
    (31, 119, 180)
    """
    text = colour.strip().lstrip("#")
    if len(text) != 6 or any(c not in "0123456789abcdefABCDEF" for c in text):
        raise ValueError(Message("colour {colour!r} is not of the form #RRGGBB", colour=colour))
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def float_text(value: float) -> str:
    """A number with at most nine decimals, trailing zeros dropped (the same on every platform).

    Examples
    --------
    >>> float_text(12.5), float_text(-0.0000000001), float_text(3.0)
    ('12.5', '0', '3')
    """
    text = f"{float(value):.9f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class _Out:
    """Pieces of text gathered and written to a binary file in UTF-8 chunks."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.pieces: list[str] = []
        self.add = self.pieces.append

    def flush_if_full(self) -> None:
        if len(self.pieces) >= _CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.pieces:
            self.stream.write("".join(self.pieces).encode("utf-8"))
            self.pieces.clear()


# --- GraphML -----------------------------------------------------------------------


def _libxml(text: str, special: re.Pattern[str], entities: dict[str, str]) -> str:
    if _NOT_XML.search(text) is not None:
        raise ValueError(_NOT_XML_MESSAGE)
    return escape(text, entities) if special.search(text) is not None else text


def _graphml_text(text: str) -> str:
    return _libxml(text, _SPECIAL_TEXT, _LIBXML_TEXT)


def _graphml_attr(text: str) -> str:
    return _libxml(text, _SPECIAL_ATTR, _LIBXML_ATTR)


def _graphml_types() -> dict[Any, str]:
    """networkx's table of Python types → GraphML ``attr.type``, numpy's included."""
    from networkx.readwrite.graphml import GraphML

    table = GraphML()
    table.construct_types()
    types: dict[Any, str] = table.xml_type
    return types


def _edges(G: nx.Graph) -> Iterator[tuple[Any, Any, Any, dict[str, Any]]]:
    if G.is_multigraph():
        yield from G.edges(keys=True, data=True)
    else:
        for u, v, d in G.edges(data=True):
            yield u, v, None, d


def write_graphml_to(G: nx.Graph, stream: IO[bytes]) -> None:
    """Write ``G`` as GraphML (UTF-8) into ``stream``, as networkx's lxml writer wrote its flat copy.

    Attribute values are flattened (:func:`flat`) and missing ones (``None``) left out;
    a multigraph's edges take :func:`edge_id`'s ids.  In an undirected multigraph, a
    one-way edge (``arrow`` true, with ``from`` and ``to``) goes from its ``from`` to its
    ``to``.  The graph's ``id`` attribute, if any, is the ``graph`` element's id.

    Examples
    --------
    >>> import io, networkx as nx
    >>> G = nx.MultiGraph()
    >>> G.add_node("a", name="A & B", roles=["pivot", "founder"], siret=None)
    >>> G.add_edge("a", "b", key="lease", partnership="lease")
    'lease'
    >>> out = io.BytesIO()
    >>> write_graphml_to(G, out)
    >>> text = out.getvalue().decode()
    >>> '">A &amp; B</data>' in text, '<edge source="a" target="b" id="lease:a:b">' in text
    (True, True)
    """
    types = _graphml_types()
    multi, directed = G.is_multigraph(), G.is_directed()
    keys: dict[tuple[str, str, str], str] = {}

    def key(name: Any, value: Any, scope: str) -> str:
        kind = _flat_type(value)
        try:
            xml_type = types[kind]
        except KeyError:
            raise TypeError(f"GraphML does not support type {kind} as data values.") from None
        found = keys.get((str(name), xml_type, scope))
        if found is None:
            found = keys[(str(name), xml_type, scope)] = f"d{len(keys)}"
        return found

    graph_data = {k: v for k, v in G.graph.items() if v is not None}
    graph_id = graph_data.pop("id", None)
    graph_data = {k: v for k, v in graph_data.items() if k not in ("node_default", "edge_default")}
    # First pass: the keys, numbered in the order networkx numbered them.
    for k, v in graph_data.items():
        key(k, v, "graph")
    for _, d in G.nodes(data=True):
        for k, v in d.items():
            if v is not None:
                key(k, v, "node")
    for *_, d in _edges(G):
        for k, v in d.items():
            if v is not None:
                key(k, v, "edge")

    out = _Out(stream)
    add = out.add
    add("<?xml version='1.0' encoding='utf-8'?>\n")
    add(f'<graphml xmlns="{GRAPHML_NS}" xmlns:xsi="{XSI_NS}" xsi:schemaLocation="{GRAPHML_SCHEMA}">')
    # networkx inserted each new key first: the last made comes first.
    for (name, xml_type, scope), number in reversed(keys.items()):
        add(f'<key id="{number}" for="{scope}" attr.name="{_graphml_attr(name)}" attr.type="{xml_type}"/>\n')
    edge_default = "directed" if directed else "undirected"
    if graph_id is None:
        add(f'<graph edgedefault="{edge_default}">')
    else:
        value = flat(graph_id)
        if not isinstance(value, str):
            raise TypeError(f"Argument must be bytes or unicode, got '{type(value).__name__}'")
        add(f'<graph edgedefault="{edge_default}" id="{_graphml_attr(value)}">')

    def data(record: dict[str, Any], scope: str, indent: str) -> None:
        for k, v in record.items():
            if v is not None:
                value = flat(v)
                add(f'{indent}<data key="{key(k, value, scope)}">{_graphml_text(str(value))}</data>\n')

    data(graph_data, "graph", "")
    for n, d in G.nodes(data=True):
        head = f'<node id="{_graphml_attr(str(n))}"'
        if any(v is not None for v in d.values()):
            add(head + ">\n")
            data(d, "node", "  ")
            add("</node>\n")
        else:
            add(head + "/>\n")
        out.flush_if_full()
    ids = _EdgeIds()
    turn = multi and not directed
    for u, v, k, d in _edges(G):
        head = f'<edge source="{_graphml_attr(str(u))}" target="{_graphml_attr(str(v))}"'
        if multi:
            raw = ids(d.get("partnership", k), u, v)
            eid = _graphml_attr(raw)
            # One way: from its ``from`` to its ``to`` (networkx does not keep the order); the
            # former writer found the edge by its id in the text, so only ids with nothing escaped.
            if turn and eid == raw and flat(d.get("arrow")) and d.get("from") is not None and d.get("to") is not None:
                head = (f'<edge source="{_graphml_attr(str(flat(d["from"])))}" '
                        f'target="{_graphml_attr(str(flat(d["to"])))}"')
            head += f' id="{eid}"'
        if any(x is not None for x in d.values()):
            add(head + ">\n")
            data(d, "edge", "  ")
            add("</edge>\n")
        else:
            add(head + "/>\n")
        out.flush_if_full()
    add("</graph></graphml>")
    out.flush()


# --- GEXF 1.3 ----------------------------------------------------------------------


def _et_text(text: str) -> str:
    return escape(text) if "&" in text or "<" in text or ">" in text else text


def _et_attr(text: str) -> str:
    return escape(text, _ET_ATTR) if _SPECIAL_ATTR.search(text) is not None else text


def _gexf_kind(kinds: set[type]) -> str:
    if kinds == {bool}:
        return "boolean"
    if kinds and kinds <= {int, float}:
        return "integer" if kinds == {int} else "double"
    return "string"


def _gexf_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(flat(value))


def _attributes(records: Iterator[dict[str, Any]], skip: frozenset[str]) -> list[tuple[str, str]]:
    """(title, GEXF type) of every attribute, in first-seen order."""
    kinds: dict[str, set[type]] = {}
    for record in records:
        for k, v in record.items():
            if v is not None and k not in skip:
                found = kinds.get(k)
                if found is None:
                    kinds[k] = {type(v)}
                else:
                    found.add(type(v))
    return [(title, _gexf_kind(types)) for title, types in kinds.items()]


def _span(start: Any, end: Any) -> str:
    # GEXF wants full dates: a partial date spans from its first to its last day.
    text = ""
    if start:
        text += f' start="{_et_attr(earliest(start).isoformat())}"'
    if end:
        text += f' end="{_et_attr(latest(end).isoformat())}"'
    return text


def _attvalues(d: dict[str, Any], titles: list[tuple[str, str]], add: Callable[[str], None]) -> bool:
    """Write the ``attvalues`` of a record (six levels in); whether there were any."""
    present = [(t, d[t]) for t, _ in titles if d.get(t) is not None]
    if not present:
        return False
    add("        <attvalues>\n")
    for title, value in present:
        add(f'          <attvalue for="{_et_attr(title)}" value="{_et_attr(_gexf_value(value))}" />\n')
    add("        </attvalues>\n")
    return True


def write_gexf_to(G: nx.Graph, stream: IO[bytes], *, description: str, colours: Mapping[str, str] | None = None,
                  sizes: Mapping[Any, float] | None = None,
                  positions: Mapping[Any, tuple[float, float]] | None = None) -> None:
    """Write ``G`` as GEXF 1.3 (UTF-8) into ``stream``, as :func:`~ptce_kit.network.formats.gexf_bytes`
    describes it, with ``description`` as the meta's description.

    Examples
    --------
    >>> import io, networkx as nx
    >>> G = nx.MultiGraph()
    >>> G.add_node("a", name="A", joined="2012")
    >>> out = io.BytesIO()
    >>> write_gexf_to(G, out, description="Demo")
    >>> '<node id="a" label="A" start="2012-01-01" />' in out.getvalue().decode()
    True
    """
    rgb = {family: hex_colour(colour) for family, colour in (colours or {}).items()}
    node_attrs = _attributes((d for _, d in G.nodes(data=True)), frozenset({"name", "joined", "left"}))
    # ``kind`` is also an attvalue: networkx's reader drops GEXF's edge ``kind``.
    edge_attrs = _attributes((d for *_, d in _edges(G)), frozenset({"weight", "since", "until"}))

    out = _Out(stream)
    add = out.add
    add('<?xml version="1.0" encoding="UTF-8"?>\n')
    add(f'<gexf xmlns="{GEXF_NS}" xmlns:xsi="{XSI_NS}" xsi:schemaLocation="{GEXF_NS} {GEXF_NS}/gexf.xsd" '
        'version="1.3">\n')
    add(f"  <meta>\n    <creator>ptce-kit</creator>\n    <description>{_et_text(description)}</description>\n"
        "  </meta>\n")
    edge_type = "directed" if G.is_directed() else "undirected"
    add(f'  <graph defaultedgetype="{edge_type}" mode="dynamic" timeformat="date" timerepresentation="interval">\n')
    for cls, attrs in (("node", node_attrs), ("edge", edge_attrs)):
        if not attrs:
            add(f'    <attributes class="{cls}" mode="static" />\n')
            continue
        add(f'    <attributes class="{cls}" mode="static">\n')
        for title, kind in attrs:
            name = _et_attr(title)
            add(f'      <attribute id="{name}" title="{name}" type="{kind}" />\n')
        add("    </attributes>\n")

    count = len(G)
    add(f'    <nodes count="{count}"' + (">\n" if count else " />\n"))
    for n, d in G.nodes(data=True):
        head = (f'      <node id="{_et_attr(str(n))}" label="{_et_attr(" ".join(str(d.get("name", n)).split()))}"'
                + _span(d.get("joined"), d.get("left")))
        mark = len(out.pieces)
        add(head + ">\n")
        children = _attvalues(d, node_attrs, add)
        if d.get("family") in rgb:
            r, g, b = rgb[d["family"]]
            add(f'        <color r="{r}" g="{g}" b="{b}" />\n')
            children = True
        if sizes is not None and n in sizes:
            if not sizes[n] >= 0:
                raise ValueError(Message("size of node {node!r} must be 0 or more, not {size!r}", node=n, size=sizes[n]))
            add(f'        <size value="{float_text(sizes[n])}" />\n')
            children = True
        if positions is not None and n in positions:
            x, y = positions[n]
            add(f'        <position x="{float_text(x * GEXF_SPREAD)}" y="{float_text(y * GEXF_SPREAD)}" />\n')
            children = True
        if children:
            add("      </node>\n")
        else:
            out.pieces[mark] = head + " />\n"
        out.flush_if_full()
    if count:
        add("    </nodes>\n")

    count = G.number_of_edges()
    add(f'    <edges count="{count}"' + (">\n" if count else " />\n"))
    ids = _EdgeIds()
    for u, v, key, d in _edges(G):
        tie = d.get("partnership", key)
        eid = ids(tie, u, v)
        if d.get("arrow") and "from" in d and "to" in d:
            u, v = d["from"], d["to"]  # one way: networkx's undirected (u, v) order is not the tie's
        head = f'      <edge id="{_et_attr(eid)}" source="{_et_attr(str(u))}" target="{_et_attr(str(v))}"'
        if tie is not None:
            head += f' label="{_et_attr(str(tie))}"'
        if d.get("weight") is not None:
            head += f' weight="{_et_attr(repr(float(d["weight"])))}"'
        if d.get("kind"):
            head += f' kind="{_et_attr(str(d["kind"]))}"'
        head += _span(d.get("since"), d.get("until"))
        mark = len(out.pieces)
        add(head + ">\n")
        if _attvalues(d, edge_attrs, add):
            add("      </edge>\n")
        else:
            out.pieces[mark] = head + " />\n"
        out.flush_if_full()
    if count:
        add("    </edges>\n")
    add("  </graph>\n</gexf>\n")
    out.flush()
