"""docs/cli.md: the command line reference is generated from the commands and kept equal."""

from __future__ import annotations

import re
from pathlib import Path

import click

from ptce_kit.cli import COMMANDS, cli
from ptce_kit.cli.reference import BEGIN, END, cli_reference, command_reference

PAGE = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_cli_page_is_up_to_date():
    text = PAGE.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END) + 1
    assert text[start:end] == cli_reference(), "run: python -m ptce_kit.cli.reference docs/cli.md"


def test_every_command_and_option_is_documented():
    reference = cli_reference()
    sections = dict(re.findall(r"^## `ptce ([a-z-]+)`\n(.*?)(?=^## |\Z)", reference, re.MULTILINE | re.DOTALL))
    ctx = click.Context(cli, info_name="ptce")
    for name in COMMANDS:
        assert name in sections, name
        # Each row of the command's table names an argument or option: "| `-o, --output` | ...".
        rows = [row.split(", ") for row in re.findall(r"^\| `([^`]+)` \|", sections[name], re.MULTILINE)]
        command = cli.get_command(ctx, name)
        for param in command.params:
            if isinstance(param, click.Option):
                names = [*param.opts, *param.secondary_opts]
                # Short names first (the help option's come from a set: sorted, the same on every run).
                assert [*sorted(param.opts, key=lambda o: (o.startswith("--"), o)), *param.secondary_opts] in rows, (
                    name, names)


def test_a_new_option_changes_the_reference():
    @click.command()
    @click.argument("file")
    @click.option("--colour", type=click.Choice(["red", "blue"]), default="red", help="The 'red' one | or blue.")
    def paint(file: str, colour: str) -> None:
        """Paint the pole in FILE.

        Run 'ptce paint x' to try.
        """

    parent = click.Context(cli, info_name="ptce")
    section = command_reference("paint", paint, parent)
    assert "## `ptce paint`" in section
    assert "Run `ptce paint x` to try." in section
    assert "Usage: ptce paint [OPTIONS] FILE" in section
    # Choices, default and a '|' that must not split the table row.
    assert "| `--colour` | one of `red`, `blue` | `red` | The 'red' one \\| or blue. |" in section


def test_a_type_made_while_french_was_spoken_is_named_in_english_on_the_page():
    # click names a Path type when its command is made; made in French (a command first run in
    # French by the same process), the page must still say "path".
    from ptce_kit.cli._words import install_click
    from ptce_kit.cli.reference import _type
    from ptce_kit.i18n import use_language

    install_click()
    with use_language("fr"):
        option = click.Option(["--out"], type=click.Path())
    # In click's sentences the name follows the reader (« Chemin 'x' n’existe pas. »); the page says "path".
    assert option.type.name.render("fr") == "chemin"
    assert _type(option) == "path"
