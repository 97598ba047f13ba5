"""The workspace's pages: a Starlette application over one pole's folder.

Every route is a few lines over the library: reading goes through :func:`ptce_kit.io.load_pole`,
every change through :func:`ptce_kit.io.edit.edit_pole` (directly or through
:mod:`ptce_kit.io.members`), so that a change made here keeps the file's comments, order
and untouched lines, is validated before it is written, and waits for the lock of a
command editing the same file.  Each form carries the hash of the file it was made from;
when the file changed on disk meanwhile, nothing is written and the change is shown.
"""

from __future__ import annotations

import functools
import hashlib
import subprocess
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from ..errors import PoleError, Problem
from ..i18n import N_, Figure, Message, render
from .forms import FormField, Rows, form_fields, form_values, merge_rows, parse_form, problems_by_field
from .security import MAX_BODY, BodyTooLarge, Guard, Refusal, check_csrf, cookie_name, csrf_token
from .words import LANGUAGES, choose_language, field_label, translator, typed_word, word

__all__ = ["create_app", "Workspace", "KINDS"]

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Kind:
    """A list of the pole shown in the workspace: its address, its key in the file, its model."""

    slug: str
    key: str
    model_name: str
    nav: str
    add: str
    #: Records without an id (indicators) are named by their place in the list, from 1.
    by_place: bool = False
    #: One record, not a list (the pole's governance).
    single: bool = False
    #: The fields the list is filtered by, each a menu of its codes.
    filters: tuple[str, ...] = ()

    @property
    def model(self) -> Any:
        from .. import model

        return getattr(model, self.model_name)


KINDS = {
    "acteurs": Kind("acteurs", "actors", "Actor", "nav.actors", "add_actor", filters=("category", "status")),
    "partenariats": Kind("partenariats", "partnerships", "Partnership", "nav.partnerships", "add_partnership",
                         filters=("kind",)),
    "projets": Kind("projets", "projects", "Project", "nav.projects", "add_project"),
    "indicateurs": Kind("indicateurs", "indicators", "Indicator", "nav.indicators", "add_indicator", by_place=True),
}

#: The pole's governance: one record, edited with the same form as the lists' records.
GOVERNANCE = Kind("gouvernance", "governance", "Governance", "nav.governance", "nav.governance", single=True)

#: Fields a problem of whose gets the workspace's own sentence beside the field.
_FIELD_WORDS = {"siret": "field.siret", "siren": "field.siren"}


class Conflict(Exception):
    """The file changed on disk since the form was made: nothing is written."""

    def __init__(self, old: str | None, new: str) -> None:
        super().__init__("conflict")
        self.old, self.new = old, new


@dataclass
class Workspace:
    """The folder served, its pole file (``None`` until one is founded), and the session's token."""

    root: Path
    token: str
    port: int
    file: Path | None = None
    #: The texts the open forms were made from, by hash, to show what changed meanwhile.
    texts: OrderedDict[str, str] = field(default_factory=OrderedDict)

    def read(self) -> tuple[str, str]:
        """The pole file's text and its hash (the hash is that of the bytes)."""
        assert self.file is not None
        data = self.file.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        text = data.decode("utf-8", errors="replace")
        self.texts[digest] = text
        self.texts.move_to_end(digest)
        while len(self.texts) > 32:
            self.texts.popitem(last=False)
        return text, digest


def _find_file(root: Path) -> Path | None:
    from ..io.files import POLE_FILE_NAMES

    if root.is_file():
        return root
    for name in POLE_FILE_NAMES:
        if (root / name).is_file():
            return root / name
    return None


def create_app(target: str | Path, *, token: str, port: int, host: str = "127.0.0.1",
               max_body: int = MAX_BODY) -> Any:
    """The workspace's ASGI application for ``target`` (a pole's file or folder; a folder without one
    offers to found a pole).

    ``token`` is required on every request (see :mod:`ptce_kit.serve.security`); ``host`` and
    ``port`` are those the server listens on, which the Host header must name.
    """
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    path = Path(target).resolve()
    root = path.parent if path.is_file() else path
    space = Workspace(root=root, token=token, port=port, file=_find_file(path))
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["names"] = lambda ids, table: [table.get(i, i) for i in ids]
    assets = {name: (TEMPLATES / name).read_text(encoding="utf-8") for name in ("workspace.css", "workspace.js")}

    def lang_of(request: Request, pole: Any = None) -> str:
        pole_lang = getattr(getattr(pole, "language", None), "value", None)
        return choose_language(request.cookies.get("ptce_lang"), request.headers.get("accept-language"), pole_lang)

    def page(request: Request, name: str, lang: str, status: int = 200, **context: Any) -> HTMLResponse:
        from ..i18n import use_language
        from ..render.vocabulary import label

        with use_language(lang):  # the library's messages (problems, verdicts) in the page's language
            html = env.get_template(name).render(
                _=translator(lang), lang=lang, label=lambda code, kind=None: label(code, lang, kind=kind),
                field_label=lambda name, within=None: field_label(lang, name, within),
                typed_word=lambda code: typed_word(lang, code), csrf=csrf_token(token), path=request.url.path, kinds=KINDS, assets=assets,
                file_name=space.file.name if space.file else "", languages=LANGUAGES, **context)
        return HTMLResponse(html, status_code=status)

    def refuse(scope: Any, refusal: Refusal) -> tuple[int, bytes]:
        # Refusals are the workspace's own words: no library message to render.
        request = Request(scope)
        lang = choose_language(request.cookies.get("ptce_lang"), request.headers.get("accept-language"), None)
        html = env.get_template("refused.html").render(
            _=translator(lang), lang=lang, assets=assets, message=word(lang, refusal.key, **refusal.values))
        return refusal.status, html.encode()

    async def form_of(request: Request) -> Any:
        """The form sent, once its CSRF token is checked (before anything else is read from it)."""
        try:
            form = await request.form(max_files=4, max_fields=2000, max_part_size=max_body)
        except BodyTooLarge:
            raise Refusal(413, "error.too_large", limit=Figure(max_body / 1048576)) from None
        if not check_csrf(token, form.get("csrf")):
            raise Refusal(403, "error.csrf")
        return form

    def load() -> tuple[Any, list[Problem], list[Problem]]:
        """The pole (or ``None``), the problems that make it invalid, its warnings."""
        from ..io import load_pole
        from ..io.warnings import pole_warnings

        assert space.file is not None
        file = space.file

        def make() -> tuple[Any, list[Problem], list[Problem]]:
            try:
                pole = load_pole(file)
            except PoleError as error:
                return None, list(error.problems), []
            return pole, [], pole_warnings(pole, file)

        found: tuple[Any, list[Problem], list[Problem]] = cached(("pole", file), make)
        return found

    def raw_data() -> Any:
        """The file's data as parsed (for ids and the places of problems), or ``None`` if it cannot be read."""
        from ..io.files import parse_text, read_text

        assert space.file is not None
        file = space.file

        def make() -> Any:
            try:
                return parse_text(read_text(file), file=file)
            except PoleError:
                return None

        return cached(("data", file), make)

    readings: dict[tuple[str, Path], tuple[str, Any]] = {}

    def cached(key: tuple[str, Path], make: Any) -> Any:
        """What ``make()`` reads from the file, made again only when the file's bytes changed."""
        before = _digest(key[1])
        held = readings.get(key)
        if held is not None and held[0] == before:
            return held[1]
        value = make()
        if _digest(key[1]) == before:  # not changed while it was read: keep it for this version
            readings[key] = (before, value)
        return value

    def loaded(request: Request) -> tuple[Any, str] | Response:
        """The valid pole and the page's language; or the answer instead (no pole yet, an invalid file)."""
        if space.file is None:
            return RedirectResponse("/", status_code=303)
        pole, problems, _warnings = load()
        lang = lang_of(request, pole)
        if pole is None:
            return page(request, "invalid.html", lang, status=409, problems=problems)
        return pole, lang

    def remember(edit: Any) -> None:
        """Keep what an edit wrote, validated, as the current reading of the file (not read again)."""
        from ..io.edit import file_digest
        from ..io.warnings import pole_warnings

        assert space.file is not None
        if not edit.written or edit.data is None:
            return
        digest = file_digest(edit.new.encode("utf-8"))
        if _digest(space.file) != digest:  # changed again since: read it as it is
            return
        readings[("data", space.file)] = (digest, edit.data)
        readings[("pole", space.file)] = (digest, (edit.pole, [], pole_warnings(edit.pole, space.file)))

    def warm() -> None:
        """Tell the editing path the file's current version is valid, once the workspace read and validated it."""
        from ..io.edit import remember_valid

        assert space.file is not None
        pole, data = readings.get(("pole", space.file)), readings.get(("data", space.file))
        if pole is not None and data is not None and pole[0] == data[0] and pole[1][0] is not None \
                and data[1] is not None:
            remember_valid(space.file, data[0], data[1])

    def problem_link(problem: Problem, data: Any) -> str | None:
        """The form field to change for a problem at ``actors[3].siret``, or ``None``."""
        path = tuple(problem.path)
        if len(path) >= 2 and path[0] == GOVERNANCE.key and isinstance(path[1], str):
            cell = len(path) >= 4 and isinstance(path[2], int) and isinstance(path[3], str)
            return f"/{GOVERNANCE.slug}#f-{path[1]}" + (f".{path[2]}.{path[3]}" if cell else "")
        for kind in KINDS.values():
            if len(path) >= 2 and path[0] == kind.key and isinstance(path[1], int):
                try:
                    item_id = data[kind.key][path[1]]["id"]
                except (KeyError, IndexError, TypeError):
                    return None
                anchor = f"#f-{path[2]}" if len(path) > 2 and isinstance(path[2], str) else ""
                if len(path) > 4 and isinstance(path[3], int) and isinstance(path[4], str):
                    anchor += f".{path[3]}.{path[4]}"  # a cell of a nested record's row: contacts.0.email
                return f"/{kind.slug}/{quote(str(item_id))}{anchor}"
        return None

    # --- pages ------------------------------------------------------------------------

    async def dashboard(request: Request) -> Response:
        if space.file is None:
            return found_page(request, lang_of(request), {}, {})
        pole, problems, warnings = load()
        lang = lang_of(request, pole)
        data = raw_data()
        listed = [(p, problem_link(p, data)) for p in problems + warnings]
        verdicts, conclusion, counts = None, None, {}
        if pole is not None:
            import sys

            # The criteria load the graph library: on the first page of a session, they come after it.
            if "ptce_kit.criteria" in sys.modules:
                verdicts, conclusion = await run_in_threadpool(judged, pole, lang)
            counts = {"count.actors": len(pole.actors),
                      "count.members": sum(1 for a in pole.actors if a.status is not None and a.status.value == "member"),
                      "count.partnerships": len(pole.partnerships), "count.projects": len(pole.projects),
                      "count.colleges": len(pole.governance.colleges) if pole.governance else 0}
        return page(request, "dashboard.html", lang, pole=pole, counts=counts, problems=listed[:len(problems)],
                    warnings=listed[len(problems):], verdicts=verdicts, conclusion=conclusion,
                    changes=_git_changes(space.file))

    def judged(pole: Any, lang: str) -> tuple[list[dict[str, Any]], str | None]:
        """The verdicts of ``ptce check`` on the pole, and the conclusion of its first profile."""
        from ..criteria import check

        report = check(pole)
        conclusion = report.conclusion(report.profiles[0]) if report.profiles else None
        return [r.to_dict(lang) for r in report.results], conclusion

    async def criteria_page(request: Request) -> Response:
        got = loaded(request)
        if isinstance(got, Response):
            return got
        pole, lang = got
        verdicts, conclusion = await run_in_threadpool(judged, pole, lang)
        name = "_verdicts.html" if request.query_params.get("fragment") else "verdicts.html"
        return page(request, name, lang, verdicts=verdicts, conclusion=conclusion)

    def found_page(request: Request, lang: str, answers: dict[str, Any], errors: dict[str, str],
                   status: int = 200) -> HTMLResponse:
        from ..scaffold import questions

        # The same words as ``ptce new`` (ptce_kit.scaffold.wording), as a web form says them.
        return page(request, "found.html", lang, status=status, questions=questions(lang=lang), answers=answers,
                    errors=errors, folder=str(space.root))

    async def found(request: Request) -> Response:
        from ..scaffold import check_answers, derived_answers, new_pole, questions

        form = await form_of(request)
        lang = lang_of(request)
        if space.file is not None:
            return RedirectResponse("/", status_code=303)
        answers: dict[str, Any] = {}
        for question in questions(lang=lang):
            value = str(form.get(question.key, "")).strip()
            # A question left empty is not answered, as with ``ptce new``: the template's own
            # default applies (nothing invented) and the questions that depend on it are skipped.
            if value:
                answers[question.key] = value
        errors = {str(p.path[0]) if p.path else "": _said(p, lang) for p in check_answers(derived_answers(answers))}
        if errors:
            return found_page(request, lang, answers, errors, status=422)
        try:
            project = await run_in_threadpool(lambda: new_pole(answers, space.root, build=False))
        except PoleError as error:
            return found_page(request, lang, answers,
                              {str(p.path[0]) if p.path else "": _said(p, lang) for p in error.problems}, status=422)
        space.root = project.resolve()
        space.file = _find_file(space.root)
        return RedirectResponse("/", status_code=303)

    async def listing(request: Request) -> Response:
        kind = KINDS[request.path_params["kind"]]
        got = loaded(request)
        if isinstance(got, Response):
            return got
        pole, lang = got
        query = request.query_params.get("q", "").strip().casefold()
        chosen = {name: request.query_params.get(name, "") for name in ("category", "status", "kind")}
        items = list(getattr(pole, kind.key))
        shown = [item for item in items if _matches(item, query, chosen)]
        if kind.by_place:  # named by their place in the whole list, whatever the filter shows
            shown = [(place, item) for place, item in enumerate(items, 1) if _matches(item, query, chosen)]
        names = {a.id: a.name for a in pole.actors}
        choices = {f.name: f.choices for f in form_fields(kind.model)}
        return page(request, "list.html", lang, kind=kind, items=shown, total=len(items),
                    q=request.query_params.get("q", ""), chosen=chosen, names=names,
                    filters=[(name, choices[name]) for name in kind.filters])

    def record_form(request: Request, kind: Kind, lang: str, item_id: str | None, values: dict[str, Any], *,
                    digest: str, errors: dict[str, list[str]] | None = None, other: list[str] | None = None,
                    status: int = 200, conflict: str | None = None, notice: str | None = None) -> HTMLResponse:
        actors = []
        if space.file is not None:
            data = raw_data() or {}
            actors = [(str(a.get("id")), str(a.get("name"))) for a in data.get("actors") or [] if isinstance(a, dict)]
        colleges: list[str] = []
        college = values.get("__college")
        if kind.key == "actors" and space.file is not None:
            governance = (raw_data() or {}).get("governance") or {}
            found = [c for c in governance.get("colleges") or [] if isinstance(c, dict)]
            colleges = [str(c.get("name")) for c in found]
            if college is None and item_id is not None:
                college = next((str(c.get("name")) for c in found if item_id in (c.get("members") or [])), "")
        summary: dict[str, Any] = {}
        if space.file is not None:
            pole = load()[0]
            warm()  # the form's answer needs not read and validate this version again
            if pole is not None and kind.single:
                summary = {"pole": pole, "names": {a.id: a.name for a in pole.actors}}
        return page(request, "record.html", lang, status=status, kind=kind, item_id=item_id, **summary,
                    fields=form_fields(kind.model), values=values, errors=errors or {}, other=other or [],
                    digest=digest, conflict=conflict, notice=notice, actors=actors, colleges=colleges,
                    college=college or "")

    async def new_record(request: Request) -> Response:
        kind = KINDS[request.path_params["kind"]]
        if space.file is None:
            return RedirectResponse("/", status_code=303)
        _text, digest = space.read()
        return record_form(request, kind, lang_of(request), None, {}, digest=digest)

    def kind_of(request: Request) -> tuple[Kind, str | None]:
        """The list (or the governance) a record's page is about, and the record's id (``None``: a new one)."""
        if "kind" not in request.path_params:
            return GOVERNANCE, GOVERNANCE.key
        return KINDS[request.path_params["kind"]], request.path_params.get("item")

    async def show_record(request: Request) -> Response:
        kind, item_id = kind_of(request)
        assert item_id is not None
        if space.file is None:
            return RedirectResponse("/", status_code=303)
        _text, digest = space.read()
        data = raw_data()
        record = _record(data, kind, item_id)
        if record is None and not kind.single:
            return not_found(request)
        notice = request.query_params.get("notice")
        notices = {"saved": word(lang_of(request), "saved", file=space.file.name),
                   "unchanged": word(lang_of(request), "unchanged", file=space.file.name)}
        return record_form(request, kind, lang_of(request), item_id, form_values(dict(record or {})), digest=digest,
                           notice=notices.get(notice or ""))

    async def save_record(request: Request) -> Response:
        kind, item_id = kind_of(request)
        form = await form_of(request)
        if space.file is None:
            return RedirectResponse("/", status_code=303)
        lang = lang_of(request)
        fields = form_fields(kind.model)
        values, empty = parse_form(fields, form)
        digest = str(form.get("hash", ""))
        shown = form_values(values)
        college = str(form["college"]) if kind.key == "actors" and "college" in form else None
        shown["__college"] = college
        if kind.key == "actors" and isinstance(values.get("commune"), str):
            current = (_record(raw_data(), kind, item_id) or {}).get("commune") if item_id else None
            code, problem = await run_in_threadpool(find_commune, values["commune"], lang, current)
            if problem:
                return record_form(request, kind, lang, item_id, shown, digest=digest, errors={"commune": [problem]},
                                   status=422, notice=word(lang, "not_saved"))
            values["commune"] = code
        try:
            edit, new_id = await run_in_threadpool(_save, space, kind, item_id, values, empty, digest, college)
        except Conflict as conflict:
            from ..io.edit import unified_diff

            _text, now = space.read()
            diff = unified_diff(conflict.old, conflict.new, space.file.name) if conflict.old is not None else ""
            shown = _merged(kind, item_id, fields, shown, conflict)
            return record_form(request, kind, lang, item_id, shown, digest=now, status=409, conflict=diff)
        except PoleError as error:
            data = raw_data() or {}
            index = _index(data, kind, item_id) if item_id else len(data.get(kind.key) or [])
            groups = frozenset(name.split(".")[0] for f in fields for name in (f.name, *(g.name for g in f.fields))
                               if "." in name)
            by_field, other = problems_by_field(error.problems, (kind.key,) if kind.single else (kind.key, index),
                                                groups)
            errors = {name: [_field_message(lang, name, p) for p in found] for name, found in by_field.items()}
            known = {f.name for f in fields} | {name for name in by_field
                                                 if any(name.startswith(f"{f.name}.") for f in fields if f.kind == "records")}
            other_messages = [_said(p, lang) for name, found in by_field.items() if name not in known for p in found]
            other_messages += [_problem_text(p, lang) for p in other]
            if not error.problems:
                other_messages.append(render(error.summary, lang) if error.summary else str(error))
            return record_form(request, kind, lang, item_id, shown, digest=digest, errors=errors,
                               other=other_messages, status=422, notice=word(lang, "not_saved"))
        remember(edit)
        place = f"/{kind.slug}" if kind.single else f"/{kind.slug}/{quote(new_id)}"
        target = f"{place}?notice={'saved' if edit.written else 'unchanged'}"
        return RedirectResponse(target, status_code=303)

    async def remove_page(request: Request) -> Response:
        kind = KINDS[request.path_params["kind"]]
        item_id = request.path_params["item"]
        if space.file is None:
            return RedirectResponse("/", status_code=303)
        _text, digest = space.read()
        data = raw_data()
        if _record(data, kind, item_id) is None:
            return not_found(request)
        refs = _references(data, kind, item_id)
        return page(request, "remove.html", lang_of(request), kind=kind, item_id=item_id, refs=refs, digest=digest)

    async def remove(request: Request) -> Response:
        kind = KINDS[request.path_params["kind"]]
        item_id = request.path_params["item"]
        form = await form_of(request)
        if space.file is None:
            return RedirectResponse("/", status_code=303)
        lang = lang_of(request)
        try:
            edit = await run_in_threadpool(lambda: _remove(space, kind, item_id, str(form.get("hash", "")),
                                                   cascade=form.get("cascade") == "yes"))
        except Conflict as conflict:
            from ..io.edit import unified_diff

            _text, now = space.read()
            diff = unified_diff(conflict.old, conflict.new, space.file.name) if conflict.old is not None else ""
            refs = _references(raw_data(), kind, item_id)
            return page(request, "remove.html", lang, status=409, kind=kind, item_id=item_id, refs=refs,
                        digest=now, conflict=diff)
        except PoleError as error:
            refs = _references(raw_data(), kind, item_id)
            _text, now = space.read()
            return page(request, "remove.html", lang, status=422, kind=kind, item_id=item_id, refs=refs,
                        digest=now, other=[_problem_text(p, lang) for p in error.problems] or [str(error)])
        remember(edit)
        return RedirectResponse(f"/{kind.slug}", status_code=303)

    async def communes(request: Request) -> Response:
        """The communes whose name starts with, or whose postal code is, what was typed: ``<option>`` for a datalist."""
        from html import escape

        found = await run_in_threadpool(commune_choices, request.query_params.get("q", ""))
        return HTMLResponse("".join(f'<option value="{escape(c.code)}">{escape(c.name)} ({escape(", ".join(c.postal_codes))})'
                                    "</option>" for c in found))

    async def language(request: Request) -> Response:
        form = await form_of(request)
        chosen = str(form.get("lang", ""))
        back = str(form.get("back", "/"))
        if not back.startswith("/") or back.startswith("//"):
            back = "/"
        response = RedirectResponse(back, status_code=303)
        if chosen in LANGUAGES:
            response.set_cookie("ptce_lang", chosen, httponly=True, samesite="strict")
        return response

    def not_found(request: Request) -> HTMLResponse:
        lang = lang_of(request)
        html = env.get_template("refused.html").render(_=translator(lang), lang=lang, assets=assets,
                                                       message=word(lang, "error.not_found"))
        return HTMLResponse(html, status_code=404)

    async def missing(request: Request, exc: Exception) -> Response:
        return not_found(request)

    async def refused(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Refusal)
        status, body = refuse(request.scope, exc)
        return HTMLResponse(body.decode(), status_code=status)

    async def too_large(request: Request, exc: Exception) -> Response:
        return await refused(request, Refusal(413, "error.too_large", limit=Figure(max_body / 1048576)))

    kinds = "{kind:str}"
    routes = [
        Route("/", dashboard, methods=["GET"]),
        Route("/fonder", found, methods=["POST"]),
        Route("/criteres", criteria_page, methods=["GET"]),
        Route("/gouvernance", show_record, methods=["GET"]),
        Route("/gouvernance", save_record, methods=["POST"]),
        Route("/communes", communes, methods=["GET"]),
        Route("/langue", language, methods=["POST"]),
        Route(f"/{kinds}", listing, methods=["GET"]),
        Route(f"/{kinds}/nouveau", new_record, methods=["GET"]),
        Route(f"/{kinds}/nouveau", save_record, methods=["POST"]),
        Route(f"/{kinds}/{{item:str}}", show_record, methods=["GET"]),
        Route(f"/{kinds}/{{item:str}}", save_record, methods=["POST"]),
        Route(f"/{kinds}/{{item:str}}/supprimer", remove_page, methods=["GET"]),
        Route(f"/{kinds}/{{item:str}}/supprimer", remove, methods=["POST"]),
    ]

    from . import importer, pages

    routes[1:1] = pages.routes(space, page, loaded, not_found)
    routes[1:1] = importer.routes(space, page, lang_of, form_of, _digest)
    app = Starlette(routes=_only_kinds(routes), exception_handlers={
        404: missing, Refusal: refused, BodyTooLarge: too_large})
    app.state.workspace = space
    return Guard(app, token=token, host=host, port=port, refuse=refuse, max_body=max_body)


def _only_kinds(routes: list[Route]) -> list[Route]:
    """Routes with ``{kind}`` answer only for the lists of :data:`KINDS` (others are 404)."""
    from starlette.exceptions import HTTPException

    wrapped = []
    for route in routes:
        if "{kind" not in route.path:
            wrapped.append(route)
            continue
        endpoint = route.endpoint

        async def guarded(request: Request, endpoint: Any = endpoint) -> Response:
            if request.path_params.get("kind") not in KINDS:
                raise HTTPException(404)
            response: Response = await endpoint(request)
            return response

        wrapped.append(Route(route.path, guarded, methods=sorted(route.methods or ())))
    return wrapped


# --- reading and changing records -------------------------------------------------------

def _record(data: Any, kind: Kind, item_id: str) -> Any:
    if kind.single:
        found = (data or {}).get(kind.key)
        return found if isinstance(found, dict) else None
    if kind.by_place:
        index = _index(data, kind, item_id)
        return ((data or {}).get(kind.key) or [])[index] if index >= 0 else None
    for item in (data or {}).get(kind.key) or []:
        if isinstance(item, dict) and str(item.get("id")) == item_id:
            return item
    return None


def _index(data: Any, kind: Kind, item_id: str) -> int:
    if kind.by_place:
        items = (data or {}).get(kind.key) or []
        place = int(item_id) if item_id.isdigit() else 0
        return place - 1 if 1 <= place <= len(items) and isinstance(items[place - 1], dict) else -1
    for index, item in enumerate((data or {}).get(kind.key) or []):
        if isinstance(item, dict) and str(item.get("id")) == item_id:
            return index
    return -1


def _matches(item: Any, query: str, chosen: dict[str, str]) -> bool:
    if query:
        words = " ".join(str(v) for v in (getattr(item, "id", ""), getattr(item, "name", ""), getattr(item, "source", ""),
                                           getattr(item, "topic", ""), getattr(item, "siret", ""),
                                           getattr(item, "legal_form", ""), " ".join(getattr(item, "actors", []) or []))
                         if v).casefold()
        if query not in words:
            return False
    for name, value in chosen.items():
        if value and str(getattr(getattr(item, name, None), "value", getattr(item, name, None))) != value:
            return False
    return True


def _merged(kind: Kind, item_id: str | None, fields: list[FormField], typed: dict[str, Any],
            conflict: Conflict) -> dict[str, Any]:
    """What the form shows after a conflict: the record as it is now, with the fields the user changed.

    A field the user left as it was takes its new value from the file, so that sending the
    form again keeps the change made meanwhile; a field the user changed keeps what they typed.
    """
    from ..io.files import parse_text

    if item_id is None or conflict.old is None:
        return typed
    try:
        old = _record(parse_text(conflict.old), kind, item_id)
        new = _record(parse_text(conflict.new), kind, item_id)
    except PoleError:
        return typed
    if old is None or new is None:
        return typed
    before, now = form_values(dict(old)), form_values(dict(new))
    merged = dict(now)
    for f in fields:
        if typed.get(f.name) != before.get(f.name):
            if f.name in typed:
                merged[f.name] = typed[f.name]
            else:
                merged.pop(f.name, None)
    return merged


def find_commune(typed: str, lang: str, current: object = None) -> tuple[str, str | None]:
    """The INSEE code of the commune typed as its code, its postal code or its name; or the problem.

    A number that is both a commune's code and another's postal code is asked about, unless it
    is the record's ``current`` commune already.

    Examples
    --------
    >>> find_commune("26281", "fr"), find_commune("26150", "fr")[1][:20], find_commune("romans sur isere", "fr")
    (('26281', None), 'Plusieurs communes r', ('26281', None))
    >>> find_commune("26100", "fr")[1]
    'Plusieurs communes répondent : 26100 Combovin, 26281 Romans-sur-Isère. Tapez le code INSEE de la bonne.'
    >>> find_commune("26100", "fr", current="26100")
    ('26100', None)
    >>> find_commune("Atlantide-sur-Mer", "fr")[1]
    'Aucune commune ne porte ce nom ou ce code postal : tapez son code INSEE (5 caractères), son code postal ou son nom.'
    """
    from ..reference import geo

    text = typed.strip()
    if current is not None and text == str(current):
        return text, None
    if text.isdigit():
        by_code = geo.commune(text)
        found = ([by_code] if by_code else []) + [c for c in geo.communes_by_postal_code(text) if c is not by_code
                                                 and (by_code is None or c.code != by_code.code)]
    else:
        by_code = geo.commune(text.upper())  # Corsica: 2A004
        found = [by_code] if by_code else geo.communes_named(text)
    if len(found) == 1:
        return found[0].code, None
    if not found:
        return text, word(lang, "field.commune_none")
    return text, word(lang, "field.commune_many", choices=", ".join(c.label for c in found[:8]))


def commune_choices(typed: str, limit: int = 12) -> list[Any]:
    """Communes for the commune field's suggestions: by postal code, else by the start of the name."""
    from ..reference import geo

    text = typed.strip()
    if len(text) < 2:
        return []
    if text.isdigit():
        return geo.communes_by_postal_code(text)[:limit] if len(text) == 5 else []
    start = geo.normalise_name(text)
    found = [c for name, c in _all_communes() if name.startswith(start)]
    return sorted(found, key=lambda c: -(c.population or 0))[:limit]


@functools.cache
def _all_communes() -> list[tuple[str, Any]]:
    """Every current commune with its name as :func:`ptce_kit.reference.geo.normalise_name` writes it."""
    from ..reference import geo

    codes = sorted({code for r in geo.regions() for code in geo.commune_codes(region=r.code)})
    return [(geo.normalise_name(c.name), c) for c in (geo.commune(code) for code in codes) if c is not None]


def _digest(file: Path) -> str:
    try:
        return hashlib.sha256(file.read_bytes()).hexdigest()
    except OSError:
        return ""


def _edit(space: Workspace, digest: str, edit: Any) -> Any:
    """Run ``edit(expected_hash)`` (an edit through ``edit_pole``); a file changed meanwhile raises :class:`Conflict`."""
    from ..io.edit import FileChanged

    try:
        return edit(digest)
    except FileChanged as changed:
        raise Conflict(space.texts.get(digest), changed.text) from None


def _save(space: Workspace, kind: Kind, item_id: str | None, values: dict[str, Any], empty: list[str],
          digest: str, college: str | None = None) -> tuple[Any, str]:
    """Add (``item_id`` is ``None``) or change a record through ``edit_pole``; the edit and the record's id.

    The pole's governance is one record (``kind.single``), made when the file has none.
    """
    from ..io.edit import edit_pole
    from ..io.members import append_record, check_record, put_in_college

    assert space.file is not None
    model = kind.model
    result: dict[str, str] = {}

    def change(data: Any) -> list[str]:
        if item_id is None or (kind.single and data.get(kind.key) is None):
            fields = _new_values(model, values)
            if kind.single:
                from ..io.edit import set_key, to_node
                from ..model import Pole

                check_record(model, fields, kind.key)
                set_key(data, kind.key, to_node(_ordered(model, fields)), list(Pole.model_fields))
                result["id"] = kind.key
                return [f"added {kind.key}"]
            if kind.by_place:
                from ..io.edit import to_node
                from ..io.members import record_list

                check_record(model, fields, kind.key[:-1])
                items = record_list(data, kind.key)
                items.append(to_node(_ordered(model, fields)))
                result["id"] = str(len(items))
                return [f"added {kind.key[:-1]} {result['id']}"]
            base = str(fields.get("name") or "-".join([str(fields.get("kind") or "tie"),
                                                       *map(str, list(fields.get("actors") or [])[:2])]))
            result["id"] = append_record(data, kind.key, model, fields, base)
            return [f"added {result['id']}", *put_in_college(data, result["id"], college or None)]
        record = _record(data, kind, item_id)
        if record is None:
            raise PoleError.single(Message("there is no record with id {id!r}", id=item_id))
        if not kind.by_place and not kind.single and values.get("id", item_id) != item_id:
            raise PoleError([Problem(N_("an id cannot be changed here: other records refer to it"), path=("id",))])
        values.pop("id", None)
        _update(record, model, values, empty)
        check_record(model, _plain(record), kind.key if kind.single else kind.key[:-1])
        result["id"] = item_id
        return [f"changed {item_id}", *([] if kind.single else put_in_college(data, item_id, college))]

    file = space.file
    edit = _edit(space, digest, lambda expected: edit_pole(file, change, expected_hash=expected))
    return edit, result["id"]


def _plain(value: Any) -> Any:
    from ..io.edit import as_plain

    return as_plain(value)


def _ordered(model: Any, fields: dict[str, Any]) -> dict[str, Any]:
    """A record's fields in its model's order (as the format's documentation lists them)."""
    order = list(model.model_fields)
    return {k: fields[k] for k in sorted(fields, key=lambda k: order.index(k) if k in order else len(order))}


def _item_model(model: Any, key: str) -> Any:
    """The model of the nested records of the list ``key`` (``Contact`` for an actor's ``contacts``)."""
    from typing import get_args

    from .forms import _unwrap

    annotation, _ = _unwrap(model.model_fields[key].annotation)
    return _unwrap(get_args(annotation)[0])[0]


def _new_values(model: Any, values: dict[str, Any]) -> dict[str, Any]:
    """The values of a new record: its nested records' rows made records, its groups (``cadence.every``) records."""
    from .forms import grouped

    fields: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, Rows):
            item = _item_model(model, key)
            rows = [_ordered(item, _new_values(item, row)) for row in merge_rows([], value)]
            if rows:
                fields[key] = rows
        else:
            fields[key] = value
    fields = grouped({}, fields, [])
    return {k: _ordered(_group_model(model, k), v) if isinstance(v, dict) else v for k, v in fields.items()}


def _group_model(model: Any, key: str) -> Any:
    """The model of the single nested record ``key`` (``Cadence`` for a body's ``cadence``)."""
    from .forms import _unwrap

    return _unwrap(model.model_fields[key].annotation)[0]


def _update(record: Any, model: Any, values: dict[str, Any], empty: list[str]) -> None:
    """Change a record in place (a round-trip node keeps its comments): its fields, its groups, its rows."""
    from ..io.edit import DATE_FIELDS, as_plain, date_node, set_key, to_node

    order = list(model.model_fields)
    groups: dict[str, tuple[dict[str, Any], list[str]]] = {}
    for key in empty:
        group, _, sub = key.partition(".")
        if sub:
            groups.setdefault(group, ({}, []))[1].append(sub)
        elif key in record and key != "id":
            del record[key]
    for key, value in values.items():
        group, _, sub = key.partition(".")
        if sub:
            groups.setdefault(group, ({}, []))[0][sub] = value
        elif isinstance(value, Rows):
            _update_rows(record, key, value, _item_model(model, key), order)
        elif as_plain(record.get(key)) != value:
            set_key(record, key, to_node(date_node(value) if key in DATE_FIELDS else value), order)
    for group, (group_values, group_empty) in groups.items():
        inner = _group_model(model, group)
        node = record.get(group)
        if isinstance(node, dict):
            _update(node, inner, group_values, group_empty)
            if not node:
                del record[group]
        elif group_values:
            set_key(record, group, to_node(_ordered(inner, group_values)), order)


def _update_rows(record: Any, key: str, rows: Rows, item_model: Any, order: list[str]) -> None:
    """The nested records ``record[key]`` changed row by row: each item of its place, removed ones, new ones after."""
    from ..io.edit import to_node

    items = record.get(key)
    if not isinstance(items, list):
        merged = [_ordered(item_model, _new_values(item_model, row)) for row in merge_rows([], rows)]
        if merged:
            from ..io.edit import set_key

            set_key(record, key, to_node(merged, flow_lists=False), order)
        return
    gone = []
    for index, (row, row_empty, removed) in enumerate(rows.rows):
        if index < len(items):
            if removed:
                gone.append(index)
                continue
            if not isinstance(items[index], dict):
                continue
            _update(items[index], item_model, row, row_empty)
            if not items[index]:
                gone.append(index)
        elif row and not removed:
            items.append(to_node(_ordered(item_model, _new_values(item_model, row))))
    for index in reversed(gone):
        del items[index]
    if not items:
        del record[key]


def _references(data: Any, kind: Kind, item_id: str) -> list[str]:
    """What refers to a record, in words (only actors are referred to by other records)."""
    if kind.key != "actors" or data is None:
        return []
    from ..io.members import actor_references

    try:
        return [label for _path, label in actor_references(data, item_id)]
    except Exception:  # an invalid file: its problems are on the dashboard
        return []


def _remove(space: Workspace, kind: Kind, item_id: str, digest: str, *, cascade: bool) -> Any:
    """Remove a record through ``edit_pole`` (an actor as ``ptce member remove`` does), the form's hash checked."""
    from ..io.edit import edit_pole
    from ..io.members import remove_member

    assert space.file is not None
    file = space.file
    if kind.key == "actors":
        return _edit(space, digest, lambda expected: remove_member(file, item_id, cascade=cascade,
                                                                   expected_hash=expected))

    def change(data: Any) -> list[str]:
        index = _index(data, kind, item_id)
        if index < 0:
            raise PoleError.single(Message("there is no record with id {id!r}", id=item_id))
        del data[kind.key][index]
        return [f"removed {item_id}"]

    return _edit(space, digest, lambda expected: edit_pole(file, change, expected_hash=expected))


def _field_message(lang: str, name: str, problem: Problem) -> str:
    """What is said beside a field about a problem of it: the workspace's own sentence, else the problem's."""
    from ..io.edit import DATE_FIELDS

    if name in _FIELD_WORDS:
        return word(lang, _FIELD_WORDS[name])
    if name in DATE_FIELDS and problem.code in ("PTCE-E115", "PTCE-E307"):
        return word(lang, "field.date")
    if problem.code == "PTCE-E101":
        return word(lang, "field.required")
    return _said(problem, lang)


def _said(problem: Problem, lang: str) -> str:
    """A problem's message and hint in ``lang`` (the library's messages are gettext messages)."""
    from ..i18n import render

    text = render(problem.message, lang)
    return text + (f" ({render(problem.hint, lang)})" if problem.hint else "")


def _problem_text(problem: Problem, lang: str) -> str:
    from ..errors import format_path

    where = f"{format_path(tuple(problem.path))} : " if problem.path else ""
    return where + _said(problem, lang)


def _git_changes(file: Path | None) -> dict[str, Any]:
    """What changed in the pole's file since the last commit: ``{"git": False}`` outside a repository."""
    if file is None:
        return {"git": False}
    try:
        inside = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=file.parent,
                                capture_output=True, text=True, timeout=5)
        if inside.returncode != 0 or inside.stdout.strip() != "true":
            return {"git": False}
        diff = subprocess.run(["git", "diff", "--no-color", "--no-ext-diff", "HEAD", "--", file.name],
                              cwd=file.parent, capture_output=True, text=True, timeout=10)
        if diff.returncode != 0:  # no commit yet, or the file is not tracked
            tracked = subprocess.run(["git", "ls-files", "--error-unmatch", file.name], cwd=file.parent,
                                     capture_output=True, text=True, timeout=5)
            return {"git": True, "diff": "", "untracked": tracked.returncode != 0}
    except (OSError, subprocess.SubprocessError):
        return {"git": False}
    text = diff.stdout
    added = sum(1 for line in text.splitlines() if line.startswith("+") and not line.startswith("+++"))
    removed = sum(1 for line in text.splitlines() if line.startswith("-") and not line.startswith("---"))
    return {"git": True, "diff": text, "added": added, "removed": removed, "untracked": False}
