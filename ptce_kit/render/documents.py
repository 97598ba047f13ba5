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
import re
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, cast

from .. import grammar
from ..errors import PoleError, Problem
from ..i18n import Message
from ..model import Actor, ActorStatus, Category, Family, GovernanceForm, Pole, Presence, Resource, TieKind
from . import markdown as md
from .resources import templates_dir
from .formats import DEFAULT_FORMATS, FORMATS
from .template_cache import bytecode_cache
from .typography import format_duration, format_number, format_partial_date, french_spacing, guillemets
from .vocabulary import LANGUAGES, label

__all__ = [
    "DOCUMENTS",
    "FORMATS",
    "DEFAULT_FORMATS",
    "write_fiche_with_map",
    "fiche_html_awaiting_map",
    "with_map",
    "CHARTER_CLAUSES",
    "file_stem",
    "environment",
    "page_environment",
    "charter_clauses",
    "judged_at",
    "presence_words",
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


#: Resources that are shared means (mutualisation) whatever the kind of the tie that moves them.
_SHARED_RESOURCES = (Resource.PREMISES, Resource.STAFF, Resource.EQUIPMENT, Resource.PURCHASING)
#: An employers' group (groupement d'employeurs, Code du travail art. L1253-1) shares staff among its members.
_EMPLOYERS_GROUP = re.compile(r"groupement\s+d[’']employeurs|\bGEIQ?\b|employers[’']?\s+group", re.IGNORECASE)
_EMPLOYERS_GROUP_ROLES = frozenset({"employers-group", "groupement-employeurs", "ge", "geiq"})
#: Presences that mean an actor uses the pole's place (not ``remote``).
_ON_SITE = (Presence.RESIDENT, Presence.OFFICE_HOURS, Presence.MEETINGS)


def _ceased(actor: Actor) -> bool:
    """Whether the actor itself ceased to exist (``ceased``, a field that may be absent from the model)."""
    return getattr(actor, "ceased", None) is not None


def _gone(actor: Actor) -> bool:
    """Whether the actor is no longer part of the pole: it left, or ceased to exist."""
    return bool(actor.left) or _ceased(actor)


def _current_site(pole: Pole) -> Any:
    """The pole's site, unless the data says the pole has left it (an ``until`` date)."""
    site = pole.site
    return None if site is None or getattr(site, "until", None) else site


def _hosted(pole: Pole) -> list[Actor]:
    """Present members and partners who use the pole's current place (resident, office hours, meetings)."""
    if _current_site(pole) is None:
        return []
    return [a for a in pole.actors if a.status is not ActorStatus.PROSPECTIVE and not _gone(a)
            and a.presence in _ON_SITE]


def presence_words(actor: Actor, lang: str) -> str:
    """How an actor is present at the pole's place, in words that stand alone (a parenthesis, a cell).

    The same noun phrase for every actor (« implantation au pôle », « permanences au
    pôle », « réunions au pôle »): no word to agree with a gender the data may not give,
    and no « y » without its antecedent.  ``meetings`` says that the actor comes to the
    pole's place for meetings, whoever holds them.

    Examples
    --------
    >>> from ptce_kit.model import Actor
    >>> scop = Actor(id="s", name="Scop VTD", category="ess_enterprise", article="la", presence="resident")
    >>> presence_words(scop, "fr"), presence_words(scop.model_copy(update={"article": None}), "fr")
    ('implantation au pôle', 'implantation au pôle')
    >>> amap = Actor(id="a", name="AMAP", category="other", article="les", presence="office_hours")
    >>> presence_words(amap, "fr"), presence_words(amap, "en")
    ('permanences au pôle', 'office hours at the pole')
    """
    return "" if actor.presence is None else label(actor.presence, lang)


def _is_employers_group(actor: Actor) -> bool:
    return bool(_EMPLOYERS_GROUP.search(f"{actor.name} {actor.legal_form or ''}")
                or _EMPLOYERS_GROUP_ROLES.intersection(actor.roles))


def _has_shared_means(pole: Pole) -> bool:
    gov = pole.governance
    return bool(_hosted(pole) or gov.legal_acts or gov.facilitation)


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
    ("revision", None),
    ("disputes", None),
    ("duration", None),
    ("signatures", None),
)
_UNNUMBERED = {"preamble", "signatures"}


def charter_clauses(pole: Pole) -> list[dict[str, Any]]:
    """The clauses the charter of ``pole`` holds, each with its article number.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> [c["id"] for c in charter_clauses(Pole(id="p", name="P"))]
    ['preamble', 'purpose', 'members', 'governance', 'joining', 'revision', 'disputes', 'duration', 'signatures']
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


def _build_environment(lang: str, templates: str | None) -> Any:
    """A new Markdown environment in ``lang`` over ``templates`` (see :func:`environment`)."""
    from babel.lists import format_list
    from jinja2 import StrictUndefined

    env = _markdown_environment_class()(
        loader=_loader(templates),
        # Templates compiled by an earlier process are loaded from the disk (template_cache).
        bytecode_cache=bytecode_cache("markdown"),
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
        # A field path of the data file (``governance.bodies[].cadence``) as code: a name of the
        # format, not words of the document's language.
        code=lambda v: md.Markdown(f"`{v}`") if "`" not in str(v) and "\n" not in str(v) else md.escape(str(v)),
        # A duration of the data (« 3 ans », "2 years") in the document's language.
        duration=lambda v: format_duration(v, lang),
        percent=lambda v: format_number(v, lang) + ("\u00a0%" if lang == "fr" else "%"),
        money=lambda v: money(v, lang),
        label=lambda v, kind=None: label(v, lang, kind),
    )

    _grammar_filters(env, lang)
    # A document's figure (the fiche's map): nothing unless the document is given its image.
    env.globals["figure"] = figure_markdown({})
    # The fiche points to an earlier section rather than print the same text again.
    env.globals.update(noted=noted, said_in=said_in)
    return env


def _paragraphs(text: str | None) -> list[str]:
    """A text's paragraphs, headings left out, each with its spaces and final colon or full stop evened.

    >>> _paragraphs("### Pour les décideurs :\\n\\nLes PTCE prouvent.\\n\\n Un  autre  ")
    ['Les PTCE prouvent', 'Un autre']
    """
    parts = re.split(r"\n\s*\n", text or "")
    return [p for p in (" ".join(part.split()).rstrip(" .:") for part in parts if not part.lstrip().startswith("#"))
            if p]


def noted(said: list[tuple[str, str]], text: str | None, where: str) -> list[tuple[str, str]]:
    """``said`` (what a document printed, as ``(section, paragraph)``) with the paragraphs of
    ``text``, printed under the section ``where``.

    >>> noted([], "Un.\\n\\nDeux.", "Argumentaire")
    [('Argumentaire', 'Un'), ('Argumentaire', 'Deux')]
    """
    return [*said, *((where, p) for p in _paragraphs(text))]


def said_in(text: str | None, said: list[tuple[str, str]]) -> str | None:
    """The one earlier section under which every paragraph of ``text`` is already printed, or
    ``None``: a section of that text would only say it again, and points to that one instead.

    >>> said = noted([], "### Titre\\n\\nLes PTCE prouvent.", "Message aux décideurs")
    >>> said_in("### Titre :\\n\\nLes PTCE prouvent", said), said_in("Neuf.", said)
    ('Message aux décideurs', None)
    """
    parts = _paragraphs(text)
    for where in dict.fromkeys(w for w, _ in said):
        held = {p for w, p in said if w == where}
        if parts and all(p in held for p in parts):
            return where
    return None


def _grammar_filters(env: Any, lang: str) -> None:
    """Filters and globals that write names with their article and agree words (:mod:`ptce_kit.grammar`).

    In English, names stand alone: ``the``, ``of`` and ``to`` give the name, ``"of "`` and
    ``"to "`` and the name; an outside body's English name (``name_en``, with its
    ``article_en``) when it has one.
    """
    from babel.lists import format_list

    french = lang == "fr"

    def english(thing: Any) -> str:
        """A name in English: an outside body's ``name_en`` (with ``article_en``) when given, else its name."""
        article = getattr(thing, "article_en", None)
        return (f"{article} " if article and getattr(thing, "name_en", None) else "") + body_name(thing, lang)

    def names(items: Iterable[Any]) -> str:
        """Names of actors (or strings) as a list in words, each with its article: « le A, B et la C »."""
        words = [grammar.the(i) if french else english(i) for i in items]
        return format_list(words, locale=lang) if words else ""

    def count(n: float, one: str, many: str, zero: str | None = None) -> str:
        return grammar.count(n, one, many, lang, zero=zero, number=format_number(n, lang))

    env.filters.update(
        presence=lambda actor: presence_words(actor, lang),
        the=lambda v: grammar.the(v) if french else english(v),
        of=lambda v: grammar.of(v) if french else "of " + english(v),
        to=lambda v: grammar.to(v) if french else "to " + english(v),
        cap=grammar.capitalise,
        agree=lambda word, thing=None, feminine=None, plural=None: grammar.agree(
            word, grammar.gender_of(thing), grammar.number_of(thing), feminine=feminine, plural=plural),
    )
    env.filters["names"] = env.globals["names"] = names
    env.globals.update(
        count=count,
        plural=lambda n, one, many: grammar.plural(n, one, many, lang),
        # A verb agreed with a thing or a list of things: « a » or « ont ».
        verb=lambda thing, one, many: one if grammar.number_of(thing) == "singular" else many,
        gender_of=grammar.gender_of,
    )


def _build_page_environment(templates: str | None) -> Any:
    """A new HTML environment over ``templates`` (see :func:`page_environment`)."""
    from jinja2 import Environment, StrictUndefined

    return Environment(loader=_loader(templates), bytecode_cache=bytecode_cache("page"), undefined=StrictUndefined,
                       autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


#: How many environments are kept: one per (language, templates folder, version of it).
_CACHE_SIZE = 16
_environments: dict[tuple[Any, ...], Any] = {}


def _folder_state(templates: str | os.PathLike[str] | None) -> tuple[Any, ...]:
    """What a cached environment over ``templates`` depends on: the folder and its files' versions.

    Each file of a user's folder counts with its size and modification time, so that a file
    added, removed or edited there (``--templates``) gives a new environment; Jinja itself
    reloads a template whose file changed.  A folder that does not exist is left to the
    loader to report.
    """
    if templates is None:
        return (None,)
    root = Path(templates)
    if not root.is_dir():
        return (os.fspath(templates), None)
    files = []
    for path in sorted(root.rglob("*")):
        try:
            stat = path.stat()
        except OSError:
            continue
        files.append((path.relative_to(root).as_posix(), stat.st_size, stat.st_mtime_ns))
    return (os.fspath(templates), os.fspath(root.resolve()), tuple(files))


def _cached(key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
    env = _environments.get(key)
    if env is None:
        if len(_environments) >= _CACHE_SIZE:
            _environments.pop(next(iter(_environments)))
        env = _environments[key] = make()
    return env


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

    Building an environment (its loaders, filters and compiled templates) is most of the
    time a document takes: it is built once per language and templates folder and then
    shared, as long as the folder's files stay the same (:func:`_folder_state`).  Callers
    must not change the environment they get.
    """
    _check_lang(lang)
    state = _folder_state(templates)
    folder = None if templates is None else os.fspath(templates)
    return _cached(("markdown", lang, state), lambda: _build_environment(lang, folder))


def figure_markdown(sources: dict[str, str]) -> Callable[[str, str], md.Markdown]:
    """The templates' ``figure(name, alt)``: the Markdown image of the figure ``name``.

    ``sources`` maps a figure's name to its address: a file beside the document (the
    fiche's ``carte.png``) or a ``data:`` URI (HTML and PDF that carry their images).  A
    figure without an address prints nothing, so that a document is whole without it.

    Examples
    --------
    >>> figure_markdown({"map": "carte.png"})("map", "La carte [1]")
    Markdown('![La carte \\\\[1\\\\]](carte.png)')
    >>> figure_markdown({})("map", "La carte")
    Markdown('')
    """
    def figure(name: str, alt: str) -> md.Markdown:
        source = sources.get(name)
        return md.Markdown(f"![{md.escape(alt)}]({source})" if source else "")

    return figure


def png_data_uri(data: bytes) -> str:
    """A PNG as a ``data:`` URI, for a page that carries its images (HTML, PDF)."""
    import base64

    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def page_environment(templates: str | os.PathLike[str] | None = None) -> Any:
    """The Jinja2 environment of ``page.html.j2``, the HTML page around a document: HTML-autoescaped.

    Shared like :func:`environment`'s.
    """
    state = _folder_state(templates)
    folder = None if templates is None else os.fspath(templates)
    return _cached(("page", state), lambda: _build_page_environment(folder))


def _signatory(actor: Actor) -> bool | None:
    """Whether a member signs the charter: a legal person, or a natural person member in their own name.

    ``None`` when the data does not say whether it is a legal person (its legal form is
    missing).  Collective actors and units of another actor never sign
    (:func:`ptce_kit.criteria.status.legal_personality` says they are not legal persons).
    """
    from ..criteria.status import legal_personality

    if (actor.category is Category.PERSON and getattr(actor, "collective", None) is None
            and getattr(actor, "part_of", None) is None):
        return True
    return legal_personality(actor).value


def _definition(pole: Pole, lang: str, at: str | None) -> dict[str, Any]:
    """What ``ptce check --profile definition`` concludes, for the purpose clause.

    ``met`` only when no rule of the definition fails or warns.  The conditions that
    keep the pole from meeting it are of two kinds: ``unmet``, those the data shows are
    not met (a rule that fails on data it has), and ``unsettled``, those the data does
    not establish (a rule that warns, fails for want of data, or is unknown for want of
    data), each with the fields that would decide it; ``missing`` is both, in that order.
    ``open`` lists the criteria a person must judge (:data:`ptce_kit.criteria.core.JUDGEMENTS`).  Each condition is ``{"title",
    "verdict", "unmet", "fields"}``, its title in the law's words.
    """
    from ..criteria import Verdict, check

    def words(rule: Any) -> str:
        # The law's own words the rule applies (French), else the rule's title in ``lang``.
        text = rule.text.strip("«» ").removeprefix("et ") if lang == "fr" and rule.text else rule.title(lang)
        return str(text).replace("'", "’") if lang == "fr" else str(text)

    def condition(result: Any, unmet: bool = False) -> dict[str, Any]:
        return {"title": words(result.rule), "verdict": result.verdict.value, "unmet": unmet,
                "fields": _deciding_fields(result.finding)}

    from ..criteria.core import unsettled as not_established

    report = check(pole, "definition", at=at)
    applying = [r for r in report.results if r.finding.applies]
    # A failure on data the pole has shows the condition unmet; one for want of data (its
    # ``missing`` fields), a warning, and an unknown that is no judgement only show that the
    # data does not establish it; the judgements are the members' (``ptce check`` says the same).
    unmet = [condition(r, True) for r in applying if r.verdict is Verdict.FAIL and not r.finding.missing]
    unsettled = [condition(r) for r in applying if not_established(r)]
    open_points = [condition(r) for r in applying if r.verdict is Verdict.UNKNOWN and not not_established(r)]
    return {"met": not (unmet or unsettled), "unmet": unmet, "unsettled": unsettled,
            "missing": unmet + unsettled, "open": open_points}


#: A field path of the data file inside a rule's hint: « (governance.bodies[].cadence) ».
_FIELD_PATH = re.compile(r"\b[a-z_]+(?:\[\])?(?:\.[a-z_]+(?:\[\])?)+")


def _deciding_fields(finding: Any) -> list[str]:
    """The fields of the data file that would decide a criterion: those the rule says are
    missing, else those it read, else those its hint names."""
    fields = list(finding.missing) or list(finding.evidence.get("fields", []))
    if not fields and isinstance(finding.hint, str):
        fields = _FIELD_PATH.findall(finding.hint)
    return list(dict.fromkeys(fields))


#: Fields of a pole that hold a partial date of its history.
_DATE_KEYS = frozenset({"founded", "joined", "left", "created", "ceased", "since", "until", "start", "end", "date"})
_PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def judged_at(pole: Pole, date: str | None) -> str | None:
    """The date the charter's purpose clause judges the pole at (``ptce check --profile definition``).

    The document's ``date`` when given, else the day after the pole's last dated event:
    not today, so that the same data gives the same charter whenever it is built.
    ``None`` (today) when the data holds no date, which then changes nothing.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> judged_at(Pole(id="p", name="P", founded="2014-07"), None)
    '2014-08-01'
    >>> judged_at(Pole(id="p", name="P"), None) is None, judged_at(Pole(id="p", name="P"), "2025")
    (True, '2025')
    """
    from datetime import timedelta

    from ..model import latest

    if date:
        return date
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in _DATE_KEYS and isinstance(value, str) and _PARTIAL_DATE.match(value):
                    found.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(pole.model_dump(mode="json", exclude_none=True))
    return (max(latest(d) for d in found) + timedelta(days=1)).isoformat() if found else None


def _mutualisation(pole: Pole) -> tuple[list[Any], list[Actor]]:
    """Ties of other kinds that share means, and the employers' groups of the pole."""
    shared = [p for p in pole.partnerships if p.kind is not TieKind.MUTUALISATION and not p.until
              and any(r in _SHARED_RESOURCES for r in p.resources)]
    groups = [a for a in pole.actors if a.status is not ActorStatus.PROSPECTIVE and not _gone(a)
              and _is_employers_group(a)]
    return shared, groups


#: A variant's field that holds a partial date (written as a date, not as a figure).
_VARIANT_DATES = frozenset({"founded", "joined", "left", "created", "ceased", "since", "until", "start", "end",
                            "date"})
_STEP = re.compile(r"(?P<name>[a-z_][a-z0-9_]*)(?:\[(?P<key>[a-z0-9_-]+)\])?\Z")


def money(amount: Any, lang: str) -> str:
    """A sum with its currency as ``lang`` writes it, without cents when it has none.

    Examples
    --------
    >>> from ptce_kit.model import Amount
    >>> money(Amount(value=50000), "fr") == "50\u202f000\u00a0€", money(Amount(value=1250.5, currency="CHF"), "en")
    (True, 'CHF1,250.50')
    """
    from babel import Locale
    from babel.numbers import format_currency

    pattern = Locale.parse(lang).currency_formats["standard"].pattern
    if float(amount.value).is_integer():
        pattern = pattern.replace(".00", "")
    return str(format_currency(amount.value, amount.currency, format=pattern, locale=lang, currency_digits=False))


def indicator_series(pole: Pole) -> dict[str, list[dict[str, Any]]]:
    """The pole's figures by what they are about: ``pole``, ``actor`` and ``territory``.

    Indicators with the same name, unit, scope and actor and each a ``year`` are one
    series: ``current`` is the latest year's figure, ``earlier`` the others, latest first,
    so that a document shows the current figure and then each year's, never a sum.  A
    figure without a year is a series of its own.  Series keep the order of the file.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> pole = Pole(id="p", name="P", indicators=[
    ...     {"name": "Jobs", "value": 40, "year": 2013, "source": "s"},
    ...     {"name": "Jobs", "value": 50, "year": 2015, "source": "s"},
    ...     {"name": "ESS jobs", "value": 2392, "scope": "territory", "source": "s"}])
    >>> series = indicator_series(pole)
    >>> [(s["current"].value, [i.value for i in s["earlier"]]) for s in series["pole"]]
    [(50.0, [40.0])]
    >>> [s["current"].value for s in series["territory"]]
    [2392.0]
    """
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for n, i in enumerate(pole.indicators):
        key: tuple[Any, ...] = (i.name.strip().casefold(), (i.unit or "").strip().casefold(), i.about.value, i.actor)
        if i.year is None:
            key += (n,)
        groups.setdefault(key, []).append(i)
    out: dict[str, list[dict[str, Any]]] = {"pole": [], "actor": [], "territory": []}
    for items in groups.values():
        ordered = sorted(items, key=lambda i: -(i.year or 0))
        first = ordered[0]
        out[first.about.value].append({
            "name": first.name, "current": first, "earlier": ordered[1:],
            "actor": pole.actor(first.actor) if first.actor else None,
        })
    return out


def _funder(pole: Pole, funder: Any) -> Any:
    """A support's funder: the actor of the pole, or the outside body's name."""
    return pole.actor(funder) if isinstance(funder, str) else funder


def support_views(pole: Pole) -> dict[str, list[dict[str, Any]]]:
    """The pole's ``support`` records by outcome: ``received`` (laureate only), ``awaiting``
    (pending or of unknown outcome) and ``refused`` (not retained).

    Only a laureate's support is support received: a document lists the others apart, as
    applications, never as support.  Each row holds ``funder`` (an actor or an outside
    body: both have a ``name``), ``to`` (the actor supported, ``None`` for the pole),
    ``amount`` (an :class:`~ptce_kit.model.Amount`, written by the templates' ``money``),
    ``programme``, ``call`` (its words), ``state_call`` (the year of one of the State's
    PTCE calls), ``since``, ``until`` and the record.
    """
    from ..model.support import Outcome

    rows: dict[str, list[dict[str, Any]]] = {"received": [], "awaiting": [], "refused": []}
    for item in pole.support:
        to = pole.actor(item.to) if item.to and item.to != pole.id else None
        row = {"funder": _funder(pole, item.funder), "to": to,
               "amount": item.amount,
               "programme": item.programme, "state_call": item.state_call_year,
               "call": None if item.state_call_year else item.call,
               "since": item.since, "until": item.until,
               "record": item}
        bucket = {Outcome.LAUREATE: "received", Outcome.NOT_RETAINED: "refused"}.get(item.outcome, "awaiting")
        rows[bucket].append(row)
    return rows


def variant_views(pole: Pole) -> list[dict[str, Any]]:
    """The facts the sources disagree on, for a reader: what the fact is, the value that
    counts and every source's value.

    Each row holds ``field`` (the last field name of the path), ``subject`` (the actor,
    body or record the path names, or ``None`` for the pole itself), ``figure`` (the name of the
    indicator whose field it is, or ``None``), ``path``, ``date``
    (whether the values are partial dates), ``chosen`` (the value that counts: the
    variant's ``chosen``, else the field's value, else ``None``), ``sources`` (the values with their source) and ``reason``.
    """
    from ..model.variants import resolve_path

    rows = []
    for variant in pole.variants:
        steps = variant.field.split(".")
        last = _STEP.match(steps[-1])
        subject = figure = None
        if len(steps) > 1:
            first = _STEP.match(steps[0])
            if first and first["name"] == "actors" and first["key"]:
                subject = next((a for a in pole.actors if a.id == first["key"]), None)
            elif first and first["name"] == "indicators" and first["key"]:
                # A figure's value is named by the figure (« la valeur du chiffre « Structures membres » »):
                # « Valeur : valeur retenue 8 » would not say which.
                found_name, name, _ = resolve_path(pole, f"{steps[0]}.name")
                figure = name if found_name else None
        found, value, _problem = resolve_path(pole, variant.field)
        chosen = variant.chosen if variant.chosen is not None else (value if found else None)
        field = last["name"] if last else variant.field
        shown = [v.value for v in variant.values] + ([] if chosen is None else [chosen])
        is_date = field in _VARIANT_DATES and all(_PARTIAL_DATE.match(str(v)) for v in shown)
        rows.append({"field": field, "subject": subject, "figure": figure, "path": variant.field, "date": is_date,
                     "chosen": chosen, "sources": variant.values, "reason": variant.reason})
    return rows


def _context(pole: Pole, lang: str, date: str | None, personal: bool, *, document: str = "charter",
             at: str | None = None) -> dict[str, Any]:
    present = [a for a in pole.actors if not _gone(a)]
    members = [a for a in present if a.status is ActorStatus.MEMBER]
    partners = [a for a in present if a.status is ActorStatus.PARTNER]
    # No status given: part of the pole, but neither counted as a member nor a signatory.
    unstated = [a for a in present if a.status is None]
    families = [(family, [a for a in members if a.family is family]) for family in Family]
    names = {c.code: c.name for c in (pole.territory.communes if pole.territory else []) if c.code}
    site = _current_site(pole)
    place = names.get(site.commune) if site and site.commune else None
    tied = {i for p in pole.partnerships for i in p.actors}
    shared_ties, employers_groups = _mutualisation(pole)
    ties_by_kind = [(k, [p for p in pole.partnerships if p.kind is k]) for k in TieKind]
    # The forms of cooperation are the ties that last; those that ended are said apart.
    lasting = [(k, [p for p in ties if not p.until]) for k, ties in ties_by_kind]
    signs = {a.id: _signatory(a) for a in members}
    gov = pole.governance
    return {
        "pole": pole,
        "lang": lang,
        "date": date,
        "place": place,
        "site": site,
        "site_shared": bool(_hosted(pole)),
        "hosted": _hosted(pole),
        "personal": personal,
        "gov": gov,
        "form_given": "form" in gov.model_fields_set or bool(getattr(gov, "form_history", None)),
        "narrative": pole.narrative,
        "pivot": pole.pivot_actor,
        "members": members,
        "partners": partners,
        "partners_tied": [a for a in partners if a.id in tied],
        "partners_untied": [a for a in partners if a.id not in tied],
        "unstated": unstated,
        "prospective": [a for a in pole.actors if a.status is ActorStatus.PROSPECTIVE and not _gone(a)],
        "former": [a for a in pole.actors if a.left and not _ceased(a)],
        "ceased": [a for a in pole.actors if _ceased(a)],
        "families": [(f, actors) for f, actors in families if actors],
        # The fiche's actors: the members and those whose status is not stated (the partners
        # and the prospective actors have their own sections), by family.
        "actor_families": [(f, group) for f in Family
                           if (group := [a for a in present if a.status in (ActorStatus.MEMBER, None)
                                         and a.family is f])],
        "ties_by_kind": ties_by_kind,
        # The forms of cooperation the data shows: kinds with ties; mutualisation also
        # holds the ties of other kinds that share means, and the employers' groups.
        "cooperation": [(k, ties, shared_ties if k is TieKind.MUTUALISATION else [],
                         employers_groups if k is TieKind.MUTUALISATION else [])
                        for k, ties in lasting
                        if ties or (k is TieKind.MUTUALISATION and (shared_ties or employers_groups))],
        "ended_ties": [p for p in pole.partnerships if p.until],
        "shared_resources": lambda ties: [r for r in Resource if any(r in p.resources for p in ties)],
        "ties_of": lambda actor_id: [p for p in pole.partnerships if actor_id in p.actors],
        "projects_of": lambda actor_id: [p for p in pole.projects if actor_id in p.actors],
        "actor": pole.actor,
        "actors_of": lambda ids: [pole.actor(i) for i in ids],
        "representatives": lambda a: [c for c in a.contacts if c.legal_representative] if personal else [],
        "signatories": [a for a in members if signs[a.id]],
        "unsettled_signatories": [a for a in members if signs[a.id] is None],
        "clauses": charter_clauses(pole),
        "definition": _definition(pole, lang, judged_at(pole, at)) if document == "charter" else None,
        "art9": _art9_text(),
        # The documents' tables leave out the registry's own columns the pole says nothing in.
        "registry": registry_table(pole, lang=lang, include_personal_data=personal, empty_columns=False),
        # Those part of the pole now, as the charter counts them (not left, not ceased).
        "registry_counts": {**{s.value: sum(a.status is s and not _gone(a) for a in pole.actors) for s in ActorStatus},
                            "unstated": len(unstated)},
        "series": indicator_series(pole),
        "support": support_views(pole),
        "labels": [{"label": item, "holder": pole.actor(item.holder) if item.holder and item.holder != pole.id
                    else None} for item in pole.labels],
        "events": [{"event": e, "from": pole.actor(e.from_) if e.from_ else None,
                    "to": pole.actor(e.to) if e.to else None} for e in sorted(pole.events, key=lambda e: e.date)],
        "variants": (variants := variant_views(pole)),
        # The variant of one field, by its path (``actors[a].joined``), or ``None``.
        "disputed": lambda path: next((v for v in variants if v["path"] == path), None),
        "form_history": list(getattr(gov, "form_history", [])),
        "departements": (list(pole.territory.departements) or ([pole.territory.departement]
                         if pole.territory.departement else [])) if pole.territory else [],
    }


def _art9_text() -> str:
    """Article 9, first paragraph, of loi n° 2014-856, as the criteria quote it (typographic apostrophes)."""
    from ..criteria.rules import ART9_TEXT

    return ART9_TEXT.replace("'", "’")


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
                    include_personal_data: bool = False, figures: dict[str, str] | None = None) -> str:
    """One document (``charter``, ``registry`` or ``fiche``) as Markdown.

    ``lang`` defaults to the pole's language; ``date``, a partial date, is written as
    the document's date (no date otherwise, so that output depends on the data only).
    ``figures`` gives the address of each figure the document shows (the fiche's
    ``map``), see :func:`figure_markdown`; without it the document has no images.
    """
    if document not in DOCUMENTS:
        raise PoleError.single(f"no document named {document!r}", hint=f"use one of: {', '.join(DOCUMENTS)}")
    lang = _check_lang(lang or pole.language.value)
    env = environment(lang, templates)
    when = format_partial_date(date, lang) if date else None
    context = _context(pole, lang, when, include_personal_data, document=document, at=date)
    if figures:
        context["figure"] = figure_markdown(figures)
    text = _render(env, f"{lang}/{document}.md.j2", context)
    text = md.tidy(text)
    return french_spacing(text) if lang == "fr" else text


def render_html(markdown: str, *, lang: str, templates: str | os.PathLike[str] | None = None,
                date: str | None = None) -> str:
    """A standalone HTML page (with its print stylesheet) from a document's Markdown."""
    from markupsafe import Markup

    body, blocks = md.html_and_blocks(markdown)
    title = next((b.text for b in blocks if b.kind == "heading"), "")
    # A table of many columns (the registry) is printed on landscape pages.
    wide = any(b.kind == "table" and len(b.rows[0]) > 8 for b in blocks)
    _check_lang(lang)
    return _render(page_environment(templates), "page.html.j2",
                   {"lang": lang, "title": title, "date": date, "wide": wide,
                    "body": Markup(body)})


# --- the registry as a table -----------------------------------------------------------

#: The columns of the members' spreadsheet (:data:`ptce_kit.columns.COLUMNS`) the
#: registry shows: it takes their order and headers from that one table.
_REGISTRY_KEYS = frozenset({"id", "name", "category", "status", "ess", "legal_form", "legal_form_code", "siren",
                            "siret", "joined", "left", "college", "presence", "roles"})
#: The registry's own column, shown after the category: the family, which a spreadsheet
#: does not hold (it follows from the category).
_FAMILY_COLUMN = {"fr": "Famille", "en": "Family"}
_CONTACTS_COLUMN = {"fr": "Contacts (données personnelles)", "en": "Contacts (personal data)"}
#: The registry's last columns, which a spreadsheet does not hold either: the support each
#: actor received (laureate only), the labels and agreements it holds, and its own life.
_SUPPORT_COLUMN = {"fr": "Soutiens reçus", "en": "Support received"}
_LABELS_COLUMN = {"fr": "Labels et agréments", "en": "Labels and agreements"}
_LIFE_COLUMN = {"fr": "Vie de la structure", "en": "Life of the organisation"}


def body_name(thing: Any, lang: str) -> str:
    """The name of an actor or an outside body, alone: in English, an outside body's ``name_en`` when given."""
    english = getattr(thing, "name_en", None) if lang == "en" else None
    return str(english or getattr(thing, "name", thing))


def _span(since: str | None, until: str | None, when: Callable[[str | None], str]) -> str:
    """`` (2016–2017)``, `` (2016–)``, `` (–2017)`` or nothing."""
    return f" ({when(since)}–{when(until)})" if since or until else ""


def _support_cell(pole: Pole, actor_id: str, lang: str, when: Callable[[str | None], str]) -> str:
    """The support an actor received (``outcome: laureate``): funder, what for, how much, when."""
    from ..model.support import STATE_PTCE_CALLS, Outcome

    parts = []
    for item in pole.support:
        if item.to != actor_id or item.outcome is not Outcome.LAUREATE:
            continue
        words = [body_name(_funder(pole, item.funder), lang)]
        what = item.programme or (STATE_PTCE_CALLS.get(item.call, item.call) if item.call else None)
        if what:
            words.append(what)
        if item.amount is not None:
            words.append(money(item.amount, lang))
        parts.append(", ".join(words) + _span(item.since, item.until, when))
    return "; ".join(parts)


def _labels_cell(pole: Pole, actor_id: str, lang: str, when: Callable[[str | None], str]) -> str:
    """The labels and agreements an actor holds, with their dates."""
    return "; ".join((item.name or label(item.kind.value, lang, "label")) + _span(item.since, item.until, when)
                     for item in pole.labels if item.holder == actor_id)


def _life_cell(pole: Pole, actor: Any, lang: str, when: Callable[[str | None], str]) -> str:
    """An actor's own life: when it was created, when and how it ceased, what continues it."""
    colon = "\u00a0: " if lang == "fr" else ": "
    parts = []
    if actor.created:
        parts.append(f"{label('created', lang, 'life')}{colon}{when(actor.created)}")
    if actor.ceased:
        parts.append(f"{label(actor.ceased_how or 'ceased', lang, 'life')}{colon}{when(actor.ceased)}")
    if actor.successor:
        successor = pole.actor(actor.successor)
        parts.append(f"{label('successor', lang, 'life')}{colon}{successor.name if successor else actor.successor}")
    return "; ".join(parts)


def _contact_text(contact: Any) -> str:
    role = f" ({contact.role})" if contact.role else ""
    parts = [f"{contact.name or ''}{role}".strip(), contact.email or "", contact.phone or ""]
    return ", ".join(p for p in parts if p)


def registry_table(pole: Pole, *, lang: str = "fr", include_personal_data: bool = False,
                   iso_dates: bool = False, empty_columns: bool = True) -> dict[str, list[Any]]:
    """The registry as ``{"columns": [...], "rows": [[...], ...], "sections": [...]}``.

    ``rows`` has one row per actor, in the file's order (the CSV); ``sections`` the same
    rows by status, members first, then partners, prospective actors and the actors whose
    status is not stated (``"unstated"``, an empty status cell), each as
    ``{"status": "member", "rows": [...]}``, and last the actors who left the pole or ceased
    to exist (``"former"``, :func:`_current_and_former`): the documents' tables, empty ones
    left out.
    Cells are plain strings in ``lang`` (empty when the data is silent); contacts are a
    last column only with ``include_personal_data``.  The columns the members'
    spreadsheet also has come in its order, with its headers
    (:data:`ptce_kit.columns.COLUMNS`); the family follows the category.  Three columns of
    the registry's own follow them: the support the actor received (laureate only: funder,
    programme or call, amount, dates), the labels and agreements it holds, and its own life
    (created, ceased and how, and the actor that continues it).  With ``empty_columns=False``
    (the documents' tables, which a page must hold), those three are left out when they are
    empty for every actor: a column of blanks would read as "none" where the data is silent.
    The CSV keeps them all, so that its header is the same for every pole.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> pole = Pole(id="p", name="P", actors=[{"id": "a", "name": "A", "category": "enterprise", "status": "member",
    ...     "joined": "2014-07", "contacts": [{"name": "Ana", "email": "ana@example.org"}]}])
    >>> table = registry_table(pole, lang="en")
    >>> table["rows"][0][:5], table["rows"][0][10], len(table["columns"])
    (['a', 'A', 'enterprise', 'Enterprises', 'member'], 'July 2014', 18)
    >>> registry_table(pole, lang="en", include_personal_data=True)["rows"][0][-1]
    'Ana, ana@example.org'
    """
    from ..columns import COLUMNS

    def when(value: str | None) -> str:
        return (value or "") if iso_dates else format_partial_date(value, lang)

    def in_words(value: str | None) -> str:
        # Dates inside a text cell (support, labels, life) are words in every file.
        return format_partial_date(value, lang)

    def ess(actor: Actor) -> str:
        # An « entreprise de l'ESS » belongs to the ESS by its category; otherwise an unknown
        # is an empty cell (the documents say so under their tables), never « non ».
        if actor.ess is None and actor.category is not Category.ESS_ENTERPRISE:
            return ""
        return label("yes" if actor.ess or actor.ess is None else "no", lang)

    keys: list[str] = []
    columns: list[str] = []
    for column in COLUMNS:
        if column.key in _REGISTRY_KEYS:
            keys.append(column.key)
            # Headers typeset as the documents' text (« Date d’adhésion »); the importer reads
            # them back either way (ptce_kit.io.spreadsheet.header_key).
            columns.append(column.fr.replace("'", "’") if lang == "fr" else column.en)
            if column.key == "category":
                keys.append("family")
                columns.append(_FAMILY_COLUMN[lang])
    columns += [_SUPPORT_COLUMN[lang], _LABELS_COLUMN[lang], _LIFE_COLUMN[lang]]
    if include_personal_data:
        columns.append(_CONTACTS_COLUMN[lang])
    rows = []
    for a in pole.actors:
        cells = {
            "id": a.id, "name": a.name, "status": label(a.status, lang) if a.status else "",
            "category": label(a.category, lang),
            "family": label(a.family, lang, "family"),
            "ess": ess(a),
            "legal_form": a.legal_form or "", "legal_form_code": a.legal_form_code or "",
            "siren": a.siren or "", "siret": a.siret or "",
            "presence": presence_words(a, lang),
            "roles": ", ".join(label(r, lang) for r in a.roles),
            # An actor whose own life ended left the pole then (its life column says how).
            "joined": when(a.joined), "left": when(a.left or a.ceased), "college": pole.college_of(a.id) or "",
        }
        row = [cells[key] for key in keys]
        row += [_support_cell(pole, a.id, lang, in_words), _labels_cell(pole, a.id, lang, in_words),
                _life_cell(pole, a, lang, in_words)]
        if include_personal_data:
            row.append("; ".join(_contact_text(c) for c in a.contacts))
        rows.append(row)
    if not empty_columns:
        first = len(keys)
        dropped = {first + i for i in range(3) if not any(row[first + i] for row in rows)}
        columns = [c for i, c in enumerate(columns) if i not in dropped]
        rows = [[c for i, c in enumerate(row) if i not in dropped] for row in rows]
    sections = [{"status": status.value if status else "unstated",
                 "rows": [row for a, row in zip(pole.actors, rows) if a.status is status]}
                for status in (ActorStatus.MEMBER, ActorStatus.PARTNER, ActorStatus.PROSPECTIVE, None)]
    return {"columns": columns, "rows": rows, "sections": _current_and_former(pole, rows, sections)}


def _current_and_former(pole: Pole, rows: list[list[str]], sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The registry's sections with the actors who left the pole or ceased to exist taken out
    of them and listed last, in a section ``former`` of their own: a member that merged into
    another is no longer a member, and a section's heading counts the rows it shows.

    The section ``former`` also holds what its actors were (``was``: ``member`` or ``partner``
    when all were, else ``None``), for its heading (« Anciens membres », « Anciens
    partenaires », else « Anciens membres et partenaires »).
    """
    gone = [(a, row) for a, row in zip(pole.actors, rows) if _gone(a)]
    gone_rows = {id(row) for _, row in gone}
    kept = [{**s, "rows": [row for row in s["rows"] if id(row) not in gone_rows]} for s in sections]
    # (an unstated status is neither: the heading then names both)
    was = {getattr(a.status, "value", None) for a, _ in gone}
    former = {"status": "former", "rows": [row for _, row in gone],
              "was": was.pop() if len(was) == 1 and was <= {"member", "partner"} else None}
    return [s for s in [*kept, former] if s["rows"]]


def registry_csv(pole: Pole, *, lang: str | None = None, sep: str | None = None,
                 include_personal_data: bool = False) -> bytes:
    """The registry as CSV for spreadsheets: UTF-8 with a BOM, CRLF lines, ``sep`` between cells.

    ``sep`` defaults to the separator of the language's spreadsheets
    (:func:`ptce_kit.cells.csv_separator`): ``;`` for a French registry, which French
    Excel opens in columns, ``,`` for an English one.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> data = registry_csv(Pole(id="p", name="P", actors=[
    ...     {"id": "a", "name": "=1+1", "category": "enterprise"}]))
    >>> data[:3] == b"\\xef\\xbb\\xbf", data.decode("utf-8-sig").splitlines()[1][:12]
    (True, "a;'=1+1;entr")
    >>> registry_csv(Pole(id="p", name="P"), lang="en").decode("utf-8-sig")[:12]
    'Id,Name,Cate'
    """
    from ..cells import csv_bytes, csv_separator

    lang = _check_lang(lang or pole.language.value)
    sep = csv_separator(lang) if sep is None else sep
    if sep not in (",", ";"):
        raise PoleError.single(f"the CSV separator must be ',' or ';', not {sep!r}")
    table = registry_table(pole, lang=lang, include_personal_data=include_personal_data, iso_dates=True)
    return csv_bytes([table["columns"], *table["rows"]], sep=sep)


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
        raise PoleError.single(Message("unknown output format {format!r}", format=unknown[0]),
                               hint=Message("use some of: {formats}", formats=", ".join(FORMATS)), code="PTCE-E102")
    return chosen


def write_documents(pole: Pole, out_dir: str | os.PathLike[str], *, lang: str | None = None,
                    formats: Iterable[str] = DEFAULT_FORMATS,
                    templates: str | os.PathLike[str] | None = None, date: str | None = None,
                    include_personal_data: bool = False, sep: str | None = None,
                    map_beside: str | None = None, map_later: bool = False) -> list[Path]:
    """Write the charter, the registry and the fiche of ``pole`` into ``out_dir``.

    Returns the paths written, in order.  The registry is written in its public version;
    with ``include_personal_data`` the full version (``registre-complet``) is written
    too and the charter names the members' legal representatives.

    The fiche shows the cooperation map: its Markdown shows ``map_beside``, the name of the
    map's PNG written in the same folder (``ptce build`` gives ``carte.png``); its HTML
    (given ``map_beside``), PDF, ODT and DOCX carry the map itself, drawn as that file is
    (a ``data:`` URI in HTML), so that the fiche sent alone shows its map.  With
    ``map_later`` those formats of the fiche are left out: the caller draws the map once
    and writes them from its PNG with :func:`write_fiche_with_map` (``ptce build`` does,
    so that the map is not drawn twice).
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
    carried: str | None = None  # the fiche's Markdown with the map inside, for PDF, ODT and DOCX
    for document, personal, full in jobs:
        stem = out / file_stem(document, lang, full=full)
        beside = {"map": map_beside} if document == "fiche" and map_beside else None
        text = render_markdown(pole, document, lang=lang, templates=templates, date=date,
                               include_personal_data=personal, figures=beside)
        html = None
        for fmt in chosen:
            if fmt == "csv":
                if document != "registry":
                    continue
                content: str | bytes = registry_csv(pole, lang=lang, sep=sep, include_personal_data=personal)
            elif fmt == "md":
                content = text
            elif document == "fiche" and _carries_map(fmt, map_beside):
                if map_later:
                    continue
                if carried is None:
                    carried = _fiche_carrying(pole, _map_png(pole, lang, include_personal_data), lang, templates, date)
                content = _carried_content(fmt, carried, writers, lang, templates, date)
            elif fmt in ("html", "pdf"):
                html = html or render_html(text, lang=lang, templates=templates, date=date)
                content = html if fmt == "html" else writers[fmt](html)
            else:
                content = writers[fmt](text, lang=lang, date=date)
            path = stem.with_name(f"{stem.name}.{fmt}")
            atomic_write(path, content)
            written.append(path)
    return written


def _carries_map(fmt: str, map_beside: str | None) -> bool:
    """Whether the fiche in ``fmt`` carries its map inside it.

    A PDF, an ODT or a DOCX loads no file, and an HTML fiche is sent alone: the fiche's map
    goes inside it (a ``data:`` URI of the PNG, the bytes of ``carte.png``).
    """
    return fmt in ("pdf", "odt", "docx") or (fmt == "html" and bool(map_beside))


def _fiche_carrying(pole: Pole, png: bytes | None, lang: str, templates: str | os.PathLike[str] | None,
                    date: str | None) -> str:
    """The fiche's Markdown with the map's PNG inside it (with ``png`` None, a stand-in for it)."""
    return render_markdown(pole, "fiche", lang=lang, templates=templates, date=date,
                           figures={"map": _MAP_STAND_IN if png is None else png_data_uri(png)})


#: What the fiche's HTML holds where the map's ``data:`` URI goes, until the map is drawn:
#: a URI of the same kind, which Markdown and HTML escaping leave as it is.
_MAP_STAND_IN = "data:image/png;base64,UFRDRS1NQVA="


def fiche_html_awaiting_map(pole: Pole, *, lang: str | None = None,
                            templates: str | os.PathLike[str] | None = None, date: str | None = None) -> str:
    """The fiche's HTML page, the map's place held by a stand-in: :func:`write_fiche_with_map`'s ``prepared``.

    ``ptce build`` renders it beside the map being drawn, in the documents' process, so that
    once ``carte.png`` is there, writing the fiche is a replacement, not a rendering.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> demo = Pole(id="demo", name="Démo", actors=[{"id": "a", "name": "A", "category": "ess_enterprise"}])
    >>> page = fiche_html_awaiting_map(demo, lang="fr")
    >>> with_map(page, b"PNG") == render_html(_fiche_carrying(demo, b"PNG", "fr", None, None), lang="fr")
    True
    """
    lang = _check_lang(lang or pole.language.value)
    return render_html(_fiche_carrying(pole, None, lang, templates, date), lang=lang, templates=templates, date=date)


def with_map(page: str, png: bytes) -> str:
    """A page of :func:`fiche_html_awaiting_map` with the map's PNG in the stand-in's place."""
    if page.count(_MAP_STAND_IN) != 1:
        raise ValueError("the page holds no single place for the map")
    return page.replace(_MAP_STAND_IN, png_data_uri(png))


def _carried_content(fmt: str, carried: str, writers: dict[str, Any], lang: str,
                     templates: str | os.PathLike[str] | None, date: str | None) -> str | bytes:
    if fmt in ("html", "pdf"):
        page = render_html(carried, lang=lang, templates=templates, date=date)
        return page if fmt == "html" else cast(bytes, writers[fmt](page))
    return cast(bytes, writers[fmt](carried, lang=lang, date=date))


def write_fiche_with_map(pole: Pole, out_dir: str | os.PathLike[str], png: bytes, *, lang: str | None = None,
                         formats: Iterable[str] = DEFAULT_FORMATS,
                         templates: str | os.PathLike[str] | None = None, date: str | None = None,
                         map_beside: str | None = None, prepared: str | None = None) -> list[Path]:
    """Write the fiche's formats that carry the map inside them, from the map's PNG bytes.

    Those :func:`write_documents` leaves out with ``map_later``: the HTML (given
    ``map_beside``), the PDF, the ODT and the DOCX, with the same bytes as it would write.
    ``prepared``, the page of :func:`fiche_html_awaiting_map` for the same pole and
    options, spares the HTML's rendering.  Returns the paths written, in the order of
    ``formats``.
    """
    from ..files import atomic_write, output_folder

    lang = _check_lang(lang or pole.language.value)
    chosen = [f for f in _check_formats(formats) if _carries_map(f, map_beside)]
    out = output_folder(out_dir)
    if not chosen:
        return []
    writers = {f: _writer(f) for f in chosen if f in ("pdf", "odt", "docx")}
    carried = None if prepared is not None and chosen == ["html"] else _fiche_carrying(pole, png, lang, templates, date)
    stem = out / file_stem("fiche", lang, full=False)
    written = []
    for fmt in chosen:
        path = stem.with_name(f"{stem.name}.{fmt}")
        if fmt == "html" and prepared is not None and prepared.count(_MAP_STAND_IN) == 1:
            content: str | bytes = with_map(prepared, png)
        else:  # (a fiche template of the pole's own may place no map, or place it twice)
            if carried is None:
                carried = _fiche_carrying(pole, png, lang, templates, date)
            content = _carried_content(fmt, carried, writers, lang, templates, date)
        atomic_write(path, content)
        written.append(path)
    return written


def _map_png(pole: Pole, lang: str, include_personal_data: bool) -> bytes:
    """The PNG of the cooperation map, the same bytes as ``ptce build``'s ``carte.png``."""
    import tempfile

    from ..privacy import for_sharing
    from .maps import map_figure, save_figure

    shared = for_sharing(pole, include_personal_data=include_personal_data)
    with tempfile.TemporaryDirectory(prefix="ptce-map-") as folder:
        return save_figure(map_figure(shared, lang=lang), Path(folder) / "map.png").read_bytes()


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
