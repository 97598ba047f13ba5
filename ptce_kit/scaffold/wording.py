"""What ``ptce new``, the template and ``ptce serve``'s founding form say: every word, as catalog messages.

Each question of the cookiecutter-ptce template has here its *prompt* (the terminal's
question, in the gettext context :data:`CONTEXT`: its French wording is, word for word, the
one ``cookiecutter.json`` shows to a plain ``cookiecutter`` run, and tests/cookiecutter
fails when the two drift apart), its *label* (the web form's, which says "leave empty"
where the terminal says "press Enter"), a *help* sentence, and for a menu the label of each
entry (context :data:`CONTEXT` too).  The messages of the answers' checks are here as well,
with the codes they carry (``PTCE-E600``, ``PTCE-E610`` to ``PTCE-E612``).  Everything is a
message id (English) written in the reader's language only when shown.

Examples
--------
>>> prompt("legal_form", "fr"), prompt("legal_form", "en")
('Forme juridique du pôle lui-même', 'Legal form of the pole itself')
>>> choice_label("legal_form", "scic", "fr")
'SCIC (société coopérative d’intérêt collectif)'
>>> choice_value("legal_form", "Association loi 1901"), choice_value("pivot_category", "Scop")
('association', 'ess_enterprise')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..i18n import LANGUAGES, N_, NP_, gettext, pgettext

__all__ = ["CONTEXT", "Wording", "QUESTIONS", "prompt", "label", "help_text", "choice_label", "choice_names",
           "choice_value", "choice_words", "YES_WORDS", "NO_WORDS"]

#: The gettext context of the terminal's prompts and of the menus' entries.
CONTEXT = "ptce new"


@dataclass(frozen=True)
class Wording:
    """The words of one question: message ids, written in the reader's language when shown."""

    #: The terminal's question (context :data:`CONTEXT`); French: ``cookiecutter.json``'s prompt.
    prompt: str
    #: The web form's label of the field.
    label: str
    #: One or two sentences on what the answer is for.
    help: str
    #: For a menu: each value's label (context :data:`CONTEXT`), in the menu's order.
    choices: Mapping[str, str] = field(default_factory=dict)
    #: The field of :mod:`ptce_kit.model.vocabulary` whose accepted words a menu also takes.
    vocabulary: str | None = None


#: Every question of the template, by key, in the template's order.
QUESTIONS: dict[str, Wording] = {
    "pole_name": Wording(
        NP_("ptce new", "Short name of the pole (as people say it, accents included)"),
        N_("Short name of the pole (as people say it, accents included)"),
        N_("The name people use for the pole; its identifier and the name of its folder are made from it.")),
    "pole_article": Wording(
        NP_("ptce new", "Article of the pole's name in a French sentence (« le Pôle Sud », « la Coopérative du Val », "
                        "« l’Archipel »); press Enter alone for none"),
        N_("Article of the pole's name in a French sentence (none if the name stands alone)"),
        N_("How French documents say the pole's name: « le Pôle des Coopérations », « de la Coopérative du Val », "
           "« l’Archipel ». With none, the name is written alone (« Pôle Sud », « de Pôle Sud »)."),
        {"none": NP_("ptce new", "None: the name stands alone (« Pôle Sud », « de Pôle Sud »)"),
         "le": NP_("ptce new", "le: « le Pôle des Coopérations », « du Pôle des Coopérations »"),
         "la": NP_("ptce new", "la: « la Coopérative du Val », « de la Coopérative du Val »"),
         "l-m": NP_("ptce new", "l’, a masculine name: « l’Archipel », « de l’Archipel »"),
         "l-f": NP_("ptce new", "l’, a feminine name: « l’Usine solidaire », « de l’Usine solidaire »"),
         "les-m": NP_("ptce new", "les, a masculine plural name: « les Ateliers du Val », « des Ateliers du Val »"),
         "les-f": NP_("ptce new", "les, a feminine plural name: « les Fabriques du Val », « des Fabriques du Val »")}),
    "long_name": Wording(
        NP_("ptce new", "Long name of the pole (press Enter alone if there is none)"),
        N_("Long name of the pole (leave empty if it has none)"),
        N_("The pole's full name, as its statutes or its letters write it, if it has one.")),
    "territory_name": Wording(
        NP_("ptce new", "Territory of the pole: communes, pays, employment area… (press Enter alone to describe it later)"),
        N_("Territory of the pole: communes, pays, employment area… (leave empty to describe it later)"),
        N_("How the pole names its territory; its main commune, département and région come next.")),
    "commune_name": Wording(
        NP_("ptce new", "Main commune, where the pole's place is (press Enter alone for later)"),
        N_("Main commune, where the pole's place is (leave empty for later)"),
        N_("The commune where the pole meets or has its premises.")),
    "commune_insee": Wording(
        NP_("ptce new", "INSEE code of that commune (5 characters, not the postal code; Nantes: 44109)"),
        N_("INSEE code of that commune (5 characters, not the postal code; Nantes: 44109)"),
        N_("The commune's code in INSEE's Code officiel géographique (on insee.fr), not its postal code.")),
    "departement_name": Wording(
        NP_("ptce new", "Département (press Enter alone for later)"),
        N_("Département (leave empty for later)"),
        N_("The département of the pole's territory, e.g. Drôme.")),
    "region_name": Wording(
        NP_("ptce new", "Region (press Enter alone for later)"),
        N_("Region (leave empty for later)"),
        N_("The région of the pole's territory, e.g. Auvergne-Rhône-Alpes.")),
    "pivot_name": Wording(
        NP_("ptce new", "Name of the pivot, the structure that carries the pole (press Enter alone if it is not chosen yet)"),
        N_("Name of the pivot, the structure that carries the pole (leave empty if not chosen yet)"),
        N_("The structure that carries the pole (it often employs its facilitator); it becomes the first actor "
           "of pole.yaml.")),
    "pivot_category": Wording(
        NP_("ptce new", "What kind of structure is the pivot?"),
        N_("What kind of structure is the pivot?"),
        N_("Its kind, among those the law on the ESS names as the members of a PTCE."),
        {"ess_enterprise": NP_("ptce new", "Enterprise of the social and solidarity economy (association, cooperative, SIAE…)"),
         "enterprise": NP_("ptce new", "Other enterprise"),
         "local_authority": NP_("ptce new", "Local authority"),
         "public_body": NP_("ptce new", "Public body (mission locale, France Travail…)"),
         "research_centre": NP_("ptce new", "Research centre"),
         "higher_education": NP_("ptce new", "Higher-education institution"),
         "training_body": NP_("ptce new", "Training body"),
         "other": NP_("ptce new", "Other")},
        vocabulary="category"),
    "legal_form": Wording(
        NP_("ptce new", "Legal form of the pole itself"),
        N_("Legal form of the pole itself"),
        N_("The pole's own legal form, not its pivot's: many poles begin as an informal group. Not stated "
           "yet writes no form in pole.yaml."),
        {"later": NP_("ptce new", "Not stated yet: to write in pole.yaml later"),
         "informal": NP_("ptce new", "None for now: an informal group"),
         "association": NP_("ptce new", "Association (loi 1901)"),
         "scic": NP_("ptce new", "SCIC (cooperative society of collective interest)"),
         "gie": NP_("ptce new", "GIE (economic interest grouping)"),
         "cooperative": NP_("ptce new", "Other cooperative")},
        vocabulary="form"),
    "meeting_cadence_weeks": Wording(
        NP_("ptce new", "The members meet every how many weeks? (1 to 52; press Enter alone for later)"),
        N_("The members meet every how many weeks? (1 to 52; leave empty for later)"),
        N_("How often the members meet, in weeks; it goes into the pole's governance.")),
    "language": Wording(
        NP_("ptce new", "Language of the pole's documents (charter, registry, fiche)"),
        N_("Language of the pole's documents (charter, registry, fiche)"),
        N_("The language of the charter, the members' registry and the fiche."),
        {"fr": NP_("ptce new", "French"), "en": NP_("ptce new", "English")}),
    "with_examples": Wording(
        NP_("ptce new", "Copy the members and partnerships of Pôle Sud, ptce-kit's example, as a model to replace? (yes or no)"),
        N_("Copy the members and partnerships of Pôle Sud, ptce-kit's example, as a model to replace?"),
        N_("Pôle Sud's members show what a full pole.yaml looks like, to be replaced by yours; the answer is no "
           "unless you say yes.")),
}

#: Words that answer yes or no, in French and English (compared in lower case).
YES_WORDS = frozenset({"1", "true", "t", "yes", "y", "on", "oui", "o"})
NO_WORDS = frozenset({"0", "false", "f", "no", "n", "off", "non"})
#: Words a language is also typed as, besides its labels.
_LANGUAGE_WORDS = {"fr": ("fr", "francais", "french"), "en": ("en", "anglais", "english")}

# --- the messages of the answers' checks (ids; written in the reader's language) -----------
EMPTY = N_("the answer is empty: type a name, e.g. 'Pôle des Coopérations du Val'")
TEMPLATE_SYNTAX = N_("'{text}' holds '{{{{', '{{%', '{{#' or their closing, which the template would read as "
                     "instructions")
TEMPLATE_SYNTAX_HINT = N_("remove these braces: an answer is plain text")
TOO_LONG = N_("the answer is too long ({length} characters, {most} at most)")
TOO_LONG_HINT = N_("keep a short name: the details go into pole.yaml afterwards")
BAD_CHARACTER = N_("the answer holds a line break, a line separator or a control character (U+{point})")
BAD_CHARACTER_HINT = N_("type it on one line, without that character")
NOT_ONE_VALUE = N_("the answer is a list or a table")
NOT_ONE_VALUE_HINT = N_("give one value, a text or a number")
SLUG_ESCAPES = N_("'{text}' holds '/', '\\' or '..': an identifier becomes a folder's name and must not leave "
                  "the destination folder")
SLUG_BAD = N_("'{text}' cannot be an identifier")
SLUG_HINT = N_("type lower-case letters without accents, digits and hyphens (one between two words), e.g. '{suggestion}'")
INSEE_BAD = N_("'{text}' is not the INSEE code of a commune")
INSEE_HINT = N_("it has 5 characters, digits (or 2A / 2B then 3 digits in Corsica), e.g. 44109 for Nantes; it is "
                "not the postal code: look the commune up in the Code officiel géographique on insee.fr")
INSEE_UNKNOWN = N_("'{text}' is the INSEE code of no commune ({vintage}); it may be a postal code")
INSEE_UNKNOWN_HINT = N_("look the commune up in the Code officiel géographique on insee.fr")
INSEE_GUESS = N_("did you mean {communes}? Look the commune up in the Code officiel géographique on insee.fr")
CADENCE_BAD = N_("'{text}' is not a meeting cadence")
CADENCE_HINT = N_("type a whole number of weeks from 1 to {most}, e.g. 6 for a meeting every six weeks")
YES_NO_BAD = N_("'{text}' is not a yes-or-no answer")
YES_NO_HINT = N_("type yes or no (in French or English: oui, non, yes, no)")
CHOICE_BAD = N_("'{text}' is not one of the choices")
CHOICE_HINT = N_("type a number from 1 to {count}, or one of: {words}")
PIVOT_CLASH = N_("the pivot would have the identifier '{pivot}', already taken by a member of Pôle Sud's example")
PIVOT_CLASH_HINT = N_("give it another name, or start without the example members")
INSEE_MISSING = N_("the INSEE code of '{commune}' is missing")
INSEE_MISSING_HINT = N_("type its 5 characters (not the postal code: look the commune up in the Code officiel "
                        "géographique on insee.fr), or leave the commune empty too, to describe it later")
COMMUNE_MISSING = N_("the INSEE code '{insee}' is given without the name of its commune")
COMMUNE_MISSING_HINT = N_("give that name too (commune_name)")
TERRITORY_MISSING = N_("the commune, the département or the région is given, but not the name of the pole's territory")
TERRITORY_MISSING_HINT = N_("give it too (territory_name), e.g. the name of the employment area")
PIVOT_ID_EMPTY = N_("the pivot's identifier is empty")
PIVOT_ID_EMPTY_HINT = N_("give one (pivot_id=…), or let it be made from its name")
EXAMPLES_WITHOUT_PIVOT = N_("Pôle Sud's example members belong to the pivot, which has no name")
EXAMPLES_WITHOUT_PIVOT_HINT = N_("give it (pivot_name=…), or answer no to the example members")
NOT_A_QUESTION = N_("'{key}' is not a question of the template")
NOT_A_QUESTION_HINT = N_("remove it or correct its name; the questions are {keys}")
NAME_MISSING = N_("the pole's name is missing")
NAME_MISSING_HINT = N_("give it, e.g. pole_name=\"Pôle des Coopérations du Val\"")

# --- what ptce new says while it asks ------------------------------------------------------
SLUG_SHOWN = N_("identifier of the pole and name of its folder: {slug}")
INSEE_ASKED = N_("the INSEE code of '{commune}' is missing: type its 5 characters (it is not the postal code), "
                 "or '-' to describe the commune later")
CHOOSE = N_("Choose from 1 to {count}")
HELP_ASKED = N_("(type ? for help)")
CREATED = N_("created: {path}")


def prompt(key: str, lang: str | None = None) -> str:
    """The terminal's question ``key`` in ``lang`` (the key itself for a question without wording)."""
    wording = QUESTIONS.get(key)
    return pgettext(CONTEXT, wording.prompt, lang) if wording else key


def label(key: str, lang: str | None = None) -> str:
    """The web form's label of question ``key`` in ``lang``."""
    wording = QUESTIONS.get(key)
    return gettext(wording.label, lang) if wording else key


def help_text(key: str, lang: str | None = None) -> str:
    """The help of question ``key`` in ``lang`` (empty for a question without wording)."""
    wording = QUESTIONS.get(key)
    return gettext(wording.help, lang) if wording else ""


def choice_label(key: str, value: str, lang: str | None = None) -> str:
    """The menu's label of ``value`` for question ``key`` in ``lang`` (the value itself when it has none)."""
    wording = QUESTIONS.get(key)
    msgid = wording.choices.get(value) if wording else None
    return pgettext(CONTEXT, msgid, lang) if msgid else value


def choice_names(label: str) -> tuple[str, str]:
    """The label of a menu entry and its short name (before " (" or " :"): both may be typed.

    Examples
    --------
    >>> choice_names("SCIC (société coopérative d'intérêt collectif)")
    ("SCIC (société coopérative d'intérêt collectif)", 'SCIC')
    """
    short = re.split(r"\s+\(|\s*:\s", label, maxsplit=1)[0].strip()
    return label, short


def choice_words(key: str, value: str) -> set[str]:
    """Every word (normalised) that names ``value`` in the menu ``key``: in French and English, short or whole."""
    from ..model.vocabulary import WORDS, normalise, value_of

    words = {normalise(value)}
    for lang in LANGUAGES:
        words |= {normalise(name) for name in choice_names(choice_label(key, value, lang))}
    if key == "language":
        words |= set(_LANGUAGE_WORDS.get(value, ()))
    wording = QUESTIONS.get(key)
    if wording and wording.vocabulary:
        value_of(wording.vocabulary, value)  # fills the table on first use
        words |= {word for word, named in WORDS[wording.vocabulary].items() if named == value}
    return words


def choice_value(key: str, typed: str, values: tuple[str, ...] | None = None) -> str | None:
    """The value of the menu ``key`` that ``typed`` names, or ``None``.

    ``values`` are the menu's entries (default: those of the wording); the words of a
    menu's own labels win over the vocabulary's (where "SCIC" is also an ESS enterprise).
    """
    from ..model.vocabulary import normalise

    wording = QUESTIONS.get(key)
    entries = values if values is not None else tuple(wording.choices if wording else ())
    word = normalise(typed)
    if not word:
        return None
    for value in entries:  # a value's own name, or one of its labels
        names = {normalise(value)} | {normalise(n) for lang in LANGUAGES
                                      for n in choice_names(choice_label(key, value, lang))}
        if word in names:
            return value
    for value in entries:
        if word in choice_words(key, value):
            return value
    return None
