"""How a pole grew: its graph year by year, and what changed between two graphs.

:func:`snapshots` gives the graph at a series of dates; :func:`diff` compares two graphs
(two dates of one file, or two versions of a file) and says which actors and ties
appeared, ended or changed, with the survival and turnover rates of the field.

The life of actors and ties, as every document counts it (the activity report, the
interactive map's slider): :func:`actor_end` is the day an actor stopped being part of
the pole (it left, or its own life ended: dissolved, merged); :func:`member_known_at`
counts a member at a date only when its arrival is dated (an undated member is "date
unknown", never placed in a year) and never before its creation or after its end;
:func:`tie_end` and :func:`tie_known_at` end a tie given for a duration when that
duration is over (the data has no renewal: it is not known to go on).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..model import ActorStatus, Pole
from ..model.identifiers import earliest, latest
from ..model.ties import active_between, duration_months

if TYPE_CHECKING:
    import networkx as nx

    from ..model import Actor, Partnership

__all__ = ["snapshots", "diff", "actor_end", "member_known_at", "undated_members_at", "tie_end", "span_end",
           "tie_known_at", "tie_expired_at"]


def actor_end(actor: Actor) -> str | None:
    """The partial date the actor stopped being part of the pole: the earlier of ``left``
    and ``ceased`` (its own life ended), ``None`` while it is part of it.

    >>> from ptce_kit.model import Actor
    >>> actor_end(Actor(id="a", name="A", category="enterprise", joined="2012", ceased="2017-03"))
    '2017-03'
    """
    ends = [d for d in (actor.left, actor.ceased) if d]
    return min(ends, key=earliest) if ends else None


def _alive_at(actor: Actor, when: str) -> bool:
    """Not created after ``when``, not ended before it (a prospective actor never)."""
    if actor.status is ActorStatus.PROSPECTIVE:
        return False
    if actor.created and earliest(actor.created) > latest(when):
        return False
    end = actor_end(actor)
    return not (end and latest(end) < earliest(when))


def member_known_at(actor: Actor, when: str) -> bool:
    """Whether the data says ``actor`` was a member at the partial date ``when``.

    Its arrival must be dated (``joined``) and reached; it must exist (not before
    ``created``) and not have left nor ceased to exist by then.  An undated member is
    never counted in a year (:func:`undated_members_at`).

    >>> from ptce_kit.model import Actor
    >>> a = Actor(id="a", name="A", category="enterprise", joined="2012", ceased="2017-03")
    >>> member_known_at(a, "2016-12-31"), member_known_at(a, "2017-12-31")
    (True, False)
    >>> member_known_at(Actor(id="b", name="B", category="enterprise"), "2020-12-31")
    False
    """
    if actor.status is not ActorStatus.MEMBER or not actor.joined:
        return False
    return earliest(actor.joined) <= latest(when) and _alive_at(actor, when)


def undated_members_at(pole: Pole, when: str) -> list[Actor]:
    """The members without a ``joined`` date that may be members at ``when``: they exist
    (created by then, or undated) and had not left nor ceased.  Reported as "date unknown"."""
    return [a for a in pole.actors if a.status is ActorStatus.MEMBER and not a.joined and _alive_at(a, when)]


def _add_months(value: str, months: float) -> str:
    """The partial date ``months`` after ``value``, at its precision (whole months; a year's
    precision keeps a year when the months are whole years, else the month of its start)."""
    whole = int(months)
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1 and whole % 12 == 0:
        return f"{parts[0] + whole // 12:04d}"
    year, month = parts[0], parts[1] if len(parts) > 1 else 1
    index = year * 12 + month - 1 + whole
    if len(parts) < 3:
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    import calendar

    y, m = index // 12, index % 12 + 1
    return f"{y:04d}-{m:02d}-{min(parts[2], calendar.monthrange(y, m)[1]):02d}"


def tie_end(tie: Partnership) -> str | None:
    """When the tie ended: its ``until``, or ``since`` + ``duration`` when the data gives a
    start and a duration but no end (not known to be renewed); ``None`` while it lasts.

    >>> from ptce_kit.model import Partnership
    >>> tie_end(Partnership(id="t", actors=["a", "b"], kind="mutualisation", since="2019", duration="3 ans"))
    '2022'
    """
    return span_end(tie.since, tie.until, tie.duration)


def span_end(since: str | None, until: str | None, duration: str | None) -> str | None:
    """The end of a span: ``until``, else ``since`` + ``duration`` when both are given, else ``None``.

    >>> span_end("2019-06", None, "18 mois"), span_end("2019", "2020", "3 ans"), span_end(None, None, "3 ans")
    ('2020-12', '2020', None)
    """
    if until:
        return until
    if since and duration:
        return _add_months(since, duration_months(duration))
    return None


def tie_expired_at(tie: Partnership, when: str) -> bool:
    """Whether the duration the tie was given is over at ``when`` (no ``until``, no renewal)."""
    if tie.until or not (tie.since and tie.duration):
        return False
    end = tie_end(tie)
    return end is not None and earliest(end) <= latest(when)


def tie_known_at(tie: Partnership, when: str) -> bool:
    """Whether the data says the tie was under way at ``when``: started, not ended, and not
    past the duration it was given (after it, whether it goes on is unknown: not counted).

    >>> from ptce_kit.model import Partnership
    >>> t = Partnership(id="t", actors=["a", "b"], kind="mutualisation", since="2019", duration="3 ans")
    >>> tie_known_at(t, "2021-12-31"), tie_known_at(t, "2022-12-31"), tie_known_at(t, "2024-01-01")
    (True, False, False)
    """
    return active_between(tie.since, tie.until, when) and not tie_expired_at(tie, when)


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
