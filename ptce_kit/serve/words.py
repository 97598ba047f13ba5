"""Every word the workspace shows: message ids in English, their French in the gettext catalogs.

Templates call ``_("key")`` and the code :func:`word`: a key names one message id of
:data:`WORDS` (English, marked with ``N_`` for the catalogs), which :mod:`ptce_kit.i18n`
gives in the page's language; French by default.  The labels of the form fields are in
:data:`LABELS`.  The words that name the data's codes (categories, statuses, tie kinds…)
are those of the documents, :mod:`ptce_kit.render.vocabulary`.
"""

from __future__ import annotations

from collections.abc import Callable

from ..i18n import N_, Figure, Message, N_plural, PluralId, gettext
from ..model.field_labels import LABELS
from ..model.field_labels import field_label as plain_field_label

__all__ = ["LANGUAGES", "WORDS", "LABELS", "TYPED_WORDS", "word", "field_label", "translator", "choose_language",
           "typed_word", "typed_code"]

LANGUAGES = ("fr", "en")

#: The workspace's words and sentences, by key: their message ids.
WORDS: dict[str, str | PluralId] = {
    "group_field": N_("{group}: {field}"),
    "workspace": N_("Pole workspace"),
    "nav.dashboard": N_("Dashboard"),
    "nav.actors": N_("Actors"),
    "nav.partnerships": N_("Partnerships"),
    "nav.projects": N_("Projects"),
    "nav.indicators": N_("Indicators"),
    "nav.governance": N_("Governance"),
    "gov.form": N_("Form"),
    "gov.rule": N_("Decision rule"),
    "gov.colleges": N_("Colleges"),
    "gov.weight": N_("Weight of the votes"),
    "gov.bodies": N_("Bodies"),
    "gov.college": N_("College"),
    "gov.no_college": N_("— no college —"),
    "gov.in_form": N_("The governance is edited below, as the format describes it: its form, its decision rule, its statutes, its facilitation, and each list a row a record (a body with the rhythm of its meetings, a college with its members and its share of the votes). An actor's college can also be chosen in its own form."),
    "rows.remove": N_("Take out"),
    "rows.hint": N_("One row a record; fill the last row to add one, tick « Remove » to take one away."),
    "rows.personal": N_("Personal data (GDPR): the contacts are shown only in this workspace and left out of the documents meant for sharing."),
    "add_indicator": N_("Add an indicator"),
    "nav.map": N_("Map"),
    "nav.documents": N_("Documents"),
    "nav.import": N_("Import"),
    "import.file": N_("Members' spreadsheet (CSV or XLSX)"),
    "import.help": N_("French or English headers (see members-template.csv); CSV in UTF-8 or Windows-1252, separated by ';' or ','. Nothing is written before you choose the rows."),
    "import.read": N_("Read the spreadsheet"),
    "import.preview": N_("Here is what {name} would do, row by row. Untick the rows to refuse, then import."),
    "import.keep": N_("Import"),
    "import.row": N_("Row"),
    "import.fate": N_("Effect"),
    "import.added": N_("added"),
    "import.updated": N_("updated"),
    "import.unchanged": N_("unchanged"),
    "import.rejected": N_("rejected"),
    "import.diff": N_("The changes to the file"),
    "import.apply": N_("Import the rows ticked"),
    # TRANSLATORS: {added} is "3 actors added", {updated} is "2 updated" (the messages below).
    "import.done": N_("{added}, {updated} in {file}."),
    "import.added_count": N_plural("{n} actor added", "{n} actors added"),
    "import.updated_count": N_plural("{n} updated", "{n} updated"),
    "import.completed_count": N_plural("{n} completed", "{n} completed"),
    "import.refused_rows": N_("Rows not imported:"),
    "import.kind": N_("Choose a .csv or .xlsx file."),
    "import.sirene_file": N_("SIRENE extract (INSEE's stock files, or the company search service's CSV/JSON)"),
    "import.sirene_help": N_("As ptce import-sirene: units are added or completed; sole traders and units INSEE does not diffuse are left out."),
    "import.sirene_kind": N_("Choose a .csv, .json, .gz or .zip extract (a file name without spaces)."),
    "import.sirene_preview": N_("Here is what the extract {name} would do, row by row. Untick the rows to refuse, then import."),
    "import.sirene_apply": N_("Import the extract"),
    # TRANSLATORS: {added} is "3 actors added", {completed} is "2 completed" (the messages above).
    "import.sirene_done": N_("{added}, {completed} in {file}."),
    "import.expired": N_("This spreadsheet is no longer in memory: send it again."),
    "import.changed": N_("The pole's file changed since the spreadsheet was read: nothing was written. Send the spreadsheet again to see what it would do now."),
    "skip": N_("Skip to content"),
    "language": N_("Language"),
    "offline": N_("Local workspace: the pole's data stays on this computer."),
    "file": N_("File"),
    "count.actors": N_("actors"),
    "count.members": N_("members"),
    "count.partnerships": N_("partnerships"),
    "count.projects": N_("projects"),
    "count.colleges": N_("colleges"),
    "problems": N_("Problems to fix"),
    "no_problems": N_("The file is valid: no problem."),
    "warnings": N_("Warnings"),
    "verdicts": N_("PTCE criteria (ptce check)"),
    "criterion": N_("Criterion"),
    "verdicts.open": N_("See the criteria"),
    "verdict.pass": N_("met"),
    "verdict.warn": N_("to watch"),
    "verdict.fail": N_("not met"),
    "verdict.unknown": N_("the data is missing"),
    "verdict": N_("Verdict"),
    "explanation": N_("Explanation"),
    "changes": N_("Changed since the last commit"),
    "no_changes": N_("Nothing changed since the last commit."),
    "not_git": N_("The folder is not a git repository: changes are not tracked."),
    "fix": N_("fix"),
    "search": N_("Search"),
    "filter": N_("Filter"),
    "all": N_("all"),
    "category": N_("Category"),
    "status": N_("Status"),
    "kind": N_("Kind"),
    "name": N_("Name"),
    "actors": N_("Actors"),
    "add": N_("Add"),
    "add_actor": N_("Add an actor"),
    "add_partnership": N_("Add a partnership"),
    "add_project": N_("Add a project"),
    "edit": N_("Edit"),
    "save": N_("Save"),
    "remove": N_("Remove"),
    "cancel": N_("Cancel"),
    "none_yet": N_("None yet."),
    "shown": N_("shown"),
    "yes": N_("yes"),
    "no": N_("no"),
    "unknown": N_("— not given —"),
    "required": N_("required"),
    "list_hint": N_("Separate the values with commas."),
    "date_hint": N_("YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2024 or 2024-03."),
    "saved": N_("Saved in {file}."),
    "unchanged": N_("Nothing to save: {file} is unchanged."),
    "removed": N_("{item} was removed from {file}."),
    "reformatted": N_("The layout of {file} could not be kept line by line: it was written in ptce-kit's own layout (comments kept)."),
    "not_saved": N_("Nothing was saved: fix the fields marked."),
    "conflict.title": N_("The file changed while you were editing it"),
    "conflict.body": N_("{file} was changed on disk (by ptce, a text editor or git) since this form was opened. Nothing was written, so as not to erase that change. Here is what changed; what you typed is kept below: check it and save again."),
    "remove.title": N_("Remove {item}?"),
    "remove.refs": N_("Other records of the pole refer to {item}. Remove them with it:"),
    "remove.none": N_("No other record refers to {item}."),
    "remove.confirm": N_("Remove for good"),
    "remove.cascade": N_("Remove {item} and these references"),
    "not_in_form": N_("The other fields (contacts, presences at several sites, owners…) are edited in the file; the form keeps them as they are."),
    "found.title": N_("Found a pole"),
    "found.intro": N_("There is no pole.yaml here. Answer these questions (those of ptce new) to create the pole's folder."),
    "found.submit": N_("Create the pole"),
    "found.done": N_("The pole was created in {folder}."),
    "map.title": N_("Cooperation map"),
    "map.downloads": N_("Download the static map"),
    "map.open": N_("Open the map on its own"),
    "docs.title": N_("Documents"),
    "docs.preview": N_("Preview"),
    "docs.download": N_("Download"),
    "doc.charter": N_("Charter"),
    "doc.registry": N_("Member registry"),
    "doc.fiche": N_("Pole fact sheet"),
    "doc.report": N_("Activity report {year}"),
    "docs.public": N_("Public registry: without contacts or the data of natural persons."),
    "docs.full": N_("Full registry: with the contacts (names, roles, e-mails, phones) and natural persons; not to be shared."),
    "docs.no_pdf": N_("The PDF needs WeasyPrint (pip install 'ptce-kit[pdf]')."),
    "error.title": N_("Refused"),
    "error.token": N_("This page needs the session's token. Open the address ptce serve printed in the terminal (it ends with ?token=…)."),
    "error.host": N_("Host name refused: open the workspace at the address ptce serve printed."),
    "error.origin": N_("Request from another site: refused."),
    "error.csrf": N_("The form has expired or does not come from this workspace: reload the page and try again."),
    "error.path": N_("Path refused: the workspace reads and writes only in the pole's folder."),
    "error.too_large": N_("Upload too large (over {limit} MB): refused."),
    "error.not_found": N_("Page not found."),
    "error.no_pole": N_("This pole cannot be read: fix the file (see the problems below)."),
    "field.siret": N_("Invalid SIRET: it has 14 digits, the last being a check digit. Look for a typo (annuaire-entreprises.data.gouv.fr)."),
    "field.siren": N_("Invalid SIREN: it has 9 digits, the last being a check digit."),
    "field.date": N_("Invalid date: write YYYY, YYYY-MM or YYYY-MM-DD."),
    "field.required": N_("This field is required."),
    "field.number": N_("A number is expected."),
    "field.id_taken": N_("This id is already taken."),
    "field.commune_none": N_("No commune has this name or postal code: type its INSEE code (5 characters), its postal code or its name."),
    "field.commune_many": N_("Several communes answer: {choices}. Type the INSEE code of the right one."),
}

#: The labels of the form fields: :data:`ptce_kit.model.field_labels.LABELS` (shared with the commands).

#: The words a number or a list of ids may be instead (a college's weight "unknown", a body's members
#: "all"), by the code the data stores: the form shows and reads them in the page's language.
TYPED_WORDS: dict[str, str] = {"unknown": N_("unknown"), "all": N_("all")}
#: Other forms a French user types for them (agreement with « part », « voix »…).
_TYPED_OTHERS = {"unknown": ("inconnue", "inconnus", "inconnues"), "all": ("toutes", "tout")}


def typed_word(lang: str, code: str) -> str:
    """The word the form shows for ``code`` (« inconnu », « tous » in French; the code in English).

    >>> typed_word("fr", "unknown"), typed_word("fr", "all"), typed_word("en", "all")
    ('inconnu', 'tous', 'all')
    """
    message = TYPED_WORDS.get(code)
    return gettext(message, lang if lang in LANGUAGES else "fr") if message else code


def typed_code(text: str, codes: tuple[str, ...]) -> str | None:
    """The code among ``codes`` that ``text`` names, in either language, with or without capitals.

    >>> typed_code("Inconnue", ("unknown",)), typed_code("TOUS", ("all",)), typed_code("all", ("all",))
    ('unknown', 'all', 'all')
    >>> typed_code("12", ("unknown",)) is None
    True
    """
    said = text.strip().casefold()
    for code in codes:
        words = {code, *(typed_word(lang, code) for lang in LANGUAGES), *_TYPED_OTHERS.get(code, ())}
        if said in {w.casefold() for w in words}:
            return code
    return None


def field_label(lang: str, name: str, within: str | None = None) -> str:
    """The label of a form field: in French its French name, in English the format's own key.

    ``within`` is the list of nested records the field belongs to (``colleges``…), whose own
    label of the field comes first.

    Examples
    --------
    >>> field_label("fr", "joined"), field_label("en", "joined"), field_label("fr", "unheard_of")
    ('Date d’entrée dans le pôle', 'joined', 'unheard_of')
    """
    if lang == "en":
        return name
    group, _, sub = name.partition(".")
    if sub:  # a field of a single nested record: « Rythme des réunions : Tous les (un nombre) »
        inner = LABELS.get(name) or LABELS.get(sub)
        return word(lang, "group_field", group=field_label(lang, group, within),
                    field=gettext(inner, lang) if inner else sub)
    return plain_field_label(lang, name, within)


def word(lang: str, key: str, **values: object) -> str:
    """The word or sentence ``key`` in ``lang``, with ``{name}`` placeholders filled.

    Examples
    --------
    >>> word("fr", "saved", file="pole.yaml")
    'Enregistré dans pole.yaml.'
    >>> word("en", "nav.map")
    'Map'
    >>> [word(lang, "import.added_count", n=n) for lang, n in (("fr", 1), ("fr", 0), ("en", 0))]
    ['1 acteur ajouté', '0 acteur ajouté', '0 actors added']
    """
    message = LABELS[key[6:]] if key.startswith("label.") and key not in WORDS else WORDS[key]
    lang = lang if lang in LANGUAGES else "fr"
    if isinstance(message, PluralId):  # a count: the form its number takes (« 1 acteur ajouté »)
        n = values.pop("n")
        return message.render(int(n), lang, **values)  # type: ignore[call-overload]
    text = gettext(message, lang)
    # Figures, dates and messages among the values are written in the page's language (« 2,5 Mo »).
    shown = {key: value.render(lang) if isinstance(value, (Figure, Message)) else value for key, value in values.items()}
    return text.format(**shown) if values else text


def translator(lang: str) -> Callable[..., str]:
    """A gettext-like ``_`` for the templates of one language: ``_("key", name=value)``."""

    def _(key: str, **values: object) -> str:
        return word(lang, key, **values)

    return _


def choose_language(chosen: str | None, accept_language: str | None, pole_language: str | None) -> str:
    """The workspace's language: the user's choice, else the browser's, else the pole's; French by default.

    Examples
    --------
    >>> choose_language(None, "en-GB,en;q=0.9,fr;q=0.5", "fr")
    'en'
    >>> choose_language(None, "de-DE,de;q=0.9", "en")
    'en'
    >>> choose_language(None, None, None)
    'fr'
    >>> choose_language("fr", "en", "en")
    'fr'
    """
    if chosen in LANGUAGES:
        return chosen
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            ranked.append((-quality, index, primary))
    if ranked:
        return min(ranked)[2]
    return pole_language if pole_language in LANGUAGES else "fr"
