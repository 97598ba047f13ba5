"""The reference of the ``ptce`` command line, generated from the click commands themselves.

``docs/cli.md`` embeds this text between two markers and a test keeps it equal to what
the commands say, so the page never drifts from the CLI.  Regenerate it with::

    python -m ptce_kit.cli.reference docs/cli.md

Examples
--------
>>> text = cli_reference()
>>> text.startswith(BEGIN) and text.rstrip().endswith(END)
True
>>> "## `ptce validate`" in text
True
"""

from __future__ import annotations

import re
from typing import Any

from ._words import _message_id

__all__ = ["cli_reference", "command_reference", "BEGIN", "END"]

BEGIN = "<!-- BEGIN generated CLI reference: python -m ptce_kit.cli.reference -->"
END = "<!-- END generated CLI reference -->"

# A fixed width, so that the page does not depend on the terminal it was made in.
_WIDTH = 100


def _context(command: Any, name: str, parent: Any = None) -> Any:
    import click

    settings = {**command.context_settings, "terminal_width": _WIDTH, "max_content_width": _WIDTH}
    return click.Context(command, info_name=name, parent=parent, **settings)


def _cell(text: str) -> str:
    """Text made safe for one cell of a Markdown table."""
    return " ".join(text.split()).replace("|", "\\|")


def _paragraphs(help_text: str) -> str:
    r"""Click help as Markdown paragraphs: ``\b`` blocks stay as they are, quotes become code.

    >>> _paragraphs("Check each FILE.\n\n  Exit 1 when 'ptce validate' fails.")
    'Check each FILE.\n\nExit 1 when `ptce validate` fails.'
    """
    import inspect

    paragraphs = []
    for block in inspect.cleandoc(help_text).split("\n\n"):
        block = block.replace("\b\n", "").strip()
        block = " ".join(block.split())
        # Click help quotes commands and examples with '...'; Markdown shows them as code.
        block = re.sub(r"(?<!\w)'([^'\s][^']*?)'(?!\w)", r"`\1`", block)
        paragraphs.append(block)
    return "\n\n".join(p for p in paragraphs if p)


def _type(param: Any) -> str:
    import click

    kind = param.type
    if isinstance(kind, click.Choice):
        return "one of " + ", ".join(f"`{c}`" for c in kind.choices)
    if getattr(param, "is_flag", False):
        return "flag"
    # click names a type (« chemin ») in the language spoken when its command was made: the
    # name is taken back to its message id, so the English page is the same in any process.
    base = _message_id(str(kind.name))
    name: str = {"path": "path", "text": "text", "integer": "integer", "float": "number",
                 "boolean": "true/false", "filename": "file"}.get(base, base)
    return name


def _default(param: Any, ctx: Any) -> str:
    from ._common import pole_here

    if param.required:
        return "required"
    if getattr(param, "callback", None) is pole_here:
        return "the pole of the current folder"
    import click.core

    default = param.get_default(ctx, call=False)
    # click >= 8.3 marks "no default" with a sentinel rather than None.
    if default is getattr(click.core, "UNSET", None) or default is None or default is False or default == () or getattr(param, "is_flag", False):
        return ""
    return f"`{default}`"


def _option_names(param: Any) -> str:
    """``-o, --output``: short names first, the same on every run.

    Click builds the help option's names from a set, in an order that changes between
    runs, so the names are sorted rather than taken as given.
    """
    return ", ".join(sorted(param.opts, key=lambda o: (o.startswith("--"), o)) + param.secondary_opts)


def _param_row(param: Any, ctx: Any) -> str:
    import click

    if isinstance(param, click.Argument):
        metavar: Any = param.make_metavar  # takes the context since click 8.2
        name = metavar(ctx) if _takes_ctx(metavar) else metavar()
        text = ""
    else:
        name = _option_names(param)
        # The id, in English: click writes the help of --help in the language of the moment it makes it.
        text = _message_id(param.help) if param.help else ""
    return f"| `{name}` | {_type(param)} | {_default(param, ctx)} | {_cell(text)} |"


def _takes_ctx(method: Any) -> bool:
    import inspect

    # click 8.2 passes the context to make_metavar; older versions do not.
    return "ctx" in inspect.signature(method).parameters


def command_reference(name: str, command: Any, parent: Any) -> str:
    """The Markdown section of one command: what it does, its usage, its arguments and options."""
    ctx = _context(command, name, parent)
    lines = [f"## `ptce {name}`", ""]
    if command.help:
        lines += [_paragraphs(command.help), ""]
    usage = " ".join(["ptce", name, *command.collect_usage_pieces(ctx)])
    lines += ["```text", f"Usage: {usage}", "```", ""]
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    if params:
        lines += ["| argument or option | type | default | description |", "| --- | --- | --- | --- |"]
        lines += [_param_row(p, ctx) for p in params]
        lines.append("")
    return "\n".join(lines)


def cli_reference() -> str:
    """Markdown for every command of ``ptce``, in the order ``ptce --help`` lists them (in English)."""
    from ..i18n import use_language

    with use_language("en"):
        return _cli_reference()


def _cli_reference() -> str:
    from . import COMMANDS, cli

    root = _context(cli, "ptce")
    lines = [BEGIN, "", "## `ptce`", "", _paragraphs(cli.help or ""), ""]
    lines += ["```text", "Usage: " + " ".join(["ptce", *cli.collect_usage_pieces(root)]), "```", ""]
    lines += ["| command | what it does |", "| --- | --- |"]
    names = cli.list_commands(root)
    lines += [f"| [`ptce {n}`](#ptce-{n}) | {_cell(COMMANDS[n][1])} |" for n in names]
    lines += ["", "| option | description |", "| --- | --- |"]
    lines += [f"| `{_option_names(p)}` | {_cell(_message_id(getattr(p, 'help', None) or ''))} |"
              for p in cli.get_params(root)]
    lines.append("")
    for n in names:
        lines.append(command_reference(n, cli.get_command(root, n), root))
    lines.append(END)
    return "\n".join(lines) + "\n"


def update(path: str) -> bool:
    """Replace the generated part of the page at ``path``; True if it changed."""
    import pathlib

    target = pathlib.Path(path)
    text = target.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END) + "\n", re.S)
    if not pattern.search(text):
        raise SystemExit(f"{path}: the markers {BEGIN!r} and {END!r} are missing")
    new = pattern.sub(lambda _: cli_reference(), text)
    if new != text:
        from ..files import atomic_write

        atomic_write(target, new)
    return new != text


if __name__ == "__main__":  # pragma: no cover - regenerates docs/cli.md
    import sys

    changed = update(sys.argv[1] if len(sys.argv) > 1 else "docs/cli.md")
    print("updated" if changed else "up to date", file=sys.stderr)
