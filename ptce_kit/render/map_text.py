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
from ..i18n import Message, N_, ngettext, pgettext
from .vocabulary import LANGUAGES

__all__ = ["LANGUAGES", "PRESENCE_MARKERS", "KIND_STYLES", "text", "page_text", "check_lang", "count"]


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

def _words(lang: str) -> dict[str, Any]:
    """The map's own words in ``lang``: message ids of the catalogs in the context ``map``."""
    return {
        "title": pgettext("map", "{name}: cooperation map", lang),
        "title_at": pgettext("map", "{name}: cooperation map in {at}", lang),
        "composition_title": pgettext("map", "{name}: composition of the pole", lang),
        "source": pgettext("map", "Source: {source}", lang),
        "source_default": pgettext("map", "data of the pole “{name}” (ptce-kit)", lang),
        "family_heading": pgettext("map", "Family of actors", lang),
        "presence_heading": pgettext("map", "Presence at the site", lang),
        "kind_heading": pgettext("map", "Kind of tie", lang),
        "pivot": pgettext("map", "pivot structure", lang),
        "directed": pgettext("map", "directed tie (from → to)", lang),
        "size_note": pgettext("map", "size: {measure}", lang),
        "site": pgettext("map", "shared site", lang),
        "no_position": pgettext("map", "position unknown", lang),
        "no_tie": pgettext("map", "no tie", lang),
        "actors_axis": pgettext("map", "actors", lang),
        "ties_axis": pgettext("map", "ties", lang),
        "actor_one": pgettext("map", "actor", lang),
        "partnerships_axis": pgettext("map", "partnerships", lang),
        "tie_one": pgettext("map", "tie", lang),
        "actors_panel": pgettext("map", "Actors by family and category", lang),
        "ties_panel": pgettext("map", "Partnerships by kind", lang),
        "family": {"enterprises": pgettext("map", "enterprises", lang), "collectivities": pgettext("map", "local authorities and public bodies", lang), "research": pgettext("map", "research and training", lang), "other": pgettext("map", "other", lang)},
        "presence": {"resident": pgettext("map", "resident", lang), "office_hours": pgettext("map", "office hours", lang), "meetings": pgettext("map", "meetings", lang), "remote": pgettext("map", "remote", lang), None: pgettext("map", "not stated", lang)},
        "kind": {"mutualisation": pgettext("map", "pooling (mutualisation)", lang), "cooperation": pgettext("map", "cooperation", lang), "partnership": pgettext("map", "partnership", lang)},
        "measure": {"degree": pgettext("map", "number of partners", lang), "betweenness": pgettext("map", "betweenness", lang), "ties": pgettext("map", "number of ties", lang), "weighted_degree": pgettext("map", "weighted degree", lang), "pagerank": pgettext("map", "PageRank", lang), "eigenvector": pgettext("map", "eigenvector centrality", lang), "closeness": pgettext("map", "closeness", lang), "brokerage": pgettext("map", "brokerage", lang)},
        # The interactive page's own words.
        "search": pgettext("map", "Search an actor", lang),
        "search_none": pgettext("map", "no actor found", lang),
        "filters": pgettext("map", "Filters", lang),
        "date": pgettext("map", "Date", lang),
        "all_dates": pgettext("map", "all dates", lang),
        "details": pgettext("map", "Click an actor to see its card.", lang),
        "f_category": pgettext("map", "Category", lang),
        "f_legal_form": pgettext("map", "Legal form", lang),
        "f_presence": pgettext("map", "Presence", lang),
        "f_status": pgettext("map", "Status", lang),
        "f_roles": pgettext("map", "Roles", lang),
        "f_joined": pgettext("map", "Joined", lang),
        "f_left": pgettext("map", "Left", lang),
        "f_partnerships": pgettext("map", "Partnerships", lang),
        "f_contacts": pgettext("map", "Contacts", lang),
        "f_description": pgettext("map", "Description", lang),
        "with": pgettext("map", "with", lang),
        "colon": pgettext("map", ": ", lang),
        "reset": pgettext("map", "Re-centre", lang),
        "offline": pgettext("map", "Self-contained map: works offline, with no outside resource.", lang),
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
    from .vocabulary import ROLES, label

    words = _words(check_lang(lang))
    words["category"] = {c.value: label(c, lang) for c in Category}
    words["status"] = {s.value: label(s, lang) for s in ActorStatus}
    # An actor's roles in its card, as the documents name them (« structure porteuse, fondateur »).
    words["role"] = {r: label(r, lang) for r in ROLES}
    typeset: dict[str, Any] = _typeset(words, lang)
    typeset["lang"] = lang
    return typeset


def page_text(lang: str) -> dict[str, Any]:
    """The words of the interactive page: the map's (:func:`text`) and its search's counts
    (:func:`search_counts`, which read the language's plural rules: only the page needs them).

    >>> page_text("en")["singular_counts"], page_text("fr")["family_heading"]
    ([1], 'Famille d’acteurs')
    """
    words = text(lang)
    words.update(_typeset(search_counts(lang), lang))
    return words


class Typeset(str):
    """A format string of the map ("Source : {source}") whose :meth:`format` typesets what it
    makes, the data put into it included, as the documents are (:func:`.typography.french_spacing`).

    >>> Typeset("Source : {source}").format(source="la fiche ; 2014") == "Source\u00a0: la fiche\u202f; 2014"
    True
    """

    __slots__ = ()

    def format(self, *args: Any, **kwargs: Any) -> str:
        from .typography import french_spacing

        return french_spacing(str.format(self, *args, **kwargs))


def _typeset(words: Any, lang: str) -> Any:
    """The map's words with French typography, as the documents print theirs: a no-break space
    before « : », a narrow one before « ; ! ? » and inside « » (DejaVu Sans, the maps' font, has
    both).  The catalogs keep a plain space before « : » (their doctests compare it); the map sets
    its text at render time, as :func:`ptce_kit.render.documents.render_markdown` does.

    >>> _typeset({"title": "{name} : carte", "kind": {"x": "coopération"}, "colon": " : "}, "fr") == {
    ...     "title": "{name}\u00a0: carte", "kind": {"x": "coopération"}, "colon": "\u00a0: "}
    True
    """
    from .typography import NBSP, french_spacing

    if lang != "fr":
        return words
    if isinstance(words, dict):
        # The colon the page puts between a kind and a topic stands alone: its space is the no-break one.
        return {k: NBSP + ": " if k == "colon" else _typeset(v, lang) for k, v in words.items()}
    if isinstance(words, list):
        return [_typeset(v, lang) for v in words]
    if isinstance(words, str):
        spaced = french_spacing(words)
        return Typeset(spaced) if "{" in spaced else spaced
    return words
