"""The cooperation map as a static figure (PNG, SVG, PDF): planned from the pole, drawn with matplotlib.

Nodes are coloured by family (Okabe–Ito colours, safe for colour-blind readers), shaped
by presence at the shared site and sized by a measure (number of partners by default);
the pivot structure has a black ring and a bold label.  Ties are styled by kind, with an
arrow when the partnership has a direction; two actors tied several ways get several
curved lines.  The legend, title and source line are in the document's language.

This module makes the map's plan (:func:`map_plan`): what it shows, as plain data, from
the model, networkx and the catalogs.  :mod:`ptce_kit.render.map_drawing` draws a plan
with matplotlib alone (label placement included: each label where it covers no other
label and no node, measured on the rendered text; on a crowded map, more than
:data:`CROWDED` actors, a label with no free place is left out).  Above
:data:`NAMED_ABOVE` actors (a national graph), only the pivot and the actors with the
most ties (about :data:`NAMED` of them) are candidates for a label, and the legend states
the threshold.  :func:`map_figure` and :func:`draw_map` do both halves in one process.

Outputs are byte-identical for the same data: seeded layouts, sorted nodes, no dates in
the files' metadata, a fixed SVG hash salt.

>>> from ptce_kit.render.maps import MAP_FORMATS
>>> MAP_FORMATS
('.png', '.svg', '.pdf')
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Container, Hashable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import PoleError
from ..i18n import Message, N_
from ..network.measures import SINGLE_MEASURES
from .layouts import geo_positions, isolated_apart, layout_positions, site_ring
from ..model import FAMILY_COLOURS
from .map_drawing import (
    CROWDED,
    DEFAULT_DPI,
    DEFAULT_SIZE,
    MAP_FORMATS,
    MapPlan,
    PlannedLegend,
    PlannedNode,
    PlannedPanel,
    PlannedSite,
    PlannedTie,
    draw_legend,
    draw_panel,
    draw_plan,
    figure_style,
    label_boxes,
    new_figure,
    save_figure,
)
from .map_text import KIND_STYLES, PRESENCE_MARKERS, check_lang, text

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.figure import Figure

    from ..model import Pole

__all__ = [
    "MAP_FORMATS", "SIZE_MEASURES", "map_plan", "map_figure", "draw_map", "small_multiples_figure",
    "small_multiples", "composition_figure", "save_figure", "label_boxes", "named_actors",
]

#: Measures a node can be sized by: each measure :func:`~ptce_kit.network.measures.actor_measure`
#: computes on its own (the same tuple, so that a new measure is offered by maps at once).
SIZE_MEASURES = SINGLE_MEASURES

#: Above this many actors only the pivot and the :data:`NAMED` actors with the most ties
#: (all those with as many ties as the last of them, unless that makes more) may be named.
NAMED_ABOVE = 1_000
NAMED = 150
_LABEL_WIDTH = 24  # characters before a label wraps
_NODE_MIN, _NODE_SPAN, _NODE_DEFAULT = 140.0, 1000.0, 380.0  # marker areas, points²



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


def _planned_ties(G: nx.MultiGraph, directions: Mapping[str, tuple[str, str]]) -> list[PlannedTie]:
    """The ties of ``G`` in the order they are drawn: pair by pair, an arc each when a pair has several."""
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for u, v, data in G.edges(data=True):
        pairs.setdefault(tuple(sorted((str(u), str(v)))), []).append(data)  # type: ignore[arg-type]
    ties = []
    for (u, v), together in sorted(pairs.items()):
        together.sort(key=lambda d: (str(d.get("kind")), str(d.get("partnership"))))
        k = len(together)
        for i, data in enumerate(together):
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
            ties.append(PlannedTie(a, b, style, colour, width, rad=rad, arrow=arrow, curved=k > 1 or arrow))
    return ties


def _planned_nodes(G: nx.MultiGraph, pos: Mapping[Hashable, tuple[float, float]],
                   sizes: Mapping[Hashable, float]) -> list[PlannedNode]:
    nodes = []
    for v, data in G.nodes(data=True):
        xy = pos[v]
        nodes.append(PlannedNode(str(v), _wrap(str(data.get("name") or v)), (float(xy[0]), float(xy[1])),
                                 sizes[v], FAMILY_COLOURS.get(data.get("family"), "#999999"), data.get("presence"),
                                 pivot=bool(data.get("pivot"))))
    return nodes


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


def _legend_plan(G: nx.MultiGraph, words: Mapping[str, Any], size_by: str | None, note: str = "") -> PlannedLegend:
    """The legend of the actors and ties of ``G``: only the families, presences and kinds it has."""
    families = [f for f in FAMILY_COLOURS if any(d.get("family") == f for _, d in G.nodes(data=True))]
    presences = [p for p in PRESENCE_MARKERS if any(d.get("presence") == p for _, d in G.nodes(data=True))]
    kinds = [k for k in KIND_STYLES if any(d.get("kind") == k for *_, d in G.edges(data=True))]
    return PlannedLegend(
        headings=(words["family_heading"], words["presence_heading"], words["kind_heading"]),
        families=tuple((words["family"][f], FAMILY_COLOURS[f]) for f in families),
        presences=tuple((words["presence"][p], PRESENCE_MARKERS[p]) for p in presences),
        kinds=tuple((words["kind"][k], KIND_STYLES[k][0], KIND_STYLES[k][2]) for k in kinds),
        directed=words["directed"] if any(d.get("directed") for *_, d in G.edges(data=True)) else None,
        pivot=words["pivot"] if G.graph.get("pivot") in G else None,
        size_note=(words["size_note"].format(measure=words["measure"].get(size_by, size_by))
                   if size_by not in (None, "none") else None),
        note=note,
    )


def _source_line(pole: Pole, words: Mapping[str, Any]) -> str:
    source = pole.sources[0] if pole.sources else words["source_default"].format(name=pole.name)
    line = words["source"].format(source=" ".join(source.split()))
    return "\n".join(textwrap.wrap(line, 150)[:2])


def _title(pole: Pole, words: Mapping[str, Any], at: str | None) -> str:
    title: str = (words["title_at"] if at else words["title"]).format(name=pole.name, at=at)
    return title


def _limits(pos: Mapping[Hashable, tuple[float, float]], margin: float = 0.32) -> tuple[float, float, float, float]:
    """The axes' limits around every position, with a margin."""
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    return (float(min(xs) - margin), float(max(xs) + margin), float(min(ys) - margin * 0.7),
            float(max(ys) + margin * 0.7))


def _site_plan(pole: Pole, G: nx.MultiGraph, words: Mapping[str, Any]) -> PlannedSite:
    """The shared place at the centre of the ``site`` layout and its rings.

    ``G`` is the graph the positions were computed on (the whole history, for small
    multiples), so that the rings match them.
    """
    rings = sorted({site_ring(d.get("presence")) for v, d in G.nodes(data=True)
                    if not (d.get("pivot") and d.get("presence") == "resident")}) or [1]
    name = (pole.site.name if pole.site and pole.site.name else None) or pole.name
    return PlannedSite(max(rings, default=1), f"{_wrap(name)}\n({words['site']})")


def _panel_plan(pole: Pole, G: nx.MultiGraph, pos: Mapping[Hashable, tuple[float, float]],
                sizes: Mapping[Hashable, float], words: Mapping[str, Any], *, layout: str,
                fontsize: float, ghosts: Iterable[Hashable] = (), apart: Sequence[Hashable] = (),
                apart_words: str = "no_position", placed: nx.MultiGraph | None = None,
                named: Container[Hashable] | None = None) -> PlannedPanel:
    """One map: ``G`` at the positions ``pos`` computed on ``placed`` (default ``G``)."""
    placed = G if placed is None else placed
    frame = pos if layout != "site" else {**pos, "_": (1.0, 1.0), "__": (-1.0, -1.0)}
    return PlannedPanel(
        nodes=tuple(_planned_nodes(G, pos, sizes)),
        ties=tuple(_planned_ties(G, _directions(pole))),
        limits=_limits(frame),
        markers=tuple(PRESENCE_MARKERS.items()),
        fontsize=fontsize,
        ghosts=tuple((float(pos[v][0]), float(pos[v][1])) for v in ghosts if v not in G),
        site=_site_plan(pole, placed, words) if layout == "site" else None,
        apart=words[apart_words] if apart else None,
        named=None if named is None else frozenset(str(v) for v in G if v in named),
    )


def _apart(G: nx.MultiGraph, pole: Pole, layout: str) -> tuple[list[Hashable], str]:
    """The actors a layout sets apart under the map, and the words for them."""
    if layout == "geo":
        return geo_positions(G, pole)[1], "no_position"
    if layout in ("spring", "forceatlas2"):
        return isolated_apart(G), "no_tie"
    return [], "no_tie"


def map_plan(
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
) -> MapPlan:
    """What the cooperation map of a pole shows, as plain data, ready to draw
    (:func:`ptce_kit.render.map_drawing.draw_plan`): no matplotlib is imported.

    Parameters are those of :func:`draw_map`.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> pole = Pole(id="p", name="P", pivot="a", actors=[
    ...     {"id": "a", "name": "A", "category": "ess_enterprise", "presence": "resident"},
    ...     {"id": "b", "name": "B", "category": "local_authority"}],
    ...   partnerships=[{"id": "t", "actors": ["a", "b"], "kind": "cooperation"}])
    >>> plan = map_plan(pole, lang="en")
    >>> [(n.id, n.pivot) for n in plan.panel.nodes], plan.legend.kinds[0][0], plan.title
    ([('a', True), ('b', False)], 'cooperation', 'P: cooperation map')
    """
    words = text(check_lang(lang))
    G = _graph(pole, at, include_prospective)
    pos = layout_positions(G, layout, pole=pole, seed=seed)
    sizes = _sizes(G, size_by)
    apart, apart_words = _apart(G, pole, layout)
    named, k = named_actors(G)
    panel = _panel_plan(pole, G, pos, sizes, words, layout=layout, fontsize=8.5, apart=apart,
                        apart_words=apart_words, named=named)
    legend = _legend_plan(G, words, size_by, note=_named_note(k, words["lang"]) if named is not None else "")
    return MapPlan(_title(pole, words, at), _source_line(pole, words), panel, legend, figsize=figsize, dpi=dpi)


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

    Parameters are those of :func:`draw_map`; the figure is :func:`map_plan`'s, drawn.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> one = Pole(id="p", name="P", actors=[{"id": "a", "name": "A", "category": "ess_enterprise"}])
    >>> sorted(label_boxes(map_figure(one, lang="en")))
    ['a']
    """
    return draw_plan(map_plan(pole, layout=layout, at=at, lang=lang, size_by=size_by,
                              include_prospective=include_prospective, figsize=figsize, dpi=dpi, seed=seed))


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

    with matplotlib.rc_context(figure_style()):
        fig = new_figure((panel_size * ncols + 2.6, panel_size * nrows + 1.0), dpi)
        top = 1 - 0.7 / fig.get_figheight()
        bottom = 0.45 / fig.get_figheight()
        right = 1 - 2.6 / fig.get_figwidth()
        fig.text(0.01, 1 - 0.12 / fig.get_figheight(), _title(pole, words, None), fontsize=14, fontweight="bold",
                 va="top")
        fig.text(0.01, 0.08 / fig.get_figheight(), _source_line(pole, words), fontsize=7, color="#555555",
                 va="bottom")
        width = right / ncols
        height = (top - bottom) / nrows
        apart, apart_words = _apart(whole, pole, layout)
        # The same actors may be named in every panel: those of the whole history.
        named, k = named_actors(whole)
        for i, year in enumerate(years):
            at = str(year)
            G = _graph(pole, at, False)
            row, col = divmod(i, ncols)
            ax = fig.add_axes((col * width + 0.005, top - (row + 1) * height, width - 0.01, height - 0.05),
                              label=at)
            draw_panel(ax, _panel_plan(pole, G, pos, _sizes(G, size_by), words, layout=layout, fontsize=6.5,
                                       ghosts=whole.nodes, apart=apart, apart_words=apart_words, placed=whole,
                                       named=named))
            ax.set_title(f"{at} · {_count(G.number_of_nodes(), 'actor_one', 'actors_axis', words)}, "
                         f"{_count(G.number_of_edges(), 'tie_one', 'ties_axis', words)}", fontsize=11, loc="left")
        draw_legend(fig.add_axes((right + 0.01, 0.1, 1 - right - 0.015, top - 0.12)),
                    _legend_plan(whole, words, size_by, note=_named_note(k, words["lang"]) if named is not None else ""))
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

    with matplotlib.rc_context(figure_style()):
        fig = new_figure((11, max(3.8, 0.42 * len(ordered) + 1.8)), dpi)
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
