"""``ptce check``: does a pole meet the PTCE criteria?"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import PoleError
from ..i18n import Message, N_, When, current, gettext, render
from ._common import EXIT_INVALID, EXIT_OK, out, pole_here, print_error, print_json
from .privacy import INCLUDE_PERSONAL_DATA

if TYPE_CHECKING:
    from ..criteria import Report

_STYLE = {"pass": "green", "warn": "yellow", "fail": "bold red", "unknown": "cyan"}


#: Words people type for a built-in profile, besides its id and its names in both languages.
_PROFILE_WORDS = {"state-call": ("appel", "appels", "appel de l etat", "appels de l etat", "appel etat", "etat", "state call"),
                  "emerging": ("emergent", "emergents", "ptce emergent", "emerging"),
                  "signals": ("signaux", "signal", "signaux structurels", "structure")}


def profile_of(word: str, known: list[str]) -> str | None:
    """The profile id a word names (``appels de l'État`` → ``state-call``), French or English, or ``None``.

    >>> profile_of("Définition", ["definition", "state-call"]), profile_of("appel de l’État", ["definition", "state-call"])
    ('definition', 'state-call')
    """
    from ..criteria.core import PROFILE_LABELS
    from ..i18n import LANGUAGES
    from ..model.vocabulary import normalise

    if word in known:
        return word
    typed = normalise(word)
    for profile in known:
        names = [profile, *_PROFILE_WORDS.get(profile, ())]
        if profile in PROFILE_LABELS:
            names += [gettext(PROFILE_LABELS[profile], lang) for lang in LANGUAGES]
        if typed in {normalise(name) for name in names}:
            return profile
    return None


def _profiles(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    """``--profile``'s callback: each word typed (French or English) as its profile's id."""
    from ..criteria import profiles
    from ..criteria.core import profile_word

    known = profiles()
    found = [(word, profile_of(word, known)) for word in value]
    wrong = [word for word, profile in found if profile is None]
    if wrong:
        raise click.BadParameter(Message("unknown profile {wrong} (choose among {known})", wrong=", ".join(map(repr, wrong)),
                                         known=", ".join(profile_word(p) for p in known)).render())
    return tuple(profile for _word, profile in found if profile is not None)


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path), callback=pole_here)
@click.option("-p", "--profile", "chosen", multiple=True, metavar="NAME", callback=_profiles,
              help="Profile of rules to apply (repeatable): definition (default; plus scic for a SCIC), "
                   "state-call, scic, emerging, signals, or a network's own.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "md"]), default="table", show_default=True,
              help="How to print the report.")
@click.option("--at", "at", default=None, help="Judge the pole as it stood at this date (default: today).")
@click.option("--lang", type=click.Choice(["en", "fr"]), default=None,
              help="Language of the rules' titles and explanations.")
@INCLUDE_PERSONAL_DATA
def check(files: tuple[Path, ...], chosen: tuple[str, ...], fmt: str, at: str | None, lang: str | None,
          include_personal_data: bool) -> int:
    """Check each pole FILE against the PTCE criteria, each rule with its legal source.

    Every rule says pass, warn, fail or unknown (the data does not say, and which field
    would decide), with the actors and fields behind its verdict.  Exit status: 0 when no selected rule fails, 1 when one
    does (or a file cannot be read).
    """
    from ..criteria import check as run_check
    from ..io import load_pole
    from ..privacy import for_sharing

    lang = lang or current()
    status = EXIT_OK
    reports = []
    for file in files:
        try:
            pole = for_sharing(load_pole(file), include_personal_data=include_personal_data)
            report = run_check(pole, list(chosen) or None, at=at)
        except PoleError as error:
            print_error(error)
            status = EXIT_INVALID
            continue
        except ValueError as exc:  # a bad --at
            raise click.BadParameter(str(exc), param_hint="'--at'") from None
        status = max(status, EXIT_INVALID if report.failed else EXIT_OK)
        reports.append(report)
        if fmt == "md":
            click.echo(report.to_markdown(lang), nl=False)
        elif fmt == "table":
            _print_table(report, lang)
    if fmt == "json":
        print_json([r.to_dict(lang) for r in reports])
    return status


def _print_table(report: Report, lang: str) -> None:
    from rich.table import Table
    from rich.text import Text

    from ..criteria.core import evidence_word, profile_word, verdict_word

    console = out()
    console.print(Text(Message("{name} ({pole}), {at}", name=report.name, pole=report.pole,
                               at=When(report.at, "as of")).render(lang), style="bold"))
    for profile in report.profiles:
        results = report.of_profile(profile)
        sources = gettext(N_("; "), lang).join(dict.fromkeys(gettext(r.rule.source, lang) for r in results))
        table = Table(title=Message("profile: {profile}", profile=profile_word(profile, lang)).render(lang), title_justify="left",
                      caption=Message("sources: {sources}", sources=sources).render(lang),
                      caption_justify="left", show_lines=True, expand=False)
        table.add_column(gettext(N_("verdict"), lang))
        table.add_column(gettext(N_("rule"), lang), max_width=28, overflow="fold")
        table.add_column(gettext(N_("why"), lang), overflow="fold")
        for r in results:
            why = Text(render(r.finding.message, lang))
            for kind, items in r.finding.evidence.items():
                why.append("\n" + Message("{kind}: {items}", kind=evidence_word(kind, lang),
                                           items=", ".join(items)).render(lang), style="dim")
            if r.finding.missing:
                why.append("\n" + Message("would be decided by: {fields}",
                                           fields=", ".join(gettext(m, lang) for m in r.finding.missing)).render(lang),
                           style="italic")
            if r.finding.hint:
                why.append("\n" + Message("what to do: {hint}", hint=render(r.finding.hint, lang)).render(lang), style="italic")
            rule = Text(r.rule.title(lang) + "\n")
            rule.append(r.rule.id, style="dim")
            table.add_row(Text(verdict_word(r.verdict, lang), style=_STYLE[r.verdict.value]), rule, why)
        console.print(table)
        verdict = report.verdict(profile)
        console.print(Text(f"→ {report.conclusion(profile, lang)}.", style=_STYLE[verdict.value] if verdict else ""))
    console.print()
