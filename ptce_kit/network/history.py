"""How a pole grew: its graph year by year, and what changed between two graphs.

:func:`snapshots` gives the graph at a series of dates; :func:`diff` compares two graphs
(two dates of one file, or two versions of a file) and says which actors and ties
appeared, ended or changed, with the survival and turnover rates of the field.

The life of actors and ties, as every document counts it (the activity report, the
interactive map's slider), is told by :mod:`ptce_kit.model.life`; the graphs of
:func:`snapshots` follow it.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..model import Pole

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["snapshots", "diff"]


def snapshots(pole: Pole, years: Iterable[int | str], **options: Any) -> dict[str, nx.MultiGraph]:
    """The pole's graph at each date of ``years``: ``{"2012": G, "2013": G, ...}``.

    Each date is a partial date (a year, ``YYYY-MM``…) given to
    :func:`~ptce_kit.network.to_graph` as ``at``; ``options`` (``kinds``,
    ``families``…) go with it.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> pole = Pole(id="p", name="P", actors=[
    ...     {"id": "a", "name": "A", "category": "ess_enterprise"},
    ...     {"id": "b", "name": "B", "category": "local_authority", "joined": "2014"}],
    ...   partnerships=[{"id": "t", "actors": ["a", "b"], "kind": "cooperation", "since": "2015"}])
    >>> {year: (G.number_of_nodes(), G.number_of_edges()) for year, G in snapshots(pole, range(2013, 2016)).items()}
    {'2013': (1, 0), '2014': (2, 0), '2015': (2, 1)}
    """
    from .build import to_graph

    return {str(year): to_graph(pole, at=str(year), **options) for year in years}


def _ties(G: nx.Graph) -> dict[tuple[Any, ...], dict[str, Any]]:
    """Ties by identity: (pair of actors, partnership id); a pair is ordered only if directed."""
    out: dict[tuple[Any, ...], dict[str, Any]] = {}
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else ((u, v, None, d) for u, v, d in G.edges(data=True))
    for u, v, key, data in edges:
        pair = (u, v) if G.is_directed() else tuple(sorted((u, v), key=str))
        out[(*pair, data.get("partnership", key))] = data
    return out


def _changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [old.get(k), new.get(k)] for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)}


def diff(a: nx.Graph | Pole, b: nx.Graph | Pole) -> dict[str, Any]:
    """What changed from graph ``a`` to graph ``b``: actors and ties that appeared, ended,
    changed (their attributes) or stayed.

    Graphs are compared by identity: an actor by its id, a tie by its two actors and its
    partnership id.  Poles are turned into graphs first (their whole history).

    Returns
    -------
    dict
        ``actors`` and ``ties``, each with ``appeared``, ``ended``, ``stayed`` (sorted
        lists) and ``changed`` (``{id: {attribute: [old, new]}}``); then the rates:

        - ``tie_survival`` = ties of *a* still in *b* / ties of *a*
        - ``tie_turnover`` = (ties appeared + ties ended) / ties in *a* or *b*
        - ``actor_turnover`` = the same for actors.

        A rate is ``None`` when its denominator is zero.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> from ptce_kit.network import to_graph
    >>> pole = Pole(id="p", name="P", actors=[
    ...     {"id": "a", "name": "A", "category": "ess_enterprise"},
    ...     {"id": "b", "name": "B", "category": "local_authority"},
    ...     {"id": "c", "name": "C", "category": "research_centre", "joined": "2015"}],
    ...   partnerships=[{"id": "t", "actors": ["a", "b"], "kind": "cooperation", "until": "2014"},
    ...                 {"id": "u", "actors": ["a", "c"], "kind": "partnership"}])
    >>> d = diff(to_graph(pole, at="2013"), to_graph(pole, at="2016"))
    >>> d["actors"]["appeared"], d["ties"]["ended"], d["ties"]["appeared"]
    (['c'], [['a', 'b', 't']], [['a', 'c', 'u']])
    >>> d["tie_survival"], d["tie_turnover"]
    (0.0, 1.0)
    """
    from .build import to_graph

    A = to_graph(a) if isinstance(a, Pole) else a
    B = to_graph(b) if isinstance(b, Pole) else b

    def compare(old: Mapping[Any, dict[str, Any]], new: Mapping[Any, dict[str, Any]]) -> dict[str, Any]:
        def order(keys: Iterable[Hashable]) -> list[Any]:
            return [list(k) if isinstance(k, tuple) else k for k in sorted(keys, key=str)]

        both = old.keys() & new.keys()
        changed = {"|".join(map(str, k)) if isinstance(k, tuple) else k: c
                   for k in sorted(both, key=str) if (c := _changes(old[k], new[k]))}
        return {
            "appeared": order(new.keys() - old.keys()),
            "ended": order(old.keys() - new.keys()),
            "stayed": order(both),
            "changed": changed,
        }

    actors = compare(dict(A.nodes(data=True)), dict(B.nodes(data=True)))
    ties_a, ties_b = _ties(A), _ties(B)
    ties = compare(ties_a, ties_b)

    def turnover(part: dict[str, Any]) -> float | None:
        union = len(part["appeared"]) + len(part["ended"]) + len(part["stayed"])
        return (len(part["appeared"]) + len(part["ended"])) / union if union else None

    return {
        "actors": actors,
        "ties": ties,
        "tie_survival": len(ties["stayed"]) / len(ties_a) if ties_a else None,
        "tie_turnover": turnover(ties),
        "actor_turnover": turnover(actors),
    }
