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

#: The labels of the form fields, by field name (``within.name`` for a field of a nested record).
LABELS: dict[str, str] = {
    "cadence": N_("Rhythm of its meetings"),
    "every": N_("Every (a number)"),
    "coordinates": N_("Coordinates"),
    "lat": N_("Latitude"),
    "lon": N_("Longitude"),
    "collective": N_("Collective"),
    "collective.count": N_("How many they are"),
    "of": N_("What they are"),
    "operator": N_("Running of the venue"),
    "operator.actor": N_("Run by (actor id)"),
    "contract": N_("Contract"),
    "statutes": N_("Statutes"),
    "purpose": N_("Purpose, as the statutes word it"),
    "collective_interest": N_("Collective interest (SCIC)"),
    "social_utility": N_("Social utility (ESS law, art. 2)"),
    "variable_capital": N_("Variable capital"),
    "reserves_share": N_("Share put into indivisible reserves (%)"),
    "development_fund_share": N_("Share put into the development fund (%)"),
    "retained_share": N_("Share carried forward or put into compulsory reserves (%)"),
    "statutes.source": N_("Which statutes, of when"),
    "facilitation": N_("Facilitation"),
    "facilitation.by": N_("Provided by (actor id)"),
    "amount": N_("How much, in words"),
    "contacts": N_("Contacts (natural persons)"),
    "presences": N_("Presences at the pole's sites"),
    "owners": N_("Owners and their shares"),
    "email": N_("E-mail"),
    "phone": N_("Phone"),
    "contacts.role": N_("Role of the person"),
    "contacts.name": N_("Name of the person"),
    "legal_representative": N_("Legal representative"),
    "site": N_("Site (id)"),
    "presences.presence": N_("Presence at the site"),
    "owners.actor": N_("Owner (actor id)"),
    "share": N_("Share of the capital (%)"),
    "form": N_("Legal form of the pole"),
    "decision_rule": N_("Decision rule"),
    "form_history": N_("Earlier legal forms"),
    "form_history.form": N_("Legal form"),
    "legal_acts": N_("Legal acts (leases, statutes, agreements)"),
    "legal_acts.kind": N_("Kind of act"),
    "parties": N_("Parties (ids)"),
    "bodies": N_("Bodies and meetings"),
    "bodies.name": N_("Name of the body"),
    "bodies.members": N_("Members (ids, or all)"),
    "format": N_("How it meets"),
    "bodies.role": N_("What it decides"),
    "colleges": N_("Colleges and their votes"),
    "colleges.name": N_("Name of the college"),
    "members": N_("Members (ids)"),
    "colleges.weight": N_("Share of the votes (%, or unknown)"),
    "members_known": N_("Members all listed"),
    "count": N_("Number of members"),
    "associate_categories": N_("Categories of associates"),
    "associate_categories.name": N_("Name of the category"),
    "associate_categories.kind": N_("Kind of associates"),
    "capital_share": N_("Share of the capital (%)"),
    "decisions": N_("Decisions"),
    "date": N_("Date"),
    "title": N_("Title"),
    "decisions.body": N_("Body that took it"),
    "value": N_("Value"),
    "min": N_("Minimum"),
    "max": N_("Maximum"),
    "at_least": N_("At least"),
    "unit": N_("Unit"),
    "approximate": N_("Approximate"),
    "period": N_("Period"),
    "year": N_("Year"),
    "scope": N_("Scope"),
    "actor": N_("Actor (id)"),
    "source": N_("From the actor"),
    "id": N_("Identifier"),
    "name": N_("Name"),
    "category": N_("Category (ESS law, art. 9)"),
    "status": N_("Status in the pole"),
    "ess": N_("ESS enterprise"),
    "legal_form": N_("Legal form (in words)"),
    "legal_form_code": N_("INSEE legal category (4 digits)"),
    "siren": N_("SIREN (9 digits)"),
    "siret": N_("SIRET (14 digits)"),
    "presence": N_("Presence at the pole's place"),
    "roles": N_("Roles"),
    "joined": N_("Date of joining the pole"),
    "left": N_("Date of leaving the pole"),
    "commune": N_("Commune (INSEE code, postal code or name)"),
    "description": N_("Description"),
    "website": N_("Website"),
    "legal_person": N_("Legal person"),
    "part_of": N_("Part of (id)"),
    "created": N_("Date of creation"),
    "ceased": N_("Date of cessation"),
    "ceased_how": N_("How it ceased"),
    "successor": N_("Successor (id)"),
    "article": N_("Article of the name"),
    "gender": N_("Gender of the name"),
    "number": N_("Number of the name"),
    "naf": N_("NAF code rev. 2"),
    "naf_2025": N_("NAF 2025 code"),
    "acronym": N_("Acronym"),
    "rna": N_("RNA number"),
    "address": N_("Address"),
    "headcount_band": N_("Headcount band"),
    "employer": N_("Employer"),
    "mission_company": N_("Mission-driven company"),
    "actors": N_("Actors (ids)"),
    "kind": N_("Form of cooperation"),
    "topic": N_("Subject"),
    "resources": N_("What is shared"),
    "directed": N_("Directed (from one actor to another)"),
    "target": N_("To the actor"),
    "since": N_("Since"),
    "until": N_("Until"),
    "weight": N_("Intensity"),
    "participants_known": N_("Participants all known"),
    "participants": N_("Number of participants"),
    "duration": N_("Duration"),
    "chain": N_("Chain (actors in order)"),
    "start": N_("Start"),
    "end": N_("End"),
    "jobs": N_("Jobs"),
}

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
    message = LABELS.get(f"{within}.{name}") if within else None
    message = message or LABELS.get(name)
    return gettext(message, lang) if message else name


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
