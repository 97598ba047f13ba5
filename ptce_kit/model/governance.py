"""How a pole governs itself: its form, legal acts, bodies, colleges and facilitation."""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, PositiveInt, model_validator

from ..i18n import Message
from .base import Provenance, Record, error_at, raise_errors
from .text import Line, Name, Text
from .identifiers import PartialDate, Slug

__all__ = [
    "GovernanceForm",
    "LegalAct",
    "Cadence",
    "Body",
    "College",
    "Facilitation",
    "Decision",
    "Governance",
]


class GovernanceForm(StrEnum):
    INFORMAL = "informal"
    ASSOCIATION = "association"
    SCIC = "scic"
    GIE = "gie"
    COOPERATIVE = "cooperative"
    OTHER = "other"


class LegalAct(Record):
    """A legal act that structures the pole (a lease, statutes, an agreement)."""

    kind: Annotated[Name, Field(description="e.g. lease, statutes, agreement")]
    description: Text | None = Field(None, description="What it says")
    parties: list[Slug] = Field(default_factory=list, description="Actors bound by it")
    since: PartialDate | None = Field(None, description="When it was signed")
    provenance: Text | None = Provenance()


class Cadence(Record):
    """How often a body meets: every ``every`` ``unit``s."""

    every: Annotated[PositiveInt, Field(le=10_000)] = Field(description="How many units between two meetings, e.g. 6")
    unit: Literal["day", "week", "month", "year"] = Field("week", description="The unit")

    def in_weeks(self) -> float:
        """The cadence in weeks, for comparisons between poles."""
        return self.every * {"day": 1 / 7, "week": 1.0, "month": 52 / 12, "year": 52.0}[self.unit]


class Body(Record):
    """A governing or meeting body of the pole."""

    name: Annotated[Name, Field(description="Name of the body, e.g. Assemblée des membres")]
    members: Literal["all"] | list[Slug] = Field(
        "all", description="'all' for every member, or a list of actor ids"
    )
    cadence: Cadence | None = Field(None, description="How often it meets")
    format: Line | None = Field(None, description="How it meets, e.g. 'over a meal'")
    role: Text | None = Field(None, description="What it decides")
    provenance: Text | None = Provenance()


class College(Record):
    """A college of members with its share of the votes."""

    name: Annotated[Name, Field(description="Name of the college, e.g. Salariés")]
    members: list[Slug] = Field(default_factory=list, description="Actors in this college")
    weight: Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)] | None = Field(None, description="Voting weight, in percent")


class Facilitation(Record):
    """Who runs the pole's day-to-day facilitation (animation), and with how much time."""

    by: Slug | None = Field(None, description="The actor who provides it")
    description: Text | None = Field(None, description="Who does what, in words")
    amount: Line | None = Field(None, description="How much, in words, e.g. 'a few hours a month'")
    provenance: Text | None = Provenance()


class Decision(Record):
    """An entry of the pole's decisions log."""

    date: PartialDate = Field(description="When it was taken")
    title: Annotated[Name, Field(description="The decision in a few words")]
    body: Name | None = Field(None, description="Name of the body that took it")
    description: Text | None = Field(None, description="The decision in full")


class Governance(Record):
    """How the pole governs itself."""

    form: GovernanceForm = Field(GovernanceForm.INFORMAL, description="Legal form of the pole itself")
    decision_rule: Literal["consensus", "majority", "qualified_majority", "other"] | None = Field(None, description="How decisions are taken")
    legal_acts: list[LegalAct] = Field(default_factory=list, description="Leases, statutes, agreements")
    bodies: list[Body] = Field(default_factory=list, description="Governing and meeting bodies")
    colleges: list[College] = Field(default_factory=list, description="Colleges of members and their votes")
    facilitation: Facilitation | None = Field(None, description="Day-to-day facilitation (animation)")
    decisions: list[Decision] = Field(default_factory=list, description="Log of decisions")
    provenance: Text | None = Provenance()

    @model_validator(mode="after")
    def _colleges_weights(self) -> Governance:
        weights = [c.weight for c in self.colleges]
        given = [w for w in weights if w is not None]
        errors = []
        if given and len(given) != len(weights):
            for i, college in enumerate(self.colleges):
                if college.weight is None:
                    errors.append(error_at(
                        ("colleges", i),
                        Message("the college {name!r} has no 'weight': give one to every college or to none",
                                name=college.name), code="PTCE-E124"))
        elif given and not math.isclose(sum(given), 100.0, abs_tol=1e-6):
            errors.append(error_at(
                ("colleges",), Message("the colleges' weights add up to {total} %, not 100 %: adjust them",
                                       total=f"{sum(given):g}"), code="PTCE-E124"))
        raise_errors("Governance", errors)
        return self
