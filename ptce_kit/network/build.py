"""From a pole to a graph: one node per actor, one edge per partnership and pair of actors.

The graph is a networkx ``MultiGraph`` (``MultiDiGraph`` with ``directed=True``) so that
two actors tied by a lease *and* a joint service keep both ties; :func:`to_simple_graph`
collapses them into one weighted edge, the input most measures expect.

Node attributes (always present, ``None`` when the data file leaves them empty):
``name``, ``category``, ``family``, ``status``, ``ess``, ``presence``, ``roles`` (list),
``commune``, ``pivot`` (bool), ``joined``, ``left``, ``legal_form``, ``siren``, ``siret``,
``lat``, ``lon``; the actor's own life, ``created``, ``ceased``, ``ceased_how``,
``successor``; its structure, ``legal_person`` (as the file gives it), ``part_of``,
``owners`` (list of ``id`` or ``id:share``), ``collective`` (bool), ``collective_count``,
``operator``, ``operator_contract``; and ``sites`` (the ids of the sites it is present at,
from ``presences``).  Only when the data file gives them, SIRENE's facts
(``SIRENE_ATTRIBUTES``): ``naf``, ``naf_2025``, ``acronym``, ``rna``, ``address``,
``headcount_band``, ``employer``, ``mission_company``.  Enumerations are stored as their plain string values.  Contacts are
personal data: they are added (as ``contacts``, a list of dicts) only with
``include_personal_data=True``.

Edge attributes: ``partnership`` (its id, also the edge key), ``kind``, ``topic``,
``resources`` (list), ``since``, ``until``, ``weight`` (1.0 when the file gives none),
``directed`` (whether the partnership itself has a direction).

Ties of structure — a unit inside an actor (``part_of``), an owner of a subsidiary
(``owners``), the operator of a venue (``operator``) — are not cooperation: they are
listed by :func:`structure_ties`, and drawn as edges only with ``to_graph(structure=True)``.

``directed`` (whether the partnership itself has a direction).  Only when the file sets
them: ``participants_known`` (``False``: not every participant is known),
``participants`` (their count), ``duration`` (e.g. ``"3 ans"``), and for a supply chain
``chain`` (``True``), ``order`` (1 for the chain's first link), ``arrow`` (``True``: the
edge goes one way, even in an undirected graph, whose ``(u, v)`` order networkx does not
keep) and ``from`` and ``to`` (the actors it goes from and to).

One-off events (a gift, a takeover) are not ties: they are drawn only with
``include_events=True`` (the exports do), as edges keyed by the event's id with
``event`` (its id), ``kind`` (``gift``, ``takeover``, ``other``), ``since`` and
``until`` (both its date), ``description``, ``directed`` and ``arrow`` (``True``), ``from``
and ``to``.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations
from typing import TYPE_CHECKING, Any, cast

from ..errors import PoleError
from ..i18n import Message, N_, plural_message
from ..model import (ActorStatus, Category, EventKind, Family, Pole, Presence, Resource, TieKind, check_partial_date,
                     earliest, latest)
from ..model.base import gc_paused
from ..model.ties import active_between
from ..model.life import tie_expired_at

if TYPE_CHECKING:
    import networkx as nx

    from ..model import Actor, Partnership

__all__ = ["to_graph", "to_simple_graph", "actor_attributes", "partnership_pairs", "structure_ties",
           "STRUCTURE_KINDS"]

#: The ``kind`` of the edges :func:`structure_ties` describes.
STRUCTURE_KINDS = ("unit_of", "owned_by", "operated_by")


def _check_at(at: str | None) -> str | None:
    if at is None:
        return None
    try:
        return check_partial_date(str(at))
    except ValueError as exc:
        raise PoleError.single(str(exc), path=("at",), hint=N_("e.g. --at 2014 or --at 2014-07")) from None


def _choices(values: Iterable[str] | None, enum: type[Any], what: str) -> set[str] | None:
    """Validate a filter (``kinds=``, ``families=``) against its enumeration."""
    if values is None:
        return None
    if isinstance(values, str):
        values = [values]
    known = {member.value for member in enum}
    chosen = {getattr(v, "value", v) for v in values}
    wrong = sorted(chosen - known)
    if wrong:
        raise PoleError.single(
            plural_message("unknown {what} {values}", "unknown {what} {values}", len(wrong), what=what,
                           values=", ".join(map(repr, wrong))),
            path=(what,), hint=Message("choose among {values}", values=", ".join(sorted(known))),
        )
    return chosen


# The plain text of every enumerated value: a dict lookup costs a tenth of ``.value``
# (a property on Python 3.11), which a graph of 10^5 actors would read a million times.
_TEXT: dict[Any, str] = {m: m.value for enum in (ActorStatus, Category, EventKind, Family, Presence, Resource, TieKind)
                         for m in enum}


#: The actor's SIRENE facts, node attributes when the data file gives them.
SIRENE_ATTRIBUTES = ("naf", "naf_2025", "acronym", "rna", "address", "headcount_band", "employer", "mission_company")
_SIRENE_SET = frozenset(SIRENE_ATTRIBUTES)


def actor_attributes(actor: Actor, *, pivot: bool = False, include_personal_data: bool = False) -> dict[str, Any]:
    """The node attributes of one actor (plain strings, lists, numbers and ``None``).

    Examples
    --------
    >>> from ptce_kit.model import Actor
    >>> a = Actor(id="a", name="A", category="ess_enterprise", roles=["pivot"])
    >>> attrs = actor_attributes(a, pivot=True)
    >>> attrs["family"], attrs["pivot"], attrs["roles"]
    ('enterprises', True, ['pivot'])
    >>> "contacts" in attrs
    False
    """
    attrs: dict[str, Any] = {
        "name": actor.name,
        "category": _TEXT[actor.category],
        "family": _TEXT[actor.family],
        "status": _TEXT[actor.status] if actor.status else None,  # not stated: no status
        "ess": actor.ess,
        "presence": _TEXT[actor.presence] if actor.presence else None,
        "roles": list(actor.roles),
        "commune": actor.commune,
        "pivot": pivot,
        "joined": actor.joined,
        "left": actor.left,
        "legal_form": actor.legal_form,
        "siren": actor.siren,
        "siret": actor.siret,
        "lat": actor.coordinates.lat if actor.coordinates else None,
        "lon": actor.coordinates.lon if actor.coordinates else None,
        "created": actor.created,
        "ceased": actor.ceased,
        "ceased_how": actor.ceased_how,
        "successor": actor.successor,
        "legal_person": actor.legal_person,
        "part_of": actor.part_of,
        "owners": [o.actor if o.share is None else f"{o.actor}:{o.share:g}" for o in actor.owners],
        "collective": actor.collective is not None,
        "collective_count": actor.collective.count if actor.collective else None,
        "operator": actor.operator.actor if actor.operator else None,
        "operator_contract": actor.operator.contract if actor.operator else None,
        "sites": sorted({p.site for p in actor.presences}),
    }
    # Present when the data file gives them (most poles have none): only the fields set are read.
    if not _SIRENE_SET.isdisjoint(actor.model_fields_set):
        for name in SIRENE_ATTRIBUTES:
            value = getattr(actor, name)
            if value is not None:
                attrs[name] = value
    if include_personal_data:
        attrs["contacts"] = [c.model_dump(mode="json") for c in actor.contacts]
    return attrs


def structure_ties(pole: Pole) -> list[dict[str, Any]]:
    """The ties of structure between actors: units, owners, operators (not cooperation).

    Each tie is a dict with ``source`` (the unit, the subsidiary, the venue), ``target``
    (the actor it belongs to, is owned by, is run by), ``kind`` (one of
    :data:`STRUCTURE_KINDS`), and ``share`` (owners) or ``contract``, ``since``,
    ``until`` (operators), in the order of the data file.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> pole = Pole(id="p", name="P", actors=[
    ...     {"id": "scic", "name": "SCIC", "category": "ess_enterprise"},
    ...     {"id": "lab", "name": "Lab", "category": "research_centre", "part_of": "scic"},
    ...     {"id": "sub", "name": "Sub", "category": "enterprise", "owners": [{"actor": "scic", "share": 60}]}])
    >>> [(t["source"], t["kind"], t["target"]) for t in structure_ties(pole)]
    [('lab', 'unit_of', 'scic'), ('sub', 'owned_by', 'scic')]
    """
    ties: list[dict[str, Any]] = []
    for actor in pole.actors:
        if actor.part_of:
            ties.append({"source": actor.id, "target": actor.part_of, "kind": "unit_of"})
        for owner in actor.owners:
            ties.append({"source": actor.id, "target": owner.actor, "kind": "owned_by", "share": owner.share})
        if actor.operator:
            op = actor.operator
            ties.append({"source": actor.id, "target": op.actor, "kind": "operated_by", "contract": op.contract,
                         "since": op.since, "until": op.until})
    return ties


def partnership_pairs(partnership: Partnership, *, directed: bool) -> list[tuple[str, str]]:
    """The (ordered) actor pairs a partnership ties.

    A partnership of more than two actors is a clique.  In a directed graph a directed
    partnership goes from ``source`` to ``target`` and every other pair is reciprocal
    (both directions), as an undirected tie is.  A supply chain (``chain: true``) ties
    each actor to the next only, in the order listed, one way.

    Examples
    --------
    >>> from ptce_kit.model import Partnership
    >>> p = Partnership(id="p", actors=["a", "b", "c"], kind="cooperation")
    >>> partnership_pairs(p, directed=False)
    [('a', 'b'), ('a', 'c'), ('b', 'c')]
    >>> q = Partnership(id="q", actors=["a", "b"], kind="mutualisation", directed=True,
    ...                 source="b", target="a")
    >>> partnership_pairs(q, directed=True)
    [('b', 'a')]
    >>> c = Partnership(id="c", actors=["farm", "wash", "spin"], kind="cooperation", chain=True)
    >>> partnership_pairs(c, directed=True)
    [('farm', 'wash'), ('wash', 'spin')]
    """
    if partnership.chain:
        return list(zip(partnership.actors, partnership.actors[1:]))
    pairs = list(combinations(partnership.actors, 2))
    # A directed partnership names both ends (the model checks it).
    source, target = cast(str, partnership.source), cast(str, partnership.target)
    if not directed:
        if partnership.directed:
            # Keep the tie's own direction as the edge's (u, v) order.
            pairs = [(source, target) if {u, v} == {source, target} else (u, v) for u, v in pairs]
        return pairs
    out: list[tuple[str, str]] = []
    for u, v in pairs:
        if partnership.directed and {u, v} == {source, target}:
            out.append((source, target))
        else:
            out.extend([(u, v), (v, u)])
    return out


def to_graph(
    pole: Pole,
    *,
    at: str | None = None,
    kinds: Iterable[str] | None = None,
    families: Iterable[str] | None = None,
    directed: bool = False,
    include_prospective: bool = False,
    include_personal_data: bool = False,
    structure: bool = False,
    include_events: bool = False,
) -> nx.MultiGraph:
    """The cooperation graph of a pole: one node per actor, one edge per tie.

    Parameters
    ----------
    pole : Pole
        The pole, e.g. from :func:`ptce_kit.load_pole`.
    at : str, optional
        A partial date (``"2014"``, ``"2014-07"``…): the pole as it stood then, i.e. the
        actors who had joined and not left, and the partnerships alive then between them.
        Unknown dates count as "always".  Without it, the whole history is drawn.
    kinds : iterable of str, optional
        Keep only these kinds of partnership (``mutualisation``, ``cooperation``,
        ``partnership``): one layer of the multiplex.
    families : iterable of str, optional
        Keep only actors of these families (``enterprises``, ``collectivities``,
        ``research``, ``other``) and the ties between them.
    directed : bool
        Return a ``MultiDiGraph``: directed partnerships go from source to target, the
        others become reciprocal pairs of edges.
    include_prospective : bool
        Also draw prospective actors (announced, not yet there).  They are never part of
        the pole at a date.
    include_personal_data : bool
        Add each actor's contacts as the ``contacts`` node attribute.
    structure : bool
        Also draw the ties of structure (:func:`structure_ties`) between the actors drawn,
        as edges of kind ``unit_of``, ``owned_by`` or ``operated_by`` keyed
        ``<kind>:<source>:<target>``, with ``structure: True`` (cooperation edges carry
        ``structure: False`` then).  Measures of cooperation are meant without them.
    include_events : bool
        Also draw the one-off events between two actors (up to ``at``), as one-way edges.
        They are not ties: measures and criteria leave them out.  Not with ``kinds``.

    Returns
    -------
    networkx.MultiGraph or networkx.MultiDiGraph
        Nodes are actor ids in the order of the data file; each edge's key is its
        partnership's id.  ``G.graph`` holds ``pole``, ``name``, ``pivot``, ``at`` and
        ``communes`` (the INSEE codes of the pole's territory).

    Notes
    -----
    A partnership of more than two actors becomes a clique of edges carrying its id.
    When ``at`` is given, a partnership alive then ties those of its actors who were
    members then (a shared lease still ties the tenants who stayed).

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> pole = Pole(id="p", name="P", pivot="a", actors=[
    ...     {"id": "a", "name": "A", "category": "ess_enterprise"},
    ...     {"id": "b", "name": "B", "category": "local_authority"},
    ...     {"id": "c", "name": "C", "category": "research_centre", "joined": "2015"}],
    ...   partnerships=[{"id": "lease", "actors": ["a", "b", "c"], "kind": "mutualisation"}])
    >>> G = to_graph(pole)
    >>> G.number_of_nodes(), G.number_of_edges()
    (3, 3)
    >>> sorted(G["a"]["b"]), G.nodes["a"]["pivot"]
    (['lease'], True)
    >>> to_graph(pole, at="2014").number_of_edges()
    1
    """
    at = _check_at(at)
    kind_set = _choices(kinds, TieKind, "kinds")
    family_set = _choices(families, Family, "families")
    # Hundreds of thousands of attribute dicts and no cycle: see gc_paused.
    with gc_paused():
        G = _build(pole, at, kind_set, family_set, directed, include_prospective, include_personal_data)
        if structure:
            _add_structure(G, pole, at)
        if include_events and kind_set is None:
            _add_events(G, pole, at)
        return G


def _add_structure(G: nx.MultiGraph, pole: Pole, at: str | None) -> None:
    for _, _, data in G.edges(data=True):
        data["structure"] = False
    for tie in structure_ties(pole):
        u, v = tie["source"], tie["target"]
        if u not in G or v not in G:
            continue
        if at is not None and tie["kind"] == "operated_by" and not active_between(tie["since"], tie["until"], at):
            continue
        key = f"{tie['kind']}:{u}:{v}"
        attrs: dict[str, Any] = {"kind": tie["kind"], "structure": True, "weight": 1.0, "directed": True,
                                 **{k: tie[k] for k in ("share", "contract", "since", "until") if k in tie}}
        G.add_edge(u, v, key=key, **attrs)


def _add_events(G: nx.MultiGraph, pole: Pole, at: str | None) -> None:
    for i, event in enumerate(pole.events):
        if event.from_ not in G or event.to not in G or (at is not None and earliest(event.date) > latest(at)):
            continue
        key = event.id or f"event-{i + 1}"
        G.add_edge(event.from_, event.to, key=key, event=key, kind=_TEXT[event.kind], since=event.date,
                   until=event.date, description=event.description, directed=True, arrow=True,
                   **{"from": event.from_, "to": event.to})


def _build(pole: Pole, at: str | None, kind_set: set[str] | None, family_set: set[str] | None,
           directed: bool, include_prospective: bool, include_personal_data: bool) -> nx.MultiGraph:
    """The graph, written straight into networkx's adjacency dicts.

    The very structure ``add_node`` and ``add_edge`` build, in the same order (same node
    order, attribute order, edge keys, one attribute dict per edge; a test compares it
    with the graph those calls build), without a method call, keyword packing and four
    membership tests per tie: the ids are looked up once in the node dict, each edge's
    dict is made once and put under both ends.
    """
    import networkx as nx

    G: nx.MultiGraph = nx.MultiDiGraph() if directed else nx.MultiGraph()
    territory = pole.territory
    G.graph.update({
        "pole": pole.id, "name": pole.name, "pivot": pole.pivot, "at": at,
        "communes": [c.code for c in territory.communes if c.code] if territory else [],
    })
    node: dict[Any, dict[str, Any]] = G._node
    succ: dict[Any, dict[Any, dict[Any, dict[str, Any]]]] = G._adj
    pred = cast(nx.MultiDiGraph, G)._pred if directed else succ
    for actor in pole.actors:
        if at is not None and (not actor.active_at(at) or (actor.created and earliest(actor.created) > latest(at))):
            continue  # not a member then, or not yet created
        if at is None and actor.status is ActorStatus.PROSPECTIVE and not include_prospective:
            continue
        if family_set is not None and actor.family.value not in family_set:
            continue
        attrs = actor_attributes(actor, pivot=actor.id == pole.pivot, include_personal_data=include_personal_data)
        if actor.id in node:  # as add_node: an id seen again updates its attributes
            node[actor.id].update(attrs)
            continue
        succ[actor.id] = {}
        if directed:
            pred[actor.id] = {}
        node[actor.id] = attrs

    text = _TEXT.__getitem__
    for p in pole.partnerships:
        if kind_set is not None and p.kind.value not in kind_set:
            continue
        if at is not None and (not active_between(p.since, p.until, at) or (p.duration and tie_expired_at(p, at))):
            continue  # not under way then, or past the duration it was made for (no renewal known)
        f = p.__dict__  # the validated fields: read straight, as attribute access would
        weight = f["weight"]
        attrs = {
            "partnership": f["id"],
            "kind": text(f["kind"]),
            "topic": f["topic"],
            "resources": list(map(text, f["resources"])),
            "since": f["since"],
            "until": f["until"],
            "weight": float(weight) if weight is not None else 1.0,
            "directed": f["directed"] or f["chain"],
        }
        if not p.participants_known:
            attrs["participants_known"] = False
        if p.participants is not None:
            attrs["participants"] = p.participants
        if p.duration is not None:
            attrs["duration"] = p.duration
        chain = p.chain
        if chain:
            attrs["chain"] = attrs["arrow"] = True
        key = p.id
        actors = p.actors
        if len(actors) == 2 and not chain and not p.directed and not directed:
            # Most ties: one pair, one edge, its dict the partnership's own (no copy needed).
            u, v = actors
            if u not in node or v not in node:
                continue
            keys = succ[u].get(v)
            if keys is None:
                succ[u][v] = succ[v][u] = {key: attrs}
            elif key in keys:
                keys[key].update(attrs)
            else:
                keys[key] = attrs
            continue
        for order, (u, v) in enumerate(partnership_pairs(p, directed=directed), start=1):
            if u not in node or v not in node:
                continue
            data = {"order": order, **attrs, "from": u, "to": v} if chain else attrs.copy()
            keys = succ[u].get(v)
            if keys is None:
                keys = {key: data}
                succ[u][v] = keys
                pred[v][u] = keys
            elif key in keys:
                keys[key].update(data)
            else:
                keys[key] = data
    if hasattr(nx, "_clear_cache"):
        nx._clear_cache(G)
    return G


def to_simple_graph(
    pole_or_graph: Pole | nx.MultiGraph,
    *,
    weight: str = "sum",
    **options: Any,
) -> nx.Graph:
    """The pole's graph with parallel ties collapsed into one weighted edge.

    Parameters
    ----------
    pole_or_graph : Pole or networkx.MultiGraph
        A pole (then ``options`` go to :func:`to_graph`) or a graph it made.
    weight : {"sum", "count"}
        The collapsed edge's ``weight``: the sum of the ties' weights, or their number.
    **options
        ``at``, ``kinds``, ``families``, ``directed``… as for :func:`to_graph`.

    Returns
    -------
    networkx.Graph or networkx.DiGraph
        Same nodes and node attributes; each edge carries ``weight``, ``count`` (number of
        ties), ``partnerships`` and ``kinds`` (sorted lists of ids and of kinds).

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> pole = Pole(id="p", name="P", actors=[
    ...     {"id": "a", "name": "A", "category": "ess_enterprise"},
    ...     {"id": "b", "name": "B", "category": "local_authority"}],
    ...   partnerships=[
    ...     {"id": "lease", "actors": ["a", "b"], "kind": "mutualisation", "weight": 2},
    ...     {"id": "jobs", "actors": ["a", "b"], "kind": "cooperation"}])
    >>> H = to_simple_graph(pole)
    >>> H["a"]["b"]["weight"], H["a"]["b"]["count"], H["a"]["b"]["partnerships"]
    (3.0, 2, ['jobs', 'lease'])
    >>> to_simple_graph(pole, weight="count")["a"]["b"]["weight"]
    2.0
    """
    import networkx as nx

    if weight not in ("sum", "count"):
        raise ValueError(Message("weight must be 'sum' or 'count', not {weight!r}", weight=weight))
    if isinstance(pole_or_graph, nx.Graph):
        if options:
            raise TypeError(Message("options {options} only apply when given a pole, not a graph", options=sorted(options)))
        M = pole_or_graph
    else:
        M = to_graph(pole_or_graph, **options)
    H: nx.Graph = nx.DiGraph() if M.is_directed() else nx.Graph()
    H.graph.update(M.graph)
    H.add_nodes_from(M.nodes(data=True))
    for u, v, data in M.edges(data=True):
        if H.has_edge(u, v):
            e = H[u][v]
            e["count"] += 1
            e["weight"] += data.get("weight", 1.0) if weight == "sum" else 1.0
            e["partnerships"] = sorted({*e["partnerships"], data.get("partnership")} - {None})
            e["kinds"] = sorted({*e["kinds"], data.get("kind")} - {None})
        else:
            H.add_edge(u, v, weight=float(data.get("weight", 1.0)) if weight == "sum" else 1.0, count=1,
                       partnerships=[data["partnership"]] if data.get("partnership") else [],
                       kinds=[data["kind"]] if data.get("kind") else [])
    return H
