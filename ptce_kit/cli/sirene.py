"""``ptce import-sirene``: add actors to a pole from SIRENE files as INSEE ships them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.markup import escape

from ..errors import Invalid
from ..i18n import Message, N_, render
from ._common import EXIT_OK, Shown, Words, err, pole_here

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
        raise click.UsageError(render(N_(
            "--epci needs the table of the communes of each EPCI, which this version of ptce-kit does not ship "
            "(no ptce_kit.reference.geo): filter with --commune or --departement instead"))) from None
    communes: set[str] = set()
    for epci in epcis:
        if geo.epci(epci) is None:
            raise click.BadParameter(Message("{epci!r} is not the SIREN of an EPCI in the reference table",
                                             epci=epci).render(), param_hint="--epci")
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

    with Progress(TextColumn(escape(render(N_("reading SIRENE")))), BarColumn(), DownloadColumn(), TimeRemainingColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task("read", total=None)

        def update(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        yield update


@click.command("import-sirene")
@click.argument("extracts", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--into", "into", type=click.Path(path_type=Path), callback=pole_here,
              help="The pole data file (or its folder) to add the actors to (default: the one of the current folder).")
@click.option("--status", default=Shown("status", "member"), show_default=True, type=Words("status", STATUSES),
              help="The status of the actors the extract adds (in French or English).")
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
            raise click.BadParameter(render(exc.message) if isinstance(exc, Invalid) else str(exc),
                                     param_hint="--commune") from None
    depts = [d.upper() for d in _values(departements)]
    for dept in depts:
        if not (len(dept) == 2 and (dept.isdigit() or dept in {"2A", "2B"}) or len(dept) == 3 and dept.startswith("97")
                and dept.isdigit()):
            raise click.BadParameter(Message("{code!r} is not a département code: 2 digits, 2A or 2B, or 97x overseas",
                                             code=dept).render(), param_hint="--departement")
    naf_codes = []
    for code in _values(naf):
        if not re.fullmatch(r"[0-9]{2}(?:\.?[0-9](?:[0-9][A-Za-z]?)?)?", code):
            raise click.BadParameter(Message("{code!r} is not the start of a NAF code, e.g. 88.99B, 88.9 or 88",
                                             code=code).render(), param_hint="--naf")
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
    _summary(report, target, update=update, dry_run=dry_run)
    return EXIT_OK


def _summary(report: Any, target: Path, *, update: bool, dry_run: bool) -> None:
    """What the import read, added, filled, changed, kept and left out, in the reader's language."""
    from ..i18n import plural_message

    console = err()

    def say(text: str | Message, style: str | None = None, places: str = "") -> None:
        line = escape(render(text) + places)
        if style is not None:
            label = {"kept": N_("kept:"), "note": N_("note:"), "warning": N_("warning:")}[style]
            line = f"[yellow]{escape(render(label))}[/] {line}"
        console.print(line, highlight=False)

    for name, layout in report.layouts:
        say(Message("read {file} as {layout}", file=Path(name).name, layout=layout))
    say(plural_message("{n} actor added: {ids}", "{n} actors added: {ids}", len(report.added),
                       ids=", ".join(report.added)) if report.added else N_("no actor added"))
    for actor_id, fields in report.completed.items():
        if actor_id in report.by_name:
            say(Message("{id} (matched by name): filled {fields}", id=actor_id, fields=", ".join(fields)))
        else:
            say(Message("{id}: filled {fields}", id=actor_id, fields=", ".join(fields)))
    for actor_id, changes in report.updated.items():
        for key, old, new in changes:
            say(Message("{id}: updated {key}: {old!r} → {new!r}", id=actor_id, key=key, old=old, new=new))
    for conflict in report.conflicts:
        say(conflict if update else Message("{conflict} (--update to take SIRENE's)", conflict=conflict), "kept")
    for unknown in report.unknown_codes:
        say(Message("catégorie juridique not in INSEE's list, label left empty: {place}", place=unknown), "note")
    for closed in report.closed:
        say(closed, "note")
    for warning in report.warnings:
        say(warning, "warning")
    groups: dict[str, tuple[Any, list[Any]]] = {}
    for skipped in report.skipped:
        why = _why(skipped)
        groups.setdefault(why.render("en") if isinstance(why, Message) else why, (why, []))[1].append(_where(skipped))
    # Matched on the message ids (a Message's value as a string is its English text), never on a translation.
    diffusion = [_where(s) for s in report.skipped if "not diffusible" in _why(s)]
    sole = [_where(s) for s in report.skipped if "sole trader" in _why(s)]
    if report.non_diffusible:
        say(plural_message("left out: {n} row INSEE does not diffuse (statutDiffusion)",
                           "left out: {n} rows INSEE does not diffuse (statutDiffusion)", report.non_diffusible),
            places=_places(diffusion))
    if report.sole_traders:
        say(plural_message(
            "left out: {n} sole trader (catégorie juridique 1000, natural persons: personal data); add one by hand, "
            "as category person, with their consent",
            "left out: {n} sole traders (catégorie juridique 1000, natural persons: personal data); add one by hand, "
            "as category person, with their consent", report.sole_traders), places=_places(sole))
    for key, (why, wheres) in groups.items():
        if "not diffusible" not in key and "sole trader" not in key:
            say(Message("left out: {why}", why=why), places=_places(wheres))
    if report.filtered_out:
        say(plural_message("outside the filters: {n} row of {rows}", "outside the filters: {n} rows of {rows}",
                           report.filtered_out, rows=report.rows))
    say(N_("dry run: nothing written") if dry_run else (Message("wrote {file}", file=str(target))
                                                        if report.edit.written else N_("nothing to change")))


def _why(skipped: Any) -> Any:
    """Why a row was left out (a message, or the text after its place)."""
    from ..i18n import Message

    if isinstance(skipped, Message) and "why" in skipped.params:
        return skipped.params["why"]
    return str(skipped).partition(": ")[2]


def _where(skipped: Any) -> Any:
    """Where a row left out is (a message, or the text before the reason)."""
    from ..i18n import Message

    if isinstance(skipped, Message) and "where" in skipped.params:
        return skipped.params["where"]
    return str(skipped).partition(": ")[0]


def _places(places: list[Any]) -> str:
    """``: line 2, line 5`` (and how many more) in the reader's language, empty when there is none."""
    from ..i18n import plural_message

    if not places:
        return ""
    shown = ": " + ", ".join(str(p) for p in places[:SHOWN])  # a Message is written in the current language
    if len(places) > SHOWN:
        shown += render(plural_message(" and {n} more", " and {n} more", len(places) - SHOWN))
    return shown
