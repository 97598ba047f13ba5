"""``ptce observatory``: the networks' site of many poles (map of France, table, one page per pole)."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import PoleError
from ..i18n import N_, Message, ngettext, plural_message
from ._common import EXIT_INVALID, EXIT_OK, OutputPath, print_error


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=OutputPath(file_okay=False, path_type=Path),
              help="The site's folder (created; a second run updates it, redoing only the poles that changed).")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True,
              help="Language of the site.")
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes to measure and render poles in (the output is the same for any number).")
@click.option("--colour", "--color", "colour", default="actors", show_default=True,
              help="Column of the comparison table the map colours the poles by (e.g. actors, density, "
                   "governance_form, criteria_definition, level).")
@click.option("--at", default=None, help="Take every pole as it stood at this date (default: today).")
@click.option("--force", is_flag=True, help="Write into a folder that is not an earlier site of ptce observatory.")
def observatory(paths: tuple[Path, ...], output: Path, lang: str, jobs: int, colour: str, at: str | None,
                force: bool) -> int:
    """Build a static site of the poles in PATHS (files, or folders of pole files).

    The site needs no network and no server: open SITE/index.html from the disk or put
    the folder on any static host.  It holds a map of France with each pole at its
    territory, the comparison table (sortable, filterable, as CSV and XLSX), one page per
    pole (fiche, interactive map, criteria, indicators over time), the national figures
    with their distributions, and where each pole's data comes from.  A file that cannot
    be read is reported and left out; the exit status is then 1.
    """
    from ..io import load_pole
    from ..observatory import build_site
    from .compare import pole_files

    files = pole_files(paths)
    if not files:
        raise PoleError.single(Message("no pole file found in {paths}", paths=", ".join(map(str, paths))),
                               hint=N_("give pole files (.yaml, .json) or folders holding them"), code="PTCE-E001")
    if output.is_dir() and any(output.iterdir()) and not (output / ".cache" / "poles").is_dir() and not force:
        raise PoleError.single(Message("{folder} is a folder that is not a site of ptce observatory: nothing written",
                                       folder=str(output)), file=output, code="PTCE-E404",
                               hint=N_("give with -o a new or empty folder, or add --force"))
    inside = [f for f in files if output.resolve() in f.resolve().parents]
    if inside:
        raise PoleError.single(Message("the pole file {file} is inside the site's folder {folder}", file=str(inside[0]),
                                       folder=str(output)), file=inside[0], code="PTCE-E400",
                               hint=N_("give with -o a folder that holds none of the pole files"))
    report = build_site(files, output, load=load_pole, lang=lang, jobs=jobs, colour=colour, at=at)
    for file, error in report.failed:
        click.echo(Message("skipped {file}: could not be read", file=str(file)).render(), err=True)
        print_error(error)
    # Each count with its own plural form (« 1 produit », « 2 produits »).
    click.echo(Message("wrote {file} ({count}; {rendered}, {reused})", file=str(output / "index.html"),
                       count=ngettext("{n} pole", "{n} poles", len(report.poles)).format(n=len(report.poles)),
                       rendered=plural_message("{n} rendered", "{n} rendered", len(report.rendered)),
                       reused=plural_message("{n} unchanged", "{n} unchanged", len(report.reused))).render(), err=True)
    return EXIT_INVALID if report.failed else EXIT_OK
