"""The pole as linked open data: JSON-LD and Turtle over the W3C ORG ontology.

The mapping (documented in ``docs/linked-data.md``):

* the pole is an ``org:OrganizationalCollaboration`` (and an ``essglobal:Network``);
* each member is tied to it by an ``org:Membership`` whose ``org:memberDuring`` is a
  ``time:Interval`` built from ``joined``/``left`` (partial dates become ``xsd:gYear``,
  ``xsd:gYearMonth`` or ``xsd:date``), with one ``org:role`` per role (pivot, founder…);
* partners are ``org:linkedTo`` the pole; prospective actors are described, not linked;
* actors are ``org:Organization`` (``org:FormalOrganization`` when a legal person:
  ``legal_person``, else registered and neither a unit, a collective nor a venue run by an operator,
  ``essglobal:SSEInitiative`` when of the ESS), with their legal form as
  ``essglobal:legalForm``, their category as ``org:classification`` and their place as an
  ``org:Site`` carrying the SIRET, the WGS 84 position and the INSEE commune code;
* partnerships are ``org:OrganizationalCollaboration`` nodes of their own
  (``org:hasMember``, kind as ``org:classification``, ``schema:startDate``/``endDate``;
  how many take part as ``schema:numberOfItems``, ``ptce:membersKnown`` false when the
  actors listed are only some of them, a duration without dates as ``dcterms:extent``);
* projects are ``schema:Project`` nodes;
* support is a ``schema:MonetaryGrant`` (``schema:funder``: an actor, or an outside
  ``schema:Organization`` described in place; ``schema:fundedItem``: the pole or an actor;
  ``schema:amount``: a ``schema:MonetaryAmount``; the outcome as ``org:classification``);
  labels are ``schema:Certification`` nodes their holder ``schema:hasCertification``;
* the pole's ``form_history``: each period begins with an ``org:ChangeEvent`` the pole
  ``org:resultedFrom`` (``essglobal:legalForm`` the new form, ``dcterms:date`` its start,
  ``time:hasTime`` the period);
* an actor's life: ``schema:foundingDate``, ``schema:dissolutionDate``; a successor
  through an ``org:ChangeEvent`` (``org:originalOrganization``, ``org:resultingOrganization``,
  the successor ``org:resultedFrom`` it); a unit ``org:unitOf`` its actor;
* owners: ``org:subOrganizationOf``/``org:hasSubOrganization`` (and
  ``schema:parentOrganization``), and an ``org:Membership`` of role ``owner`` whose
  ``schema:value`` is a ``schema:QuantitativeValue`` in percent (the share);
* a venue's operator: an ``odrl:Agreement`` (W3C ODRL) whose ``odrl:target`` is the venue
  and ``odrl:assignee`` the operator, ``dcterms:type`` the contract, with its dates and
  ``dcterms:extent`` its duration in words;
* an actor's ``presences``: ``org:hasSite`` each site, and a ``schema:Role`` (schema.org's
  pattern for a qualified link) as its ``schema:location``, holding the site, the presence
  (``schema:roleName``) and the dates;
* a collective actor: ``dcterms:type`` the concept ``actor-kind:collective``, its count as
  ``schema:numberOfItems``;
* one-off ``events`` are schema.org actions (``schema:DonateAction`` a gift, with
  ``schema:agent`` the giver and ``schema:recipient`` the receiver; ``schema:TakeAction``
  a takeover, with ``schema:agent`` the one taking over and ``schema:object`` the one
  taken over), dated by ``dcterms:date``;
* a laureate support's call (or programme) is also the funded item's ``schema:award``;
* conflicting sources (``variants``) are the pole's ``dcterms:provenance``: a node naming
  the field (``dcterms:subject``) and the chosen value (``rdf:value``), with one
  ``dcterms:hasVersion`` per value and its ``dcterms:source``;
* colleges and a SCIC's categories of associates are ``org:Role`` nodes (``schema:name``,
  ``schema:numberOfItems`` the count, a known weight or capital share as a
  ``schema:QuantitativeValue`` in percent, its ``schema:value``: a college's weight, a
  category's share of the capital; a category's kind as ``org:classification``; a
  college's ``members_known`` as ``ptce:membersKnown``); each actor listed in one is an
  ``org:Membership`` of the pole with that ``org:role``;
* indicators are ``qb:Observation`` (of the pole's ``qb:DataSet``) and
  ``schema:PropertyValue`` nodes: ``schema:name``, ``schema:value`` (or ``schema:minValue``
  and ``schema:maxValue`` for a range, ``schema:minValue`` alone for a lower bound),
  ``schema:unitText``, ``dcterms:date`` the year, ``schema:about`` the pole, the actor or
  the territory, the scope as ``org:classification``, ``dcterms:source``, and
  ``ptce:approximate`` true when the source gives the figure as approximate;
* a supply chain (``chain: true``) is a ``schema:ItemList`` about the partnership
  (``schema:subjectOf``), one ``schema:ListItem`` per actor with its ``schema:position``;
* the territory is a ``schema:AdministrativeArea`` the pole ``dcterms:spatial``; its
  population a ``schema:PropertyValue`` (``schema:additionalProperty``, with its year and
  source) and each priority area (QPV, ZRR…) a ``schema:AdministrativeArea`` it
  ``schema:geoOverlaps`` (the kind as ``org:classification``, the code as
  ``dcterms:identifier``).

Where no standard property says what the data says, ptce-kit's own terms (:data:`TERMS`,
prefix ``ptce:``) say it, rather than a standard property stretched to mean it.

One function, :func:`pole_triples`, makes the triples; JSON-LD is written from them with
the standard library alone (so the most common interchange format needs nothing extra),
and Turtle through rdflib (the optional ``rdf`` extra), which knows Turtle's escaping
and prefix rules.  There are no blank nodes: every node has an IRI derived from the ids
of the data file, so the same pole always gives byte-identical files.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from ..errors import PoleError
from ..model import Actor, ActorStatus, Category, Pole, TieKind
from ..reference import legal_form_label
from .files import write_export

__all__ = [
    "NAMESPACES",
    "VOCAB",
    "TERMS",
    "IRI",
    "Literal",
    "default_base",
    "pole_triples",
    "to_jsonld",
    "jsonld_text",
    "to_rdflib",
    "turtle_text",
    "export_jsonld",
    "export_turtle",
]

#: Prefix -> namespace of every vocabulary the export uses.
NAMESPACES: dict[str, str] = {
    "dcterms": "http://purl.org/dc/terms/",
    "essglobal": "http://purl.org/essglobal/vocab/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "igeo": "http://rdf.insee.fr/def/geo#",
    "odrl": "http://www.w3.org/ns/odrl/2/",
    "org": "http://www.w3.org/ns/org#",
    # ptce-kit's own terms, where no standard vocabulary says exactly what the data says
    # (see :data:`TERMS`); the same namespace as the concepts of :data:`VOCAB`.
    "ptce": "urn:ptce:vocab:",
    "qb": "http://purl.org/linked-data/cube#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "time": "http://www.w3.org/2006/time#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

#: Namespace of ptce-kit's own concepts (categories, tie kinds, roles, resources, legal
#: forms).  They do not depend on the pole, so that many poles merge in one store.
VOCAB = "urn:ptce:vocab:"

#: ptce-kit's own properties (prefix ``ptce:``, namespace :data:`VOCAB`), each with what
#: it says.  They are used where no property of the standard vocabularies above says
#: the same thing without stretching it; ``docs/linked-data.md`` lists them too.
TERMS: dict[str, str] = {
    "ptce:approximate": "true: the source gives the figure as approximate ('about', 'nearly'...); "
                        "the figure itself is the source's (an xsd:boolean, only written when true)",
    "ptce:membersKnown": "of a college: true, the actors listed are all its members; false, its members are "
                         "not (all) known (an xsd:boolean, left out when the data does not say); of a "
                         "partnership: false, the actors listed are only some of those taking part "
                         "(participants_known: false; a partnership names them all otherwise)",
}


class IRI(str):
    """An IRI in object position (a plain ``str`` subclass, to tell it from a literal)."""

    __slots__ = ()


@dataclass(frozen=True, order=True)
class Literal:
    """An RDF literal: its lexical form, and a datatype IRI or a language tag."""

    value: str
    datatype: str | None = None
    lang: str | None = None


Term = IRI | Literal
Triple = tuple[str, str, Term]


def _x(curie: str) -> str:
    """Expand a ``prefix:local`` name with :data:`NAMESPACES`."""
    prefix, _, local = curie.partition(":")
    return NAMESPACES[prefix] + local


def _i(curie: str) -> IRI:
    return IRI(_x(curie))


def default_base(pole: Pole) -> str:
    """The IRI prefix of a pole's nodes when none is given: ``urn:ptce:<pole id>:``.

    ``ptce`` is not a registered URN namespace: these IRIs are stable names, not
    addresses.  Pass ``base="https://your.domain/path/"`` to publish resolvable ones.

    Examples
    --------
    >>> default_base(Pole(id="pole-sud", name="Pôle Sud"))
    'urn:ptce:pole-sud:'
    """
    return f"urn:ptce:{pole.id}:"


_CATEGORY_LABELS: dict[Category, tuple[str, str]] = {
    Category.ESS_ENTERPRISE: ("Entreprise de l'ESS", "SSE enterprise"),
    Category.ENTERPRISE: ("Entreprise", "Enterprise"),
    Category.LOCAL_AUTHORITY: ("Collectivité territoriale", "Local authority"),
    Category.RESEARCH_CENTRE: ("Centre de recherche", "Research centre"),
    Category.HIGHER_EDUCATION: ("Établissement d'enseignement supérieur", "Higher education"),
    Category.TRAINING_BODY: ("Organisme de formation", "Training body"),
    Category.PUBLIC_BODY: ("Organisme public", "Public body"),
    Category.PERSON: ("Personne physique", "Person"),
    Category.OTHER: ("Autre", "Other"),
}
_KIND_LABELS: dict[TieKind, tuple[str, str]] = {
    TieKind.MUTUALISATION: ("Mutualisation", "Pooling"),
    TieKind.COOPERATION: ("Coopération", "Cooperation"),
    TieKind.PARTNERSHIP: ("Partenariat", "Partnership"),
}
# The schema.org type that says most about each category, beside schema:Organization.
_SCHEMA_TYPE: dict[Category, str] = {
    Category.LOCAL_AUTHORITY: "schema:GovernmentOrganization",
    Category.PUBLIC_BODY: "schema:GovernmentOrganization",
    Category.RESEARCH_CENTRE: "schema:ResearchOrganization",
    Category.HIGHER_EDUCATION: "schema:EducationalOrganization",
    Category.TRAINING_BODY: "schema:EducationalOrganization",
}


def _date(value: str) -> Literal:
    """A partial date as the XML Schema type that says exactly what is known."""
    datatype = {1: "xsd:gYear", 2: "xsd:gYearMonth", 3: "xsd:date"}[value.count("-") + 1]
    return Literal(value, _x(datatype))


def _time_property(value: str) -> str:
    return {1: "time:inXSDgYear", 2: "time:inXSDgYearMonth", 3: "time:inXSDDate"}[value.count("-") + 1]


def _decimal(number: float) -> Literal:
    # repr gives the shortest exact form; Decimal writes it without an exponent, as
    # xsd:decimal requires.
    return Literal(format(Decimal(repr(number)), "f"), _x("xsd:decimal"))


class _Builder:
    """Collects triples, naming every node from the pole's ids."""

    def __init__(self, pole: Pole, base: str, language: str) -> None:
        import re

        if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$", base):
            raise ValueError(f"{base!r} is not an absolute IRI: give e.g. 'https://data.example.org/{pole.id}/'")
        self.pole = pole
        self.sep = ":" if base.startswith("urn:") else "/"
        self.base = base if base.endswith(self.sep) else base + self.sep
        self.lang = language
        self.triples: set[Triple] = set()

    def node(self, *parts: str) -> IRI:
        return IRI(self.base + self.sep.join(parts))

    @staticmethod
    def concept(scheme: str, code: str) -> IRI:
        return IRI(f"{VOCAB}{scheme}:{code}")

    def add(self, s: str, p: str, o: Term | None) -> None:
        if o is not None and o != "":
            self.triples.add((s, _x(p), o))

    def text(self, s: str, p: str, value: str | None, *, lang: bool = False) -> None:
        if value:
            self.add(s, p, Literal(value, lang=self.lang if lang else None))

    def typed(self, s: str, *curies: str) -> None:
        for curie in curies:
            self.add(s, "rdf:type", _i(curie))

    def describe_concept(self, scheme: str, code: str, labels: Iterable[tuple[str, str]]) -> IRI:
        iri = self.concept(scheme, code)
        self.typed(iri, "skos:Concept")
        self.add(iri, "skos:inScheme", IRI(f"{VOCAB}{scheme}"))
        self.add(iri, "skos:notation", Literal(code))
        for text, lang in labels:
            self.add(iri, "skos:prefLabel", Literal(text, lang=lang))
        self.typed(IRI(f"{VOCAB}{scheme}"), "skos:ConceptScheme")
        return iri

    def interval(self, owner: IRI, start: str | None, end: str | None, prop: str) -> None:
        if not (start or end):
            return
        interval = IRI(owner + self.sep + "interval")
        self.add(owner, prop, interval)
        self.typed(interval, "time:Interval")
        for name, value, link in (("beginning", start, "time:hasBeginning"), ("end", end, "time:hasEnd")):
            if value:
                instant = IRI(interval + self.sep + name)
                self.add(interval, link, instant)
                self.typed(instant, "time:Instant")
                self.add(instant, _time_property(value), _date(value))


def _commune_names(pole: Pole) -> dict[str, str]:
    return {c.code: c.name for c in (pole.territory.communes if pole.territory else []) if c.code}


def _site(b: _Builder, site: IRI, *, name: str | None, commune: str | None, coordinates: Any,
          siret: str | None, communes: dict[str, str]) -> None:
    b.typed(site, "org:Site", "schema:Place")
    b.text(site, "schema:name", name)
    b.add(site, "org:identifier", Literal(siret) if siret else None)
    if coordinates is not None:
        b.add(site, "geo:lat", _decimal(coordinates.lat))
        b.add(site, "geo:long", _decimal(coordinates.lon))
    if commune:
        place = b.node("commune", commune)
        b.add(site, "schema:containedInPlace", place)
        b.typed(place, "igeo:Commune", "schema:Place")
        b.add(place, "igeo:codeINSEE", Literal(commune, _x("xsd:token")))
        b.text(place, "schema:name", communes.get(commune))


def _formal(actor: Actor) -> bool:
    """Whether the actor is an ``org:FormalOrganization`` (a legal person, as ORG means it).

    ``legal_person`` when the file gives it; never a collective actor, a unit inside another
    (which may have a SIRET: an establishment of its actor) or a venue run by an operator;
    else an actor registered (SIREN, SIRET or legal form code).
    """
    if actor.legal_person is not None:
        return actor.legal_person
    if actor.collective is not None or actor.part_of is not None or actor.operator is not None:
        return False
    return bool(actor.siren or actor.siret or actor.legal_form_code)


def _actor(b: _Builder, actor: Actor, pole_iri: IRI, *, include_personal_data: bool,
           communes: dict[str, str]) -> None:
    iri = b.node("actor", actor.id)
    if actor.category is Category.PERSON:
        b.typed(iri, "foaf:Person", "schema:Person")
    else:
        b.typed(iri, "org:Organization", "schema:Organization")
        if actor.category in _SCHEMA_TYPE:
            b.typed(iri, _SCHEMA_TYPE[actor.category])
        if _formal(actor):
            b.typed(iri, "org:FormalOrganization")
    if actor.ess:
        b.typed(iri, "essglobal:SSEInitiative")
    b.text(iri, "skos:prefLabel", actor.name)
    b.text(iri, "schema:name", actor.name)
    b.text(iri, "schema:description", actor.description, lang=True)
    b.add(iri, "dcterms:identifier", Literal(actor.id))
    b.add(iri, "org:identifier", Literal(actor.siren) if actor.siren else None)
    if actor.website:
        b.add(iri, "schema:url", Literal(actor.website, _x("xsd:anyURI")))
    b.add(iri, "org:classification", b.describe_concept(
        "category", actor.category.value,
        zip(_CATEGORY_LABELS[actor.category], ("fr", "en"), strict=True)))
    if actor.legal_form_code:
        label = legal_form_label(actor.legal_form_code)
        form = b.describe_concept("legal-form", actor.legal_form_code, [(label, "fr")] if label else [])
        b.add(iri, "essglobal:legalForm", form)
        if not label:
            # A code missing from the shipped (partial) table: the actor's words name it.
            b.text(form, "skos:altLabel", actor.legal_form, lang=True)
    elif actor.legal_form:
        # Without its INSEE code the form is only known in words: say it in words.
        b.text(iri, "essglobal:legalForm", actor.legal_form, lang=True)
    # The main activity (SIRENE's NAF codes): concepts of the two nomenclatures, by their code.
    for scheme, code in (("naf-rev2", actor.naf), ("naf-2025", actor.naf_2025)):
        if code:
            b.add(iri, "org:classification", b.describe_concept(scheme, code, []))
    if actor.commune or actor.coordinates or actor.siret:
        site = b.node("actor", actor.id, "site")
        b.add(iri, "org:hasPrimarySite", site)
        _site(b, site, name=None, commune=actor.commune, coordinates=actor.coordinates,
              siret=actor.siret, communes=communes)
    # The actor's own life and structure (W3C ORG, schema.org).
    b.add(iri, "schema:foundingDate", _date(actor.created) if actor.created else None)
    b.add(iri, "schema:dissolutionDate", _date(actor.ceased) if actor.ceased else None)
    if actor.successor:
        change = b.node("actor", actor.id, "change")
        b.typed(change, "org:ChangeEvent")
        b.add(iri, "org:changedBy", change)
        b.add(change, "org:originalOrganization", iri)
        b.add(change, "org:resultingOrganization", b.node("actor", actor.successor))
        b.add(b.node("actor", actor.successor), "org:resultedFrom", change)
        if actor.ceased_how:
            b.add(change, "dcterms:type", Literal(actor.ceased_how))
    if actor.part_of:
        b.typed(iri, "org:OrganizationalUnit")
        b.add(iri, "org:unitOf", b.node("actor", actor.part_of))
        b.add(b.node("actor", actor.part_of), "org:hasUnit", iri)
    for owner in actor.owners:
        # schema:parentOrganization: "the larger organization that this organization is a subOrganization of".
        parent = b.node("actor", owner.actor)
        b.add(iri, "schema:parentOrganization", parent)
        b.add(iri, "org:subOrganizationOf", parent)
        b.add(parent, "org:hasSubOrganization", iri)
        # The holding itself: the owner is an associate of the actor, with its share of the capital.
        holding = b.node("actor", actor.id, "owner", owner.actor)
        b.typed(holding, "org:Membership")
        b.add(holding, "org:member", parent)
        b.add(holding, "org:organization", iri)
        owner_role = b.describe_concept("role", "owner", [("propriétaire", "fr"), ("owner", "en")])
        b.typed(owner_role, "org:Role")
        b.add(holding, "org:role", owner_role)
        if owner.share is not None:
            share = IRI(holding + b.sep + "share")
            b.add(holding, "schema:value", share)
            b.typed(share, "schema:QuantitativeValue")
            b.add(share, "schema:value", _decimal(owner.share))
            b.add(share, "schema:unitCode", Literal("P1"))  # UN/CEFACT: percent
            b.add(share, "schema:unitText", Literal("%"))
    if actor.operator is not None:
        _operation(b, iri, actor)
    if actor.collective is not None:
        b.add(iri, "dcterms:type", b.describe_concept("actor-kind", "collective",
                                                      [("acteur collectif", "fr"), ("collective actor", "en")]))
        if actor.collective.count is not None:
            b.add(iri, "schema:numberOfItems", Literal(str(actor.collective.count), _x("xsd:nonNegativeInteger")))
        b.text(iri, "dcterms:description", actor.collective.of, lang=True)
    for n, presence in enumerate(actor.presences, start=1):
        site = b.node("site", presence.site)
        b.add(iri, "org:hasSite", site)
        # How and when: schema.org's Role pattern qualifies the actor's schema:location.
        there = b.node("actor", actor.id, "presence", str(n))
        b.add(iri, "schema:location", there)
        b.typed(there, "schema:Role")
        b.add(there, "schema:location", site)
        b.add(there, "schema:roleName", b.describe_concept("presence", presence.presence.value,
                                                           [(presence.presence.value, "en")]))
        b.add(there, "schema:startDate", _date(presence.since) if presence.since else None)
        b.add(there, "schema:endDate", _date(presence.until) if presence.until else None)
    if include_personal_data:
        for n, contact in enumerate(actor.contacts, start=1):
            point = b.node("actor", actor.id, "contact", str(n))
            b.add(iri, "schema:contactPoint", point)
            b.typed(point, "schema:ContactPoint")
            b.text(point, "schema:name", contact.name)
            b.text(point, "schema:contactType", contact.role)
            b.text(point, "schema:email", contact.email)
            b.text(point, "schema:telephone", contact.phone)

    roles = list(actor.roles)
    if b.pole.pivot == actor.id and "pivot" not in roles:
        roles.append("pivot")
    if actor.status is ActorStatus.MEMBER:
        membership = b.node("membership", actor.id)
        b.typed(membership, "org:Membership")
        b.add(membership, "org:member", iri)
        b.add(membership, "org:organization", pole_iri)
        for role in roles:
            concept = b.describe_concept("role", role, [(role, "en")])
            b.add(membership, "org:role", concept)
            b.typed(concept, "org:Role")
        b.interval(membership, actor.joined, actor.left or actor.ceased, "org:memberDuring")
        if not actor.left and not actor.ceased:
            b.add(pole_iri, "org:hasMember", iri)
    elif actor.status is ActorStatus.PARTNER:
        b.add(pole_iri, "org:linkedTo", iri)


_CONTRACT_LABELS: dict[str, tuple[str, str]] = {
    "lease": ("bail", "lease"),
    "public-service": ("délégation de service public", "public service contract"),
    "agreement": ("convention", "agreement"),
    "other": ("autre contrat", "other contract"),
}


def _operation(b: _Builder, venue: IRI, actor: Actor) -> None:
    """A venue's operator and contract: an ODRL agreement whose target is the venue."""
    operation = actor.operator
    assert operation is not None
    operator = b.node("actor", operation.actor)
    agreement = IRI(venue + b.sep + "operation")
    b.typed(agreement, "odrl:Agreement")
    b.add(agreement, "odrl:target", venue)
    b.add(agreement, "odrl:assignee", operator)
    b.add(venue, "org:linkedTo", operator)
    b.add(agreement, "dcterms:type", b.describe_concept(
        "venue-contract", operation.contract, zip(_CONTRACT_LABELS[operation.contract], ("fr", "en"), strict=True)))
    b.add(agreement, "schema:startDate", _date(operation.since) if operation.since else None)
    b.add(agreement, "schema:endDate", _date(operation.until) if operation.until else None)
    b.text(agreement, "dcterms:extent", operation.duration, lang=True)


def _form_history(b: _Builder, pole: Pole, me: IRI) -> None:
    """Each period of the pole's legal form begins with an ``org:ChangeEvent``."""
    for n, period in enumerate(pole.governance.form_history, start=1):
        event = b.node("form", str(n))
        b.typed(event, "org:ChangeEvent")
        b.add(me, "org:resultedFrom", event)
        b.add(me, "org:changedBy", event)
        b.add(event, "org:resultingOrganization", me)
        if n > 1:
            b.add(event, "org:originalOrganization", me)
        b.add(event, "dcterms:date", _date(period.since))
        b.add(event, "essglobal:legalForm", b.describe_concept("pole-form", period.form.value,
                                                               [(period.form.value, "en")]))
        b.interval(event, period.since, period.until, "time:hasTime")
        b.text(event, "dcterms:source", period.source)


#: The schema.org action each kind of one-off event is.
_EVENT_TYPES = {"gift": "schema:DonateAction", "takeover": "schema:TakeAction", "other": "schema:Action"}


def _events(b: _Builder, pole: Pole, me: IRI) -> None:
    """One-off events as schema.org actions (a gift: ``schema:DonateAction``)."""
    for n, event in enumerate(pole.events, start=1):
        iri = b.node("event", event.id or str(n))
        b.typed(iri, _EVENT_TYPES[event.kind.value])
        b.add(iri, "org:linkedTo", me)
        b.add(iri, "dcterms:identifier", Literal(event.id) if event.id else None)
        b.add(iri, "org:classification", b.describe_concept("event-kind", event.kind.value, [(event.kind.value, "en")]))
        b.add(iri, "dcterms:date", _date(event.date))
        giver = b.node("actor", event.from_) if event.from_ else None
        taker = b.node("actor", event.to) if event.to else None
        if event.kind.value == "takeover":
            # The one taking over acts; the one taken over is what it takes.
            b.add(iri, "schema:agent", taker)
            b.add(iri, "schema:object", giver)
        else:
            b.add(iri, "schema:agent", giver)
            b.add(iri, "schema:recipient", taker)
        b.text(iri, "schema:description", event.description, lang=True)
        b.text(iri, "dcterms:source", event.source)


def pole_triples(pole: Pole, *, base: str | None = None, include_personal_data: bool = False) -> list[Triple]:
    """Every triple of a pole, sorted; IRIs and literals as :class:`IRI` and :class:`Literal`.

    Contacts (personal data) appear only with ``include_personal_data=True``.

    Examples
    --------
    >>> pole = Pole(id="p", name="P", actors=[
    ...     {"id": "a", "name": "A", "category": "ess_enterprise", "status": "member", "joined": "2014"},
    ...     {"id": "b", "name": "B", "category": "local_authority", "status": "partner"}])
    >>> triples = pole_triples(pole)
    >>> (IRI("urn:ptce:p:membership:a"), _x("org:member"), IRI("urn:ptce:p:actor:a")) in triples
    True
    >>> [o for s, p, o in triples if p == _x("time:inXSDgYear")]
    [Literal(value='2014', datatype='http://www.w3.org/2001/XMLSchema#gYear', lang=None)]
    """
    b = _Builder(pole, base or default_base(pole), pole.language.value)
    communes = _commune_names(pole)
    me = IRI(b.base.rstrip(b.sep))
    b.typed(me, "org:OrganizationalCollaboration", "essglobal:Network", "schema:Organization")
    b.text(me, "skos:prefLabel", pole.name)
    b.text(me, "schema:name", pole.name)
    b.text(me, "schema:alternateName", pole.long_name)
    b.text(me, "schema:description", pole.description, lang=True)
    b.add(me, "dcterms:identifier", Literal(pole.id))
    b.add(me, "schema:foundingDate", _date(pole.founded) if pole.founded else None)
    for source in pole.sources:
        b.text(me, "dcterms:source", source)
    if pole.territory:
        b.text(me, "schema:areaServed", pole.territory.name)
    if pole.site:
        site = b.node("site")
        b.add(me, "org:hasPrimarySite", site)
        b.add(me, "org:hasSite", site)
        _site(b, site, name=pole.site.name, commune=pole.site.commune, coordinates=pole.site.coordinates,
              siret=None, communes=communes)
        b.text(site, "schema:address", pole.site.address)
    for place in pole.sites:
        site = b.node("site", place.id)
        b.add(me, "org:hasSite", site)
        _site(b, site, name=place.name, commune=place.commune, coordinates=place.coordinates,
              siret=None, communes=communes)
        b.text(site, "schema:address", place.address)
        b.add(site, "dcterms:identifier", Literal(place.id))
        b.interval(site, place.since, place.until, "time:hasTime")
    for actor in pole.actors:
        _actor(b, actor, me, include_personal_data=include_personal_data, communes=communes)
    for tie in pole.partnerships:
        iri = b.node("partnership", tie.id)
        b.typed(iri, "org:OrganizationalCollaboration")
        b.add(iri, "dcterms:identifier", Literal(tie.id))
        b.add(iri, "org:linkedTo", me)
        b.add(iri, "org:classification", b.describe_concept(
            "tie-kind", tie.kind.value, zip(_KIND_LABELS[tie.kind], ("fr", "en"), strict=True)))
        b.text(iri, "schema:name", tie.topic, lang=True)
        b.text(iri, "schema:description", tie.description, lang=True)
        for ref in tie.actors:
            b.add(iri, "org:hasMember", b.node("actor", ref))
        # Some members share it, not all named: how many, and that the list is not all.
        b.add(iri, "schema:numberOfItems", _count(tie.participants))
        if not tie.participants_known:
            b.add(iri, "ptce:membersKnown", _boolean(False))
        b.text(iri, "dcterms:extent", tie.duration, lang=True)
        for resource in tie.resources:
            b.add(iri, "dcterms:subject", b.describe_concept("resource", resource.value, [(resource.value, "en")]))
        b.add(iri, "schema:startDate", _date(tie.since) if tie.since else None)
        b.add(iri, "schema:endDate", _date(tie.until) if tie.until else None)
    for project in pole.projects:
        iri = b.node("project", project.id)
        b.typed(iri, "schema:Project")
        b.add(iri, "dcterms:identifier", Literal(project.id))
        b.add(iri, "org:linkedTo", me)
        b.text(iri, "schema:name", project.name)
        b.text(iri, "schema:description", project.description, lang=True)
        for ref in project.actors:
            b.add(iri, "schema:member", b.node("actor", ref))
        b.add(iri, "schema:startDate", _date(project.start) if project.start else None)
        b.add(iri, "schema:endDate", _date(project.end) if project.end else None)
    _support(b, pole, me)
    _form_history(b, pole, me)
    _events(b, pole, me)
    _colleges(b, pole, me)
    _indicators(b, pole, me)
    _chains(b, pole)
    return sorted(b.triples, key=_sort_key)


def _percent(b: _Builder, node: IRI, value: float) -> None:
    """``node`` as a ``schema:QuantitativeValue`` of ``value`` percent."""
    b.typed(node, "schema:QuantitativeValue")
    b.add(node, "schema:value", _decimal(value))
    b.add(node, "schema:unitCode", Literal("P1"))  # UN/CEFACT: percent
    b.add(node, "schema:unitText", Literal("%"))


def _count(value: int | None) -> Literal | None:
    return None if value is None else Literal(str(value), _x("xsd:nonNegativeInteger"))


def _role_members(b: _Builder, role: IRI, members: list[str], me: IRI) -> None:
    """One ``org:Membership`` of the pole, of role ``role``, per actor listed."""
    for ref in members:
        membership = IRI(role + b.sep + "member" + b.sep + ref)
        b.typed(membership, "org:Membership")
        b.add(membership, "org:member", b.node("actor", ref))
        b.add(membership, "org:organization", me)
        b.add(membership, "org:role", role)


def _colleges(b: _Builder, pole: Pole, me: IRI) -> None:
    """Colleges and a SCIC's categories of associates: roles, and the memberships of the actors listed."""
    gov = pole.governance
    for n, college in enumerate(gov.colleges, start=1):
        role = b.node("college", str(n))
        b.typed(role, "org:Role")
        b.add(role, "org:classification", b.describe_concept(
            "governance-group", "college", [("collège", "fr"), ("college", "en")]))
        b.text(role, "schema:name", college.name)
        b.text(role, "skos:prefLabel", college.name)
        b.add(role, "schema:numberOfItems", _count(college.count))
        if college.members_known is not None:
            b.add(role, "ptce:membersKnown", _boolean(college.members_known))
        if college.known_weight is not None:
            weight = IRI(role + b.sep + "weight")
            b.add(role, "schema:value", weight)
            _percent(b, weight, college.known_weight)
        _role_members(b, role, college.members, me)
    for n, category in enumerate(gov.associate_categories, start=1):
        role = b.node("associate-category", str(n))
        b.typed(role, "org:Role")
        b.add(role, "org:classification", b.describe_concept(
            "associate-kind", category.kind, [(category.kind, "en")]))
        b.text(role, "schema:name", category.name)
        b.text(role, "skos:prefLabel", category.name)
        b.add(role, "schema:numberOfItems", _count(category.count))
        if category.capital_share is not None:
            share = IRI(role + b.sep + "capital-share")
            b.add(role, "schema:value", share)
            _percent(b, share, category.capital_share)
        _role_members(b, role, category.members, me)


def _territory(b: _Builder, pole: Pole, me: IRI) -> IRI | None:
    """The territory as a node: its population and the priority areas it overlaps."""
    territory = pole.territory
    if territory is None:
        return None
    iri = b.node("territory")
    b.add(me, "dcterms:spatial", iri)
    b.typed(iri, "schema:AdministrativeArea", "schema:Place")
    b.text(iri, "schema:name", territory.name)
    if territory.population is not None:
        population = IRI(iri + b.sep + "population")
        b.add(iri, "schema:additionalProperty", population)
        b.typed(population, "schema:PropertyValue")
        b.add(population, "schema:propertyID", Literal("population"))
        b.add(population, "schema:name", Literal("population"))
        b.add(population, "schema:value", Literal(str(territory.population.value), _x("xsd:nonNegativeInteger")))
        b.add(population, "dcterms:date", Literal(str(territory.population.year), _x("xsd:gYear")))
        b.text(population, "dcterms:source", territory.population.source)
    for n, area in enumerate(territory.priority_areas, start=1):
        zone = b.node("territory", "priority-area", str(n))
        b.add(iri, "schema:geoOverlaps", zone)
        b.typed(zone, "schema:AdministrativeArea", "schema:Place")
        b.text(zone, "schema:name", area.name)
        b.add(zone, "dcterms:identifier", Literal(area.code) if area.code else None)
        b.add(zone, "org:classification", b.describe_concept(
            "priority-area", area.kind.value, [(area.kind.value, "fr")]))
    return iri


def _indicators(b: _Builder, pole: Pole, me: IRI) -> None:
    """Indicators as observations of the pole's data set, and as schema.org property values."""
    territory = _territory(b, pole, me)
    if not pole.indicators:
        return
    dataset = b.node("indicators")
    b.typed(dataset, "qb:DataSet")
    b.add(dataset, "dcterms:subject", me)
    for n, indicator in enumerate(pole.indicators, start=1):
        iri = b.node("indicator", str(n))
        b.typed(iri, "qb:Observation", "schema:PropertyValue")
        b.add(iri, "qb:dataSet", dataset)
        b.text(iri, "schema:name", indicator.name, lang=True)
        if indicator.value is not None:
            b.add(iri, "schema:value", _decimal(indicator.value))
        elif indicator.min is not None and indicator.max is not None:
            b.add(iri, "schema:minValue", _decimal(indicator.min))
            b.add(iri, "schema:maxValue", _decimal(indicator.max))
        elif indicator.at_least is not None:
            b.add(iri, "schema:minValue", _decimal(indicator.at_least))
        b.text(iri, "schema:unitText", indicator.unit)
        b.add(iri, "dcterms:date", Literal(str(indicator.year), _x("xsd:gYear")) if indicator.year else None)
        b.text(iri, "dcterms:temporal", indicator.period, lang=True)
        scope = indicator.about
        b.add(iri, "org:classification", b.describe_concept("indicator-scope", scope.value, [(scope.value, "en")]))
        if indicator.approximate:
            # Not schema:measurementTechnique (how a figure was measured): the source's "about".
            b.add(iri, "ptce:approximate", _boolean(True))
        about = (b.node("actor", indicator.actor) if indicator.actor
                 else territory if scope.value == "territory" else me)
        b.add(iri, "schema:about", about)
        b.text(iri, "dcterms:source", indicator.source)


def _chains(b: _Builder, pole: Pole) -> None:
    """The order of a supply chain: a ``schema:ItemList`` of its actors, about the partnership."""
    for tie in pole.partnerships:
        if not tie.chain:
            continue
        tie_iri = b.node("partnership", tie.id)
        chain = b.node("partnership", tie.id, "chain")
        b.typed(chain, "schema:ItemList")
        b.add(chain, "schema:about", tie_iri)
        b.add(tie_iri, "schema:subjectOf", chain)
        b.add(chain, "schema:itemListOrder", _i("schema:ItemListOrderAscending"))
        b.add(chain, "schema:numberOfItems", _count(len(tie.actors)))
        for position, ref in enumerate(tie.actors, start=1):
            item = IRI(chain + b.sep + str(position))
            b.add(chain, "schema:itemListElement", item)
            b.typed(item, "schema:ListItem")
            b.add(item, "schema:position", Literal(str(position), _x("xsd:integer")))
            b.add(item, "schema:item", b.node("actor", ref))


def _boolean(value: bool) -> Literal:
    return Literal("true" if value else "false", _x("xsd:boolean"))


def _scalar(value: bool | int | float | str) -> Literal:
    if isinstance(value, bool):
        return _boolean(value)
    if isinstance(value, int | float):
        return _decimal(float(value))
    return Literal(value)


def _support(b: _Builder, pole: Pole, me: IRI) -> None:
    """Support, labels and conflicting sources (see the module's mapping)."""
    def holder(ref: str | None) -> IRI:
        return me if ref in (None, pole.id) else b.node("actor", str(ref))

    for n, support in enumerate(pole.support, start=1):
        iri = b.node("support", str(n))
        b.typed(iri, "schema:MonetaryGrant")
        if isinstance(support.funder, str):
            b.add(iri, "schema:funder", b.node("actor", support.funder))
        else:
            funder = b.node("support", str(n), "funder")
            b.add(iri, "schema:funder", funder)
            b.typed(funder, "schema:Organization")
            b.text(funder, "schema:name", support.funder.name)
            if support.funder.name_en:
                b.add(funder, "skos:altLabel", Literal(support.funder.name_en, lang="en"))
            b.add(funder, "org:classification", b.describe_concept(
                "funder-kind", support.funder.kind.value, [(support.funder.kind.value, "en")]))
        b.add(iri, "schema:fundedItem", holder(support.to))
        if support.outcome.value == "laureate" and (support.call or support.programme):
            # schema:award: "an award won by or for this item": laureate of a call.
            b.text(holder(support.to), "schema:award", support.call or support.programme)
        if support.amount is not None:
            amount = b.node("support", str(n), "amount")
            b.add(iri, "schema:amount", amount)
            b.typed(amount, "schema:MonetaryAmount")
            b.add(amount, "schema:value", _decimal(support.amount.value))
            b.add(amount, "schema:currency", Literal(support.amount.currency))
        b.text(iri, "schema:name", support.programme)
        b.text(iri, "dcterms:isPartOf", support.call)
        b.text(iri, "schema:description", support.description, lang=True)
        b.add(iri, "org:classification", b.describe_concept(
            "support-outcome", support.outcome.value, [(support.outcome.value, "en")]))
        b.add(iri, "schema:startDate", _date(support.since) if support.since else None)
        b.add(iri, "schema:endDate", _date(support.until) if support.until else None)
        b.text(iri, "dcterms:source", support.source)
    for n, label in enumerate(pole.labels, start=1):
        iri = b.node("label", str(n))
        b.typed(iri, "schema:Certification")
        b.add(holder(label.holder), "schema:hasCertification", iri)
        b.text(iri, "schema:name", label.name or label.kind.value)
        b.add(iri, "org:classification", b.describe_concept("label-kind", label.kind.value,
                                                            [(label.kind.value, "en")]))
        b.add(iri, "schema:startDate", _date(label.since) if label.since else None)
        b.add(iri, "schema:endDate", _date(label.until) if label.until else None)
        b.text(iri, "dcterms:source", label.source)
    for n, variant in enumerate(pole.variants, start=1):
        iri = b.node("variant", str(n))
        b.add(me, "dcterms:provenance", iri)
        b.text(iri, "dcterms:subject", variant.field)
        b.add(iri, "rdf:value", _scalar(variant.chosen) if variant.chosen is not None else None)
        b.text(iri, "dcterms:description", variant.reason)
        for k, value in enumerate(variant.values, start=1):
            version = b.node("variant", str(n), str(k))
            b.add(iri, "dcterms:hasVersion", version)
            b.add(version, "rdf:value", _scalar(value.value))
            b.text(version, "dcterms:source", value.source)


def _sort_key(triple: Triple) -> tuple[str, str, int, str, str, str]:
    s, p, o = triple
    if isinstance(o, Literal):
        return (s, p, 1, o.value, o.datatype or "", o.lang or "")
    return (s, p, 0, str(o), "", "")


# --- JSON-LD -------------------------------------------------------------------------

def _compact(iri: str) -> str:
    for prefix, namespace in NAMESPACES.items():
        if iri.startswith(namespace) and iri != namespace:
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _jsonld_value(term: Term) -> Any:
    if isinstance(term, IRI):
        return {"@id": str(term)}
    if term.lang:
        return {"@language": term.lang, "@value": term.value}
    if term.datatype:
        return {"@type": _compact(term.datatype), "@value": term.value}
    return term.value


def to_jsonld(pole: Pole, *, base: str | None = None, include_personal_data: bool = False) -> dict[str, Any]:
    """The pole as a JSON-LD document: a ``@context`` of prefixes and a flat ``@graph``.

    Examples
    --------
    >>> doc = to_jsonld(Pole(id="p", name="P"))
    >>> doc["@graph"][0]["@type"]
    ['essglobal:Network', 'org:OrganizationalCollaboration', 'schema:Organization']
    """
    nodes: dict[str, dict[str, list[Any]]] = {}
    for s, p, o in pole_triples(pole, base=base, include_personal_data=include_personal_data):
        node = nodes.setdefault(s, {})
        if p == _x("rdf:type"):
            node.setdefault("@type", []).append(_compact(cast(IRI, o)))
        else:
            node.setdefault(_compact(p), []).append(_jsonld_value(o))
    graph = []
    for iri in sorted(nodes):
        entry: dict[str, Any] = {"@id": iri}
        for key, values in nodes[iri].items():
            entry[key] = values if key == "@type" or len(values) > 1 else values[0]
        graph.append(entry)
    return {"@context": dict(NAMESPACES), "@graph": graph}


def jsonld_text(pole: Pole, *, base: str | None = None, include_personal_data: bool = False) -> str:
    """The JSON-LD document as text: sorted keys, two-space indent, UTF-8 characters."""
    doc = to_jsonld(pole, base=base, include_personal_data=include_personal_data)
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# --- rdflib and Turtle -----------------------------------------------------------------

def _rdflib() -> Any:
    try:
        import rdflib
    except ImportError:
        raise PoleError.single(
            "this export needs the rdflib package, which is not installed",
            hint="install it with: pip install 'ptce-kit[rdf]' (or export --to jsonld, which needs nothing more)",
        ) from None
    return rdflib


def to_rdflib(pole: Pole, *, base: str | None = None, include_personal_data: bool = False) -> Any:
    """The pole as an ``rdflib.Graph`` with the prefixes bound (needs the ``rdf`` extra)."""
    rdflib = _rdflib()
    graph = rdflib.Graph(bind_namespaces="none")
    for prefix, namespace in NAMESPACES.items():
        graph.bind(prefix, rdflib.Namespace(namespace))
    for s, p, o in pole_triples(pole, base=base, include_personal_data=include_personal_data):
        if isinstance(o, IRI):
            obj = rdflib.URIRef(o)
        else:
            obj = rdflib.Literal(o.value, lang=o.lang, datatype=rdflib.URIRef(o.datatype) if o.datatype else None)
        graph.add((rdflib.URIRef(s), rdflib.URIRef(p), obj))
    return graph


def turtle_text(pole: Pole, *, base: str | None = None, include_personal_data: bool = False) -> str:
    """The pole in Turtle (needs the ``rdf`` extra); subjects and predicates sorted."""
    text: str = to_rdflib(pole, base=base, include_personal_data=include_personal_data).serialize(format="turtle")
    return text if text.endswith("\n") else text + "\n"


# --- exporters (see ptce_kit.exports) --------------------------------------------------

def _no_at(fmt: str, at: str | None) -> None:
    if at:
        raise PoleError.single(
            f"--at does not apply to {fmt}: the linked data keeps every date (org:memberDuring, "
            "schema:startDate), so a query can ask for any moment",
            hint="leave out --at",
        )


def export_jsonld(pole: Pole, path: str | os.PathLike[str], *, include_personal_data: bool = False,
                  base: str | None = None, at: str | None = None) -> None:
    """Write the pole as JSON-LD (ORG, ESSGlobal, schema.org); no extra package needed."""
    _no_at("jsonld", at)
    write_export(path, jsonld_text(pole, base=base, include_personal_data=include_personal_data))


def export_turtle(pole: Pole, path: str | os.PathLike[str], *, include_personal_data: bool = False,
                  base: str | None = None, at: str | None = None) -> None:
    """Write the pole as Turtle (needs rdflib: ``pip install 'ptce-kit[rdf]'``)."""
    _no_at("turtle", at)
    write_export(path, turtle_text(pole, base=base, include_personal_data=include_personal_data))

