"""The interactive cooperation map: one self-contained HTML file that works offline.

Everything is inside the file: the data (a JSON block), the style, d3 (a 54 kB bundle
of d3-selection and d3-zoom, see ``_assets/d3-LICENSES.txt`` and ``docs/maps.md``) and the
page's own script.  The page asks for nothing over the network (a Content-Security-Policy
forbids it), so it opens from a USB stick, an e-mail attachment or an intranet alike.

What it shows: the graph (the same positions as the static map of the same layout), a
card per actor on click (category, legal form, presence, status, roles, partnerships),
filters by family and by kind of tie, a search by name (accents and case ignored), a
date slider when the data has dates, and the legend.

Speed: the labels are placed once, here, when the page is built (:func:`place_labels`, the
static map's rule and grid), so the page places none.  Above :data:`CANVAS_ABOVE` actors the
page draws on one canvas (ties batched by kind, only what the window shows, labels of small
nodes once zoomed in), the edges travel compact (:func:`compact_edges`: a partnership of
more than :data:`GROUP_ABOVE` actors as its list of actors, not one entry per pair) and the
data packed (:func:`packed`: the nodes as columns, numbers as typed arrays in base64, not one
JSON object per node); the cards, filters, search and slider are the same.  On the canvas,
nodes narrower than a few pixels and ties shorter than one are set as pixels of one image
kept between drawings (an ``ImageData``), not drawn as a path each, and no path holds more
than 3,000 ties: a national graph seen whole is mostly such pixels.  On the canvas a zoom or pan frame moves a
picture of the last full drawing, which comes back once the gesture pauses; a full drawing
draws what a budget of ink on the screen allows (ties of small partnerships first, thin
ties as hairlines), a budget that adapts to the machine.  ``benchmarks/interactive_browser.py``
measures the first render, a zoom frame and the full drawing after it in Chromium, from the
page's own performance marks.

Safety: names go into the page only as JSON data, with ``<``, ``>`` and ``&`` escaped
(``\\u003c``…), and the script writes them as text, never as HTML: an actor called
``<img src=x onerror=alert(1)>`` is displayed, not run.  Contacts (personal data) are
left out unless ``include_personal_data=True``.  Prospective actors are left out, as in
:func:`~ptce_kit.network.to_graph`, unless ``include_prospective=True``.

>>> from ptce_kit.render.interactive import json_for_script
>>> json_for_script({"name": "</script><b>&"})
'{"name": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
"""

from __future__ import annotations

import html
import json
import math
from importlib.resources import files
from pathlib import Path
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .label_widths import FONT_PX, TextWidth
from .layouts import layout_positions, site_ring
from ..model import FAMILY_COLOURS
from .map_text import KIND_STYLES, PRESENCE_MARKERS, check_lang, page_text, text

if TYPE_CHECKING:
    import networkx as nx

    from ..model import Pole

__all__ = ["interactive_html", "write_interactive_map", "map_data", "actor_card_life", "ties_by_pair", "json_for_script", "page_body", "edge_records", "place_labels",
           "compact_edges", "national_positions", "packed"]

_SHAPES = {"o": "circle", "s": "square", "D": "diamond", "^": "triangle", "p": "pentagon"}
_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
        "img-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'")
#: Above this many actors the page draws nodes and ties on a canvas (one drawing per frame,
#: labels culled by zoom level) instead of one SVG element per node and tie.
CANVAS_ABOVE = 1_000
#: Above this many actors, labels of small nodes show only once zoomed in (``label_zoom``).
CULL_LABELS_ABOVE = 300
#: At most this many labels are looked a place for (the pivot and the biggest nodes first):
#: on a national graph the others would find no free place anyway, and each costs a search.
LABELS_AT_MOST = 20_000
#: Above this many actors the force layouts (``spring``, ``forceatlas2``) are drawn by
#: :func:`national_positions`, whose memory grows with the number of actors (the static
#: map's layouts compare every cell of their grid with every other: 20 GB at 2·10^5 actors).
NATIONAL_ABOVE = 20_000
#: Steps of :func:`national_positions`.
NATIONAL_STEPS = 60
#: On the canvas, a partnership of more than this many actors travels as its list of actors
#: (``groups`` of :func:`compact_edges`), not as one entry per pair of them.
GROUP_ABOVE = 12
SCALE = 300.0  # page units per layout unit (``SCALE`` in map.js)
LINE_PX = FONT_PX * 1.164  # height of a line of DejaVu Sans (ascent + descent)
# Candidate label places: unit direction (x right, y down) and text-anchor, as the static map's.
_LABEL_SLOTS = ((1, 0, "start"), (-1, 0, "end"), (0, -1, "middle"), (0, 1, "middle"),
                (0.75, -0.75, "start"), (-0.75, -0.75, "end"), (0.75, 0.75, "start"), (-0.75, 0.75, "end"))
ANCHOR_SHIFT = {"start": 0.0, "middle": 0.5, "end": 1.0}
_PAGE_WORDS = ("search", "search_none", "search_count", "singular_counts", "all_dates", "details", "f_category", "f_legal_form",
               "f_presence", "f_status", "f_roles", "f_joined", "f_left", "f_partnerships", "f_contacts",
               "f_description", "with", "colon", "pivot", "directed")


def json_for_script(data: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` block: no ``<``, ``>``, ``&`` left.

    ``</script>`` in a name can then not close the block, and ``<!--`` cannot open a
    comment; U+2028 and U+2029 are escaped too, for old JavaScript parsers.
    """
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        raw = raw.replace(char, escape)
    return raw


def _asset(name: str) -> str:
    return files("ptce_kit.render").joinpath("_assets", name).read_text(encoding="utf-8")


def _years(G: nx.Graph) -> dict[str, int] | None:
    found = [int(str(value)[:4]) for _, d in G.nodes(data=True) for value in (d.get("joined"), d.get("left")) if value]
    found += [int(str(value)[:4]) for *_, d in G.edges(data=True) for value in (d.get("since"), d.get("until")) if value]
    return {"min": min(found), "max": max(found)} if found else None


def place_labels(nodes: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Where each node's label goes, in page units: ``{"lx", "ly", "anchor", "lw", "lz"}`` by node id.

    The rule is the static map's: the pivot and the biggest nodes first, each label at the
    first of eight places beside its node (facing away from the centre first, then farther
    out) where it covers no label already placed and no other node, else at the place that
    covers least.  Boxes are filed in a grid (:class:`~ptce_kit.render.map_drawing.BoxGrid`) so
    that each is compared only with its neighbours: thousands of labels in a second, once,
    when the page is built, and none in the page.  ``lw`` is the label's width and ``lz``
    the zoom from which the page shows it (0: always; small nodes of a big pole wait;
    -1: never, a label of a big pole that found no free place, as on the static map, or one
    past the :data:`LABELS_AT_MOST` biggest nodes; its ``lw`` is then 0).

    Examples
    --------
    >>> places = place_labels([{"id": "a", "name": "A", "x": 0.0, "y": 0.0, "r": 5.0, "pivot": True},
    ...                        {"id": "b", "name": "Bee", "x": 0.06, "y": 0.0, "r": 3.0, "pivot": False}])
    >>> places["a"]  # "Bee" is on its right: up and to the right
    {'lx': 10.5, 'ly': -10.5, 'anchor': 'start', 'lw': 8.5, 'lz': 0}
    """
    from .map_drawing import BoxGrid, overlap

    width = TextWidth()  # without matplotlib (:mod:`.label_widths`)
    places: dict[str, dict[str, Any]] = {}
    bodies, taken = BoxGrid(), BoxGrid()
    owners = []
    for n in nodes:
        cx, cy, r = n["x"] * SCALE, -n["y"] * SCALE, n["r"] + (5 if n["pivot"] else 0)
        bodies.add((cx - r, cy - r, cx + r, cy + r))
        owners.append(n["id"])
    order = sorted(nodes, key=lambda n: (not n["pivot"], -n["r"], n["id"]))
    cull = len(nodes) > CULL_LABELS_ABOVE
    for n in order[LABELS_AT_MOST:]:
        # Past the biggest LABELS_AT_MOST nodes: no label, as when no free place is found.
        places[n["id"]] = {"lx": 0.0, "ly": 0.0, "anchor": "start", "lw": 0.0, "lz": -1}
    order = order[:LABELS_AT_MOST]
    biggest = max((n["r"] for n in nodes), default=1.0) or 1.0
    for n in order:
        cx, cy = n["x"] * SCALE, -n["y"] * SCALE
        away = math.atan2(cy, cx)
        r = n["r"] + (5 if n["pivot"] else 0) + 4
        slots = sorted(_LABEL_SLOTS, key=lambda s: -(s[0] * math.cos(away) + s[1] * math.sin(away)))
        w = width(str(n["name"]), "bold" if n["pivot"] else "normal")
        best: tuple[float, float, float, str, tuple[float, float, float, float]] | None = None
        for reach in (1.0, 1.8, 2.8):
            for sx, sy, anchor in slots:
                dx = sx * r * reach
                dy = sy * (r * reach + (LINE_PX / 2 if sx == 0 else 0))
                x0 = cx + dx - ANCHOR_SHIFT[anchor] * w
                y0 = cy + dy - LINE_PX / 2
                box = (x0 - 1, y0 - 1, x0 + w + 1, y0 + LINE_PX + 1)
                if cull and not n["pivot"]:
                    # A big pole: only a free place will do (stop at the first box in the way).
                    cost = math.inf if taken.meets(box) or bodies.meets(box, n["id"], owners) else 0.0
                else:
                    cost = sum(overlap(box, taken.boxes[i]) for i in taken.near(box))
                    cost += sum(overlap(box, bodies.boxes[i]) for i in bodies.near(box) if owners[i] != n["id"])
                if best is None or cost < best[0]:
                    best = (cost, dx, dy, anchor, box)
                if cost == 0:
                    break
            if best is not None and best[0] == 0:
                break
        assert best is not None
        cost, dx, dy, anchor, box = best
        if cost == math.inf:
            # On a big pole a label with no free place is left out, as on the static map (the
            # name stays in the node's tooltip, its card and the search).
            places[n["id"]] = {"lx": 0.0, "ly": 0.0, "anchor": "start", "lw": round(w, 1), "lz": -1}
            continue
        taken.add(box)
        # On a big pole, labels of small nodes show once zoomed in.
        zoom = 0 if not cull or n["pivot"] else round(max(0.6, 1.2 * math.sqrt(biggest / max(n["r"], 0.1))), 2)
        places[n["id"]] = {"lx": round(dx, 1), "ly": round(dy, 1), "anchor": anchor, "lw": round(w, 1), "lz": zoom}
    return places


def national_positions(G: nx.Graph, layout: str = "spring", *, seed: int = 42) -> dict[Any, tuple[float, float]]:
    """Force-directed positions for a national graph, in [-1, 1]², memory linear in its size.

    Fruchterman–Reingold forces as the static map's ``spring`` (repulsion k²/d, ties pull
    d²/k, linear cooling, ``k = 1.8 / √n``), with the repulsion split as in a particle–mesh
    code: exact between actors closer than one cell of a grid of about four actors a
    cell (pairs from a k-d tree), and from farther away through the grid, whose masses are
    convolved with the force of one cell on another by FFT (n log n, the grid's size in
    memory).  Actors without any tie sit in rows under the drawing, as in every layout.
    Used above :data:`NATIONAL_ABOVE` actors for ``spring`` and ``forceatlas2``; seeded,
    in the order of the sorted ids: the same graph gives the same positions.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiGraph(nx.cycle_graph(30)); G.add_node("alone")
    >>> pos = national_positions(G, seed=1)
    >>> pos == national_positions(G, seed=1), len(pos), max(abs(c) for xy in pos.values() for c in xy) <= 1.35
    (True, 31, True)
    """
    import numpy as np
    from scipy.signal import fftconvolve
    from scipy.spatial import cKDTree

    from .layouts import _tie_sums, isolated_apart, normalise, strip_positions

    apart = set(isolated_apart(G))
    nodes = sorted((v for v in G if v not in apart), key=str)
    n = len(nodes)
    if n < 2:
        return {**{v: (0.0, 0.0) for v in nodes}, **strip_positions(sorted(apart, key=str))}
    index = {v: i for i, v in enumerate(nodes)}
    ends = np.array([(index[u], index[v]) for u, v in G.edges() if u != v], dtype=np.int64).reshape(-1, 2)
    low_high = np.sort(ends, axis=1)
    ties = np.unique(low_high[:, 0] * n + low_high[:, 1]) if len(ends) else np.zeros(0, dtype=np.int64)
    ties = np.stack([ties // n, ties % n], axis=1)
    k = 1.8 / math.sqrt(n)
    cells = max(4, round(math.sqrt(n) / 2))
    offsets = np.arange(-(cells - 1), cells)
    dx, dy = np.meshgrid(offsets, offsets, indexing="ij")
    d2 = (dx * dx + dy * dy).astype(float)
    near = d2 <= 1.0  # the same cell or the next one: counted pair by pair
    d2[near] = 1.0
    kernel_x, kernel_y = np.where(near, 0.0, dx / d2), np.where(near, 0.0, dy / d2)
    pos = np.random.RandomState(seed).rand(n, 2)
    step = 0.1
    cool = step / (NATIONAL_STEPS + 1)
    for _ in range(NATIONAL_STEPS):
        low = pos.min(axis=0)
        size = max(float((pos.max(axis=0) - low).max()), 1e-9) * (1 + 1e-9) / cells
        cell = np.minimum(((pos - low) / size).astype(np.intp), cells - 1)
        mass = np.bincount(cell[:, 0] * cells + cell[:, 1], minlength=cells * cells).reshape(cells, cells)
        mass = mass.astype(float)
        far_x = fftconvolve(mass, kernel_x, mode="same")[cell[:, 0], cell[:, 1]]
        far_y = fftconvolve(mass, kernel_y, mode="same")[cell[:, 0], cell[:, 1]]
        move = np.stack([far_x, far_y], axis=1) / size
        pairs = cKDTree(pos).query_pairs(size, output_type="ndarray").reshape(-1, 2)
        d = pos[pairs[:, 0]] - pos[pairs[:, 1]]
        move += _tie_sums(pairs, d / np.maximum((d * d).sum(axis=1), 1e-4)[:, None], n)
        move *= k * k
        d = pos[ties[:, 0]] - pos[ties[:, 1]]
        move -= _tie_sums(ties, d * (np.sqrt((d * d).sum(axis=1)) / k)[:, None], n)
        length = np.maximum(np.sqrt((move * move).sum(axis=1)), 0.01)
        pos += move * (step / length)[:, None]
        step -= cool
    placed = normalise({v: (float(x), float(y)) for v, (x, y) in zip(nodes, pos.tolist())})
    return {**placed, **strip_positions(sorted(apart, key=str))}


def compact_edges(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """The edges of a big pole in few bytes: what a tie says once, each pair as five numbers.

    A partnership of many actors gives one edge per pair of them (hundreds of thousands on
    a pole of thousands of actors); its kind, topic, dates and weight are written once in
    ``partnerships`` (``[id, kind, topic, since, until, weight]``) and each edge is
    ``source, target, partnership, bend × 1000, directed`` (indices into ``nodes`` and
    ``partnerships``) in the flat list ``pairs``.  A partnership of more than
    :data:`GROUP_ABOVE` actors is sent as its actors alone, in ``groups``
    (``[partnership, [actor indices, ascending]]``): each pair of them is a tie from the
    lower index to the higher, straight and undirected, except the pairs listed in
    ``pairs`` (a bent or directed tie), which stand for themselves.  map.js turns them back
    into the edges of :func:`map_data`, without making one object per pair of a group.

    Examples
    --------
    >>> nodes = [{"id": "a"}, {"id": "b"}]
    >>> edges = [{"partnership": "t", "source": "b", "target": "a", "kind": "cooperation", "topic": None,
    ...           "since": "2016", "until": None, "weight": 1.0, "directed": True, "bend": 0.0}]
    >>> compact_edges(nodes, edges)
    {'partnerships': [['t', 'cooperation', None, '2016', None, 1.0]], 'pairs': [1, 0, 0, 0, 1], 'groups': []}
    """
    index = {n["id"]: i for i, n in enumerate(nodes)}
    numbers: dict[str, int] = {}
    partnerships: list[list[Any]] = []
    members: list[set[int]] = []
    ties: list[list[int]] = []
    for e in edges:
        number = numbers.get(e["partnership"])
        if number is None:
            number = numbers[e["partnership"]] = len(partnerships)
            partnerships.append([e["partnership"], e["kind"], e["topic"], e["since"], e["until"], e["weight"]])
            members.append(set())
            ties.append([])
        source, target = index[e["source"]], index[e["target"]]
        members[number].update((source, target))
        ties[number] += [source, target, number, round(e["bend"] * 1000), int(e["directed"])]
    pairs: list[int] = []
    groups: list[list[Any]] = []
    for number, flat in enumerate(ties):
        if len(members[number]) <= GROUP_ABOVE:
            pairs += flat
            continue
        groups.append([number, sorted(members[number])])
        for q in range(0, len(flat), 5):
            source, target, _, bend, directed = flat[q:q + 5]
            if bend or directed or source > target:
                pairs += flat[q:q + 5]  # not the group's plain tie: it stands for itself
    return {"partnerships": partnerships, "pairs": pairs, "groups": groups}


#: Node fields that repeat few values: sent as the list of their values and one code per node.
_CODED = ("family", "category", "category_label", "legal_form", "presence", "presence_label", "status_label",
          "shape", "anchor", "joined", "left", "roles")
#: Numeric node fields and their type in the page: positions exact, the rest rounded already.
_NUMBERS = {"x": "float64", "y": "float64", "r": "float32", "lx": "float32", "ly": "float32", "lw": "float32",
            "lz": "float32", "pivot": "uint8"}


def _typed(values: Any, dtype: str) -> dict[str, str]:
    """A typed array for the page: ``{"dtype", "b64"}``, little-endian bytes in base64."""
    import base64

    import numpy as np

    array = np.ascontiguousarray(np.asarray(values, dtype=np.dtype(dtype).newbyteorder("<")))
    return {"dtype": dtype, "b64": base64.b64encode(array.tobytes()).decode("ascii")}


def packed(data: dict[str, Any]) -> dict[str, Any]:
    """The page's data with its nodes as columns and its ties as one typed array: the canvas's form.

    A national page holds 10^5 nodes: one JSON object per node (twenty keys each) is most of
    the file and of the browser's time to read it.  Here each field is one column:
    numbers (positions, radius, label places, the pivot flag) as typed arrays in base64
    (``{"dtype", "b64"}``, little-endian, decoded in the page into ``Float64Array``…),
    fields of few values (family, category, dates, roles…) as ``{"values", "codes"}`` (the
    distinct values in order of first use, one code per node), the others (id, name,
    description, contacts) as plain lists.  The compact ties' ``pairs``
    (:func:`compact_edges`) become an ``int32`` array, and their ``partnerships`` columns
    too (``{"count", "columns"}``: the ids, then kind, topic, since, until and weight coded).  The same data gives the same bytes;
    ``map.js`` reads both forms (the observatory's pole pages send plain nodes).

    Examples
    --------
    >>> data = {"nodes": [{"id": "a", "family": "ess", "x": 0.5, "r": 2.0},
    ...                   {"id": "b", "family": "ess", "x": -1.0, "r": 3.5}],
    ...         "ties": {"pairs": [1, 0, 0, 0, 1], "partnerships": [["t", "cooperation", None, "2016", None, 1.0]]}}
    >>> page = packed(data)
    >>> page["columns"]["id"], page["columns"]["family"]["values"], page["columns"]["x"]["dtype"]
    (['a', 'b'], ['ess'], 'float64')
    >>> page["columns"]["family"]["codes"], page["ties"]["pairs"]
    ({'dtype': 'uint8', 'b64': 'AAA='}, {'dtype': 'int32', 'b64': 'AQAAAAAAAAAAAAAAAAAAAAEAAAA='})
    >>> "nodes" in page, page["columns"]["count"], "nodes" in data
    (False, 2, True)
    >>> page["ties"]["partnerships"]["columns"][:2]
    [['t'], {'values': ['cooperation'], 'codes': {'dtype': 'uint8', 'b64': 'AA=='}}]
    """
    nodes = data["nodes"]
    columns: dict[str, Any] = {"count": len(nodes)}
    fields: list[str] = []
    for n in nodes:
        for key in n:
            if key not in columns and key not in fields:
                fields.append(key)
    for key in sorted(fields):
        if key in _NUMBERS:
            columns[key] = _typed([float(n.get(key) or 0) for n in nodes], _NUMBERS[key])
        elif key in _CODED:
            columns[key] = _coded([n.get(key) for n in nodes])
        else:
            columns[key] = [n.get(key) for n in nodes]
    page = {k: v for k, v in data.items() if k != "nodes"}
    page["columns"] = columns
    if "ties" in data:
        # Each pairwise tie of a national network is a partnership: its fields as columns too.
        parts = data["ties"]["partnerships"]
        page["ties"] = {**data["ties"], "pairs": _typed(data["ties"]["pairs"], "int32"), "partnerships": {
            "count": len(parts),
            "columns": [[p[0] for p in parts], *(_coded([p[at] for p in parts]) for at in range(1, 6))]}}
    return page


def _coded(column: list[Any]) -> dict[str, Any]:
    """A column of few distinct values: ``{"values", "codes"}``, values in order of first use."""
    values: list[Any] = []
    seen: dict[str, int] = {}
    codes = []
    for value in column:
        marker = json.dumps(value, sort_keys=True)
        if marker not in seen:
            seen[marker] = len(values)
            values.append(value)
        codes.append(seen[marker])
    dtype = "uint8" if len(values) <= 1 << 8 else "uint16" if len(values) <= 1 << 16 else "int32"
    return {"values": values, "codes": _typed(codes, dtype)}


def actor_card_life(d: dict[str, Any], words: dict[str, Any]) -> dict[str, Any]:
    """An actor's roles in words and the dates the slider shows it between (node data of a graph).

    An actor is shown from its creation when its arrival is not dated, and until its life
    ended (ceased, merged) when it did not leave first (:func:`ptce_kit.model.life.actor_end`).
    Shared with the observatory's pole maps, which show the same cards.
    """
    from ..model.identifiers import earliest

    return {"roles": [words["role"].get(r, r) for r in d["roles"]], "joined": d["joined"] or d.get("created"),
            "left": min((x for x in (d["left"], d.get("ceased")) if x), key=earliest, default=None),
            "pivot": bool(d["pivot"])}


def ties_by_pair(G: Any) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """The ties of ``G`` grouped by pair of actors (ids in order), as :func:`edge_records` reads them.

    A tie made for a duration, with no end date nor renewal, ends when the duration is over
    (:func:`ptce_kit.model.life.span_end`): the slider stops showing it then.
    """
    from ..model.life import span_end

    pairs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for u, v, d in G.edges(data=True):
        if not d.get("until") and d.get("duration") and d.get("since"):
            d = {**d, "until": span_end(d["since"], None, d["duration"])}
        pairs.setdefault((u, v) if u <= v else (v, u), []).append(d)
    return pairs


def map_data(
    pole: Pole,
    *,
    lang: str = "fr",
    layout: str = "spring",
    include_personal_data: bool = False,
    include_prospective: bool = False,
    seed: int = 42,
) -> dict[str, Any]:
    """Everything the page shows, as plain JSON-ready data (nodes, edges, legend, words).

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> pole = Pole(id="p", name="P", pivot="a", actors=[
    ...     {"id": "a", "name": "A", "category": "ess_enterprise", "presence": "resident",
    ...      "contacts": [{"name": "Jeanne Martin"}]},
    ...     {"id": "b", "name": "B", "category": "local_authority", "joined": "2016"}],
    ...   partnerships=[{"id": "t", "actors": ["a", "b"], "kind": "cooperation"}])
    >>> data = map_data(pole, lang="en")
    >>> [n["id"] for n in data["nodes"]], data["dates"], "contacts" in data["nodes"][0]
    (['a', 'b'], {'min': 2016, 'max': 2016}, False)
    >>> map_data(pole, include_personal_data=True)["nodes"][0]["contacts"][0]["name"]
    'Jeanne Martin'
    """
    from ..network import to_graph
    from .maps import _sizes, _source_line

    words = page_text(check_lang(lang))
    G = to_graph(pole, include_personal_data=include_personal_data, include_prospective=include_prospective)
    pos = (national_positions(G, layout, seed=seed) if len(G) > NATIONAL_ABOVE and layout in ("spring", "forceatlas2")
           else layout_positions(G, layout, pole=pole, seed=seed))
    sizes = _sizes(G, "degree")
    descriptions = {a.id: a.description for a in pole.actors}  # one look-up per actor, not a scan
    nodes = []
    for v in sorted(G.nodes, key=str):
        d = G.nodes[v]
        node = {
            "id": v, "name": d["name"], "family": d["family"], "category": d["category"],
            "category_label": words["category"].get(d["category"], d["category"]),
            "legal_form": d["legal_form"], "presence": d["presence"],
            "presence_label": words["presence"].get(d["presence"]),
            "status_label": words["status"].get(d["status"], d["status"]),
            **actor_card_life(d, words),
            "description": descriptions[v],
            "shape": _SHAPES[PRESENCE_MARKERS.get(d["presence"], "p")],
            "x": pos[v][0], "y": pos[v][1],
            # Marker radius in page units, from the same degree scale as the static map.
            "r": round(math.sqrt(sizes[v]) / 2 * 0.9, 3),
        }
        if include_personal_data:
            node["contacts"] = d.get("contacts", [])
        nodes.append(node)
    places = place_labels(nodes)
    for node in nodes:
        node.update(places.get(node["id"], {}))
    edges = edge_records(pole, ties_by_pair(G))
    present_families = {d["family"] for _, d in G.nodes(data=True)}
    present_kinds = {d["kind"] for *_, d in G.edges(data=True)}
    present_presences = {d["presence"] for _, d in G.nodes(data=True)}
    site_name = (pole.site.name if pole.site and pole.site.name else None) or pole.name
    return {
        "lang": lang,
        "layout": layout,
        "renderer": "canvas" if len(nodes) > CANVAS_ABOVE else "svg",
        "title": words["title"].format(name=pole.name),
        "source": _source_line(pole, words).replace("\n", " "),
        "site": f"{site_name} ({words['site']})",
        "rings": max((site_ring(d.get("presence")) for _, d in G.nodes(data=True)), default=1),
        "words": {k: words[k] for k in _PAGE_WORDS},
        "families": [{"id": f, "label": words["family"][f], "colour": c}
                     for f, c in FAMILY_COLOURS.items() if f in present_families],
        "kinds": [{"id": k, "label": words["kind"][k], "colour": style[2], "dash": style[1]}
                  for k, style in KIND_STYLES.items() if k in present_kinds],
        "presences": [{"id": p, "label": words["presence"][p], "shape": _SHAPES[m]}
                      for p, m in PRESENCE_MARKERS.items() if p in present_presences],
        "nodes": nodes,
        **({"ties": compact_edges(nodes, edges)} if len(nodes) > CANVAS_ABOVE else {"edges": edges}),
        "dates": _years(G),
    }


def edge_records(pole: Pole, pairs: Mapping[tuple[str, str], list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The page's ties, from the graph's edges grouped by their sorted pair of actors.

    Several ties between the same two actors are bent apart, in a fixed order (kind, then
    partnership); a directed partnership keeps its source and target, and its bend turns
    with it.  Shared by the pole's page and the observatory's pole pages.
    """
    directions = {p.id: (p.source, p.target) for p in pole.partnerships if p.directed}
    edges = []
    for (u, v), ties in sorted(pairs.items()):
        ties.sort(key=lambda d: (d["kind"], d["partnership"]))
        for i, d in enumerate(ties):
            source, target = directions.get(d["partnership"], (u, v))
            if {source, target} != {u, v}:
                source, target = u, v
            bend = 0.0 if len(ties) == 1 else 0.22 * (i - (len(ties) - 1) / 2)
            edges.append({
                "partnership": d["partnership"], "source": source, "target": target, "kind": d["kind"],
                "topic": d["topic"], "since": d["since"], "until": d["until"], "weight": d["weight"],
                "directed": d["partnership"] in directions and {source, target} == set(directions[d["partnership"]]),
                "bend": bend if (source, target) == (u, v) else -bend,
            })
    return edges


def page_body(data: dict[str, Any], words: Mapping[str, Any]) -> str:
    """The page's visible part, from its header to its data (shared by the observatory's pole pages).

    The same words, controls and landmarks wherever the map is shown; only the head (inlined
    or shared assets) and the scripts differ.
    """
    e = html.escape
    return f"""<header><h1>{e(data['title'])}</h1></header>
<aside>
  <fieldset>
    <label for="search" class="section">{e(words['search'])}</label>
    <input id="search" type="search" autocomplete="off">
    <div id="search-status" role="status"></div>
  </fieldset>
  <fieldset id="date-box">
    <label for="date" class="section">{e(words['date'])}</label>
    <input id="date" type="range" step="1">
    <div id="date-value" role="status"></div>
  </fieldset>
  <fieldset id="family-filters"><legend>{e(words['family_heading'])}</legend></fieldset>
  <fieldset id="kind-filters"><legend>{e(words['kind_heading'])}</legend></fieldset>
  <fieldset id="presence-legend"><legend>{e(words['presence_heading'])}</legend></fieldset>
  <button id="reset" type="button">{e(words['reset'])}</button>
  <section id="details" aria-live="polite"><p>{e(words['details'])}</p></section>
</aside>
<main><svg id="map" role="img" aria-label="{e(data['title'])}"></svg></main>
<footer>{e(data['source'])} · {e(words['offline'])}</footer>
<script type="application/json" id="ptce-data">{json_for_script(data)}</script>
"""


def interactive_html(pole: Pole, **options: Any) -> str:
    """The interactive map as one HTML document (a string); options as :func:`map_data`."""
    data = map_data(pole, **options)
    if data["renderer"] == "canvas":
        data = packed(data)
    words = text(data["lang"])
    e = html.escape
    return f"""<!DOCTYPE html>
<html lang="{data['lang']}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ptce-kit">
<title>{e(data['title'])}</title>
<style>
{_asset('map.css')}</style>
</head>
<body>
{page_body(data, words)}<script>
{_asset('d3-zoom-bundle.min.js')}
</script>
<script>
{_asset('map.js')}</script>
</body>
</html>
"""


def write_interactive_map(
    pole: Pole,
    path: str | Path,
    *,
    lang: str = "fr",
    include_personal_data: bool = False,
    layout: str = "spring",
    include_prospective: bool = False,
    seed: int = 42,
) -> Path:
    """Write the interactive map of a pole to one self-contained HTML file.

    Parameters
    ----------
    pole : Pole
        The pole.
    path : str or Path
        The ``.html`` file to write (atomically).
    lang : {"fr", "en"}
        Language of the page.
    include_personal_data : bool
        Put the actors' contacts in their cards (left out by default: the page is meant
        to be shared).
    layout : {"spring", "forceatlas2", "site", "geo"}
        Positions, as for the static map.
    include_prospective : bool
        Also show prospective actors.
    seed : int
        Seed of the force-directed layouts.

    Returns
    -------
    Path
        The file written.  The same data gives the same bytes.
    """
    from ..files import atomic_write

    page = interactive_html(pole, lang=lang, include_personal_data=include_personal_data, layout=layout,
                            include_prospective=include_prospective, seed=seed)
    path = Path(path)
    atomic_write(path, page)
    return path
