"""Build the observatory: many poles, one static site that needs nothing but its own files.

:func:`build_site` reads pole files and writes into ``SITE``:

* ``index.html``: the map of France (each pole at its territory, coloured by a column)
  and the comparison table (sortable, filterable in the page), with links to
  ``poles.csv`` (French: ``;`` and decimal commas) and ``poles.xlsx``;
* ``figures.html``: the national figures, each with its median, quartiles, histogram
  and the number of poles it rests on;
* ``sources.html``: each pole's file, its cited sources and when it last changed (the
  file's last git commit when it is in a git repository and unchanged since, else its
  modification time; the page says which);
* ``poles/<id>/index.html`` (the pole's page: criteria, indicators over time),
  ``poles/<id>/fiche.html`` (its fiche, from :mod:`ptce_kit.render.documents`) and
  ``poles/<id>/carte.html`` (its interactive map, laid out in the browser: :mod:`.pole_map`);
* ``assets/``: the pole maps' scripts and style, written once for the whole site.

Incremental: each pole's measures and pages are kept under ``SITE/.cache/`` with the
SHA-256 of its file's content (and of the language, the date, ptce-kit's version and this
module's cache version); a second run redoes only the poles whose file changed, then the national
pages.  With ``jobs`` above 1 the poles are measured and rendered in forked processes
(:func:`ptce_kit.parallel.side_by_side`); the order of everything written is the order
of the files, so the bytes are the same whatever ``jobs``.
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import PoleError
from ..i18n import N_, Message
from .words import LANGS, words

if TYPE_CHECKING:
    from ..model import Pole

__all__ = ["build_site", "SiteReport", "CACHE_VERSION", "COLOUR_COLUMNS"]

#: Bump when what a pole's cache entry holds, or its pages, change shape.
CACHE_VERSION = "4"

#: Columns ``--colour`` takes besides every numeric column of the comparison table.
COLOUR_COLUMNS: tuple[str, ...] = ("governance_form", "criteria_definition", "criteria_state_call",
                                   "criteria_signals", "level")
_SEQUENTIAL = ("#fde0c5", "#facba6", "#f59e72", "#e9724c", "#c5443a")
_CATEGORICAL = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666")
_VERDICT_COLOURS = {"pass": "#1b9e77", "warn": "#e6ab02", "fail": "#d95f02", "unknown": "#999999"}
_MISSING_COLOUR = "#bbbbbb"


@dataclass
class SiteReport:
    """What :func:`build_site` did: the poles on the site, those rendered anew, the files that failed."""

    site: Path
    poles: list[str] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    failed: list[tuple[Path, PoleError]] = field(default_factory=list)


# --- one pole --------------------------------------------------------------------------------


@functools.cache
def _kit_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("ptce-kit")
    except metadata.PackageNotFoundError:
        return "unknown"


def _key(content: bytes, lang: str, when: str) -> str:
    """The cache key of a pole file: its content, the language, the date, and this code's versions."""
    digest = hashlib.sha256()
    for part in (CACHE_VERSION.encode(), _kit_version().encode(), lang.encode(), when.encode(), content):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def _meetings_per_year(pole: Any) -> float | None:
    cadences = [b.cadence.in_weeks() for b in pole.governance.bodies if b.cadence is not None]
    return round(52 / min(cadences), 3) if cadences else None


def _territory_facts(pole: Any) -> dict[str, Any]:
    """The pole's level (the finest of commune, epci, departement, region), départements and régions."""
    from ..reference import geo

    t = pole.territory
    level: str | None = None
    deps: list[str] = []
    regions: list[str] = []
    communes: list[str] = []
    epcis: list[str] = []
    if t is not None:
        communes = [c.code for c in t.communes if c.code]
        epcis = [t.epci.siren] if t.epci is not None and t.epci.siren else []
        # The communes' (and the EPCI's) départements first, then those the file names.
        deps = [d.code for d in t.derived_departements()]
        deps += [a.code for _, a in t._departements() if a.code and a.code not in deps]
        regions = [r.code for r in t.derived_regions()]
        if t.region is not None and t.region.code and t.region.code not in regions:
            regions.append(t.region.code)
        # The finest level the file gives: a pole of two communes that also names its
        # département and région (as Pôle Sud does) lies below the département.
        if t.communes:
            level = "commune"
        elif t.epci is not None:
            level = "epci"
        elif t.departement is not None or t.departements:
            level = "departement"
        elif t.region is not None:
            level = "region"
    if not deps and not regions:  # no territory to place: the shared site's or the pivot's commune
        pivot = next((a for a in pole.actors if a.id == pole.pivot), None)
        codes = [getattr(pole.site, "commune", None) if pole.site else None, getattr(pivot, "commune", None)]
        for code in codes:
            found = geo.commune(code) if isinstance(code, str) else None
            if found is not None:
                deps, regions, communes = [found.departement], [found.region], [found.code]
                break
    if deps and not regions:
        regions = sorted({d.region for code in deps if (d := geo.departement(code)) is not None})
    return {"level": level, "below_departement": None if level is None else level in ("commune", "epci"),
            "departements": deps, "regions": regions, "communes": communes, "epcis": epcis}


def _is_synthetic(pole: Any) -> bool:
    return pole.id.startswith("synthetic-") or any(s.startswith("Synthetic data") for s in pole.sources)


def _indicator_series(pole: Any) -> list[dict[str, Any]]:
    """Each series of indicators (same name, unit, scope, actor), its points by year (undated last)."""
    series: dict[tuple[str, ...], list[Any]] = {}
    for indicator in pole.indicators:
        series.setdefault(indicator.series_key(), []).append(indicator)
    out = []
    for key in sorted(series, key=lambda k: tuple(str(x) for x in k)):
        points = sorted(series[key], key=lambda i: (i.year is None, i.year or 0, i.bounds[0]))
        first = points[0]
        out.append({"name": first.name, "unit": first.unit or "", "actor": getattr(first, "actor", None),
                    "points": [[p.year, p.bounds[0], p.bounds[1]] for p in points]})
    return out


def _engine(count: int) -> str:
    """The betweenness engine for ``count`` poles (:func:`~ptce_kit.comparison.betweenness_engine`).

    igraph for many when installed, else networkx; a rebuild of a few poles stays with
    networkx.  The table keeps 12 significant digits (:func:`~ptce_kit.comparison.settled`),
    so a site's bytes do not depend on the engine.
    """
    from ..comparison import betweenness_engine

    return betweenness_engine(count)


def _warm(lang: str, engine: str) -> None:
    """Import and load, once before forking, what every pole's work needs: children inherit it."""
    import markdown_it  # noqa: F401  (the fiche's markdown)
    import networkx  # noqa: F401

    from .. import criteria, network  # noqa: F401
    from ..reference import geo
    from ..render import interactive  # noqa: F401
    from ..render.documents import render_html

    if engine == "igraph":
        import igraph  # noqa: F401

    geo.departements()
    render_html("", lang=lang)


def _measure_pole(file: Path, load: Callable[[Path], Pole], lang: str, when: str, site: Path,
                  engine: str = "networkx") -> dict[str, Any]:
    """Load one pole, measure it, write its pages; the cache entry (or the error) back."""
    from ..comparison import PROFILES, _row

    try:
        pole = load(file)
    except PoleError as error:
        return {"error": error}
    reports: list[Any] = []
    # The betweenness centralization keeps 12 significant digits: the same bytes from either engine.
    row = _row(pole, at=when, profiles=PROFILES, criteria_at=None, reports=reports, engine=engine)
    facts = _territory_facts(pole)
    facts.update(
        families=sum(1 for k, v in row.items() if k.startswith("family_") and v),
        meetings_per_year=_meetings_per_year(pole),
        formal=None if row["governance_form"] is None else row["governance_form"] != "informal",
        ei_index=None if row["cross_family_share"] is None else round(2 * row["cross_family_share"] - 1, 12),
        synthetic=_is_synthetic(pole),
        sources=list(pole.sources),
    )
    _write_pole_pages(pole, site, lang, reports[0], row, facts)
    return {"id": pole.id, "row": row, "facts": facts}


def _write_pole_pages(pole: Any, site: Path, lang: str, report: Any, row: dict[str, Any],
                      facts: dict[str, Any]) -> None:
    """The pole's three pages; ``report`` is its criteria report, as the table's row judged it."""
    from ..files import atomic_write, output_folder
    from ..render.documents import render_html, render_markdown
    from .pages import pole_page
    from .pole_map import map_page

    folder = output_folder(site / "poles" / pole.id)
    fiche = render_markdown(pole, "fiche", lang=lang)
    atomic_write(folder / "fiche.html", render_html(fiche, lang=lang))
    atomic_write(folder / "carte.html", map_page(pole, lang))
    results = [{"rule": r.rule.id, "title": r.rule.title(lang), "source": r.rule.source, "profile": r.rule.profile,
                "verdict": r.verdict.value} for r in report.results if r.finding.applies]
    atomic_write(folder / "index.html", pole_page(pole.name, lang, results, _indicator_series(pole), row, facts))


# --- where the files come from ------------------------------------------------------------------


def _git_root(path: Path) -> Path | None:
    for folder in [path.parent, *path.parent.parents]:
        if (folder / ".git").exists():
            return folder
    return None


def _changed(files: Sequence[Path]) -> dict[Path, tuple[str, str]]:
    """Each file's last change: ``(date, "git")`` from its last commit, or ``(date, "mtime")``."""
    found: dict[Path, tuple[str, str]] = {}
    by_root: dict[Path, list[Path]] = {}
    for file in files:
        resolved = file.resolve()
        root = _git_root(resolved)
        if root is not None:
            by_root.setdefault(root, []).append(resolved)
    for root, inside in by_root.items():
        names = [str(p.relative_to(root)) for p in inside]
        try:
            dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--", *names],
                                   capture_output=True, text=True, check=True).stdout
            log = subprocess.run(["git", "-C", str(root), "log", "--format=%x00%cI", "--name-only", "--", *names],
                                 capture_output=True, text=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError):
            continue
        changed_here = {line[3:].strip().strip('"') for line in dirty.splitlines()}
        date = None
        for line in log.splitlines():
            if line.startswith("\0"):
                date = line[1:11]
            elif line and date is not None:
                path = (root / line).resolve()
                if path in inside and path not in found and line not in changed_here:
                    found[path] = (date, "git")
    out: dict[Path, tuple[str, str]] = {}
    for file in files:
        resolved = file.resolve()
        if resolved in found:
            out[file] = found[resolved]
        else:
            stamp = _dt.datetime.fromtimestamp(file.stat().st_mtime, _dt.UTC)
            out[file] = (stamp.date().isoformat(), "mtime")
    return out


# --- the site --------------------------------------------------------------------------------


def _colours(rows: list[dict[str, Any]], column: str, lang: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Each row's colour by ``column``, and the legend's (colour, label) pairs."""
    values = [r.get(column) for r in rows]
    numeric = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    if numeric and len(numeric) == sum(v is not None for v in values):
        ordered = sorted(numeric)
        edges = [ordered[min(len(ordered) - 1, (len(ordered) * k) // 5)] for k in range(1, 5)]
        def bin_of(v: float) -> int:
            return sum(v > e for e in edges)
        colours = [_MISSING_COLOUR if v is None else _SEQUENTIAL[bin_of(v)] for v in values]
        bounds = [ordered[0], *edges, ordered[-1]]
        legend = []
        for k in range(5):
            if any(c == _SEQUENTIAL[k] for c in colours):
                legend.append((_SEQUENTIAL[k], f"{_fmt(bounds[k], lang)} – {_fmt(bounds[k + 1], lang)}"))
        if None in values:
            legend.append((_MISSING_COLOUR, "missing"))
        return colours, legend
    kinds = sorted({str(v) for v in values if v is not None})
    palette = {k: _VERDICT_COLOURS.get(k) or _CATEGORICAL[i % len(_CATEGORICAL)] for i, k in enumerate(kinds)}
    colours = [_MISSING_COLOUR if v is None else palette[str(v)] for v in values]
    legend = [(palette[k], k) for k in kinds] + ([(_MISSING_COLOUR, "missing")] if None in values else [])
    return colours, legend


def _fmt(value: float, lang: str) -> str:
    text = f"{value:.3g}"
    return text.replace(".", ",") if lang == "fr" else text


def _csv_rows(rows: list[dict[str, Any]], sep: str) -> bytes:
    from ..cells import csv_bytes

    return csv_bytes([list(rows[0]), *(list(r.values()) for r in rows)], sep=sep)


def build_site(paths: Sequence[str | os.PathLike[str]], site: str | os.PathLike[str], *,
               load: Callable[[Path], Pole], lang: str = "fr", jobs: int | None = 1, colour: str = "actors",
               at: str | None = None) -> SiteReport:
    """Build (or bring up to date) the observatory of the poles in ``paths`` in the folder ``site``.

    Parameters
    ----------
    paths : sequence of path-like
        Pole files, in the order the table lists them (a folder's files are found by the CLI).
    site : path-like
        The site's folder, created if need be; its ``.cache`` keeps each pole's work.
    load : callable
        Reads one pole file, raising :class:`~ptce_kit.errors.PoleError` for a bad one
        (:func:`ptce_kit.io.load_pole`: the faces hand it over, this room reads no file format).
    lang : {"fr", "en"}
        The site's language (every page, the fiches and the maps).
    jobs : int, optional
        Processes to measure and render poles in (``None``: every usable core).
    colour : str
        The column the map colours the poles by: a numeric column of the comparison
        table, or one of :data:`COLOUR_COLUMNS`.
    at : str, optional
        The date every pole is taken at (default: today).

    Returns
    -------
    SiteReport
        The poles on the site and which were rendered anew; files that could not be read.
    """
    from ..model import check_partial_date
    from ..files import atomic_write, output_folder
    from ..parallel import available_jobs, side_by_side
    from .pole_map import write_assets

    if lang not in LANGS:
        raise PoleError.single(Message("no site language {lang}", lang=repr(lang)), code="PTCE-E500",
                               hint=Message("use one of: {languages}", languages=", ".join(LANGS)))
    when = check_partial_date(at or _dt.date.today().isoformat())
    out = output_folder(site)
    cache = output_folder(out / ".cache" / "poles")
    report = SiteReport(site=out)
    files = [Path(p) for p in paths]
    contents: list[bytes | None] = []
    for file in files:
        try:
            contents.append(file.read_bytes())
        except OSError as exc:
            contents.append(None)
            report.failed.append((file, PoleError.single(
                Message("cannot read {file}: {reason}", file=str(file), reason=exc.strerror or str(exc)), file=file,
                code="PTCE-E005", hint=N_("check the path and the file's permissions"))))
    keys = [None if c is None else _key(c, lang, when) for c in contents]
    entries: list[dict[str, Any] | None] = [None] * len(files)
    todo: list[int] = []
    for i, key in enumerate(keys):
        if key is None:
            continue
        entry = _cached(cache / f"{key}.json", out)
        if entry is None:
            todo.append(i)
        else:
            entries[i] = entry
    # One call per process, each with every n-th pole (side_by_side runs its last call here
    # and shares the others among the children): the poles' order is restored after.
    share = max(1, min(len(todo), available_jobs() if jobs is None else jobs))
    if todo and colour not in COLOUR_COLUMNS:  # before any pole is measured and its pages written
        _check_colour(colour, _columns(when))
    engine = _engine(len(todo))
    if share > 1:
        _warm(lang, engine)
    chunks = [todo[k::share] for k in range(share)]
    calls = [lambda chunk=chunk: [_measure_pole(files[i], load, lang, when, out, engine) for i in chunk]
             for chunk in chunks]
    done: dict[int, dict[str, Any]] = {}
    for chunk, results in zip(chunks, side_by_side(calls, jobs=share), strict=True):
        done.update(zip(chunk, results, strict=True))
    for i in todo:
        result = done[i]
        if "error" in result:
            report.failed.append((files[i], result["error"]))
            continue
        entries[i] = result
        atomic_write(cache / f"{keys[i]}.json", json.dumps(result, ensure_ascii=False) + "\n")
        report.rendered.append(result["id"])
    poles: list[dict[str, Any]] = []
    seen: dict[str, Path] = {}
    for i, entry in enumerate(entries):
        if entry is None:
            continue
        if entry["id"] in seen:
            report.failed.append((files[i], PoleError.single(
                Message("{file} describes the pole {pole}, as {other} does: it is left out", file=str(files[i]),
                        pole=repr(entry["id"]), other=str(seen[entry["id"]])), file=files[i],
                hint=N_("give each pole its own id, or name only one of the two files"))))
            continue
        seen[entry["id"]] = files[i]
        poles.append({**entry, "file": files[i]})
        if entry["id"] not in report.rendered:
            report.reused.append(entry["id"])
    if not poles:  # every file's problems, in one error
        raise PoleError([problem for _, error in report.failed for problem in error.problems],
                        summary=Message("none of the {n} files could be read: no site written", n=len(files)))
    _tidy(out, cache, {p["id"] for p in poles}, {k for k in keys if k})
    write_assets(out)
    _national_pages(out, poles, lang, colour, when)
    report.poles = [p["id"] for p in poles]
    return report


def _check_colour(colour: str, choices: list[str]) -> None:
    """Refuse a ``--colour`` that names no column of the table (``choices``)."""
    if colour not in choices:
        raise PoleError.single(Message("the map cannot be coloured by {column}: no such column", column=repr(colour)),
                               code="PTCE-E306", hint=Message("use one of: {languages}", languages=", ".join(choices)))


def _columns(when: str) -> list[str]:
    """The table's columns, as a row of an empty pole has them (the map can be coloured by each)."""
    from ..comparison import PROFILES, _row
    from ..model import Pole

    return [*_row(Pole(id="columns", name="-"), at=when, profiles=PROFILES, criteria_at=None), "level"]


def _cached(path: Path, site: Path) -> dict[str, Any] | None:
    """A cache entry whose pages are all there, else ``None`` (the pole is done again)."""
    try:
        entry: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    folder = site / "poles" / str(entry.get("id", ""))
    if not all((folder / name).is_file() for name in ("index.html", "fiche.html", "carte.html")):
        return None
    return entry


def _tidy(site: Path, cache: Path, ids: set[str], keys: set[str]) -> None:
    """Remove the pages and cache entries of poles no longer on the site (this builder's files only)."""
    for entry in sorted(cache.glob("*.json")):
        if entry.stem not in keys:
            entry.unlink()
    folder = site / "poles"
    if folder.is_dir():
        for sub in sorted(folder.iterdir()):
            if sub.is_dir() and sub.name not in ids and {p.name for p in sub.iterdir()} <= {
                    "index.html", "fiche.html", "carte.html"}:
                shutil.rmtree(sub)


def _national_pages(out: Path, poles: list[dict[str, Any]], lang: str, colour: str, when: str) -> None:
    from ..comparison import _rank_and_z, _xlsx
    from ..files import atomic_write
    from ..reference import geo
    from . import pages
    from .france import place, spread

    rows = [dict(p["row"]) for p in poles]
    _rank_and_z(rows)
    for row, pole in zip(rows, poles, strict=True):
        row["level"] = pole["facts"]["level"]
    _check_colour(colour, [c for c in rows[0] if not c.endswith(("_rank", "_z"))])
    colours, legend = _colours(rows, colour, lang)
    w = words(lang)
    points = []
    unplaced = []
    for pole in poles:
        facts = pole["facts"]
        spot = place(facts["departements"], facts["regions"], facts.get("communes"), facts.get("epcis"))
        if spot is None:
            unplaced.append(pole["row"]["name"])
        else:
            points.append((pole["id"], spot))
    spots = spread(points)
    table_rows = []
    for row, pole, tint in zip(rows, poles, colours, strict=True):
        deps = [geo.departement(c) for c in pole["facts"]["departements"]]
        regs = [geo.region(c) for c in pole["facts"]["regions"]]
        table_rows.append({**row, "departement": ", ".join(d.label for d in deps if d),
                           "region": ", ".join(r.name for r in regs if r), "colour": tint,
                           "region_codes": pole["facts"]["regions"], "spot": spots.get(pole["id"])})
    synthetic = all(p["facts"]["synthetic"] for p in poles)
    legend = [(c, w["missing"] if label == "missing" else pages.cell_text(colour, label, lang)) for c, label in legend]
    atomic_write(out / "index.html", pages.index_page(table_rows, lang, colour, legend, unplaced, synthetic))
    atomic_write(out / "figures.html", pages.figures_page(poles, lang, synthetic))
    changed = _changed([p["file"] for p in poles])
    atomic_write(out / "sources.html", pages.sources_page(poles, changed, lang, synthetic))
    full = [{k: v for k, v in r.items() if k != "level"} for r in rows]
    atomic_write(out / "poles.csv", _csv_rows(full, ";" if lang == "fr" else ","))
    atomic_write(out / "poles.xlsx", _xlsx(full))
