"""``ptce export``: write a pole in another tool's format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from ..exports import EXPORTERS, export_formats, get_exporter
from ._common import EXIT_OK, FORCE, OutputPath, guard_output


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--to", "fmt", required=True, type=click.Choice(export_formats() or ["none"]),
              help="The format to write.")
@click.option("-o", "--output", required=True, type=OutputPath(dir_okay=True, path_type=Path),
              help="The file (or folder, for formats of several files) to write.")
@click.option("--include-personal-data", is_flag=True,
              help="Keep contact persons, e-mails and phones (left out by default).")
@click.option("--sep", default=",", show_default=True, type=click.Choice([",", ";"]),
              help="Separator of CSV outputs (';' for French Excel).")
@click.option("--at", "at", default=None, help="For graph formats: the pole as it stood at this date.")
@FORCE
def export(file: Path, fmt: str, output: Path, include_personal_data: bool, sep: str, at: str | None,
           force: bool) -> int:
    """Write the pole in FILE in another tool's format (see --to)."""
    from ..io import find_pole_file, load_pole

    source = find_pole_file(file)
    if fmt == "csv":
        from ..files import check_output
        from ..network.formats import csv_paths

        if output.suffix.lower() != ".csv":
            check_output(output, folder=True)
        targets = csv_paths(output)
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
    written = exporter(pole, output, include_personal_data=include_personal_data, **options)
    # Formats of several files (CSV tables) return their paths: name those, not the -o folder.
    names = ", ".join(map(str, written)) if isinstance(written, (list, tuple)) else str(output)
    note = " (with personal data)" if include_personal_data else ""
    click.echo(f"wrote {names} ({EXPORTERS[fmt][1]}){note}", err=True)
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
            raise click.UsageError(f"--{name} does not apply to --to {fmt}")
    return {name: value for name, value in given.items() if name in params}
