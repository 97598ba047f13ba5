"""The vocabulary of a pole: pydantic models with every rule of the data format.

This package does no I/O and imports nothing else of ptce-kit but the ground floor
(``errors``; ``reference`` for commune codes, loaded when a code is checked).
"""

from .actors import (
    FAMILY_COLOURS,
    FAMILY_OF,
    Actor,
    ActorStatus,
    Category,
    Collective,
    Contact,
    Coordinates,
    Family,
    Operation,
    Owner,
    Presence,
    SitePresence,
)
from .base import PERSONAL_MARK, Record
from .governance import (
    AssociateCategory,
    Body,
    Cadence,
    College,
    Decision,
    Facilitation,
    FormPeriod,
    Governance,
    GovernanceForm,
    LegalAct,
)
from .statutes import Statutes
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
from .pole import (FORMAT, NARRATIVE_SECTIONS, Indicator, IndicatorScope, Language, Narrative, Pole, Privacy,
                   pole_to_data)
from .support import STATE_PTCE_CALLS, Amount, BodyKind, Label, LabelKind, Outcome, OutsideBody, Support
from .territory import Area, Commune, Epci, PoleSite, Population, PriorityArea, PriorityAreaKind, Site, Territory
from .text import check_line, check_text, check_web_address
from .ties import Event, EventKind, Partnership, Project, ProjectStatus, Resource, TieKind
from .variants import Variant, VariantValue

__all__ = [
    "FAMILY_COLOURS", "FAMILY_OF", "FORMAT", "NARRATIVE_SECTIONS", "PERSONAL_MARK", "STATE_PTCE_CALLS",
    "Amount", "BodyKind", "Event", "EventKind", "IndicatorScope", "Label", "LabelKind", "Outcome", "OutsideBody",
    "Support", "Variant", "VariantValue",
    "Actor", "ActorStatus", "Area", "AssociateCategory", "Body", "Cadence", "Category", "College", "Collective", "Commune", "Contact", "Coordinates",
    "Decision", "Epci", "Facilitation", "Family", "FormPeriod", "Governance", "GovernanceForm", "Indicator",
    "Language", "LegalAct", "Narrative", "Operation", "Owner", "Partnership", "Pole", "PoleSite", "Presence",
    "Project",
    "Privacy", "ProjectStatus", "Record", "Resource", "Site", "SitePresence", "Statutes", "Territory", "TieKind",
    "Population", "PriorityArea", "PriorityAreaKind",
    "check_insee_code", "check_line", "check_partial_date", "check_siren", "check_siret", "check_slug",
    "check_text", "check_web_address",
    "earliest", "latest", "pole_to_data", "suggest_slug",
]
