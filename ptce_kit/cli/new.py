"""``ptce new``: found a new pole's folder, asking the template's questions in the user's language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..scaffold import wording
from ._common import EXIT_OK, OutputPath


@click.command()
@click.argument("answers", nargs=-1, metavar="[KEY=VALUE]...")
@click.option("--no-input", is_flag=True, help="Ask nothing: use the answers given and the defaults.")
@click.option("-o", "--output-dir", type=OutputPath(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Where to create the pole's folder.")
@click.option("--config-file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="A cookiecutter configuration file (its default_context gives defaults; "
                   "every key is checked).")
@click.option("--replay", type=click.Path(dir_okay=False, path_type=Path),
              help="Reuse the answers recorded in a pole's .cruft.json or a cookiecutter replay file "
                   "(asks nothing; every key is checked).")
@click.option("--no-build", is_flag=True, help="Do not build the documents into docs/.")
def new(answers: tuple[str, ...], no_input: bool, output_dir: Path, config_file: Path | None,
        replay: Path | None, no_build: bool) -> int:
    """Create a new pole's folder from the cookiecutter-ptce template.

    The questions are asked in your language (--lang, PTCE_LANG, the locale; French
    otherwise), and each answer is checked as it is typed (type ? for help); only
    the pole's name is needed, the other questions may be left empty (nothing is
    invented, and Pôle Sud's members are copied as examples only when asked).  Answers
    may also be given as KEY=VALUE (e.g. pole_name="Pôle Nord" territory_name="Métropole"
    commune_name=Lille commune_insee=59350); 'slug' and 'pivot_id' override the
    identifiers derived from the names.  The folder holds pole.yaml, its schema, a README, a Makefile, the recorded
    answers (.cruft.json) and, when ptce-kit can build them, the documents in docs/.
    """
    import os

    from ..scaffold import new_pole, read_answers

    if os.path.lexists(output_dir):  # a link to nowhere, a pipe…: say so before asking anything
        from ..files import check_output

        check_output(output_dir, folder=True)
    given: dict[str, Any] = read_answers(replay) if replay else {}
    given.update(_command_line_answers(answers))
    if not (no_input or replay):
        given = _ask(given, config_file)
    project = new_pole(given, output_dir, config_file=config_file, build=not no_build)
    click.echo(_said(wording.CREATED, path=str(project)), err=True)
    return EXIT_OK


def _command_line_answers(items: tuple[str, ...]) -> dict[str, str]:
    """The answers given as ``KEY=VALUE``; a usage error (exit status 2) for any other argument.

    An argument without ``=`` or without a key (``PTCE-E613``) and a key that is no question of
    the template (``PTCE-E601``) are misuse of the command line, all said at once with their
    code and hint; a value that is not a good answer is said with the other answers' problems.
    """
    from ..errors import ANSWERS, Invalid, Problem
    from ..i18n import Message, N_
    from ..scaffold import check_answer

    given: dict[str, str] = {}
    misuse: list[Problem] = []
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            misuse.append(Problem(Message("{item!r} is not an answer: an answer is written KEY=VALUE", item=item),
                                  file=ANSWERS, code="PTCE-E613",
                                  hint=N_('write for instance pole_name="Pôle Nord" (quotes around a value with '
                                          'spaces); \'ptce new --help\' lists the questions')))
            continue
        try:
            check_answer(key, value)
        except Invalid as refused:
            if refused.code == "PTCE-E601":  # no such question: the value is not looked at
                misuse.append(Problem(refused.message, path=(key,), file=ANSWERS, code=refused.code,
                                      hint=refused.hint))
                continue
        given[key] = value
    if misuse:
        raise click.UsageError("\n".join(_misuse_line(problem) for problem in misuse))
    return given


def _misuse_line(problem: Any) -> str:
    """A misused argument as the usage error says it: the message, its code, the hint on the next line."""
    from ..i18n import Message

    text = f"{problem.text()} [{problem.code}]"
    hint = problem.hint_text()
    return text + ("\n  " + Message("hint: {hint}", hint=hint).render() if hint else "")


def _said(message: str, **params: Any) -> str:
    """A message of :mod:`ptce_kit.scaffold.wording` in the user's language."""
    from ..i18n import Message

    return Message(message, **params).render()


def _refusal(refused: Any) -> str:
    """A refused answer as ``ptce new`` says it while asking: the message, its code, what to type."""
    from ..i18n import render

    text = f"  {render(refused.message)}"
    if refused.code:
        text += f" [{refused.code}]"
    if refused.hint is not None:
        text += f"\n  {render(refused.hint)}"
    return text


def _ask(given: dict[str, Any], config_file: Path | None) -> dict[str, Any]:
    """Ask every question not answered yet; re-ask until the answer is good."""
    from ..scaffold import ASKED_AFTER, check_answers, derived_answers, questions, user_defaults

    defaults = user_defaults(config_file)
    asked = questions()
    answered = dict(given)
    for number, question in enumerate(asked, 1):
        if question.key in answered:
            continue
        default = defaults.get(question.key, question.default)
        after = ASKED_AFTER.get(question.key)
        if after and not str(answered.get(after) or "").strip():
            answered[question.key] = default  # nothing to say about it yet (no commune, no pivot…)
            continue
        prefix = f"[{number}/{len(asked)}] "
        if question.kind == "choice":
            answered[question.key] = _ask_choice(prefix, question, default)
            continue
        answered[question.key] = _ask_text(prefix, question, default)
        if question.key == "commune_insee" and not answered[question.key]:
            _ask_insee(prefix, question, answered)
        if question.key == "pole_name" and "slug" not in answered and "__slug" not in answered:
            slug = derived_answers({"pole_name": answered["pole_name"]})["__slug"]
            click.echo("  " + _said(wording.SLUG_SHOWN, slug=slug), err=True)
    # One rule joins two answers: with the example members, the pivot's identifier must
    # not be one of theirs.  Re-ask the pivot's name (unless its id was given outright).
    pivot = next(q for q in asked if q.key == "pivot_name")
    while "pivot_id" not in given and "__pivot_id" not in given:
        clash = [p for p in check_answers(derived_answers(answered)) if p.path == ("pivot_name",)]
        if not clash:
            break
        click.echo(_refusal(clash[0]), err=True)
        answered["pivot_name"] = _ask_text("", pivot, answered["pivot_name"])
    return answered


def _ask_insee(prefix: str, question: Any, answered: dict[str, Any]) -> None:
    """A commune was named without its code: ask for it, or for "-" to leave the commune out."""
    from ..errors import Invalid
    from ..scaffold import check_answer

    while True:
        click.echo("  " + _said(wording.INSEE_ASKED, commune=answered["commune_name"]), err=True)
        raw = str(click.prompt(prefix + question.prompt, default="", show_default=False, err=True)).strip()
        if raw == "-":
            answered["commune_name"] = answered[question.key] = ""
            return
        try:
            answered[question.key] = check_answer(question.key, raw)
        except Invalid as refused:
            click.echo(_refusal(refused), err=True)
            continue
        if answered[question.key]:
            return


def _help(question: Any) -> None:
    click.echo(f"  {question.help}", err=True)


def _ask_text(prefix: str, question: Any, default: Any) -> Any:
    from ..errors import Invalid
    from ..i18n import gettext
    from ..scaffold import check_answer

    shown = (gettext("yes") if default else gettext("no")) if question.kind == "bool" else str(default)
    while True:
        raw = click.prompt(prefix + question.prompt, default=shown, show_default=bool(shown), err=True)
        if str(raw).strip() == "?":
            _help(question)
            continue
        try:
            return check_answer(question.key, raw)
        except Invalid as refused:
            click.echo(_refusal(refused), err=True)


def _ask_choice(prefix: str, question: Any, default: Any) -> str:
    from ..errors import Invalid
    from ..scaffold import check_answer

    values = [value for value, _ in question.choices]
    click.echo(prefix + question.prompt, err=True)
    for index, (_value, label) in enumerate(question.choices, 1):
        click.echo(f"    {index} - {label}", err=True)
    start = values.index(default) + 1 if default in values else 1
    while True:
        raw = str(click.prompt("    " + _said(wording.CHOOSE, count=len(values)), default=str(start),
                               err=True)).strip()
        if raw == "?":
            _help(question)
            continue
        if raw.isdigit() and 1 <= int(raw) <= len(values):
            raw = values[int(raw) - 1]
        try:
            return str(check_answer(question.key, raw))
        except Invalid as refused:
            click.echo(_refusal(refused), err=True)
