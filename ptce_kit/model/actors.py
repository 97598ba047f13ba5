"""Actors of a pole: its members and partners, with their category and family."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, NonNegativeInt, WithJsonSchema, field_validator, model_validator

from pydantic_core import InitErrorDetails

from .grammar import Article, Gender, Number, article_field, gender_field, number_field
from .statutes import Statutes

from ..errors import Invalid
from ..i18n import Message, N_
from .base import PersonalField, Provenance, Record, error_at, raise_errors
from .text import EmailText, Line, Name, PhoneText, Text, WebAddress
from .identifiers import (
    InseeCode, LegalFormCode, PartialDate, Shaped, Siren, Siret, Slug, earliest, latest, starts_before,
)

__all__ = [
    "Category",
    "Family",
    "Presence",
    "ActorStatus",
    "Coordinates",
    "Contact",
    "SitePresence",
    "Owner",
    "Collective",
    "Operation",
    "Actor",
    "HEADCOUNT_BANDS",
    "check_naf",
    "check_naf_2025",
    "check_rna",
    "check_contract_duration",
    "FAMILY_OF",
    "FAMILY_COLOURS",
]


class Category(StrEnum):
    """What kind of body an actor is, in the words of loi n° 2014-856, art. 9."""

    ESS_ENTERPRISE = "ess_enterprise"
    ENTERPRISE = "enterprise"
    LOCAL_AUTHORITY = "local_authority"
    RESEARCH_CENTRE = "research_centre"
    HIGHER_EDUCATION = "higher_education"
    TRAINING_BODY = "training_body"
    PUBLIC_BODY = "public_body"
    PERSON = "person"
    OTHER = "other"

    @property
    def family(self) -> Family:
        """The family of the three the fiche names (or ``other``)."""
        return FAMILY_OF[self]


class Family(StrEnum):
    """The three sorts of actors a pole gathers ("les entreprises, la collectivité, la recherche")."""

    ENTERPRISES = "enterprises"
    COLLECTIVITIES = "collectivities"
    RESEARCH = "research"
    OTHER = "other"


#: The colour of each family (by its value) wherever actors are drawn: the maps, the
#: interactive page, the GEXF export and the comparison figure.  Okabe & Ito (2008)
#: colours, told apart by people with any common colour-vision deficiency.
FAMILY_COLOURS: dict[str, str] = {
    Family.ENTERPRISES.value: "#0072B2",     # blue
    Family.COLLECTIVITIES.value: "#E69F00",  # orange
    Family.RESEARCH.value: "#009E73",        # bluish green
    Family.OTHER.value: "#CC79A7",           # reddish purple
}

FAMILY_OF: dict[Category, Family] = {
    Category.ESS_ENTERPRISE: Family.ENTERPRISES,
    Category.ENTERPRISE: Family.ENTERPRISES,
    Category.LOCAL_AUTHORITY: Family.COLLECTIVITIES,
    Category.PUBLIC_BODY: Family.COLLECTIVITIES,
    Category.RESEARCH_CENTRE: Family.RESEARCH,
    Category.HIGHER_EDUCATION: Family.RESEARCH,
    Category.TRAINING_BODY: Family.RESEARCH,
    Category.PERSON: Family.OTHER,
    Category.OTHER: Family.OTHER,
}


class Presence(StrEnum):
    """How an actor is present at the pole's shared site."""

    RESIDENT = "resident"
    OFFICE_HOURS = "office_hours"
    MEETINGS = "meetings"
    REMOTE = "remote"


class ActorStatus(StrEnum):
    """An actor's standing in the pole."""

    MEMBER = "member"
    PARTNER = "partner"
    PROSPECTIVE = "prospective"


NAF_PATTERN = r"^[0-9]{2}\.[0-9]{2}[A-Z]$"
RNA_PATTERN = r"^W(?:[0-9]{9}|2[AB][0-9]{7})$"


def check_naf(value: str) -> str:
    """Return ``value`` if it has the shape of a NAF rév. 2 code (``NN.NNX``), else raise.

    Examples
    --------
    >>> check_naf("88.99B")
    '88.99B'
    >>> check_naf("8899B")
    Traceback (most recent call last):
    ...
    ptce_kit.errors.Invalid: '8899B' is not a NAF rév. 2 code: write it as INSEE does, 2 digits, a point, 2 digits and a letter, e.g. 88.99B
    """
    if not isinstance(value, str) or not re.fullmatch(NAF_PATTERN[1:-1], value):
        raise Invalid(Message("{value!r} is not a NAF rév. 2 code: write it as INSEE does, "
                              "2 digits, a point, 2 digits and a letter, e.g. 88.99B", value=value), code="PTCE-E133")
    return value


def check_naf_2025(value: str) -> str:
    """Return ``value`` if it has the shape of a NAF 2025 code (``NN.NNX``, as INSEE writes it), else raise.

    Examples
    --------
    >>> check_naf_2025("88.99Y")
    '88.99Y'
    """
    if not isinstance(value, str) or not re.fullmatch(NAF_PATTERN[1:-1], value):
        raise Invalid(Message("{value!r} is not a NAF 2025 code: write it as INSEE does, "
                              "2 digits, a point, 2 digits and a letter, e.g. 88.99Y", value=value), code="PTCE-E133")
    return value


def check_rna(value: str) -> str:
    """Return ``value`` if it is an RNA number (répertoire national des associations), else raise.

    ``W`` and 9 digits (``W2A``/``W2B`` and 7 digits for an association declared in Corsica).

    Examples
    --------
    >>> check_rna("W261000123")
    'W261000123'
    >>> check_rna("261000123")
    Traceback (most recent call last):
    ...
    ptce_kit.errors.Invalid: '261000123' is not an RNA number: W and 9 digits, e.g. W261000123
    """
    if not isinstance(value, str) or not re.fullmatch(RNA_PATTERN[1:-1], value):
        raise Invalid(Message("{value!r} is not an RNA number: W and 9 digits, e.g. W261000123", value=value),
                      code="PTCE-E134")
    return value


NafCode = Annotated[
    str, Shaped(NAF_PATTERN, "naf_code", "not a NAF rév. 2 code: NN.NNX, e.g. 88.99B", check_naf),
]
Naf2025Code = Annotated[
    str, Shaped(NAF_PATTERN, "naf_2025_code", "not a NAF 2025 code: NN.NNX, e.g. 88.99Y", check_naf_2025),
]
RnaNumber = Annotated[
    str, Shaped(RNA_PATTERN, "rna_number", "not an RNA number: W and 9 digits, e.g. W261000123", check_rna),
]

#: INSEE's bands of salaried headcount (trancheEffectifs…), by code.
HEADCOUNT_BANDS: dict[str, str] = {
    "NN": "no employee in the year (unité non employeuse)",
    "00": "0 employees",
    "01": "1 or 2 employees",
    "02": "3 to 5 employees",
    "03": "6 to 9 employees",
    "11": "10 to 19 employees",
    "12": "20 to 49 employees",
    "21": "50 to 99 employees",
    "22": "100 to 199 employees",
    "31": "200 to 249 employees",
    "32": "250 to 499 employees",
    "41": "500 to 999 employees",
    "42": "1,000 to 1,999 employees",
    "51": "2,000 to 4,999 employees",
    "52": "5,000 to 9,999 employees",
    "53": "10,000 employees or more",
}
HeadcountBand = Literal["NN", "00", "01", "02", "03", "11", "12", "21", "22", "31", "32", "41", "42", "51", "52", "53"]


class Coordinates(Record):
    """WGS 84 latitude and longitude, in decimal degrees."""

    lat: Annotated[float, Field(ge=-90, le=90, description="Latitude, e.g. 45.04")]
    lon: Annotated[float, Field(ge=-180, le=180, description="Longitude, e.g. 5.05")]


class Contact(Record):
    """A contact person of an actor. Every field is personal data (RGPD)."""

    name: Name | None = PersonalField(description="Full name of the contact person")
    role: Line | None = PersonalField(description="Role, e.g. 'directrice', 'legal representative'")
    email: EmailText | None = PersonalField(description="E-mail address")
    phone: PhoneText | None = PersonalField(description="Phone number")
    legal_representative: bool = Field(
        False, description="Signs the charter on behalf of the actor"
    )
    since: PartialDate | None = PersonalField(description="Since when the person holds this role, e.g. 2010")
    until: PartialDate | None = PersonalField(description="Until when the person held this role, e.g. 2016")

    @model_validator(mode="after")
    def _dates(self) -> Contact:
        if self.since and self.until and starts_before(self.until, self.since):
            raise_errors("Contact", [error_at(
                ("until",), Message("'until' ({until}) is before 'since' ({since}): fix one of the dates",
                                    until=self.until, since=self.since), self.until, code="PTCE-E121")])
        return self

    @field_validator("email")
    @classmethod
    def _email_shape(cls, value: str | None) -> str | None:
        if value is not None and (value.count("@") != 1 or value.startswith("@") or value.endswith("@")):
            raise Invalid(Message("{value!r} is not an e-mail address: write name@example.org", value=value),
                          code="PTCE-E118")
        return value


class SitePresence(Record):
    """How an actor is present at one of the pole's sites (``sites[].id``), and when."""

    site: Slug = Field(description="Id of the site, one of the pole's sites[].id")
    presence: Presence = Field(description="How the actor is present there")
    since: PartialDate | None = Field(None, description="Since when")
    until: PartialDate | None = Field(None, description="Until when")
    provenance: Text | None = Provenance()

    @model_validator(mode="after")
    def _dates(self) -> SitePresence:
        if self.since and self.until and starts_before(self.until, self.since):
            raise_errors("SitePresence", [error_at(
                ("until",), Message("'until' ({until}) is before 'since' ({since}): fix one of the dates",
                                    until=self.until, since=self.since), self.until, code="PTCE-E121")])
        return self


class Owner(Record):
    """An owner of an actor (a subsidiary, a joint venture, a venue), with its share."""

    actor: Slug = Field(description="Id of the owning actor")
    share: Annotated[float, Field(gt=0, le=100, allow_inf_nan=False)] | None = Field(
        None, description="Share of the capital, in percent; empty when unknown")


class Collective(Record):
    """What a collective actor stands for: many people or organisations, never one legal person."""

    count: NonNegativeInt | None = Field(None, description="How many they are, when known, e.g. 25")
    of: Line | None = Field(None, description="What they are, e.g. 'volunteers and researchers', 'breeders'")


def _contract_duration_pattern() -> str:
    from .ties import _MONTHS_PER

    number = r"(?:[1-9][0-9]{0,3}(?:[.,][0-9]{1,2})?|0[.,](?:[1-9][0-9]?|0[1-9]))"
    return rf"^{number} ?(?:" + "|".join(sorted(_MONTHS_PER, key=lambda u: (-len(u), u))) + r")$"


#: A contract's duration: a number greater than 0 and a unit, e.g. "12 ans", "6 mois", "2 years".
CONTRACT_DURATION_PATTERN = _contract_duration_pattern()


def check_contract_duration(value: str) -> str:
    """Return ``value`` if it is a contract's duration (a number greater than 0 and a unit), else raise.

    Examples
    --------
    >>> check_contract_duration("12 ans"), check_contract_duration("1,5 year")
    ('12 ans', '1,5 year')
    >>> check_contract_duration("0 ans")
    Traceback (most recent call last):
    ...
    ptce_kit.errors.Invalid: '0 ans' is not a contract's duration: write a number greater than 0 and a unit (ans, mois, semaines; years, months, weeks), e.g. '12 ans'
    """
    if not isinstance(value, str) or not re.fullmatch(CONTRACT_DURATION_PATTERN[1:-1], value):
        raise Invalid(Message("{value!r} is not a contract's duration: write a number greater than 0 and a unit "
                              "(ans, mois, semaines; years, months, weeks), e.g. '12 ans'", value=value),
                      code="PTCE-E140")
    return value


ContractDuration = Annotated[
    str,
    Shaped(CONTRACT_DURATION_PATTERN, "contract_duration",
           "not a contract's duration: write a number greater than 0 and a unit, e.g. '12 ans'",
           check_contract_duration),
    WithJsonSchema({"type": "string", "pattern": CONTRACT_DURATION_PATTERN, "examples": ["12 ans", "6 mois"]}),
]


class Operation(Record):
    """Who runs a venue, and under what contract (a city's hall run by an association)."""

    actor: Slug = Field(description="Id of the actor that runs the venue")
    contract: Literal["lease", "public-service", "agreement", "other"] = Field(
        description="lease, public-service (délégation de service public), agreement (convention) or other")
    since: PartialDate | None = Field(None, description="When the contract began")
    until: PartialDate | None = Field(None, description="When it ends or ended")
    duration: ContractDuration | None = Field(
        None, description="Its duration, a number greater than 0 and a unit, when the dates are not known, "
                          "e.g. '12 ans', '12 years'")
    provenance: Text | None = Provenance()

    @model_validator(mode="after")
    def _dates(self) -> Operation:
        if self.since and self.until and starts_before(self.until, self.since):
            raise_errors("Operation", [error_at(
                ("until",), Message("'until' ({until}) is before 'since' ({since}): fix one of the dates",
                                    until=self.until, since=self.since), self.until, code="PTCE-E121")])
        return self



class Actor(Record):
    """A member or partner of the pole."""

    id: Slug = Field(description="Unique identifier, used to refer to the actor elsewhere")
    name: Annotated[Name, Field(description="Usual name")]
    category: Category = Field(description="Category of loi ESS art. 9")
    # No default: an actor listed without a status is "not stated", never taken for a member
    # (no count of members, no signature line), until its sources say which it is.
    status: ActorStatus | None = Field(
        None,
        description="member of the pole, partner engaged in its ties, or prospective (announced, not yet there); "
                    "empty when the sources do not say (never counted as a member)",
    )
    ess: bool | None = Field(
        None, description="Belongs to the social and solidarity economy (loi 2014-856, art. 1); empty when unknown"
    )
    legal_form: Line | None = Field(None, description="Legal form in words, e.g. 'SARL SCOP', 'association'")
    legal_form_code: LegalFormCode | None = Field(None, description="INSEE catégorie juridique (4 digits), e.g. 5458 SARL SCOP, 9220 association déclarée")
    siren: Siren | None = Field(None, description="SIREN of the legal unit (9 digits)")
    siret: Siret | None = Field(None, description="SIRET of the establishment on the territory (14 digits)")
    presence: Presence | None = Field(None, description="Presence at the pole's shared site (its current main site)")
    presences: list[SitePresence] = Field(
        default_factory=list, description="Presence at each of the pole's sites (sites[].id), with dates")
    roles: list[Slug] = Field(
        default_factory=list,
        description="Roles in the pole, e.g. founder, pivot, tenant, network, facilitator",
    )
    joined: PartialDate | None = Field(None, description="When the actor joined the pole")
    left: PartialDate | None = Field(None, description="When the actor left the pole")
    commune: InseeCode | None = Field(None, description="INSEE code of the actor's commune")
    coordinates: Coordinates | None = Field(None, description="Position, for maps")
    description: Text | None = Field(None, description="What the actor does, in a few words")
    website: WebAddress | None = Field(None, description="Web address, starting with https:// (or http://)")
    legal_person: bool | None = Field(
        None, description="Whether the actor is a legal person (personne morale); empty when its legal form says")
    part_of: Slug | None = Field(
        None, description="Id of the actor this one is a unit of (a research centre inside a SCIC): not a separate legal person")
    owners: list[Owner] = Field(
        default_factory=list, description="Who owns it (a subsidiary, a joint venture), with their shares in percent")
    collective: Collective | None = Field(
        None, description="The actor stands for many people or organisations: never a legal person, never a signatory")
    operator: Operation | None = Field(
        None, description="For a venue: the actor that runs it, and under what contract")
    contacts: list[Contact] = Field(default_factory=list, description="Personal data (RGPD)")
    statutes: Statutes | None = Field(
        None, description="What its statutes say, where a criterion needs it (e.g. a commercial company of the ESS)")
    provenance: Text | None = Provenance()
    created: PartialDate | None = Field(
        None, description="When the actor itself was created (not when it joined the pole)")
    ceased: PartialDate | None = Field(
        None, description="When the actor ceased to exist (dissolved, closed, merged): it is then no longer a member")
    ceased_how: Literal["dissolved", "closed", "merged", "absorbed"] | None = Field(
        None, description="How it ceased: dissolved, closed, merged or absorbed")
    successor: Slug | None = Field(
        None, description="Id of the actor it merged into, or that continues it")
    article: Article | None = article_field()
    gender: Gender | None = gender_field()
    number: Number | None = number_field()
    naf: NafCode | None = Field(None, description="Main activity, NAF rév. 2 code as SIRENE writes it (NN.NNX), e.g. 88.99B")
    naf_2025: Naf2025Code | None = Field(None, description="Main activity, NAF 2025 code as SIRENE writes it (NN.NNX), e.g. 88.99Y")
    acronym: Line | None = Field(None, description="Acronym (sigle), e.g. 'CRESS'")
    rna: RnaNumber | None = Field(None, description="RNA number of an association (W and 9 digits)")
    address: Line | None = Field(None, description="Postal address of the establishment (its SIRET), on one line; personal data for a natural person")
    headcount_band: HeadcountBand | None = Field(
        None, description="INSEE's band of salaried headcount (trancheEffectifs), e.g. 11 for 10 to 19 employees")
    employer: bool | None = Field(None, description="Has employees (INSEE's caractereEmployeur)")
    mission_company: bool | None = Field(None, description="Société à mission (loi PACTE, 2019)")

    @model_validator(mode="after")
    def _consistent(self) -> Actor:
        errors = []
        if self.siren and self.siret and not self.siret.startswith(self.siren):
            errors.append(error_at(
                ("siret",),
                Message("the SIRET {siret} does not belong to the SIREN {siren}: a SIRET starts with its SIREN's 9 digits",
                        siret=self.siret, siren=self.siren), self.siret, code="PTCE-E120"))
        if self.joined and self.left and starts_before(self.left, self.joined):
            errors.append(error_at(
                ("left",), Message("'left' ({left}) is before 'joined' ({joined}): fix one of the dates",
                                   left=self.left, joined=self.joined), self.left, code="PTCE-E121"))
        errors += self._life_errors() + self._structure_errors()
        raise_errors("Actor", errors)
        return self

    def _life_errors(self) -> list[InitErrorDetails]:
        errors = []
        if self.created and self.ceased and starts_before(self.ceased, self.created):
            errors.append(error_at(
                ("ceased",), Message("'ceased' ({ceased}) is before 'created' ({created}): fix one of the dates",
                                     ceased=self.ceased, created=self.created), self.ceased, code="PTCE-E121"))
        if self.created and self.joined and latest(self.joined) < earliest(self.created):
            errors.append(error_at(
                ("joined",), Message("'joined' ({joined}) is before the actor was created ({created}): "
                                     "fix one of the dates", joined=self.joined, created=self.created),
                self.joined, code="PTCE-E121"))
        if self.ceased and self.left and earliest(self.left) > latest(self.ceased):
            errors.append(error_at(
                ("left",), Message("'left' ({left}) is after the actor ceased to exist ({ceased}): an actor that "
                                   "ceased is no longer a member; remove 'left' or fix the dates",
                                   left=self.left, ceased=self.ceased), self.left, code="PTCE-E121"))
        if self.ceased and self.joined and earliest(self.joined) > latest(self.ceased):
            errors.append(error_at(
                ("joined",), Message("'joined' ({joined}) is after the actor ceased to exist ({ceased}): "
                                     "fix one of the dates", joined=self.joined, ceased=self.ceased),
                self.joined, code="PTCE-E121"))
        for field in ("ceased_how", "successor"):
            if getattr(self, field) is not None and not self.ceased:
                errors.append(error_at(
                    (field,), Message("'{field}' says how the actor ceased, but 'ceased' is not given: "
                                      "add the date it ceased (a year is enough)", field=field),
                    getattr(self, field), code="PTCE-E126"))
        if self.successor == self.id:
            errors.append(error_at(("successor",), Message("{id!r} cannot be its own successor: give the id of "
                                                           "the actor that continues it", id=self.id),
                                   self.successor, code="PTCE-E127"))
        return errors

    def _structure_errors(self) -> list[InitErrorDetails]:
        errors = []
        not_legal = [("collective", N_("'legal_person: true' contradicts 'collective': a collective actor stands "
                                       "for many people or organisations; remove one of them")),
                     ("part_of", N_("'legal_person: true' contradicts 'part_of': a unit inside another actor is not "
                                    "a separate legal person; remove one of them")),
                     ("operator", N_("'legal_person: true' contradicts 'operator': a venue run by an operator is a "
                                     "place, not a legal person; remove one of them"))]
        for field, why in not_legal:
            if getattr(self, field) is not None and self.legal_person:
                errors.append(error_at(("legal_person",), Message(why), self.legal_person, code="PTCE-E128"))
        if self.category is Category.PERSON and self.legal_person:
            errors.append(error_at(("legal_person",), N_("'legal_person: true' contradicts 'category: person' "
                                                         "(a natural person): remove one of them"),
                                   self.legal_person, code="PTCE-E128"))
        if self.part_of == self.id:
            errors.append(error_at(("part_of",), Message("{id!r} cannot be a unit of itself: give the id of the "
                                                         "actor it belongs to", id=self.id),
                                   self.part_of, code="PTCE-E127"))
        if self.operator is not None and self.operator.actor == self.id:
            errors.append(error_at(("operator", "actor"), Message("{id!r} cannot run itself as a venue: give the id "
                                                                  "of the actor that runs it", id=self.id),
                                   self.operator.actor, code="PTCE-E127"))
        seen: dict[str, int] = {}
        for i, owner in enumerate(self.owners):
            if owner.actor == self.id:
                errors.append(error_at(("owners", i, "actor"), Message("{id!r} cannot own itself: give the id of "
                                                                       "an owning actor", id=self.id),
                                       owner.actor, code="PTCE-E127"))
            if owner.actor in seen:
                errors.append(error_at(("owners", i, "actor"), Message(
                    "{owner!r} is already listed as owners[{first}]: list each owner once",
                    owner=owner.actor, first=seen[owner.actor]), owner.actor, code="PTCE-E122"))
            seen.setdefault(owner.actor, i)
        shares = [o.share for o in self.owners if o.share is not None]
        if sum(shares) > 100 + 1e-6:
            errors.append(error_at(("owners",), Message("the owners' shares add up to {total} %, more than "
                                                        "100 %: fix them", total=f"{sum(shares):g}"),
                                   None, code="PTCE-E129"))
        return errors

    def presence_at(self, site: str, when: str | None = None) -> Presence | None:
        """How the actor is present at the site ``site`` (an id of ``sites``), at ``when`` if given."""
        for item in self.presences:
            if item.site != site:
                continue
            if when is not None and ((item.since and earliest(item.since) > latest(when))
                                     or (item.until and latest(item.until) < earliest(when))):
                continue
            return item.presence
        return None

    @property
    def family(self) -> Family:
        """The family of the actor's category."""
        return FAMILY_OF[self.category]

    def active_at(self, when: str) -> bool:
        """Whether the actor was a member at the partial date ``when``.

        Unknown dates count as "always": an actor with no ``joined`` date was there
        from the start.  A prospective actor is never active, nor one that had ceased to
        exist (``ceased``) by then.
        """
        if self.status is ActorStatus.PROSPECTIVE:
            return False
        if self.ceased and latest(self.ceased) < earliest(when):
            return False
        if self.joined and earliest(self.joined) > latest(when):
            return False
        return not (self.left and latest(self.left) < earliest(when))
