"""Actors of a pole: its members and partners, with their category and family."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, field_validator, model_validator

from ..errors import Invalid
from ..i18n import Message, N_
from .base import PersonalField, Provenance, Record, error_at, raise_errors
from .text import EmailText, Line, Name, PhoneText, Text, WebAddress
from .identifiers import InseeCode, LegalFormCode, PartialDate, Siren, Siret, Slug, earliest, latest, starts_before

__all__ = [
    "Category",
    "Family",
    "Presence",
    "ActorStatus",
    "Coordinates",
    "Contact",
    "Actor",
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

    @field_validator("email")
    @classmethod
    def _email_shape(cls, value: str | None) -> str | None:
        if value is not None and (value.count("@") != 1 or value.startswith("@") or value.endswith("@")):
            raise Invalid(Message("{value!r} is not an e-mail address: write name@example.org", value=value),
                          code="PTCE-E118")
        return value


class Actor(Record):
    """A member or partner of the pole."""

    id: Slug = Field(description="Unique identifier, used to refer to the actor elsewhere")
    name: Annotated[Name, Field(description="Usual name")]
    category: Category = Field(description="Category of loi ESS art. 9")
    status: ActorStatus = Field(
        ActorStatus.MEMBER,
        description="member of the pole, partner engaged in its ties, or prospective (announced, not yet there)",
    )
    ess: bool | None = Field(
        None, description="Belongs to the social and solidarity economy (loi 2014-856, art. 1); empty when unknown"
    )
    legal_form: Line | None = Field(None, description="Legal form in words, e.g. 'SARL SCOP', 'association'")
    legal_form_code: LegalFormCode | None = Field(None, description="INSEE catégorie juridique (4 digits), e.g. 5458 SARL SCOP, 9220 association déclarée")
    siren: Siren | None = Field(None, description="SIREN of the legal unit (9 digits)")
    siret: Siret | None = Field(None, description="SIRET of the establishment on the territory (14 digits)")
    presence: Presence | None = Field(None, description="Presence at the pole's shared site")
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
    contacts: list[Contact] = Field(default_factory=list, description="Personal data (RGPD)")
    provenance: Text | None = Provenance()

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
        raise_errors("Actor", errors)
        return self

    @property
    def family(self) -> Family:
        """The family of the actor's category."""
        return FAMILY_OF[self.category]

    def active_at(self, when: str) -> bool:
        """Whether the actor was a member at the partial date ``when``.

        Unknown dates count as "always": an actor with no ``joined`` date was there
        from the start.  A prospective actor is never active.
        """
        if self.status is ActorStatus.PROSPECTIVE:
            return False
        if self.joined and earliest(self.joined) > latest(when):
            return False
        return not (self.left and latest(self.left) < earliest(when))
