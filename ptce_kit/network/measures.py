"""The measures of the field, as plain functions over the cooperation graph.

Per actor: degree, ties and weighted degree, betweenness, closeness, eigenvector,
PageRank, Burt's constraint and effective size, k-core, Louvain community and the
brokerage roles of Gould & Fernandez.  Per pole: size, density, components, clustering,
Freeman centralization, modularity, assortativity and mixing by family and category,
Krackhardt's E-I index, the share of ties crossing families, territorial anchoring and
the dependence on the pivot.  :func:`analyse` gathers them all for one pole.

Structure measures run on the simple graph (parallel ties collapsed, see
:func:`~ptce_kit.network.to_simple_graph`); measures of the *composition of ties*
(E-I index, cross-family share, mixing, anchoring) count every tie of the multigraph,
since two actors tied three ways are three times tied.  Missing values (an isolated
actor's constraint, an assortativity with one family only) are ``None``, never NaN.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, Any, cast

from ..i18n import Message
from .brokerage import ROLES, brokerage, brokerage_expected
from .engines import betweenness, closeness, distance_sums, eigenvector, pagerank, simple

if TYPE_CHECKING:
    import networkx as nx

    from ..model import Pole

__all__ = [
    "betweenness", "closeness", "pagerank", "brokerage",
    "degree_centralization", "betweenness_centralization", "communities", "structural_holes",
    "ei_index", "cross_family_share", "mixing", "territorial_anchoring", "pivot_dependence",
    "actor_measure", "actor_measures", "pole_measures", "analyse",
]


def _clean(value: Any) -> Any:
    """NaN and infinities become ``None``: JSON and tables have no NaN."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def degree_centralization(G: nx.Graph) -> float | None:
    r"""Freeman's degree centralization: how far the graph is from a star, 0 to 1.

    .. math:: C_D = \frac{\sum_v (d_{max} - d_v)}{(n-1)(n-2)}

    on the simple undirected graph (Freeman 1979): 1 for a star, 0 when every actor has
    as many partners.  ``None`` below three actors.

    Examples
    --------
    >>> import networkx as nx
    >>> degree_centralization(nx.star_graph(4)), degree_centralization(nx.cycle_graph(5))
    (1.0, 0.0)
    """
    H = simple(G).to_undirected(as_view=True)
    n = len(H)
    if n < 3:
        return None
    degrees: list[int] = [d for _, d in H.degree()]
    top = max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) * (n - 2))


def betweenness_centralization(G: nx.Graph, *, engine: str = "auto", values: Mapping[Hashable, float] | None = None) -> float | None:
    r"""Freeman's betweenness centralization, 0 to 1.

    .. math:: C_B = \frac{\sum_v (b_{max} - b_v)}{n - 1}

    with :math:`b` the normalized betweenness of the undirected graph (Freeman 1979):
    1 for a star, where one actor lies between all others.

    Examples
    --------
    >>> import networkx as nx
    >>> betweenness_centralization(nx.star_graph(4))
    1.0
    """
    H = simple(G).to_undirected(as_view=True)
    n = len(H)
    if n < 3:
        return None
    b = values if values is not None else betweenness(H, engine=engine)
    top = max(b.values())
    return sum(top - x for x in b.values()) / (n - 1)


def communities(G: nx.Graph, *, weight: str | None = "weight", seed: int = 42) -> list[list[Hashable]]:
    """Louvain communities (Blondel et al. 2008), with a fixed seed so that runs repeat.

    Returns the communities as sorted lists, largest first (ties broken by their first
    member), so that community 0 is the largest.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.barbell_graph(4, 0)
    >>> communities(G)
    [[0, 1, 2, 3], [4, 5, 6, 7]]
    """
    import networkx as nx

    H = simple(G).to_undirected(as_view=True)
    if len(H) == 0:
        return []
    found = nx.community.louvain_communities(H, weight=weight, seed=seed)
    groups = [sorted(c, key=str) for c in found]
    return sorted(groups, key=lambda c: (-len(c), str(c[0])))


def _mutual_weights(G: nx.Graph, weight: str | None) -> dict[Hashable, dict[Hashable, float]]:
    """Each actor's partners and mutual weights :math:`a_{ij} + a_{ji}`, self-loops left out.

    The neighbourhoods only (memory linear in the graph); a directed graph counts its ties
    both ways, an undirected tie counts twice, which the shares below do not see.
    """
    mutual: dict[Hashable, dict[Hashable, float]] = {v: {} for v in G}
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        w = d.get(weight, 1) if weight is not None else 1
        mutual[u][v] = mutual[u].get(v, 0) + w
        mutual[v][u] = mutual[v].get(u, 0) + w
    return mutual


def structural_holes(G: nx.Graph, *, weight: str | None = "weight") -> dict[Hashable, dict[str, float | None]]:
    r"""Burt's constraint and effective size (structural holes, Burt 1992).

    .. math:: c_i = \sum_{j \in N(i)} \Big(p_{ij} + \sum_{q \ne i,j} p_{iq} p_{qj}\Big)^2,
              \qquad ES_i = \sum_{j \in N(i)} \Big(1 - \sum_{q \ne i,j} p_{iq} m_{jq}\Big)

    where :math:`p_{ij} = (a_{ij} + a_{ji}) / \sum_k (a_{ik} + a_{ki})` is the share of
    *i*'s ties (by ``weight``) that go to *j*, and :math:`m_{jq} = (a_{jq} + a_{qj}) /
    \max_k (a_{jk} + a_{kj})` the strength of *j*'s tie to *q* against *j*'s strongest
    tie.  Low constraint and high effective size: an actor whose partners are not
    partners of each other, who bridges holes.  ``None`` for an actor without ties.

    Computed here from the neighbourhoods (memory linear in the graph, time the sum over
    ties of the smaller end's degree), on weighted and unweighted graphs alike: networkx
    3.6's all-nodes ``effective_size`` divides :math:`m` by the wrong actor's strongest tie
    on weighted graphs, and both its all-nodes functions build a dense n × n matrix.

    Examples
    --------
    >>> import networkx as nx
    >>> sh = structural_holes(nx.star_graph(3))
    >>> round(sh[0]["constraint"], 4), sh[0]["effective_size"], sh[1]["effective_size"]
    (0.3333, 3.0, 1.0)
    """
    H = simple(G)
    mutual = _mutual_weights(H, weight)
    share: dict[Hashable, dict[Hashable, float]] = {}
    strongest: dict[Hashable, float] = {}
    for v, partners in mutual.items():
        total = sum(partners.values())
        share[v] = {u: a / total for u, a in partners.items()} if total else {}
        strongest[v] = max(partners.values(), default=0)
    result: dict[Hashable, dict[str, float | None]] = {}
    for i in H:
        p_i = share[i]
        if not p_i:
            result[i] = {"constraint": None, "effective_size": None}
            continue
        constraint = size = 0.0
        for j, p_ij in p_i.items():
            a_j = mutual[j]
            small, large = (p_i, a_j) if len(p_i) <= len(a_j) else (a_j, p_i)
            # q runs in the order of the smaller neighbourhood (never a set: sums repeat to
            # the last bit); q is neither i nor j, since no self-loop is kept.
            common = [q for q in small if q in large]
            if common:
                indirect = sum(p_i[q] * share[q][j] for q in common)
                top = strongest[j]  # 0 only when all of j's ties weigh 0
                redundancy = sum(p_i[q] * a_j[q] for q in common) / top if top else 0.0
            else:
                indirect = redundancy = 0.0
            constraint += (p_ij + indirect) ** 2
            size += 1 - redundancy
        result[i] = {"constraint": _clean(constraint), "effective_size": _clean(size)}
    return result


def _tie_groups(G: nx.Graph, attribute: str) -> list[tuple[Any, Any]]:
    return [(G.nodes[u].get(attribute), G.nodes[v].get(attribute)) for u, v in G.edges()]


def ei_index(G: nx.Graph, attribute: str = "family") -> float | None:
    r"""Krackhardt & Stern's E-I index of the ties between groups, -1 to 1.

    .. math:: EI = \frac{E - I}{E + I}

    with *E* the ties between actors of different groups and *I* those within a group
    (Krackhardt & Stern 1988).  -1: every tie stays inside its group; 1: every tie
    crosses.  ``None`` without ties.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(3)
    >>> nx.set_node_attributes(G, {0: "a", 1: "a", 2: "b"}, "family")
    >>> ei_index(G)
    0.0
    """
    pairs = _tie_groups(G, attribute)
    if not pairs:
        return None
    external: int = sum(a != b for a, b in pairs)
    return (2 * external - len(pairs)) / len(pairs)


def cross_family_share(G: nx.Graph, attribute: str = "family") -> float | None:
    """The share of ties that join two families (enterprises ↔ collectivities ↔ research).

    The heart of a PTCE by its definition in law: ``(EI + 1) / 2``.  ``None`` without ties.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(3)
    >>> nx.set_node_attributes(G, {0: "enterprises", 1: "enterprises", 2: "research"}, "family")
    >>> cross_family_share(G)
    0.5
    """
    pairs = _tie_groups(G, attribute)
    return sum(a != b for a, b in pairs) / len(pairs) if pairs else None


def mixing(G: nx.Graph, attribute: str = "family") -> dict[str, Any]:
    """Assortativity coefficient and mixing matrix of the ties by an actor attribute.

    The coefficient is Newman's (2003): 1 when ties only join alike actors, negative when
    they join unlike ones, ``None`` when it is undefined (e.g. a single group).  The
    matrix counts ties between groups as networkx does: each undirected tie is seen from
    both ends, so a tie within one group counts twice on the diagonal.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(3)
    >>> nx.set_node_attributes(G, {0: "a", 1: "b", 2: "a"}, "family")
    >>> m = mixing(G)
    >>> m["assortativity"], m["matrix"]
    (-1.0, {'a': {'b': 2}, 'b': {'a': 2}})
    """
    import warnings

    import networkx as nx

    matrix = nx.attribute_mixing_dict(G, attribute)
    with warnings.catch_warnings():
        # A single group gives 0/0: numpy warns, and the answer is "undefined".
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            r = nx.attribute_assortativity_coefficient(G, attribute) if G.number_of_edges() else None
        except (ValueError, ZeroDivisionError):
            r = None
    order = sorted(matrix, key=str)
    return {
        "assortativity": _clean(float(r)) if r is not None else None,
        "matrix": {a: {b: matrix[a][b] for b in sorted(matrix[a], key=str)} for a in order},
    }


def territorial_anchoring(G: nx.Graph, communes: list[str] | None = None) -> dict[str, Any]:
    """How local the ties are, from the actors' INSEE commune codes.

    Returns the number of ties whose two actors have a known commune, the share of them
    within one commune, and the share of them within the pole's territory (both communes
    among ``communes``, by default ``G.graph["communes"]``, the territory's communes).
    Shares are ``None`` when no tie has both communes known: the data file does not say.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> nx.set_node_attributes(G, {"a": "26281", "b": "26281", "c": "26057"}, "commune")
    >>> territorial_anchoring(G, ["26281", "26057"])
    {'ties_with_communes': 2, 'same_commune': 0.5, 'within_territory': 1.0}
    """
    if communes is None:
        communes = list(G.graph.get("communes") or [])
    known = [(a, b) for a, b in _tie_groups(G, "commune") if a and b]
    if not known:
        return {"ties_with_communes": 0, "same_commune": None, "within_territory": None}
    inside = set(communes)
    return {
        "ties_with_communes": len(known),
        "same_commune": sum(a == b for a, b in known) / len(known),
        "within_territory": sum(a in inside and b in inside for a, b in known) / len(known) if inside else None,
    }


def territory_communes(pole: Pole) -> list[str]:
    """The INSEE codes the territorial anchoring counts as "within the territory".

    The territory's whole extent (:meth:`ptce_kit.model.Territory.extent`: its listed
    communes, its EPCI's and its départements' communes, its région's when nothing finer is
    given), as ``ptce check`` measures it; empty when the pole names no territory or no
    known place on it (the share is then unknown).

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> pole = Pole(id="p", name="P", territory={"name": "Valence Romans Agglo", "epci": {"siren": "200068781"}})
    >>> codes = territory_communes(pole)
    >>> "26281" in codes, len(codes) > 50, codes == sorted(codes)
    (True, True, True)
    """
    territory = pole.territory
    return sorted(territory.extent()) if territory is not None else []


def anchor_to_territory(G: nx.Graph, pole: Pole) -> nx.Graph:
    """Make ``G.graph["communes"]`` the territory's whole extent (see :func:`territory_communes`).

    The graph's builder lists only the communes the file names; the anchoring that
    ``ptce analyse`` and ``ptce compare`` show counts the EPCI's and départements' too.
    Returns ``G``.
    """
    G.graph["communes"] = territory_communes(pole)
    return G


def _connected_pairs(H: nx.Graph, without: Hashable | None = None) -> int:
    import networkx as nx

    total = 0
    for component in nx.connected_components(H):
        size = len(component) - (without in component)
        total += size * (size - 1) // 2
    return total


def pivot_dependence(G: nx.Graph, pivot: Hashable | None = None, *, engine: str = "auto",
                     distances: bool = True) -> dict[str, Any] | None:
    """What the pole loses if its pivot goes: connectivity and path lengths without it.

    Returns, for the other actors: ``pairs_connected_before`` and ``_after`` (pairs that
    can reach each other), ``connectivity_loss`` = 1 - after / before (0: the pivot is
    not needed to hold the pole together; 1: nobody reaches anybody without it),
    ``components_after``, ``isolated_after`` (actors left without any tie) and
    ``mean_distance_before`` / ``_after`` over the pairs still connected (how far paths
    lengthen).  ``None`` when the graph has no pivot.  ``engine`` computes the distances
    (see :func:`~ptce_kit.network.engines.distance_sums`); with ``distances=False`` the mean
    distances are ``None`` and no distance is computed.

    Examples
    --------
    >>> import networkx as nx
    >>> d = pivot_dependence(nx.star_graph(3), pivot=0)
    >>> d["connectivity_loss"], d["isolated_after"], d["components_after"]
    (1.0, 3, 3)
    """
    import networkx as nx

    H = nx.Graph(simple(G).to_undirected(as_view=True))
    pivot = pivot if pivot is not None else G.graph.get("pivot")
    if pivot is None or pivot not in H:
        return None
    before = _connected_pairs(H, without=pivot)
    isolated_before = set(nx.isolates(H))
    without = H.copy()
    without.remove_node(pivot)
    after = _connected_pairs(without)
    # The mean distances take a breadth-first search from every actor: ``distances=False``
    # leaves them out (None) where only connectivity is read (``ptce compare``).
    kept, sum_before, sum_after = distance_sums(H, without, engine=engine) if distances else (0, 0.0, 0.0)
    return {
        "pivot": pivot,
        "pairs_connected_before": before,
        "pairs_connected_after": after,
        "connectivity_loss": 1 - after / before if before else None,
        "components_after": nx.number_connected_components(without),
        "isolated_after": sum(1 for v in nx.isolates(without) if v not in isolated_before),
        "mean_distance_before": sum_before / kept if kept else None,
        "mean_distance_after": sum_after / kept if kept else None,
    }


def _eigenvector(U: nx.Graph, engine: str) -> dict[Hashable, float]:
    """Weighted eigenvector centrality to a tight tolerance; empty when it cannot converge."""
    import networkx as nx

    try:
        return eigenvector(U, max_iter=10_000, tol=1e-12, weight="weight", engine=engine) if len(U) else {}
    except nx.PowerIterationFailedConvergence:  # pragma: no cover - a graph of isolates only
        return {}


#: The measures :func:`actor_measure` computes on their own (a map sizes its nodes by one).
SINGLE_MEASURES = ("degree", "ties", "weighted_degree", "betweenness", "closeness", "eigenvector",
                   "pagerank", "brokerage")


def actor_measure(G: nx.Graph, measure: str, *, groups: str = "family", engine: str = "auto") -> dict[Hashable, float]:
    """One measure per actor, computed alone: the values :func:`actor_measures` gives in that column.

    A map sized by degree should not pay for betweenness, PageRank and Louvain.

    Parameters
    ----------
    G : networkx graph
        Usually :func:`~ptce_kit.network.to_graph`'s multigraph.
    measure : str
        One of :data:`SINGLE_MEASURES`.
    groups : str
        Node attribute of the groups, for ``brokerage``.
    engine : {"auto", "networkx", "igraph"}
        For betweenness, closeness, eigenvector and PageRank.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiGraph([("a", "b"), ("a", "b"), ("a", "c")])
    >>> actor_measure(G, "degree"), actor_measure(G, "ties")
    ({'a': 2, 'b': 1, 'c': 1}, {'a': 3, 'b': 2, 'c': 1})
    >>> actor_measure(G, "betweenness")["a"]
    1.0
    """
    if measure not in SINGLE_MEASURES:
        raise ValueError(Message("unknown measure {measure!r}: choose among {measures}", measure=measure,
                                 measures=", ".join(SINGLE_MEASURES)))
    if measure == "ties":
        T = G.to_undirected() if G.is_directed() else G
        return {v: T.degree(v) for v in G}
    if measure == "degree":
        # The simple graph's degree read from the adjacency: distinct neighbours, a self-loop twice.
        if G.is_directed():
            succ, pred = G.succ, G.pred
            return {v: len(w := succ[v].keys() | pred[v].keys()) + (v in w) for v in G}
        return {v: len(nbrs) + (v in nbrs) for v, nbrs in G.adj.items()}
    H = simple(G)
    if measure == "brokerage":
        return {v: roles["total"] for v, roles in brokerage(H, groups).items()}
    U = H.to_undirected(as_view=True) if H.is_directed() else H
    if measure == "weighted_degree":
        return {v: float(U.degree(v, weight="weight")) for v in U}
    if measure == "betweenness":
        return dict(betweenness(U, engine=engine))
    if measure == "closeness":
        return dict(closeness(U, engine=engine))
    if measure == "pagerank":
        return dict(pagerank(U, engine=engine))
    eigen = _eigenvector(U, engine)
    return {v: _clean(eigen.get(v)) or 0.0 for v in U}


def actor_measures(
    G: nx.Graph,
    *,
    groups: str = "family",
    engine: str = "auto",
    seed: int = 42,
    null: str | None = None,
    sample: int | None = None,
) -> list[dict[str, Any]]:
    """One row of measures per actor, sorted by betweenness (then degree, then id).

    Parameters
    ----------
    G : networkx graph
        Usually :func:`~ptce_kit.network.to_graph`'s multigraph: ``ties`` counts its
        parallel edges, every other measure runs on the collapsed simple graph.
    groups : str
        Node attribute of the groups for brokerage roles (``family`` by default).
    engine : {"auto", "networkx", "igraph"}
        For betweenness, closeness, eigenvector and PageRank.
    seed : int
        For the Louvain communities and the sampled sources.
    null : {None, "shuffle", "sna"}
        With a null model, each row also gives the five roles' z-scores against chance
        (``coordinator_z`` … ``liaison_z``, see
        :func:`~ptce_kit.network.brokerage.brokerage_expected`).
    sample : int, optional
        Estimate betweenness and closeness from this many source actors drawn with
        ``seed`` (for graphs too large for exact shortest paths; see docs/analysis.md).

    Notes
    -----
    With the igraph engine, the table is computed on arrays (:mod:`ptce_kit.network.fast`):
    every value is networkx's to 1e-9 except ``community``, from igraph's multilevel
    algorithm instead of networkx's Louvain, whose labels may differ.

    Returns
    -------
    list of dict
        Keys: ``id``, ``name``, ``family``, ``category``, ``degree`` (partners),
        ``ties`` (partnerships, a clique counting once per partner), ``weighted_degree``,
        ``betweenness``, ``closeness``, ``eigenvector``, ``pagerank``, ``constraint``,
        ``effective_size``, ``core``, ``community``, the five brokerage roles and
        ``brokerage`` (their total), then the z-scores when ``null`` is given.
    """
    import networkx as nx

    if _on_arrays(G, engine):
        return _actor_rows(G, groups=groups, seed=seed, null=null, sample=sample)
    H = simple(G)
    U = H.to_undirected(as_view=True) if H.is_directed() else H
    between = betweenness(U, engine=engine, k=_k(sample, len(U)), seed=seed)
    close = closeness(U, engine=engine) if _k(sample, len(U)) is None else _closeness_sampled_nx(U, sample, seed)
    rank = pagerank(U, engine=engine)
    eigen = _eigenvector(U, engine)
    holes = structural_holes(U)
    core = nx.core_number(nx.Graph(U)) if len(U) else {}
    community_of = {v: i for i, members in enumerate(communities(U, seed=seed)) for v in members}
    roles = brokerage(H, groups)
    chance = brokerage_expected(H, groups, counts=roles, null=null) if null is not None else None
    # A reciprocal pair of edges (an undirected tie in a directed graph) is one tie.
    T = G.to_undirected() if G.is_directed() else G
    rows = []
    for v, data in H.nodes(data=True):
        rows.append({
            "id": v,
            "name": data.get("name", str(v)),
            "family": data.get("family"),
            "category": data.get("category"),
            "degree": U.degree(v),
            "ties": T.degree(v),
            "weighted_degree": float(U.degree(v, weight="weight")),
            "betweenness": between[v],
            "closeness": close[v],
            "eigenvector": _clean(eigen.get(v)),
            "pagerank": rank[v],
            **holes[v],
            "core": core.get(v, 0),
            "community": community_of.get(v),
            **{role: roles[v][role] for role in ROLES},
            "brokerage": roles[v]["total"],
            **({f"{role}_z": _clean(chance[v][role]["z"]) for role in ROLES} if chance is not None else {}),
        })
    rows.sort(key=lambda r: (-r["betweenness"], -r["degree"], str(r["id"])))
    return rows


def _on_arrays(G: nx.Graph, engine: str) -> bool:
    """Whether the table runs on arrays: an undirected graph and the igraph engine."""
    from .engines import choose_engine

    return not G.is_directed() and choose_engine(G, engine) == "igraph"


def _k(sample: int | None, n: int) -> int | None:
    """The number of sources to sample, ``None`` for all of them."""
    if sample is None:
        return None
    if sample < 1:
        raise ValueError(Message("sample must be at least 1, not {sample}", sample=sample))
    return sample if sample < n else None


def _closeness_sampled_nx(U: nx.Graph, k: int | None, seed: int) -> dict[Hashable, float]:
    """:func:`~ptce_kit.network.fast.closeness_sampled` by networkx's breadth-first searches."""
    import random

    import networkx as nx

    nodes = list(U)
    n = len(nodes)
    component = {v: i for i, c in enumerate(nx.connected_components(U)) for v in c}
    size = Counter(component.values())
    total: dict[Hashable, float] = dict.fromkeys(nodes, 0.0)
    count: dict[Hashable, int] = dict.fromkeys(nodes, 0)
    for s in random.Random(seed).sample(nodes, k or n):
        for t, d in nx.single_source_shortest_path_length(U, s).items():
            if t != s:
                total[t] += d
                count[t] += 1
    exact = [v for v in nodes if not count[v] and size[component[v]] > 1]
    # (r - 1) / sum over its component, for the actors no sampled source reached
    inside = U.subgraph({u for v in exact for u in nx.node_connected_component(U, v)})
    known = nx.closeness_centrality(inside, wf_improved=False) if exact else {}
    result = {}
    for v in nodes:
        r = size[component[v]]
        if count[v]:
            result[v] = (r - 1) / (n - 1) / (total[v] / count[v])
        elif r > 1:
            result[v] = known[v] * (r - 1) / (n - 1)
        else:
            result[v] = 0.0
    return result


def _arrays(G: nx.Graph) -> Any:
    from .engines import derived
    from .fast import arrays

    return derived(G, "arrays", arrays)


def _distance_sums(G: nx.Graph, a: Any) -> Any:
    from .engines import derived
    from .fast import distance_sums

    return derived(G, "distance sums", lambda _: distance_sums(a))


def _sampled(G: nx.Graph, a: Any, k: int, seed: int) -> Any:
    """:func:`~ptce_kit.network.fast.sampled_distances` with the pivot, once per graph, sample and seed."""
    from .engines import derived
    from .fast import sampled_distances

    pivot = G.graph.get("pivot")
    index = a.nodes.index(pivot) if pivot is not None and pivot in G else None
    return derived(G, f"sampled:{k}:{seed}", lambda _: sampled_distances(a, k, seed, index))


def _actor_rows(G: nx.Graph, *, groups: str, seed: int, null: str | None, sample: int | None) -> list[dict[str, Any]]:
    """:func:`actor_measures` on arrays: igraph and numpy (see :mod:`ptce_kit.network.fast`)."""
    import networkx as nx
    import numpy as np

    from . import fast
    from .engines import _rescale, pagerank_arrays, power_iteration

    a = _arrays(G)
    nodes, g, n = a.nodes, a.graph, a.n
    k = _k(sample, n)
    if k is not None:
        chosen = fast.sources(nodes, k, seed)
        raw = g.betweenness(directed=False, sources=chosen)
        between = _rescale([2.0 * b for b in raw], nodes, True, False, [nodes[i] for i in chosen])
        close = _sampled(G, a, k, seed)[0]
    else:
        between = _rescale([2.0 * b for b in g.betweenness(directed=False)], nodes, True, False, None)
        close = fast.closeness_exact(a, *_distance_sums(G, a))
    eigen: list[float | None] = [None] * n
    rank: list[float] = []
    if n:
        loop = a.src == a.dst
        src = np.concatenate([a.src, a.dst[~loop]])
        dst = np.concatenate([a.dst, a.src[~loop]])
        w = np.concatenate([a.weight, a.weight[~loop]])
        rank = pagerank_arrays(src, dst, w, n, alpha=0.85, tol=1e-13)
        try:
            eigen = [_clean(x) for x in power_iteration(src, dst, w, n, max_iter=10_000, tol=1e-12)]
        except nx.PowerIterationFailedConvergence:  # pragma: no cover - a graph of isolates only
            pass
    constraint, size = fast.structural_holes(a)
    plain = g.copy().simplify(multiple=False, loops=True) if a.has_loops else g
    core = plain.coreness() if n else []
    community_of = {v: i for i, members in enumerate(fast.communities(a, seed)) for v in members}
    node = G._node
    attributes = [node[v] for v in nodes]
    counts = fast.brokerage_counts(a, fast.node_codes(G, a, groups)[1])
    # One list per role, and their totals: no dict per actor until the rows.
    role_columns = dict(zip(ROLES, counts.T.tolist()))
    totals = counts.sum(axis=1).tolist()
    chance = None
    if null is not None:
        roles = [{**{role: role_columns[role][i] for role in ROLES}, "total": totals[i]} for i in range(n)]
        chance = brokerage_expected(G, groups, counts=dict(zip(nodes, roles, strict=True)), null=null)
    degree, strength, ties = a.degree().tolist(), a.strength().tolist(), a.ties.tolist()
    rows = []
    for i, (v, data) in enumerate(zip(nodes, attributes, strict=True)):
        rows.append({
            "id": v,
            "name": data.get("name", str(v)),
            "family": data.get("family"),
            "category": data.get("category"),
            "degree": degree[i],
            "ties": ties[i],
            "weighted_degree": float(strength[i]),
            "betweenness": between[i],
            "closeness": close[i],
            "eigenvector": eigen[i],
            "pagerank": rank[i],
            "constraint": constraint[i],
            "effective_size": size[i],
            "core": core[i],
            "community": community_of.get(v),
            **{role: role_columns[role][i] for role in ROLES},
            "brokerage": totals[i],
            **({f"{role}_z": _clean(chance[v][role]["z"]) for role in ROLES} if chance is not None else {}),
        })
    rows.sort(key=lambda r: (-r["betweenness"], -r["degree"], str(r["id"])))
    return rows


def _pole_on_arrays(G: nx.Graph, *, seed: int, sample: int | None, betweenness_values: Mapping[Hashable, float] | None,
                    found_communities: list[list[Hashable]] | None) -> dict[str, Any]:
    """The structure half of :func:`pole_measures` on arrays."""
    from . import fast

    a = _arrays(G)
    n, g = a.n, a.graph
    groups = found_communities if found_communities is not None else fast.communities(a, seed)
    comps = sorted(a.components()[1].tolist(), reverse=True) if n else []
    degree = a.degree().tolist()
    top = max(degree, default=0)
    if betweenness_values is None:
        betweenness_values = dict(zip(a.nodes, _rescale_all(a), strict=True))
    b = list(betweenness_values.values())
    most = max(b, default=0.0)
    index = {v: i for i, v in enumerate(a.nodes)}
    membership = [0] * n
    for c, members in enumerate(groups):
        for v in members:
            membership[index[v]] = c
    pairs = len(a.src)
    return {
        "actors": n,
        "ties": len(a.tie_u),
        "pairs": pairs,
        "density": 2 * pairs / (n * (n - 1)) if n > 1 else None,
        "components": len(comps),
        "largest_component": comps[0] if comps else 0,
        "isolates": degree.count(0),
        "average_clustering": sum(g.transitivity_local_undirected(mode="zero")) / n if n else None,
        "degree_centralization": sum(top - d for d in degree) / ((n - 1) * (n - 2)) if n >= 3 else None,
        "betweenness_centralization": sum(most - x for x in b) / (n - 1) if n >= 3 else None,
        "communities": len(groups),
        "modularity": g.modularity(membership, weights=a.weight.tolist()) if pairs else None,
        "pivot_dependence": fast.pivot_dependence(
            a, G.graph.get("pivot"), sample=_k(sample, n), seed=seed,
            sums=_distance_sums(G, a)[0] if _k(sample, n) is None and G.graph.get("pivot") in index else None,
            sampled=_sampled(G, a, cast(int, _k(sample, n)), seed)
            if _k(sample, n) is not None and G.graph.get("pivot") in index else None),
    }


def _rescale_all(a: Any) -> list[float]:
    from .engines import _rescale

    return _rescale([2.0 * x for x in a.graph.betweenness(directed=False)], a.nodes, True, False, None)


def pole_measures(
    G: nx.Graph,
    *,
    engine: str = "auto",
    seed: int = 42,
    betweenness_values: Mapping[Hashable, float] | None = None,
    found_communities: list[list[Hashable]] | None = None,
    sample: int | None = None,
) -> dict[str, Any]:
    """The measures of the whole pole, as one flat-ish dict (JSON-ready).

    Keys: ``actors``, ``ties`` (edges of ``G``), ``pairs`` (tied pairs of actors),
    ``density``, ``components``, ``largest_component``, ``isolates``,
    ``average_clustering``, ``degree_centralization``, ``betweenness_centralization``,
    ``communities``, ``modularity``, ``assortativity_family``, ``assortativity_category``,
    ``mixing_family``, ``mixing_category``, ``ei_index_family``, ``cross_family_share``, ``ties_by_kind``,
    ``territorial_anchoring``, ``pivot``, ``pivot_dependence``.  ``betweenness_values``
    and ``found_communities``, when already computed (see :func:`analyse`), are reused.
    ``sample``: the pivot's mean distances from this many sources (see :func:`analyse`).
    """
    import networkx as nx

    if _on_arrays(G, engine):
        structure = _pole_on_arrays(G, seed=seed, sample=sample, betweenness_values=betweenness_values,
                                    found_communities=found_communities)
        from . import fast

        a = _arrays(G)
        family, category = fast.mixing(G, a, "family"), fast.mixing(G, a, "category")
        share = fast.cross_share(G, a, "family")
        ordered = {**structure, "assortativity_family": family["assortativity"],
                   "assortativity_category": category["assortativity"], "mixing_family": family["matrix"],
                   "mixing_category": category["matrix"], "ei_index_family": None if share is None else 2 * share - 1,
                   "cross_family_share": share, "ties_by_kind": _ties_by_kind(G, a.tie_kinds),
                   "territorial_anchoring": fast.anchoring(G, a, list(G.graph.get("communes") or [])),
                   "pivot": G.graph.get("pivot")}
        keys = ("actors", "ties", "pairs", "density", "components", "largest_component", "isolates",
                "average_clustering", "degree_centralization", "betweenness_centralization", "communities",
                "modularity", "assortativity_family", "assortativity_category", "mixing_family", "mixing_category",
                "ei_index_family", "cross_family_share", "ties_by_kind", "territorial_anchoring", "pivot",
                "pivot_dependence")
        return {key: ordered[key] for key in keys}
    H = simple(G)
    U = nx.Graph(H.to_undirected(as_view=True))
    n = len(U)
    groups = found_communities if found_communities is not None else communities(U, seed=seed)
    comps = sorted((len(c) for c in nx.connected_components(U)), reverse=True) if n else []
    family, category = mixing(G, "family"), mixing(G, "category")
    return {
        "actors": n,
        "ties": G.number_of_edges(),
        "pairs": U.number_of_edges(),
        "density": nx.density(U) if n > 1 else None,
        "components": len(comps),
        "largest_component": comps[0] if comps else 0,
        "isolates": nx.number_of_isolates(U),
        "average_clustering": nx.average_clustering(U) if n else None,
        "degree_centralization": degree_centralization(U),
        "betweenness_centralization": betweenness_centralization(U, engine=engine, values=betweenness_values),
        "communities": len(groups),
        "modularity": nx.community.modularity(U, groups, weight="weight") if U.number_of_edges() else None,
        "assortativity_family": family["assortativity"],
        "assortativity_category": category["assortativity"],
        "mixing_family": family["matrix"],
        "mixing_category": category["matrix"],
        "ei_index_family": ei_index(G, "family"),
        "cross_family_share": cross_family_share(G, "family"),
        "ties_by_kind": _ties_by_kind(G),
        "territorial_anchoring": territorial_anchoring(G),
        "pivot": G.graph.get("pivot"),
        "pivot_dependence": pivot_dependence(U, G.graph.get("pivot"), engine=engine),
    }


def _ties_by_kind(G: nx.Graph, kinds: list[Any] | None = None) -> dict[str, int]:
    """Ties counted by kind, in the order of the law (mutualisation, cooperation, partnership)."""
    from ..model import TieKind

    counts = Counter(k for k in (kinds if kinds is not None else (d.get("kind") for *_, d in G.edges(data=True))) if k)
    return {kind.value: counts[kind.value] for kind in TieKind if counts[kind.value]}


def analyse(
    pole: Pole,
    *,
    at: str | None = None,
    engine: str = "auto",
    seed: int = 42,
    null: str | None = None,
    sample: int | None = None,
) -> dict[str, Any]:
    """Every measure of a pole: ``{"pole": {...}, "actors": [...], "main_broker": id}``.

    ``at`` takes the pole as it stood at a date (see :func:`~ptce_kit.network.to_graph`).
    ``null`` (``"shuffle"`` or ``"sna"``) adds the brokerage z-scores to each actor (see
    :func:`actor_measures`).  ``sample`` (``ptce analyse --sample K``) estimates
    betweenness, closeness and, with the igraph engine, the pivot's mean distances from K
    source actors drawn with ``seed`` instead of all of them: for national graphs, where
    exact shortest paths between all pairs take hours (the error is in docs/analysis.md).
    The actors come sorted by betweenness; ``main_broker`` is the actor with the most
    brokerage (Gould & Fernandez roles between families, all roles summed), ``None``
    when nobody brokers.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> pole = Pole(id="p", name="P", pivot="hub", actors=[
    ...     {"id": "hub", "name": "Hub", "category": "ess_enterprise"},
    ...     {"id": "town", "name": "Town", "category": "local_authority"},
    ...     {"id": "lab", "name": "Lab", "category": "research_centre"}],
    ...   partnerships=[{"id": "t1", "actors": ["hub", "town"], "kind": "cooperation"},
    ...                 {"id": "t2", "actors": ["hub", "lab"], "kind": "partnership"}])
    >>> result = analyse(pole)
    >>> result["actors"][0]["id"], result["main_broker"], result["pole"]["cross_family_share"]
    ('hub', 'hub', 1.0)
    """
    from .build import to_graph
    from .engines import shared_twins

    G = anchor_to_territory(to_graph(pole, at=at), pole)
    with shared_twins():
        return _analyse(pole, G, at=at, engine=engine, seed=seed, null=null, sample=sample)


def _analyse(pole: Pole, G: nx.Graph, *, at: str | None, engine: str, seed: int, null: str | None,
             sample: int | None = None) -> dict[str, Any]:
    actors = actor_measures(G, engine=engine, seed=seed, null=null, sample=sample)
    top = max(actors, key=lambda r: (r["brokerage"], r["betweenness"]), default=None)
    found: dict[int, list[Hashable]] = {}
    for row in actors:
        found.setdefault(row["community"], []).append(row["id"])
    return {
        "pole": {"id": pole.id, "name": pole.name, "at": at,
                 **pole_measures(G, engine=engine, seed=seed, sample=sample,
                                 betweenness_values={r["id"]: r["betweenness"] for r in actors},
                                 found_communities=[found[i] for i in sorted(found)])},
        "actors": actors,
        "main_broker": top["id"] if top and top["brokerage"] else None,
    }
