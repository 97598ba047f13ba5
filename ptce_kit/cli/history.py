"""``ptce diff``: what changed in a pole between two dates, or between two versions of its file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ._common import EXIT_OK, out, print_json
from .privacy import INCLUDE_PERSONAL_DATA


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE [NEW_FILE]")
@click.option("--from", "since", default=None, help="With one FILE: the first date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "until", default=None, help="With one FILE: the second date.")
@click.option("--at", "at", default=None, help="With two files: compare both as they stood at this date.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for reading, json for other programs.")
@INCLUDE_PERSONAL_DATA
def diff(files: tuple[Path, ...], since: str | None, until: str | None, at: str | None, fmt: str,
         include_personal_data: bool) -> int:
    """Say which actors and ties appeared, ended or changed, with survival and turnover rates.

    One FILE with --from and --to compares the pole at two dates; two files (an old and a
    new version of pole.yaml) compare their whole histories, or both at --at.
    """
    from ..io import load_pole
    from ..network import to_graph
    from ..network.history import diff as compare
    from ..privacy import for_sharing, for_sharing_together

    since, until, at = _date("--from", since), _date("--to", until), _date("--at", at)
    if len(files) == 1:
        if since is None or until is None or at is not None:
            raise click.UsageError("with one FILE give --from DATE and --to DATE (and no --at)")
        pole = for_sharing(load_pole(files[0]), include_personal_data=include_personal_data)
        old, new = to_graph(pole, at=since), to_graph(pole, at=until)
        heading = f"{pole.name}: {since} → {until}"
    elif len(files) == 2:
        if since is not None or until is not None:
            raise click.UsageError("--from and --to compare two dates of one FILE; with two files use --at")
        # One numbering of persons for both versions: the same person is the same 'Personne N'.
        poles = for_sharing_together([load_pole(f) for f in files], include_personal_data=include_personal_data)
        old, new = (to_graph(p, at=at) for p in poles)
        heading = f"{files[0]} → {files[1]}" + (f" at {at}" if at else "")
    else:
        raise click.UsageError("give one FILE (with --from and --to) or two files to compare")
    result = compare(old, new)
    if fmt == "json":
        print_json(result)
    else:
        _print(result, heading, old, new)
    return EXIT_OK


def _date(option: str, value: str | None) -> str | None:
    from ..errors import PoleError
    from ..model import check_partial_date

    if value is None:
        return None
    try:
        return check_partial_date(value)
    except ValueError as exc:
        raise PoleError.single(f"{option} {value!r}: {exc}", hint=f"e.g. {option} 2014 or {option} 2014-07") from None


def _rate(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def _print(result: dict[str, Any], heading: str, old: Any, new: Any) -> None:
    from rich.text import Text

    console = out()
    console.print(Text(heading, style="bold"))
    actors, ties = result["actors"], result["ties"]
    console.print(f"actors: {old.number_of_nodes()} → {new.number_of_nodes()} "
                  f"(+{len(actors['appeared'])} appeared, -{len(actors['ended'])} ended; "
                  f"turnover {_rate(result['actor_turnover'])})")
    console.print(f"ties: {old.number_of_edges()} → {new.number_of_edges()} "
                  f"(+{len(ties['appeared'])} appeared, -{len(ties['ended'])} ended; "
                  f"survival {_rate(result['tie_survival'])}, turnover {_rate(result['tie_turnover'])})")

    def name(graph: Any, actor: str) -> str:
        return str(graph.nodes[actor].get("name") or actor) if actor in graph else actor

    for label, ids, graph in (("appeared", actors["appeared"], new), ("ended", actors["ended"], old)):
        for actor in ids:
            console.print(Text(f"  {label:>8}  actor  {actor} ({name(graph, actor)})"))
    for label, items in (("appeared", ties["appeared"]), ("ended", ties["ended"])):
        for u, v, partnership in items:
            console.print(Text(f"  {label:>8}  tie    {partnership} ({u} – {v})"))
    for kind, changed in (("actor", actors["changed"]), ("tie", ties["changed"])):
        for key, changes in changed.items():
            for attribute, (before, after) in sorted(changes.items()):
                console.print(Text(f"   changed  {kind:<5}  {key}: {attribute} {before!r} → {after!r}"))
