"""The columns of a table of members: the field each fills, its French and English headers.

One table for the members' spreadsheet (``ptce import``, ``ptce export --to members-csv``)
and the member registry of ``ptce build``, so that the two never name or order a column
differently.
"""

from __future__ import annotations

import dataclasses

__all__ = ["Column", "COLUMNS", "PERSONAL_COLUMNS"]


@dataclasses.dataclass(frozen=True)
class Column:
    """A column of the members' spreadsheet: the field it fills and the headers it answers to."""

    key: str
    fr: str
    en: str
    aliases: tuple[str, ...] = ()
    personal: bool = False


#: The spreadsheet's columns, in the order an export writes them.
COLUMNS: tuple[Column, ...] = (
    Column("id", "Identifiant", "Id", ("identifier", "ident")),
    Column("name", "Nom", "Name", ("raison sociale", "denomination", "structure", "nom de la structure",
                                   "organisation", "organization")),
    Column("category", "Catégorie", "Category", ("type", "type de structure")),
    Column("status", "Statut", "Status", ("statut dans le pole",)),
    Column("ess", "ESS", "SSE", ("economie sociale et solidaire", "social economy")),
    Column("legal_form", "Forme juridique", "Legal form", ("statut juridique",)),
    Column("legal_form_code", "Code forme juridique", "Legal form code",
           ("categorie juridique", "code categorie juridique", "code cj")),
    Column("siren", "SIREN", "SIREN"),
    Column("siret", "SIRET", "SIRET", ("numero siret", "n siret")),
    Column("commune", "Commune", "Municipality", ("code commune", "code insee", "insee", "commune insee")),
    Column("joined", "Date d'adhésion", "Joined", ("adhesion", "date adhesion", "membre depuis", "member since",
                                                  "date of joining", "joined on")),
    Column("left", "Date de départ", "Left", ("depart", "date de sortie", "sortie", "date of leaving", "left on")),
    Column("college", "Collège", "College"),
    Column("presence", "Présence", "Presence", ("presence sur le site", "presence at the site")),
    Column("roles", "Rôles", "Roles", ("role dans le pole",)),
    Column("website", "Site web", "Website", ("site internet", "site", "web")),
    Column("description", "Description", "Description", ("activite", "activity")),
    Column("acronym", "Sigle", "Acronym", ("acronyme",)),
    Column("legal_person", "Personne morale", "Legal person", ("personnalite morale",)),
    Column("created", "Date de création", "Created", ("creation", "date creation", "cree en", "created on")),
    Column("ceased", "Date de cessation", "Ceased", ("cessation", "date de dissolution", "dissolution", "ceased on")),
    Column("ceased_how", "Mode de cessation", "How it ceased", ("motif de cessation", "ceased how")),
    Column("successor", "Successeur", "Successor", ("repris par", "absorbe par", "successor id")),
    Column("part_of", "Unité de", "Unit of", ("fait partie de", "part of", "rattache a")),
    Column("collective", "Acteur collectif", "Collective actor", ("collectif", "collective")),
    Column("owners", "Propriétaires", "Owners", ("detenu par", "actionnaires", "owned by", "shareholders",
                                                 "capital detenu par")),
    Column("operator", "Exploitant", "Operator", ("gere par", "gestionnaire", "exploite par", "run by",
                                                  "operated by", "exploitant du lieu")),
    Column("naf", "Code NAF", "NAF code", ("naf", "ape", "code ape", "naf rev 2", "activite principale")),
    Column("naf_2025", "Code NAF 2025", "NAF 2025 code", ("naf 2025",)),
    Column("rna", "RNA", "RNA", ("numero rna", "n rna", "numero waldec")),
    Column("headcount_band", "Tranche d'effectif", "Headcount band", ("tranche effectifs", "trancheeffectifs",
                                                                       "tranche d effectifs")),
    Column("employer", "Employeur", "Employer", ("caractere employeur",)),
    Column("mission_company", "Société à mission", "Mission company", ("societe a mission",)),
    Column("presences", "Présences par site", "Presences by site", ("presences", "sites")),
    Column("contact_name", "Contact", "Contact", ("nom du contact", "contact name", "personne de contact"),
           personal=True),
    Column("contact_role", "Fonction du contact", "Contact role", ("fonction", "contact function"), personal=True),
    Column("contact_email", "E-mail", "E-mail", ("email", "courriel", "mail", "adresse e-mail", "adresse mail"),
           personal=True),
    Column("contact_phone", "Téléphone", "Phone", ("telephone", "tel", "portable", "mobile"), personal=True),
)
PERSONAL_COLUMNS = tuple(c.key for c in COLUMNS if c.personal)
