"""``ptce diff``: what changed in a pole between two dates, or between two versions of its file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..i18n import Message, N_, format_percent, gettext, plural_message
from ._common import EXIT_OK, out, pole_here, print_json
from .privacy import INCLUDE_PERSONAL_DATA


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path), metavar="[FILE [NEW_FILE]]", callback=pole_here)
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
            raise click.UsageError(gettext(N_("with one FILE give --from DATE and --to DATE (and no --at)")))
        pole = for_sharing(load_pole(files[0]), include_personal_data=include_personal_data)
        old, new = to_graph(pole, at=since), to_graph(pole, at=until)
        heading = Message("{name}: {since} → {until}", name=pole.name, since=since, until=until).render()
    elif len(files) == 2:
        if since is not None or until is not None:
            raise click.UsageError(gettext(N_("--from and --to compare two dates of one FILE; with two files use --at")))
        # One numbering of persons for both versions: the same person is the same 'Personne N'.
        poles = for_sharing_together([load_pole(f) for f in files], include_personal_data=include_personal_data)
        old, new = (to_graph(p, at=at) for p in poles)
        heading = (Message("{old} → {new} at {at}", old=str(files[0]), new=str(files[1]), at=at).render() if at
                   else f"{files[0]} → {files[1]}")
    else:
        raise click.UsageError(gettext(N_("give one FILE (with --from and --to) or two files to compare")))
    result = compare(old, new)
    if fmt == "json":
        print_json(result)
    else:
        _print(result, heading, old, new)
    return EXIT_OK


def _date(option: str, value: str | None) -> str | None:
    from ..errors import Invalid, PoleError
    from ..model.vocabulary import parse_date

    if value is None:
        return None
    try:
        return parse_date(value)
    except Invalid as exc:
        raise PoleError.single(Message("{option} {value!r}: {reason}", option=option, value=value, reason=exc.message),
                               hint=Message("e.g. {option} 2014 or {option} 2014-07", option=option),
                               code=exc.code) from None


def _rate(value: float | None) -> str:
    return gettext(N_("n/a")) if value is None else format_percent(value, digits=0)


def _print(result: dict[str, Any], heading: str, old: Any, new: Any) -> None:
    from rich.text import Text

    console = out()
    console.print(Text(heading, style="bold"))
    actors, ties = result["actors"], result["ties"]
    # Each count with its own plural form (« +1 apparu », « +2 apparus »), never one form for all.
    console.print(Text(Message("actors: {before} → {after} ({appeared}, {ended}; turnover {turnover})",
                               before=old.number_of_nodes(), after=new.number_of_nodes(),
                               appeared=plural_message("+{n} appeared", "+{n} appeared", len(actors["appeared"])),
                               ended=plural_message("-{n} left", "-{n} left", len(actors["ended"])),
                               turnover=_rate(result["actor_turnover"])).render()))
    console.print(Text(Message("ties: {before} → {after} ({appeared}, {ended}; survival {survival}, turnover {turnover})",
                               before=old.number_of_edges(), after=new.number_of_edges(),
                               appeared=plural_message("+{n} appeared", "+{n} appeared", len(ties["appeared"])),
                               ended=plural_message("-{n} ended", "-{n} ended", len(ties["ended"])),
                               survival=_rate(result["tie_survival"]), turnover=_rate(result["tie_turnover"])).render()))

    def name(graph: Any, actor: str) -> str:
        return str(graph.nodes[actor].get("name") or actor) if actor in graph else actor

    appeared, ended, changed_word = gettext(N_("appeared")), gettext(N_("ended")), gettext(N_("changed"))
    actor_word, tie_word = gettext(N_("actor")), gettext(N_("tie"))
    width = max(len(appeared), len(ended), len(changed_word))
    kind_width = max(len(actor_word), len(tie_word))
    for label, ids, graph in ((appeared, actors["appeared"], new), (ended, actors["ended"], old)):
        for actor in ids:
            console.print(Text(f"  {label:>{width}}  {actor_word:<{kind_width}}  {actor} ({name(graph, actor)})"))
    for label, items in ((appeared, ties["appeared"]), (ended, ties["ended"])):
        for u, v, partnership in items:
            console.print(Text(f"  {label:>{width}}  {tie_word:<{kind_width}}  {partnership} ({u} – {v})"))
    for kind, changed in ((actor_word, actors["changed"]), (tie_word, ties["changed"])):
        for key, changes in changed.items():
            for attribute, (before, after) in sorted(changes.items()):
                console.print(Text(f"  {changed_word:>{width}}  {kind:<{kind_width}}  {key}: {attribute} "
                                   f"{_value_words(attribute, before)} → {_value_words(attribute, after)}"))


def _value_words(field: str, value: object) -> str:
    """A changed value as the reader says it: a vocabulary value by its label (« à distance »)."""
    from ..model.vocabulary import label

    return repr(label(field, value)) if isinstance(value, str) else repr(value)
