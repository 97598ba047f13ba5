"""The cooperation graph in the files other tools open: GraphML, GEXF 1.3, JSON, CSV, pandas.

=========  ============================================  ==================================
format     opens in                                      function
=========  ============================================  ==================================
GraphML    igraph, Gephi, Cytoscape, yEd, networkx        :func:`write_graphml`
GEXF 1.3   Gephi (with the dates as a timeline)           :func:`write_gexf`
JSON       d3 and any web page (node-link)                :func:`write_node_link`
CSV        Excel, LibreOffice, R (nodes + edges tables)   :func:`write_csv`
pandas     Python notebooks                               :func:`to_dataframes`
=========  ============================================  ==================================

Every writer takes a pole (the graph is then built with :func:`~ptce_kit.network.to_graph`,
``at=`` and ``directed=`` passed on) or a graph already built, and writes atomically.
Exports are meant for sharing: contacts stay out unless ``include_personal_data=True``.
Lists (roles, resources) become ``|``-separated text in the flat formats (GraphML, GEXF,
CSV), missing values are left out (GraphML, GEXF) or empty (CSV).  The same graph always
gives byte-identical files: nodes and edges in the data file's order, no timestamps.

The territory's population and priority areas (:func:`territory_facts`) are data of the
graph itself: GraphML's ``graph`` element and node-link JSON's ``graph`` hold them; GEXF
1.3 has no attributes of the graph (``attributes`` are of nodes or edges only), so its
meta's description says them in words (:func:`gexf_description`); the CSV tables, of
nodes and edges, have no place for them.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import PoleError
from ..files import atomic_write, atomic_writer
from ..i18n import Figure, Message, N_, plural_message
from ..model import Pole
from .xml_writers import (GEXF_NS, GEXF_SPREAD, LIST_SEP, XSI_NS, edge_id, write_gexf_to,
                          write_graphml_to)
from .xml_writers import flat as _flat

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "LIST_SEP", "edge_id", "graphml_bytes", "gexf_bytes", "gexf_description", "gexf_sizes", "node_link_data",
    "csv_tables", "territory_facts",
    "write_graphml", "write_gexf", "write_node_link", "write_csv", "to_dataframes",
]

#: Gephi's node sizes from a measure: the smallest actor's, and how much the largest adds.
GEXF_SIZE_MIN, GEXF_SIZE_SPAN = 10.0, 30.0

#: The columns of the CSV edges table, after ``source`` and ``target``.
EDGE_COLUMNS = ("partnership", "kind", "topic", "resources", "since", "until", "weight", "directed")


def graph_of(pole_or_graph: Pole | nx.Graph, *, include_personal_data: bool = False,
             at: str | None = None, directed: bool = False) -> nx.Graph:
    """The graph to export: built from a pole, or a graph given as is.

    ``at`` and ``directed`` build the graph of a pole (see :func:`~ptce_kit.network.to_graph`),
    with its one-off events (``include_events=True``).  A graph given as is keeps whatever it holds; its ``contacts`` are dropped unless
    ``include_personal_data``, so that a shared file never carries them by surprise.
    """
    if isinstance(pole_or_graph, Pole):
        from .build import to_graph

        G = to_graph(pole_or_graph, at=at, directed=directed, include_personal_data=include_personal_data,
                     include_events=True)
        _add_actor_facts(pole_or_graph, G)
        G.graph.update(territory_facts(pole_or_graph))
        return G
    G = pole_or_graph
    if not include_personal_data and any("contacts" in d for _, d in G.nodes(data=True)):
        G = G.copy()
        for _, d in G.nodes(data=True):
            d.pop("contacts", None)
    return G


def actor_facts(pole: Pole) -> dict[str, dict[str, Any]]:
    """Facts of each actor the graph's builder leaves out, for the files' attributes.

    The activity codes (``naf``, ``naf_2025``), how many public supports and labels the
    actor receives or holds (``supports``, ``labels``, counted from the pole's ``support``
    and ``labels``), and the names of the colleges and of the SCIC's categories of
    associates that list it (``colleges``, ``associate_categories``).  A count is left out
    (blank) where the data does not say: no label named, or no support named while
    ``support_complete`` is not true; 0 supports only when the pole says its list is
    complete.  An actor no college lists has no ``colleges``: its members may not all be
    named.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> pole = Pole.model_validate({"id": "p", "name": "P", "actors": [
    ...     {"id": "a", "name": "A", "category": "ess_enterprise", "naf": "88.99B"}],
    ...     "labels": [{"kind": "esus", "holder": "a"}]})
    >>> actor_facts(pole)["a"]
    {'naf': '88.99B', 'labels': 1}
    """
    supports: dict[str, int] = {}
    for grant in pole.support:
        if grant.to:
            supports[grant.to] = supports.get(grant.to, 0) + 1
    labels: dict[str, int] = {}
    for label in pole.labels:
        if label.holder:
            labels[label.holder] = labels.get(label.holder, 0) + 1
    groups: dict[str, dict[str, list[str]]] = {}
    for key, listed in (("colleges", pole.governance.colleges),
                        ("associate_categories", pole.governance.associate_categories)):
        for group in listed:
            for ref in group.members:
                names = groups.setdefault(ref, {}).setdefault(key, [])
                if group.name not in names:
                    names.append(group.name)
    facts: dict[str, dict[str, Any]] = {}
    for actor in pole.actors:
        record: dict[str, Any] = {}
        if actor.naf:
            record["naf"] = str(actor.naf)
        if actor.naf_2025:
            record["naf_2025"] = str(actor.naf_2025)
        if actor.id in supports or pole.support_complete:
            record["supports"] = supports.get(actor.id, 0)
        if actor.id in labels:
            record["labels"] = labels[actor.id]
        record.update(groups.get(actor.id, {}))
        facts[actor.id] = record
    return facts


def territory_facts(pole: Pole) -> dict[str, Any]:
    """Facts of the pole's territory the files carry at the graph's level.

    ``territory`` (its name), ``territory_population``, ``territory_population_year`` and
    ``territory_population_source`` (the inhabitants: a figure about the territory, never
    the pole's) and ``priority_areas`` (the State's areas it lies in, each as ``{"kind",
    "code", "name"}``), each only when the data gives it.  GraphML writes them as data of
    the ``graph`` element (keys ``for="graph"``), node-link JSON in its ``graph``; GEXF
    1.3 has no attributes of the graph, so they are said in words in its meta's
    description (:func:`gexf_description`); CSV has no place for them.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> pole = Pole.model_validate({"id": "p", "name": "P", "territory": {
    ...     "name": "Le Diois", "population": {"value": 11000, "year": 2021, "source": "INSEE"},
    ...     "priority_areas": [{"kind": "FRR", "name": "Diois"}]}})
    >>> territory_facts(pole)  # doctest: +NORMALIZE_WHITESPACE
    {'territory': 'Le Diois', 'territory_population': 11000, 'territory_population_year': 2021,
     'territory_population_source': 'INSEE', 'priority_areas': [{'kind': 'FRR', 'code': None, 'name': 'Diois'}]}
    """
    territory = pole.territory
    if territory is None:
        return {}
    facts: dict[str, Any] = {"territory": territory.name}
    if territory.population is not None:
        facts.update(territory_population=territory.population.value,
                     territory_population_year=territory.population.year,
                     territory_population_source=territory.population.source)
    if territory.priority_areas:
        facts["priority_areas"] = [{"kind": a.kind.value, "code": a.code, "name": a.name}
                                   for a in territory.priority_areas]
    return facts


def _add_actor_facts(pole: Pole, G: nx.Graph) -> None:
    for node, record in actor_facts(pole).items():
        if node in G:
            G.nodes[node].update(record)


def _check_target(path: Path) -> Path:
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise PoleError.single(Message("cannot write {path}: the folder {parent} does not exist", path=str(path),
                                       parent=str(parent)), file=path,
                               hint=Message("create it first (mkdir -p {parent}) or choose another path",
                                            parent=str(parent)))
    return path


# --- GraphML -----------------------------------------------------------------------


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
    write_graphml_to(G, buffer)
    return buffer.getvalue()


def write_graphml(pole_or_graph: Pole | nx.Graph, path: str | Path, *, include_personal_data: bool = False,
                  at: str | None = None, directed: bool = False) -> Path:
    """Write the cooperation graph as GraphML (igraph, Gephi, Cytoscape, yEd, networkx).

    Edge ids are unique and stable: the partnership and the pair (:func:`edge_id`), so
    that parallel ties and the edges of one partnership's clique stay apart.  ``at`` and
    ``directed`` build the graph of a pole (see :func:`graph_of`).
    """
    path = _check_target(Path(path))
    G = graph_of(pole_or_graph, include_personal_data=include_personal_data, at=at, directed=directed)
    with atomic_writer(path) as out:  # streamed: no document in memory (issue 23)
        write_graphml_to(G, out)
    return path


# --- GEXF 1.3 ----------------------------------------------------------------------


def gexf_sizes(G: nx.Graph, size_by: str) -> dict[Any, float]:
    """Node sizes for Gephi from one of the map's measures, as the static map sizes its discs.

    The static map's disc areas grow with the square root of the measure (over the
    largest actor's); the GEXF sizes follow the same curve, from
    :data:`GEXF_SIZE_MIN` to ``GEXF_SIZE_MIN + GEXF_SIZE_SPAN``.  ``size_by`` is a name of
    :data:`~ptce_kit.network.measures.SINGLE_MEASURES` (``degree``, ``betweenness``…).

    Examples
    --------
    >>> import networkx as nx
    >>> gexf_sizes(nx.star_graph(4), "degree")[0], gexf_sizes(nx.star_graph(4), "degree")[1]
    (40.0, 25.0)
    """
    import math

    from .measures import actor_measure

    values = {v: float(x or 0.0) for v, x in actor_measure(G, size_by).items()} if len(G) else {}
    top = max(values.values(), default=0.0)
    if top <= 0:
        return {v: GEXF_SIZE_MIN for v in G}
    return {v: GEXF_SIZE_MIN + GEXF_SIZE_SPAN * math.sqrt(values.get(v, 0.0) / top) for v in G}


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

    The meta's ``description`` is ``description``, else :func:`gexf_description`: the
    graph's name and date, and the territory's population and priority areas in words
    (GEXF 1.3 has no attribute of the graph to hold them).

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
    buffer = io.BytesIO()
    write_gexf_to(G, buffer, description=_description(G, description), colours=colours, sizes=sizes,
                  positions=positions)
    return buffer.getvalue()


def _description(G: nx.Graph, description: str | None) -> str:
    """The GEXF meta's description: ``description``, or :func:`gexf_description`."""
    return description or gexf_description(G)


def gexf_description(G: nx.Graph) -> str:
    """The GEXF meta's description of a graph, in the language of the export.

    The graph's name and date, then what GEXF 1.3 has no attribute for: the facts of
    the territory (:func:`territory_facts`) the graph holds, in words.  The same data and
    language give the same text.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiGraph(name="P", territory="Le Diois", territory_population=11000, territory_population_year=2021,
    ...                   territory_population_source="INSEE", priority_areas=[{"kind": "FRR", "name": "Diois"}])
    >>> print(gexf_description(G))
    P: cooperation graph. Le Diois: 11,000 inhabitants in 2021 (source: INSEE). Priority area of the State: FRR Diois.
    """
    graph = G.graph
    name = graph.get("name")
    if graph.get("at"):
        text = (Message("{name}: cooperation graph at {at}", name=name, at=graph["at"]) if name
                else Message("Cooperation graph at {at}", at=graph["at"])).render()
    else:
        text = (Message("{name}: cooperation graph", name=name) if name else Message("Cooperation graph")).render()
    said: list[str] = []
    population = graph.get("territory_population")
    if population is not None:
        where = graph.get("territory") or Message("The territory").render()
        # The source's own final full stop would end the sentence inside its brackets.
        source = str(graph.get("territory_population_source") or "").removesuffix(".")
        year = graph.get("territory_population_year")
        said.append((Message("{territory}: {people} inhabitants in {year} (source: {source}).", territory=where,
                             people=Figure(population, digits=0), year=year, source=source) if source
                     else Message("{territory}: {people} inhabitants in {year}.", territory=where,
                                  people=Figure(population, digits=0), year=year)).render())
    areas = [" ".join(str(a[k]) for k in ("kind", "code", "name") if a.get(k))
             for a in graph.get("priority_areas") or () if isinstance(a, Mapping)]
    if areas:
        said.append(plural_message("Priority area of the State: {areas}.", "Priority areas of the State: {areas}.",
                                   len(areas), areas="; ".join(areas)).render())
    return ". ".join([text, " ".join(said)]) if said else text


def write_gexf(pole_or_graph: Pole | nx.Graph, path: str | Path, *, include_personal_data: bool = False,
               at: str | None = None, directed: bool = False, colours: Mapping[str, str] | None = None,
               size_by: str | None = None, positions: Mapping[Any, tuple[float, float]] | None = None) -> Path:
    """Write the cooperation graph as GEXF 1.3 for Gephi, with its dates as a timeline.

    ``at`` and ``directed`` build the graph of a pole (see :func:`graph_of`).  ``colours``
    (by family), ``size_by`` (a measure, see :func:`gexf_sizes`) and ``positions`` (a
    layout) give Gephi the static map's look (see :func:`gexf_bytes`); ``ptce export --to
    gexf`` passes the map's colours, degree sizes and seeded spring layout.
    """
    path = _check_target(Path(path))
    G = graph_of(pole_or_graph, include_personal_data=include_personal_data, at=at, directed=directed)
    sizes = gexf_sizes(G, size_by) if size_by not in (None, "none") else None
    with atomic_writer(path) as out:  # streamed: no document in memory (issue 23)
        write_gexf_to(G, out, description=_description(G, None), colours=colours, sizes=sizes, positions=positions)
    return path


# --- node-link JSON ----------------------------------------------------------------


def node_link_data(G: nx.Graph) -> dict[str, Any]:
    """networkx's node-link structure (``nodes`` and ``links``, as d3 reads them).

    Lists and missing values (``null``) are kept: JSON holds them.

    Examples
    --------
    >>> import networkx as nx
    >>> data = node_link_data(nx.MultiGraph([("a", "b", {"kind": "cooperation"})]))
    >>> data["links"]
    [{'kind': 'cooperation', 'source': 'a', 'target': 'b', 'key': 0}]
    """
    import networkx as nx

    data: dict[str, Any] = nx.node_link_data(G, edges="links")
    return data


def write_node_link(pole_or_graph: Pole | nx.Graph, path: str | Path, *, include_personal_data: bool = False,
                    at: str | None = None, directed: bool = False) -> Path:
    """Write the cooperation graph as node-link JSON (d3; ``networkx.node_link_graph(edges="links")``)."""
    path = _check_target(Path(path))
    data = node_link_data(graph_of(pole_or_graph, include_personal_data=include_personal_data, at=at, directed=directed))
    atomic_write(path, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    return path


# --- CSV and pandas ----------------------------------------------------------------


def _node_columns(G: nx.Graph) -> list[str]:
    columns: dict[str, None] = {}
    for _, d in G.nodes(data=True):
        columns.update(dict.fromkeys(d))
    return ["id", *columns]


def _edge_rows(G: nx.Graph) -> tuple[list[str], list[dict[str, Any]]]:
    extra: dict[str, None] = {}
    rows = []
    for u, v, d in G.edges(data=True):
        extra.update(dict.fromkeys(k for k in d if k not in EDGE_COLUMNS))
        rows.append({"source": u, "target": v, **d})
    return ["source", "target", *EDGE_COLUMNS, *extra], rows


def csv_tables(G: nx.Graph, *, sep: str = ",") -> tuple[str, str]:
    """The nodes table and the edges table as CSV text (without the BOM).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiGraph()
    >>> G.add_node("a", name="A", roles=["pivot", "founder"], ess=True)
    >>> G.add_node("b", name="B", roles=[], ess=None)
    >>> G.add_edge("a", "b", key="t", partnership="t", kind="cooperation", weight=1.0)
    't'
    >>> nodes, edges = csv_tables(G, sep=";")
    >>> print(nodes, end="")
    id;name;roles;ess
    a;A;pivot|founder;true
    b;B;;
    >>> edges.splitlines()[1]
    'a;b;t;cooperation;;;;;1,0;'

    With ``sep=";"``, the separator of a French spreadsheet, decimals take its comma too
    (``1,0``), so that Excel or LibreOffice in French reads them as numbers; text that a
    spreadsheet would run as a formula starts with an apostrophe (see
    :mod:`ptce_kit.cells`).
    """
    from ..cells import csv_bytes

    if sep not in (",", ";", "\t"):
        raise ValueError(Message("sep must be ',', ';' or a tab, not {sep!r}", sep=sep))
    columns = _node_columns(G)
    nodes = csv_bytes([columns, *([n, *(_flat(d.get(c)) for c in columns[1:])] for n, d in G.nodes(data=True))],
                      sep=sep, lineterminator="\n", bom=False)
    edge_columns, rows = _edge_rows(G)
    edges = csv_bytes([edge_columns, *([_flat(row.get(c)) for c in edge_columns] for row in rows)],
                      sep=sep, lineterminator="\n", bom=False)
    return nodes.decode("utf-8"), edges.decode("utf-8")


def csv_paths(path: str | Path) -> tuple[Path, Path]:
    """Where the two tables go: ``NAME.nodes.csv`` / ``NAME.edges.csv`` next to a ``.csv``
    path, or ``nodes.csv`` / ``edges.csv`` inside a folder (created if missing).

    Examples
    --------
    >>> [p.name for p in csv_paths("out/pole-sud.csv")]
    ['pole-sud.nodes.csv', 'pole-sud.edges.csv']
    """
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return path.with_name(f"{path.stem}.nodes.csv"), path.with_name(f"{path.stem}.edges.csv")
    return path / "nodes.csv", path / "edges.csv"


def write_csv(pole_or_graph: Pole | nx.Graph, path: str | Path, *, include_personal_data: bool = False,
              sep: str | None = None, at: str | None = None, directed: bool = False) -> tuple[Path, Path]:
    """Write the nodes and edges tables as CSV for spreadsheets (UTF-8 with a BOM).

    The BOM lets Excel read accents right.  ``sep`` defaults to the pole's language
    (:func:`ptce_kit.cells.csv_separator`): ``;`` with decimal commas for a French pole,
    which a French Excel opens in columns, ``,`` for an English one (and for a graph given
    as is); give it to force the other.  ``path`` is a folder or a name ending in ``.csv``
    (see :func:`csv_paths`).
    """
    path = Path(path)
    nodes_path, edges_path = csv_paths(path)
    if path.suffix.lower() != ".csv":
        if path.exists() and not path.is_dir():
            raise PoleError.single(Message("cannot write the CSV tables into {path}: it is a file, not a folder",
                                           path=str(path)),
                                   file=path, hint=N_("give a folder, or a name ending in .csv"))
        _check_target(path).mkdir(exist_ok=True)
    _check_target(nodes_path)
    if sep is None:
        from ..cells import csv_separator

        sep = csv_separator(pole_or_graph.language.value) if isinstance(pole_or_graph, Pole) else ","
    G = graph_of(pole_or_graph, include_personal_data=include_personal_data, at=at, directed=directed)
    nodes, edges = csv_tables(G, sep=sep)
    atomic_write(nodes_path, "\ufeff" + nodes)
    atomic_write(edges_path, "\ufeff" + edges)
    return nodes_path, edges_path


def to_dataframes(pole_or_graph: Pole | nx.Graph, *, include_personal_data: bool = False,
                  at: str | None = None, directed: bool = False) -> tuple[Any, Any]:
    """The nodes and edges tables as pandas DataFrames (pandas is optional).

    The nodes frame is indexed by actor id; lists stay lists.  ``at`` and ``directed``
    build the graph of a pole (see :func:`graph_of`).
    """
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError(Message("to_dataframes needs pandas: pip install pandas")) from None
    G = graph_of(pole_or_graph, include_personal_data=include_personal_data, at=at, directed=directed)
    columns = _node_columns(G)
    nodes = pd.DataFrame([{"id": n, **d} for n, d in G.nodes(data=True)], columns=columns).set_index("id")
    edge_columns, rows = _edge_rows(G)
    edges = pd.DataFrame(rows, columns=edge_columns)
    return nodes, edges
