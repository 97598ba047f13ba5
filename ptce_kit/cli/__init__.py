"""``ptce``: the command line, a thin face over the library.

Commands are imported only when they run (or when their help is shown), so that
``ptce --help`` starts fast.  To add a command, write it in a module of this package
and add a line to ``COMMANDS``.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

__all__ = ["main", "cli", "COMMANDS"]

#: name -> ("module:attribute", short help shown by ``ptce --help``)
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("ptce_kit.cli.data:validate", "Check pole data files; exit 1 if any is invalid."),
    "show": ("ptce_kit.cli.data:show", "Print a short summary of a pole."),
    "schema": ("ptce_kit.cli.data:schema", "Print or write the JSON Schema of pole.yaml."),
    "export": ("ptce_kit.cli.export:export", "Write a pole in another tool's format."),
    "import-sirene": ("ptce_kit.cli.sirene:import_sirene", "Add actors to a pole from a SIRENE extract (CSV)."),
    "analyse": ("ptce_kit.cli.analyse:analyse", "Print the measures of a pole's cooperation graph."),
    "new": ("ptce_kit.cli.new:new", "Create a new pole's folder (asks the founders' questions in French)."),
    "build": ("ptce_kit.cli.build:build", "Render a pole's charter, member registry, fiche and maps."),
    "check": ("ptce_kit.cli.check:check", "Check poles against the PTCE criteria (loi ESS art. 9, décret 2015-431)."),
    "compare": ("ptce_kit.cli.compare:compare", "Compare many poles in one table and figure."),
    "synth": ("ptce_kit.cli.compare:synth", "Generate a realistic synthetic pole (for tests and teaching)."),
    "import": ("ptce_kit.cli.members:import_", "Add or update members from a spreadsheet (CSV, XLSX)."),
    "member": ("ptce_kit.cli.members:member", "Add, update or remove an actor, keeping the file's layout."),
    "partnership": ("ptce_kit.cli.members:partnership", "Add or end a partnership, keeping the file's layout."),
    "project": ("ptce_kit.cli.members:project", "Add a joint project, keeping the file's layout."),
    "anonymize": ("ptce_kit.cli.privacy:anonymize", "Write a copy without personal data, persons pseudonymised."),
    "purge": ("ptce_kit.cli.privacy:purge", "Remove personal data of actors who left before a date."),
    "map": ("ptce_kit.cli.map:map_command", "Draw the cooperation map (PNG/SVG/PDF, or --html interactive)."),
    "diff": ("ptce_kit.cli.history:diff", "Say what changed in a pole between two dates or two versions."),
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, _, attribute = COMMANDS[cmd_name][0].partition(":")
        command: click.Command = getattr(importlib.import_module(module), attribute)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # The short help lives in COMMANDS, so listing the commands imports none of them.
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="ptce-kit", prog_name="ptce")
def cli() -> None:
    """ptce-kit: found, run, check and compare Pôles Territoriaux de Coopération Économique.

    One data file (pole.yaml) describes a pole; every document, map and measure is
    derived from it.  Run 'ptce COMMAND --help' for the options of a command.
    """


def main(argv: list[str] | None = None) -> Any:
    """Entry point of the ``ptce`` script: user errors print cleanly, never a traceback."""
    from ._common import run

    return run(cli, argv)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
