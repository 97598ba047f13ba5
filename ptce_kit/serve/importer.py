"""The workspace's Importer page: a members' spreadsheet, its diff, and the rows the user accepts.

The spreadsheet is read by the project's own reader (:func:`ptce_kit.io.spreadsheet.read_rows`:
CSV in UTF-8 or Windows-1252, ``;`` or ``,``, or XLSX) and imported by the same function as
``ptce import`` (:func:`~ptce_kit.io.spreadsheet.import_members`), first as a dry run to show
each row's fate and the diff, then with only the rows the user kept.  The upload is held in
the server's memory under a random key; it is written only to a private temporary folder of
the server's own naming, for the reader, and removed at once.
"""

from __future__ import annotations

import csv
import io
import secrets
import tempfile
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ..errors import PoleError

__all__ = ["routes", "SUFFIXES"]

#: The spreadsheets accepted, by the end of the uploaded file's name.
SUFFIXES = (".csv", ".xlsx")
#: The SIRENE extracts accepted (INSEE's stock files, a joined file, the company search service's CSV or JSON).
SIRENE_SUFFIXES = (".csv", ".json", ".gz", ".zip")


def _safe_name(name: str, suffixes: tuple[str, ...]) -> str | None:
    """The uploaded file's own name, kept for the SIRENE reader (which reads the layout from it), if harmless.

    Examples
    --------
    >>> _safe_name("StockEtablissement_utf8.zip", SIRENE_SUFFIXES), _safe_name("../x.csv", SIRENE_SUFFIXES)
    ('StockEtablissement_utf8.zip', None)
    """
    import re

    if "/" in name or "\\" in name:
        return None
    base = name
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,120}", base) or not base.lower().endswith(suffixes):
        return None
    return base


def _sirene(pole_file: Path, data: bytes, name: str, *, dry_run: bool, keep: set[str] | None = None) -> Any:
    """``ptce import-sirene`` of the upload (only the records of the rows in ``keep``, when given)."""
    from ..io.sirene import import_sirene

    with tempfile.TemporaryDirectory(prefix="ptce-serve-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        chosen = None if keep is None else (lambda record: _row_key(record) in keep)
        return import_sirene(path, pole_file, dry_run=dry_run, keep=chosen)


def _row_key(record: Any) -> str:
    """The row a SIRENE record was read from, as the form names it."""
    return f"{record.line}"


def _sirene_rows(pole_file: Path, data: bytes, name: str) -> list[tuple[str, str, str, str, str]]:
    """Each record of the extract and what it would do to the pole: ``(row, name, SIRET, fate, detail)``.

    The records are merged one after the other into a copy of the pole's data by
    :func:`ptce_kit.io.sirene.merge_sirene`, as the import merges them, so that each row's
    effect is its own: ``added`` (a new actor), ``updated`` (fields an actor lacked),
    ``unchanged``, or ``rejected`` (not diffusible, a sole trader, closed without a date).
    """
    from ..io.files import parse_text, read_text
    from ..io.sirene import merge_sirene, read_sirene

    pole = parse_text(read_text(pole_file), file=pole_file)
    with tempfile.TemporaryDirectory(prefix="ptce-serve-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        records = read_sirene(path)
    rows = []
    for record in records:
        report = merge_sirene(pole, [record], source=name)
        siret = record.siret or record.siren or ""
        if report.added:
            fate, detail = "added", ", ".join(report.added)
        elif report.completed or report.updated:
            fate = "updated"
            detail = "; ".join(f"{a} ({', '.join(fields)})" for a, fields in report.completed.items())
        elif report.non_diffusible or report.sole_traders or (record.closed and not record.closed_since):
            fate, detail = "rejected", "; ".join(report.closed)
        else:
            fate, detail = "unchanged", "; ".join(report.conflicts)
        rows.append((_row_key(record), record.name or "", siret, fate, detail))
    rows += [("", "", "", "rejected", str(skipped)) for skipped in records.skipped]  # left out by the reader
    return rows


def _read(data: bytes, suffix: str) -> tuple[dict[str, str], list[tuple[int, dict[str, str]]], list[str]]:
    """The spreadsheet's headers, rows and warnings, read from a private copy of the upload."""
    from ..io.spreadsheet import read_rows

    with tempfile.TemporaryDirectory(prefix="ptce-serve-upload-") as folder:
        path = Path(folder) / f"membres{suffix}"
        path.write_bytes(data)
        return read_rows(path)


def _kept(headers: dict[str, str], rows: list[tuple[int, dict[str, str]]], keep: set[int]) -> bytes:
    """A CSV of the rows kept (UTF-8, ``;``), with the spreadsheet's own headers, for ``import_members``."""
    keys = list(headers)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow([headers[k] for k in keys])
    for number, values in rows:
        if number in keep:
            writer.writerow([values.get(k, "") for k in keys])
    return out.getvalue().encode("utf-8")


def _import(pole_file: Path, data: bytes, suffix: str, *, dry_run: bool) -> Any:
    from ..io.spreadsheet import import_members

    with tempfile.TemporaryDirectory(prefix="ptce-serve-upload-") as folder:
        path = Path(folder) / f"membres{suffix}"
        path.write_bytes(data)
        return import_members(path, pole_file, dry_run=dry_run)


def routes(space: Any, page: Callable[..., Response], lang_of: Callable[..., str], form_of: Callable[..., Any],
           digest_of: Callable[[Path], str]) -> list[Route]:
    """The routes of the Importer page, over the app's helpers."""
    uploads: OrderedDict[str, tuple[str, bytes, str]] = OrderedDict()  # key -> (name, bytes, suffix)

    async def importer_page(request: Request) -> Response:
        if space.file is None:
            return RedirectResponse("/", status_code=303)
        return page(request, "importer.html", lang_of(request))

    async def preview(request: Request) -> Response:
        form = await form_of(request)
        if space.file is None:
            return RedirectResponse("/", status_code=303)
        lang = lang_of(request)
        upload = form.get("spreadsheet")
        name = str(getattr(upload, "filename", "") or "")
        suffix = Path(name).suffix.lower()
        if upload is None or not hasattr(upload, "read") or suffix not in SUFFIXES:
            return page(request, "importer.html", lang, status=422, error_key="import.kind")
        data = await upload.read()
        try:
            result = await run_in_threadpool(_import, space.file, data, suffix, dry_run=True)
            headers, rows, _warnings = await run_in_threadpool(_read, data, suffix)
        except PoleError as error:
            return page(request, "importer.html", lang, status=422, problems=error.problems)
        key = secrets.token_urlsafe(16)
        uploads[key] = (Path(name).name, data, suffix)
        while len(uploads) > 8:
            uploads.popitem(last=False)
        fate = {n: ("added", a) for n, a in result.added}
        fate.update({n: ("updated", f"{a} ({', '.join(c)})") for n, a, c in result.updated})
        fate.update({n: ("unchanged", a) for n, a in result.unchanged})
        fate.update({n: ("rejected", reason) for n, reason in result.rejected})
        table = [(number, values.get("name") or values.get("id") or "", *fate.get(number, ("unchanged", "")))
                 for number, values in rows]
        return page(request, "importer.html", lang, key=key, upload_name=Path(name).name, table=table,
                    warnings=result.warnings, diff=result.edit.diff() if result.edit else "",
                    digest=digest_of(space.file))

    async def apply(request: Request) -> Response:
        form = await form_of(request)
        if space.file is None:
            return RedirectResponse("/", status_code=303)
        lang = lang_of(request)
        held = uploads.get(str(form.get("key", "")))
        if held is None:
            return page(request, "importer.html", lang, status=410, error_key="import.expired")
        name, data, suffix = held
        if str(form.get("hash", "")) != digest_of(space.file):
            return page(request, "importer.html", lang, status=409, error_key="import.changed")
        keep = {int(v) for v in form.getlist("row") if str(v).isdigit()}
        headers, rows, _warnings = await run_in_threadpool(_read, data, suffix)
        try:
            result = await run_in_threadpool(_import, space.file, _kept(headers, rows, keep), ".csv", dry_run=False)
        except PoleError as error:
            return page(request, "importer.html", lang, status=422, problems=error.problems)
        uploads.pop(str(form.get("key", "")), None)
        return page(request, "importer.html", lang, done=result, upload_name=name,
                    refused=sorted(n for n, _ in rows if n not in keep))

    async def sirene_preview(request: Request) -> Response:
        form = await form_of(request)
        if space.file is None:
            return RedirectResponse("/", status_code=303)
        lang = lang_of(request)
        upload = form.get("extract")
        name = _safe_name(str(getattr(upload, "filename", "") or ""), SIRENE_SUFFIXES)
        if upload is None or not hasattr(upload, "read") or name is None:
            return page(request, "importer.html", lang, status=422, error_key="import.sirene_kind")
        data = await upload.read()
        try:
            report = await run_in_threadpool(_sirene, space.file, data, name, dry_run=True)
            rows = await run_in_threadpool(_sirene_rows, space.file, data, name)
        except PoleError as error:
            return page(request, "importer.html", lang, status=422, problems=error.problems)
        key = secrets.token_urlsafe(16)
        uploads[key] = (name, data, "sirene")
        while len(uploads) > 8:
            uploads.popitem(last=False)
        return page(request, "importer.html", lang, sirene=report, sirene_rows=rows, key=key, upload_name=name,
                    diff=report.edit.diff() if report.edit else "", digest=digest_of(space.file))

    async def sirene_apply(request: Request) -> Response:
        form = await form_of(request)
        if space.file is None:
            return RedirectResponse("/", status_code=303)
        lang = lang_of(request)
        held = uploads.get(str(form.get("key", "")))
        if held is None or held[2] != "sirene":
            return page(request, "importer.html", lang, status=410, error_key="import.expired")
        if str(form.get("hash", "")) != digest_of(space.file):
            return page(request, "importer.html", lang, status=409, error_key="import.changed")
        name, data, _kind = held
        keep = {str(v) for v in form.getlist("row")}
        try:
            report = await run_in_threadpool(lambda: _sirene(space.file, data, name, dry_run=False, keep=keep))
        except PoleError as error:
            return page(request, "importer.html", lang, status=422, problems=error.problems)
        uploads.pop(str(form.get("key", "")), None)
        rows = await run_in_threadpool(_sirene_rows, space.file, data, name)
        refused = [row for row, *_rest in rows if row and row not in keep]
        return page(request, "importer.html", lang, sirene_done=report, upload_name=name, refused=refused)

    return [
        Route("/importer/sirene", sirene_preview, methods=["POST"]),
        Route("/importer/sirene/appliquer", sirene_apply, methods=["POST"]),
        Route("/importer", importer_page, methods=["GET"]),
        Route("/importer", preview, methods=["POST"]),
        Route("/importer/appliquer", apply, methods=["POST"]),
    ]
