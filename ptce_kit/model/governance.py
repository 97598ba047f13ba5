"""How a pole governs itself: its form, legal acts, bodies, colleges and facilitation."""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, NonNegativeInt, PositiveInt, field_validator, model_validator
from pydantic_core import InitErrorDetails

from ..errors import Invalid
from ..i18n import Message, plural_message
from .base import Provenance, Record, error_at, raise_errors
from .text import Line, Name, Text
from .identifiers import PartialDate, Slug, earliest, latest, starts_before
from .grammar import Article, Gender, Number, article_field, gender_field, number_field
from .statutes import Statutes

__all__ = [
    "GovernanceForm",
    "LegalAct",
    "Cadence",
    "Body",
    "College",
    "FormPeriod",
    "AssociateCategory",
    "Facilitation",
    "Decision",
    "Statutes",
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
    article: Article | None = article_field()
    gender: Gender | None = gender_field()
    number: Number | None = number_field()


class FormPeriod(Record):
    """One period of the pole's legal form: an association from 2010, a SCIC from 2015."""

    form: GovernanceForm = Field(description="The legal form during the period")
    since: PartialDate = Field(description="When the pole took this form")
    until: PartialDate | None = Field(None, description="When it left it; empty for the current form")
    source: Line | None = Field(None, description="Where this comes from, e.g. the statutes, the JOAFE")

    @model_validator(mode="after")
    def _dates(self) -> FormPeriod:
        if self.until and starts_before(self.until, self.since):
            raise_errors("FormPeriod", [error_at(
                ("until",), Message("'until' ({until}) is before 'since' ({since}): fix one of the dates",
                                    until=self.until, since=self.since), self.until, code="PTCE-E121")])
        return self


class College(Record):
    """A college of members with its share of the votes.

    A single college means "one associate, one vote".  Its members may be known by name
    (``members``), counted only (``count``), or not known (``members_known: false``).
    """

    name: Annotated[Name, Field(description="Name of the college, e.g. Salariés")]
    members: list[Slug] = Field(default_factory=list, description="Actors in this college")
    weight: Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)] | Literal["unknown"] | None = Field(
        None, description="Voting weight, in percent, or 'unknown' when the statutes' figure is not known")
    members_known: bool | None = Field(
        None, description="true: 'members' lists every member; false: the members are not (all) known")
    count: NonNegativeInt | None = Field(None, description="How many members it has, named or not")
    provenance: Text | None = Provenance()

    @field_validator("weight", mode="before")
    @classmethod
    def _weight_word(cls, value: object) -> object:
        # One clear message, rather than one per member of the union.
        if isinstance(value, str) and value != "unknown":
            try:
                float(value)
            except ValueError:
                raise Invalid(Message("{value!r} is not a weight: write a percentage such as 30, or 'unknown'",
                                      value=value), code="PTCE-E138") from None
        return value

    @model_validator(mode="after")
    def _members(self) -> College:
        errors = []
        if self.count is not None and self.count < len(self.members):
            errors.append(error_at(("count",), _count_below(self.count, len(self.members)), self.count,
                                   code="PTCE-E131"))
        elif self.members_known and self.count is not None and self.count != len(self.members):
            errors.append(error_at(("count",), plural_message(
                "'members_known: true' says the {n} member listed is all, but 'count' is {count}: fix one of them",
                "'members_known: true' says the {n} members listed are all, but 'count' is {count}: fix one of them",
                len(self.members), count=self.count), self.count, code="PTCE-E131"))
        raise_errors("College", errors)
        return self

    @property
    def known_weight(self) -> float | None:
        """The weight in percent, or ``None`` when it is not given or 'unknown'."""
        return None if self.weight is None or self.weight == "unknown" else float(self.weight)


class AssociateCategory(Record):
    """A category of a SCIC's associates (loi n° 47-1775, art. 19 septies), with its count and capital."""

    name: Annotated[Name, Field(description="Name of the category, e.g. Salariés, Usagers")]
    kind: Literal["employees", "producers", "users", "volunteers", "public", "other"] = Field(
        description="employees, producers (when it has no employees), users (the beneficiaries), volunteers, "
                    "public (local authorities, their groupings, territorial public establishments) or other")
    members: list[Slug] = Field(default_factory=list, description="Actors of the pole in this category")
    count: NonNegativeInt | None = Field(None, description="How many associates it has, named or not (natural persons often are not)")
    capital_share: Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)] | None = Field(
        None, description="Its share of the capital, in percent; empty when unknown")
    provenance: Text | None = Provenance()

    @model_validator(mode="after")
    def _count(self) -> AssociateCategory:
        if self.count is not None and self.count < len(self.members):
            raise_errors("AssociateCategory", [error_at(
                ("count",), _count_below(self.count, len(self.members)), self.count, code="PTCE-E131")])
        return self

    @property
    def empty(self) -> bool:
        """Whether the category is known to have no associate (``count: 0``)."""
        return self.count == 0 and not self.members


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

    form: GovernanceForm = Field(
        GovernanceForm.INFORMAL,
        description="Current legal form of the pole itself; derived from form_history when not given")
    form_history: list[FormPeriod] = Field(
        default_factory=list, description="The pole's legal forms over time, oldest first")
    decision_rule: Literal["consensus", "majority", "qualified_majority", "other"] | None = Field(None, description="How decisions are taken")
    legal_acts: list[LegalAct] = Field(default_factory=list, description="Leases, statutes, agreements")
    bodies: list[Body] = Field(default_factory=list, description="Governing and meeting bodies")
    colleges: list[College] = Field(default_factory=list, description="Colleges of members and their votes")
    associate_categories: list[AssociateCategory] = Field(
        default_factory=list, description="A SCIC's categories of associates, with counts and capital shares")
    statutes: Statutes | None = Field(None, description="What the pole's own statutes say (purpose, capital, reserves)")
    facilitation: Facilitation | None = Field(None, description="Day-to-day facilitation (animation)")
    decisions: list[Decision] = Field(default_factory=list, description="Log of decisions")
    provenance: Text | None = Provenance()

    @model_validator(mode="after")
    def _colleges_weights(self) -> Governance:
        weights = [c.weight for c in self.colleges]
        given = [w for w in weights if w is not None]
        known = [c.known_weight for c in self.colleges if c.known_weight is not None]
        errors = []
        if given and len(given) != len(weights):
            for i, college in enumerate(self.colleges):
                if college.weight is None:
                    errors.append(error_at(
                        ("colleges", i),
                        Message("the college {name!r} has no 'weight': give one to every college or to none "
                                "(write 'weight: unknown' when the statutes' figure is not known)", name=college.name),
                        code="PTCE-E124"))
        elif given and len(known) == len(given) and not math.isclose(sum(known), 100.0, abs_tol=1e-6):
            errors.append(error_at(
                ("colleges",), Message("the colleges' weights add up to {total} %, not 100 %: adjust them",
                                       total=f"{sum(known):g}"), code="PTCE-E124"))
        elif len(known) < len(given) and sum(known) > 100 + 1e-6:
            errors.append(error_at(
                ("colleges",), Message("the known colleges' weights add up to {total} %, more than 100 %: adjust them",
                                       total=f"{sum(known):g}"), code="PTCE-E124"))
        errors += self._history_errors() + self._capital_errors()
        raise_errors("Governance", errors)
        return self

    def _history_errors(self) -> list[InitErrorDetails]:
        history = self.form_history
        errors = []
        for i in range(1, len(history)):
            before, period = history[i - 1], history[i]
            if starts_before(period.since, before.since):
                errors.append(error_at(("form_history", i, "since"), Message(
                    "the form history is oldest first: {since} comes before {before}; reorder the entries",
                    since=period.since, before=before.since), period.since, code="PTCE-E121"))
            elif before.until is None:
                errors.append(error_at(("form_history", i - 1, "until"), Message(
                    "the form {form!r} has no 'until', but the pole became {then!r} in {since}: give the date it "
                    "ended (only the current form has none)", form=before.form.value, then=period.form.value,
                    since=period.since), code="PTCE-E121"))
            elif earliest(period.since) < earliest(before.until) and latest(before.until) > latest(period.since):
                errors.append(error_at(("form_history", i, "since"), Message(
                    "the form {form!r} starts ({since}) before the form {before!r} ended ({until}): fix the dates",
                    form=period.form.value, since=period.since, before=before.form.value, until=before.until),
                    period.since, code="PTCE-E121"))
        current = self.current_period
        if current is not None and not errors:
            if "form" not in self.model_fields_set:
                # Derived, not given: written back as the file had it (see pole_to_data).
                object.__setattr__(self, "form", current.form)
            elif self.form is not current.form:
                errors.append(error_at(("form",), Message(
                    "'form' is {form!r} but form_history says the pole has been {current!r} since {since}: fix one "
                    "of them, or leave 'form' out (it is derived from the history)", form=self.form.value,
                    current=current.form.value, since=current.since), self.form.value, code="PTCE-E128"))
        return errors

    def _capital_errors(self) -> list[InitErrorDetails]:
        shares = [c.capital_share for c in self.associate_categories if c.capital_share is not None]
        if sum(shares) > 100 + 1e-6:
            return [error_at(("associate_categories",), Message(
                "the categories' capital shares add up to {total} %, more than 100 %: fix them",
                total=f"{sum(shares):g}"), code="PTCE-E129")]
        return []

    @property
    def stated_form(self) -> GovernanceForm | None:
        """The current legal form the file states, ``None`` when it says nothing of it.

        ``form`` reads ``informal`` when nothing is given (the format's default), which a
        count of informal poles must not take for an answer: this is the ``form`` written
        in the file, or the form its ``form_history`` says the pole has had since its
        last change, else ``None``.  ``save_pole`` writes an explicit ``form: informal``
        (:func:`~ptce_kit.io.dump_pole`), so the two stay apart after a save and a load.

        Examples
        --------
        >>> Governance().stated_form is None, Governance(decision_rule="consensus").stated_form is None
        (True, True)
        >>> Governance(form="informal").stated_form, Governance(form_history=[{"form": "scic", "since": "2015"}]).stated_form
        (<GovernanceForm.INFORMAL: 'informal'>, <GovernanceForm.SCIC: 'scic'>)
        """
        if "form" in self.model_fields_set:
            return self.form
        current = self.current_period
        return current.form if current is not None else None

    @property
    def current_period(self) -> FormPeriod | None:
        """The entry of ``form_history`` that is still running (the last one, without ``until``)."""
        if self.form_history and self.form_history[-1].until is None:
            return self.form_history[-1]
        return None

    def form_at(self, when: str) -> GovernanceForm | None:
        """The pole's legal form at the partial date ``when``, from its history (``None`` if it does not say).

        Without a history, the current ``form`` is the only one known.
        """
        if not self.form_history:
            return self.form
        for period in reversed(self.form_history):
            if earliest(period.since) <= latest(when) and (period.until is None or latest(period.until) >= earliest(when)):
                return period.form
        return None


def _count_below(count: int, listed: int) -> Message:
    """The refusal of a ``count`` smaller than the members listed."""
    return plural_message("'count' ({count}) is less than the {n} member listed: fix the count",
                          "'count' ({count}) is less than the {n} members listed: fix the count", listed, count=count)
