"""The heavy path measures (betweenness, closeness, PageRank) on networkx or python-igraph.

networkx's exact betweenness is pure Python: minutes at 10^4 actors, where python-igraph
(C) takes seconds.  Each function here takes ``engine="networkx" | "igraph" | "auto"``
and returns the same numbers whichever runs (tested to 1e-9): igraph's raw results are
rescaled to networkx's conventions.  ``auto`` picks igraph when it is installed
(``pip install "ptce-kit[fast]"``) and the graph has at least :data:`AUTO_IGRAPH_NODES`
nodes, and networkx otherwise or when a networkx ``backend=`` is asked for.  Any other
keyword goes untouched to the networkx function, so networkx's backend dispatching
(``backend="..."``) works as usual.

A multigraph is first collapsed with :func:`~ptce_kit.network.to_simple_graph`:
parallel ties would otherwise multiply the counts of shortest paths in igraph.
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from ..i18n import Message

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "ENGINES", "AUTO_IGRAPH_NODES", "choose_engine", "betweenness", "closeness", "pagerank", "eigenvector",
    "simple", "distance_sums", "shared_twins", "power_iteration", "pagerank_arrays",
]

ENGINES = ("networkx", "igraph", "auto")

#: From this many nodes ``engine="auto"`` uses python-igraph when it is installed.  Importing
#: igraph costs about half a second; from about 300 actors the measures of a pole (exact
#: betweenness, closeness, PageRank, eigenvector) take longer than that in networkx.
AUTO_IGRAPH_NODES = 300


def simple(G: nx.Graph) -> nx.Graph:
    """``G`` itself, or its collapsed weighted version if it is a multigraph."""
    if G.is_multigraph():
        from .build import to_simple_graph

        return to_simple_graph(G)
    return G


def _igraph_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("igraph") is not None


def choose_engine(G: nx.Graph, engine: str = "auto", nx_options: dict[str, Any] | None = None) -> str:
    """The engine that will run: ``"networkx"`` or ``"igraph"``.

    Examples
    --------
    >>> import networkx as nx
    >>> choose_engine(nx.path_graph(3))
    'networkx'
    >>> choose_engine(nx.path_graph(3), "igraph")
    'igraph'
    """
    if engine not in ENGINES:
        raise ValueError(Message("engine must be one of {engines}, not {engine!r}", engines=", ".join(ENGINES),
                                 engine=engine))
    backend = (nx_options or {}).get("backend")
    if engine == "auto":
        if backend is None and G.number_of_nodes() >= AUTO_IGRAPH_NODES and _igraph_installed():
            return "igraph"
        return "networkx"
    if engine == "igraph":
        if backend is not None:
            raise ValueError(Message("backend= is a networkx option: use engine='networkx' with it"))
        if not _igraph_installed():
            raise ImportError(Message('engine="igraph" needs python-igraph: pip install "ptce-kit[fast]"'))
    return engine


# Within shared_twins(), each networkx graph is converted to igraph once: the per-actor
# table asks for four measures of the same graph, and the conversion of a 5,000-actor
# graph costs about as much as its PageRank.
_TWINS: ContextVar[dict[int, tuple[nx.Graph, Any, list[Hashable], list[tuple[Any, Any, dict[str, Any]]]]] | None] = (
    ContextVar("ptce_kit_igraph_twins", default=None))


# Within shared_twins(), whatever else is derived once from a graph (its arrays, see fast.py).
_DERIVED: ContextVar[dict[tuple[str, int], tuple[Any, Any]] | None] = ContextVar("ptce_kit_derived", default=None)


def derived(G: Any, what: str, make: Any) -> Any:
    """``make(G)``, computed once per graph inside :func:`shared_twins` (every time outside it)."""
    cache = _DERIVED.get()
    if cache is None:
        return make(G)
    entry = cache.get((what, id(G)))
    if entry is None or entry[0] is not G:
        entry = cache[(what, id(G))] = (G, make(G))
    return entry[1]


@contextmanager
def shared_twins() -> Iterator[None]:
    """Convert each graph to igraph once for all the measures computed inside the block.

    The graphs must not change inside the block (the twins would be stale).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(4)
    >>> with shared_twins():
    ...     a = closeness(G, engine="igraph"); b = betweenness(G, engine="igraph")
    >>> a == closeness(G, engine="networkx"), round(b[1], 6)
    (True, 0.666667)
    """
    token, derived_token = _TWINS.set({}), _DERIVED.set({})
    try:
        yield
    finally:
        _TWINS.reset(token)
        _DERIVED.reset(derived_token)


def _to_igraph(G: nx.Graph, attribute: str | None) -> tuple[Any, list[Hashable], list[float] | None]:
    """The igraph twin of a simple graph: same node order, and the edge values of ``attribute``."""
    twins = _TWINS.get()
    twin = twins.get(id(G)) if twins is not None else None
    if twin is None or twin[0] is not G:
        import igraph as ig

        nodes = list(G)
        index = {n: i for i, n in enumerate(nodes)}
        edges = list(G.edges(data=True))
        g = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v, _ in edges], directed=G.is_directed())
        # The graph itself is kept in the entry, so that its id cannot be reused meanwhile.
        twin = (G, g, nodes, edges)
        if twins is not None:
            twins[id(G)] = twin
    _, g, nodes, edges = twin
    values = [float(d.get(attribute, 1.0)) for *_, d in edges] if attribute else None
    return g, nodes, values


def betweenness(
    G: nx.Graph,
    *,
    weight: str | None = None,
    normalized: bool = True,
    k: int | None = None,
    seed: int = 0,
    engine: str = "auto",
    **nx_options: Any,
) -> dict[Hashable, float]:
    r"""Betweenness centrality: how often an actor lies on the shortest paths between others.

    .. math:: c_B(v) = \sum_{s \ne v \ne t} \frac{\sigma(s, t \mid v)}{\sigma(s, t)}

    divided, when ``normalized``, by the number of pairs it could lie between,
    :math:`(n-1)(n-2)/2` in an undirected graph (Freeman 1977; Brandes 2001).

    Parameters
    ----------
    G : networkx graph
    weight : str, optional
        Edge attribute read as a *length* (a distance, not a strength); hop counts
        when ``None``, the usual choice for cooperation ties.
    normalized : bool
    k : int, optional
        Estimate from ``k`` source actors drawn at random (with ``seed``) instead of all
        of them (Brandes & Pich 2007): cost falls by ``n / k``.  The estimate is
        unbiased; its error shrinks roughly as 1/√k.  Measured on a 2 000-actor
        Barabási-Albert graph (about 6 000 ties), over ten seeds
        (``benchmarks/network_k_sampling.py``): with ``k=200`` the worst relative error
        among the ten most central actors was 23 % and 9.3 of the true top ten were
        found; with ``k=500``, 16 % and 9.6; with ``k=1000``, 9 % and 9.9.  Rankings of
        the leaders are reliable long before values are; small values are noisy.
    seed : int
        Seed of the sample, so that runs repeat exactly.  Both engines draw the same
        sources for the same seed and give the same estimate.
    engine : {"auto", "networkx", "igraph"}
    **nx_options
        Passed untouched to :func:`networkx.betweenness_centrality` (e.g. ``backend=``).

    Returns
    -------
    dict
        Node → betweenness, in the graph's node order.

    Examples
    --------
    >>> import networkx as nx
    >>> betweenness(nx.star_graph(3), engine="networkx")
    {0: 1.0, 1: 0.0, 2: 0.0, 3: 0.0}
    """
    import networkx as nx

    G = simple(G)
    if choose_engine(G, engine, nx_options) == "networkx":
        scores: dict[Hashable, float] = nx.betweenness_centrality(G, k=k, normalized=normalized, weight=weight, seed=seed, **nx_options)
        return scores
    if nx_options:
        raise TypeError(Message("options {options} only apply with engine='networkx'", options=sorted(nx_options)))
    n = len(G)
    g, nodes, lengths = _to_igraph(G, weight)
    directed = G.is_directed()
    if k is not None and k != n:
        # The same draw as networkx's (random.Random(seed).sample), so both estimate alike.
        sources = random.Random(seed).sample(nodes, k)
        index = {v: i for i, v in enumerate(nodes)}
        raw = g.betweenness(directed=directed, weights=lengths, sources=[index[s] for s in sources])
    else:
        sources, raw = None, g.betweenness(directed=directed, weights=lengths)
    # networkx counts ordered pairs (s, t); igraph counts an undirected pair once.
    ordered = [b if directed else 2.0 * b for b in raw]
    return dict(zip(nodes, _rescale(ordered, nodes, normalized, directed, sources), strict=True))


def _rescale(ordered: list[float], nodes: list[Hashable], normalized: bool, directed: bool,
             sources: list[Hashable] | None) -> list[float]:
    """networkx's scaling of ordered-pair betweenness (endpoints excluded)."""
    N = len(nodes) - 1
    if N < 2:
        return ordered
    correction = 1 if directed else 2
    if sources is None:
        scale = 1 / (N * (N - 1)) if normalized else 1 / correction
        return [b * scale for b in ordered]
    # A sampled source is never its own intermediary: it had one source fewer.
    k = len(sources)
    if normalized:
        on_source = 1 / ((k - 1) * (N - 1)) if k > 1 else math.nan
        off_source = 1 / (k * (N - 1))
    else:
        on_source = N / ((k - 1) * correction) if k > 1 else math.nan
        off_source = N / (k * correction)
    chosen = set(sources)
    return [b * (on_source if v in chosen else off_source) for b, v in zip(ordered, nodes, strict=True)]


def closeness(G: nx.Graph, *, distance: str | None = None, engine: str = "auto", **nx_options: Any) -> dict[Hashable, float]:
    r"""Closeness centrality, with Wasserman & Faust's correction for disconnected graphs.

    .. math:: c_C(u) = \frac{r - 1}{n - 1} \cdot \frac{r - 1}{\sum_{v \text{ reaches } u} d(v, u)}

    where *r* is the number of actors that can reach *u* (itself included): an actor cut
    off with a few others does not look central (Wasserman & Faust 1994, p. 201).  In a
    directed graph, the distances are those *to* the actor, as networkx computes them.

    Examples
    --------
    >>> import networkx as nx
    >>> closeness(nx.path_graph(3), engine="networkx")[1]
    1.0
    """
    import networkx as nx

    G = simple(G)
    if choose_engine(G, engine, nx_options) == "networkx":
        scores: dict[Hashable, float] = nx.closeness_centrality(G, distance=distance, **nx_options)
        return scores
    if nx_options:
        raise TypeError(Message("options {options} only apply with engine='networkx'", options=sorted(nx_options)))
    n = len(G)
    g, nodes, lengths = _to_igraph(G, distance)
    if n < 2:
        return dict.fromkeys(nodes, 0.0)
    near = g.closeness(mode="in", weights=lengths, normalized=True)
    if G.is_directed():
        reach = g.neighborhood_size(order=n, mode="in")
    else:
        # Who reaches an actor in an undirected graph: its component.  One pass, where
        # a breadth-first search from every actor took longer than closeness itself.
        components = g.connected_components()
        sizes = components.sizes()
        reach = [sizes[c] for c in components.membership]
    return {v: 0.0 if (c is None or math.isnan(c) or r < 2) else c * (r - 1) / (n - 1)
            for v, c, r in zip(nodes, near, reach, strict=True)}


def pagerank(
    G: nx.Graph,
    *,
    alpha: float = 0.85,
    weight: str | None = "weight",
    tol: float = 1e-13,
    engine: str = "auto",
    **nx_options: Any,
) -> dict[Hashable, float]:
    r"""PageRank: the share of time a random walker along the ties spends at each actor.

    .. math:: PR(v) = \frac{1 - \alpha}{n} + \alpha \sum_{u \to v} PR(u) \frac{w_{uv}}{\sum_x w_{ux}}

    (Brin & Page 1998), actors without ties spreading their share evenly.  ``weight`` is
    a strength here (heavier ties carry more of the walk).  The networkx engine iterates
    to ``tol`` (much tighter than networkx's default 1e-6) so that both engines agree
    to 1e-9; the fast engine runs the same iteration with numpy (:func:`pagerank_arrays`),
    the same bits on every run.

    Examples
    --------
    >>> import networkx as nx
    >>> pr = pagerank(nx.star_graph(2), engine="networkx")
    >>> round(sum(pr.values()), 12), pr[0] > pr[1]
    (1.0, True)
    """
    import networkx as nx

    G = simple(G)
    if choose_engine(G, engine, nx_options) == "networkx":
        scores: dict[Hashable, float] = nx.pagerank(G, alpha=alpha, weight=weight, tol=tol, max_iter=10_000, **nx_options)
        return scores
    if nx_options:
        raise TypeError(Message("options {options} only apply with engine='networkx'", options=sorted(nx_options)))
    import numpy as np

    nodes = list(G)
    if not nodes:
        return {}
    index = {v: i for i, v in enumerate(nodes)}
    edges = list(G.edges(data=True))
    src = np.array([index[u] for u, _, _ in edges], dtype=np.intp)
    dst = np.array([index[v] for _, v, _ in edges], dtype=np.intp)
    w = np.array([float(d.get(weight, 1.0)) if weight else 1.0 for *_, d in edges])
    if not G.is_directed():
        loop = src == dst
        src, dst, w = np.concatenate([src, dst[~loop]]), np.concatenate([dst, src[~loop]]), np.concatenate([w, w[~loop]])
    return dict(zip(nodes, pagerank_arrays(src, dst, w, len(nodes), alpha=alpha, tol=tol), strict=True))


def pagerank_arrays(src: Any, dst: Any, w: Any, n: int, *, alpha: float = 0.85, tol: float = 1e-13,
                    max_iter: int = 10_000) -> list[float]:
    """networkx's PageRank iteration over arc arrays (``src`` → ``dst``, weights ``w``).

    The same steps as :func:`networkx.pagerank` (actors without ties spread their share
    evenly), summed in a fixed order: the same bits on every run, where igraph's PRPACK
    (threaded) varies in the last digits from one run to the next.
    """
    import networkx as nx
    import numpy as np

    out = np.bincount(src, weights=w, minlength=n)
    with np.errstate(divide="ignore"):
        inverse = np.where(out != 0, 1.0 / np.where(out != 0, out, 1.0), 0.0)
    share = w * inverse[src]
    dangling = out == 0
    x = np.full(n, 1.0 / n)
    p = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = alpha * (np.bincount(dst, weights=last[src] * share, minlength=n) + last[dangling].sum() * p) + (1 - alpha) * p
        if float(np.abs(x - last).sum()) < n * tol:
            result: list[float] = x.tolist()
            return result
    raise nx.PowerIterationFailedConvergence(max_iter)


def eigenvector(
    G: nx.Graph,
    *,
    weight: str | None = "weight",
    max_iter: int = 10_000,
    tol: float = 1e-12,
    engine: str = "auto",
) -> dict[Hashable, float]:
    r"""Eigenvector centrality: an actor is central when its partners are central.

    .. math:: \lambda x_v = \sum_{u \to v} w_{uv} x_u

    normalized to unit length (Bonacich 1972), computed as networkx does by power
    iteration on :math:`A + I` from a uniform start, until the values move by less than
    ``n · tol`` in all.  The networkx engine is :func:`networkx.eigenvector_centrality`
    (pure Python: 20 s at 10^4 actors); the fast engine runs the very same iteration
    with numpy (under a second), so both stop at the same step and agree to 1e-9, on
    disconnected graphs too, where igraph's own eigenvector centrality differs.  Raises
    :class:`networkx.PowerIterationFailedConvergence` as networkx does.

    Examples
    --------
    >>> import networkx as nx
    >>> x = eigenvector(nx.star_graph(3), engine="networkx")
    >>> y = eigenvector(nx.star_graph(3), engine="igraph")
    >>> round(x[0], 6), round(y[0], 6)
    (0.707107, 0.707107)
    """
    import networkx as nx

    G = simple(G)
    if choose_engine(G, engine) == "networkx":
        scores: dict[Hashable, float] = nx.eigenvector_centrality(G, max_iter=max_iter, tol=tol, weight=weight)
        return scores
    import numpy as np

    nodes = list(G)
    n = len(nodes)
    if n == 0:
        raise nx.NetworkXPointlessConcept("cannot compute centrality for the null graph")
    index = {v: i for i, v in enumerate(nodes)}
    edges = list(G.edges(data=True))
    src = np.array([index[u] for u, _, _ in edges], dtype=np.intp)
    dst = np.array([index[v] for _, v, _ in edges], dtype=np.intp)
    w = np.array([float(d.get(weight, 1)) if weight else 1.0 for *_, d in edges])
    if not G.is_directed():
        # networkx adds x[u]·w to each neighbour: both ends of an undirected edge (a
        # self-loop once).
        loop = src == dst
        src, dst, w = np.concatenate([src, dst[~loop]]), np.concatenate([dst, src[~loop]]), np.concatenate([w, w[~loop]])
    return dict(zip(nodes, power_iteration(src, dst, w, n, max_iter=max_iter, tol=tol), strict=True))


def power_iteration(src: Any, dst: Any, w: Any, n: int, *, max_iter: int = 10_000, tol: float = 1e-12) -> list[float]:
    """networkx's eigenvector iteration on :math:`A + I` over arc arrays (``src`` → ``dst``,
    weights ``w``; an undirected edge given both ways, a self-loop once)."""
    import networkx as nx
    import numpy as np

    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = last + np.bincount(dst, weights=w * last[src], minlength=n)
        norm = math.sqrt(float(np.dot(x, x))) or 1.0
        x = x / norm
        if float(np.abs(x - last).sum()) < n * tol:
            result: list[float] = x.tolist()
            return result
    raise nx.PowerIterationFailedConvergence(max_iter)


def distance_sums(before: nx.Graph, after: nx.Graph, *, engine: str = "auto", chunk: int = 256) -> tuple[int, float, float]:
    """Over the pairs of nodes of ``after`` that can reach each other in it: their number,
    and the sums of their distances in ``before`` and in ``after`` (hop counts).

    ``after`` must be an undirected subgraph of the undirected ``before`` (e.g. ``before``
    without one node).  Memory stays linear: networkx runs one breadth-first search per
    node, igraph computes distances ``chunk`` sources at a time.

    Examples
    --------
    >>> import networkx as nx
    >>> C = nx.cycle_graph(4)
    >>> P = C.copy(); P.remove_node(0)
    >>> distance_sums(C, P, engine="networkx")
    (3, 4.0, 4.0)
    """
    import networkx as nx

    nodes = list(after)
    if choose_engine(after, engine) == "networkx":
        index = {v: i for i, v in enumerate(nodes)}
        pairs, total_before, total_after = 0, 0.0, 0.0
        for s in nodes:
            reach = nx.single_source_shortest_path_length(after, s)
            wider = nx.single_source_shortest_path_length(before, s)
            for t, d in reach.items():
                if index[t] > index[s]:
                    pairs += 1
                    total_after += d
                    total_before += wider[t]
        return pairs, total_before, total_after
    removed = [v for v in before if v not in after]
    if len(removed) == 1 and after.number_of_edges() == before.number_of_edges() - len(before[removed[0]]):
        return _sums_without_one(before, after, removed[0])
    import numpy as np

    g_after, _, _ = _to_igraph(after, None)
    # The same index for a node in both graphs: after's nodes first, the removed ones last.
    g_before, _, _ = _to_igraph(_reordered(before, nodes + [v for v in before if v not in after]), None)
    n = len(nodes)
    pairs, total_before, total_after = 0, 0.0, 0.0
    for start in range(0, n, chunk):
        sources = list(range(start, min(start + chunk, n)))
        d_after = np.array(g_after.distances(source=sources), dtype=float)
        d_before = np.array(g_before.distances(source=sources, target=list(range(n))), dtype=float)
        upper = np.arange(n)[None, :] > np.array(sources)[:, None]
        keep = upper & np.isfinite(d_after)
        pairs += int(keep.sum())
        total_after += float(d_after[keep].sum())
        total_before += float(d_before[keep].sum())
    return pairs, total_before, total_after


def _pairs_and_total(g: Any) -> tuple[int, int]:
    """Connected pairs of an undirected igraph graph, and the sum of their distances."""
    pairs = sum(len(c) * (len(c) - 1) // 2 for c in g.connected_components())
    if not pairs:
        return 0, 0
    # igraph sums the (integer) distances exactly in C; the mean times the count gives it back.
    return pairs, round(g.average_path_length(directed=False, unconn=True) * pairs)


def _sums_without_one(before: nx.Graph, after: nx.Graph, gone: Hashable) -> tuple[int, float, float]:
    """:func:`distance_sums` when ``after`` is ``before`` without the node ``gone``.

    No distance matrix: the sums over all connected pairs come from igraph's mean path
    length (C, linear memory).  The pairs of ``before`` that ``after`` keeps are all its
    pairs but those with ``gone`` and those that ``gone`` alone held together; a path
    between two of the latter passes through ``gone``, so their distance is the sum of
    their distances to it: one breadth-first search gives them all.
    """
    g_before, nodes, _ = _to_igraph(before, None)
    g_after, kept_nodes, _ = _to_igraph(after, None)
    pairs_after, total_after = _pairs_and_total(g_after)
    _, total_before = _pairs_and_total(g_before)
    to_gone = g_before.distances(source=[nodes.index(gone)])[0]
    index = {v: i for i, v in enumerate(nodes)}
    through = 0.0  # distances of the pairs with ``gone`` itself
    sums: dict[int, float] = {}  # per component of ``after``: the distances of its actors to ``gone``
    sizes: dict[int, int] = {}
    for v, component in zip(kept_nodes, g_after.connected_components().membership, strict=True):
        d = to_gone[index[v]]
        if math.isfinite(d):
            through += d
            sums[component] = sums.get(component, 0.0) + d
            sizes[component] = sizes.get(component, 0) + 1
    reached = sum(sizes.values())
    # Each pair split apart by the removal, counted once: s in one component, t in another.
    split = sum(total * (reached - sizes[c]) for c, total in sums.items())
    return pairs_after, float(total_before - through - split), float(total_after)


def _reordered(G: nx.Graph, order: list[Hashable]) -> nx.Graph:
    H = G.__class__()
    H.add_nodes_from(order)
    H.add_edges_from(G.edges())
    return H
