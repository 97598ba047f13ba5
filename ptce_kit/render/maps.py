"""The cooperation map as a static figure (PNG, SVG, PDF), drawn with matplotlib.

Nodes are coloured by family (Okabe–Ito colours, safe for colour-blind readers), shaped
by presence at the shared site and sized by a measure (number of partners by default);
the pivot structure has a black ring and a bold label.  Ties are styled by kind, with an
arrow when the partnership has a direction; two actors tied several ways get several
curved lines.  The legend, title and source line are in the document's language.

Labels are placed one by one around their node (the pivot and the biggest first), each
where it covers no other label and no node, measured on the rendered text, so that the
map stays readable.  Each text is measured once and its candidate places are checked
against a grid of the boxes already placed, so that a map of thousands of actors is
labelled in seconds; on a crowded map (more than :data:`CROWDED` actors) a label with
no free place is left out.  Above :data:`NAMED_ABOVE` actors (a national graph), only the
pivot and the actors with the most ties (about :data:`NAMED` of them) are candidates for a
label, and the legend states the threshold.  Straight ties are drawn as one line
collection per line style, curved ones (two actors tied several ways) and arrows as
patches.

Outputs are byte-identical for the same data: seeded layouts, sorted nodes, no dates in
the files' metadata, a fixed SVG hash salt.

>>> from ptce_kit.render.maps import MAP_FORMATS
>>> MAP_FORMATS
('.png', '.svg', '.pdf')
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Container, Hashable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import PoleError
from ..i18n import Message, N_
from ..network.measures import SINGLE_MEASURES
from .layouts import STRIP_TOP, geo_positions, isolated_apart, layout_positions, site_ring
from ..model import FAMILY_COLOURS
from .map_text import KIND_STYLES, PRESENCE_MARKERS, check_lang, text

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text
    from matplotlib.typing import RcKeyType

    from ..model import Pole

__all__ = [
    "MAP_FORMATS", "SIZE_MEASURES", "map_figure", "draw_map", "small_multiples_figure",
    "small_multiples", "composition_figure", "save_figure", "label_boxes", "named_actors",
]

MAP_FORMATS = (".png", ".svg", ".pdf")
#: Measures a node can be sized by: each measure :func:`~ptce_kit.network.measures.actor_measure`
#: computes on its own (the same tuple, so that a new measure is offered by maps at once).
SIZE_MEASURES = SINGLE_MEASURES

DEFAULT_DPI = 150
#: Above this many actors, a label that finds no free place is left out of the static map.
CROWDED = 60
#: Above this many actors only the pivot and the :data:`NAMED` actors with the most ties
#: (all those with as many ties as the last of them, unless that makes more) may be named.
NAMED_ABOVE = 1_000
NAMED = 150
DEFAULT_SIZE = (12.0, 8.0)  # inches
_CREATOR = "ptce-kit"
_LABEL_WIDTH = 24  # characters before a label wraps
_NODE_MIN, _NODE_SPAN, _NODE_DEFAULT = 140.0, 1000.0, 380.0  # marker areas, points²


def _new_figure(figsize: tuple[float, float], dpi: int) -> Figure:
    """A figure on its own Agg canvas: no pyplot, no global state, text extents measurable."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, dpi=dpi)
    FigureCanvasAgg(fig)
    return fig


def _rc() -> dict[RcKeyType, Any]:
    return {
        "svg.hashsalt": "ptce-kit",  # ids in SVG files are random without it
        "svg.fonttype": "none",  # labels stay text in SVG: searchable, selectable
        "pdf.fonttype": 42,
        "font.family": "DejaVu Sans",
        "axes.unicode_minus": False,
        "text.parse_math": False,  # a name with "$" is text, not mathtext (which may not parse)
    }


def save_figure(fig: Figure, path: str | Path, *, dpi: int = DEFAULT_DPI) -> Path:
    """Write a figure atomically as PNG, SVG or PDF (by the file's suffix), with no date inside."""
    from ..files import atomic_write

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in MAP_FORMATS:
        raise PoleError.single(
            Message("cannot draw a map as {suffix}", suffix=suffix) if suffix
            else N_("cannot draw a map as a file without suffix"),
            file=path, hint=N_("name the output .png, .svg or .pdf (or use --html for the interactive map)"),
            code="PTCE-E502",
        )
    fmt = suffix[1:]
    by_format: dict[str, dict[str, Any]] = {
        "png": {"Software": _CREATOR},
        "svg": {"Date": None, "Creator": _CREATOR},
        "pdf": {"Creator": _CREATOR, "CreationDate": None, "ModDate": None},
    }
    metadata = by_format[fmt]
    import matplotlib

    buffer = io.BytesIO()
    with matplotlib.rc_context(_rc()):
        if fmt == "png":
            _save_png(fig, buffer, dpi, metadata)
        else:
            fig.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata, facecolor="white")
    atomic_write(path, buffer.getvalue())
    return path


def _save_png(fig: Figure, buffer: io.BytesIO, dpi: int, metadata: Mapping[str, str]) -> None:
    """A PNG in RGB: the map is on white, an alpha channel would only make the file larger and slower."""
    from PIL import Image, PngImagePlugin

    raw = io.BytesIO()
    fig.savefig(raw, format="rgba", dpi=dpi, facecolor="white")
    # The canvas keeps the renderer it has just drawn with, at the saved resolution.
    renderer = fig.canvas.renderer  # type: ignore[attr-defined]
    size = (int(renderer.width), int(renderer.height))
    # A memoryview is a buffer, which Pillow's annotations leave out.
    image = Image.frombuffer("RGBA", size, raw.getbuffer(), "raw", "RGBA", 0, 1).convert("RGB")  # type: ignore[arg-type]
    info = PngImagePlugin.PngInfo()
    for key, value in metadata.items():
        info.add_text(key, value)
    image.save(buffer, format="png", pnginfo=info, dpi=(dpi, dpi))


def _graph(pole: Pole, at: str | None, include_prospective: bool) -> nx.MultiGraph:
    from ..network import to_graph

    return to_graph(pole, at=at, include_prospective=include_prospective)


def _sizes(G: nx.MultiGraph, size_by: str | None) -> dict[Hashable, float]:
    """Marker areas (points²) from a measure, the largest actor at the top of the scale."""
    # Past 30 actors markers shrink, so that a large pole is not a heap of discs.
    scale = min(1.0, math.sqrt(30 / len(G))) if len(G) else 1.0
    return {v: area * scale for v, area in _areas(G, size_by).items()}


def _areas(G: nx.MultiGraph, size_by: str | None) -> dict[Hashable, float]:
    if size_by in (None, "none"):
        return {v: _NODE_DEFAULT for v in G}
    if size_by not in SIZE_MEASURES:
        raise PoleError.single(Message("cannot size nodes by {measure!r}", measure=size_by), path=("size_by",),
                               hint=Message("choose among {choices}", choices=", ".join(SIZE_MEASURES)),
                               code="PTCE-E102")
    from ..network.measures import actor_measure

    values = {v: float(value or 0.0) for v, value in actor_measure(G, size_by).items()} if len(G) else {}
    top = max(values.values(), default=0.0)
    if top <= 0:
        return {v: _NODE_DEFAULT for v in G}
    return {v: _NODE_MIN + _NODE_SPAN * math.sqrt(values.get(v, 0.0) / top) for v in G}


def _wrap(name: str) -> str:
    return "\n".join(textwrap.wrap(name, _LABEL_WIDTH, break_long_words=False)) or name


def _directions(pole: Pole | None) -> dict[str, tuple[str, str]]:
    if pole is None:
        return {}
    return {p.id: (p.source, p.target) for p in pole.partnerships if p.directed and p.source and p.target}


def _draw_edges(ax: Axes, G: nx.MultiGraph, pos: Mapping[Hashable, tuple[float, float]],
                sizes: Mapping[Hashable, float], directions: Mapping[str, tuple[str, str]],
                alpha: float = 0.85) -> None:
    from matplotlib.patches import FancyArrowPatch

    # The straight ties without arrow (most of them) are drawn as line collections, one per
    # line style: a patch is shrunk by bezier splitting at drawing time, which costs a
    # third of a small map's drawing and minutes for thousands of ties.
    bulk: dict[str, list[tuple[str, str, str, float]]] = {}
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for u, v, data in G.edges(data=True):
        pairs.setdefault(tuple(sorted((str(u), str(v)))), []).append(data)  # type: ignore[arg-type]
    for (u, v), ties in sorted(pairs.items()):
        ties.sort(key=lambda d: (str(d.get("kind")), str(d.get("partnership"))))
        k = len(ties)
        for i, data in enumerate(ties):
            rad = 0.0 if k == 1 else 0.22 * (i - (k - 1) / 2)
            a, b = u, v
            direction = directions.get(data.get("partnership") or "")
            arrow = direction is not None and {a, b} == set(direction)
            if arrow and direction is not None:
                a, b = direction
                # Keep the curve on the same side whichever way the arrow points.
                rad = rad if (a, b) == (u, v) else -rad
            style, _, colour = KIND_STYLES.get(data.get("kind") or "", KIND_STYLES["partnership"])
            width = 1.0 + 0.5 * min(float(data.get("weight") or 1.0) - 1.0, 4.0)
            if k == 1 and not arrow:
                bulk.setdefault(style, []).append((a, b, colour, width))
                continue
            patch = FancyArrowPatch(
                pos[a], pos[b], connectionstyle=f"arc3,rad={rad:.3f}",
                arrowstyle="-|>" if arrow else "-", mutation_scale=11,
                linestyle=style, linewidth=width, color=colour, alpha=alpha,
                shrinkA=math.sqrt(sizes[a]) / 2 + 1, shrinkB=math.sqrt(sizes[b]) / 2 + 2, zorder=1,
            )
            # The frame is set (:func:`_frame`): add_patch would recompute the data limits
            # from the patch's bezier path, for nothing.
            ax.add_artist(patch)
    if bulk:
        _straight_ties(ax, bulk, pos, sizes, alpha)


def _straight_ties(ax: Axes, bulk: Mapping[str, Sequence[tuple[str, str, str, float]]],
                   pos: Mapping[Hashable, tuple[float, float]], sizes: Mapping[Hashable, float],
                   alpha: float) -> None:
    """Straight ties as one line collection per line style, cut short at the nodes as a patch would be."""
    from matplotlib.collections import LineCollection

    ax.apply_aspect()
    # Data units per point (the axes keep an equal aspect): ties stop at the markers' edge.
    (x0, _), (x1, _) = ax.transData.transform([(0.0, 0.0), (1.0, 0.0)])
    per_point = 72.0 / ax.figure.dpi / (x1 - x0)
    import numpy as np

    for style, ties in sorted(bulk.items(), key=lambda kv: str(kv[0])):
        # On whole arrays: a national map has hundreds of thousands of ties.
        a = np.array([pos[t[0]] for t in ties], dtype=float).reshape(-1, 2)
        b = np.array([pos[t[1]] for t in ties], dtype=float).reshape(-1, 2)
        cut_a = (np.sqrt([sizes[t[0]] for t in ties]) / 2 + 1) * per_point
        cut_b = (np.sqrt([sizes[t[1]] for t in ties]) / 2 + 2) * per_point
        delta = b - a
        length = np.hypot(delta[:, 0], delta[:, 1])
        shown = length > cut_a + cut_b  # otherwise the markers touch: nothing of the tie shows
        unit = delta[shown] / length[shown, None]
        segments = np.stack([a[shown] + unit * cut_a[shown, None], b[shown] - unit * cut_b[shown, None]], axis=1)
        colours = [t[2] for t, keep in zip(ties, shown) if keep]
        widths = [t[3] for t, keep in zip(ties, shown) if keep]
        # One colour per kind of tie, hence per style: given once rather than per segment.
        colour: Any = colours[0] if len(set(colours)) == 1 else colours
        ax.add_collection(LineCollection(list(segments), colors=colour, linewidths=widths, linestyles=style,
                                         alpha=alpha, zorder=1), autolim=False)


def _draw_nodes(ax: Axes, G: nx.MultiGraph, pos: Mapping[Hashable, tuple[float, float]],
                sizes: Mapping[Hashable, float]) -> None:
    nodes = sorted(G.nodes, key=str)
    pivots = [v for v in nodes if G.nodes[v].get("pivot")]
    for v in pivots:
        marker = PRESENCE_MARKERS.get(G.nodes[v].get("presence"), "p")
        ax.scatter([pos[v][0]], [pos[v][1]], s=sizes[v] * 1.9, marker=marker, c="white",
                   edgecolors="black", linewidths=2.4, zorder=2)
    for presence, marker in PRESENCE_MARKERS.items():
        group = [v for v in nodes if G.nodes[v].get("presence") == presence]
        if not group:
            continue
        ax.scatter([pos[v][0] for v in group], [pos[v][1] for v in group],
                   s=[sizes[v] for v in group], marker=marker,
                   c=[FAMILY_COLOURS.get(G.nodes[v].get("family"), "#999999") for v in group],
                   edgecolors="white", linewidths=1.2, zorder=3)


Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in display pixels


def _overlap(a: Box, b: Box) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


# Candidate label positions: (dx, dy) unit direction, horizontal and vertical alignment.
_SLOTS = [
    ((1, 0), "left", "center"), ((-1, 0), "right", "center"), ((0, 1), "center", "bottom"),
    ((0, -1), "center", "top"), ((0.75, 0.75), "left", "bottom"), ((-0.75, 0.75), "right", "bottom"),
    ((0.75, -0.75), "left", "top"), ((-0.75, -0.75), "right", "top"),
]
# Where a text box starts, in widths (heights) left of (under) its anchor, by alignment.
_HA_SHIFT = {"left": 0.0, "center": 0.5, "right": 1.0}
_VA_SHIFT = {"bottom": 0.0, "center": 0.5, "top": 1.0}
_CELL = 48.0  # pixels: the side of a cell of the grid of placed boxes


class _BoxGrid:
    """Boxes filed by the grid cells they cover, so that a box meets only its neighbours.

    Each box is filed in a cell keyed ``(column, row)``; :meth:`near` gives the numbers
    of the boxes that share a cell with a box, in the order they were added (sums of
    overlaps then add up in the same order as over the whole list, to the last bit).
    """

    def __init__(self) -> None:
        self.boxes: list[Box] = []
        self.cells: dict[tuple[int, int], list[int]] = {}

    def _keys(self, box: Box) -> Iterable[tuple[int, int]]:
        for i in range(math.floor(box[0] / _CELL), math.floor(box[2] / _CELL) + 1):
            for j in range(math.floor(box[1] / _CELL), math.floor(box[3] / _CELL) + 1):
                yield i, j

    def add(self, box: Box) -> int:
        n = len(self.boxes)
        self.boxes.append(box)
        for key in self._keys(box):
            self.cells.setdefault(key, []).append(n)
        return n

    def near(self, box: Box) -> list[int]:
        found: set[int] = set()
        for key in self._keys(box):
            found.update(self.cells.get(key, ()))
        return sorted(found)

    def meets(self, box: Box, but: Any = None, owners: Sequence[Any] = ()) -> bool:
        """Whether ``box`` overlaps a filed box (not counting the boxes of the owner ``but``)."""
        seen: set[int] = set()
        for key in self._keys(box):
            for i in self.cells.get(key, ()):
                if i not in seen:
                    seen.add(i)
                    if _overlap(box, self.boxes[i]) > 0 and (but is None or owners[i] != but):
                        return True
        return False


def _free(box: Box, frame: Box, taken: _BoxGrid, nodes: _BoxGrid, owners: Sequence[Any], v: Any) -> bool:
    """Whether a label's box lies inside the frame and clear of every other label and node."""
    inside = box[0] >= frame[0] and box[1] >= frame[1] and box[2] <= frame[2] and box[3] <= frame[3]
    return inside and not taken.meets(box) and not nodes.meets(box, v, owners)


def _text_size(text: Text, renderer: Any) -> tuple[float, float]:
    """Width and height (pixels) of a text as drawn; they do not depend on where it stands."""
    box = text.get_window_extent(renderer)
    return box.width, box.height


def _candidates(x: float, y: float, slots: Sequence[Any], radius: float, to_px: float, width: float,
                height: float) -> Iterable[tuple[tuple[float, float], str, str, Box]]:
    """The places of a label of ``width`` × ``height`` pixels around the node at (x, y), best first.

    Each is (offset from the node in points, alignments, box in pixels padded by 1.5);
    rings farther and farther from the node, ``radius`` points from its centre for the first.
    """
    for reach in (1.0, 1.8, 2.8, 4.0):
        for (dx, dy), ha, va in slots:
            offset = (dx * radius * reach, dy * radius * reach)
            x0 = x + offset[0] * to_px - _HA_SHIFT[ha] * width
            y0 = y + offset[1] * to_px - _VA_SHIFT[va] * height
            yield offset, ha, va, (x0 - 1.5, y0 - 1.5, x0 + width + 1.5, y0 + height + 1.5)


def named_actors(G: nx.MultiGraph) -> tuple[set[Hashable] | None, int]:
    """The actors a map may name, and the least number of ties that names one.

    ``(None, 0)`` up to :data:`NAMED_ABOVE` actors: every actor may be named.  Above, the
    pivot and the actors with at least ``k`` ties, ``k`` the ties of the :data:`NAMED`-th
    actor by ties (one more when ties at ``k`` would make more than :data:`NAMED`).

    >>> import networkx as nx
    >>> named_actors(nx.MultiGraph(nx.star_graph(3)))
    (None, 0)
    """
    if len(G) <= NAMED_ABOVE:
        return None, 0
    degrees = dict(G.degree())
    ranked = sorted(degrees.values(), reverse=True)
    k = ranked[min(NAMED, len(ranked)) - 1]
    if sum(1 for d in ranked if d >= k) > NAMED:
        k += 1
    pivot = G.graph.get("pivot")
    return {v for v, d in degrees.items() if d >= k or v == pivot}, k


def _named_note(k: int, lang: str) -> str:
    """The legend's line saying which actors a national map names."""
    from ..i18n import ngettext
    from .typography import format_number

    return ngettext("Named: the pivot and the actors with at least {k} tie (above {limit} actors), where a free "
                    "place is found; the interactive map names every actor.",
                    "Named: the pivot and the actors with at least {k} ties (above {limit} actors), where a free "
                    "place is found; the interactive map names every actor.", k, lang).format(
        k=format_number(k, lang), limit=format_number(NAMED_ABOVE, lang))


def _place_labels(ax: Axes, G: nx.MultiGraph, pos: Mapping[Hashable, tuple[float, float]],
                  sizes: Mapping[Hashable, float], *, fontsize: float,
                  fixed: Sequence[Text] = (), named: Container[Hashable] | None = None) -> list[Text]:
    """Put every actor's label beside its node, where it covers no other label, node or edge of the axes.

    Each label's text is measured once; its box at each candidate place follows by
    arithmetic (a box shifted by the offset and the alignment), and is compared only with
    the boxes of nodes and labels in the grid cells it covers.  With ``named``, only those
    actors are labelled (:func:`named_actors`).
    """
    from matplotlib.text import Text as PlainText
    from matplotlib.transforms import IdentityTransform

    fig = ax.figure
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    ax.apply_aspect()
    to_px = fig.dpi / 72.0
    fb = ax.get_window_extent(renderer)
    frame: Box = (fb.x0, fb.y0, fb.x1, fb.y1)
    anchors = {v: tuple(xy) for v, xy in zip(G, ax.transData.transform([pos[v] for v in G]))} if len(G) else {}
    # Nodes and labels in two grids: costs add labels first, then nodes, as they always did.
    nodes, taken = _BoxGrid(), _BoxGrid()
    owner = []
    for v in G:
        x, y = anchors[v]
        r = math.sqrt(sizes[v]) / 2 * to_px * (1.35 if G.nodes[v].get("pivot") else 1.0)
        nodes.add((x - r, y - r, x + r, y + r))
        owner.append(v)
    for t in fixed:
        b = t.get_window_extent(renderer)
        taken.add((b.x0, b.y0, b.x1, b.y1))
    centre = ax.transData.transform((0, 0))
    order = sorted((v for v in G.nodes if named is None or v in named),
                   key=lambda v: (not G.nodes[v].get("pivot"), -sizes[v], str(v)))
    crowded = len(G) > CROWDED
    # One text, never drawn, measures every label (a label's size is that of its text).
    gauge = {weight: PlainText(0, 0, "", fontsize=fontsize, fontweight=weight, transform=IdentityTransform(),
                               figure=fig) for weight in ("normal", "bold")}
    # The height of one line of text: no label is lower ("lp" has an ascender and a descender).
    line = {}
    for weight, meter in gauge.items():
        meter.set_text("lp")
        line[weight] = _text_size(meter, renderer)[1] - 0.01
    labels: list[Text] = []
    for v in order:
        data = G.nodes[v]
        x, y = anchors[v]
        # Try first the side facing away from the centre: labels then fan out from the hub.
        away = math.atan2(y - centre[1], x - centre[0])
        slots = sorted(_SLOTS, key=lambda s: -(s[0][0] * math.cos(away) + s[0][1] * math.sin(away)))
        radius = math.sqrt(sizes[v]) / 2 * (1.35 if data.get("pivot") else 1.0) + 2.5
        weight = "bold" if data.get("pivot") else "normal"
        name = _wrap(str(data.get("name") or v))
        droppable = crowded and not data.get("pivot")
        if droppable and not any(_free(box, frame, taken, nodes, owner, v)
                                 for *_, box in _candidates(x, y, slots, radius, to_px, 1.0, line[weight])):
            # Not even a one-pixel-wide line of text finds a free place: the label, which
            # holds one in each place, cannot either (no need to measure it).
            continue
        gauge[weight].set_text(name)
        width, height = _text_size(gauge[weight], renderer)
        best = None
        for offset, ha, va, box in _candidates(x, y, slots, radius, to_px, width, height):
            if droppable:
                # Only a free place will do: stop at the first box in the way.
                cost = 0.0 if _free(box, frame, taken, nodes, owner, v) else math.inf
            else:
                cost = sum(_overlap(box, taken.boxes[i]) for i in taken.near(box))
                cost += sum(_overlap(box, nodes.boxes[i]) for i in nodes.near(box) if owner[i] != v)
                area = (box[2] - box[0]) * (box[3] - box[1])
                cost += 4 * (area - _overlap(box, frame))
            if best is None or cost < best[0]:
                best = (cost, offset, ha, va, box)
            if cost == 0:
                break
        assert best is not None
        if best[0] > 0 and droppable:
            # On a crowded map a label with no free place is left out rather than heaped on
            # others; the interactive map shows every name.
            continue
        _, offset, ha, va, box = best
        style: dict[str, Any] = {
            "fontsize": fontsize, "fontweight": weight, "color": "#111111",
            "zorder": 5, "annotation_clip": False, "gid": f"label-{v}", "ha": ha, "va": va,
            # A light box (not a path effect, which would turn SVG text into paths): a label
            # crossing a tie stays legible.
            "bbox": {"boxstyle": "square,pad=0.08", "fc": "white", "ec": "none", "alpha": 0.8},
        }
        if math.hypot(*offset) > radius * 1.5:
            # A label pushed away from its node gets a thin leader line back to it.
            style["arrowprops"] = {"arrowstyle": "-", "color": "#8A8A8A", "linewidth": 0.6,
                                   "shrinkA": 0, "shrinkB": radius - 2}
        labels.append(ax.annotate(name, xy=pos[v], xytext=offset, textcoords="offset points", **style))
        taken.add((box[0] + 1.5, box[1] + 1.5, box[2] - 1.5, box[3] - 1.5))
    return labels


def _text_box(text: Text, renderer: Any) -> Any:
    """The box of a label's text alone (an annotation's own extent includes its leader line)."""
    from matplotlib.text import Annotation, Text

    if isinstance(text, Annotation):
        text.update_positions(renderer)  # places the text at its offset from the node
    return Text.get_window_extent(text, renderer)


def label_boxes(fig: Figure) -> dict[str, Any]:
    """The rendered box (display pixels) of each actor label of a map, by actor id.

    Used to check that no label covers another.
    """
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes = {}
    for ax in fig.axes:
        for t in ax.texts:
            gid = t.get_gid() or ""
            if gid.startswith("label-"):
                boxes[f"{ax.get_label()}:{gid[6:]}" if ax.get_label() else gid[6:]] = _text_box(t, renderer)
    return boxes


def _legend(ax: Axes, G: nx.MultiGraph, words: Mapping[str, Any], size_by: str | None, note: str = "") -> None:
    from matplotlib.lines import Line2D

    ax.axis("off")
    families = [f for f in FAMILY_COLOURS if any(d.get("family") == f for _, d in G.nodes(data=True))]
    presences = [p for p in PRESENCE_MARKERS if any(d.get("presence") == p for _, d in G.nodes(data=True))]
    kinds = [k for k in KIND_STYLES if any(d.get("kind") == k for *_, d in G.edges(data=True))]
    sections = []
    sections.append((words["family_heading"], [
        Line2D([], [], marker="o", linestyle="", markersize=10, markerfacecolor=FAMILY_COLOURS[f],
               markeredgecolor="white", label=words["family"][f]) for f in families]))
    sections.append((words["presence_heading"], [
        Line2D([], [], marker=PRESENCE_MARKERS[p], linestyle="", markersize=9, markerfacecolor="#888888",
               markeredgecolor="white", label=words["presence"][p]) for p in presences]))
    kind_handles = [Line2D([], [], linestyle=KIND_STYLES[k][0], color=KIND_STYLES[k][2], linewidth=1.8,
                           label=words["kind"][k]) for k in kinds]
    if any(d.get("directed") for *_, d in G.edges(data=True)):
        kind_handles.append(Line2D([], [], color="#444444", linewidth=1.2, marker=">", markersize=7,
                                   label=words["directed"]))
    if G.graph.get("pivot") in G:
        kind_handles.append(Line2D([], [], marker="o", linestyle="", markersize=12, markerfacecolor="white",
                                   markeredgecolor="black", markeredgewidth=2.2, label=words["pivot"]))
    sections.append((words["kind_heading"], kind_handles))
    y = 1.0
    for title, handles in sections:
        if not handles:
            continue
        legend = ax.legend(handles=handles, title=title, loc="upper left", bbox_to_anchor=(0.0, y),
                           frameon=False, fontsize=9, title_fontsize=10, alignment="left",
                           handlelength=2.6, borderaxespad=0.0)
        ax.add_artist(legend)
        # The next section starts under this one, measured on the drawn legend.
        box = legend.get_window_extent(ax.figure.canvas.get_renderer())  # type: ignore[attr-defined]
        y = ax.transAxes.inverted().transform((box.x0, box.y0))[1] - 0.05
    if size_by not in (None, "none"):
        ax.text(0.0, y - 0.01, words["size_note"].format(measure=words["measure"].get(size_by, size_by)),
                transform=ax.transAxes, fontsize=9, color="#333333", va="top")
        y -= 0.04
    if note:
        ax.text(0.0, y - 0.01, textwrap.fill(note, 42), transform=ax.transAxes, fontsize=8, color="#333333", va="top")


def _source_line(pole: Pole, words: Mapping[str, Any]) -> str:
    source = pole.sources[0] if pole.sources else words["source_default"].format(name=pole.name)
    line = words["source"].format(source=" ".join(source.split()))
    return "\n".join(textwrap.wrap(line, 150)[:2])


def _title(pole: Pole, words: Mapping[str, Any], at: str | None) -> str:
    title: str = (words["title_at"] if at else words["title"]).format(name=pole.name, at=at)
    return title


def _frame(ax: Axes, pos: Mapping[Hashable, tuple[float, float]], margin: float = 0.32) -> None:
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    ax.set_xlim(min(xs) - margin, max(xs) + margin)
    ax.set_ylim(min(ys) - margin * 0.7, max(ys) + margin * 0.7)
    ax.set_aspect("equal", adjustable="box")
    ax.axis("off")


def _draw_site(ax: Axes, pole: Pole, G: nx.MultiGraph, words: Mapping[str, Any], fontsize: float) -> list[Text]:
    """The shared place at the centre and the faint rings of the ``site`` layout.

    ``G`` is the graph the positions were computed on (the whole history, for small
    multiples), so that the rings match them.
    """
    from matplotlib.patches import Circle

    rings = sorted({site_ring(d.get("presence")) for v, d in G.nodes(data=True)
                    if not (d.get("pivot") and d.get("presence") == "resident")}) or [1]
    outer = max(rings, default=1)
    for ring in (1, 2, 3):
        if ring <= outer:
            ax.add_patch(Circle((0, 0), ring / outer, fill=False, edgecolor="#DDDDDD", linewidth=0.8, zorder=0))
    # The place holds its residents: its disc reaches halfway to the second ring.
    disc = 1.5 / outer
    ax.add_patch(Circle((0, 0), disc, facecolor="#F4F4F4", edgecolor="#BBBBBB", linewidth=0.8, zorder=0))
    name = (pole.site.name if pole.site and pole.site.name else None) or pole.name
    label = ax.text(0, disc - 0.03, f"{_wrap(name)}\n({words['site']})", ha="center", va="top",
                    fontsize=fontsize, color="#555555", style="italic", zorder=5)
    return [label]


def _draw_panel(ax: Axes, pole: Pole, G: nx.MultiGraph, pos: Mapping[Hashable, tuple[float, float]],
                sizes: Mapping[Hashable, float], words: Mapping[str, Any], *, layout: str,
                fontsize: float, ghosts: Iterable[Hashable] = (), apart: Sequence[Hashable] = (),
                apart_words: str = "no_position", placed: nx.MultiGraph | None = None,
                named: Container[Hashable] | None = None) -> None:
    """Draw one map on ``ax``: ``G`` at the positions ``pos`` computed on ``placed`` (default ``G``)."""
    placed = G if placed is None else placed
    ghosts = [v for v in ghosts if v not in G]
    if ghosts:
        ax.scatter([pos[v][0] for v in ghosts], [pos[v][1] for v in ghosts], s=40, c="#E4E4E4", zorder=1,
                   edgecolors="none")
    fixed: list[Text] = []
    if layout == "site":
        fixed = _draw_site(ax, pole, placed, words, fontsize)
    if apart:
        # Actors set apart (no known position, no tie) stand in a strip under the map, under a rule.
        ax.axhline(STRIP_TOP, color="#BBBBBB", linewidth=0.8, linestyle=(0, (4, 3)), zorder=0)
        fixed.append(ax.text(ax.get_xlim()[0] + 0.02, STRIP_TOP - 0.02, words[apart_words], fontsize=fontsize,
                             color="#777777", style="italic", va="top"))
    _draw_edges(ax, G, pos, sizes, _directions(pole))
    _draw_nodes(ax, G, pos, sizes)
    _place_labels(ax, G, pos, sizes, fontsize=fontsize, fixed=fixed, named=named)


def _apart(G: nx.MultiGraph, pole: Pole, layout: str) -> tuple[list[Hashable], str]:
    """The actors a layout sets apart under the map, and the words for them."""
    if layout == "geo":
        return geo_positions(G, pole)[1], "no_position"
    if layout in ("spring", "forceatlas2"):
        return isolated_apart(G), "no_tie"
    return [], "no_tie"


def map_figure(
    pole: Pole,
    *,
    layout: str = "spring",
    at: str | None = None,
    lang: str = "fr",
    size_by: str | None = "degree",
    include_prospective: bool = False,
    figsize: tuple[float, float] = DEFAULT_SIZE,
    dpi: int = DEFAULT_DPI,
    seed: int = 42,
) -> Figure:
    """The cooperation map of a pole as a matplotlib figure (not saved: see :func:`draw_map`).

    Parameters are those of :func:`draw_map`.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> pole = Pole(id="p", name="P", pivot="a", actors=[
    ...     {"id": "a", "name": "A", "category": "ess_enterprise", "presence": "resident"},
    ...     {"id": "b", "name": "B", "category": "local_authority"}],
    ...   partnerships=[{"id": "t", "actors": ["a", "b"], "kind": "cooperation"}])
    >>> fig = map_figure(pole, lang="en")
    >>> sorted(label_boxes(fig))
    ['a', 'b']
    """
    words = text(check_lang(lang))
    G = _graph(pole, at, include_prospective)
    pos = layout_positions(G, layout, pole=pole, seed=seed)
    sizes = _sizes(G, size_by)
    import matplotlib

    with matplotlib.rc_context(_rc()):
        fig = _new_figure(figsize, dpi)
        fig.text(0.015, 0.975, _title(pole, words, at), fontsize=15, fontweight="bold", va="top")
        fig.text(0.015, 0.012, _source_line(pole, words), fontsize=7.5, color="#555555", va="bottom")
        ax = fig.add_axes((0.01, 0.06, 0.74, 0.86))
        _frame(ax, pos if layout != "site" else {**pos, "_": (1.0, 1.0), "__": (-1.0, -1.0)})
        apart, apart_words = _apart(G, pole, layout)
        named, k = named_actors(G)
        _draw_panel(ax, pole, G, pos, sizes, words, layout=layout, fontsize=8.5, apart=apart, apart_words=apart_words,
                    named=named)
        _legend(fig.add_axes((0.77, 0.08, 0.22, 0.82)), G, words, size_by,
                note=_named_note(k, words["lang"]) if named is not None else "")
    return fig


def draw_map(
    pole: Pole,
    path: str | Path,
    *,
    layout: str = "spring",
    at: str | None = None,
    lang: str = "fr",
    size_by: str | None = "degree",
    include_prospective: bool = False,
    dpi: int = DEFAULT_DPI,
    figsize: tuple[float, float] = DEFAULT_SIZE,
    seed: int = 42,
) -> Path:
    """Draw the cooperation map of a pole to a PNG, SVG or PDF file.

    Parameters
    ----------
    pole : Pole
        The pole, e.g. from :func:`ptce_kit.load_pole`.
    path : str or Path
        The file to write; its suffix (``.png``, ``.svg``, ``.pdf``) chooses the format.
    layout : {"spring", "forceatlas2", "site", "geo"}
        Where actors go (see :mod:`ptce_kit.render.layouts`).
    at : str, optional
        A partial date: the pole as it stood then (see :func:`~ptce_kit.network.to_graph`).
    lang : {"fr", "en"}
        Language of the title, legend and source line.
    size_by : str or None
        The measure nodes are sized by (``degree`` by default, ``betweenness``…, see
        :data:`SIZE_MEASURES`); ``None`` for equal sizes.
    include_prospective : bool
        Also draw prospective actors (left out by default, as in the graph).
    dpi : int
        Resolution of a PNG (150 by default: 1800 × 1200 pixels at the default size).
    figsize : (float, float)
        Width and height in inches.
    seed : int
        Seed of the force-directed layouts.

    Returns
    -------
    Path
        The file written (atomically).
    """
    fig = map_figure(pole, layout=layout, at=at, lang=lang, size_by=size_by,
                     include_prospective=include_prospective, figsize=figsize, dpi=dpi, seed=seed)
    return save_figure(fig, path, dpi=dpi)


def _count(n: int, one: str, many: str, words: Mapping[str, Any]) -> str:
    """``n`` and the noun, singular or plural (« 0 acteur » in French, "0 actors" in English)."""
    from .map_text import count

    return count(n, words[one], words[many], words["lang"])


def small_multiples_figure(
    pole: Pole,
    years: Sequence[str | int],
    *,
    layout: str = "spring",
    lang: str = "fr",
    size_by: str | None = "degree",
    ncols: int | None = None,
    panel_size: float = 4.6,
    dpi: int = DEFAULT_DPI,
    seed: int = 42,
) -> Figure:
    """The map at several dates side by side, every actor at the same place in each panel.

    Positions come from the whole history, so an actor does not move from one date to the
    next; actors not (yet, or no longer) in the pole at a date are faint grey dots.
    """
    words = text(check_lang(lang))
    if not years:
        raise PoleError.single(N_("no date to draw"), path=("years",),
                               hint=N_("give at least one year, e.g. 2014 2018 2024"), code="PTCE-E503")
    whole = _graph(pole, None, False)
    pos = layout_positions(whole, layout, pole=pole, seed=seed)
    count = len(years)
    ncols = ncols or min(count, 3)
    nrows = math.ceil(count / ncols)
    import matplotlib

    with matplotlib.rc_context(_rc()):
        fig = _new_figure((panel_size * ncols + 2.6, panel_size * nrows + 1.0), dpi)
        top = 1 - 0.7 / fig.get_figheight()
        bottom = 0.45 / fig.get_figheight()
        right = 1 - 2.6 / fig.get_figwidth()
        fig.text(0.01, 1 - 0.12 / fig.get_figheight(), _title(pole, words, None), fontsize=14, fontweight="bold",
                 va="top")
        fig.text(0.01, 0.08 / fig.get_figheight(), _source_line(pole, words), fontsize=7, color="#555555",
                 va="bottom")
        width = right / ncols
        height = (top - bottom) / nrows
        frame_pos = pos if layout != "site" else {**pos, "_": (1.0, 1.0), "__": (-1.0, -1.0)}
        apart, apart_words = _apart(whole, pole, layout)
        # The same actors may be named in every panel: those of the whole history.
        named, k = named_actors(whole)
        for i, year in enumerate(years):
            at = str(year)
            G = _graph(pole, at, False)
            row, col = divmod(i, ncols)
            ax = fig.add_axes((col * width + 0.005, top - (row + 1) * height, width - 0.01, height - 0.05),
                              label=at)
            _frame(ax, frame_pos)
            _draw_panel(ax, pole, G, pos, _sizes(G, size_by), words, layout=layout, fontsize=6.5,
                        ghosts=whole.nodes, apart=apart, apart_words=apart_words, placed=whole, named=named)
            ax.set_title(f"{at} · {_count(G.number_of_nodes(), 'actor_one', 'actors_axis', words)}, "
                         f"{_count(G.number_of_edges(), 'tie_one', 'ties_axis', words)}", fontsize=11, loc="left")
        _legend(fig.add_axes((right + 0.01, 0.1, 1 - right - 0.015, top - 0.12)), whole, words, size_by,
                note=_named_note(k, words["lang"]) if named is not None else "")
    return fig


def small_multiples(pole: Pole, years: Sequence[str | int], path: str | Path, *, dpi: int = DEFAULT_DPI,
                    **options: Any) -> Path:
    """Write :func:`small_multiples_figure` to a PNG, SVG or PDF file; returns the path."""
    return save_figure(small_multiples_figure(pole, years, dpi=dpi, **options), path, dpi=dpi)


def composition_figure(
    pole: Pole,
    path: str | Path | None = None,
    *,
    lang: str = "fr",
    at: str | None = None,
    dpi: int = DEFAULT_DPI,
) -> Figure:
    """The pole's composition: actors by family and category, partnerships by kind.

    Prospective actors are left out, as on the map.  With ``path``, the figure is also
    written there (PNG, SVG or PDF).

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> pole = Pole(id="p", name="P", actors=[
    ...     {"id": "a", "name": "A", "category": "ess_enterprise"},
    ...     {"id": "b", "name": "B", "category": "local_authority"}],
    ...   partnerships=[{"id": "t", "actors": ["a", "b"], "kind": "cooperation"}])
    >>> fig = composition_figure(pole, lang="en")
    >>> [ax.get_title(loc="left") for ax in fig.axes]
    ['Actors by family and category', 'Partnerships by kind']
    """
    words = text(check_lang(lang))
    G = _graph(pole, at, False)
    rows: dict[tuple[str, str], int] = {}
    for _, data in G.nodes(data=True):
        key = (data["family"], data["category"])
        rows[key] = rows.get(key, 0) + 1
    family_rank = {f: i for i, f in enumerate(FAMILY_COLOURS)}
    ordered = sorted(rows.items(), key=lambda kv: (family_rank.get(kv[0][0], 9), -kv[1], kv[0][1]))
    kinds = {k: 0 for k in KIND_STYLES}
    from ..model.life import tie_known_at

    for p in pole.partnerships:
        if at is None or tie_known_at(p, at):  # not past the duration it was made for
            kinds[p.kind.value] += 1
    import matplotlib

    with matplotlib.rc_context(_rc()):
        fig = _new_figure((11, max(3.8, 0.42 * len(ordered) + 1.8)), dpi)
        fig.text(0.01, 0.98, (words["composition_title"]).format(name=pole.name) + (f" ({at})" if at else ""),
                 fontsize=14, fontweight="bold", va="top")
        fig.text(0.01, 0.01, _source_line(pole, words), fontsize=7, color="#555555", va="bottom")
        from matplotlib.ticker import MaxNLocator

        left = fig.add_axes((0.37, 0.2, 0.27, 0.64))
        labels = [f"{words['category'][c]} ({words['family'][f]})" for (f, c), _ in ordered]
        values = [n for _, n in ordered]
        y = list(range(len(ordered)))[::-1]
        left.barh(y, values, color=[FAMILY_COLOURS.get(f, "#999999") for (f, _), _ in ordered])
        left.set_yticks(y, labels, fontsize=9)
        for yy, n in zip(y, values):
            left.text(n, yy, f" {n}", va="center", fontsize=9)
        left.set_xlabel(words["actors_axis"])
        left.set_title(words["actors_panel"], loc="left", fontsize=11)
        left.spines[["top", "right"]].set_visible(False)
        left.set_xlim(0, max(values, default=1) * 1.15 + 0.5)
        left.xaxis.set_major_locator(MaxNLocator(integer=True))
        right = fig.add_axes((0.71, 0.2, 0.28, 0.64))
        right.yaxis.set_major_locator(MaxNLocator(integer=True))
        names = [words["kind"][k] for k in kinds]
        right.bar(range(len(kinds)), list(kinds.values()), color=[KIND_STYLES[k][2] for k in kinds],
                  edgecolor="#333333", hatch=None)
        right.set_xticks(range(len(kinds)), ["\n".join(textwrap.wrap(n, 14)) for n in names], fontsize=8.5)
        for x, n in enumerate(kinds.values()):
            right.text(x, n, str(n), ha="center", va="bottom", fontsize=9)
        right.set_ylabel(words["partnerships_axis"])
        right.set_title(words["ties_panel"], loc="left", fontsize=11)
        right.spines[["top", "right"]].set_visible(False)
        right.set_ylim(0, max(kinds.values(), default=1) * 1.2 + 0.5)
    if path is not None:
        save_figure(fig, path, dpi=dpi)
    return fig
