"""The life of actors and ties over time, as every document and graph counts it.

:func:`actor_end` is the day an actor stopped being part of the pole (it left, or its own
life ended: dissolved, merged); :func:`member_known_at` counts a member at a date only when
its arrival is dated (an undated member is "date unknown", never placed in a year) and
never before its creation or after its end; :func:`tie_end` and :func:`tie_known_at` end a
tie given for a duration when that duration is over (the data has no renewal: it is not
known to go on).  Plain functions over the model, so that the graph builder
(:mod:`ptce_kit.network.build`) and the history (:mod:`ptce_kit.network.history`) share them.
"""

from __future__ import annotations

from .actors import Actor, ActorStatus
from .identifiers import earliest, latest
from .pole import Pole
from .ties import Partnership, active_between, duration_months

__all__ = ["actor_end", "member_known_at", "undated_members_at", "tie_end", "span_end", "tie_known_at",
           "tie_expired_at"]


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
    never counted in a year (:func:`undated_members_at`), nor is an actor whose status is
    not stated (it may not be a member at all).

    >>> from ptce_kit.model import Actor
    >>> a = Actor(id="a", name="A", category="enterprise", status="member", joined="2012", ceased="2017-03")
    >>> member_known_at(a, "2016-12-31"), member_known_at(a, "2017-12-31")
    (True, False)
    >>> member_known_at(Actor(id="b", name="B", category="enterprise", status="member"), "2020-12-31")
    False
    >>> member_known_at(Actor(id="c", name="C", category="enterprise", joined="2012"), "2020-12-31")
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
