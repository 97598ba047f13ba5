"""``ptce import-sirene``: add actors to a pole from SIRENE files as INSEE ships them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from ._common import EXIT_OK, err

STATUSES = ["member", "partner", "prospective"]
#: How many row numbers a "left out" line names before "and N more".
SHOWN = 12


def _values(given: Sequence[str]) -> list[str]:
    """Values of a repeatable option, each occurrence possibly comma-separated."""
    return [v.strip() for item in given for v in item.split(",") if v.strip()]


def _epci_communes(epcis: list[str]) -> frozenset[str]:
    """The communes of EPCIs (by SIREN), from the reference data (``ptce_kit.reference.geo``) when it ships."""
    try:
        from ..reference import geo  # type: ignore[attr-defined, unused-ignore]  # the reference-data branch's
    except ImportError:
        raise click.UsageError(
            "--epci needs the table of the communes of each EPCI, which this version of ptce-kit does not ship "
            "(no ptce_kit.reference.geo): filter with --commune or --departement instead") from None
    communes: set[str] = set()
    for epci in epcis:
        if geo.epci(epci) is None:
            raise click.BadParameter(f"{epci!r} is not the SIREN of an EPCI in the reference table",
                                     param_hint="--epci")
        communes.update(geo.commune_codes(epci=epci))
    return frozenset(communes)


@contextmanager
def _progress() -> Iterator[Callable[[int, int | None], None] | None]:
    """A progress bar on standard error when it is a terminal; nothing otherwise."""
    console = err()
    if not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("reading SIRENE"), BarColumn(), DownloadColumn(), TimeRemainingColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task("read", total=None)

        def update(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _lines(skipped: list[str], reason: str) -> str:
    """The places of the rows left out for ``reason``: ``lines 2, 5 (extract.csv)``."""
    places = [s.split(": ", 1)[0] for s in skipped if reason in s.split(": ", 1)[-1]]
    if not places:
        return ""
    shown = ", ".join(places[:SHOWN]) + (f" and {len(places) - SHOWN} more" if len(places) > SHOWN else "")
    return f": {shown}"


@click.command("import-sirene")
@click.argument("extracts", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--into", "into", required=True, type=click.Path(path_type=Path),
              help="The pole data file (or its folder) to add the actors to.")
@click.option("--status", default="member", show_default=True, type=click.Choice(STATUSES),
              help="The status of the actors the extract adds.")
@click.option("--commune", "communes", multiple=True, metavar="CODE",
              help="Keep the establishments of this commune (INSEE code; repeat, or separate by commas).")
@click.option("--departement", "departements", multiple=True, metavar="CODE",
              help="Keep the establishments of this département (26, 2A, 974…; repeat, or separate by commas).")
@click.option("--epci", "epcis", multiple=True, metavar="SIREN",
              help="Keep the establishments of this EPCI's communes (needs the reference table of EPCIs).")
@click.option("--naf", "naf", multiple=True, metavar="CODE",
              help="Keep the establishments (the units, when only units are given) whose NAF code, rév. 2 or "
                   "2025, starts with this one: 88.99B, 88.9, 88…")
@click.option("--ess-only", is_flag=True, help="Keep the units of the ESS only (by their form or INSEE's flag).")
@click.option("--active-only", is_flag=True, help="Leave out closed units and establishments.")
@click.option("--update", is_flag=True,
              help="Replace a value of the pole that SIRENE says otherwise (each change is listed).")
@click.option("--dry-run", is_flag=True, help="Show the changes as a diff; write nothing.")
def import_sirene(extracts: tuple[Path, ...], into: Path, status: str, communes: tuple[str, ...],
                  departements: tuple[str, ...], epcis: tuple[str, ...], naf: tuple[str, ...], ess_only: bool,
                  active_only: bool, update: bool, dry_run: bool) -> int:
    """Add the units of SIRENE EXTRACTS to a pole: INSEE's StockUniteLegale and StockEtablissement
    (give both), their historical files, a joined file, or the company search service's CSV or
    JSON; plain, gzip or zip.

    One actor per SIREN. Legal form and ESS status come from categorieJuridiqueUniteLegale and
    economieSocialeSolidaireUniteLegale; an actor already in the pole (same SIRET or SIREN)
    only gets the fields it lacks (unless --update). The pole file keeps its comments and every
    line the import does not touch, byte for byte.
    """
    from ..io.sirene import Filters
    from ..io.sirene import import_sirene as run_import
    from ..model import check_insee_code
    from .members import layout_note

    codes = _values(communes)
    for code in codes:
        try:
            check_insee_code(code)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--commune") from None
    depts = [d.upper() for d in _values(departements)]
    for dept in depts:
        if not (len(dept) == 2 and (dept.isdigit() or dept in {"2A", "2B"}) or len(dept) == 3 and dept.startswith("97")
                and dept.isdigit()):
            raise click.BadParameter(f"{dept!r} is not a département code: 2 digits, 2A or 2B, or 97x overseas",
                                     param_hint="--departement")
    naf_codes = []
    for code in _values(naf):
        if not re.fullmatch(r"[0-9]{2}(?:\.?[0-9](?:[0-9][A-Za-z]?)?)?", code):
            raise click.BadParameter(f"{code!r} is not the start of a NAF code, e.g. 88.99B, 88.9 or 88",
                                     param_hint="--naf")
        naf_codes.append(code.replace(".", "").upper())
    epci = _epci_communes(_values(epcis)) if epcis else frozenset()
    filters = Filters(communes=frozenset(codes) | epci, departements=frozenset(depts), naf=tuple(naf_codes),
                      ess_only=ess_only, active_only=active_only)
    with _progress() as progress:
        report = run_import(list(extracts), into, status=status, dry_run=dry_run, filters=filters, update=update,
                            progress=progress)
    target = report.edit.file
    if dry_run:
        click.echo(report.edit.diff(), nl=False)
    layout_note(report.edit)
    console = err()
    for name, layout in report.layouts:
        console.print(f"read {Path(name).name} as {layout}", highlight=False)
    console.print(f"{len(report.added)} actor(s) added: {', '.join(report.added) or 'none'}", highlight=False)
    for actor_id, fields in report.completed.items():
        how = " (matched by name)" if actor_id in report.by_name else ""
        console.print(f"{actor_id}{how}: filled {', '.join(fields)}", highlight=False)
    for actor_id, changes in report.updated.items():
        for key, old, new in changes:
            console.print(f"{actor_id}: updated {key}: {old!r} → {new!r}", highlight=False)
    for conflict in report.conflicts:
        console.print(f"[yellow]kept:[/] {conflict}" + ("" if update else " (--update to take SIRENE's)"),
                      highlight=False)
    for unknown in report.unknown_codes:
        console.print(f"[yellow]note:[/] catégorie juridique not in INSEE's list, label left empty: {unknown}",
                      highlight=False)
    for closed in report.closed:
        console.print(f"[yellow]note:[/] {closed}", highlight=False)
    for warning in report.warnings:
        console.print(f"[yellow]warning:[/] {warning}", highlight=False)
    if report.non_diffusible:
        console.print(f"left out: {report.non_diffusible} row(s) INSEE does not diffuse (statutDiffusion)"
                      + _lines(report.skipped, "not diffusible"), highlight=False)
    if report.sole_traders:
        console.print(f"left out: {report.sole_traders} sole trader(s) (catégorie juridique 1000, natural persons: "
                      "personal data); add one by hand, as category person, with their consent"
                      + _lines(report.skipped, "sole trader"), highlight=False)
    reasons: dict[str, list[str]] = {}
    for skipped in report.skipped:
        place, _, reason = skipped.partition(": ")
        if not any(r in reason for r in ("not diffusible", "sole trader")):
            reasons.setdefault(reason, []).append(place)
    for reason, places in reasons.items():
        shown = ", ".join(places[:SHOWN]) + (f" and {len(places) - SHOWN} more" if len(places) > SHOWN else "")
        console.print(f"left out: {reason}: {shown}", highlight=False)
    if report.filtered_out:
        console.print(f"outside the filters: {report.filtered_out} row(s) of {report.rows}", highlight=False)
    console.print("dry run: nothing written" if dry_run else (f"wrote {target}" if report.edit.written
                                                             else "nothing to change"),
                  highlight=False)
    return EXIT_OK
