"""The per-actor table and the pole's measures on arrays: python-igraph and numpy, no networkx copy.

With ``engine="igraph"`` (the default above :data:`~ptce_kit.network.engines.AUTO_IGRAPH_NODES`
actors), :func:`~ptce_kit.network.measures.analyse` reads the pole's multigraph once into
:class:`Arrays` — the actors interned as indices 0 … n-1 in the graph's order, the parallel
ties collapsed into one weighted edge per pair with numpy — and computes every measure from
them: betweenness, closeness, PageRank and k-cores in igraph (C), eigenvector centrality by
the same power iteration as networkx (numpy), Burt's constraint and effective size and
Gould & Fernandez's brokerage roles from each actor's neighbourhood and the graph's
triangles (numpy), Louvain communities with igraph's multilevel algorithm (seeded).  Memory
stays linear in the graph: no n × n matrix, no copy of the networkx graph.

Every value equals networkx's to 1e-9 (tests on several graphs), except the communities:
igraph's multilevel and networkx's Louvain are two implementations of the same method with
different random streams, so their partitions, hence the ``community`` labels and the
modularity, can differ.

With ``sample=K``, betweenness, closeness and the pivot's mean distances are estimated from
K source actors drawn with the seed (Brandes & Pich 2007), for graphs too large for exact
all-pairs shortest paths (see docs/analysis.md for the error); the searches for closeness
and the pivot's distances run 64 sources at once, as the bits of one ``uint64`` per actor
(:func:`bfs_levels`).
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx
    import numpy as np

__all__ = ["Arrays", "arrays", "node_codes", "tie_groups", "components", "structural_holes", "brokerage",
           "brokerage_counts", "communities", "closeness_sampled",
           "sampled_distances", "pivot_dependence", "graph_pivot_dependence"]

#: Sources searched at once: the bits of one ``uint64`` per actor (64 × 2·10^5 pairs in 1.6 MB).
BITS = 64


@dataclass
class Arrays:
    """A simple undirected graph as arrays, with its igraph twin.

    ``src``/``dst``/``weight``: one edge per tied pair (parallel ties collapsed, weights
    summed, as :func:`~ptce_kit.network.to_simple_graph` does); ``ties``: each actor's
    number of ties in the multigraph; ``rows``/``cols``/``mutual``: the pairs both ways,
    self-loops left out, sorted by (row, col) (a CSR layout without its index).
    """

    nodes: list[Hashable]
    src: np.ndarray
    dst: np.ndarray
    weight: np.ndarray
    ties: np.ndarray
    graph: Any  # igraph.Graph
    rows: np.ndarray
    cols: np.ndarray
    mutual: np.ndarray
    tie_u: np.ndarray  # the multigraph's ties, in its edge order
    tie_v: np.ndarray
    tie_kinds: list[Any]
    _triangles: np.ndarray | None = None
    _codes: dict[str, tuple[list[Any], np.ndarray]] = field(default_factory=dict)
    _components: tuple[np.ndarray, np.ndarray] | None = None

    def components(self) -> tuple[np.ndarray, np.ndarray]:
        """:func:`components` of the graph, computed once."""
        if self._components is None:
            self._components = components(self.graph)
        return self._components

    @property
    def n(self) -> int:
        return len(self.nodes)

    @property
    def has_loops(self) -> bool:
        return bool((self.src == self.dst).any())

    def slot(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """The positions of the pairs (i, j) in ``rows``/``cols`` (they must exist)."""
        import numpy as np

        keys = self.rows.astype(np.int64) * self.n + self.cols
        found: np.ndarray = np.searchsorted(keys, i.astype(np.int64) * self.n + j)
        return found

    def triangles(self) -> np.ndarray:
        """The triangles of the graph, one row (a, b, c) each (self-loops ignored); listed once."""
        import numpy as np

        if self._triangles is not None:
            return self._triangles
        g = self.graph
        if self.has_loops:
            g = g.copy()
            g.simplify(multiple=False, loops=True)
        found = g.list_triangles()
        self._triangles = np.array(found, dtype=np.int64).reshape(-1, 3)
        return self._triangles

    def degree(self) -> np.ndarray:
        import numpy as np

        return np.bincount(self.src, minlength=self.n) + np.bincount(self.dst, minlength=self.n)

    def strength(self) -> np.ndarray:
        import numpy as np

        return (np.bincount(self.src, weights=self.weight, minlength=self.n)
                + np.bincount(self.dst, weights=self.weight, minlength=self.n))


def arrays(G: nx.Graph) -> Arrays:
    """Read an undirected (multi)graph into :class:`Arrays`, in one pass over its edges.

    Examples
    --------
    >>> import networkx as nx
    >>> a = arrays(nx.MultiGraph([("a", "b"), ("a", "b"), ("b", "c")]))
    >>> a.nodes, a.src.tolist(), a.dst.tolist(), a.weight.tolist(), a.ties.tolist()
    (['a', 'b', 'c'], [0, 1], [1, 2], [2.0, 1.0], [2, 3, 1])
    """
    import igraph as ig
    import numpy as np

    if G.is_directed():
        raise ValueError("the array measures take an undirected graph")
    nodes = list(G)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    ends_u: list[int] = []
    ends_v: list[int] = []
    values: list[dict[str, Any]] = []
    if G.is_multigraph():
        # The order of ``G.edges(data=True)``, read from the adjacency itself: each edge once,
        # from the end met first (a self-loop from its node), its keys in their order.  A
        # multigraph's edge count walks the whole adjacency, as its edge view's iterator does.
        done: set[Hashable] = set()
        for a_, nbrs in G._adj.items():
            i = index[a_]
            for b_, keyed in nbrs.items():
                if b_ not in done:
                    j = index[b_]
                    for d in keyed.values():
                        ends_u.append(i)
                        ends_v.append(j)
                        values.append(d)
            done.add(a_)
    else:
        for a_, b_, d in G.edges(data=True):
            ends_u.append(index[a_])
            ends_v.append(index[b_])
            values.append(d)
    u = np.array(ends_u, dtype=np.int64)
    v = np.array(ends_v, dtype=np.int64)
    w = np.array([d.get("weight", 1.0) for d in values], dtype=float)
    kinds: list[Any] = [d.get("kind") for d in values]
    del values
    ties = np.bincount(u, minlength=n) + np.bincount(v, minlength=n)
    low, high = np.minimum(u, v), np.maximum(u, v)
    _, first, inverse = np.unique(low * max(n, 1) + high, return_index=True, return_inverse=True)
    # Pairs in the order of their first tie, oriented as that tie (as to_simple_graph keeps them).
    order = np.argsort(first, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    src, dst = u[first[order]], v[first[order]]
    weight = np.bincount(rank[inverse.ravel()], weights=w, minlength=len(order)) if len(u) else np.zeros(0)
    graph = ig.Graph(n=n, edges=np.column_stack([src, dst]).tolist() if len(src) else [], directed=False)
    keep = src != dst
    rows = np.concatenate([src[keep], dst[keep]])
    cols = np.concatenate([dst[keep], src[keep]])
    mutual = np.concatenate([weight[keep], weight[keep]])
    by = np.lexsort((cols, rows))
    return Arrays(nodes, src, dst, weight, ties, graph, rows[by], cols[by], mutual[by], u, v, kinds)


def node_codes(G: nx.Graph, a: Arrays, attribute: str) -> tuple[list[Any], np.ndarray]:
    """The distinct values of a node attribute (in the order met) and each actor's value code,
    read once per graph and attribute (kept in ``a``)."""
    import numpy as np

    found = a._codes.get(attribute)
    if found is None:
        node = G._node
        seen: dict[Any, int] = {}
        code = np.fromiter((seen.setdefault(node[v].get(attribute), len(seen)) for v in a.nodes), dtype=np.int64,
                           count=a.n)
        found = a._codes[attribute] = (list(seen), code)
    return found


def tie_groups(G: nx.Graph, a: Arrays, attribute: str) -> tuple[list[Any], np.ndarray, np.ndarray]:
    """The distinct values of a node attribute, and the value codes at both ends of every tie."""
    groups, code = node_codes(G, a, attribute)
    return groups, code[a.tie_u], code[a.tie_v]


def components(g: Any) -> tuple[np.ndarray, np.ndarray]:
    """Each actor's connected component (igraph's numbering) and the components' sizes, as arrays.

    igraph's own ``connected_components()`` wraps the membership in a ``VertexClustering``,
    whose construction walks it in Python (half a second at 2·10^5 actors).
    """
    import igraph as ig
    import numpy as np

    membership = np.array(ig.GraphBase.connected_components(g, "strong"), dtype=np.int64)
    return membership, np.bincount(membership) if len(membership) else np.zeros(0, dtype=np.int64)


def mixing(G: nx.Graph, a: Arrays, attribute: str) -> dict[str, Any]:
    """:func:`~ptce_kit.network.measures.mixing` from the ties' arrays: each tie seen from
    both ends (a self-loop once), Newman's coefficient from the normalized matrix."""
    import numpy as np

    groups, gu, gv = tie_groups(G, a, attribute)
    width = len(groups)
    loop = a.tie_u == a.tie_v
    first = np.concatenate([gu, gv[~loop]])
    second = np.concatenate([gv, gu[~loop]])
    counts = np.bincount(first * width + second, minlength=width * width).reshape(width, width) if width else np.zeros((0, 0))
    present = sorted({*first.tolist(), *second.tolist()}, key=lambda c: str(groups[c]))
    matrix = {groups[i]: {groups[j]: int(counts[i, j]) for j in sorted(np.flatnonzero(counts[i]).tolist(),
                                                                    key=lambda c: str(groups[c]))}
              for i in present if counts[i].any()}
    r = None
    if len(a.tie_u):
        M = counts[np.ix_(present, present)].astype(float)
        M /= M.sum()
        x, y = M.sum(axis=0), M.sum(axis=1)
        expected = float((x * y).sum())
        with np.errstate(divide="ignore", invalid="ignore"):
            value = (float(np.trace(M)) - expected) / (1 - expected) if expected != 1 else math.nan
        r = value if math.isfinite(value) else None
    return {"assortativity": r, "matrix": matrix}


def cross_share(G: nx.Graph, a: Arrays, attribute: str) -> float | None:
    """The share of ties whose ends differ by ``attribute`` (``None`` without ties)."""
    _, gu, gv = tie_groups(G, a, attribute)
    return float((gu != gv).sum()) / len(gu) if len(gu) else None


def anchoring(G: nx.Graph, a: Arrays, communes: list[str]) -> dict[str, Any]:
    """:func:`~ptce_kit.network.measures.territorial_anchoring` from the ties' arrays."""
    import numpy as np

    groups, gu, gv = tie_groups(G, a, "commune")
    known_code = np.array([bool(c) for c in groups], dtype=bool)
    inside_code = np.array([c in set(communes) for c in groups], dtype=bool)
    known = known_code[gu] & known_code[gv] if len(groups) else np.zeros(0, dtype=bool)
    count = int(known.sum())
    if not count:
        return {"ties_with_communes": 0, "same_commune": None, "within_territory": None}
    return {
        "ties_with_communes": count,
        "same_commune": float((gu[known] == gv[known]).sum()) / count,
        "within_territory": float((inside_code[gu[known]] & inside_code[gv[known]]).sum()) / count if communes else None,
    }


def structural_holes(a: Arrays) -> tuple[list[float | None], list[float | None]]:
    """Burt's constraint and effective size of every actor, as
    :func:`~ptce_kit.network.measures.structural_holes` defines them, from the triangles.

    The indirect share :math:`\\sum_q p_{iq} p_{qj}` and the redundancy
    :math:`\\sum_q p_{iq} m_{jq}` of a tie (i, j) run over the actors q tied to both: the
    third corners of the triangles on that tie.  Memory: the ties and the triangles.
    """
    import numpy as np

    n = a.n
    total = np.bincount(a.rows, weights=a.mutual, minlength=n)
    strongest = np.zeros(n)
    np.maximum.at(strongest, a.rows, a.mutual)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = a.mutual / total[a.rows]
    indirect = np.zeros(len(a.rows))
    redundancy = np.zeros(len(a.rows))
    tri = a.triangles()
    if len(tri):
        for x, y, z in ((0, 1, 2), (1, 0, 2), (0, 2, 1), (2, 0, 1), (1, 2, 0), (2, 1, 0)):
            i, j, q = tri[:, x], tri[:, y], tri[:, z]
            iq, qj, jq = a.slot(i, q), a.slot(q, j), a.slot(j, q)
            ij = a.slot(i, j)
            np.add.at(indirect, ij, share[iq] * share[qj])
            np.add.at(redundancy, ij, share[iq] * a.mutual[jq])
    top = strongest[a.cols]
    with np.errstate(divide="ignore", invalid="ignore"):
        redundant = np.where(top != 0, redundancy / np.where(top != 0, top, 1.0), 0.0)
    constraint = np.bincount(a.rows, weights=(share + indirect) ** 2, minlength=n)
    size = np.bincount(a.rows, weights=1 - redundant, minlength=n)
    isolated = total == 0

    def clean(values: np.ndarray) -> list[float | None]:
        return [None if gone or not math.isfinite(x) else x for x, gone in zip(values.tolist(), isolated.tolist())]

    return clean(constraint), clean(size)


def _codes(values: list[Any]) -> tuple[np.ndarray, int]:
    import numpy as np

    seen: dict[Any, int] = {}
    codes = np.array([seen.setdefault(x, len(seen)) for x in values], dtype=np.int64)
    return codes, max(len(seen), 1)


def _role(gi: np.ndarray, gj: np.ndarray, gk: np.ndarray) -> np.ndarray:
    """:func:`~ptce_kit.network.brokerage.brokerage_role` as a role index, on arrays."""
    import numpy as np

    return np.select([(gi == gj) & (gj == gk), gi == gk, gi == gj, gj == gk], [0, 1, 2, 3], default=4)


def brokerage(a: Arrays, groups: list[Any]) -> list[dict[str, int]]:
    """Gould & Fernandez's roles of every actor of an undirected graph, as
    :func:`~ptce_kit.network.brokerage.brokerage` counts them (the symmetric digraph).

    Every ordered pair of two partners of *j* is counted by the groups of its ends
    (neighbourhood counts per group), then the pairs that are tied (the triangles on *j*)
    are taken off (see :func:`brokerage_counts`).
    """
    from .brokerage import ROLES

    table = brokerage_counts(a, _codes(groups)[0]).tolist()
    return [{**dict(zip(ROLES, row)), "total": sum(row)} for row in table]


def brokerage_counts(a: Arrays, code: np.ndarray) -> np.ndarray:
    """:func:`brokerage` as an ``n × 5`` array of counts, the roles in the order of
    :data:`~ptce_kit.network.brokerage.ROLES`; ``code``: each actor's group as an integer."""
    import numpy as np

    n = a.n
    width = int(code.max()) + 1 if len(code) else 1
    C = np.bincount(a.rows * width + code[a.cols], minlength=n * width).reshape(n, width)
    deg = C.sum(axis=1)
    own = C[np.arange(n), code]
    same = own * (own - 1)
    counts = np.zeros((n, 5), dtype=np.int64)
    counts[:, 0] = same
    counts[:, 1] = (C * (C - 1)).sum(axis=1) - same
    counts[:, 2] = counts[:, 3] = own * (deg - own)
    counts[:, 4] = deg * (deg - 1) - counts[:, :4].sum(axis=1)
    tri = a.triangles()
    if len(tri):
        for x, y, z in ((0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0)):
            i, j, k = tri[:, x], tri[:, y], tri[:, z]
            closed = np.bincount(j * 5 + _role(code[i], code[j], code[k]), minlength=n * 5).reshape(n, 5)
            counts -= closed
    return counts


def communities(a: Arrays, seed: int) -> list[list[Hashable]]:
    """igraph's multilevel (Louvain) communities, weighted, with ``seed``: sorted as
    :func:`~ptce_kit.network.measures.communities` sorts networkx's."""
    import igraph as ig

    if not a.n:
        return []
    previous = random.getstate()
    ig.set_random_number_generator(random.Random(seed))
    try:
        found = a.graph.community_multilevel(weights=a.weight.tolist() if len(a.weight) else None)
    finally:
        ig.set_random_number_generator(random)
        random.setstate(previous)
    groups = [sorted((a.nodes[i] for i in members), key=str) for members in found]
    return sorted(groups, key=lambda c: (-len(c), str(c[0])))


def distance_sums(a: Arrays) -> tuple[np.ndarray, np.ndarray]:
    """Each actor's sum of distances to the actors it reaches, and their number (itself included).

    From igraph's closeness (one breadth-first search per actor, in C): closeness is the
    number reached but itself over that sum.  The sums are whole numbers, given back exactly.
    """
    import numpy as np

    g = a.graph
    membership, sizes = a.components()
    reach = sizes[membership] if a.n else np.zeros(0, dtype=np.int64)
    near = np.array(g.closeness(mode="all", normalized=True), dtype=float) if a.n else np.zeros(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        sums = np.where((reach > 1) & np.isfinite(near) & (near > 0), np.rint((reach - 1) / near), 0.0)
    return sums, reach


def closeness_exact(a: Arrays, sums: np.ndarray, reach: np.ndarray) -> list[float]:
    """Wasserman & Faust's closeness (as :func:`~ptce_kit.network.engines.closeness`) from :func:`distance_sums`."""
    import numpy as np

    n = a.n
    if n < 2:
        return [0.0] * n
    with np.errstate(divide="ignore", invalid="ignore"):
        values = np.where(sums > 0, (reach - 1) / sums * (reach - 1) / (n - 1), 0.0)
    result: list[float] = values.tolist()
    return result


def csr(n: int, rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(indptr, indices)`` of the pairs ``(rows, cols)`` sorted by row: each actor's
    neighbours are ``indices[indptr[v]:indptr[v + 1]]``."""
    import numpy as np

    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    return indptr, np.ascontiguousarray(cols, dtype=np.int64)


def bfs_levels(indptr: np.ndarray, indices: np.ndarray, block: list[int]) -> Iterator[tuple[int, np.ndarray]]:
    """Breadth-first searches from up to 64 sources at once, as bits of one ``uint64`` per actor.

    Yields ``(level, new)`` for every level from 1 on: bit *c* of ``new[v]`` is set when
    actor *v* is at exactly ``level`` hops from ``block[c]`` (a negative source searches
    nothing).  Each level costs one
    gather and one OR-reduction over the ties (``np.bitwise_or.reduceat``), for the 64
    sources together: the bit-parallel search of the all-pairs shortest-path literature
    (e.g. Then et al., *The More the Merrier*, VLDB 2014).
    """
    import numpy as np

    n = len(indptr) - 1
    if len(block) > 64:
        raise ValueError("at most 64 sources at once")
    seen = np.zeros(n, dtype=np.uint64)
    for c, s in enumerate(block):
        if s >= 0:  # a negative source: a column left empty
            seen[s] |= np.uint64(1) << np.uint64(c)
    frontier = seen.copy()
    has = np.flatnonzero(np.diff(indptr) > 0)
    starts = indptr[has]
    level = 0
    while True:
        level += 1
        reached = np.zeros(n, dtype=np.uint64)
        if len(has):
            reached[has] = np.bitwise_or.reduceat(frontier[indices], starts)
        new = reached & ~seen
        if not new.any():
            return
        seen |= new
        frontier = new
        yield level, new


def sources(nodes: list[Hashable], k: int, seed: int) -> list[int]:
    """The indices of the ``k`` sources drawn as the betweenness engines draw them."""
    index = {v: i for i, v in enumerate(nodes)}
    return [index[s] for s in random.Random(seed).sample(nodes, k)]


def closeness_sampled(a: Arrays, k: int, seed: int) -> list[float]:
    r"""Closeness (Wasserman & Faust, as :func:`~ptce_kit.network.engines.closeness`) estimated
    from ``k`` sources: each actor's mean distance to the others of its component is the
    mean of its distances to the sampled sources in that component (itself left out).

    An actor of a component without any other sampled source gets its exact value.
    """
    return sampled_distances(a, k, seed, None)[0]


def sampled_distances(a: Arrays, k: int, seed: int,
                      pivot: int | None) -> tuple[list[float], float | None, float | None]:
    """Closeness from ``k`` sources (:func:`closeness_sampled`) and, with ``pivot`` (an
    index), the mean distances before and after its departure over the pairs still
    connected, from the same sources (the pivot itself left out): one breadth-first
    search per source serves both.

    The searches run 64 sources at once on bits (:func:`bfs_levels`), and every sum is
    a count of whole hops: the numbers are exact.
    """
    import numpy as np

    n = a.n
    if n < 2:
        return [0.0] * n, None, None
    g = a.graph
    membership, sizes = a.components()
    reach = sizes[membership]
    total = np.zeros(n, dtype=np.int64)
    count = np.zeros(n, dtype=np.int64)
    chosen = sources(a.nodes, min(k, n), seed)
    indptr, indices = csr(n, a.rows, a.cols)
    after: tuple[np.ndarray, np.ndarray] | None = None
    if pivot is not None:
        # The same actors, the pivot's ties gone: it is reached by no one and reaches no one.
        keep = (a.rows != pivot) & (a.cols != pivot)
        after = csr(n, a.rows[keep], a.cols[keep])
    pairs, total_before, total_after = 0, 0, 0
    for start in range(0, len(chosen), BITS):
        block = chosen[start:start + BITS]
        still = None
        if after is not None:
            # Searches without the pivot first: which pairs stay connected (``still``).
            still = np.zeros(n, dtype=np.uint64)
            for level, new in bfs_levels(*after, [s if s != pivot else -1 for s in block]):
                hits = np.bitwise_count(new)
                pairs += int(hits.sum(dtype=np.int64))
                total_after += level * int(hits.sum(dtype=np.int64))
                still |= new
        for level, new in bfs_levels(indptr, indices, block):
            hits = np.bitwise_count(new)
            total += level * hits.astype(np.int64)
            count += hits
            if still is not None:
                total_before += level * int(np.bitwise_count(new & still).sum(dtype=np.int64))
    result = np.zeros(n)
    seen = count > 0
    result[seen] = (reach[seen] - 1) / (n - 1) / (total[seen] / count[seen])
    rest = np.flatnonzero(~seen & (reach > 1))
    if len(rest):
        exact = g.closeness(vertices=rest.tolist(), normalized=True)
        result[rest] = np.array(exact) * (reach[rest] - 1) / (n - 1)
    means = (total_before / pairs, total_after / pairs) if pairs else (None, None)
    closeness: list[float] = result.tolist()
    return closeness, means[0], means[1]


def _connected_pairs(found: tuple[np.ndarray, np.ndarray]) -> int:
    """The pairs of actors that reach each other, from :func:`components`."""
    sizes = found[1]
    return int((sizes * (sizes - 1) // 2).sum())


def pivot_dependence(a: Arrays, pivot: Hashable | None, *, sample: int | None = None,
                     seed: int = 0, sums: np.ndarray | None = None,
                     sampled: tuple[Any, float | None, float | None] | None = None,
                     distances: bool = True) -> dict[str, Any] | None:
    """:func:`~ptce_kit.network.measures.pivot_dependence` on arrays (mean distances from
    ``sample`` sources when given, exact otherwise; ``sums``: :func:`distance_sums`'s, when
    already computed; ``sampled``: :func:`sampled_distances`'s for this pivot, likewise;
    ``distances=False``: the mean distances are ``None`` and no distance is computed)."""
    import igraph as ig
    import numpy as np

    if pivot is None:
        return None
    try:
        p = a.nodes.index(pivot)
    except ValueError:
        return None
    g = a.graph
    n = a.n
    membership_before, sizes_before = a.components()
    pairs_before = _connected_pairs((membership_before, sizes_before))
    size_with_pivot = int(sizes_before[membership_before[p]])
    # Pairs of the others: the pivot's component counts one actor fewer.
    before = pairs_before - (size_with_pivot - 1)
    keep = (a.src != p) & (a.dst != p)
    # The indices in ``after``: the pivot taken out.
    after_src, after_dst = a.src[keep] - (a.src[keep] > p), a.dst[keep] - (a.dst[keep] > p)
    after_graph = ig.Graph(n=n - 1, edges=np.column_stack([after_src, after_dst]).tolist()
                           if keep.any() else [], directed=False)
    after_components = components(after_graph)
    after = _connected_pairs(after_components)
    degree_before = a.degree()
    degree_after = np.delete(np.bincount(a.src[keep], minlength=n) + np.bincount(a.dst[keep], minlength=n), p)
    isolated = int(((degree_after == 0) & (np.delete(degree_before, p) > 0)).sum())
    mean_before: float | None
    mean_after: float | None
    if not distances:
        mean_before = mean_after = None
    elif sample is not None and sample < n:
        _, mean_before, mean_after = sampled if sampled is not None else sampled_distances(a, sample, seed, p)
    else:
        from .engines import _pairs_and_total

        connected, total_after = _pairs_and_total(after_graph)
        if sums is None:
            sums = distance_sums(a)[0]
        total_before = round(float(sums.sum()) / 2)
        to_gone = np.array(g.distances(source=[p])[0], dtype=float)
        d = np.delete(to_gone, p)
        reached = np.isfinite(d)
        through = float(d[reached].sum())
        membership, parts = after_components[0], len(after_components[1])
        sums = np.bincount(membership[reached], weights=d[reached], minlength=parts)
        sizes = np.bincount(membership[reached], minlength=parts)
        split = float((sums * (int(reached.sum()) - sizes)).sum())
        kept_total_before = float(total_before - through - split)
        mean_before = kept_total_before / connected if connected else None
        mean_after = float(total_after) / connected if connected else None
    return {
        "pivot": pivot,
        "pairs_connected_before": before,
        "pairs_connected_after": after,
        "connectivity_loss": 1 - after / before if before else None,
        "components_after": len(after_components[1]),
        "isolated_after": isolated,
        "mean_distance_before": mean_before,
        "mean_distance_after": mean_after,
    }


def _neighbours(G: nx.Graph) -> dict[Hashable, set[Hashable]]:
    """Each node's neighbours in the undirected simple graph of ``G`` (a self-loop: itself)."""
    if G.is_directed():
        return {v: set(G.succ[v]) | set(G.pred[v]) for v in G}
    return {v: set(nbrs) for v, nbrs in G.adj.items()}


def _reach(nbrs: dict[Hashable, set[Hashable]], start: Hashable, gone: Hashable | None) -> dict[Hashable, int]:
    """Hop counts from ``start`` by breadth-first search, ``gone`` left out of the graph."""
    dist = {start: 0}
    level, d = [start], 0
    while level:
        d += 1
        following = []
        for u in level:
            for w in nbrs[u]:
                if w not in dist and w != gone:
                    dist[w] = d
                    following.append(w)
        level = following
    return dist


def _pairs_in(nbrs: dict[Hashable, set[Hashable]], gone: Hashable | None) -> tuple[int, int]:
    """Pairs of nodes that reach each other, and the number of components, ``gone`` left out."""
    seen: set[Hashable] = set()
    pairs = parts = 0
    for v in nbrs:
        if v in seen or v == gone:
            continue
        found = _reach(nbrs, v, gone)
        seen.update(found)
        pairs += len(found) * (len(found) - 1) // 2
        parts += 1
    return pairs, parts


def graph_pivot_dependence(G: nx.Graph, pivot: Hashable | None = None, *, engine: str = "auto",
                           distances: bool = True) -> dict[str, Any] | None:
    """:func:`~ptce_kit.network.measures.pivot_dependence` of a pole's (multi)graph, without a
    networkx copy of it.

    With igraph (``engine`` as :func:`~ptce_kit.network.engines.choose_engine` decides it),
    on :class:`Arrays` (shared with the other measures of the same graph inside
    :func:`~ptce_kit.network.engines.shared_twins`); otherwise by breadth-first searches
    over the graph's own adjacency, parallel ties and directions read as one undirected
    tie.  The same values as networkx's (tests compare them).

    Examples
    --------
    >>> import networkx as nx
    >>> d = graph_pivot_dependence(nx.MultiGraph([(0, 1), (0, 1), (0, 2), (0, 3)]), pivot=0, engine="networkx")
    >>> d["connectivity_loss"], d["isolated_after"], d["components_after"], d["mean_distance_before"]
    (1.0, 3, 3, None)
    """
    from .engines import choose_engine, derived

    pivot = pivot if pivot is not None else G.graph.get("pivot")
    if pivot is None or pivot not in G:
        return None
    if not G.is_directed() and choose_engine(G, engine) == "igraph":
        return pivot_dependence(derived(G, "arrays", arrays), pivot, distances=distances)
    nbrs = _neighbours(G)
    before, _ = _pairs_in(nbrs, None)
    # The pivot's own component counts one actor fewer.
    size = len(_reach(nbrs, pivot, None))
    before -= size - 1
    after, components_after = _pairs_in(nbrs, pivot)
    # Left with no tie: the actors whose only neighbour was the pivot.
    isolated = sum(1 for v in nbrs[pivot] if v != pivot and nbrs[v] == {pivot})
    kept, total_before, total_after = 0, 0, 0
    if distances:
        index = {v: i for i, v in enumerate(nbrs)}
        for s in nbrs:
            if s == pivot:
                continue
            wider = _reach(nbrs, s, None)
            for t, d in _reach(nbrs, s, pivot).items():
                if index[t] > index[s]:
                    kept += 1
                    total_after += d
                    total_before += wider[t]
    return {
        "pivot": pivot,
        "pairs_connected_before": before,
        "pairs_connected_after": after,
        "connectivity_loss": 1 - after / before if before else None,
        "components_after": components_after,
        "isolated_after": isolated,
        "mean_distance_before": float(total_before) / kept if kept else None,
        "mean_distance_after": float(total_after) / kept if kept else None,
    }
