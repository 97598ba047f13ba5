"""``ptce map``: draw the cooperation map, as a figure or as an interactive page."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import PoleError
from ..i18n import Message, N_, gettext
from ._common import EXIT_OK, FORCE, OutputPath, guard_output, pole_here

if TYPE_CHECKING:
    from ..model import Pole

LAYOUT_CHOICES = ["spring", "forceatlas2", "site", "geo"]  # ptce_kit.render.layouts.LAYOUTS, without importing it
#: Each layout as a reader names it in a sentence (« disposition par ressorts »), its id on the command line.
LAYOUT_WORDS = {"spring": N_("spring (force-directed)"), "forceatlas2": N_("ForceAtlas2"),
                "site": N_("around the pole's site"), "geo": N_("geographic")}
SIZE_CHOICES = ["degree", "ties", "weighted_degree", "betweenness", "closeness", "eigenvector", "pagerank",
                "brokerage", "none"]


@click.command("map")
@click.argument("file", type=click.Path(path_type=Path), required=False, callback=pole_here)
@click.option("-o", "--output", required=True, type=OutputPath(dir_okay=False, path_type=Path),
              help="The file to write: .png, .svg or .pdf, or .html with --html.")
@click.option("--html", "as_html", is_flag=True,
              help="Write the interactive map: one self-contained HTML file that works offline.")
@click.option("--layout", default="spring", show_default=True, type=click.Choice(LAYOUT_CHOICES),
              help="spring / forceatlas2 (force-directed), site (concentric around the shared place), "
                   "geo (coordinates).")
@click.option("--at", "at", default=None, help="Static map: the pole as it stood at this date (e.g. 2014).")
@click.option("--lang", type=click.Choice(["fr", "en"]), default=None,
              help="Language of title and legend (default: the pole's own language).")
@click.option("--size-by", default="degree", show_default=True, type=click.Choice(SIZE_CHOICES),
              help="Static map: the measure nodes are sized by.")
@click.option("--dpi", default=150, show_default=True, type=click.IntRange(30, 1200), help="Resolution of a PNG.")
@click.option("--years", default=None, metavar="Y1,Y2,...",
              help="Static map: small multiples, the map at each of these dates side by side.")
@click.option("--composition", is_flag=True,
              help="Draw the pole's composition (actors by family and category, partnerships by kind) instead.")
@click.option("--include-prospective", is_flag=True, help="Also draw prospective (announced) actors.")
@click.option("--include-personal-data", is_flag=True,
              help="Name natural persons on the map and, on the interactive map, show contact persons in the "
                   "actors' cards (left out by default: persons are drawn as 'Personne 1', 'Personne 2'…).")
@FORCE
def map_command(file: Path, output: Path, as_html: bool, layout: str, at: str | None, lang: str | None,
                size_by: str, dpi: int, years: str | None, composition: bool, include_prospective: bool,
                include_personal_data: bool, force: bool) -> int:
    """Draw the cooperation map of the pole in FILE.

    Without --html: a static figure (PNG, SVG or PDF, by the output's suffix).  With
    --html: an interactive page (filters, search, date slider, a card per actor).
    --years 2014,2018 draws small multiples; --composition the pole's composition.
    """
    static_only = [name for name, given in (("--years", years), ("--composition", composition)) if given]
    if static_only and (as_html or output.suffix.lower() in (".html", ".htm")):
        raise click.UsageError(Message("{options} draw static figures, not the interactive map",
                                       options=" / ".join(static_only)).render())
    if years is not None and composition:
        raise click.UsageError(gettext(N_("choose --years or --composition, not both")))
    from ..io import find_pole_file, load_pole
    from ..privacy import for_sharing

    source = find_pole_file(file)
    guard_output(output, "map", inputs=[source], force=force)
    pole = for_sharing(load_pole(source), include_personal_data=include_personal_data)
    lang = lang or pole.language.value
    try:
        if years is not None:
            from ..render.maps import small_multiples

            dates = [y.strip() for y in years.split(",") if y.strip()]
            small_multiples(pole, dates, output, layout=layout, lang=lang,
                            size_by=None if size_by == "none" else size_by, dpi=dpi)
            click.echo(Message("wrote {file} (the map at {dates})", file=str(output), dates=", ".join(dates)).render(), err=True)
        elif composition:
            from ..render.maps import composition_figure

            composition_figure(pole, output, lang=lang, at=at, dpi=dpi)
            click.echo(Message("wrote {file} (composition of the pole)", file=str(output)).render(), err=True)
        else:
            _draw(pole, output, as_html=as_html, layout=layout, at=at, lang=lang, size_by=size_by, dpi=dpi,
                  include_prospective=include_prospective, include_personal_data=include_personal_data)
    except PoleError as error:
        # The drawing functions know the data, not its file: say which file to mend.
        data_file = file / "pole.yaml" if file.is_dir() else file
        raise type(error)([replace(p, file=p.file or str(data_file)) for p in error.problems],
                        summary=error.summary) from None
    return EXIT_OK


def _draw(pole: Pole, output: Path, *, as_html: bool, layout: str, at: str | None, lang: str, size_by: str,
          dpi: int, include_prospective: bool, include_personal_data: bool) -> None:
    if as_html or output.suffix.lower() in (".html", ".htm"):
        if at is not None:
            raise click.UsageError(gettext(N_("--at applies to static maps; the interactive map has a date slider")))
        from ..render.interactive import write_interactive_map

        write_interactive_map(pole, output, lang=lang, layout=layout, include_prospective=include_prospective,
                              include_personal_data=include_personal_data)
        note = " " + gettext(N_("(with personal data)")) if include_personal_data else ""
        click.echo(Message("wrote {file} (interactive map)", file=str(output)).render() + note, err=True)
        return
    from ..render.maps import draw_map

    draw_map(pole, output, layout=layout, at=at, lang=lang, size_by=None if size_by == "none" else size_by,
             include_prospective=include_prospective, dpi=dpi)
    note = " " + gettext(N_("(with personal data)")) if include_personal_data else ""
    click.echo(Message("wrote {file} (cooperation map, layout {layout})", file=str(output),
                       layout=Message(LAYOUT_WORDS.get(layout, layout))).render() + note,
               err=True)
