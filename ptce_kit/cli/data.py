"""``ptce validate``, ``ptce show`` and ``ptce schema``: the data file itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..errors import PoleError, Problem
from ..i18n import Message, N_, current, format_percent, gettext, ngettext
from ._common import (EXIT_INVALID, EXIT_OK, FORCE, OutputPath, err, guard_output, out, pole_here, print_error,
                      print_json, print_warnings)
from .privacy import INCLUDE_PERSONAL_DATA

# Not readable=True: an unreadable file is the data's problem (exit 1, with a hint), not misuse.
EXISTING = click.Path(path_type=Path, readable=False)


@click.command()
@click.argument("files", nargs=-1, type=EXISTING, callback=pole_here)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the problems.")
def validate(files: tuple[Path, ...], as_json: bool, quiet: bool) -> int:
    """Check each pole data FILE (or folder holding pole.yaml) against the format.

    Every problem is listed with its file, line, column and field, and so is every
    warning (a former commune's code, a name that does not match its code…).  Exit
    status: 0 when all files are valid, warnings or not, 1 when any is not.
    """
    from ..io import load_pole
    from ..io.warnings import pole_warnings

    report = []
    status = EXIT_OK
    for file in files:
        try:
            pole = load_pole(file)
        except PoleError as error:
            status = EXIT_INVALID
            report.append({"file": str(file), "valid": False, "problems": [p.to_dict() for p in error.problems],
                           "warnings": []})
            if not as_json:
                print_error(error)
            continue
        warnings = pole_warnings(pole, file) + _example_warnings(pole, file)
        report.append({"file": str(file), "valid": True, "problems": [],
                       "warnings": [w.to_dict() for w in warnings]})
        if not as_json:
            print_warnings(warnings)
        if not as_json and not quiet:
            counts = ", ".join((
                ngettext("{n} actor", "{n} actors", len(pole.actors)).format(n=len(pole.actors)),
                ngettext("{n} partnership", "{n} partnerships", len(pole.partnerships)).format(n=len(pole.partnerships)),
                ngettext("{n} project", "{n} projects", len(pole.projects)).format(n=len(pole.projects))))
            out().print("[green]✓[/] ", Message("{file}: valid ({counts})", file=click.format_filename(file),
                                                 counts=counts).render(), sep="", highlight=False, markup=True)
    if as_json:
        print_json(report)
    return status


def _example_warnings(pole: Any, file: Path) -> list[Problem]:
    """A warning (exit status unchanged) when a valid pole still holds the Pôle Sud example's members."""
    from ..criteria.examples import example_warning

    found = example_warning(pole)
    if found is None:
        return []
    message, hint = found
    return [Problem(message, ("actors",), file=str(file), hint=hint)]


@click.command()
@click.argument("file", type=EXISTING, required=False, callback=pole_here)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@INCLUDE_PERSONAL_DATA
def show(file: Path, as_json: bool, include_personal_data: bool) -> int:
    """Print a short summary of a pole: actors by family and category, ties, governance."""
    from ..io import load_pole
    from ..privacy import for_sharing
    from ..summary import summarize

    summary = summarize(for_sharing(load_pole(file), include_personal_data=include_personal_data))
    if as_json:
        print_json(summary)
    else:
        _print_summary(summary)
    return EXIT_OK


def _print_summary(s: dict[str, Any]) -> None:
    from rich.table import Table
    from rich.text import Text

    from ..model.vocabulary import label

    console = out()
    title = Text(s["name"], style="bold")
    if s["long_name"]:
        title.append(f" — {s['long_name']}")
    console.print(title)
    if s["territory"]:
        console.print(Text(Message("Territory: {territory}", territory=s["territory"]).render()))
    if s["pivot"]:
        console.print(Text(Message("Pivot structure: {pivot}", pivot=s["pivot"]).render()))
    actors = s["actors"]
    statuses = ", ".join(Message("{n} {what}", what=label("status", k), n=n).render() for k, n in actors["by_status"].items())
    console.print(Text(Message("Actors: {total} ({statuses}; {ess} of the ESS)", total=actors["total"],
                               statuses=statuses, ess=actors["ess"]).render()))

    table = Table(title=None, show_edge=False, pad_edge=False)
    table.add_column(gettext(N_("family")))
    table.add_column(gettext(N_("actors")), justify="right")
    for family, n in actors["by_family"].items():
        table.add_row(label("family", family), str(n))
    console.print(table)
    table = Table(show_edge=False, pad_edge=False)
    table.add_column(gettext(N_("category")))
    table.add_column(gettext(N_("actors")), justify="right")
    for category, n in actors["by_category"].items():
        table.add_row(label("category", category), str(n))
    console.print(table)
    ties = s["partnerships"]
    kinds = ", ".join(Message("{n} {what}", what=label("kind", k), n=n).render()
                      for k, n in ties["by_kind"].items()) or gettext(N_("none"))
    console.print(Text(Message("Partnerships: {total} ({kinds})", total=ties["total"], kinds=kinds).render()))
    console.print(Text(Message("Projects: {n}", n=len(s["projects"])).render()))
    for project in s["projects"]:
        status = f" ({label('project_status', project['status'])})" if project["status"] else ""
        console.print(Text(f"  - {project['name']}{status}"))
    gov = s["governance"]
    console.print(Text(Message("Governance: {form}", form=label("form", gov["form"])).render()))
    if gov["legal_acts"]:
        from ..render.vocabulary import label as word

        acts = ", ".join(word(act, current()) for act in gov["legal_acts"])
        console.print(Text("  " + Message("legal acts: {acts}", acts=acts).render()))
    for body in gov["bodies"]:
        details = ", ".join(x for x in (body["cadence"], body["format"]) if x)
        console.print(Text("  " + Message("body: {name}", name=body["name"]).render() + (f" ({details})" if details else "")))
    for college in gov["colleges"]:
        share = college["weight"]
        unknown = gettext(N_("share of the votes not known"))
        weight = (f" ({format_percent(share / 100)})" if isinstance(share, (int, float))
                  else f" ({unknown})" if share == "unknown" else "")
        console.print(Text("  " + Message("college: {name}", name=college["name"]).render() + weight))
    if gov["facilitation"]:
        console.print(Text("  " + Message("facilitation: {by}", by=gov["facilitation"]).render()))
    console.print(Text(Message("Indicators: {n}", n=s["indicators"]).render()))


@click.command()
@click.option("-o", "--output", type=OutputPath(dir_okay=False, path_type=Path),
              help="Write the schema to this file ('-': print it).")
@FORCE
def schema(output: Path | None, force: bool) -> int:
    """Print the JSON Schema of pole.yaml (format ptce/1), or write it with -o.

    Point your editor at it with a first line such as
    '# yaml-language-server: $schema=pole.schema.json'.
    """
    from ..io import atomic_write, schema_text

    if output is not None and str(output) != "-":
        guard_output(output, "schema", force=force)
    text = schema_text()
    if output is None or str(output) == "-":
        click.echo(text, nl=False)
    else:
        atomic_write(output, text)
        click.echo(Message("wrote {file}", file=str(output)).render(), err=True)
    return EXIT_OK
