"""Errors a user can cause, each carrying located problems.

Every problem names the file, the line and column (when known), the field path, a stable
code (``PTCE-E…`` for errors, ``PTCE-W…`` for warnings, listed with their fix in
:data:`CODES` and ``docs/problems.md``) and what to do about it, so that a volunteer editing
``pole.yaml`` by hand can fix it without reading Python.  Messages and hints are kept as
:class:`~ptce_kit.i18n.Message` (an id and its parameters) and written in the reader's
language when shown.  Only the CLI turns these errors into exit codes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Self

from .i18n import Message, N_, ngettext, render

__all__ = ["ANSWERS", "CODES", "IN_MEMORY", "Invalid", "Problem", "PoleError", "format_path", "problems_markdown"]

Text = str | Message

#: What the location of a problem says when the data was read from no file (none given, or
#: the ``<input>`` the readers name text they were handed): « (données en mémoire) ».
IN_MEMORY = N_("(data in memory)")
#: The file name of the answers to ``ptce new`` (typed, given as KEY=VALUE, or a configuration's
#: defaults), written « (réponses à ptce new) » where a problem is located.
ANSWERS = "<answers>"
#: The names that stand for no file, and how a location writes them in the reader's language.
_NO_FILE: dict[str | None, str] = {None: IN_MEMORY, "<input>": IN_MEMORY, ANSWERS: N_("(answers to ptce new)")}


#: Every problem code: code -> (what it means, how to fix it), message ids written in the
#: reader's language by :func:`problems_markdown` and ``docs/problems.md``.  ``PTCE-E0…``: the
#: file itself; ``E1…``: a field's value; ``E2…``: references between records; ``E3…``:
#: spreadsheets and imports; ``E4…``: outputs; ``E5…``: documents, maps and tables; ``E6…``:
#: a new pole's folder; ``E9…``: the installation.  A code, once published, keeps its meaning.
CODES: dict[str, tuple[str, str]] = {
    # the file
    "PTCE-E001": (N_("the folder holds no pole data file"),
                  N_("put the pole's data in pole.yaml inside the folder, or give the file's path")),
    "PTCE-E002": (N_("a folder was given where a file is expected"), N_("give the path of pole.yaml inside it")),
    "PTCE-E003": (N_("the path is a pipe, a device or a socket"), N_("give the path of a pole.yaml or pole.json file")),
    "PTCE-E004": (N_("the file does not exist"), N_("check the path (its spelling, the current folder)")),
    "PTCE-E005": (N_("the file cannot be read"), N_("check its permissions, or that the disk holding it is there")),
    "PTCE-E006": (N_("the file is larger than ptce-kit reads"),
                  N_("check that this is the right file; to read a larger pole, set PTCE_MAX_FILE_MB")),
    "PTCE-E007": (N_("the file is not UTF-8 text"), N_("save it as UTF-8 in your editor ('Save with encoding… UTF-8')")),
    "PTCE-E008": (N_("the file is binary, not text"), N_("give the pole's pole.yaml (a text file)")),
    "PTCE-E010": (N_("JSON syntax error"), N_("check the commas, quotes and brackets at the line shown")),
    "PTCE-E011": (N_("YAML syntax error"), N_("check the indentation (spaces, no tabs) and the quotes at the line shown")),
    "PTCE-E012": (N_("a key appears twice in the same mapping"), N_("remove or rename one of the two")),
    "PTCE-E013": (N_("the file declares YAML 1.1 or 1.0"), N_("remove the %YAML line: ptce-kit reads YAML 1.2")),
    "PTCE-E014": (N_("the data is nested too deeply"), N_("check the brackets and the indentation")),
    "PTCE-E015": (N_("YAML aliases expand to too much data"), N_("write the data out instead of repeating it through aliases")),
    "PTCE-E016": (N_("the data contains itself (a YAML alias inside its own anchor)"),
                  N_("remove the alias that points back to its enclosing anchor")),
    "PTCE-E017": (N_("a number has more than 4300 digits"), N_("put an identifier or a long code in quotes")),
    "PTCE-E020": (N_("the file is empty"), N_("start from examples/pole_sud/pole.yaml or run 'ptce new'")),
    "PTCE-E021": (N_("the top of the file is not a mapping of fields"),
                  N_("start the file with 'format: ptce/1' then 'id:', 'name:'…")),
    "PTCE-E022": (N_("unknown format version"), N_("write 'format: ptce/1', or upgrade ptce-kit")),
    # a field's value
    "PTCE-E100": (N_("unknown field"), N_("fix the field's name (the message suggests the closest one) or remove it")),
    "PTCE-E101": (N_("a required field is missing"), N_("add the field named in the message")),
    "PTCE-E102": (N_("a value that is not among the allowed ones"), N_("use one of the values the hint lists")),
    "PTCE-E103": (N_("a number or a list where text is expected"), N_("put the value in quotes")),
    "PTCE-E104": (N_("a text is too long"), N_("shorten it; a long text belongs in a 'description' or in the narrative")),
    "PTCE-E105": (N_("a text is empty"), N_("write it, or remove the line if the field is optional")),
    "PTCE-E106": (N_("a value is not a usable number"), N_("write a figure such as 12 or 3.5")),
    "PTCE-E107": (N_("a number is out of range"), N_("write a number within the bounds the hint gives")),
    "PTCE-E108": (N_("a list is expected"), N_("write the items under the key, each on a line starting with '- '")),
    "PTCE-E109": (N_("a mapping (key: value lines) is expected"), N_("write the fields under the key, indented")),
    "PTCE-E110": (N_("not a valid identifier"), N_("use lower-case letters, digits and single hyphens, e.g. groupe-archer")),
    "PTCE-E111": (N_("not an INSEE commune code"), N_("write the 5 characters of the commune's code, e.g. 26281")),
    "PTCE-E112": (N_("not a valid SIREN"), N_("check the 9 digits on annuaire-entreprises.data.gouv.fr")),
    "PTCE-E113": (N_("not a valid SIRET"), N_("check the 14 digits on annuaire-entreprises.data.gouv.fr")),
    "PTCE-E114": (N_("not an INSEE catégorie juridique"), N_("write its 4 digits, e.g. 5458 for a SARL SCOP")),
    "PTCE-E115": (N_("not a real date"), N_("write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2014-07-31")),
    "PTCE-E116": (N_("a text holds a control character"), N_("remove it (it often comes from a copy and paste)")),
    "PTCE-E117": (N_("not a web address"), N_("write it whole, starting with https://")),
    "PTCE-E118": (N_("not an e-mail address"), N_("write name@example.org")),
    "PTCE-E119": (N_("not a sensible figure"), N_("write a number of a sensible size")),
    "PTCE-E120": (N_("the SIRET does not belong to the SIREN"), N_("a SIRET starts with its SIREN's 9 digits: fix one of them")),
    "PTCE-E121": (N_("two dates in the wrong order"), N_("fix one of the two dates")),
    "PTCE-E122": (N_("an actor is listed twice"), N_("list each actor once")),
    "PTCE-E123": (N_("a directed partnership's 'source' or 'target' is wrong"),
                  N_("give 'source' and 'target', two actors of the partnership, with 'directed: true'")),
    "PTCE-E124": (N_("the colleges' weights are incomplete or do not add up to 100 %"),
                  N_("give a weight to every college or to none, adding up to 100")),
    "PTCE-E125": (N_("a declared personal field is wrong"), N_("name an optional field that exists")),
    "PTCE-E126": (N_("a field says how an actor ceased, but not when"), N_("add 'ceased' with the date (a year is enough)")),
    "PTCE-E127": (N_("a record refers to itself"), N_("give the id of another actor")),
    "PTCE-E128": (N_("two fields of a record contradict each other"), N_("keep the one that is true and remove the other")),
    "PTCE-E129": (N_("shares add up to more than 100 %"), N_("fix the shares so that they add up to 100 % at most")),
    "PTCE-E130": (N_("a code France's reference geography does not know, or that names another place"),
                  N_("use the code the message suggests (INSEE's Code officiel géographique, the EPCI's SIREN)")),
    "PTCE-E131": (N_("a count is smaller than the list it counts, or disagrees with it"),
                  N_("give the whole count, at least the number of items listed")),
    "PTCE-E132": (N_("a figure is given in no way, or in several"),
                  N_("give 'value', or 'min' and 'max' for a range, or 'at_least' for a lower bound")),
    "PTCE-E133": (N_("not a NAF code"), N_("write it as INSEE does: 2 digits, a point, 2 digits and a letter, e.g. 88.99B")),
    "PTCE-E134": (N_("not an RNA number"), N_("write W and 9 digits, e.g. W261000123")),
    "PTCE-E135": (N_("not an ISO 4217 currency code"), N_("write its 3 capital letters, e.g. EUR")),
    "PTCE-E136": (N_("not a duration"), N_("write a number and a unit, e.g. '3 ans', '18 mois'")),
    "PTCE-E137": (N_("not a field path"), N_("write field names separated by dots, e.g. actors[ateliers].joined")),
    "PTCE-E138": (N_("not a college's weight"), N_("write a percentage such as 30, or 'unknown'")),
    "PTCE-E139": (N_("a partnership joins fewer than two actors"),
                  N_("add the other actors, or say 'participants_known: false' when they are not all known")),
    "PTCE-E140": (N_("not a contract's duration, or a duration of 0"),
                  N_("write a number greater than 0 and a unit, e.g. '12 ans', '6 mois', '2 years'")),
    "PTCE-E199": (N_("a value is not valid here"), N_("follow the hint, or see docs/format.md for the field")),
    # references between records
    "PTCE-E200": (N_("a reference to an actor that does not exist"),
                  N_("fix the id (the message suggests the closest one) or add the actor")),
    "PTCE-E201": (N_("two records have the same id"), N_("give each one its own id")),
    "PTCE-E202": (N_("an actor is in two colleges"), N_("a member belongs to one college: remove it from one")),
    "PTCE-E203": (N_("a tie starts after one of its actors left the pole"), N_("fix the tie's 'since' or the actor's 'left'")),
    "PTCE-E204": (N_("two actors have the same SIRET"),
                  N_("an establishment is one actor: merge the two, or fix the SIRET of one")),
    "PTCE-E205": (N_("a reference to a site that does not exist"),
                  N_("use the id of one of the pole's sites, or describe the place under 'sites'")),
    "PTCE-E206": (N_("units inside one another make a circle (part_of)"),
                  N_("one of the actors of the circle is not a unit: remove its 'part_of'")),
    "PTCE-E207": (N_("an associate is in two categories"), N_("an associate belongs to one category: remove it from one")),
    "PTCE-E208": (N_("a series gives two figures for the same year"),
                  N_("keep one figure per year; keep disagreeing sources in 'variants'")),
    "PTCE-E209": (N_("a tie starts after one of its actors ceased to exist"),
                  N_("fix the tie's 'since' or the actor's 'ceased'")),
    "PTCE-E210": (N_("a variant names no field of the pole, or its chosen value is not the field's"),
                  N_("name a field that is set, and make 'chosen' its value")),
    # editing a pole, spreadsheets and imports
    "PTCE-E300": (N_("no actor, partnership or project has this id"), N_("check the id (the hint lists the known ones)")),
    "PTCE-E301": (N_("no college has this name"), N_("check the name, or describe the colleges under governance.colleges")),
    "PTCE-E302": (N_("a record with this id already exists"), N_("choose another --id, or change the existing one")),
    "PTCE-E303": (N_("an actor's id cannot be changed"), N_("add a new member, move the references, then remove the old one")),
    "PTCE-E304": (N_("other records refer to the actor to remove"),
                  N_("remove those references first, or run again with --cascade")),
    "PTCE-E305": (N_("the actor to add is already in the pole (same SIRET, same SIREN, or same name)"),
                  N_("update the existing actor with 'ptce member update', or add --allow-duplicate")),
    "PTCE-E306": (N_("a word that names no value of the field"), N_("use one of the words the hint lists (French or English)")),
    "PTCE-E307": (N_("a date ptce-kit cannot read"), N_("write 2025, 2025-03, 2025-03-15, 15/03/2025, 03/2025 or 'mars 2025'")),
    "PTCE-E310": (N_("the CSV file cannot be read"), N_("check the quotes on the line shown")),
    "PTCE-E311": (N_("the spreadsheet file cannot be read"), N_("save the sheet again as .xlsx or as CSV")),
    "PTCE-E312": (N_("the spreadsheet is too large"), N_("keep the members' table alone in the sheet, or save it as CSV")),
    "PTCE-E313": (N_("the spreadsheet holds no members' table"),
                  N_("start from docs/modele-membres.csv: one header row, one row per member")),
    "PTCE-E314": (N_("two columns of the spreadsheet are the same field"), N_("keep one of them")),
    "PTCE-E315": (N_("the pole file cannot be locked for editing (another command edits it, or its lock file is "
                     "not ptce's)"), N_("wait for the other command, or delete the lock file the message names")),
    "PTCE-E316": (N_("the pole file is read-only"), N_("make it writable first (chmod u+w), then run the command again")),
    "PTCE-E320": (N_("the SIRENE extract cannot be read, or is not one"),
                  N_("give INSEE's files (StockUniteLegale, StockEtablissement) or the company search service's CSV "
                     "or JSON, as they were downloaded")),
    "PTCE-E321": (N_("a cell of a SIRENE extract is not valid"), N_("fix the cell shown, or export the extract again")),
    "PTCE-E322": (N_("the SIRENE files given cannot be read together, or filtered as asked"),
                  N_("give the files the hint names together, or leave out the filter")),
    "PTCE-E323": (N_("a unit or an establishment is twice in the SIRENE extract"), N_("remove the duplicate row")),
    # outputs
    "PTCE-E400": (N_("ptce will not write this output there"),
                  N_("choose another file name, delete or move the file first, or add --force when the hint offers it")),
    "PTCE-E401": (N_("no output name given"), N_("give with -o the name of the file or folder to write")),
    "PTCE-E402": (N_("the output folder is missing or cannot be made"), N_("create the folder first, or choose another path")),
    "PTCE-E403": (N_("the output could not be written (disk full, permissions…); nothing was written"),
                  N_("free some space or write elsewhere, then run the command again")),
    "PTCE-E404": (N_("the output folder holds files of someone else"),
                  N_("choose a new folder, or add --force to write among those files")),
    "PTCE-E420": (N_("the pseudonym secret cannot be used"),
                  N_("give the key file 'ptce anonymize' made (--secret-file), private to you (chmod 600)")),
    # documents, maps and tables
    "PTCE-E500": (N_("a language ptce-kit does not speak"), N_("choose fr or en")),
    "PTCE-E501": (N_("no pole of a comparison could be read"), N_("fix the files named above, then run the command again")),
    "PTCE-E502": (N_("a map cannot be written in that file format"),
                  N_("name the output .png, .svg or .pdf (or use --html for the interactive map)")),
    "PTCE-E503": (N_("a map over time was asked with no date"), N_("give at least one year, e.g. 2014 2018 2024")),
    "PTCE-E504": (N_("the 'geo' layout has no coordinates to place the actors"),
                  N_("give actors (or the site) coordinates, or choose another layout")),
    # warnings: the file is valid, something in it is probably wrong
    "PTCE-W130": (N_("the code of a former commune (merged, or now a commune déléguée)"),
                  N_("write the code of today's commune, or keep the former one for data about the time before")),
    "PTCE-W131": (N_("a code and a name that do not match in France's reference geography"),
                  N_("fix the name or the code, as the hint says")),
    "PTCE-W132": (N_("a commune without its INSEE code"), N_("add the commune's code (the hint gives it when the name is known)")),
    "PTCE-W133": (N_("a place outside the territory's EPCI, département or région"),
                  N_("check the commune's code, or the territory's EPCI, département and région")),
    "PTCE-W134": (N_("an EPCI whose SIREN and name do not match, or without its SIREN"), N_("write the SIREN and the name the hint gives")),
    # a new pole's folder
    "PTCE-E600": (N_("an answer holds the template's own syntax ({{, {% or {#)"),
                  N_("remove the braces: answers are plain text")),
    "PTCE-E601": (N_("recorded answers that cannot be used (a key that is no question, a private setting)"),
                  N_("remove the key, or give the .cruft.json of a pole made by 'ptce new'")),
    "PTCE-E602": (N_("a cookiecutter configuration that cannot be used"),
                  N_("fix the setting named, or leave out --config-file")),
    "PTCE-E603": (N_("the template could not make the pole's folder"), N_("reinstall ptce-kit and run the command again")),
    "PTCE-E610": (N_("an answer to a question of 'ptce new' that is not one of the words it accepts (a menu, yes or no)"),
                  N_("type the menu's number or one of the words the hint lists, in French or English")),
    "PTCE-E611": (N_("an answer to a question of 'ptce new' that cannot be used as typed (empty, too long, not an "
                     "identifier, an INSEE code or a number of weeks, a hidden character)"),
                  N_("type the answer again as the hint says")),
    "PTCE-E612": (N_("two answers to 'ptce new' that do not go together (a commune without its code, example members "
                     "without a pivot…)"),
                  N_("give the missing answer, or leave out the one it goes with")),
    "PTCE-E613": (N_("an argument of 'ptce new' that is not an answer written KEY=VALUE"),
                  N_("write each answer as KEY=VALUE, e.g. pole_name=\"Pôle Nord\", with quotes around a value "
                     "with spaces")),
    # the installation
    "PTCE-E900": (N_("an optional part of ptce-kit is not installed"), N_("install it as the hint says")),
}


def format_path(path: tuple[str | int, ...]) -> str:
    """Render a field path the way a user reads it.

    Examples
    --------
    >>> format_path(("actors", 3, "siret"))
    'actors[3].siret'
    >>> format_path(())
    '(top level)'
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or render(N_("(top level)"))


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, and where.

    ``line`` and ``column`` are 1-based, as editors show them.  ``message`` and ``hint``
    are message ids (or :class:`~ptce_kit.i18n.Message`), written in the current language
    when shown; ``code`` is the stable code of the kind of problem (a key of :data:`CODES`).
    """

    message: Text
    path: tuple[str | int, ...] = ()
    file: str | None = None
    line: int | None = None
    column: int | None = None
    hint: Text | None = None
    code: str | None = None

    def __post_init__(self) -> None:
        if self.code is not None and self.code not in CODES:
            raise ValueError(f"unknown problem code {self.code!r}: add it to ptce_kit.errors.CODES")

    def text(self, lang: str | None = None) -> str:
        """The message in ``lang`` (default: the current language)."""
        return render(self.message, lang)

    def hint_text(self, lang: str | None = None) -> str | None:
        """The hint in ``lang`` (default: the current language), if any."""
        return render(self.hint, lang) if self.hint is not None else None

    def location(self, lang: str | None = None) -> str:
        """``file:line:column``, with whatever parts are known.

        Data read from no file is located « (données en mémoire) » / "(data in memory)",
        in ``lang`` (default: the current language).

        Examples
        --------
        >>> Problem("x", line=3).location("fr"), Problem("x", file="pole.yaml", line=3, column=2).location()
        ('(données en mémoire):3', 'pole.yaml:3:2')
        """
        from .i18n import gettext

        parts = [gettext(_NO_FILE[self.file], lang) if self.file in _NO_FILE else str(self.file)]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        text = f"{self.location()}: {format_path(self.path)}: {self.text()}"
        if self.code:
            text += f" [{self.code}]"
        hint = self.hint_text()
        if hint:
            text += "\n  " + render(Message("hint: {hint}", hint=hint))
        return text

    def to_dict(self, lang: str | None = None) -> dict[str, object]:
        """A JSON-friendly form, for ``--json`` output (message and hint in ``lang``)."""
        return {
            "code": self.code,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": format_path(self.path),
            "message": self.text(lang),
            "hint": self.hint_text(lang),
        }


@dataclass
class PoleError(Exception):
    """Raised when an input cannot be used; carries every problem found at once."""

    problems: list[Problem] = field(default_factory=list)
    summary: Text = N_("the pole data is not valid")

    def __post_init__(self) -> None:
        super().__init__(self.summary)

    def summary_text(self, lang: str | None = None) -> str:
        """The summary in ``lang`` (default: the current language)."""
        return render(self.summary, lang)

    def __str__(self) -> str:
        count = len(self.problems)
        counted = ngettext("{count} problem", "{count} problems", count).format(count=count)
        lines = [f"{self.summary_text()} ({counted})"]
        lines.extend(str(p) for p in self.problems)
        return "\n".join(lines)

    @classmethod
    def single(
        cls, message: Text, *, file: str | os.PathLike[str] | None = None, hint: Text | None = None,
        path: tuple[str | int, ...] = (), line: int | None = None, column: int | None = None,
        code: str | None = None,
    ) -> Self:
        """An error with one problem, for the common case."""
        problem = Problem(message=message, path=path, file=str(file) if file is not None else None,
                          line=line, column=column, hint=hint, code=code)
        return cls([problem], summary=message)


class FileProblemError(PoleError):
    """The file itself cannot be read or parsed (missing, not text, bad syntax)."""


class ValidationProblemError(PoleError):
    """The file parses but its content breaks a rule of the data format."""


class Invalid(ValueError):
    """A value refused by a check: its message (an id and parameters), its code and hint.

    Raised inside pydantic validators, it becomes one located :class:`Problem` with the
    same code, written in the reader's language when shown.

    Examples
    --------
    >>> str(Invalid(N_("the file is empty"), code="PTCE-E020"))
    'the file is empty'
    """

    def __init__(self, message: Text, *, code: str | None = None, hint: Text | None = None) -> None:
        super().__init__(message)
        if code is not None and code not in CODES:
            raise ValueError(f"unknown problem code {code!r}: add it to ptce_kit.errors.CODES")
        self.message, self.code, self.hint = message, code, hint

    def __str__(self) -> str:
        return render(self.message)


def problems_markdown(lang: str = "en") -> str:
    """``docs/problems.md``: every problem code with what it means and its fix, in ``lang``."""
    from .i18n import gettext

    def cell(text: str) -> str:
        return gettext(text, lang).replace("|", "\\|")

    lines = [
        "# " + gettext(N_("Problem codes"), lang),
        "",
        gettext(N_("Every problem ptce-kit reports about a file carries one of these codes (shown in brackets "
                   "after the message, and as \"code\" in the --json output of ptce validate), so that a program "
                   "or a test can match the kind of problem whatever the language of the messages."), lang),
        "",
        "<!-- generated from ptce_kit.errors.CODES: python -m ptce_kit.cli.catalogs problems -->",
        "",
        "| code | " + gettext(N_("problem"), lang) + " | " + gettext(N_("what to do"), lang) + " |",
        "| --- | --- | --- |",
    ]
    lines += [f"| `{code}` | {cell(what)} | {cell(fix)} |" for code, (what, fix) in sorted(CODES.items())]
    return "\n".join(lines) + "\n"

