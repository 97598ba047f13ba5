"""The workspace's Carte and Documents pages: the library's maps and documents, made on request.

What is made is kept by the hash of the pole's file (a change makes everything again), so
that opening the map twice draws it once.  Downloads are the versions meant for sharing
(no personal data), except the full registry, which the page names as such.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from ..errors import PoleError

__all__ = ["routes", "DOWNLOADS", "MAP_FORMATS"]

#: The documents of the Documents page: URL name -> (library document, full registry?).
DOCUMENTS = {"charter": ("charter", False), "registry": ("registry", False),
             "registry-full": ("registry", True), "fiche": ("fiche", False), "report": ("report", False)}
#: What each document downloads as.
DOWNLOADS = {"charter": ("html", "pdf", "odt", "docx", "md"), "registry": ("html", "pdf", "odt", "docx", "csv"),
             "registry-full": ("html", "pdf", "csv"), "fiche": ("html", "pdf", "odt", "docx"),
             "report": ("html", "pdf", "odt", "docx", "md")}
MAP_FORMATS = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
MEDIA = {"html": "text/html; charset=utf-8", "pdf": "application/pdf", "md": "text/markdown; charset=utf-8",
         "csv": "text/csv; charset=utf-8", "odt": "application/vnd.oasis.opendocument.text",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


class _Made:
    """What was made from one version of the file (by its hash), for the last few versions."""

    def __init__(self) -> None:
        self.items: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()

    def get(self, key: tuple[Any, ...], make: Callable[[], bytes]) -> bytes:
        if key not in self.items:
            self.items[key] = make()
            while len(self.items) > 64:
                self.items.popitem(last=False)
        return self.items[key]


def routes(space: Any, page: Callable[..., HTMLResponse], loaded: Callable[[Request], tuple[Any, str] | Response],
           not_found: Callable[[Request], Response]) -> list[Route]:
    """The routes of the Carte and Documents pages, over the app's helpers."""
    made = _Made()

    def current(request: Request) -> tuple[Any, str, str] | Response:
        got = loaded(request)
        if isinstance(got, Response):
            return got
        pole, lang = got
        return pole, lang, hashlib.sha256(space.file.read_bytes()).hexdigest()

    async def map_page(request: Request) -> Response:
        got = current(request)
        if isinstance(got, Response):
            return got
        _pole, lang, _digest = got
        return page(request, "map.html", lang, layouts=_layouts(), formats=list(MAP_FORMATS))

    async def interactive(request: Request) -> Response:
        got = current(request)
        if isinstance(got, Response):
            return got
        pole, lang, digest = got

        def make() -> bytes:
            from ..render.interactive import interactive_html

            return interactive_html(pole, lang=lang).encode("utf-8")

        return Response(await run_in_threadpool(made.get, ("interactive", digest, lang), make), media_type="text/html; charset=utf-8")

    async def static_map(request: Request) -> Response:
        layout, fmt = request.path_params["layout"], request.path_params["fmt"]
        if layout not in _layouts() or fmt not in MAP_FORMATS:
            return not_found(request)
        got = current(request)
        if isinstance(got, Response):
            return got
        pole, lang, digest = got

        def make() -> bytes:
            from ..privacy import for_sharing
            from ..render.maps import map_figure, save_figure

            figure = map_figure(for_sharing(pole), layout=layout, lang=lang)
            with tempfile.TemporaryDirectory(prefix="ptce-serve-") as folder:
                return save_figure(figure, Path(folder) / f"carte.{fmt}").read_bytes()

        try:
            body = await run_in_threadpool(made.get, ("map", digest, layout, fmt, lang), make)
        except PoleError as error:  # a layout the data cannot give (no positions for "geo"…)
            return page(request, "invalid.html", lang, status=422, problems=error.problems)
        name = f"carte-{layout}.{fmt}" if lang == "fr" else f"map-{layout}.{fmt}"
        disposition = "inline" if request.query_params.get("voir") else "attachment"
        return Response(body, media_type=MAP_FORMATS[fmt],
                        headers={"content-disposition": f'{disposition}; filename="{name}"'})

    async def documents_page(request: Request) -> Response:
        got = current(request)
        if isinstance(got, Response):
            return got
        _pole, lang, _digest = got
        from ..render.documents import file_stem

        year = _report_year(_pole)
        names = {key: _stem(doc, lang, full, year) for key, (doc, full) in DOCUMENTS.items()}
        downloads = {k: v for k, v in DOWNLOADS.items() if k != "report" or year is not None}
        return page(request, "documents.html", lang, downloads=downloads, names=names, year=year)

    async def document(request: Request) -> Response:
        key, fmt = request.path_params["doc"], request.path_params["fmt"]
        if key not in DOCUMENTS or fmt not in DOWNLOADS[key]:
            return not_found(request)
        got = current(request)
        if isinstance(got, Response):
            return got
        pole, lang, digest = got
        name, full = DOCUMENTS[key]

        year = _report_year(pole) if name == "report" else None
        if name == "report" and year is None:
            return not_found(request)

        def make() -> bytes:
            return _document(pole, name, fmt, lang, full, year)

        try:
            body = await run_in_threadpool(made.get, ("doc", digest, key, fmt, lang, year), make)
        except PoleError as error:
            return page(request, "invalid.html", lang, status=422, problems=error.problems)
        except ImportError:
            return page(request, "invalid.html", lang, status=501, problems=[], message_key="docs.no_pdf")
        disposition = "inline" if fmt == "html" else "attachment"
        return Response(body, media_type=MEDIA[fmt], headers={
            "content-disposition": f'{disposition}; filename="{_stem(name, lang, full, year)}.{fmt}"'})

    return [
        Route("/carte", map_page, methods=["GET"]),
        Route("/carte/interactive", interactive, methods=["GET"]),
        Route("/carte/{layout:str}.{fmt:str}", static_map, methods=["GET"]),
        Route("/documents", documents_page, methods=["GET"]),
        Route("/documents/{doc:str}.{fmt:str}", document, methods=["GET"]),
    ]


def _layouts() -> tuple[str, ...]:
    """The static map's layouts (imported on first use: the layouts module loads the graph library)."""
    from ..render.layouts import LAYOUTS

    return LAYOUTS


def _report_year(pole: Any) -> int | None:
    """The year of the activity report offered: the last complete year the data covers."""
    from ..render.report import data_years, last_complete_year

    year = last_complete_year(pole)
    if year is None:
        years = data_years(pole)
        year = max(years) if years else None
    return year


def _stem(name: str, lang: str, full: bool, year: int | None) -> str:
    from ..render.documents import file_stem
    from ..render.report import report_file_stem

    if name == "report":
        return report_file_stem(year or 0, lang)
    return file_stem(name, lang, full=full)


def _document(pole: Any, name: str, fmt: str, lang: str, full: bool, year: int | None = None) -> bytes:
    """One document as the library writes it (``ptce build``'s and ``ptce report``'s own functions)."""
    from ..render.documents import registry_csv, render_markdown

    if name == "report":
        from ..render.report import render_report_markdown, report_figures

        assert year is not None
        text = render_report_markdown(pole, year, lang=lang)
        if fmt in ("html", "pdf"):
            text = render_report_markdown(pole, year, lang=lang, figures=report_figures(pole, year, lang=lang))
        return _converted(text, fmt, lang)
    if fmt == "csv":
        return registry_csv(pole, lang=lang, include_personal_data=full)
    return _converted(render_markdown(pole, name, lang=lang, include_personal_data=full), fmt, lang)


def _converted(text: str, fmt: str, lang: str) -> bytes:
    """A document's Markdown as the format asked for."""
    from ..render.documents import render_html

    if fmt == "md":
        return text.encode("utf-8")
    if fmt in ("html", "pdf"):
        html = render_html(text, lang=lang)
        if fmt == "html":
            return html.encode("utf-8")
        from ..render.pdf import html_to_pdf

        return html_to_pdf(html)
    from ..render.office import markdown_to_docx, markdown_to_odt

    return (markdown_to_odt if fmt == "odt" else markdown_to_docx)(text, lang=lang)
