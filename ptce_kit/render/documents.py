"""A pole's documents from its data: the charter, the member registry and the fiche.

Each document is a Jinja2 template over ``templates/`` that writes Markdown; HTML, PDF,
ODT and DOCX are derived from that Markdown, and the registry is also written as CSV.
Templates see the pole, a few ready-made views of it and filters that make user text
safe (``md``, ``cell``, ``text``) and well written (``date``, ``number``, ``label``,
``names``); whatever a template prints without them is escaped as Markdown all the
same (:func:`environment`).  A folder given as ``templates`` overrides any bundled
template or clause that has the same relative path (Jinja's ``ChoiceLoader``).

Examples
--------
>>> from ptce_kit.model import Pole
>>> pole = Pole(id="demo", name="Démo", actors=[
...     {"id": "a", "name": "A <b>", "category": "ess_enterprise"}])
>>> text = render_markdown(pole, "registry")
>>> text.splitlines()[0]
'# Registre des membres de Démo'
>>> "A \\\\<b\\\\>" in text
True
"""

from __future__ import annotations

import csv
import io
import os
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..errors import PoleError, Problem
from ..i18n import Message
from ..model import ActorStatus, Family, GovernanceForm, Pole, TieKind
from . import markdown as md
from .resources import templates_dir
from .typography import format_number, format_partial_date, french_spacing, guillemets
from .vocabulary import LANGUAGES, label

__all__ = [
    "DOCUMENTS",
    "FORMATS",
    "DEFAULT_FORMATS",
    "CHARTER_CLAUSES",
    "file_stem",
    "environment",
    "page_environment",
    "charter_clauses",
    "render_markdown",
    "render_html",
    "registry_table",
    "registry_csv",
    "write_documents",
    "unused_overrides",
]

#: document -> file stem in each language
DOCUMENTS: dict[str, dict[str, str]] = {
    "charter": {"fr": "charte", "en": "charter"},
    "registry": {"fr": "registre", "en": "registry"},
    "fiche": {"fr": "fiche", "en": "profile"},
}
#: Every output format, and the ones ``ptce build`` writes unless told otherwise.
FORMATS = ("md", "html", "csv", "pdf", "odt", "docx")
DEFAULT_FORMATS = ("md", "html", "csv")
#: Suffix of the registry that keeps personal data.
FULL_SUFFIX = {"fr": "-complet", "en": "-full"}


def file_stem(document: str, lang: str, *, full: bool = False) -> str:
    """The file name, without extension, of a document in ``lang``.

    Examples
    --------
    >>> file_stem("charter", "fr"), file_stem("registry", "en", full=True)
    ('charte', 'registry-full')
    """
    return DOCUMENTS[document][lang] + (FULL_SUFFIX[lang] if full else "")


def _has_shared_means(pole: Pole) -> bool:
    gov = pole.governance
    return bool(pole.site or gov.legal_acts or gov.facilitation)


#: The charter's clauses in order: (stable identifier, whether the data calls for it).
#: A clause is the template ``{lang}/charter/{identifier}.md.j2``.
CHARTER_CLAUSES: tuple[tuple[str, Callable[[Pole], bool] | None], ...] = (
    ("preamble", None),
    ("purpose", None),
    ("members", None),
    ("cooperation", lambda p: bool(p.partnerships)),
    ("governance", None),
    ("colleges", lambda p: bool(p.governance.colleges)),
    ("scic", lambda p: p.governance.form is GovernanceForm.SCIC),
    ("joining", None),
    ("shared-means", _has_shared_means),
    ("evaluation", lambda p: bool(p.indicators)),
    ("signatures", None),
)
_UNNUMBERED = {"preamble", "signatures"}


def charter_clauses(pole: Pole) -> list[dict[str, Any]]:
    """The clauses the charter of ``pole`` holds, each with its article number.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> [c["id"] for c in charter_clauses(Pole(id="p", name="P"))]
    ['preamble', 'purpose', 'members', 'governance', 'joining', 'signatures']
    """
    clauses: list[dict[str, Any]] = []
    number = 0
    for clause_id, wanted in CHARTER_CLAUSES:
        if wanted is None or wanted(pole):
            numbered = clause_id not in _UNNUMBERED
            number += numbered
            clauses.append({"id": clause_id, "number": number if numbered else None})
    return clauses


# --- the template environment -----------------------------------------------------------

def _check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise PoleError.single(Message("no templates for the language {lang!r}", lang=lang),
                               hint=Message("use one of: {languages}", languages=", ".join(LANGUAGES)), code="PTCE-E500")
    return lang


def _by_file_name(root: Path) -> Any:
    """A loader that finds ``fr/charter/governance.md.j2`` as ``root/governance.md.j2``.

    File names are unique within a language, so a user may drop the one clause they
    change straight into their folder, without its subfolders.
    """
    from jinja2 import BaseLoader, TemplateNotFound

    class ByFileName(BaseLoader):
        def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
            path = root / template.rsplit("/", 1)[-1]
            if not path.is_file():
                raise TemplateNotFound(template)
            mtime = path.stat().st_mtime
            return path.read_text(encoding="utf-8"), os.fspath(path), lambda: path.stat().st_mtime == mtime

    return ByFileName()


#: Jinja filters that write HTML, not Markdown: documents' templates cannot use them.
_HTML_FILTERS = ("forceescape", "tojson", "urlize", "xmlattr")


def _loader(templates: str | os.PathLike[str] | None) -> Any:
    from jinja2 import ChoiceLoader, FileSystemLoader

    loaders = []
    if templates is not None:
        if not Path(templates).is_dir():
            raise PoleError.single(f"the templates folder {templates} does not exist",
                                   file=templates, hint="give a folder that holds your .j2 files")
        loaders += [FileSystemLoader(os.fspath(templates)), _by_file_name(Path(templates))]
    loaders.append(FileSystemLoader(os.fspath(templates_dir())))
    return ChoiceLoader(loaders)


def _markdown_environment_class() -> Any:
    """An ``Environment`` whose safe text is :class:`markdown.Markdown`, not HTML markup.

    Jinja marks what templates write (macros, blocks, ``safe``) as ``Markup``, and
    ``Markup`` escapes as HTML any plain text added to it (``~``, ``+``, ``%``).  These
    templates write Markdown: their compiled code uses ``Markdown`` instead, so that user
    text joined to safe text is escaped as Markdown.
    """
    from jinja2 import Environment
    from jinja2.compiler import CodeGenerator
    from jinja2.runtime import Macro

    class MarkdownMacro(Macro):
        def _invoke(self, arguments: list[Any], autoescape: bool) -> Any:
            result = super()._invoke(arguments, autoescape)
            return md.Markdown(result) if autoescape else result

    class MarkdownCodeGenerator(CodeGenerator):
        def writeline(self, x: str, node: Any = None, extra: int = 0) -> None:
            super().writeline(x, node, extra)
            if x.startswith("from jinja2.runtime import "):
                # Rebind the names compiled code makes safe text and macros with.
                super().writeline("Markup = environment.markdown_class")
                super().writeline("Macro = environment.markdown_macro_class")

        def visit_Concat(self, node: Any, frame: Any) -> None:
            self.write("environment.markdown_concat((")
            for arg in node.nodes:
                self.visit(arg, frame)
                self.write(", ")
            self.write("))")

    class MarkdownEnvironment(Environment):
        code_generator_class = MarkdownCodeGenerator
        markdown_class = md.Markdown
        markdown_macro_class = MarkdownMacro
        markdown_concat = staticmethod(md.concat)

    return MarkdownEnvironment


def environment(lang: str, templates: str | os.PathLike[str] | None = None) -> Any:
    """The Jinja2 environment of the documents' Markdown templates in ``lang``.

    Every ``{{ … }}`` is escaped as Markdown: what a template prints cannot become
    Markdown syntax or HTML, whether or not it passes through a filter.  Text that is
    Markdown already passes as is: what the filters ``md``, ``cell`` and ``text`` return,
    macros, ``{% set %}`` blocks, and what a template marks with ``safe``; text joined to
    them (``~``, ``+``, ``%``, ``join``, ``replace``) is escaped as Markdown.  Undefined
    variables are errors (``StrictUndefined``).  ``templates`` is a folder whose files
    override the bundled ones of the same relative path (``fr/charter/joining.md.j2``)
    or, at its top, of the same file name (``joining.md.j2``).
    """
    from babel.lists import format_list
    from jinja2 import StrictUndefined

    _check_lang(lang)
    env = _markdown_environment_class()(
        loader=_loader(templates),
        undefined=StrictUndefined,
        # Autoescaping with a finalize that escapes Markdown: Jinja marks what templates
        # write (literal text, macros, blocks) as safe, md.finalize escapes the rest.
        autoescape=True,
        finalize=md.finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )

    def user_text(value: Any) -> str:
        text = "" if value is None else str(value)
        return guillemets(text) if lang == "fr" else text

    def as_markdown(function: Callable[..., str]) -> Callable[..., md.Markdown]:
        return lambda *args, **kwargs: md.Markdown(function(*args, **kwargs))

    for name in _HTML_FILTERS:
        env.filters.pop(name, None)
    env.filters.update(
        md=as_markdown(lambda v: md.escape(user_text(v))),
        # Table cells hold data (names, forms) as written: no quote replacement.
        cell=as_markdown(md.cell),
        text=as_markdown(lambda v, level=3: md.blocks_of_text(None if v is None else user_text(v), level)),
        e=md.finalize,
        escape=md.finalize,
        join=md.join,
        replace=md.replace,
        safe=md.Markdown,
        date=lambda v: format_partial_date(v, lang),
        number=lambda v: format_number(v, lang),
        percent=lambda v: format_number(v, lang) + ("\u00a0%" if lang == "fr" else "%"),
        label=lambda v, kind=None: label(v, lang, kind),
    )

    def names(items: Iterable[Any]) -> str:
        """Names of actors (or strings) as a list in words: « A, B et C »."""
        words = [str(getattr(i, "name", i)) for i in items]
        return format_list(words, locale=lang) if words else ""

    env.filters["names"] = env.globals["names"] = names
    return env


def page_environment(templates: str | os.PathLike[str] | None = None) -> Any:
    """The Jinja2 environment of ``page.html.j2``, the HTML page around a document: HTML-autoescaped."""
    from jinja2 import Environment, StrictUndefined

    return Environment(loader=_loader(templates), undefined=StrictUndefined, autoescape=True,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def _context(pole: Pole, lang: str, date: str | None, personal: bool) -> dict[str, Any]:
    members = [a for a in pole.actors if a.status is ActorStatus.MEMBER]
    families = [(family, [a for a in members if a.family is family]) for family in Family]
    names = {c.code: c.name for c in (pole.territory.communes if pole.territory else [])}
    place = names.get(pole.site.commune) if pole.site and pole.site.commune else None
    return {
        "pole": pole,
        "lang": lang,
        "date": date,
        "place": place,
        "personal": personal,
        "gov": pole.governance,
        "narrative": pole.narrative,
        "pivot": pole.pivot_actor,
        "members": members,
        "partners": [a for a in pole.actors if a.status is ActorStatus.PARTNER],
        "prospective": [a for a in pole.actors if a.status is ActorStatus.PROSPECTIVE],
        "families": [(f, actors) for f, actors in families if actors],
        "ties_by_kind": [(k, [p for p in pole.partnerships if p.kind is k]) for k in TieKind],
        "ties_of": lambda actor_id: [p for p in pole.partnerships if actor_id in p.actors],
        "projects_of": lambda actor_id: [p for p in pole.projects if actor_id in p.actors],
        "actor": pole.actor,
        "actors_of": lambda ids: [pole.actor(i) for i in ids],
        "representatives": lambda a: [c for c in a.contacts if c.legal_representative] if personal else [],
        "clauses": charter_clauses(pole),
        "registry": registry_table(pole, lang=lang, include_personal_data=personal),
    }


def _template_error(exc: Exception, name: str) -> PoleError:
    """A template failure as a located problem: the template's file and line."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError

    if isinstance(exc, TemplateSyntaxError):
        return PoleError([Problem(exc.message or str(exc), file=exc.filename or exc.name, line=exc.lineno,
                                  hint="fix the Jinja2 syntax of this template")],
                         summary=f"the template {exc.name or name} cannot be read")
    if isinstance(exc, TemplateNotFound):
        return PoleError([Problem(f"no template named {exc.name!r}", file=name,
                                  hint="check the name of the file you include or override")],
                         summary=f"the template {exc.name} is missing")
    file, line = _template_frame(exc, name)
    return PoleError([Problem(str(exc), file=file, line=line,
                              hint="the template uses a name the data does not have: fix its spelling")],
                     summary=f"the template {Path(file).name} failed")


def _template_frame(exc: BaseException, name: str) -> tuple[str, int | None]:
    """The template file and line where ``exc`` was raised (the innermost template)."""
    file, line = name, None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith(".j2"):
            file, line = frame.filename, frame.lineno
    return file, line


def _users_template_error(exc: Exception, name: str) -> PoleError | None:
    """A Python error raised by a line of a user's template, as a located problem.

    ``None`` when the line is in a bundled template: then the error is ptce-kit's bug.
    """
    file, line = _template_frame(exc, name)
    if line is None or Path(file).resolve().is_relative_to(templates_dir().resolve()):
        return None
    text = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
    return PoleError([Problem(f"{type(exc).__name__}: {text}", file=file, line=line,
                              hint="this line of your template fails on this pole's data: fix the template")],
                     summary=f"the template {Path(file).name} failed")


def _render(env: Any, name: str, context: dict[str, Any]) -> str:
    from jinja2 import TemplateError

    try:
        return str(env.get_template(name).render(context))
    except TemplateError as exc:
        raise _template_error(exc, name) from None
    except (ArithmeticError, AttributeError, LookupError, TypeError, ValueError) as exc:
        located = _users_template_error(exc, name)
        if located is None:
            raise
        raise located from None


def render_markdown(pole: Pole, document: str, *, lang: str | None = None,
                    templates: str | os.PathLike[str] | None = None, date: str | None = None,
                    include_personal_data: bool = False) -> str:
    """One document (``charter``, ``registry`` or ``fiche``) as Markdown.

    ``lang`` defaults to the pole's language; ``date``, a partial date, is written as
    the document's date (no date otherwise, so that output depends on the data only).
    """
    if document not in DOCUMENTS:
        raise PoleError.single(f"no document named {document!r}", hint=f"use one of: {', '.join(DOCUMENTS)}")
    lang = _check_lang(lang or pole.language.value)
    env = environment(lang, templates)
    when = format_partial_date(date, lang) if date else None
    text = _render(env, f"{lang}/{document}.md.j2",
                   _context(pole, lang, when, include_personal_data))
    text = md.tidy(text)
    return french_spacing(text) if lang == "fr" else text


def render_html(markdown: str, *, lang: str, templates: str | os.PathLike[str] | None = None,
                date: str | None = None) -> str:
    """A standalone HTML page (with its print stylesheet) from a document's Markdown."""
    from markupsafe import Markup

    blocks = md.to_blocks(markdown)
    title = next((b.text for b in blocks if b.kind == "heading"), "")
    # A table of many columns (the registry) is printed on landscape pages.
    wide = any(b.kind == "table" and len(b.rows[0]) > 8 for b in blocks)
    _check_lang(lang)
    return _render(page_environment(templates), "page.html.j2",
                   {"lang": lang, "title": title, "date": date, "wide": wide,
                    "body": Markup(md.to_html(markdown))})


# --- the registry as a table -----------------------------------------------------------

#: The columns of the members' spreadsheet (:data:`ptce_kit.columns.COLUMNS`) the
#: registry shows: it takes their order and headers from that one table.
_REGISTRY_KEYS = frozenset({"id", "name", "category", "status", "ess", "legal_form", "legal_form_code", "siren",
                            "siret", "joined", "left", "college", "presence", "roles"})
#: The registry's own column, shown after the category: the family, which a spreadsheet
#: does not hold (it follows from the category).
_FAMILY_COLUMN = {"fr": "Famille", "en": "Family"}
_CONTACTS_COLUMN = {"fr": "Contacts (données personnelles)", "en": "Contacts (personal data)"}


def _contact_text(contact: Any) -> str:
    role = f" ({contact.role})" if contact.role else ""
    parts = [f"{contact.name or ''}{role}".strip(), contact.email or "", contact.phone or ""]
    return ", ".join(p for p in parts if p)


def registry_table(pole: Pole, *, lang: str = "fr", include_personal_data: bool = False,
                   iso_dates: bool = False) -> dict[str, list[Any]]:
    """The registry as ``{"columns": [...], "rows": [[...], ...], "sections": [...]}``.

    ``rows`` has one row per actor, in the file's order (the CSV); ``sections`` the same
    rows by status, members first, then partners and prospective actors, each as
    ``{"status": "member", "rows": [...]}`` (the documents' tables; empty ones left out).
    Cells are plain strings in ``lang`` (empty when the data is silent); contacts are a
    last column only with ``include_personal_data``.  The columns the members'
    spreadsheet also has come in its order, with its headers
    (:data:`ptce_kit.columns.COLUMNS`); the family follows the category.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> pole = Pole(id="p", name="P", actors=[{"id": "a", "name": "A", "category": "enterprise",
    ...     "joined": "2014-07", "contacts": [{"name": "Ana", "email": "ana@example.org"}]}])
    >>> table = registry_table(pole, lang="en")
    >>> table["rows"][0][:5], table["rows"][0][10], len(table["columns"])
    (['a', 'A', 'enterprise', 'Enterprises', 'member'], 'July 2014', 15)
    >>> registry_table(pole, lang="en", include_personal_data=True)["rows"][0][-1]
    'Ana, ana@example.org'
    """
    from ..columns import COLUMNS

    def when(value: str | None) -> str:
        return (value or "") if iso_dates else format_partial_date(value, lang)

    keys: list[str] = []
    columns: list[str] = []
    for column in COLUMNS:
        if column.key in _REGISTRY_KEYS:
            keys.append(column.key)
            columns.append(column.fr if lang == "fr" else column.en)
            if column.key == "category":
                keys.append("family")
                columns.append(_FAMILY_COLUMN[lang])
    if include_personal_data:
        columns.append(_CONTACTS_COLUMN[lang])
    rows = []
    for a in pole.actors:
        cells = {
            "id": a.id, "name": a.name, "status": label(a.status, lang), "category": label(a.category, lang),
            "family": label(a.family, lang, "family"),
            "ess": "" if a.ess is None else label("yes" if a.ess else "no", lang),
            "legal_form": a.legal_form or "", "legal_form_code": a.legal_form_code or "",
            "siren": a.siren or "", "siret": a.siret or "",
            "presence": label(a.presence, lang) if a.presence else "",
            "roles": ", ".join(label(r, lang) for r in a.roles),
            "joined": when(a.joined), "left": when(a.left), "college": pole.college_of(a.id) or "",
        }
        row = [cells[key] for key in keys]
        if include_personal_data:
            row.append("; ".join(_contact_text(c) for c in a.contacts))
        rows.append(row)
    sections = [{"status": status.value, "rows": [row for a, row in zip(pole.actors, rows) if a.status is status]}
                for status in (ActorStatus.MEMBER, ActorStatus.PARTNER, ActorStatus.PROSPECTIVE)]
    return {"columns": columns, "rows": rows, "sections": [s for s in sections if s["rows"]]}


def registry_csv(pole: Pole, *, lang: str | None = None, sep: str = ",",
                 include_personal_data: bool = False) -> bytes:
    """The registry as CSV for spreadsheets: UTF-8 with a BOM, CRLF lines, ``sep`` between cells.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> data = registry_csv(Pole(id="p", name="P", actors=[
    ...     {"id": "a", "name": "=1+1", "category": "enterprise"}]), sep=";")
    >>> data[:3] == b"\\xef\\xbb\\xbf", data.decode("utf-8-sig").splitlines()[1][:12]
    (True, "a;'=1+1;entr")
    """
    from ..cells import formula_safe

    if sep not in (",", ";"):
        raise PoleError.single(f"the CSV separator must be ',' or ';', not {sep!r}")
    lang = _check_lang(lang or pole.language.value)
    table = registry_table(pole, lang=lang, include_personal_data=include_personal_data, iso_dates=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(table["columns"])
    for row in table["rows"]:
        writer.writerow([formula_safe(str(v)) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# --- writing every document ------------------------------------------------------------

def _writer(fmt: str) -> Callable[..., bytes]:
    """The converter of a format that needs one: imported only when that format is asked for."""
    if fmt == "pdf":
        from .pdf import html_to_pdf

        return html_to_pdf
    from .office import markdown_to_docx, markdown_to_odt

    return {"odt": markdown_to_odt, "docx": markdown_to_docx}[fmt]


def _check_formats(formats: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(formats))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown:
        raise PoleError.single(f"unknown output format {unknown[0]!r}",
                               hint=f"use some of: {', '.join(FORMATS)}")
    return chosen


def write_documents(pole: Pole, out_dir: str | os.PathLike[str], *, lang: str | None = None,
                    formats: Iterable[str] = DEFAULT_FORMATS,
                    templates: str | os.PathLike[str] | None = None, date: str | None = None,
                    include_personal_data: bool = False, sep: str = ",") -> list[Path]:
    """Write the charter, the registry and the fiche of ``pole`` into ``out_dir``.

    Returns the paths written, in order.  The registry is written in its public version;
    with ``include_personal_data`` the full version (``registre-complet``) is written
    too and the charter names the members' legal representatives.
    """
    from ..files import atomic_write, output_folder

    lang = _check_lang(lang or pole.language.value)
    chosen = _check_formats(formats)
    out = output_folder(out_dir)
    writers = {f: _writer(f) for f in chosen if f in ("pdf", "odt", "docx")}
    jobs = [("charter", include_personal_data, False), ("registry", False, False)]
    if include_personal_data:
        jobs.append(("registry", True, True))
    jobs.append(("fiche", False, False))
    written: list[Path] = []
    for document, personal, full in jobs:
        stem = out / file_stem(document, lang, full=full)
        text = render_markdown(pole, document, lang=lang, templates=templates, date=date,
                               include_personal_data=personal)
        html = None
        for fmt in chosen:
            if fmt == "csv":
                if document != "registry":
                    continue
                content: str | bytes = registry_csv(pole, lang=lang, sep=sep, include_personal_data=personal)
            elif fmt == "md":
                content = text
            elif fmt in ("html", "pdf"):
                html = html or render_html(text, lang=lang, templates=templates, date=date)
                content = html if fmt == "html" else writers[fmt](html)
            else:
                content = writers[fmt](text, lang=lang, date=date)
            path = stem.with_name(f"{stem.name}.{fmt}")
            atomic_write(path, content)
            written.append(path)
    return written


def unused_overrides(templates: str | os.PathLike[str]) -> list[tuple[str, str | None]]:
    """Files of a user's templates folder that override no bundled template.

    Each comes with the closest bundled name, to catch a misspelt clause.  Such files
    may still be used, if an overriding template includes them.
    """
    import difflib

    bundled_root = templates_dir()
    bundled = sorted(p.relative_to(bundled_root).as_posix() for p in bundled_root.rglob("*.j2"))
    file_names = {name.rsplit("/", 1)[-1] for name in bundled}
    root = Path(templates)
    unused = []
    for path in sorted(root.rglob("*.j2")):
        name = path.relative_to(root).as_posix()
        if name not in bundled and not ("/" not in name and name in file_names):
            known = bundled if "/" in name else sorted(file_names)
            close = difflib.get_close_matches(name, known, n=1)
            unused.append((name, close[0] if close else None))
    return unused
