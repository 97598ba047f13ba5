"""The words, markers and line styles of the cooperation map, in French and English.

Both the static figures (:mod:`ptce_kit.render.maps`) and the interactive page
(:mod:`ptce_kit.render.interactive`) read them here, so that a legend says the same
thing in both.

Examples
--------
>>> text("fr")["kind"]["cooperation"], text("en")["kind"]["cooperation"]
('coopération', 'cooperation')
"""

from __future__ import annotations

from typing import Any

from ..errors import PoleError
from ..i18n import Message, N_, ngettext
from .vocabulary import LANGUAGES

__all__ = ["LANGUAGES", "PRESENCE_MARKERS", "KIND_STYLES", "text", "check_lang", "count"]


# The families' colours are the model's (:data:`ptce_kit.model.FAMILY_COLOURS`), shared
# with the GEXF export and the comparison figure.

#: matplotlib marker per presence at the shared site; ``None`` is "not stated".
PRESENCE_MARKERS: dict[str | None, str] = {
    "resident": "o",
    "office_hours": "s",
    "meetings": "D",
    "remote": "^",
    None: "p",
}

#: (matplotlib linestyle, SVG stroke-dasharray, colour) per kind of tie.
KIND_STYLES: dict[str, tuple[Any, str, str]] = {
    "mutualisation": ("solid", "", "#444444"),
    "cooperation": ((0, (5, 2.5)), "7 3.5", "#D55E00"),  # vermillion, dashed
    "partnership": ((0, (1, 2)), "1.5 3", "#56B4E9"),    # sky blue, dotted
}

_TEXT: dict[str, dict[str, Any]] = {
    "fr": {
        "title": "{name} : carte de la coopération",
        "title_at": "{name} : carte de la coopération en {at}",
        "composition_title": "{name} : composition du pôle",
        "source": "Source : {source}",
        "source_default": "données du pôle « {name} » (ptce-kit)",
        "family_heading": "Famille d’acteurs",
        "presence_heading": "Présence sur le lieu",
        "kind_heading": "Type de lien",
        "pivot": "structure pivot",
        "directed": "lien orienté (de → vers)",
        "size_note": "taille : {measure}",
        "site": "lieu partagé",
        "no_position": "sans position connue",
        "no_tie": "sans lien",
        "actors_axis": "acteurs",
        "ties_axis": "liens",
        "actor_one": "acteur",
        "partnerships_axis": "partenariats",
        "tie_one": "lien",
        "actors_panel": "Acteurs par famille et catégorie",
        "ties_panel": "Partenariats par type",
        "family": {"enterprises": "entreprises", "collectivities": "collectivités",
                   "research": "recherche et formation", "other": "autres"},
        "presence": {"resident": "résident", "office_hours": "permanences",
                     "meetings": "réunions", "remote": "à distance", None: "non précisée"},
        "kind": {"mutualisation": "mutualisation", "cooperation": "coopération",
                 "partnership": "partenariat"},
        "measure": {"degree": "nombre de partenaires", "betweenness": "intermédiarité",
                    "ties": "nombre de liens", "weighted_degree": "degré pondéré",
                    "pagerank": "PageRank", "eigenvector": "centralité de vecteur propre",
                    "closeness": "proximité", "brokerage": "courtage"},
        # The interactive page's own words.
        "search": "Rechercher un acteur",
        "search_none": "aucun acteur trouvé",
        "filters": "Filtres",
        "date": "Date",
        "all_dates": "toutes dates",
        "details": "Cliquez sur un acteur pour voir sa fiche.",
        "f_category": "Catégorie",
        "f_legal_form": "Forme juridique",
        "f_presence": "Présence",
        "f_status": "Statut",
        "f_roles": "Rôles",
        "f_joined": "Arrivée",
        "f_left": "Départ",
        "f_partnerships": "Partenariats",
        "f_contacts": "Contacts",
        "f_description": "Description",
        "with": "avec",
        "colon": " : ",
        "reset": "Recentrer",
        "offline": "Carte autonome : fonctionne hors ligne, sans aucune ressource externe.",
    },
    "en": {
        "title": "{name}: cooperation map",
        "title_at": "{name}: cooperation map in {at}",
        "composition_title": "{name}: composition of the pole",
        "source": "Source: {source}",
        "source_default": "data of the pole “{name}” (ptce-kit)",
        "family_heading": "Family of actors",
        "presence_heading": "Presence at the site",
        "kind_heading": "Kind of tie",
        "pivot": "pivot structure",
        "directed": "directed tie (from → to)",
        "size_note": "size: {measure}",
        "site": "shared site",
        "no_position": "position unknown",
        "no_tie": "no tie",
        "actors_axis": "actors",
        "ties_axis": "ties",
        "actor_one": "actor",
        "partnerships_axis": "partnerships",
        "tie_one": "tie",
        "actors_panel": "Actors by family and category",
        "ties_panel": "Partnerships by kind",
        "family": {"enterprises": "enterprises", "collectivities": "local authorities and public bodies",
                   "research": "research and training", "other": "other"},
        "presence": {"resident": "resident", "office_hours": "office hours",
                     "meetings": "meetings", "remote": "remote", None: "not stated"},
        "kind": {"mutualisation": "pooling (mutualisation)", "cooperation": "cooperation",
                 "partnership": "partnership"},
        "measure": {"degree": "number of partners", "betweenness": "betweenness",
                    "ties": "number of ties", "weighted_degree": "weighted degree",
                    "pagerank": "PageRank", "eigenvector": "eigenvector centrality",
                    "closeness": "closeness", "brokerage": "brokerage"},
        "search": "Search an actor",
        "search_none": "no actor found",
        "filters": "Filters",
        "date": "Date",
        "all_dates": "all dates",
        "details": "Click an actor to see its card.",
        "f_category": "Category",
        "f_legal_form": "Legal form",
        "f_presence": "Presence",
        "f_status": "Status",
        "f_roles": "Roles",
        "f_joined": "Joined",
        "f_left": "Left",
        "f_partnerships": "Partnerships",
        "f_contacts": "Contacts",
        "f_description": "Description",
        "with": "with",
        "colon": ": ",
        "reset": "Re-centre",
        "offline": "Self-contained map: works offline, with no outside resource.",
    },
}


def check_lang(lang: str) -> str:
    """Return ``lang`` if the map speaks it, else raise a :class:`PoleError`.

    >>> check_lang("en")
    'en'
    """
    if lang not in LANGUAGES:
        raise PoleError.single(Message("unknown language {lang!r}", lang=lang), path=("lang",),
                               hint=N_("choose fr or en"), code="PTCE-E500")
    return lang


def count(n: int, one: str, many: str, lang: str) -> str:
    """``n`` and the noun in the number the language's plural rules choose (:mod:`ptce_kit.grammar`).

    >>> count(0, "acteur", "acteurs", "fr"), count(0, "actor", "actors", "en"), count(1, "lien", "liens", "fr")
    ('0 acteur', '0 actors', '1 lien')
    """
    from ..grammar import count as grammar_count

    return grammar_count(n, one, many, lang)


#: The counts up to which :func:`search_counts` lists the singular ones.  The plural rules of
#: French and English call a count singular only below 2 (0 and 1 in French, 1 in English).
_SINGULAR_BELOW = 100


def search_counts(lang: str) -> dict[str, Any]:
    """The search's « {n} acteur trouvé » in both its forms, and the counts that take the first.

    The page counts the actors it finds in JavaScript: it receives the catalog's singular
    and plural forms (``search_count``) and the counts the language's plural rules
    (:func:`ptce_kit.grammar.plural_category`) call singular (``singular_counts``), and
    writes the first form for those counts, the second for every other.

    Examples
    --------
    >>> search_counts("fr")
    {'search_count': ['{n} acteur trouvé', '{n} acteurs trouvés'], 'singular_counts': [0, 1]}
    >>> search_counts("en")["singular_counts"]
    [1]
    """
    from ..grammar import plural_category

    return {"search_count": [ngettext("{n} actor found", "{n} actors found", 1, lang),
                             ngettext("{n} actor found", "{n} actors found", 2, lang)],
            "singular_counts": [n for n in range(_SINGULAR_BELOW) if plural_category(n, lang) == "one"]}


def text(lang: str) -> dict[str, Any]:
    """The words of the map in ``lang`` (``fr`` or ``en``).

    Categories and statuses are named as in the documents (:mod:`.vocabulary`), so that
    the map's cards and the registry agree; the legend keeps its own shorter words for
    families and presence.
    """
    from ..model import ActorStatus, Category
    from .vocabulary import label

    words = dict(_TEXT[check_lang(lang)])
    words["lang"] = lang
    words.update(search_counts(lang))
    words["category"] = {c.value: label(c, lang) for c in Category}
    words["status"] = {s.value: label(s, lang) for s in ActorStatus}
    return words
