"""``ptce``: the command line, a thin face over the library.

Commands are imported only when they run (or when their help is shown), so that
``ptce --help`` starts fast.  To add a command, write it in a module of this package
and add a line to ``COMMANDS`` (and, for a new module, its loader).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

import click

__all__ = ["main", "cli", "COMMANDS", "reset_consoles"]


# One loader per module of commands: importing it is what running one of its commands costs.
def _data() -> ModuleType:
    from . import data

    return data


def _export() -> ModuleType:
    from . import export

    return export


def _sirene() -> ModuleType:
    from . import sirene

    return sirene


def _analyse() -> ModuleType:
    from . import analyse

    return analyse


def _new() -> ModuleType:
    from . import new

    return new


def _build() -> ModuleType:
    from . import build

    return build


def _report() -> ModuleType:
    from . import report

    return report


def _check() -> ModuleType:
    from . import check

    return check


def _compare() -> ModuleType:
    from . import compare

    return compare


def _members() -> ModuleType:
    from . import members

    return members


def _privacy() -> ModuleType:
    from . import privacy

    return privacy


def _map() -> ModuleType:
    from . import map

    return map


def _history() -> ModuleType:
    from . import history

    return history


def _serve() -> ModuleType:
    from . import serve

    return serve


#: name -> (the command, imported when it runs or shows its help; short help shown by ``ptce --help``)
COMMANDS: dict[str, tuple[Callable[[], click.Command], str]] = {
    "validate": (lambda: _data().validate, "Check pole data files; exit 1 if any is invalid."),
    "show": (lambda: _data().show, "Print a short summary of a pole."),
    "schema": (lambda: _data().schema, "Print or write the JSON Schema of pole.yaml."),
    "export": (lambda: _export().export, "Write a pole in another tool's format."),
    "import-sirene": (lambda: _sirene().import_sirene, "Add actors to a pole from SIRENE files (INSEE's, or the company search service's)."),
    "analyse": (lambda: _analyse().analyse, "Print the measures of a pole's cooperation graph."),
    "new": (lambda: _new().new, "Create a new pole's folder (asks the founders' questions in French)."),
    "build": (lambda: _build().build, "Render a pole's charter, member registry, fiche and maps."),
    "report": (lambda: _report().report, "Write a pole's activity report for one year."),
    "check": (lambda: _check().check, "Check poles against the PTCE criteria (loi ESS art. 9, décret 2015-431)."),
    "compare": (lambda: _compare().compare, "Compare many poles in one table and figure."),
    "synth": (lambda: _compare().synth, "Generate a realistic synthetic pole (for tests and teaching)."),
    "import": (lambda: _members().import_, "Add or update members from a spreadsheet (CSV, XLSX)."),
    "member": (lambda: _members().member, "Add, update or remove an actor, keeping the file's layout."),
    "partnership": (lambda: _members().partnership, "Add or end a partnership, keeping the file's layout."),
    "project": (lambda: _members().project, "Add a joint project, keeping the file's layout."),
    "anonymize": (lambda: _privacy().anonymize, "Write a copy without personal data, persons pseudonymised."),
    "purge": (lambda: _privacy().purge, "Remove personal data of actors who left before a date."),
    "map": (lambda: _map().map_command, "Draw the cooperation map (PNG/SVG/PDF, or --html interactive)."),
    "serve": (lambda: _serve().serve, "Open a pole in a local web workspace, in the browser."),
    "diff": (lambda: _history().diff, "Say what changed in a pole between two dates or two versions."),
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        return COMMANDS[cmd_name][0]()

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


def reset_consoles() -> None:
    """Forget the cached consoles: see :func:`ptce_kit.cli._common.reset_consoles`."""
    from ._common import reset_consoles as reset

    reset()


def main(argv: list[str] | None = None) -> Any:
    """Entry point of the ``ptce`` script: user errors print cleanly, never a traceback."""
    from ._common import run

    return run(cli, argv)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
