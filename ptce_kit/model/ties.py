"""Ties between actors: partnerships (the three words of art. 9), joint projects, one-off events."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import ConfigDict, Field, WithJsonSchema, model_validator

from ..errors import Invalid
from ..i18n import Message, N_
from .base import Provenance, Record, error_at, raise_errors
from .text import Jobs, Line, Name, Text, Weight
from .identifiers import PartialDate, Shaped, Slug, earliest, latest, starts_before

__all__ = ["TieKind", "Resource", "Partnership", "ProjectStatus", "Project", "active_between",
           "duration_months", "EventKind", "Event"]


class TieKind(StrEnum):
    """The three forms of a pole's common strategy (loi 2014-856, art. 9)."""

    MUTUALISATION = "mutualisation"
    COOPERATION = "cooperation"
    PARTNERSHIP = "partnership"


class Resource(StrEnum):
    """What a tie shares or moves between actors."""

    PREMISES = "premises"
    STAFF = "staff"
    EQUIPMENT = "equipment"
    PURCHASING = "purchasing"
    FUNDING = "funding"
    KNOWLEDGE = "knowledge"
    SERVICES = "services"
    TRAINING = "training"
    MARKET = "market"
    OTHER = "other"


def active_between(since: str | None, until: str | None, when: str) -> bool:
    """Whether a span of partial dates covers the partial date ``when``.

    Examples
    --------
    >>> active_between("2010", None, "2012-05")
    True
    >>> active_between("2010", "2011", "2012")
    False
    """
    if since and earliest(since) > latest(when):
        return False
    return not (until and latest(until) < earliest(when))


_MONTHS_PER = {"an": 12, "ans": 12, "année": 12, "années": 12, "year": 12, "years": 12,
               "mois": 1, "month": 1, "months": 1, "semaine": 12 / 52, "semaines": 12 / 52,
               "week": 12 / 52, "weeks": 12 / 52}
DURATION_PATTERN = (r"^[0-9]{1,4}(?:[.,][0-9]{1,2})? ?(?:"
                    + "|".join(sorted(_MONTHS_PER, key=lambda u: (-len(u), u))) + r")$")
_DURATION = re.compile(r"(?P<n>[0-9]{1,4}(?:[.,][0-9]{1,2})?) ?(?P<unit>[^\W\d_]+)\Z")


def duration_months(text: str) -> float:
    """The length in months of a duration written ``"3 ans"``, ``"18 mois"``, ``"2 years"``…

    Raises ``ValueError`` saying how to write it otherwise.

    Examples
    --------
    >>> duration_months("3 ans"), duration_months("18 mois"), duration_months("1,5 year")
    (36.0, 18.0, 18.0)
    >>> duration_months("longtemps")
    Traceback (most recent call last):
    ...
    ptce_kit.errors.Invalid: 'longtemps' is not a duration: write a number and a unit (ans, mois, semaines; years, months, weeks), e.g. '3 ans'
    """
    match = _DURATION.match(text) if isinstance(text, str) else None
    unit = match["unit"] if match else ""
    if not match or unit not in _MONTHS_PER:
        raise Invalid(Message("{text!r} is not a duration: write a number and a unit (ans, mois, semaines; "
                              "years, months, weeks), e.g. '3 ans'", text=text), code="PTCE-E136")
    return float(match["n"].replace(",", ".")) * _MONTHS_PER[unit]


def _check_duration(value: str) -> str:
    duration_months(value)
    return value


#: A duration in words: a number and a unit, e.g. "3 ans", "18 mois", "2 years".
Duration = Annotated[
    str,
    Shaped(DURATION_PATTERN, "duration", "not a duration: write a number and a unit, e.g. '3 ans'", _check_duration),
    WithJsonSchema({"type": "string", "pattern": DURATION_PATTERN, "examples": ["3 ans", "18 mois"]}),
]


class Partnership(Record):
    """A continuing tie between two or more actors."""

    id: Slug = Field(description="Unique identifier of the partnership")
    actors: Annotated[list[Slug], Field(
        min_length=1, description="The actors it joins (two or more; one is enough with participants_known: false)")]
    kind: TieKind = Field(description="mutualisation (sharing means), cooperation (working together) or partnership (a lasting agreement)")
    topic: Line | None = Field(None, description="What it is about, in a few words")
    resources: list[Resource] = Field(default_factory=list, description="What the tie shares or moves")
    directed: bool = Field(False, description="Has a direction (hosting, funding, subcontracting)")
    source: Slug | None = Field(None, description="With 'directed': the actor the tie goes from")
    target: Slug | None = Field(None, description="With 'directed': the actor the tie goes to")
    since: PartialDate | None = Field(None, description="When the tie started")
    until: PartialDate | None = Field(None, description="When the tie ended (empty while it lasts)")
    weight: Weight | None = Field(None, description="Strength of the tie (1 when empty), from 0.001 to 10^6")
    participants_known: bool = Field(
        True, description="false when 'actors' names only some of those taking part (\"some members share an "
                          "employers' group\")")
    participants: Annotated[int, Field(ge=1, le=10**7)] | None = Field(
        None, description="How many take part, when known (known or not by name)")
    duration: Duration | None = Field(
        None, description="How long it lasts or lasted, when the dates are not known, e.g. '3 ans', '18 mois'")
    chain: bool = Field(
        False, description="The actors are listed in the order of a supply chain (producer → washer → spinner): "
                           "each one supplies the next")
    description: Text | None = Field(None, description="More about the tie")
    provenance: Text | None = Provenance()

    @model_validator(mode="after")
    def _consistent(self) -> Partnership:
        if not (self.directed or self.source or self.target or self.chain or self.participants is not None) \
                and len(self.actors) >= 2 and len(set(self.actors)) == len(self.actors) \
                and not (self.since and self.until and starts_before(self.until, self.since)):
            return self  # most ties: distinct actors, no direction, dates in order
        errors = []
        if len(self.actors) < 2 and self.participants_known:
            errors.append(error_at(
                ("actors",), N_("a partnership joins two actors or more: add the others, or say "
                                "'participants_known: false' if they are not all known"), code="PTCE-E139"))
        if self.participants is not None and self.participants < len(set(self.actors)):
            errors.append(error_at(
                ("participants",), Message(
                    "{count} participants, but 'actors' already names {n}: give the whole count",
                    n=len(set(self.actors)), count=self.participants), self.participants, code="PTCE-E131"))
        if self.chain and self.directed:
            errors.append(error_at(
                ("chain",), N_("a chain already has its direction (each actor supplies the next): "
                               "leave out 'directed', 'source' and 'target'"), code="PTCE-E128"))
        if self.chain and not self.participants_known:
            errors.append(error_at(
                ("chain",), N_("a chain lists every link in order: it cannot have 'participants_known: false'"),
                code="PTCE-E128"))
        dupes = sorted({a for a in self.actors if self.actors.count(a) > 1})
        if dupes:
            errors.append(error_at(
                ("actors",), Message("a partnership joins distinct actors, but {actors} is listed twice",
                                     actors=", ".join(dupes)), code="PTCE-E122"))
        if self.directed:
            for end in ("source", "target"):
                ref = getattr(self, end)
                if not ref:
                    errors.append(error_at((end,), Message("a directed partnership needs '{end}'", end=end),
                                                          code="PTCE-E123"))
                elif ref not in self.actors:
                    errors.append(error_at(
                        (end,), Message("{ref!r} is not among the partnership's actors: add it to 'actors'", ref=ref),
                        ref, code="PTCE-E123"))
            if self.source and self.source == self.target:
                errors.append(error_at(("target",), N_("'source' and 'target' must be two different actors"),
                                      code="PTCE-E123"))
        elif self.source or self.target:
            errors.append(error_at(
                ("source" if self.source else "target",),
                N_("'source' and 'target' only make sense with 'directed: true'"), code="PTCE-E123"))
        if self.since and self.until and starts_before(self.until, self.since):
            errors.append(error_at(("until",), Message("'until' ({until}) is before 'since' ({since})",
                                                       until=self.until, since=self.since), self.until, code="PTCE-E121"))
        raise_errors("Partnership", errors)
        return self

    def active_at(self, when: str) -> bool:
        """Whether the tie was alive at the partial date ``when``."""
        return active_between(self.since, self.until, when)


class ProjectStatus(StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    COMPLETED = "completed"
    ABANDONED = "abandoned"


class Project(Record):
    """A joint economic or social activity of the pole."""

    id: Slug = Field(description="Unique identifier of the project")
    name: Annotated[Name, Field(description="Name of the project")]
    description: Text | None = Field(None, description="What it does")
    actors: list[Slug] = Field(default_factory=list, description="Participating actors")
    status: ProjectStatus | None = Field(None, description="Where the project stands")
    start: PartialDate | None = Field(None, description="When it started")
    end: PartialDate | None = Field(None, description="When it ended")
    jobs: Jobs | None = Field(None, description="Jobs created or kept")
    provenance: Text | None = Provenance()

    @model_validator(mode="after")
    def _consistent(self) -> Project:
        errors = []
        if len(set(self.actors)) != len(self.actors):
            errors.append(error_at(("actors",), N_("an actor is listed twice in the project's 'actors'"),
                                   code="PTCE-E122"))
        if self.start and self.end and starts_before(self.end, self.start):
            errors.append(error_at(("end",), Message("'end' ({end}) is before 'start' ({start})", end=self.end,
                                                   start=self.start), self.end, code="PTCE-E121"))
        raise_errors("Project", errors)
        return self


class EventKind(StrEnum):
    """What a one-off event between actors was."""

    GIFT = "gift"
    TAKEOVER = "takeover"
    OTHER = "other"


class Event(Record):
    """A one-off event between actors (a gift of machines, a takeover after a fire).

    Not a continuing tie: criteria and measures of the cooperation graph do not count it.
    """

    # ``from`` is a Python keyword: the field is ``from_`` in code, ``from`` in files.
    model_config = ConfigDict(serialize_by_alias=True, validate_by_name=True, validate_by_alias=True)

    id: Slug | None = Field(None, description="Identifier of the event, if it needs one")
    date: PartialDate = Field(description="When it happened")
    kind: EventKind = Field(description="gift, takeover or other")
    from_: Slug | None = Field(None, alias="from", description="The actor it came from (the giver, the one taken over)")
    to: Slug | None = Field(None, description="The actor it went to (the receiver, the one taking over)")
    description: Text | None = Field(None, description="What happened")
    source: Line | None = Field(None, description="Where this comes from")
    provenance: Text | None = Provenance()

    @model_validator(mode="after")
    def _consistent(self) -> Event:
        if self.from_ and self.from_ == self.to:
            raise_errors("Event", [error_at(("to",), N_("'from' and 'to' must be two different actors"), self.to,
                                            code="PTCE-E127")])
        return self
