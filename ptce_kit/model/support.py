"""Public support a pole or its actors receive, and the labels and agreements they hold.

A funder is either an actor of the pole (its id) or a body outside it (the State, a
région, a foundation, a European fund…), written inline: an outside funder never has to
be listed among the actors.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any, Final, Literal

from pydantic import Discriminator, Field, Tag, WithJsonSchema, field_validator, model_validator

from ..errors import Invalid
from ..i18n import Message, N_
from .base import Provenance, Record, error_at, raise_errors
from .grammar import Article, Gender, Number, article_field, gender_field, number_field
from .identifiers import PartialDate, Shaped, Slug, starts_before
from .text import Figure, Line, Name, Text

__all__ = [
    "check_currency", "Currency", "BodyKind", "OutsideBody", "Amount", "Outcome", "STATE_PTCE_CALLS", "state_call_year", "Support",
    "LabelKind", "Label",
]


class BodyKind(StrEnum):
    """What kind of body an outside funder is."""

    STATE = "state"
    REGION = "region"
    DEPARTEMENT = "departement"
    EPCI = "epci"
    COMMUNE = "commune"
    FOUNDATION = "foundation"
    EU = "eu"
    OTHER = "other"


class OutsideBody(Record):
    """A funder that is not an actor of the pole (the State, a région, a European fund…).

    Like an actor's, its name is written bare, with what French needs around it given
    apart (``article``, ``gender``, ``number``): « État » with ``article: l'`` is written
    « l’État », « Région Bretagne » with ``article: la`` « la Région
    Bretagne ».  English documents write ``name_en`` (with ``article_en``)
    when it is given, else the name as it is.
    """

    name: Annotated[Name, Field(description="Name of the body, e.g. 'État (secrétariat d'État chargé de l'ESS)'")]
    kind: BodyKind = Field(description="state, region, departement, epci, commune, foundation, eu or other")
    article: Article | None = article_field()
    gender: Gender | None = gender_field()
    number: Number | None = number_field()
    name_en: Name | None = Field(None, description="Its name in English documents, e.g. 'State' or "
                                                   "'Brittany Region'; empty: the name as it is")
    article_en: Literal["the"] | None = Field(
        None, description="English article of name_en: the (the State); empty: the name stands alone")

    @field_validator("article_en", mode="before")
    @classmethod
    def _article_en(cls, value: Any) -> Any:
        # « The » at the start of a sentence is « the ».
        return (value.strip().lower() or None) if isinstance(value, str) else value


CURRENCY_PATTERN = r"^[A-Z]{3}$"
_CURRENCY = re.compile(CURRENCY_PATTERN[:-1] + r"\Z")


def check_currency(value: str) -> str:
    """Return ``value`` if it has the shape of an ISO 4217 code, else raise ``ValueError``.

    Examples
    --------
    >>> check_currency("EUR")
    'EUR'
    >>> check_currency("euros")
    Traceback (most recent call last):
    ...
    ptce_kit.errors.Invalid: 'euros' is not an ISO 4217 currency code: write its 3 capital letters, e.g. EUR
    """
    if not isinstance(value, str) or not _CURRENCY.match(value):
        raise Invalid(Message("{value!r} is not an ISO 4217 currency code: write its 3 capital letters, e.g. EUR",
                              value=value), code="PTCE-E135")
    return value


Currency = Annotated[
    str,
    Shaped(CURRENCY_PATTERN, "currency", "not an ISO 4217 currency code: write its 3 capital letters, e.g. EUR",
           check_currency),
    WithJsonSchema({"type": "string", "pattern": CURRENCY_PATTERN, "examples": ["EUR"]}),
]


class Amount(Record):
    """A sum of money, with its currency."""

    value: Figure = Field(description="The sum, e.g. 50000")
    currency: Currency = Field("EUR", description="ISO 4217 code, e.g. EUR")


class Outcome(StrEnum):
    """What came of an application for support."""

    LAUREATE = "laureate"
    NOT_RETAINED = "not-retained"
    PENDING = "pending"
    UNKNOWN = "unknown"


#: The State's calls for PTCE projects, as ``call`` names them (any other text is allowed too).
STATE_PTCE_CALLS: Final[dict[str, str]] = {
    "ptce-2013": "Appel à projets PTCE de l'État, 2013",
    "ptce-2015": "Appel à projets PTCE de l'État, 2015 (décret n° 2015-431)",
    "ptce-2021": "Appel à manifestation d'intérêt « PTCE émergents », 2021",
    "ptce-2023": "Appel à projets PTCE de l'État, 2023",
}


def state_call_year(call: str | None) -> int | None:
    """The year of one of the State's PTCE calls (:data:`STATE_PTCE_CALLS`), else ``None``.

    Examples
    --------
    >>> state_call_year("ptce-2015"), state_call_year("Région AURA, AAP ESS 2019")
    (2015, None)
    """
    return int(call[5:]) if call in STATE_PTCE_CALLS else None


def _funder_shape(value: Any) -> str:
    return "body" if isinstance(value, dict | OutsideBody) else "id"


#: A funder: an actor's id, or an outside body (a problem in it is reported under ``funder.body``).
Funder = Annotated[Annotated[Slug, Tag("id")] | Annotated[OutsideBody, Tag("body")], Discriminator(_funder_shape)]


class Support(Record):
    """Public (or private) support to the pole or to one of its actors."""

    funder: Funder = Field(
        description="The id of an actor of the pole, or an outside body {name, kind}")
    to: Slug | None = Field(None, description="The pole's id or an actor's id (the pole when empty)")
    amount: Amount | None = Field(None, description="How much, {value, currency}")
    programme: Line | None = Field(None, description="The programme, e.g. 'FSE+', 'Fabrique de territoire'")
    call: Line | None = Field(
        None, description="The call for projects: one of the State's PTCE calls (ptce-2013, ptce-2015, "
                          "ptce-2021, ptce-2023) or its name in words")
    since: PartialDate | None = Field(None, description="When the support started (or was granted)")
    until: PartialDate | None = Field(None, description="When it ended")
    outcome: Outcome = Field(Outcome.UNKNOWN, description="laureate, not-retained, pending or unknown")
    source: Line | None = Field(None, description="Where this comes from")
    description: Text | None = Field(None, description="More about the support")
    provenance: Text | None = Provenance()

    @model_validator(mode="after")
    def _consistent(self) -> Support:
        if self.since and self.until and starts_before(self.until, self.since):
            raise_errors("Support", [error_at(
                ("until",), Message("'until' ({until}) is before 'since' ({since})", until=self.until, since=self.since),
                self.until, code="PTCE-E121")])
        return self

    @property
    def state_call_year(self) -> int | None:
        """The year of the State's PTCE call this support answers, if it is one."""
        return state_call_year(self.call)


class LabelKind(StrEnum):
    """Labels and agreements a pole or an actor may hold."""

    ESUS = "esus"
    FABRIQUE_DE_TERRITOIRE = "fabrique-de-territoire"
    SIAE = "siae"
    OTHER = "other"


class Label(Record):
    """A label or an agreement held (agrément ESUS, Fabrique de territoire, SIAE…)."""

    kind: LabelKind = Field(description="esus, fabrique-de-territoire, siae or other")
    name: Line | None = Field(None, description="The label's name in words (needed with kind: other)")
    holder: Slug | None = Field(None, description="The pole's id or an actor's id (the pole when empty)")
    since: PartialDate | None = Field(None, description="When it was granted")
    until: PartialDate | None = Field(None, description="When it ends or ended")
    source: Line | None = Field(None, description="Where this comes from")
    provenance: Text | None = Provenance()

    @field_validator("name")
    @classmethod
    def _not_blank(cls, value: str | None) -> str | None:
        return value or None

    @model_validator(mode="after")
    def _consistent(self) -> Label:
        errors = []
        if self.kind is LabelKind.OTHER and not self.name:
            errors.append(error_at(("name",), N_("a label of kind 'other' needs its 'name' in words"),
                                   code="PTCE-E101"))
        if self.since and self.until and starts_before(self.until, self.since):
            errors.append(error_at(("until",), Message("'until' ({until}) is before 'since' ({since})",
                                                       until=self.until, since=self.since), self.until,
                                   code="PTCE-E121"))
        raise_errors("Label", errors)
        return self
