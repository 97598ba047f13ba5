"""The words of the data format's values, in one place: labels in French and English, words accepted.

Every coded value a person reads or types (categories, statuses, presence, kinds of ties,
resources, governance forms, project statuses, units of a cadence) has here its label (a
message id, written in the reader's language through the catalogs) and the words accepted
for it as input, French or English, compared without accents, capitals or punctuation: the
command line, the spreadsheet import and the documents all read this table.

Examples
--------
>>> value_of("category", "Association loi 1901"), value_of("category", "SCIC"), value_of("presence", "Résident")
('ess_enterprise', 'ess_enterprise', 'resident')
>>> value_of("kind", "coopération"), value_of("resources", "Locaux"), value_of("category", "Collectivité")
('cooperation', 'premises', 'local_authority')
>>> label("category", "local_authority", "fr"), label("category", "local_authority", "en")
('collectivité territoriale', 'local authority')
>>> partial_date("15/03/2025"), partial_date("03/2025"), partial_date("mars 2025"), partial_date("1er avril 2024")
('2025-03-15', '2025-03', '2025-03', '2024-04-01')
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Self

from ..errors import Invalid
from ..i18n import LANGUAGES, Message, N_, gettext

__all__ = ["FIELDS", "LABELS", "WORDS", "normalise", "value_of", "parse", "label", "accepted", "partial_date",
           "parse_date", "MONTHS", "LEGAL_FORMS", "legal_form"]

#: Each coded field: its values, each with its label (a message id; English, French in the catalog).
LABELS: dict[str, dict[str, str]] = {
    "category": {
        "ess_enterprise": N_("ESS enterprise"), "enterprise": N_("enterprise"),
        "local_authority": N_("local authority"), "research_centre": N_("research centre"),
        "higher_education": N_("higher education"), "training_body": N_("training body"),
        "public_body": N_("public body"), "person": N_("natural person"), "other": N_("other"),
    },
    "status": {"member": N_("member"), "partner": N_("partner"), "prospective": N_("prospective")},
    # Labels that stand alone (a list of accepted words, « présence : à distance → réunions au pôle »),
    # so none leans on a « y » with nothing before it.
    "presence": {"resident": N_("resident at the site"), "office_hours": N_("office hours at the site"),
                 "meetings": N_("meetings at the site"), "remote": N_("remote")},
    "kind": {"mutualisation": N_("mutualisation"), "cooperation": N_("cooperation"), "partnership": N_("partnership")},
    "resources": {
        "premises": N_("premises"), "staff": N_("staff"), "equipment": N_("equipment"), "purchasing": N_("purchasing"),
        "funding": N_("funding"), "knowledge": N_("knowledge"), "services": N_("services"), "training": N_("training"),
        "market": N_("markets"), "other": N_("other means"),
    },
    "form": {"informal": N_("informal"), "association": N_("association"), "scic": N_("SCIC"), "gie": N_("GIE"),
             "cooperative": N_("cooperative"), "other": N_("other form")},
    "project_status": {"planned": N_("planned"), "active": N_("active"), "completed": N_("completed"),
                       "abandoned": N_("abandoned")},
    "unit": {"day": N_("day"), "week": N_("week"), "month": N_("month"), "year": N_("year")},
    "family": {"enterprises": N_("enterprises"), "collectivities": N_("local authorities and public bodies"),
               "research": N_("research, higher education and training"), "other": N_("other actors")},
}

#: What each field is called in a message ("… is not a category ptce-kit knows").
FIELDS: dict[str, str] = {
    "category": N_("category"), "status": N_("status"), "presence": N_("presence"), "kind": N_("kind of tie"),
    "resources": N_("resource"), "form": N_("governance form"), "project_status": N_("project status"),
    "unit": N_("unit"), "family": N_("family"),
}

# Words people write for a value, besides the value itself and its labels in both languages
# (all compared through :func:`normalise`).
_MORE_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "category": {
        "ess_enterprise": ("entreprise de l ess", "entreprise ess", "ess", "structure de l ess", "structure ess",
                           "association", "association loi 1901", "asso", "scop", "sarl scop", "sa scop", "scic",
                           "sas scic", "cooperative", "cooperative ess", "mutuelle", "fondation",
                           "entreprise d insertion", "ei", "esat", "siae", "structure d insertion", "ess enterprise"),
        "enterprise": ("entreprise", "entreprise classique", "societe", "sarl", "sas", "sa", "company", "business"),
        "local_authority": ("collectivite", "collectivite territoriale", "collectivite locale", "commune", "mairie",
                            "ville", "departement", "region", "epci", "communaute de communes",
                            "communaute d agglomeration", "metropole", "intercommunalite"),
        "research_centre": ("centre de recherche", "laboratoire", "labo", "recherche", "research"),
        "higher_education": ("enseignement superieur", "universite", "ecole", "grande ecole", "university"),
        "training_body": ("organisme de formation", "formation", "of", "training"),
        "public_body": ("organisme public", "etablissement public", "service public", "administration", "etat",
                        "public"),
        "person": ("personne", "personne physique", "particulier", "benevole", "individual"),
        "other": ("autre", "autres"),
    },
    "status": {"member": ("membre", "adherent", "adherente", "associe", "associee"),
               "partner": ("partenaire",),
               "prospective": ("prospect", "pressenti", "pressentie", "en cours", "futur membre", "annonce",
                               "candidat", "prospective member")},
    "presence": {"resident": ("resident", "residente", "residents", "implante", "implantee", "implante au pole",
                              "heberge", "hebergee", "sur place", "locataire"),
                 "office_hours": ("permanence", "permanences", "tient des permanences", "y tient des permanences",
                                  "office hours"),
                 "meetings": ("reunion", "reunions", "y tient ses reunions"),
                 "remote": ("a distance", "distance", "distant", "exterieur")},
    "kind": {"mutualisation": ("mutualisation", "mutualise", "mise en commun", "pooling"),
             "cooperation": ("cooperation", "cooperer", "cooperatif"),
             "partnership": ("partenariat", "partenaire")},
    "resources": {"premises": ("locaux", "local", "batiment", "bureaux", "lieu"),
                  "staff": ("personnel", "salaries", "emplois", "ressources humaines", "rh"),
                  "equipment": ("equipement", "equipements", "materiel", "outils", "vehicules"),
                  "purchasing": ("achats", "achat", "achats groupes", "groupement d achats"),
                  "funding": ("financement", "financements", "fonds", "subventions", "pret", "prets"),
                  "knowledge": ("connaissances", "savoir faire", "savoirs", "expertise", "competences"),
                  "services": ("service", "prestations"),
                  "training": ("formation", "formations"),
                  "market": ("marche", "marches", "clients", "debouches", "commercialisation", "markets"),
                  "other": ("autre", "autres", "autres moyens")},
    "form": {"informal": ("informel", "sans structure", "aucune", "none"),
             "association": ("association", "association loi 1901", "asso"),
             "scic": ("scic", "sas scic", "sarl scic", "cooperative d interet collectif",
                      "societe cooperative d interet collectif"),
             "gie": ("gie", "groupement d interet economique"),
             "cooperative": ("cooperative", "scop", "cae"),
             "other": ("autre", "autre forme")},
    "project_status": {"planned": ("prevu", "prevue", "en projet", "a venir", "envisage"),
                       "active": ("en cours", "actif", "active", "ouvert"),
                       "completed": ("acheve", "achevee", "termine", "terminee", "fini", "done"),
                       "abandoned": ("abandonne", "abandonnee", "arrete", "arretee")},
    "unit": {"day": ("jour", "jours", "days"), "week": ("semaine", "semaines", "weeks"),
             "month": ("mois", "months"), "year": ("an", "ans", "annee", "annees", "years")},
    "family": {"enterprises": ("entreprises",), "collectivities": ("collectivites",), "research": ("recherche",),
               "other": ("autres",)},
}


def normalise(word: str) -> str:
    """A word as it is compared: no accents, lower case, punctuation and spaces as single spaces.

    Examples
    --------
    >>> normalise("  Collectivité  territoriale "), normalise("Entreprise de l'ESS"), normalise("office_hours")
    ('collectivite territoriale', 'entreprise de l ess', 'office hours')
    """
    plain = unicodedata.normalize("NFKD", re.sub(r"[’‘`´]", " ", str(word))).encode("ascii", "ignore").decode().casefold()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def _words() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for field, labels in LABELS.items():
        words: dict[str, str] = {}
        for value, msgid in labels.items():
            for word in (value, msgid, *(gettext(msgid, lang) for lang in LANGUAGES), *_MORE_WORDS[field].get(value, ())):
                words.setdefault(normalise(word), value)
        table[field] = words
    return table


#: field -> normalised word -> value: every word accepted for a value, French or English.
WORDS: dict[str, dict[str, str]] = {}


def value_of(field: str, word: str) -> str | None:
    """The value of ``field`` that ``word`` names (French or English, any case or accents), or ``None``."""
    if not WORDS:
        WORDS.update(_words())
    return WORDS[field].get(normalise(word))


#: Labels of what a summary says but a file never holds: a status or a legal form not stated.
_SHOWN_ONLY: dict[str, dict[str, str]] = {"status": {"unstated": N_("status not stated")},
                                          "form": {"unstated": N_("legal form not stated")}}


def label(field: str, value: str, lang: str | None = None) -> str:
    """The label of a value in ``lang`` (the value itself when it has none)."""
    msgid = LABELS.get(field, {}).get(str(value)) or _SHOWN_ONLY.get(field, {}).get(str(value))
    return gettext(msgid, lang) if msgid else str(value)


def accepted(field: str, lang: str | None = None) -> str:
    """The values of ``field`` as a reader of ``lang`` writes them, with their codes: ``label (code), …``."""
    return ", ".join(f"{label(field, value, lang)} ({value})" if normalise(label(field, value, lang)) != normalise(value)
                     else value for value in LABELS[field])


def parse(field: str, word: Any) -> str:
    """The value of ``field`` for ``word``; :class:`~ptce_kit.errors.Invalid` (with the accepted words) if none.

    Examples
    --------
    >>> parse("status", "Partenaire")
    'partner'
    >>> parse("status", "ami")
    Traceback (most recent call last):
    ...
    ptce_kit.errors.Invalid: 'ami' is not a status ptce-kit knows: write member, partner or prospective (in French or English)
    """
    value = value_of(field, str(word))
    if value is None:
        raise Invalid(Message("{word!r} is not a {field} ptce-kit knows: write {words} (in French or English)",
                              word=str(word), field=Message(FIELDS[field]), words=_AcceptedWords(field)),
                      code="PTCE-E306")
    return value


class _AcceptedWords(Message):
    """The accepted words of a field, written in the language of the message around them."""

    field: str

    def __new__(cls, field: str) -> Self:
        self = super().__new__(cls, "{words}", words=accepted(field, "en"))
        self.field = field
        return self

    def render(self, lang: str | None = None) -> str:
        words = [label(self.field, value, lang) for value in LABELS[self.field]]
        return ", ".join(words[:-1]) + " " + gettext("or", lang) + " " + words[-1] if len(words) > 1 else words[0]


#: The months as French and English write them, and their numbers.
MONTHS: dict[str, int] = {
    **{name: i for i, name in enumerate(
        ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
         "novembre", "decembre"], 1)},
    **{name: i for i, name in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
         "november", "december"], 1)},
    "janv": 1, "fevr": 2, "fev": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
}


def partial_date(text: Any) -> str:
    """A date as people write it, as the format's ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (unchecked).

    Accepted: ISO dates, ``15/03/2025``, ``15.03.2025``, ``03/2025``, ``mars 2025``, ``15 mars 2025``,
    ``1er mars 2025``, ``March 2025``, and a spreadsheet's ``2025-03-15 00:00:00``.  Anything else
    is returned as it is, for the format's own check to explain.
    """
    value = str(text).strip()
    if m := re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", value):
        return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    if m := re.fullmatch(r"(\d{1,2})[/.](\d{4})", value):
        return f"{m[2]}-{int(m[1]):02d}"
    if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})[ T]00:00(:00)?", value):
        return m[1]
    words = normalise(value).split()
    if words and words[-1].isdigit() and len(words[-1]) == 4:
        *head, year = words
        if len(head) == 1 and head[0] in MONTHS:
            return f"{year}-{MONTHS[head[0]]:02d}"
        if len(head) == 2 and head[1] in MONTHS and re.fullmatch(r"\d{1,2}(er)?", head[0]):
            return f"{year}-{MONTHS[head[1]]:02d}-{int(head[0].removesuffix('er')):02d}"
    return value


def parse_date(text: Any) -> str:
    """:func:`partial_date`, checked: a real ``YYYY[-MM[-DD]]`` date, else :class:`~ptce_kit.errors.Invalid`.

    Examples
    --------
    >>> parse_date("15 mars 2025")
    '2025-03-15'
    """
    from .identifiers import check_partial_date

    value = partial_date(text)
    try:
        return check_partial_date(value)
    except ValueError:
        raise Invalid(Message("{value!r} is not a date ptce-kit can read: write 2025, 2025-03, 2025-03-15, "
                              "15/03/2025, 03/2025 or 'mars 2025'", value=str(text)), code="PTCE-E307") from None



#: Legal forms as founders write them: the words the file keeps for each (``legal_form``, in the
#: order typed: « SCOP SARL » stays so), and
#: INSEE's catégorie juridique (``legal_form_code``) when the words name exactly one (« SCOP »
#: alone may be a SARL or an SA: no code).  The words kept are the ones ptce-kit's criteria read
#: (a SCOP, an association déclarée, a SARL are legal persons; an entrepreneur individuel is not).
LEGAL_FORMS: dict[str, tuple[str, str | None]] = {
    "scop": ("SCOP", None), "sarl scop": ("SARL SCOP", "5458"), "scop sarl": ("SCOP SARL", "5458"),
    "sa scop": ("SA SCOP", None), "scop sa": ("SCOP SA", None), "sas scop": ("SAS SCOP", None),
    "scop sas": ("SCOP SAS", None), "societe cooperative de production": ("SCOP", None),
    "societe cooperative et participative": ("SCOP", None), "cooperative ouvriere de production": ("SCOP", None),
    "scic": ("SCIC", None), "sas scic": ("SAS SCIC", None), "scic sas": ("SCIC SAS", None),
    "sarl scic": ("SARL SCIC", None), "scic sarl": ("SCIC SARL", None), "sa scic": ("SA SCIC", None),
    "scic sa": ("SCIC SA", None), "cooperative d interet collectif": ("SCIC", None),
    "societe cooperative d interet collectif": ("SCIC", None),
    "cae": ("CAE (coopérative d'activité et d'emploi)", None), "cuma": ("CUMA", "6316"),
    "cooperative": ("coopérative", None), "societe cooperative": ("coopérative", None),
    "cooperative agricole": ("coopérative agricole", None),
    "association": ("association", None), "association declaree": ("association déclarée", "9220"),
    "association loi 1901": ("association déclarée (loi 1901)", "9220"), "asso": ("association", None),
    "association non declaree": ("association non déclarée", "9210"),
    "association de fait": ("association non déclarée", "9210"),
    "association loi 1908": ("association de droit local (Alsace-Moselle)", None),
    "mutuelle": ("mutuelle", "8210"), "fondation": ("fondation", "9300"), "fonds de dotation": ("fonds de dotation", None),
    "gie": ("GIE", "6220"), "groupement d interet economique": ("GIE", "6220"),
    "sarl": ("SARL", "5499"), "eurl": ("EURL", None), "sas": ("SAS", "5710"), "sasu": ("SASU", None),
    "sa": ("SA", None), "snc": ("SNC", "5202"), "sas a mission": ("SAS (société à mission)", "5710"),
    "societe a mission": ("société à mission", None),
    "entreprise individuelle": ("entrepreneur individuel", "1000"),
    "entrepreneur individuel": ("entrepreneur individuel", "1000"), "ei": ("entrepreneur individuel", "1000"),
    "micro entrepreneur": ("micro-entrepreneur", "1000"), "micro entreprise": ("micro-entrepreneur", "1000"),
    "auto entrepreneur": ("micro-entrepreneur", "1000"),
    "commune": ("commune", "7210"), "departement": ("département", "7220"), "region": ("région", "7230"),
    "communaute de communes": ("communauté de communes", "7346"),
    "communaute d agglomeration": ("communauté d'agglomération", "7348"),
    "epic": ("EPIC (établissement public industriel et commercial)", None),
    "epa": ("EPA (établissement public administratif)", None), "syndicat mixte": ("syndicat mixte", None),
}


def legal_form(word: str) -> tuple[str, str | None] | None:
    """The ``legal_form`` words and the ``legal_form_code`` (or ``None``) for a legal form as people write it.

    ``None`` when the words are not a form ptce-kit knows (they are then kept as typed).

    Examples
    --------
    >>> legal_form("Scop"), legal_form("association loi 1901"), legal_form("S.A.R.L.")
    (('SCOP', None), ('association déclarée (loi 1901)', '9220'), ('SARL', '5499'))
    >>> legal_form("société X") is None
    True
    """
    key = normalise(word)
    return LEGAL_FORMS.get(key) or LEGAL_FORMS.get(key.replace(" ", ""))
