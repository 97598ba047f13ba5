"""``ptce import-sirene``: add actors to a pole from a SIRENE extract."""

from __future__ import annotations

from pathlib import Path

import click

from ._common import EXIT_OK, err

STATUSES = ["member", "partner", "prospective"]


@click.command("import-sirene")
@click.argument("extract", type=click.Path(path_type=Path))
@click.option("--into", "into", required=True, type=click.Path(path_type=Path),
              help="The pole data file (or its folder) to add the actors to.")
@click.option("--status", default="member", show_default=True, type=click.Choice(STATUSES),
              help="The status of the actors the extract adds.")
@click.option("--dry-run", is_flag=True, help="Show the changes as a diff; write nothing.")
def import_sirene(extract: Path, into: Path, status: str, dry_run: bool) -> int:
    """Add the establishments of a SIRENE EXTRACT (CSV with INSEE's columns) to a pole.

    Legal form and ESS status are filled from categorieJuridiqueUniteLegale and
    economieSocialeSolidaireUniteLegale; an actor already in the pole (same SIRET or
    SIREN) only gets the fields it lacks.  The pole file keeps its comments and every
    line the import does not touch, byte for byte.
    """
    from ..io.sirene import import_sirene as run_import
    from .members import layout_note

    report = run_import(extract, into, status=status, dry_run=dry_run)
    target = report.edit.file
    if dry_run:
        click.echo(report.edit.diff(), nl=False)
    layout_note(report.edit)
    console = err()
    console.print(f"{len(report.added)} actor(s) added: {', '.join(report.added) or 'none'}", highlight=False)
    for actor_id, fields in report.completed.items():
        how = " (matched by name)" if actor_id in report.by_name else ""
        console.print(f"{actor_id}{how}: filled {', '.join(fields)}", highlight=False)
    for conflict in report.conflicts:
        console.print(f"[yellow]kept:[/] {conflict}", highlight=False)
    for unknown in report.unknown_codes:
        console.print(f"[yellow]note:[/] catégorie juridique not in INSEE's list, label left empty: {unknown}",
                      highlight=False)
    for closed in report.closed:
        console.print(f"[yellow]note:[/] {closed}", highlight=False)
    for warning in report.warnings:
        console.print(f"[yellow]warning:[/] {warning}", highlight=False)
    if report.non_diffusible:
        console.print(f"left out: {report.non_diffusible} row(s) INSEE does not diffuse (statutDiffusion)",
                      highlight=False)
    if report.sole_traders:
        console.print(f"left out: {report.sole_traders} sole trader(s) (catégorie juridique 1000, natural persons: "
                      "personal data); add one by hand, as category person, with their consent", highlight=False)
    console.print("dry run: nothing written" if dry_run else (f"wrote {target}" if report.edit.written
                                                             else "nothing to change"),
                  highlight=False)
    return EXIT_OK
