"""The words documents use for the data's codes, in French and English.

Templates hold the sentences; this table holds the single words and short phrases that
name a category, a family, a presence, a tie kind… so that every template says them
the same way.  A code without a label is shown as it is written in the data.
"""

from __future__ import annotations

from ..model import Language

__all__ = ["LABELS", "LANGUAGES", "label"]

#: The languages of the documents: the model's :class:`~ptce_kit.model.Language`, the one list.
LANGUAGES = tuple(lang.value for lang in Language)

LABELS: dict[str, dict[str, str]] = {
    "fr": {
        # categories (loi 2014-856, art. 9)
        "ess_enterprise": "entreprise de l’ESS",
        "enterprise": "entreprise",
        "local_authority": "collectivité territoriale",
        "research_centre": "centre de recherche",
        "higher_education": "enseignement supérieur",
        "training_body": "organisme de formation",
        "public_body": "organisme public",
        "person": "personne physique",
        "other": "autre",
        # families
        "enterprises": "Entreprises",
        "collectivities": "Collectivités et organismes publics",
        "research": "Recherche, enseignement supérieur et formation",
        "family:other": "Autres acteurs",
        # status
        "member": "membre",
        "partner": "partenaire",
        "prospective": "pressenti",
        # presence at the site
        "resident": "implanté au pôle",
        "office_hours": "y tient des permanences",
        "meetings": "y tient ses réunions",
        "remote": "à distance",
        # tie kinds
        "mutualisation": "Mutualisation",
        "cooperation": "Coopération",
        "partnership": "Partenariat",
        # resources
        "premises": "locaux",
        "staff": "personnel",
        "equipment": "équipement",
        "purchasing": "achats",
        "funding": "financement",
        "knowledge": "connaissances",
        "services": "services",
        "training": "formation",
        "market": "marchés",
        "resource:other": "autres moyens",
        # roles
        "pivot": "structure porteuse",
        "founder": "fondateur",
        "network": "réseau",
        "facilitator": "animation",
        "tenant": "locataire",
        "funder": "financeur",
        # governance
        "informal": "organisation informelle, sans personnalité morale",
        "association": "association (loi du 1er juillet 1901)",
        "scic": "société coopérative d’intérêt collectif (SCIC)",
        "gie": "groupement d’intérêt économique (GIE)",
        "cooperative": "société coopérative",
        "form:other": "autre forme",
        "consensus": "par consensus",
        "majority": "à la majorité",
        "qualified_majority": "à la majorité qualifiée",
        "rule:other": "selon une autre règle",
        "lease": "bail",
        "statutes": "statuts",
        "agreement": "convention",
        # cadence units (plural)
        "day": "jours",
        "week": "semaines",
        "month": "mois",
        "year": "ans",
        "day:1": "jour",
        "week:1": "semaine",
        "month:1": "mois",
        "year:1": "an",
        # project status
        "planned": "en projet",
        "active": "en cours",
        "completed": "achevé",
        "abandoned": "abandonné",
        # indicator units
        "jobs": "emplois",
        "people": "personnes",
        "shareholders": "actionnaires",
        "associates": "associés",
        "inhabitants": "habitants",
        "euros": "euros",
        "yes": "oui",
        "no": "non",
    },
    "en": {
        "ess_enterprise": "social economy enterprise",
        "enterprise": "enterprise",
        "local_authority": "local authority",
        "research_centre": "research centre",
        "higher_education": "higher education",
        "training_body": "training body",
        "public_body": "public body",
        "person": "person",
        "other": "other",
        "enterprises": "Enterprises",
        "collectivities": "Local authorities and public bodies",
        "research": "Research, higher education and training",
        "family:other": "Other actors",
        "member": "member",
        "partner": "partner",
        "prospective": "prospective",
        "resident": "based at the pole",
        "office_hours": "holds office hours there",
        "meetings": "holds its meetings there",
        "remote": "remote",
        "mutualisation": "Pooling (mutualisation)",
        "cooperation": "Cooperation",
        "partnership": "Partnership",
        "premises": "premises",
        "staff": "staff",
        "equipment": "equipment",
        "purchasing": "purchasing",
        "funding": "funding",
        "knowledge": "knowledge",
        "services": "services",
        "training": "training",
        "market": "markets",
        "resource:other": "other means",
        "pivot": "pivot structure",
        "founder": "founder",
        "network": "network",
        "facilitator": "facilitation",
        "tenant": "tenant",
        "funder": "funder",
        "informal": "informal organisation, without legal personality",
        "association": "association (loi of 1 July 1901)",
        "scic": "société coopérative d’intérêt collectif (SCIC, multi-stakeholder cooperative)",
        "gie": "groupement d’intérêt économique (GIE)",
        "cooperative": "cooperative society",
        "form:other": "another form",
        "consensus": "by consensus",
        "majority": "by majority",
        "qualified_majority": "by qualified majority",
        "rule:other": "by another rule",
        "lease": "lease",
        "statutes": "statutes",
        "agreement": "agreement",
        "day": "days",
        "week": "weeks",
        "month": "months",
        "year": "years",
        "day:1": "day",
        "week:1": "week",
        "month:1": "month",
        "year:1": "year",
        "planned": "planned",
        "active": "active",
        "completed": "completed",
        "abandoned": "abandoned",
        "jobs": "jobs",
        "people": "people",
        "shareholders": "shareholders",
        "associates": "associates",
        "inhabitants": "inhabitants",
        "euros": "euros",
        "yes": "yes",
        "no": "no",
    },
}


def label(code: object, lang: str, kind: str | None = None) -> str:
    """The word for a code of the data in ``lang``; the code itself when there is none.

    ``kind`` picks the label of a code that means different things in different places
    (``other`` as a family, a resource, a governance form or a decision rule).

    Examples
    --------
    >>> label("ess_enterprise", "fr"), label("other", "en", kind="family")
    ('entreprise de l’ESS', 'Other actors')
    >>> label("treasurer", "fr")
    'treasurer'
    """
    code = getattr(code, "value", code)
    words = LABELS[lang]
    if kind and f"{kind}:{code}" in words:
        return words[f"{kind}:{code}"]
    return words.get(str(code), str(code))
