"""Sampled closeness and the pivot's mean distances as computed before the bit-parallel
searches (issue 23): one sparse product per level for 32 sources at once, float distances.

A verbatim copy of ``adjacency``, ``distances_from`` and ``sampled_distances`` from
``ptce_kit/network/fast.py`` at commit 89e58bb, the reference the tests compare the
bit-parallel searches with.  Do not edit.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ptce_kit.network.fast import Arrays, sources

CHUNK = 32


def adjacency(n: int, src: np.ndarray, dst: np.ndarray) -> Any:
    """The symmetric 0/1 adjacency matrix (scipy CSR, float32) of undirected edges."""
    import scipy.sparse as sp

    keep = src != dst
    rows = np.concatenate([src[keep], dst[keep]])
    cols = np.concatenate([dst[keep], src[keep]])
    A = sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(n, n))
    A.data[:] = 1.0  # parallel pairs summed: one step all the same
    return A


def distances_from(A: Any, block: list[int]) -> np.ndarray:
    """Hop distances from each of ``block`` to every actor (n × len(block), ``inf`` where
    unreachable): breadth-first searches run side by side, one sparse product per level.

    igraph's ``distances`` gives the same numbers as lists of Python floats: at 2·10^5
    actors, making those lists took most of the time of a sampled analysis.
    """

    n, b = A.shape[0], len(block)
    dist = np.full((n, b), np.inf)
    columns = np.arange(b)
    dist[block, columns] = 0.0
    frontier = np.zeros((n, b), dtype=np.float32)
    frontier[block, columns] = 1.0
    level = 0
    while True:
        level += 1
        new = (A @ frontier > 0) & np.isinf(dist)
        if not new.any():
            return dist
        dist[new] = level
        frontier = new.astype(np.float32)


def sampled_distances(a: Arrays, k: int, seed: int,
                      pivot: int | None) -> tuple[list[float], float | None, float | None]:
    """Closeness from ``k`` sources (:func:`closeness_sampled`) and, with ``pivot`` (an
    index), the mean distances before and after its departure over the pairs still
    connected, from the same sources (the pivot itself left out): one breadth-first
    search per source serves both.
    """

    n = a.n
    if n < 2:
        return [0.0] * n, None, None
    g = a.graph
    components = g.connected_components()
    membership = np.array(components.membership)
    reach = np.array(components.sizes())[membership]
    total = np.zeros(n)
    count = np.zeros(n)
    chosen = sources(a.nodes, min(k, n), seed)
    A = adjacency(n, a.src, a.dst)
    after = None
    if pivot is not None:
        keep = (a.src != pivot) & (a.dst != pivot)
        after = adjacency(n - 1, a.src[keep] - (a.src[keep] > pivot), a.dst[keep] - (a.dst[keep] > pivot))
    pairs, total_before, total_after = 0, 0.0, 0.0
    p = -1 if pivot is None else pivot
    for start in range(0, len(chosen), CHUNK):
        block = chosen[start:start + CHUNK]
        d = distances_from(A, block)
        finite = np.isfinite(d)
        finite[block, np.arange(len(block))] = False
        total += np.where(finite, d, 0.0).sum(axis=1)
        count += finite.sum(axis=1)
        if after is not None:
            columns = [c for c, s in enumerate(block) if s != p]
            if not columns:
                continue
            moved = [block[c] - (block[c] > p) for c in columns]
            d_after = distances_from(after, moved)
            d_before = np.delete(d[:, columns], p, axis=0)
            reached = np.isfinite(d_after)
            reached[moved, np.arange(len(moved))] = False
            pairs += int(reached.sum())
            total_after += float(d_after[reached].sum())
            total_before += float(d_before[reached].sum())
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
