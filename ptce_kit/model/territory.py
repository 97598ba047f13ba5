"""Where a pole lives: its territory, communes and shared site."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .actors import Coordinates
from .base import Provenance, Record
from .text import Line, Name, Text
from .identifiers import InseeCode, Siren

__all__ = ["Area", "Commune", "Epci", "Territory", "Site"]


class Area(Record):
    """A département or région: its official code (when known) and name."""

    code: Annotated[str, Field(pattern=r"^(?:\d{2,3}|2[AB])$")] | None = Field(None, description="Official INSEE code, e.g. 44 (Loire-Atlantique), 52 (Pays de la Loire)")
    name: Annotated[Name, Field(description="Official name")]


class Commune(Record):
    """A commune of the territory."""

    code: InseeCode = Field(description="INSEE commune code (not the postal code), e.g. 44109")
    name: Annotated[Name, Field(description="Official name, e.g. Nantes")]


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


class Site(Record):
    """The shared place where members are hosted or meet, if the pole has one."""

    name: Name | None = Field(None, description="Name of the place")
    address: Line | None = Field(None, description="Postal address")
    commune: InseeCode | None = Field(None, description="INSEE code of its commune")
    coordinates: Coordinates | None = Field(None, description="Position, for maps")
    provenance: Text | None = Provenance()
