"""The multiplex view: the mutualisation, cooperation and partnership layers apart.

Loi 2014-856 art. 9 names three forms of a pole's common strategy.  Each is a layer of
the cooperation graph, over the same actors; comparing them says whether the actors who
share premises are also those who run projects together.
"""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING, Any

from ..model import Pole, TieKind

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["layers", "layer_summary"]


def layers(pole_or_graph: Pole | nx.MultiGraph, **options: Any) -> dict[str, nx.MultiGraph]:
    """One graph per kind of tie, every actor in each: ``{"mutualisation": G, ...}``.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> pole = Pole(id="p", name="P", actors=[
    ...     {"id": "a", "name": "A", "category": "ess_enterprise"},
    ...     {"id": "b", "name": "B", "category": "local_authority"}],
    ...   partnerships=[{"id": "t", "actors": ["a", "b"], "kind": "cooperation"}])
    >>> {k: G.number_of_edges() for k, G in layers(pole).items()}
    {'mutualisation': 0, 'cooperation': 1, 'partnership': 0}
    """
    from .build import to_graph

    G = to_graph(pole_or_graph, **options) if isinstance(pole_or_graph, Pole) else pole_or_graph
    out = {}
    for kind in TieKind:
        layer = G.__class__()
        layer.graph.update(G.graph, kind=kind.value)
        layer.add_nodes_from(G.nodes(data=True))
        layer.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if d.get("kind") == kind.value)
        out[kind.value] = layer
    return out


def _pairs(G: nx.Graph) -> set[frozenset[Any]]:
    return {frozenset((u, v)) for u, v in G.edges() if u != v}


def layer_summary(pole_or_graph: Pole | nx.MultiGraph, **options: Any) -> dict[str, Any]:
    """Compare the layers: their size, how far they overlap, how multiplex the ties are.

    Returns ``layers`` (per kind: ``ties``, ``pairs``, ``density``), ``overlap`` (per pair
    of kinds, the Jaccard index of their sets of tied pairs: shared / in either) and
    ``multiplex_share``, the share of tied pairs joined by two kinds of tie or more.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> pole = Pole(id="p", name="P", actors=[
    ...     {"id": "a", "name": "A", "category": "ess_enterprise"},
    ...     {"id": "b", "name": "B", "category": "local_authority"},
    ...     {"id": "c", "name": "C", "category": "research_centre"}],
    ...   partnerships=[{"id": "t", "actors": ["a", "b"], "kind": "cooperation"},
    ...                 {"id": "u", "actors": ["a", "b", "c"], "kind": "mutualisation"}])
    >>> s = layer_summary(pole)
    >>> s["overlap"]["mutualisation/cooperation"], s["multiplex_share"]
    (0.3333333333333333, 0.3333333333333333)
    """
    import networkx as nx

    split = layers(pole_or_graph, **options)
    pairs = {kind: _pairs(G) for kind, G in split.items()}
    every = set().union(*pairs.values())
    n = next(iter(split.values())).number_of_nodes() if split else 0
    return {
        "layers": {kind: {"ties": G.number_of_edges(), "pairs": len(pairs[kind]),
                          "density": nx.density(nx.Graph(G)) if n > 1 else None}
                   for kind, G in split.items()},
        "overlap": {f"{a}/{b}": (len(pairs[a] & pairs[b]) / len(pairs[a] | pairs[b]) if pairs[a] | pairs[b] else None)
                    for a, b in combinations(split, 2)},
        "multiplex_share": (sum(sum(p in pairs[k] for k in pairs) >= 2 for p in every) / len(every)) if every else None,
    }
