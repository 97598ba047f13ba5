"""Brokerage roles of Gould & Fernandez (1989): who brokers between which families.

An actor *j* brokers when it sits on a two-step path ``i → j → k`` whose ends are not
tied directly (``i → k`` absent, ``i ≠ k``).  Given a partition of the actors into
groups (for a pole: the families *enterprises*, *collectivities*, *research*, *other*),
each such path gives *j* one of five roles, after the groups of *i*, *j* and *k*:

============== ================== ======================================================
role           G&F name / sna     groups on the path ``i → j → k``
============== ================== ======================================================
coordinator    w_I                all three in the same group
consultant     w_O (itinerant)    *i* and *k* in one group, *j* in another
representative b_IO               *j* in *i*'s group, *k* in another: *j* speaks for its
                                  group to the outside
gatekeeper     b_OI               *j* in *k*'s group, *i* in another: *j* lets the outside
                                  into its group
liaison        b_O                three different groups
============== ================== ======================================================

An undirected graph is read as the symmetric digraph, as Gould & Fernandez's own program
and R's ``sna::brokerage`` do: each open triad ``i – j – k`` then counts twice (once
each way), so coordinator, consultant and liaison counts are even and an actor's
representative count equals its gatekeeper count.

:func:`brokerage_expected` says how many of each role chance alone would give an actor,
and how far its counts are from that, as z-scores, under two null models: groups
shuffled among the actors with the network kept (the default), or R ``sna::brokerage``'s
random graph of the same size and density (``null="sna"``).

Reference: R. V. Gould and R. M. Fernandez, "Structures of Mediation: A Formal Approach
to Brokerage in Transaction Networks", *Sociological Methodology* 19 (1989), 89–126.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, Any

from ..i18n import Message, plural_message

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["ROLES", "NULL_MODELS", "brokerage", "brokerage_expected", "brokerage_role", "sna_moments"]

#: The five roles, in the order of Gould & Fernandez's table.
ROLES: tuple[str, ...] = ("coordinator", "consultant", "representative", "gatekeeper", "liaison")


def brokerage_role(gi: Hashable, gj: Hashable, gk: Hashable) -> str:
    """The role of the middle actor *j* on a path ``i → j → k``, from the three groups.

    Examples
    --------
    >>> brokerage_role("A", "A", "A")
    'coordinator'
    >>> brokerage_role("A", "B", "A")
    'consultant'
    >>> brokerage_role("A", "A", "B")
    'representative'
    >>> brokerage_role("B", "A", "A")
    'gatekeeper'
    >>> brokerage_role("A", "B", "C")
    'liaison'
    """
    if gi == gj == gk:
        return "coordinator"
    if gi == gk:
        return "consultant"
    if gi == gj:
        return "representative"
    if gj == gk:
        return "gatekeeper"
    return "liaison"


def brokerage(G: nx.Graph, groups: str | Mapping[Hashable, Hashable] = "family") -> dict[Hashable, dict[str, int]]:
    """Count the Gould & Fernandez brokerage roles of every actor.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Parallel edges and edge weights are ignored: brokerage is about who is tied to
        whom.  Self-loops are ignored.
    groups : str or mapping
        The node attribute holding each actor's group (``"family"`` by default, or
        ``"category"``…), or a mapping from node to group.

    Returns
    -------
    dict
        ``{node: {"coordinator": n, "consultant": n, "representative": n,
        "gatekeeper": n, "liaison": n, "total": n}}`` for every node, in ``G``'s order.

    Notes
    -----
    For each node *j* and each pair (*i*, *k*) of a predecessor and a successor of *j*,
    with ``i ≠ k`` and no edge ``i → k``, the role given by :func:`brokerage_role` is
    counted once.  The cost is the sum over nodes of in-degree × out-degree.

    Examples
    --------
    The five triads of Gould & Fernandez's figure 1, broker ``j`` in the middle:

    >>> import networkx as nx
    >>> def triad(gi, gj, gk):
    ...     G = nx.DiGraph([("i", "j"), ("j", "k")])
    ...     nx.set_node_attributes(G, {"i": gi, "j": gj, "k": gk}, "family")
    ...     return {r: n for r, n in brokerage(G)["j"].items() if n}
    >>> triad("A", "A", "A"), triad("A", "B", "A"), triad("A", "A", "B")
    ({'coordinator': 1, 'total': 1}, {'consultant': 1, 'total': 1}, {'representative': 1, 'total': 1})
    >>> triad("B", "A", "A"), triad("A", "B", "C")
    ({'gatekeeper': 1, 'total': 1}, {'liaison': 1, 'total': 1})

    A closed triad is no brokerage, and an undirected path counts both ways:

    >>> G = nx.Graph([("i", "j"), ("j", "k")])
    >>> nx.set_node_attributes(G, {"i": "A", "j": "A", "k": "B"}, "family")
    >>> brokerage(G)["j"]["representative"], brokerage(G)["j"]["gatekeeper"]
    (1, 1)
    >>> G.add_edge("i", "k")
    >>> brokerage(G)["j"]["total"]
    0
    """
    if isinstance(groups, str):
        attribute = groups
        group_of: Mapping[Hashable, Any] = {n: d.get(attribute) for n, d in G.nodes(data=True)}
    else:
        group_of = groups
        missing = [n for n in G if n not in group_of]
        if missing:
            raise ValueError(plural_message("no group given for node {nodes}", "no group given for nodes {nodes}",
                                            len(missing), nodes=", ".join(map(repr, missing[:5]))))
    directed = G.is_directed()
    preds = {n: set(G.predecessors(n) if directed else G.neighbors(n)) - {n} for n in G}
    succs = {n: set(G.successors(n) if directed else G.neighbors(n)) - {n} for n in G}

    result: dict[Hashable, dict[str, int]] = {}
    for j in G:
        counts = dict.fromkeys(ROLES, 0)
        gj = group_of[j]
        for i in preds[j]:
            gi = group_of[i]
            for k in succs[j]:
                if k == i or k in succs[i]:
                    continue
                counts[brokerage_role(gi, gj, group_of[k])] += 1
        counts["total"] = sum(counts.values())
        result[j] = counts
    return result


def _role_chances(sizes: Mapping[Hashable, int], own: Hashable, n: int) -> dict[str, float]:
    """The chance of each role on one open two-path of a broker of group ``own``.

    The two ends are two distinct actors other than the broker, drawn among the ``n - 1``
    others: ``sizes`` counts every actor, the broker included.
    """
    pairs = (n - 1) * (n - 2)
    mine = sizes[own] - 1  # the broker's own group, without the broker
    outside = n - sizes[own]
    others = [size for group, size in sizes.items() if group != own]
    return {
        "coordinator": mine * (mine - 1) / pairs,
        "consultant": sum(m * (m - 1) for m in others) / pairs,
        "representative": mine * outside / pairs,
        "gatekeeper": outside * mine / pairs,
        "liaison": sum(m * (outside - m) for m in others) / pairs,
    }


#: The null models of :func:`brokerage_expected`.
NULL_MODELS: tuple[str, ...] = ("shuffle", "sna")


def sna_moments(sizes: Mapping[Hashable, int], own: Hashable, n: int, d: float) -> dict[str, tuple[float, float]]:
    """Expectation and variance of each role for a broker of group ``own``, as R's ``sna::brokerage``.

    The graph is a Bernoulli graph of density ``d`` (each ordered pair tied with chance
    ``d``); an ordered pair (*i*, *k*) of two others is a brokered two-path with chance
    ``q = d² (1 − d)``; the group sizes fix how many pairs each role has.  The variance
    adds to the binomial term the covariance of two pairs sharing one end.
    """
    q = d * d * (1 - d)
    r = d ** 3 * (1 - d) ** 3
    mine = sizes[own]
    others = [size for group, size in sizes.items() if group != own]
    outside = n - mine

    def pairs(x: float) -> float:
        return x * (x - 1) / 2

    counts = {
        "coordinator": (mine - 1) * (mine - 2),
        "consultant": sum(m * (m - 1) for m in others),
        "representative": outside * (mine - 1),
        "gatekeeper": outside * (mine - 1),
        "liaison": sum(others) ** 2 - sum(m * m for m in others),
    }
    shared = {
        "coordinator": 2 * (mine - 1) * (mine - 2) * (mine - 3),
        "consultant": 2 * sum(m * (m - 1) * (m - 2) for m in others),
        "representative": 2 * ((mine - 1) * pairs(outside) + outside * pairs(mine - 1)),
        "gatekeeper": 2 * ((mine - 1) * pairs(outside) + outside * pairs(mine - 1)),
        "liaison": 4 * sum(m * pairs(n - m - mine) for m in others),
    }
    return {role: (q * counts[role], q * counts[role] * (1 - q) + shared[role] * r) for role in ROLES}


def _density(G: nx.Graph) -> float:
    """Ordered pairs tied over ordered pairs, as sna counts them: an undirected tie both ways."""
    n = len(G)
    if n < 2:
        return 0.0
    if G.is_directed():
        arcs = len({(u, v) for u, v in G.edges() if u != v})
    else:
        arcs = 2 * len({frozenset((u, v)) for u, v in G.edges() if u != v})
    return arcs / (n * (n - 1))


def brokerage_expected(G: nx.Graph, groups: str | Mapping[Hashable, Hashable] = "family",
                       counts: Mapping[Hashable, Mapping[str, int]] | None = None, *,
                       null: str = "shuffle") -> dict[Hashable, dict[str, Any]]:
    """The roles chance alone would give each actor, and how far its counts are from them.

    Two null models, which answer two questions:

    ``null="shuffle"`` (the default): *given its ties, does this actor broker between
    groups more than its ties make likely?*  The network and the sizes of the groups are
    kept and the groups are shuffled among the actors (Gould & Fernandez 1989, section
    "Expected values").  An open two-path ``i → j → k`` through a broker of group *g* has
    its ends drawn among the other actors, so that the chance *p* of each role depends
    only on the group sizes; *j*'s expected count of a role is its number of open
    two-paths (its ``total``) times *p*.  The z-score is ``(count − expected) / sd`` with
    ``sd = √(total · p · (1 − p))``, as if each two-path drew its ends independently.
    A hub with many open two-paths expects many: Groupe Archer's 34 liaisons on Pôle Sud
    are what its 212 two-paths make likely (z ≈ 0.1).

    ``null="sna"``: R's ``sna::brokerage`` (Butts), *does this actor broker more than an
    actor of its group would in a random graph of the same size and density?*  Every
    ordered pair (*i*, *k*) of two others is a brokered two-path with chance
    ``q = d² (1 − d)``, *d* the density (ordered pairs tied over ordered pairs); the
    expected count of a role is ``q`` times the number of pairs of that role's groups
    (e.g. ``q (n_g − 1)(n_g − 2)`` for a coordinator of group *g*, ``q Σ n_h n_l`` over two
    other groups ``h ≠ l`` for a liaison), and the variance adds to ``E (1 − q)`` the
    covariances of pairs sharing an end (sna's formulas).  The actor's own ties are not
    held fixed, so a hub stands out: Archer's 34 liaisons give z ≈ 19.1.

    Both are normal approximations, readable as "more than expected" above about 2, not
    exact tests (two-paths sharing an actor are not independent).

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        As for :func:`brokerage`.
    groups : str or mapping
        As for :func:`brokerage`.
    counts : mapping, optional
        :func:`brokerage`'s result, when already computed.
    null : {"shuffle", "sna"}
        The null model (see above).

    Returns
    -------
    dict
        ``{node: {role: {"count": n, "expected": e, "z": z}}}`` for the five roles; ``z``
        is ``None`` when the role cannot happen (no spread under the null model) or, with
        ``null="shuffle"``, when the actor brokers nothing.

    Examples
    --------
    A star whose centre ``c`` (group A) joins two leaves of A and two of B:

    >>> import networkx as nx
    >>> G = nx.star_graph(["c", "a1", "a2", "b1", "b2"])
    >>> nx.set_node_attributes(G, {"c": "A", "a1": "A", "a2": "A", "b1": "B", "b2": "B"}, "family")
    >>> roles = brokerage_expected(G)["c"]
    >>> roles["coordinator"]["count"], round(roles["coordinator"]["expected"], 3)
    (2, 2.0)
    >>> roles["representative"]["count"], roles["representative"]["expected"], roles["representative"]["z"]
    (4, 4.0, 0.0)

    Under sna's model (density 8 / 20 = 0.4, q = 0.4² · 0.6 = 0.096), the centre's two
    coordinations among the two other A's expect 0.096 · 2 · 1:

    >>> sna = brokerage_expected(G, null="sna")["c"]
    >>> round(sna["coordinator"]["expected"], 3), round(sna["coordinator"]["z"], 2)
    (0.192, 4.34)
    """
    from collections import Counter

    if null not in NULL_MODELS:
        raise ValueError(Message("null must be one of {models}, not {null!r}", models=", ".join(NULL_MODELS), null=null))
    found = counts if counts is not None else brokerage(G, groups)
    group_of = {n: d.get(groups) for n, d in G.nodes(data=True)} if isinstance(groups, str) else groups
    n = len(G)
    sizes = Counter(group_of[v] for v in G)
    if null == "sna":
        density = _density(G)
        moments: dict[Hashable, dict[str, tuple[float, float]]] = {}
        result: dict[Hashable, dict[str, Any]] = {}
        for v in G:
            own = group_of[v]
            if own not in moments:
                moments[own] = sna_moments(sizes, own, n, density) if n >= 3 else dict.fromkeys(ROLES, (0.0, 0.0))
            roles = {}
            for role in ROLES:
                expected, variance = moments[own][role]
                z = (found[v][role] - expected) / math.sqrt(variance) if variance > 0 else None
                roles[role] = {"count": found[v][role], "expected": expected, "z": z}
            result[v] = roles
        return result
    chances: dict[Hashable, dict[str, float]] = {}
    result = {}
    for v in G:
        own = group_of[v]
        if n < 3:
            chance = dict.fromkeys(ROLES, 0.0)
        else:
            if own not in chances:
                chances[own] = _role_chances(sizes, own, n)
            chance = chances[own]
        total = found[v]["total"]
        roles = {}
        for role in ROLES:
            p = chance[role]
            expected = total * p
            spread = math.sqrt(total * p * (1 - p))
            z = (found[v][role] - expected) / spread if spread > 0 else None
            roles[role] = {"count": found[v][role], "expected": expected, "z": z}
        result[v] = roles
    return result
