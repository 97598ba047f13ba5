"""``ptce export``: write a pole in another tool's format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from click.core import ParameterSource

from ..exports import EXPORTERS, export_formats, get_exporter
from ..i18n import Message, N_, gettext
from ..network.measures import SINGLE_MEASURES
from ..render.layouts import LAYOUTS
from ._common import EXIT_OK, FORCE, OutputPath, guard_output, pole_here

if TYPE_CHECKING:
    from ..model import Pole

#: Above this many actors ``--to gexf`` writes no positions unless ``--layout`` asks: the
#: map's layout takes minutes at 10^4 actors, and Gephi lays a large graph out itself.
GEXF_LAYOUT_MAX_ACTORS = 1000


@click.command()
@click.argument("file", type=click.Path(path_type=Path), required=False, callback=pole_here)
@click.option("--to", "fmt", required=True, type=click.Choice(export_formats() or ["none"]),
              help="The format to write.")
@click.option("-o", "--output", required=True, type=OutputPath(dir_okay=True, path_type=Path),
              help="The file (or folder, for formats of several files) to write.")
@click.option("--include-personal-data", is_flag=True,
              help="Keep contact persons, e-mails and phones (left out by default).")
@click.option("--sep", default=None, type=click.Choice([",", ";"]),
              help="Separator of CSV outputs  [default: the pole's language: ';' with decimal commas "
                   "for French, ',' for English].")
@click.option("--at", "at", default=None, help="For graph formats: the pole as it stood at this date.")
@click.option("--layout", default=None, type=click.Choice([*LAYOUTS, "none"]),
              help="For gexf: where Gephi first places the actors, as the static map does  "
                   f"[default: spring up to {GEXF_LAYOUT_MAX_ACTORS} actors, none above].")
@click.option("--size-by", "size_by", default=None, type=click.Choice([*SINGLE_MEASURES, "none"]),
              help="For gexf: the measure the actors are sized by, as on the static map  [default: degree].")
@FORCE
def export(file: Path, fmt: str, output: Path, include_personal_data: bool, sep: str | None, at: str | None,
           layout: str | None, size_by: str | None, force: bool) -> int:
    """Write the pole in FILE in another tool's format (see --to).

    A GEXF file carries the static map's look for Gephi: family colours, sizes by a
    measure (--size-by) and the map's seeded layout (--layout).
    """
    from ..io import find_pole_file, load_pole

    if fmt != "gexf" and (layout or size_by):
        raise click.UsageError(Message("{option} is for --to gexf only", option="--layout" if layout else "--size-by").render())
    source = find_pole_file(file)
    if fmt == "csv":
        from ..files import check_output
        from ..network.formats import csv_paths

        if output.suffix.lower() != ".csv":
            check_output(output, folder=True)
        targets: tuple[Path, ...] = csv_paths(output)
    else:
        targets = (output,)
    for target in targets:
        if fmt != "csv" or target.parent.is_dir():
            guard_output(target, fmt, inputs=[source], force=force)
    pole = load_pole(source)
    if not include_personal_data:
        # Declared personal fields and natural persons' names go too, not only contacts.
        from ..privacy import strip_personal

        pole = strip_personal(pole)
    exporter = get_exporter(fmt)
    options = _options(exporter, fmt, {"sep": sep, "at": at})
    if fmt == "gexf":
        options.update(_gexf_look(pole, at, layout, size_by or "degree"))
    written = exporter(pole, output, include_personal_data=include_personal_data, **options)
    # Formats of several files (CSV tables) return their paths: name those, not the -o folder.
    names = ", ".join(map(str, written)) if isinstance(written, (list, tuple)) else str(output)
    note = " " + gettext(N_("(with personal data)")) if include_personal_data else ""
    click.echo(Message("wrote {file}", file=names).render() + " (" + gettext(EXPORTERS[fmt][1]) + ")" + note,
               err=True)
    return EXIT_OK


def _options(exporter: Callable[..., Any], fmt: str, given: dict[str, Any]) -> dict[str, Any]:
    """The options an exporter takes; one the user gave that it does not take is misuse."""
    import inspect

    params = inspect.signature(exporter).parameters
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        return given
    ctx = click.get_current_context()
    for name in given:
        if name not in params and ctx.get_parameter_source(name) is not ParameterSource.DEFAULT:
            raise click.UsageError(Message("--{name} does not apply to --to {format}", name=name, format=fmt).render())
    return {name: value for name, value in given.items() if name in params}


def _gexf_look(pole: Pole, at: str | None, layout: str | None, size_by: str) -> dict[str, Any]:
    """The static map's colours, measure and seeded layout, for ``write_gexf``."""
    from ..network import to_graph
    from ..render.layouts import layout_positions
    from ..model import FAMILY_COLOURS

    G = to_graph(pole, at=at)
    if layout is None:
        layout = "spring" if len(G) <= GEXF_LAYOUT_MAX_ACTORS else "none"
        if layout == "none":
            click.echo(Message("note: no positions for {n} actors (Gephi lays them out); --layout spring computes the map's",
                               n=len(G)).render(), err=True)
    positions = layout_positions(G, layout, pole=pole) if layout != "none" else None
    return {"colours": FAMILY_COLOURS, "size_by": size_by, "positions": positions}
