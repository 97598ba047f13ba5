"""Where a pole lives: its territory, communes and shared site."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .actors import Coordinates
from .base import Record
from .identifiers import InseeCode, Siren

__all__ = ["Area", "Commune", "Epci", "Territory", "Site"]


class Area(Record):
    """A département or région: its official code (when known) and name."""

    code: Annotated[str, Field(pattern=r"^(?:\d{2,3}|2[AB])$")] | None = None
    name: Annotated[str, Field(min_length=1)]


class Commune(Record):
    code: InseeCode
    name: Annotated[str, Field(min_length=1)]


class Epci(Record):
    """The intercommunal body (EPCI) the communes belong to."""

    name: Annotated[str, Field(min_length=1)]
    siren: Siren | None = None


class Territory(Record):
    name: Annotated[str, Field(min_length=1)]
    communes: list[Commune] = Field(default_factory=list)
    departement: Area | None = None
    region: Area | None = None
    epci: Epci | None = None
    provenance: str | None = None


class Site(Record):
    """The shared place where members are hosted or meet, if the pole has one."""

    name: str | None = None
    address: str | None = None
    commune: InseeCode | None = None
    coordinates: Coordinates | None = None
    provenance: str | None = None
