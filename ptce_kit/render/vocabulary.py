"""The words documents use for the data's codes, in French and English.

Templates hold the sentences; this table holds the single words and short phrases that
name a category, a family, a presence, a tie kind… so that every template says them
the same way.  A code without a label is shown as it is written in the data.  The words
are message ids of the gettext catalogs (English; French in ``ptce_kit/locale``), in the
context ``document label``: the documents' words are the catalogs', and a translator
sees them apart from the command line's (« an » in a cadence, « année » elsewhere).
"""

from __future__ import annotations

from functools import cache

from ..i18n import pgettext
from ..model import Language

__all__ = ["LANGUAGES", "ROLES", "labels", "label"]

#: The languages of the documents: the model's :class:`~ptce_kit.model.Language`, the one list.
LANGUAGES = tuple(lang.value for lang in Language)
#: The actors' roles the documents and the map have words for (``roles`` holds any slug; another one is shown as written).
ROLES = ("pivot", "founder", "network", "facilitator", "tenant", "funder", "legal-entity")


@cache
def labels(lang: str) -> dict[str, str]:
    """Every label of the documents in ``lang``, by code (``kind:code`` where a code means
    several things, ``unit:1`` for a unit in the singular).

    Examples
    --------
    >>> labels("fr")["year:1"], labels("en")["year:1"], labels("fr")["family:other"]
    ('an', 'year', 'Autres acteurs')
    """
    return {
        # categories (loi 2014-856, art. 9)
        "ess_enterprise": pgettext("document label", "social economy enterprise", lang),
        "enterprise": pgettext("document label", "enterprise", lang),
        "local_authority": pgettext("document label", "local authority", lang),
        "research_centre": pgettext("document label", "research centre", lang),
        "higher_education": pgettext("document label", "higher education", lang),
        "training_body": pgettext("document label", "training body", lang),
        "public_body": pgettext("document label", "public body", lang),
        "person": pgettext("document label", "person", lang),
        "other": pgettext("document label", "other", lang),
        # a collective actor (many people or organisations) is not one of its category
        "collective": pgettext("document label", "collective", lang),
        # families
        "enterprises": pgettext("document label", "Enterprises", lang),
        "collectivities": pgettext("document label", "Local authorities and public bodies", lang),
        "research": pgettext("document label", "Research, higher education and training", lang),
        "family:other": pgettext("document label", "Other actors", lang),
        # status
        "member": pgettext("document label", "member", lang),
        "partner": pgettext("document label", "partner", lang),
        "prospective": pgettext("document label", "prospective", lang),
        # presence at the site
        "resident": pgettext("document label", "settled at the pole", lang),
        "office_hours": pgettext("document label", "office hours at the pole", lang),
        "meetings": pgettext("document label", "meetings at the pole", lang),
        "remote": pgettext("document label", "remote", lang),
        # tie kinds
        "mutualisation": pgettext("document label", "Pooling (mutualisation)", lang),
        "cooperation": pgettext("document label", "Cooperation", lang),
        "partnership": pgettext("document label", "Partnership", lang),
        # resources
        "premises": pgettext("document label", "premises", lang),
        "staff": pgettext("document label", "staff", lang),
        "equipment": pgettext("document label", "equipment", lang),
        "purchasing": pgettext("document label", "purchasing", lang),
        "funding": pgettext("document label", "funding", lang),
        "knowledge": pgettext("document label", "knowledge", lang),
        "services": pgettext("document label", "services", lang),
        "training": pgettext("document label", "training", lang),
        "market": pgettext("document label", "markets", lang),
        "resource:other": pgettext("document label", "other means", lang),
        # what a directed tie makes available, in French with its partitive article (des locaux, du personnel)
        "available:premises": pgettext("document label", "premises, as made available", lang),
        "available:staff": pgettext("document label", "staff, as made available", lang),
        "available:equipment": pgettext("document label", "equipment, as made available", lang),
        "available:purchasing": pgettext("document label", "group purchasing, as made available", lang),
        "available:funding": pgettext("document label", "funding, as made available", lang),
        "available:knowledge": pgettext("document label", "knowledge, as made available", lang),
        "available:services": pgettext("document label", "services, as made available", lang),
        "available:training": pgettext("document label", "training, as made available", lang),
        "available:market": pgettext("document label", "markets, as made available", lang),
        "available:other": pgettext("document label", "other means, as made available", lang),
        # roles
        "pivot": pgettext("document label", "pivot structure", lang),
        "founder": pgettext("document label", "founder", lang),
        "network": pgettext("document label", "network", lang),
        "facilitator": pgettext("document label", "facilitation", lang),
        "tenant": pgettext("document label", "tenant", lang),
        "funder": pgettext("document label", "funder", lang),
        "legal-entity": pgettext("document label", "legal entity of the pole", lang),
        # governance
        "informal": pgettext("document label", "informal organisation, without legal personality", lang),
        "association": pgettext("document label", "association (loi of 1 July 1901)", lang),
        "scic": pgettext("document label", "société coopérative d’intérêt collectif (SCIC, multi-stakeholder cooperative)", lang),
        "gie": pgettext("document label", "groupement d’intérêt économique (GIE)", lang),
        "cooperative": pgettext("document label", "cooperative society", lang),
        "form:other": pgettext("document label", "another form", lang),
        "consensus": pgettext("document label", "by consensus", lang),
        "majority": pgettext("document label", "by majority", lang),
        "qualified_majority": pgettext("document label", "by qualified majority", lang),
        "rule:other": pgettext("document label", "by another rule", lang),
        "lease": pgettext("document label", "lease", lang),
        "statutes": pgettext("document label", "statutes", lang),
        "agreement": pgettext("document label", "agreement", lang),
        # cadence units (plural)
        "day": pgettext("document label", "days", lang),
        "week": pgettext("document label", "weeks", lang),
        "month": pgettext("document label", "months", lang),
        "year": pgettext("document label", "years", lang),
        "day:1": pgettext("document label", "day", lang),
        "week:1": pgettext("document label", "week", lang),
        "month:1": pgettext("document label", "month", lang),
        "year:1": pgettext("document label", "year", lang),
        # project status
        "planned": pgettext("document label", "planned", lang),
        "active": pgettext("document label", "active", lang),
        "completed": pgettext("document label", "completed", lang),
        "abandoned": pgettext("document label", "abandoned", lang),
        # indicator units
        "jobs": pgettext("document label", "jobs", lang),
        "people": pgettext("document label", "people", lang),
        "shareholders": pgettext("document label", "shareholders", lang),
        "associates": pgettext("document label", "associates", lang),
        "inhabitants": pgettext("document label", "inhabitants", lang),
        "euros": pgettext("document label", "euros", lang),
        "yes": pgettext("document label", "yes", lang),
        "no": pgettext("document label", "no", lang),
        # labels and agreements held (the registry's cells)
        "label:esus": pgettext("document label", "ESUS agreement", lang),
        "label:fabrique-de-territoire": pgettext("document label", "Fabrique de territoire label", lang),
        "label:siae": pgettext("document label", "SIAE agreement", lang),
        # an actor's own life (the registry's cells)
        "life:created": pgettext("document label", "created", lang),
        "life:ceased": pgettext("document label", "ceased", lang),
        "life:dissolved": pgettext("document label", "dissolved", lang),
        "life:closed": pgettext("document label", "closed", lang),
        "life:merged": pgettext("document label", "merged", lang),
        "life:absorbed": pgettext("document label", "absorbed", lang),
        "life:successor": pgettext("document label", "successor", lang),
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
    words = labels(lang)
    if kind and f"{kind}:{code}" in words:
        return words[f"{kind}:{code}"]
    return words.get(str(code), str(code))
