"""What an organisation's own statutes say, where the law's criteria need it.

The pole's statutes (``governance.statutes``) decide a SCIC's conditions (loi n° 47-1775);
an actor's (``actors[].statutes``) decide whether a commercial company is of the ESS
(loi n° 2014-856, art. 1, II, 2°).  Each fact stays empty until someone has read it in the
statutes: the criteria then answer ``unknown`` and name the field, rather than assume.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import Provenance, Record
from .text import Line, Text

__all__ = ["Statutes"]

Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]


class Statutes(Record):
    """What the statutes say (purpose, capital, how profits are used), each fact as read in them."""

    purpose: Text | None = Field(None, description="The purpose (objet social) as the statutes word it")
    collective_interest: bool | None = Field(
        None, description="The purpose is to produce or supply goods and services of collective interest with a "
                          "social utility, as a SCIC's must be (loi n° 47-1775, art. 19 quinquies)")
    social_utility: bool | None = Field(
        None, description="The statutes seek a social utility in the sense of loi n° 2014-856, art. 2 (needed "
                          "for a commercial company of the ESS, art. 1, II, 2°)")
    variable_capital: bool | None = Field(None, description="The company's capital is variable")
    reserves_share: Percent | None = Field(
        None, description="Share of the yearly surpluses the statutes put into indivisible reserves, in percent")
    development_fund_share: Percent | None = Field(
        None, description="Share of the yearly profits put into the statutory reserve called development fund, in "
                          "percent (at least 20 for a commercial company of the ESS)")
    retained_share: Percent | None = Field(
        None, description="Share of the yearly profits carried forward or put into compulsory reserves, in percent "
                          "(at least 50 for a commercial company of the ESS)")
    source: Line | None = Field(None, description="Which statutes, of when (e.g. 'statuts de 2015, art. 12')")
    provenance: Text | None = Provenance()
