"""Ties between actors: partnerships (the three words of art. 9) and joint projects."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from ..i18n import Message, N_
from .base import Provenance, Record, error_at, raise_errors
from .text import Jobs, Line, Name, Text, Weight
from .identifiers import PartialDate, Slug, earliest, latest, starts_before

__all__ = ["TieKind", "Resource", "Partnership", "ProjectStatus", "Project", "active_between"]


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


class Partnership(Record):
    """A continuing tie between two or more actors."""

    id: Slug = Field(description="Unique identifier of the partnership")
    actors: Annotated[list[Slug], Field(min_length=2, description="The actors it joins (two or more)")]
    kind: TieKind = Field(description="mutualisation (sharing means), cooperation (working together) or partnership (a lasting agreement)")
    topic: Line | None = Field(None, description="What it is about, in a few words")
    resources: list[Resource] = Field(default_factory=list, description="What the tie shares or moves")
    directed: bool = Field(False, description="Has a direction (hosting, funding, subcontracting)")
    source: Slug | None = Field(None, description="With 'directed': the actor the tie goes from")
    target: Slug | None = Field(None, description="With 'directed': the actor the tie goes to")
    since: PartialDate | None = Field(None, description="When the tie started")
    until: PartialDate | None = Field(None, description="When the tie ended (empty while it lasts)")
    weight: Weight | None = Field(None, description="Strength of the tie (1 when empty), from 0.001 to 10^6")
    description: Text | None = Field(None, description="More about the tie")
    provenance: Text | None = Provenance()

    @model_validator(mode="after")
    def _consistent(self) -> Partnership:
        if not (self.directed or self.source or self.target) and len(set(self.actors)) == len(self.actors) \
                and not (self.since and self.until and starts_before(self.until, self.since)):
            return self  # most ties: distinct actors, no direction, dates in order
        errors = []
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
