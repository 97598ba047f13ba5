"""Where each actor goes on the cooperation map: seeded, so the same data gives the same picture.

Four layouts, each a function of the cooperation graph (see
:func:`~ptce_kit.network.to_graph`) returning ``{actor id: (x, y)}`` scaled into the
square [-1, 1]²:

``spring``
    Fruchterman–Reingold force-directed placement, seeded: networkx's, or from
    :data:`LARGE` actors on a particle–mesh approximation of it that takes seconds, not
    minutes, for thousands of actors (see :func:`_spring_mesh`), and from :data:`HUGE`
    actors on igraph's grid variant, in linear memory (see :func:`_huge`).  Here and in
    ``forceatlas2``, actors without any tie stand in a row under the map (« sans lien »),
    instead of being flung to its edges.
``forceatlas2``
    ForceAtlas2 (Jacomy et al. 2014), Gephi's layout, seeded; hubs spread their partners
    further apart than in ``spring``.  From :data:`LARGE` actors on, with the same
    particle–mesh repulsion (see :func:`_forceatlas2_mesh`); from :data:`HUGE` actors on,
    as ``spring`` (a national graph has no readable hubs-and-leaves picture to keep).
``site``
    Concentric, the picture of a pole as a place: the shared site at the centre, the
    residents in the first ring, actors holding office hours or meetings there in the
    second, remote partners (and actors whose presence is not stated) outside.  A
    resident pivot stands on the site, at the centre.
``geo``
    Longitude and latitude, when the data gives them (see :func:`geo_positions`).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, Any

from ..errors import PoleError
from ..i18n import Message, N_

if TYPE_CHECKING:
    import networkx as nx

    from ..model import Pole

__all__ = ["LAYOUTS", "layout_positions", "site_ring", "geo_positions", "normalise", "strip_positions",
           "isolated_apart", "STRIP_TOP", "LARGE", "HUGE"]

LAYOUTS = ("spring", "forceatlas2", "site", "geo")

Positions = dict[Hashable, tuple[float, float]]

_FAMILY_ORDER = {"enterprises": 0, "collectivities": 1, "research": 2, "other": 3}
_RING = {"resident": 1, "office_hours": 2, "meetings": 2, "remote": 3, None: 3}


def normalise(pos: Mapping[Hashable, tuple[float, float]]) -> Positions:
    """Centre positions and scale them into [-1, 1]², keeping their proportions.

    Examples
    --------
    >>> normalise({"a": (0, 0), "b": (4, 2)})
    {'a': (-1.0, -0.5), 'b': (1.0, 0.5)}
    """
    if not pos:
        return {}
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    half = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
    # Rounding makes the output independent of the last bits of floating-point noise.
    return {v: (round((x - cx) / half, 9), round((y - cy) / half, 9)) for v, (x, y) in pos.items()}


def _sorted_simple(G: nx.Graph) -> nx.Graph:
    """The undirected simple graph with nodes and edges in sorted order (layouts depend on order)."""
    import networkx as nx

    H = nx.Graph()
    H.add_nodes_from(sorted(G.nodes, key=str))
    weights: dict[tuple[str, str], float] = {}
    for u, v, data in G.edges(data=True):
        a, b = sorted((str(u), str(v)))
        weights[a, b] = weights.get((a, b), 0.0) + float(data.get("weight", 1.0))
    for (u, v), w in sorted(weights.items()):
        H.add_edge(u, v, weight=w)
    return H


#: From this many actors on, ``spring`` runs :func:`_spring_mesh` (networkx's own layouts
#: compare every pair of actors at every step: minutes at 5,000 actors).
LARGE = 250


#: From this many actors on, both force layouts run :func:`_huge`: the particle–mesh
#: approximation compares every pair of occupied cells, whose number grows with the actors
#: (at 2·10^5 actors, a 50,000 × 50,000 matrix: out of memory).
HUGE = 10_000


def _spring(G: nx.Graph, seed: int) -> Positions:
    import networkx as nx

    if len(G) >= HUGE:
        return _huge(G, seed=seed)
    H = _sorted_simple(G)
    n = max(len(H), 1)
    # A longer ideal distance than networkx's 1/sqrt(n) leaves room for labels.
    k = 1.8 / math.sqrt(n)
    if n >= LARGE:
        return _spring_mesh(H, k=k, seed=seed)
    pos = nx.spring_layout(H, k=k, iterations=300, seed=seed, weight=None)
    return {v: (float(x), float(y)) for v, (x, y) in pos.items()}


def _spring_mesh(H: nx.Graph, *, k: float, seed: int, iterations: int = 150) -> Positions:
    """Fruchterman–Reingold placement for large graphs, in about n log n per step.

    Actors repel each other as in Fruchterman & Reingold (1991), force k²/d, and ties
    pull, force d²/k; the step shrinks linearly (cooling).  Repulsion is that of
    :func:`_mesh_repulsion`.  Seeded and free of set order: the same graph gives the same
    positions.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(4)
    >>> pos = _spring_mesh(G, k=0.5, seed=1)
    >>> pos == _spring_mesh(G, k=0.5, seed=1), len(pos)
    (True, 4)
    """
    import numpy as np

    n = len(H)
    ties = _tie_array(H)
    pos = np.random.RandomState(seed).rand(n, 2)
    ones = np.ones(n)
    step = 0.1
    cool = step / (iterations + 1)
    for _ in range(iterations):
        move = k * k * _mesh_repulsion(pos, ones)
        d = pos[ties[:, 0]] - pos[ties[:, 1]]
        move -= _tie_sums(ties, d * (np.sqrt((d * d).sum(axis=1)) / k)[:, None], n)
        length = np.maximum(np.sqrt((move * move).sum(axis=1)), 0.01)
        pos += move * (step / length)[:, None]
        step -= cool
    return {v: (float(x), float(y)) for v, (x, y) in zip(H, pos)}


def _simple_arrays(G: nx.Graph) -> tuple[list[Hashable], Any]:
    """The nodes of ``G`` sorted, and its distinct ties as an (m, 2) array of their numbers, sorted.

    The same as the sorted simple graph of :func:`_sorted_simple`, without building it: at
    national scale a networkx graph more is gigabytes.
    """
    import numpy as np

    nodes = sorted(G, key=str)
    index = {v: i for i, v in enumerate(nodes)}
    pairs = np.fromiter((index[x] for u, v in G.edges() if u != v for x in (u, v)), dtype=np.intp).reshape(-1, 2)
    pairs.sort(axis=1)
    return nodes, np.unique(pairs, axis=0)


def _huge(G: nx.Graph, *, seed: int, iterations: int = 150) -> Positions:
    """Fruchterman–Reingold placement for national graphs, in linear memory.

    igraph's grid variant (``layout_fruchterman_reingold(grid="grid")``: repulsion only
    from actors in the neighbouring cells), from igraph's own random start, drawn from
    Python's random generator seeded for the run and restored after it, so that the same
    graph gives the same positions.  (A start passed in is much slower: igraph's grid and
    temperatures are made for its own start's spread.)  Without igraph (the ``fast`` extra), a spectral
    layout: the two smoothest non-trivial eigenvectors of the normalised adjacency
    (scipy's Lanczos solver from a fixed start vector), nudged apart by a seeded jitter
    of a thousandth of the drawing.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(30)
    >>> _huge(G, seed=1) == _huge(G, seed=1), len(_huge(G, seed=1))
    (True, 30)
    """
    import numpy as np

    nodes, pairs = _simple_arrays(G)
    n = len(nodes)
    try:
        import igraph
    except ImportError:
        xy = _spectral(pairs, n, seed)
    else:
        import random

        state = random.getstate()
        random.seed(seed)
        try:
            graph = igraph.Graph(n=n, edges=pairs.tolist())
            xy = np.array(graph.layout_fruchterman_reingold(niter=iterations, grid="grid").coords)
        finally:
            random.setstate(state)
    return {v: (float(x), float(y)) for v, (x, y) in zip(nodes, xy)}


def _spectral(pairs: Any, n: int, seed: int) -> Any:
    """Positions from the eigenvectors 2 and 3 of D^-1/2 A D^-1/2 (see :func:`_huge`)."""
    import numpy as np
    from scipy.sparse import coo_matrix, diags
    from scipy.sparse.linalg import eigsh

    ones = np.ones(len(pairs))
    A = coo_matrix((ones, (pairs[:, 0], pairs[:, 1])), shape=(n, n)).tocsr()
    A = A + A.T
    degree = np.asarray(A.sum(axis=1)).ravel()
    scale = diags(1.0 / np.sqrt(np.maximum(degree, 1.0)))
    # The largest eigenvalue (1) belongs to the trivial vector; eigsh lists them ascending.
    _, vectors = eigsh(scale @ A @ scale, k=3, which="LA", v0=np.ones(n))
    xy = vectors[:, :2]
    extent = float(np.ptp(xy)) or 1.0
    return xy + np.random.RandomState(seed).rand(n, 2) * extent * 1e-3


def _tie_array(H: nx.Graph) -> Any:
    """The ties of ``H`` as an (m, 2) array of node numbers (in the graph's order)."""
    import numpy as np

    index = {v: i for i, v in enumerate(H)}
    return np.array([(index[u], index[v]) for u, v in H.edges() if u != v], dtype=np.intp).reshape(-1, 2)


def _tie_sums(pairs: Any, force: Any, n: int) -> Any:
    """Each node's sum of the forces ``force[t]`` of the pairs ``(i, j)``: + on i, - on j."""
    import numpy as np

    return np.stack([np.bincount(pairs[:, 0], force[:, axis], n) - np.bincount(pairs[:, 1], force[:, axis], n)
                     for axis in (0, 1)], axis=1)


def _mesh_repulsion(pos: Any, mass: Any, *, gap: float = 0.0, floor: float = 0.01) -> Any:
    """For each node i, the sum over the other nodes j of m_j (x_i - x_j) / d_ij², in n log n.

    A grid of about four nodes a cell is laid over the drawing.  Between nodes closer
    than two cells the sum is exact (pairs found with a k-d tree), with the distance
    reduced by ``gap`` (the nodes' sizes, for ForceAtlas2's "prevent overlap") and at
    least ``floor`` (as networkx's Fruchterman–Reingold, against infinite forces); farther
    nodes count as the centre of mass of their cell, and the pull of one cell on another
    is given to every node of the cell (a particle–mesh approximation).
    """
    import numpy as np
    from scipy.spatial import cKDTree

    n = len(pos)
    cells = max(4, round(math.sqrt(n) / 2))
    low = pos.min(axis=0)
    size = max(float((pos.max(axis=0) - low).max()), 1e-9) * (1 + 1e-9) / cells
    cell_xy = np.minimum(((pos - low) / size).astype(np.intp), cells - 1)
    cell = cell_xy[:, 0] * cells + cell_xy[:, 1]
    weight = np.bincount(cell, mass, cells * cells)
    full = weight > 0
    centres = np.stack([np.bincount(cell, mass * pos[:, 0], cells * cells)[full],
                        np.bincount(cell, mass * pos[:, 1], cells * cells)[full]], axis=1) / weight[full, None]
    near = 2 * size
    # Far: cell on cell.  The sum over cells j of w_ij (c_i - c_j) is c_i (sum of w_ij) - (W c)_i.
    # (In place: these are the largest arrays of a step.)
    d2 = np.subtract.outer(centres[:, 0], centres[:, 0])
    d2 *= d2
    dy = np.subtract.outer(centres[:, 1], centres[:, 1])
    dy *= dy
    d2 += dy
    close = d2 <= near * near
    d2[close] = 1.0
    w = np.divide(weight[full][None, :], d2, out=d2)
    w[close] = 0.0
    far = np.zeros((cells * cells, 2))
    far[full] = centres * w.sum(axis=1)[:, None] - w @ centres
    # Near: node on node, each pair once; j pushes i by m_j, i pushes j by m_i.
    pairs = cKDTree(pos).query_pairs(near, output_type="ndarray").reshape(-1, 2)
    d = pos[pairs[:, 0]] - pos[pairs[:, 1]]
    apart = np.maximum(np.sqrt((d * d).sum(axis=1)) - gap, floor)
    unit = d / (apart * apart)[:, None]
    i, j = pairs[:, 0], pairs[:, 1]
    close = np.stack([np.bincount(i, mass[j] * unit[:, axis], n) - np.bincount(j, mass[i] * unit[:, axis], n)
                      for axis in (0, 1)], axis=1)
    return far[cell] + close


def _forceatlas2(G: nx.Graph, seed: int) -> Positions:
    import networkx as nx

    if len(G) >= HUGE:
        return _huge(G, seed=seed)
    H = _sorted_simple(G)
    if len(H) >= LARGE:
        return _forceatlas2_mesh(H, seed=seed)
    # node_size switches on ForceAtlas2's "prevent overlap": leaves keep apart around a hub.
    pos = nx.forceatlas2_layout(H, max_iter=1000, seed=seed, scaling_ratio=6.0, gravity=0.5,
                                node_size={v: 0.08 for v in H})
    return {v: (float(x), float(y)) for v, (x, y) in pos.items()}


def _forceatlas2_mesh(H: nx.Graph, *, seed: int, iterations: int = 300, scaling: float = 6.0,
                      gravity: float = 0.5, size: float = 0.08) -> Positions:
    """ForceAtlas2 (Jacomy et al. 2014) for large graphs, with networkx's forces and speeds.

    As :func:`networkx.forceatlas2_layout` (degree + 1 masses, linear attraction, gravity
    to the centre, adaptive speed from swing and traction, overlap prevention), but the
    repulsion between nodes is that of :func:`_mesh_repulsion` rather than over every
    pair: memory and time grow as n log n, not n².

    Examples
    --------
    >>> import networkx as nx
    >>> pos = _forceatlas2_mesh(nx.star_graph(5), seed=1)
    >>> pos == _forceatlas2_mesh(nx.star_graph(5), seed=1), len(pos)
    (True, 6)
    """
    import numpy as np

    n = len(H)
    ties = _tie_array(H)
    pos = np.random.RandomState(seed).rand(n, 2)
    mass = np.array([H.degree(v) + 1.0 for v in H])
    speed, efficiency, swing, traction = 1.0, 1.0, 1.0, 1.0
    for _ in range(iterations):
        attraction = -_tie_sums(ties, pos[ties[:, 0]] - pos[ties[:, 1]], n)
        repulsion = scaling * mass[:, None] * _mesh_repulsion(pos, mass, gap=2 * size, floor=0.001)
        centred = pos - pos.mean(axis=0)
        length = np.sqrt((centred * centred).sum(axis=1))
        pull = np.divide(centred, length[:, None], out=np.zeros_like(centred), where=length[:, None] > 0)
        update = attraction + repulsion - gravity * mass[:, None] * pull
        swing += float((mass * np.linalg.norm(pos - update, axis=1)).sum())
        traction += float((0.5 * mass * np.linalg.norm(pos + update, axis=1)).sum())
        speed, efficiency = _fa2_speed(n, swing, traction, speed, efficiency)
        force = np.linalg.norm(update, axis=1)
        factor = 0.1 * speed / (1 + np.sqrt(speed * mass * force))
        factor = np.divide(np.minimum(factor * force, 10.0), force, out=np.zeros_like(force), where=force > 0)
        pos += update * factor[:, None]
    return {v: (float(x), float(y)) for v, (x, y) in zip(H, pos)}


def _fa2_speed(n: int, swing: float, traction: float, speed: float, efficiency: float) -> tuple[float, float]:
    """ForceAtlas2's adaptive speed (jitter tolerance 1), as networkx computes it."""
    opt_jitter = 0.05 * math.sqrt(n)
    jitter = max(math.sqrt(opt_jitter), min(10.0, opt_jitter * traction / n**2))
    if swing / traction > 2.0:
        if efficiency > 0.05:
            efficiency *= 0.5
        jitter = max(jitter, 1.0)
    target = math.inf if swing == 0 else jitter * efficiency * traction / swing
    if swing > jitter * traction:
        if efficiency > 0.05:
            efficiency *= 0.7
    elif speed < 1000:
        efficiency *= 1.3
    return speed + min(target - speed, 0.5 * speed), efficiency


def site_ring(presence: str | None) -> int:
    """The ring of the ``site`` layout for a presence: 1 resident, 2 visits, 3 remote or unknown.

    >>> site_ring("resident"), site_ring("meetings"), site_ring(None)
    (1, 2, 3)
    """
    return _RING.get(presence, 3)


def _site(G: nx.Graph) -> Positions:
    rings: dict[int, list[Hashable]] = {1: [], 2: [], 3: []}
    pos: Positions = {}
    for v, data in G.nodes(data=True):
        if data.get("pivot") and data.get("presence") == "resident":
            # The resident pivot hosts the place: it stands on the site, at the centre,
            # and its ties radiate outwards instead of crossing the picture.
            pos[v] = (0.0, 0.0)
            continue
        rings[site_ring(data.get("presence"))].append(v)
    for ring, members in rings.items():
        # The pivot first (at the top), then family by family so that families make sectors.
        members.sort(key=lambda v: (not G.nodes[v].get("pivot"), _FAMILY_ORDER.get(G.nodes[v].get("family"), 9),
                                    str(G.nodes[v].get("name") or v), str(v)))
        count = len(members)
        # Each ring starts a little further round so that labels of successive rings do not line up.
        step = 2 * math.pi / max(count, 1)
        pivot_here = bool(members) and G.nodes[members[0]].get("pivot")
        # The pivot, if in a ring, sits at the top; otherwise the first ring leaves the top
        # free for the site's name, and outer rings start half a step round (a lone actor
        # of an outer ring at the top).
        start = math.pi / 2 if pivot_here or (count == 1 and ring > 1) else math.pi / 2 + step / 2
        for i, v in enumerate(members):
            angle = start - step * i
            pos[v] = (ring * math.cos(angle), ring * math.sin(angle))
    # Scale by the outermost ring, not by the points, so that the site stays at (0, 0)
    # and the rings stay round whatever their occupants.
    outer = max((r for r, members in rings.items() if members), default=1)
    # (+ 0.0 turns -0.0 into 0.0, for tidy and stable output)
    return {v: (round(x / outer, 9) + 0.0, round(y / outer, 9) + 0.0) for v, (x, y) in pos.items()}


def geo_positions(G: nx.Graph, pole: Pole | None = None) -> tuple[Positions, list[Hashable]]:
    """Map positions from coordinates, and the actors that have none.

    An actor is placed at its own ``coordinates``; failing that, an actor present at the
    site (resident, office hours, meetings) at the site's coordinates; failing that, at
    the mean position of the placed actors (or site) of its ``commune``.  Actors sharing a
    point are spread on a small circle around it.  The others are returned apart: the
    map draws them in a strip, rather than inventing a place for them.

    Returns
    -------
    positions : dict
        ``{actor: (x, y)}`` with ``x`` the longitude times cos(mean latitude) (an
        equirectangular projection, true to shape at the scale of a territory) and
        ``y`` the latitude, *not* normalised.
    unplaced : list
        The actors without any position, in graph order.

    Raises
    ------
    PoleError
        When no actor, and not the site, has coordinates.
    """
    site = pole.site if pole is not None else None
    site_xy = (site.coordinates.lon, site.coordinates.lat) if site and site.coordinates else None
    raw: dict[Hashable, tuple[float, float]] = {}
    for v, data in G.nodes(data=True):
        if data.get("lat") is not None and data.get("lon") is not None:
            raw[v] = (float(data["lon"]), float(data["lat"]))
        elif site_xy and data.get("presence") in ("resident", "office_hours", "meetings"):
            raw[v] = site_xy
    by_commune: dict[str, list[tuple[float, float]]] = {}
    for v, xy in raw.items():
        commune = G.nodes[v].get("commune")
        if commune:
            by_commune.setdefault(commune, []).append(xy)
    if site_xy and site is not None and site.commune:
        by_commune.setdefault(site.commune, []).append(site_xy)
    unplaced = []
    for v, data in G.nodes(data=True):
        if v in raw:
            continue
        points = by_commune.get(data.get("commune") or "")
        if points:
            raw[v] = (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
        else:
            unplaced.append(v)
    if not raw and not site_xy:
        raise PoleError.single(
            N_("the 'geo' layout needs coordinates, and neither the actors nor the site have any"),
            path=("actors", "coordinates"),
            hint=N_("give actors (or the site) 'coordinates: {lat: ..., lon: ...}', or choose --layout spring or site"),
            code="PTCE-E504",
        )
    lats = [lat for _, lat in raw.values()] or [site_xy[1]]  # type: ignore[index]
    scale = math.cos(math.radians(sum(lats) / len(lats)))
    # Spread actors that share a point (the site, a commune) on a small circle around it.
    groups: dict[tuple[float, float], list[Hashable]] = {}
    for v, xy in raw.items():
        groups.setdefault(xy, []).append(v)
    xs = [x * scale for x, _ in raw.values()]
    ys = [y for _, y in raw.values()]
    extent = max(max(xs) - min(xs), max(ys) - min(ys)) if len(raw) > 1 else 0.0
    radius = (extent or 0.01) * 0.09
    pos: Positions = {}
    for (x, y), members in groups.items():
        if len(members) == 1:
            pos[members[0]] = (x * scale, y)
            continue
        members.sort(key=str)
        r = radius * max(1.0, len(members) / 6)
        for i, v in enumerate(members):
            angle = math.pi / 2 - 2 * math.pi * i / len(members)
            pos[v] = (x * scale + r * math.cos(angle), y + r * math.sin(angle))
    return pos, unplaced


STRIP_TOP = -1.2  # actors set apart (no position, no tie) stand in rows under this line
_ROW = 8


def strip_positions(nodes: list[Hashable]) -> Positions:
    """Rows of up to eight actors under the map, for actors that the layout sets apart.

    >>> strip_positions(["a", "b"])
    {'a': (-0.5, -1.35), 'b': (0.5, -1.35)}
    """
    pos: Positions = {}
    for i, v in enumerate(nodes):
        row, col = divmod(i, _ROW)
        count = min(_ROW, len(nodes) - row * _ROW)
        x = -1.0 + 2.0 * (col + 0.5) / count if count > 1 else 0.0
        pos[v] = (round(x, 9) + 0.0, round(STRIP_TOP - 0.15 - 0.2 * row, 9))
    return pos


def isolated_apart(G: nx.Graph) -> list[Hashable]:
    """Actors without any tie, when others have ties: a force layout would fling them to the edges.

    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b")]); G.add_node("c")
    >>> isolated_apart(G), isolated_apart(nx.empty_graph(3))
    (['c'], [])
    """
    alone = sorted((v for v in G if G.degree(v) == 0), key=str)
    return alone if len(G) - len(alone) >= 2 else []


def _geo(G: nx.Graph, pole: Pole | None) -> Positions:
    pos, unplaced = geo_positions(G, pole)
    pos = normalise(pos) if len(pos) > 1 else {v: (0.0, 0.0) for v in pos}
    # The actors with no known position sit in rows under the map.
    return {**pos, **strip_positions(unplaced)}


def layout_positions(G: nx.Graph, layout: str = "spring", *, pole: Pole | None = None, seed: int = 42) -> Positions:
    """The position of every actor of ``G`` for a layout, in [-1, 1]².

    Parameters
    ----------
    G : networkx graph
        The cooperation graph (:func:`~ptce_kit.network.to_graph`).
    layout : {"spring", "forceatlas2", "site", "geo"}
        See the module's documentation.
    pole : Pole, optional
        For ``geo``: the site's coordinates and commune.
    seed : int
        Seed of the force-directed layouts.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("a", presence="resident", pivot=True)
    >>> G.add_node("b", presence="office_hours")
    >>> G.add_node("c", presence="remote")
    >>> layout_positions(G, "site")
    {'a': (0.0, 0.0), 'b': (0.0, 0.666666667), 'c': (0.0, 1.0)}
    >>> layout_positions(G, "spring") == layout_positions(G, "spring")
    True
    """
    if layout not in LAYOUTS:
        raise PoleError.single(Message("unknown layout {layout!r}", layout=layout), path=("layout",),
                               hint=Message("choose among {choices}", choices=", ".join(LAYOUTS)), code="PTCE-E102")
    if len(G) == 0:
        return {}
    if layout == "site":
        return _site(G)
    if layout == "geo":
        return _geo(G, pole)
    if len(G) == 1:
        return {next(iter(G)): (0.0, 0.0)}
    apart = isolated_apart(G)
    H = G.subgraph([v for v in G if v not in set(apart)]) if apart else G
    raw = _forceatlas2(H, seed) if layout == "forceatlas2" else _spring(H, seed)
    return {**normalise(raw), **strip_positions(apart)}
