"""What each field of the format is called where a person reads it: forms, command messages.

One dictionary, :data:`LABELS`, by field name (``within.name`` for a field of a nested
record), written in the reader's language by :func:`field_label`: in French a French name,
in English the format's own key (what an English user types).  ``ptce serve``'s forms and
the editing commands' reports (« adie : présence au lieu du pôle = … ») share it.

Examples
--------
>>> field_label("fr", "joined"), field_label("en", "joined"), field_label("fr", "unheard_of")
('Date d’entrée dans le pôle', 'joined', 'unheard_of')
"""

from __future__ import annotations

from typing import Self

from ..i18n import N_, Message, current, gettext

__all__ = ["LABELS", "FieldName", "field_label"]

#: The labels of the fields, by field name (``within.name`` for a field of a nested record).
LABELS: dict[str, str] = {
    "cadence": N_("Rhythm of its meetings"),
    "every": N_("Every (a number)"),
    "coordinates": N_("Coordinates"),
    "lat": N_("Latitude"),
    "lon": N_("Longitude"),
    "collective": N_("Collective"),
    "collective.count": N_("How many they are"),
    "of": N_("What they are"),
    "operator": N_("Running of the venue"),
    "operator.actor": N_("Run by (actor id)"),
    "contract": N_("Contract"),
    "statutes": N_("Statutes"),
    "purpose": N_("Purpose, as the statutes word it"),
    "collective_interest": N_("Collective interest (SCIC)"),
    "social_utility": N_("Social utility (ESS law, art. 2)"),
    "variable_capital": N_("Variable capital"),
    "reserves_share": N_("Share put into indivisible reserves (%)"),
    "development_fund_share": N_("Share put into the development fund (%)"),
    "retained_share": N_("Share carried forward or put into compulsory reserves (%)"),
    "statutes.source": N_("Which statutes, of when"),
    "facilitation": N_("Facilitation"),
    "facilitation.by": N_("Provided by (actor id)"),
    "amount": N_("How much, in words"),
    "contacts": N_("Contacts (natural persons)"),
    "presences": N_("Presences at the pole's sites"),
    "owners": N_("Owners and their shares"),
    "email": N_("E-mail"),
    "phone": N_("Phone"),
    "contacts.role": N_("Role of the person"),
    "contacts.name": N_("Name of the person"),
    "legal_representative": N_("Legal representative"),
    "site": N_("Site (id)"),
    "presences.presence": N_("Presence at the site"),
    "owners.actor": N_("Owner (actor id)"),
    "share": N_("Share of the capital (%)"),
    "form": N_("Legal form of the pole"),
    "decision_rule": N_("Decision rule"),
    "form_history": N_("Earlier legal forms"),
    "form_history.form": N_("Legal form"),
    "legal_acts": N_("Legal acts (leases, statutes, agreements)"),
    "legal_acts.kind": N_("Kind of act"),
    "parties": N_("Parties (ids)"),
    "bodies": N_("Bodies and meetings"),
    "bodies.name": N_("Name of the body"),
    "bodies.members": N_("Members (ids, or all)"),
    "format": N_("How it meets"),
    "bodies.role": N_("What it decides"),
    "colleges": N_("Colleges and their votes"),
    "colleges.name": N_("Name of the college"),
    "members": N_("Members (ids)"),
    "colleges.weight": N_("Share of the votes (%, or unknown)"),
    "members_known": N_("Members all listed"),
    "count": N_("Number of members"),
    "associate_categories": N_("Categories of associates"),
    "associate_categories.name": N_("Name of the category"),
    "associate_categories.kind": N_("Kind of associates"),
    "capital_share": N_("Share of the capital (%)"),
    "decisions": N_("Decisions"),
    "date": N_("Date"),
    "title": N_("Title"),
    "decisions.body": N_("Body that took it"),
    "value": N_("Value"),
    "min": N_("Minimum"),
    "max": N_("Maximum"),
    "at_least": N_("At least"),
    "unit": N_("Unit"),
    "approximate": N_("Approximate"),
    "period": N_("Period"),
    "year": N_("Year"),
    "scope": N_("Scope"),
    "actor": N_("Actor (id)"),
    "source": N_("From the actor"),
    "id": N_("Identifier"),
    "name": N_("Name"),
    "category": N_("Category (ESS law, art. 9)"),
    "status": N_("Status in the pole"),
    "ess": N_("ESS enterprise"),
    "legal_form": N_("Legal form (in words)"),
    "legal_form_code": N_("INSEE legal category (4 digits)"),
    "siren": N_("SIREN (9 digits)"),
    "siret": N_("SIRET (14 digits)"),
    "presence": N_("Presence at the pole's place"),
    "roles": N_("Roles"),
    "joined": N_("Date of joining the pole"),
    "left": N_("Date of leaving the pole"),
    "commune": N_("Commune (INSEE code, postal code or name)"),
    "description": N_("Description"),
    "website": N_("Website"),
    "legal_person": N_("Legal person"),
    "part_of": N_("Part of (id)"),
    "created": N_("Date of creation"),
    "ceased": N_("Date of cessation"),
    "ceased_how": N_("How it ceased"),
    "successor": N_("Successor (id)"),
    "article": N_("Article of the name"),
    "gender": N_("Gender of the name"),
    "number": N_("Number of the name"),
    "naf": N_("NAF code rev. 2"),
    "naf_2025": N_("NAF 2025 code"),
    "acronym": N_("Acronym"),
    "rna": N_("RNA number"),
    "address": N_("Address"),
    "headcount_band": N_("Headcount band"),
    "employer": N_("Employer"),
    "mission_company": N_("Mission-driven company"),
    "actors": N_("Actors (ids)"),
    "kind": N_("Form of cooperation"),
    "topic": N_("Subject"),
    "resources": N_("What is shared"),
    "directed": N_("Directed (from one actor to another)"),
    "target": N_("To the actor"),
    "since": N_("Since"),
    "until": N_("Until"),
    "weight": N_("Intensity"),
    "participants_known": N_("Participants all known"),
    "participants": N_("Number of participants"),
    "duration": N_("Duration"),
    "chain": N_("Chain (actors in order)"),
    "start": N_("Start"),
    "end": N_("End"),
    "jobs": N_("Jobs"),
}


def field_label(lang: str, name: str, within: str | None = None) -> str:
    """A field's label in ``lang``: in French its French name, in English the format's own key.

    ``within`` is the list of nested records the field belongs to (``colleges``…), whose own
    label of the field comes first.  A nested field (``group.sub``) is named by
    :func:`ptce_kit.serve.words.field_label`, which words the group too.
    """
    if lang == "en":
        return name
    message = LABELS.get(f"{within}.{name}") if within else None
    message = message or LABELS.get(name)
    return gettext(message, lang) if message else name


class FieldName(Message):
    """A field's name as a :class:`~ptce_kit.i18n.Message` parameter: :func:`field_label` in the
    language the message around it is written in."""

    name: str

    def __new__(cls, name: str) -> Self:
        self = super().__new__(cls, "{name}", name=name)
        self.name = name
        return self

    def render(self, lang: str | None = None) -> str:
        return field_label(lang or current(), self.name)
