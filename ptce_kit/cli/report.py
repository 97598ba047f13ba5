"""``ptce report``: the pole's activity report for one year."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import PoleError
from ..i18n import Message, N_
from ._common import EXIT_OK, FORCE, OUTPUT_KINDS, OutputPath, pole_here

from ..render.formats import REPORT_FORMATS as _FORMATS


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in _FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(
            f"{unknown[0] if unknown else value!r} is not a format of the report; use a comma-separated list of: "
            + ", ".join(_FORMATS))
    return chosen


def _guard(out: Path, stem: str, formats: tuple[str, ...], force: bool) -> None:
    """Never write over a file of the user's own: an existing report file is replaced only if
    an earlier ``ptce report`` or ``ptce build`` made it (its HTML page carries ptce-kit's mark)."""
    targets = [out / f"{stem}.{fmt}" for fmt in formats]
    present = [path for path in targets if path.exists()]
    if force or not present:
        return
    if OUTPUT_KINDS["map"](out / f"{stem}.html"):
        return
    raise PoleError.single("a file of the report's name is there, and ptce report did not make it", file=present[0],
                           hint="choose another folder with -o, or add --force to replace it")


@click.command()
@click.argument("source", metavar="[DIR_OR_FILE]", type=click.Path(path_type=Path), required=False,
                callback=pole_here)
@click.option("--year", type=click.IntRange(1800, 2200), default=None,
              help="The calendar year to report on (default: the last complete year of the data).")
@click.option("-o", "--output", "out", default="out", show_default=True,
              type=OutputPath(file_okay=False, path_type=Path), help="The folder to write into.")
@click.option("--format", "formats", default="md,html", show_default=True, callback=_formats,
              help="Comma-separated formats among md, html, pdf, odt, docx.")
@click.option("--lang", type=click.Choice(["fr", "en"]), default=None,
              help="Language of the report (default: the pole's 'language').")
@click.option("--templates", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="A folder of templates overriding the bundled ones with the same relative path.")
@click.option("--date", default=None, help="Date written on the report (YYYY[-MM[-DD]]); none by default.")
@click.option("--include-personal-data", is_flag=True,
              help="Name natural persons (left out by default: 'Personne 1', 'Personne 2'…).")
@FORCE
def report(source: Path, year: int | None, out: Path, formats: tuple[str, ...], lang: str | None,
           templates: Path | None, date: str | None, include_personal_data: bool, force: bool) -> int:
    """Write the activity report of the pole in DIR_OR_FILE for one year.

    What the data records of that year: members who joined and left, partnerships started
    and ended, projects, indicators beside the year before, governance and decisions,
    public support; with figures in HTML and PDF.
    """
    from ..io import load_pole
    from ..model import check_partial_date
    from ..privacy import for_sharing
    from ..render.report import last_complete_year, report_file_stem, write_report

    if date is not None:
        try:
            check_partial_date(date)
        except ValueError as exc:
            raise PoleError.single(f"--date {date!r} is not a date: {exc}",
                                   hint="write YYYY, YYYY-MM or YYYY-MM-DD") from None
    pole = for_sharing(load_pole(source), include_personal_data=include_personal_data)
    if year is None:
        year = last_complete_year(pole, date)
        if year is None:
            raise PoleError.single(N_("the pole's data has no dates, so no year to report on"),
                                   file=source, hint=N_("give the year with --year, e.g. --year 2024"))
    lang = lang or pole.language.value
    _guard(out, report_file_stem(year, lang), formats, force)
    written = write_report(pole, out, year, lang=lang, formats=formats, templates=templates, date=date)
    for path in written:
        click.echo(str(path))
    click.echo(Message("wrote the {year} activity report into {folder}", year=year, folder=str(out)).render(), err=True)
    return EXIT_OK
