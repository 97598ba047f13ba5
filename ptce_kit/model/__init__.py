"""The vocabulary of a pole: pydantic models with every rule of the data format.

This package does no I/O and imports nothing else of ptce-kit but the ground floor
(``errors``; ``reference`` for commune codes, loaded when a code is checked).
"""

from .actors import FAMILY_COLOURS, FAMILY_OF, Actor, ActorStatus, Category, Contact, Coordinates, Family, Presence
from .base import PERSONAL_MARK, Record
from .governance import Body, Cadence, College, Decision, Facilitation, Governance, GovernanceForm, LegalAct
from .identifiers import (
    check_insee_code,
    check_partial_date,
    check_siren,
    check_siret,
    check_slug,
    earliest,
    latest,
    suggest_slug,
)
from .pole import FORMAT, NARRATIVE_SECTIONS, Indicator, Language, Narrative, Pole, Privacy, pole_to_data
from .territory import Area, Commune, Epci, Population, PriorityArea, PriorityAreaKind, Site, Territory
from .text import check_line, check_text, check_web_address
from .ties import Partnership, Project, ProjectStatus, Resource, TieKind

__all__ = [
    "FAMILY_COLOURS", "FAMILY_OF", "FORMAT", "NARRATIVE_SECTIONS", "PERSONAL_MARK",
    "Actor", "ActorStatus", "Area", "Body", "Cadence", "Category", "College", "Commune", "Contact", "Coordinates",
    "Decision", "Epci", "Facilitation", "Family", "Governance", "GovernanceForm", "Indicator",
    "Language", "LegalAct", "Narrative", "Partnership", "Pole", "Presence", "Project",
    "Privacy", "ProjectStatus", "Record", "Resource", "Site", "Territory", "TieKind",
    "Population", "PriorityArea", "PriorityAreaKind",
    "check_insee_code", "check_line", "check_partial_date", "check_siren", "check_siret", "check_slug",
    "check_text", "check_web_address",
    "earliest", "latest", "pole_to_data", "suggest_slug",
]
