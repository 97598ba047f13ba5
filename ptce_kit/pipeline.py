"""Everything a pole's folder needs, in one call: ``build(pole_or_path, out_dir)``.

A build is a table of steps, :data:`BUILD_STEPS`: the documents, the activity report of the
last complete year when the data has dates, then the maps.  Each step
is a function ``step(pole, out_dir, options: BuildOptions) -> list[Path]`` of this module
that imports the room it runs (:mod:`ptce_kit.render`) only when the build runs it.

On Linux, with more than one core (:func:`build`'s ``jobs``), a build with maps forks a
drawer first, before the model is imported (:func:`ptce_kit.render.map_drawing.start_drawer`):
it imports matplotlib while this process reads the pole and plans its map, then draws the
PNG and the SVG while this one writes the interactive page and the documents.  Without
maps, the steps run side by side in forked processes (:func:`ptce_kit.parallel.side_by_side`).
The files are the same bytes either way; only the time differs.

Examples
--------
>>> import tempfile
>>> from ptce_kit.model import Pole
>>> with tempfile.TemporaryDirectory() as out:
...     written = build(Pole(id="demo", name="Démo"), out, formats=["md"])
...     [p.name for p in written]
['charte.md', 'registre.md', 'fiche.md', 'carte.png', 'carte.svg', 'carte.html']
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .parallel import available_jobs, side_by_side
from .errors import Invalid, PoleError
from .i18n import Message, N_

if TYPE_CHECKING:
    from .model import Pole
    from .parallel import Prepared

__all__ = ["BUILD_STEPS", "BuildOptions", "build"]


@dataclass(frozen=True)
class BuildOptions:
    """What every build step is told, beyond the pole and the output folder."""

    lang: str
    formats: tuple[str, ...]
    templates: Path | None = None
    date: str | None = None
    include_personal_data: bool = False
    sep: str | None = None  # the CSV separator; None: that of the language (';' in French)
    with_maps: bool = True  # whether the maps step runs: the fiche then shows carte.png


def _documents(pole: Pole, out: Path, options: BuildOptions) -> list[Path]:
    """The charter, the registry and the fiche (:func:`ptce_kit.render.documents.write_documents`)."""
    from .render.documents import write_documents
    from .render.map_files import map_file_names

    # The fiche shows the map the maps step writes beside it (its PDF carries its own).
    beside = map_file_names(options.lang)[0] if options.with_maps else None
    # With the maps, the fiche's formats that carry the map are written once carte.png is
    # there (:func:`_fiche_with_map`): the map is drawn once.
    return write_documents(pole, out, lang=options.lang, formats=options.formats, templates=options.templates,
                           date=options.date, include_personal_data=options.include_personal_data, sep=options.sep,
                           map_beside=beside, map_later=options.with_maps)


def _fiche_awaiting_map(pole: Pole, out: Path, options: BuildOptions) -> str | None:
    """The fiche's HTML page but for the map, rendered while the map is drawn
    (:func:`ptce_kit.render.documents.fiche_html_awaiting_map`); None without HTML."""
    from .render.documents import fiche_html_awaiting_map

    if "html" not in options.formats:
        return None
    return fiche_html_awaiting_map(pole, lang=options.lang, templates=options.templates, date=options.date)


def _fiche_with_map(pole: Pole, out: Path, options: BuildOptions, prepared: str | None = None) -> list[Path]:
    """The fiche's formats that carry the map, from the ``carte.png`` the maps step wrote
    (:func:`ptce_kit.render.documents.write_fiche_with_map`)."""
    from .render.documents import write_fiche_with_map
    from .render.map_files import map_file_names

    beside = map_file_names(options.lang)[0]
    return write_fiche_with_map(pole, out, (out / beside).read_bytes(), lang=options.lang, formats=options.formats,
                                templates=options.templates, date=options.date, map_beside=beside,
                                prepared=prepared)


def _maps(pole: Pole, out: Path, options: BuildOptions) -> list[Path]:
    """carte.png, carte.svg, carte.html (:func:`ptce_kit.render.map_files.write_map_files`)."""
    from .render.map_files import write_map_files

    return write_map_files(pole, out, lang=options.lang, include_personal_data=options.include_personal_data)


def _report(pole: Pole, out: Path, options: BuildOptions) -> list[Path]:
    """The activity report of the last complete year, when the data has dates
    (:func:`ptce_kit.render.report.write_report`, :func:`~ptce_kit.render.report.last_complete_year`)."""
    from .render.report import REPORT_FORMATS, last_complete_year, write_report

    year = last_complete_year(pole, options.date)
    formats = [f for f in options.formats if f in REPORT_FORMATS]
    if year is None or not formats:
        return []
    return write_report(pole, out, year, lang=options.lang, formats=formats, templates=options.templates,
                        date=options.date)


#: Step name -> step, in the order they run.  With a drawer, the maps are planned and sent to
#: it first and the other steps run here meanwhile; side by side without one, the last step
#: runs in the build's own process and the others in forked ones
#: (:func:`ptce_kit.parallel.side_by_side`).
BUILD_STEPS: dict[str, Callable[[Pole, Path, BuildOptions], list[Path]]] = {
    "documents": _documents,
    "report": _report,
    "maps": _maps,
}


#: The collector's first threshold during a build (Python's default is 700 allocations).
_YOUNG_THRESHOLD = 50_000


@contextmanager
def _few_collections() -> Iterator[None]:
    """Fewer garbage collections for the time of a build, the collector's settings then restored.

    A build imports its rooms (matplotlib, Jinja, networkx): hundreds of thousands of
    objects that live as long as the process, which the collector's default thresholds
    walk again and again (about a tenth of Pôle Sud's build).  The objects alive at the start
    are set aside (:func:`gc.freeze`) and the youngest generation is collected every
    :data:`_YOUNG_THRESHOLD` allocations rather than every 700; cycles are still collected.
    """
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(before[0], _YOUNG_THRESHOLD), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def _run_step(step: Callable[[Pole, Path, BuildOptions], list[Path]], pole: Pole, out: Path,
              options: BuildOptions) -> list[Path]:
    return list(step(pole, out, options))


def build(pole_or_path: Pole | str | os.PathLike[str], out_dir: str | os.PathLike[str], *, lang: str | None = None,
          formats: Iterable[str] | None = None, templates: str | os.PathLike[str] | None = None,
          date: str | None = None, include_personal_data: bool = False, sep: str | None = None,
          steps: Iterable[str] | None = None, jobs: int | None = None) -> list[Path]:
    """Write every document and map of a pole into ``out_dir``.

    Parameters
    ----------
    pole_or_path : Pole or path
        A pole, or a ``pole.yaml``/``pole.json`` file or the folder holding it.
    out_dir : path
        The folder to write into (created if needed).
    lang : {"fr", "en"}, optional
        Language of the documents; the pole's own ``language`` by default.
    formats : iterable of str, optional
        Output formats among ``md, html, csv, pdf, odt, docx``; ``md, html, csv`` by default.
    templates : path, optional
        A folder whose templates override the bundled ones of the same relative path.
    date : str, optional
        A partial date written as the documents' date; none by default, so that the
        same data always gives the same bytes.
    include_personal_data : bool
        Keep personal data: the natural persons' names (« Personne 1 »… otherwise), the
        fields the pole declares personal, the full registry (with contacts) and the legal
        representatives in the charter's signature block.
    sep : {",", ";"}, optional
        Separator of the CSV files; by default that of the documents' language's
        spreadsheets: ``;`` in French (with decimal commas), ``,`` in English.
    steps : iterable of str, optional
        Names of the steps to run (all of :data:`BUILD_STEPS` by default).
    jobs : int, optional
        How many processes the build may use at once (by default the cores, on Linux;
        see :func:`ptce_kit.parallel.available_jobs`); ``1`` writes everything one file
        after the other in this process.

    Returns
    -------
    list of Path
        The files written, step by step in the order of :data:`BUILD_STEPS`.
    """
    with _few_collections():
        return _build(pole_or_path, out_dir, lang=lang, formats=formats, templates=templates, date=date,
                      include_personal_data=include_personal_data, sep=sep, steps=steps, jobs=jobs)


def _build(pole_or_path: Pole | str | os.PathLike[str], out_dir: str | os.PathLike[str], *, lang: str | None,
           formats: Iterable[str] | None, templates: str | os.PathLike[str] | None, date: str | None,
           include_personal_data: bool, sep: str | None, steps: Iterable[str] | None,
           jobs: int | None) -> list[Path]:
    """:func:`build`'s work, under :func:`_few_collections`."""
    known = list(BUILD_STEPS)
    wanted = list(steps) if steps is not None else known
    unknown = [s for s in wanted if s not in known]
    if unknown:
        raise PoleError.single(Message("no build step named {step!r}", step=unknown[0]), code="PTCE-E102",
                               hint=Message("use some of: {steps}", steps=", ".join(known)))
    if jobs is not None and jobs < 1:
        raise PoleError.single(Message("--jobs {jobs} is not a number of processes", jobs=jobs),
                               hint=N_("use 1 or more"), code="PTCE-E107")
    drawer = None
    if "maps" in wanted:
        from .render.map_drawing import start_drawer

        # Forked before the model is imported and the pole read: it imports matplotlib meanwhile.
        drawer = start_drawer(jobs=jobs)
    if drawer is None:
        return _build_steps(pole_or_path, out_dir, lang=lang, formats=formats, templates=templates, date=date,
                            include_personal_data=include_personal_data, sep=sep, wanted=wanted, jobs=jobs)
    with drawer:  # an error here stops the drawer
        return _build_steps(pole_or_path, out_dir, lang=lang, formats=formats, templates=templates, date=date,
                            include_personal_data=include_personal_data, sep=sep, wanted=wanted, jobs=jobs,
                            drawer=drawer)


def _build_steps(pole_or_path: Pole | str | os.PathLike[str], out_dir: str | os.PathLike[str], *, lang: str | None,
                 formats: Iterable[str] | None, templates: str | os.PathLike[str] | None, date: str | None,
                 include_personal_data: bool, sep: str | None, wanted: list[str], jobs: int | None,
                 drawer: Prepared | None = None) -> list[Path]:
    """:func:`_build`'s work once the steps are known and the map's drawer, if any, started."""
    from .files import output_folder
    from .io import load_pole
    from .model import Pole, check_partial_date
    from .render.formats import DEFAULT_FORMATS

    pole = pole_or_path if isinstance(pole_or_path, Pole) else load_pole(pole_or_path)
    if not include_personal_data:
        from .privacy import has_personal_data, strip_personal

        # Documents and maps meant for sharing: natural persons renamed « Personne 1 »…,
        # contacts and declared personal fields left out, as ``ptce export`` does.
        if has_personal_data(pole):
            pole = strip_personal(pole)
    if date is not None:
        try:
            check_partial_date(date)
        except ValueError as exc:
            raise PoleError.single(Message("--date {date!r} is not a date: {why}", date=date,
                                           why=exc.message if isinstance(exc, Invalid) else str(exc)),
                                   hint=N_("write YYYY, YYYY-MM or YYYY-MM-DD"), code="PTCE-E115") from None
    options = BuildOptions(
        lang=lang or pole.language.value,
        formats=tuple(formats if formats is not None else DEFAULT_FORMATS),
        templates=Path(templates) if templates is not None else None,
        date=date, include_personal_data=include_personal_data, sep=sep, with_maps="maps" in wanted,
    )
    out = output_folder(out_dir)
    names = [name for name in BUILD_STEPS if name in wanted]
    if drawer is not None:
        return _beside_drawer(pole, out, options, names, drawer)
    # Without a drawer (one process, or no map) the other steps may still run side by side;
    # a step imports its room in the process that runs it.
    calls: list[Callable[[], Any]] = [partial(_run_step, BUILD_STEPS[name], pole, out, options) for name in names]
    both = {"documents", "maps"} <= set(wanted)
    if both:
        # The fiche's page is rendered before the map is drawn; once it is, it is written
        # with the map in the stand-in's place.
        calls.insert(-1, partial(_fiche_awaiting_map, pole, out, options))
    results = side_by_side(calls, jobs=available_jobs() if jobs is None else jobs)
    written: list[list[Path]] = results if not both else results[:-2] + results[-1:]
    if both:
        # Listed with the documents, where the fiche's other files are (the fiche comes last).
        written[names.index("documents")] += _fiche_with_map(pole, out, options, prepared=results[-2])
    return [path for paths in written for path in paths]


def _beside_drawer(pole: Pole, out: Path, options: BuildOptions, names: list[str], drawer: Prepared) -> list[Path]:
    """The steps of a build whose static map is drawn by ``drawer``, in its own process.

    The map is planned and sent first; the other steps and the interactive page run here
    meanwhile, and the fiche's page is rendered but for the map, which it gets last.
    """
    from .render.map_files import start_map_files

    finish_maps = start_map_files(pole, out, lang=options.lang, include_personal_data=options.include_personal_data,
                                  drawer=drawer)
    written = {name: _run_step(BUILD_STEPS[name], pole, out, options) for name in names if name != "maps"}
    prepared = _fiche_awaiting_map(pole, out, options) if "documents" in written else None
    written["maps"] = finish_maps()
    if "documents" in written:
        # Listed with the documents, where the fiche's other files are (the fiche comes last).
        written["documents"] += _fiche_with_map(pole, out, options, prepared=prepared)
    return [path for name in names for path in written[name]]

