"""``ptce export``: write a pole in another tool's format."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import click

from ..exports import EXPORTERS, export_formats, get_exporter
from ..network.measures import SINGLE_MEASURES
from ..render.layouts import LAYOUTS
from ._common import EXIT_OK

#: Above this many actors ``--to gexf`` writes no positions unless ``--layout`` asks: the
#: map's layout takes minutes at 10^4 actors, and Gephi lays a large graph out itself.
GEXF_LAYOUT_MAX_ACTORS = 1000


def _accepted(function: Any, options: dict[str, Any]) -> dict[str, Any]:
    """The options an exporter declares (all of them if it takes ``**options``)."""
    parameters = inspect.signature(function).parameters.values()
    if any(p.kind is p.VAR_KEYWORD for p in parameters):
        return options
    names = {p.name for p in parameters}
    return {k: v for k, v in options.items() if k in names}


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--to", "fmt", required=True, type=click.Choice(export_formats() or ["none"]),
              help="The format to write.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=True, path_type=Path),
              help="The file (or folder, for formats of several files) to write.")
@click.option("--include-personal-data", is_flag=True,
              help="Keep contact persons, e-mails and phones (left out by default).")
@click.option("--sep", default=",", show_default=True, type=click.Choice([",", ";"]),
              help="Separator of CSV outputs (';' for French Excel).")
@click.option("--at", "at", default=None, help="For graph formats: the pole as it stood at this date.")
@click.option("--layout", default=None, type=click.Choice([*LAYOUTS, "none"]),
              help="For gexf: where Gephi first places the actors, as the static map does  "
                   f"[default: spring up to {GEXF_LAYOUT_MAX_ACTORS} actors, none above].")
@click.option("--size-by", "size_by", default=None, type=click.Choice([*SINGLE_MEASURES, "none"]),
              help="For gexf: the measure the actors are sized by, as on the static map  [default: degree].")
def export(file: Path, fmt: str, output: Path, include_personal_data: bool, sep: str, at: str | None,
           layout: str | None, size_by: str | None) -> int:
    """Write the pole in FILE in another tool's format (see --to).

    A GEXF file carries the static map's look for Gephi: family colours, sizes by a
    measure (--size-by) and the map's seeded layout (--layout).
    """
    from ..io import load_pole

    if fmt != "gexf" and (layout or size_by):
        raise click.UsageError(f"{'--layout' if layout else '--size-by'} is for --to gexf only")
    pole = load_pole(file)
    if not include_personal_data:
        # Declared personal fields and natural persons' names go too, not only contacts.
        from ..privacy import strip_personal

        pole = strip_personal(pole)
    options: dict[str, Any] = {"sep": sep, "at": at}
    if fmt == "gexf":
        options.update(_gexf_look(pole, at, layout, size_by or "degree"))
    exporter = get_exporter(fmt)
    written = exporter(pole, output, include_personal_data=include_personal_data, **_accepted(exporter, options))
    # Formats of several files (CSV tables) return their paths: name those, not the -o folder.
    names = ", ".join(map(str, written)) if isinstance(written, (list, tuple)) else str(output)
    note = " (with personal data)" if include_personal_data else ""
    click.echo(f"wrote {names} ({EXPORTERS[fmt][1]}){note}", err=True)
    return EXIT_OK


def _gexf_look(pole: Any, at: str | None, layout: str | None, size_by: str) -> dict[str, Any]:
    """The static map's colours, measure and seeded layout, for ``write_gexf``."""
    from ..network import to_graph
    from ..render.layouts import layout_positions
    from ..render.map_text import FAMILY_COLOURS

    G = to_graph(pole, at=at)
    if layout is None:
        layout = "spring" if len(G) <= GEXF_LAYOUT_MAX_ACTORS else "none"
        if layout == "none":
            click.echo(f"note: no positions for {len(G)} actors (Gephi lays them out); "
                       "--layout spring computes the map's", err=True)
    positions = layout_positions(G, layout, pole=pole) if layout != "none" else None
    return {"colours": FAMILY_COLOURS, "size_by": size_by, "positions": positions}
