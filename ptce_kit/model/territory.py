"""Where a pole lives: its territory, communes and shared site."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from .actors import Coordinates
from .base import Provenance, Record, error_at, raise_errors
from .text import Line, Name, Text
from .identifiers import InseeCode, PartialDate, Siren, Slug, starts_before
from .grammar import Article, Gender, Number, article_field, gender_field, number_field

__all__ = ["Area", "Commune", "Epci", "Territory", "Site", "PoleSite"]


class Area(Record):
    """A département or région: its official code (when known) and name."""

    code: Annotated[str, Field(pattern=r"^(?:\d{2,3}|2[AB])$")] | None = Field(None, description="Official INSEE code, e.g. 26 (Drôme), 84 (Auvergne-Rhône-Alpes)")
    name: Annotated[Name, Field(description="Official name")]


class Commune(Record):
    """A commune of the territory."""

    code: InseeCode = Field(description="INSEE commune code (not the postal code), e.g. 26281")
    name: Annotated[Name, Field(description="Official name, e.g. Romans-sur-Isère")]


class Epci(Record):
    """The intercommunal body (EPCI) the communes belong to."""

    name: Annotated[Name, Field(description="Name of the EPCI")]
    siren: Siren | None = Field(None, description="SIREN of the EPCI")


class Territory(Record):
    """The territory a pole serves."""

    name: Annotated[Name, Field(description="Name of the territory in words")]
    communes: list[Commune] = Field(default_factory=list, description="The communes it covers")
    departement: Area | None = Field(None, description="The département")
    region: Area | None = Field(None, description="The région")
    epci: Epci | None = Field(None, description="The intercommunal body (EPCI), if one covers the territory")
    provenance: Text | None = Provenance()
    article: Article | None = article_field()
    gender: Gender | None = gender_field()
    number: Number | None = number_field()


class Site(Record):
    """The shared place where members are hosted or meet, if the pole has one."""

    name: Name | None = Field(None, description="Name of the place")
    address: Line | None = Field(None, description="Postal address")
    commune: InseeCode | None = Field(None, description="INSEE code of its commune")
    coordinates: Coordinates | None = Field(None, description="Position, for maps")
    since: PartialDate | None = Field(None, description="Since when the pole uses the place")
    until: PartialDate | None = Field(None, description="Until when the pole used it (it moved, or closed the place)")
    provenance: Text | None = Provenance()

    @model_validator(mode="after")
    def _dates(self) -> Site:
        if self.since and self.until and starts_before(self.until, self.since):
            raise_errors("Site", [error_at(
                ("until",), f"'until' ({self.until}) is before 'since' ({self.since}): fix one of the dates",
                self.until)])
        return self


class _Identified(Record):
    id: Slug = Field(description="Identifier of the site, used in actors[].presences[].site")


class PoleSite(Site, _Identified):
    """One of the pole's several places (``sites``), with an id that actors' ``presences`` refer to."""
