"""Drawing a planned cooperation map with matplotlib: the map's second half.

:mod:`ptce_kit.render.maps` turns a pole into a :class:`MapPlan`: plain data (each
actor's place, size, colour, marker and label, each tie's line, the legend's entries,
the title and the source line) computed with the model, networkx and the catalogs.  This
module draws such a plan; it imports neither the model, nor networkx, nor the catalogs,
only matplotlib (and Pillow for the PNG), where they are used.

The two halves can therefore run in two processes: ``ptce build`` forks a drawer before
it loads the pole, which imports matplotlib while the pole is read and planned, and
receives the plan through a pipe (:class:`ptce_kit.parallel.Prepared`).  Drawn in one
process or the other, a plan gives the same bytes.

Labels are placed one by one around their node (the pivot and the biggest first), each
where it covers no other label and no node, measured on the rendered text.  Each text is
measured once and its candidate places are checked against a grid of the boxes already
placed (:class:`BoxGrid`), so that a map of thousands of actors is labelled in seconds;
on a crowded map (more than :data:`CROWDED` actors) a label with no free place is left
out.  Straight ties are drawn as one line collection per line style, curved ones (two
actors tied several ways) and arrows as patches.

Examples
--------
>>> plan = MapPlan(title="P", source="Source : P", panel=PlannedPanel(
...     nodes=(PlannedNode("a", "A", (0.0, 0.0), 380.0, "#0072B2", None, True),
...            PlannedNode("b", "B", (1.0, 0.0), 380.0, "#009E73", None, False)),
...     ties=(PlannedTie("a", "b", "solid", "#444444", 1.0),), limits=(-0.3, 1.3, -0.3, 0.3)),
...     legend=PlannedLegend(headings=("Family", "Presence", "Tie")))
>>> sorted(label_boxes(draw_plan(plan)))
['a', 'b']
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import PoleError
from ..i18n import N_, Message

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ..parallel import Prepared
    from matplotlib.figure import Figure
    from matplotlib.text import Text
    from matplotlib.typing import RcKeyType

__all__ = [
    "MAP_FORMATS", "DEFAULT_DPI", "DEFAULT_SIZE", "CROWDED", "MapPlan", "PlannedNode", "PlannedTie",
    "PlannedSite", "PlannedPanel", "PlannedLegend", "BoxGrid", "draw_plan", "draw_panel", "draw_legend",
    "new_figure", "figure_style", "save_figure", "write_png_and_svg", "write_planned_map", "label_boxes",
    "warm_up", "start_drawer",
]

MAP_FORMATS = (".png", ".svg", ".pdf")
DEFAULT_DPI = 150
DEFAULT_SIZE = (12.0, 8.0)  # inches
#: Above this many actors, a label that finds no free place is left out of the static map.
CROWDED = 60
#: Where the strip of actors set apart begins (:data:`ptce_kit.render.layouts.STRIP_TOP`,
#: repeated here so that drawing does not import the layouts).
STRIP_TOP = -1.2
_CREATOR = "ptce-kit"


@dataclass(frozen=True)
class PlannedNode:
    """An actor as the map draws it: where, how big (marker area, points²), in which colour."""

    id: str
    label: str  # the name, wrapped into lines
    xy: tuple[float, float]
    size: float
    colour: str
    presence: str | None  # a key of the panel's ``markers``
    pivot: bool = False


@dataclass(frozen=True)
class PlannedTie:
    """A tie as the map draws it, from ``a`` to ``b`` (its direction, when it has an arrow)."""

    a: str
    b: str
    style: Any  # a matplotlib line style
    colour: str
    width: float
    rad: float = 0.0  # the curvature of an arc (two actors tied several ways)
    arrow: bool = False
    curved: bool = False  # drawn as a patch (an arc or an arrow) rather than in a straight line


@dataclass(frozen=True)
class PlannedSite:
    """The shared place drawn at the centre of the ``site`` layout, with its rings."""

    outer: int  # the outermost ring drawn (1 to 3)
    label: str


@dataclass(frozen=True)
class PlannedPanel:
    """One map: its actors and ties, the frame of the axes and what stands beside them.

    ``nodes`` are in the graph's order (the order of the labels' first candidates);
    ``limits`` are the axes' (x0, x1, y0, y1); ``markers`` the marker of each presence,
    in the order the nodes are drawn; ``named`` the actors that may be labelled (all when
    None).
    """

    nodes: tuple[PlannedNode, ...]
    ties: tuple[PlannedTie, ...]
    limits: tuple[float, float, float, float]
    markers: tuple[tuple[str | None, str], ...] = (
        ("resident", "o"), ("office_hours", "s"), ("meetings", "D"), ("remote", "^"), (None, "p"))
    fontsize: float = 8.5
    ghosts: tuple[tuple[float, float], ...] = ()  # faint dots: actors of other dates
    site: PlannedSite | None = None
    apart: str | None = None  # the words over the strip of actors set apart, when there is one
    named: frozenset[str] | None = None


@dataclass(frozen=True)
class PlannedLegend:
    """The legend's entries, each already in the map's language."""

    headings: tuple[str, str, str]  # families, presences, kinds of tie
    families: tuple[tuple[str, str], ...] = ()  # (label, colour)
    presences: tuple[tuple[str, str], ...] = ()  # (label, marker)
    kinds: tuple[tuple[str, Any, str], ...] = ()  # (label, line style, colour)
    directed: str | None = None  # the entry of directed ties, when the map has one
    pivot: str | None = None  # the entry of the pivot, when the map shows it
    size_note: str | None = None
    note: str = ""


@dataclass(frozen=True)
class MapPlan:
    """A whole static map: a title, one panel, its legend, a source line."""

    title: str
    source: str
    panel: PlannedPanel
    legend: PlannedLegend
    figsize: tuple[float, float] = DEFAULT_SIZE
    dpi: int = DEFAULT_DPI


def new_figure(figsize: tuple[float, float], dpi: int) -> Figure:
    """A figure on its own Agg canvas: no pyplot, no global state, text extents measurable."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, dpi=dpi)
    FigureCanvasAgg(fig)
    return fig


def figure_style() -> dict[RcKeyType, Any]:
    """The matplotlib settings every figure of ptce-kit is drawn and saved under."""
    return {
        "svg.hashsalt": "ptce-kit",  # ids in SVG files are random without it
        "svg.fonttype": "none",  # labels stay text in SVG: searchable, selectable
        "pdf.fonttype": 42,
        "font.family": "DejaVu Sans",
        "axes.unicode_minus": False,
        "text.parse_math": False,  # a name with "$" is text, not mathtext (which may not parse)
    }


def warm_up() -> None:
    """Import what drawing a map needs and open its font: what a drawer does before its plan comes."""
    import matplotlib
    from matplotlib.font_manager import FontProperties, findfont, get_font
    from matplotlib.text import Text  # noqa: F401
    from PIL import Image, PngImagePlugin  # noqa: F401

    new_figure((1.0, 1.0), 72)
    with matplotlib.rc_context(figure_style()):
        for weight in ("normal", "bold"):
            get_font(findfont(FontProperties(family="DejaVu Sans", weight=weight)))


# -- geometry of labels --------------------------------------------------------------------

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in display pixels


def overlap(a: Box, b: Box) -> float:
    """The area two boxes share (0 when they do not meet)."""
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


class BoxGrid:
    """Boxes filed by the grid cells they cover, so that a box meets only its neighbours.

    Each box is filed in a cell keyed ``(column, row)``; :meth:`near` gives the numbers
    of the boxes that share a cell with a box, in the order they were added (sums of
    overlaps then add up in the same order as over the whole list, to the last bit).

    >>> grid = BoxGrid()
    >>> grid.add((0.0, 0.0, 10.0, 10.0)), grid.meets((5.0, 5.0, 20.0, 20.0)), grid.meets((11.0, 0.0, 20.0, 5.0))
    (0, True, False)
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
                    if overlap(box, self.boxes[i]) > 0 and (but is None or owners[i] != but):
                        return True
        return False


def _free(box: Box, frame: Box, taken: BoxGrid, nodes: BoxGrid, owners: Sequence[Any], v: Any) -> bool:
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


# -- drawing -------------------------------------------------------------------------------

def _draw_ties(ax: Axes, panel: PlannedPanel, alpha: float = 0.85) -> None:
    from matplotlib.patches import FancyArrowPatch

    pos = {n.id: n.xy for n in panel.nodes}
    sizes = {n.id: n.size for n in panel.nodes}
    # The straight ties without arrow (most of them) are drawn as line collections, one per
    # line style: a patch is shrunk by bezier splitting at drawing time, which costs a
    # third of a small map's drawing and minutes for thousands of ties.
    bulk: dict[Any, list[PlannedTie]] = {}
    for tie in panel.ties:
        if not tie.curved:
            bulk.setdefault(tie.style, []).append(tie)
            continue
        a, b = tie.a, tie.b
        patch = FancyArrowPatch(
            pos[a], pos[b], connectionstyle=f"arc3,rad={tie.rad:.3f}",
            arrowstyle="-|>" if tie.arrow else "-", mutation_scale=11,
            linestyle=tie.style, linewidth=tie.width, color=tie.colour, alpha=alpha,
            shrinkA=math.sqrt(sizes[a]) / 2 + 1, shrinkB=math.sqrt(sizes[b]) / 2 + 2, zorder=1,
        )
        # The frame is set (:func:`_frame`): add_patch would recompute the data limits
        # from the patch's bezier path, for nothing.
        ax.add_artist(patch)
    if bulk:
        _straight_ties(ax, bulk, pos, sizes, alpha)


def _straight_ties(ax: Axes, bulk: Mapping[Any, Sequence[PlannedTie]], pos: Mapping[str, tuple[float, float]],
                   sizes: Mapping[str, float], alpha: float) -> None:
    """Straight ties as one line collection per line style, cut short at the nodes as a patch would be."""
    from matplotlib.collections import LineCollection

    ax.apply_aspect()
    # Data units per point (the axes keep an equal aspect): ties stop at the markers' edge.
    (x0, _), (x1, _) = ax.transData.transform([(0.0, 0.0), (1.0, 0.0)])
    per_point = 72.0 / ax.figure.dpi / (x1 - x0)
    import numpy as np

    for style, ties in sorted(bulk.items(), key=lambda kv: str(kv[0])):
        # On whole arrays: a national map has hundreds of thousands of ties.
        a = np.array([pos[t.a] for t in ties], dtype=float).reshape(-1, 2)
        b = np.array([pos[t.b] for t in ties], dtype=float).reshape(-1, 2)
        cut_a = (np.sqrt([sizes[t.a] for t in ties]) / 2 + 1) * per_point
        cut_b = (np.sqrt([sizes[t.b] for t in ties]) / 2 + 2) * per_point
        delta = b - a
        length = np.hypot(delta[:, 0], delta[:, 1])
        shown = length > cut_a + cut_b  # otherwise the markers touch: nothing of the tie shows
        unit = delta[shown] / length[shown, None]
        segments = np.stack([a[shown] + unit * cut_a[shown, None], b[shown] - unit * cut_b[shown, None]], axis=1)
        colours = [t.colour for t, keep in zip(ties, shown) if keep]
        widths = [t.width for t, keep in zip(ties, shown) if keep]
        # One colour per kind of tie, hence per style: given once rather than per segment.
        colour: Any = colours[0] if len(set(colours)) == 1 else colours
        ax.add_collection(LineCollection(list(segments), colors=colour, linewidths=widths, linestyles=style,
                                         alpha=alpha, zorder=1), autolim=False)


def _draw_nodes(ax: Axes, panel: PlannedPanel) -> None:
    nodes = sorted(panel.nodes, key=lambda n: n.id)
    markers = dict(panel.markers)
    for n in nodes:
        if n.pivot:
            ax.scatter([n.xy[0]], [n.xy[1]], s=n.size * 1.9, marker=markers.get(n.presence, "p"), c="white",
                       edgecolors="black", linewidths=2.4, zorder=2)
    for presence, marker in panel.markers:
        group = [n for n in nodes if n.presence == presence]
        if not group:
            continue
        ax.scatter([n.xy[0] for n in group], [n.xy[1] for n in group], s=[n.size for n in group], marker=marker,
                   c=[n.colour for n in group], edgecolors="white", linewidths=1.2, zorder=3)


def _place_labels(ax: Axes, panel: PlannedPanel, fixed: Sequence[Text] = ()) -> list[Text]:
    """Put every actor's label beside its node, where it covers no other label, node or edge of the axes.

    Each label's text is measured once; its box at each candidate place follows by
    arithmetic (a box shifted by the offset and the alignment), and is compared only with
    the boxes of nodes and labels in the grid cells it covers.  With the panel's ``named``,
    only those actors are labelled.
    """
    from matplotlib.text import Text as PlainText
    from matplotlib.transforms import IdentityTransform

    fig = ax.figure
    fontsize, named, nodes_in_order = panel.fontsize, panel.named, panel.nodes
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    ax.apply_aspect()
    to_px = fig.dpi / 72.0
    fb = ax.get_window_extent(renderer)
    frame: Box = (fb.x0, fb.y0, fb.x1, fb.y1)
    anchors = ({n.id: tuple(xy) for n, xy in zip(nodes_in_order, ax.transData.transform([n.xy for n in nodes_in_order]))}
               if nodes_in_order else {})
    # Nodes and labels in two grids: costs add labels first, then nodes, as they always did.
    nodes, taken = BoxGrid(), BoxGrid()
    owner = []
    for n in nodes_in_order:
        x, y = anchors[n.id]
        r = math.sqrt(n.size) / 2 * to_px * (1.35 if n.pivot else 1.0)
        nodes.add((x - r, y - r, x + r, y + r))
        owner.append(n.id)
    for t in fixed:
        b = t.get_window_extent(renderer)
        taken.add((b.x0, b.y0, b.x1, b.y1))
    centre = ax.transData.transform((0, 0))
    order = sorted((n for n in nodes_in_order if named is None or n.id in named),
                   key=lambda n: (not n.pivot, -n.size, n.id))
    crowded = len(nodes_in_order) > CROWDED
    # One text, never drawn, measures every label (a label's size is that of its text).
    gauge = {weight: PlainText(0, 0, "", fontsize=fontsize, fontweight=weight, transform=IdentityTransform(),
                               figure=fig) for weight in ("normal", "bold")}
    # The height of one line of text: no label is lower ("lp" has an ascender and a descender).
    line = {}
    for weight, meter in gauge.items():
        meter.set_text("lp")
        line[weight] = _text_size(meter, renderer)[1] - 0.01
    labels: list[Text] = []
    for n in order:
        v = n.id
        x, y = anchors[v]
        # Try first the side facing away from the centre: labels then fan out from the hub.
        away = math.atan2(y - centre[1], x - centre[0])
        slots = sorted(_SLOTS, key=lambda s: -(s[0][0] * math.cos(away) + s[0][1] * math.sin(away)))
        radius = math.sqrt(n.size) / 2 * (1.35 if n.pivot else 1.0) + 2.5
        weight = "bold" if n.pivot else "normal"
        droppable = crowded and not n.pivot
        if droppable and not any(_free(box, frame, taken, nodes, owner, v)
                                 for *_, box in _candidates(x, y, slots, radius, to_px, 1.0, line[weight])):
            # Not even a one-pixel-wide line of text finds a free place: the label, which
            # holds one in each place, cannot either (no need to measure it).
            continue
        gauge[weight].set_text(n.label)
        width, height = _text_size(gauge[weight], renderer)
        best = None
        for offset, ha, va, box in _candidates(x, y, slots, radius, to_px, width, height):
            if droppable:
                # Only a free place will do: stop at the first box in the way.
                cost = 0.0 if _free(box, frame, taken, nodes, owner, v) else math.inf
            else:
                cost = sum(overlap(box, taken.boxes[i]) for i in taken.near(box))
                cost += sum(overlap(box, nodes.boxes[i]) for i in nodes.near(box) if owner[i] != v)
                area = (box[2] - box[0]) * (box[3] - box[1])
                cost += 4 * (area - overlap(box, frame))
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
        labels.append(ax.annotate(n.label, xy=n.xy, xytext=offset, textcoords="offset points", **style))
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


def draw_legend(ax: Axes, legend: PlannedLegend) -> None:
    """The legend's sections one under the other on ``ax``, then its notes."""
    from matplotlib.lines import Line2D

    ax.axis("off")
    family_heading, presence_heading, kind_heading = legend.headings
    sections = [
        (family_heading, [Line2D([], [], marker="o", linestyle="", markersize=10, markerfacecolor=colour,
                                 markeredgecolor="white", label=label) for label, colour in legend.families]),
        (presence_heading, [Line2D([], [], marker=marker, linestyle="", markersize=9, markerfacecolor="#888888",
                                   markeredgecolor="white", label=label) for label, marker in legend.presences]),
    ]
    kind_handles = [Line2D([], [], linestyle=style, color=colour, linewidth=1.8, label=label)
                    for label, style, colour in legend.kinds]
    if legend.directed is not None:
        kind_handles.append(Line2D([], [], color="#444444", linewidth=1.2, marker=">", markersize=7,
                                   label=legend.directed))
    if legend.pivot is not None:
        kind_handles.append(Line2D([], [], marker="o", linestyle="", markersize=12, markerfacecolor="white",
                                   markeredgecolor="black", markeredgewidth=2.2, label=legend.pivot))
    sections.append((kind_heading, kind_handles))
    y = 1.0
    for title, handles in sections:
        if not handles:
            continue
        drawn = ax.legend(handles=handles, title=title, loc="upper left", bbox_to_anchor=(0.0, y),
                          frameon=False, fontsize=9, title_fontsize=10, alignment="left",
                          handlelength=2.6, borderaxespad=0.0)
        ax.add_artist(drawn)
        # The next section starts under this one, measured on the drawn legend.
        box = drawn.get_window_extent(ax.figure.canvas.get_renderer())  # type: ignore[attr-defined]
        y = ax.transAxes.inverted().transform((box.x0, box.y0))[1] - 0.05
    if legend.size_note is not None:
        ax.text(0.0, y - 0.01, legend.size_note, transform=ax.transAxes, fontsize=9, color="#333333", va="top")
        y -= 0.04
    if legend.note:
        import textwrap

        ax.text(0.0, y - 0.01, textwrap.fill(legend.note, 42), transform=ax.transAxes, fontsize=8, color="#333333",
                va="top")


def _frame(ax: Axes, limits: tuple[float, float, float, float]) -> None:
    ax.set_xlim(limits[0], limits[1])
    ax.set_ylim(limits[2], limits[3])
    ax.set_aspect("equal", adjustable="box")
    ax.axis("off")


def _draw_site(ax: Axes, site: PlannedSite, fontsize: float) -> list[Text]:
    """The shared place at the centre and the faint rings of the ``site`` layout."""
    from matplotlib.patches import Circle

    outer = site.outer
    for ring in (1, 2, 3):
        if ring <= outer:
            ax.add_patch(Circle((0, 0), ring / outer, fill=False, edgecolor="#DDDDDD", linewidth=0.8, zorder=0))
    # The place holds its residents: its disc reaches halfway to the second ring.
    disc = 1.5 / outer
    ax.add_patch(Circle((0, 0), disc, facecolor="#F4F4F4", edgecolor="#BBBBBB", linewidth=0.8, zorder=0))
    label = ax.text(0, disc - 0.03, site.label, ha="center", va="top",
                    fontsize=fontsize, color="#555555", style="italic", zorder=5)
    return [label]


def draw_panel(ax: Axes, panel: PlannedPanel) -> None:
    """Draw one map on ``ax``: its frame, faint actors of other dates, the site, ties, nodes and labels."""
    _frame(ax, panel.limits)
    if panel.ghosts:
        ax.scatter([p[0] for p in panel.ghosts], [p[1] for p in panel.ghosts], s=40, c="#E4E4E4", zorder=1,
                   edgecolors="none")
    fixed: list[Text] = []
    if panel.site is not None:
        fixed = _draw_site(ax, panel.site, panel.fontsize)
    if panel.apart is not None:
        # Actors set apart (no known position, no tie) stand in a strip under the map, under a rule.
        ax.axhline(STRIP_TOP, color="#BBBBBB", linewidth=0.8, linestyle=(0, (4, 3)), zorder=0)
        fixed.append(ax.text(ax.get_xlim()[0] + 0.02, STRIP_TOP - 0.02, panel.apart, fontsize=panel.fontsize,
                             color="#777777", style="italic", va="top"))
    _draw_ties(ax, panel)
    _draw_nodes(ax, panel)
    _place_labels(ax, panel, fixed=fixed)


def draw_plan(plan: MapPlan) -> Figure:
    """The figure of a planned map (not saved: see :func:`save_figure`)."""
    import matplotlib

    with matplotlib.rc_context(figure_style()):
        fig = new_figure(plan.figsize, plan.dpi)
        fig.text(0.015, 0.975, plan.title, fontsize=15, fontweight="bold", va="top")
        fig.text(0.015, 0.012, plan.source, fontsize=7.5, color="#555555", va="bottom")
        draw_panel(fig.add_axes((0.01, 0.06, 0.74, 0.86)), plan.panel)
        draw_legend(fig.add_axes((0.77, 0.08, 0.22, 0.82)), plan.legend)
    return fig


# -- files ---------------------------------------------------------------------------------

_METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": _CREATOR},
    "svg": {"Date": None, "Creator": _CREATOR},
    "pdf": {"Creator": _CREATOR, "CreationDate": None, "ModDate": None},
}


def _format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in MAP_FORMATS:
        raise PoleError.single(
            Message("cannot draw a map as {suffix}", suffix=suffix) if suffix
            else N_("cannot draw a map as a file without suffix"),
            file=path, hint=N_("name the output .png, .svg or .pdf (or use --html for the interactive map)"),
            code="PTCE-E502",
        )
    return suffix[1:]


def save_figure(fig: Figure, path: str | Path, *, dpi: int = DEFAULT_DPI) -> Path:
    """Write a figure atomically as PNG, SVG or PDF (by the file's suffix), with no date inside."""
    from ..files import atomic_write

    path = Path(path)
    fmt = _format(path)
    import matplotlib

    with matplotlib.rc_context(figure_style()):
        if fmt == "png":
            data = _png_encoder(fig, dpi)()
        else:
            data = _vector(fig, fmt, dpi)
    atomic_write(path, data)
    return path


def _vector(fig: Figure, fmt: str, dpi: int) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, dpi=dpi, metadata=_METADATA[fmt], facecolor="white")
    return buffer.getvalue()


def _png_encoder(fig: Figure, dpi: int) -> Callable[[], bytes]:
    """Draw ``fig`` at ``dpi`` and return a function of no argument that compresses it into PNG bytes.

    The PNG is in RGB: the map is on white, an alpha channel would only make the file
    larger and slower.  The compression (Pillow's, which lets other threads run) is left
    to the caller, which may run it beside other work.
    """
    from PIL import Image, PngImagePlugin

    raw = io.BytesIO()
    fig.savefig(raw, format="rgba", dpi=dpi, facecolor="white")
    # The canvas keeps the renderer it has just drawn with, at the saved resolution.
    renderer = fig.canvas.renderer  # type: ignore[attr-defined]
    size = (int(renderer.width), int(renderer.height))
    # A memoryview is a buffer, which Pillow's annotations leave out.
    image = Image.frombuffer("RGBA", size, raw.getbuffer(), "raw", "RGBA", 0, 1).convert("RGB")  # type: ignore[arg-type]
    info = PngImagePlugin.PngInfo()
    for key, value in _METADATA["png"].items():
        info.add_text(key, value)

    def encode() -> bytes:
        buffer = io.BytesIO()
        image.save(buffer, format="png", pnginfo=info, dpi=(dpi, dpi))
        return buffer.getvalue()

    return encode


def write_png_and_svg(fig: Figure, png: str | Path, svg: str | Path, *, dpi: int = DEFAULT_DPI) -> list[Path]:
    """Write a figure as PNG and as SVG, the PNG compressed while the SVG is drawn.

    The same bytes as :func:`save_figure` twice: only the order of the work differs.
    Returns the two paths.
    """
    import threading

    import matplotlib

    from ..files import atomic_write

    png, svg = Path(png), Path(svg)
    compressed: list[bytes] = []
    with matplotlib.rc_context(figure_style()):
        encode = _png_encoder(fig, dpi)
        # Pillow releases the interpreter while it compresses: the SVG is drawn meanwhile.
        worker = threading.Thread(target=lambda: compressed.append(encode()), name="ptce-png")
        worker.start()
        try:
            vector = _vector(fig, "svg", dpi)
        finally:
            worker.join()
    if not compressed:  # the compression failed in its thread: fail here, with its error
        compressed.append(encode())
    atomic_write(png, compressed[0])
    atomic_write(svg, vector)
    return [png, svg]


def write_planned_map(plan: MapPlan, png: str | Path, svg: str | Path) -> list[Path]:
    """Draw a plan and write it as PNG and SVG (:func:`write_png_and_svg`); what a drawer process runs."""
    return write_png_and_svg(draw_plan(plan), png, svg, dpi=plan.dpi)


def start_drawer(*, jobs: int | None = None) -> Prepared | None:
    """A process forked now that gets ready to draw (:func:`warm_up`: matplotlib imported,
    the font opened), to draw a map planned later
    (:func:`ptce_kit.render.map_files.start_map_files`); None where only one process may
    run (:func:`ptce_kit.parallel.available_jobs`).

    Start it before the pole is loaded: the pole is read and its map planned while
    matplotlib is imported.  This module imports neither the model nor networkx, so that
    forking happens before they are imported.  The ``ptce`` program starts it earlier
    still, before the command line is parsed (:mod:`ptce_kit.launch`), and keeps it under
    :data:`ptce_kit.parallel.MAP_DRAWER` (:func:`ptce_kit.parallel.keep_prepared`): then that one is returned.
    """
    from ..parallel import MAP_DRAWER, Prepared, take_prepared

    early = take_prepared(MAP_DRAWER)
    if early is not None:
        if jobs is not None and jobs <= 1:  # one process asked for after all: none beside it
            early.close()
            return None
        return early
    # Both halves use numpy (matplotlib there, the layout here): imported once, before the fork.
    import numpy  # noqa: F401

    return Prepared.start(warm_up, jobs=jobs)
