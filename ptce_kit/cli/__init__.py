"""``ptce``: the command line, a thin face over the library.

Commands are imported only when they run (or when their help is shown), so that
``ptce --help`` starts fast.  To add a command, write it in a module of this package
and add a line to ``COMMANDS`` (and, for a new module, its loader).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any, NoReturn

import click

from ..i18n import N_, gettext
from ._words import install_click, install_help

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


def _observatory() -> ModuleType:
    from . import observatory

    return observatory


def _history() -> ModuleType:
    from . import history

    return history


def _serve() -> ModuleType:
    from . import serve

    return serve


#: name -> (the command, imported when it runs or shows its help; short help shown by ``ptce --help``)
COMMANDS: dict[str, tuple[Callable[[], click.Command], str]] = {
    "validate": (lambda: _data().validate, N_("Check pole data files; exit 1 if any is invalid.")),
    "show": (lambda: _data().show, N_("Print a short summary of a pole.")),
    "schema": (lambda: _data().schema, N_("Print or write the JSON Schema of pole.yaml.")),
    "export": (lambda: _export().export, N_("Write a pole in another tool's format.")),
    "import-sirene": (lambda: _sirene().import_sirene, N_("Add actors to a pole from SIRENE files (INSEE's, or the company search service's).")),
    "analyse": (lambda: _analyse().analyse, N_("Print the measures of a pole's cooperation graph.")),
    "new": (lambda: _new().new, N_("Create a new pole's folder (asks the founders' questions in French).")),
    "build": (lambda: _build().build, N_("Render a pole's charter, member registry, fiche and maps.")),
    "report": (lambda: _report().report, N_("Write a pole's activity report for one year.")),
    "check": (lambda: _check().check, N_("Check poles against the PTCE criteria (loi ESS art. 9, décret 2015-431).")),
    "compare": (lambda: _compare().compare, N_("Compare many poles in one table and figure.")),
    "synth": (lambda: _compare().synth, N_("Generate a realistic synthetic pole (for tests and teaching).")),
    "import": (lambda: _members().import_, N_("Add or update members from a spreadsheet (CSV, XLSX).")),
    "member": (lambda: _members().member, N_("Add, update or remove an actor, keeping the file's layout.")),
    "partnership": (lambda: _members().partnership, N_("Add or end a partnership, keeping the file's layout.")),
    "project": (lambda: _members().project, N_("Add a joint project, keeping the file's layout.")),
    "anonymize": (lambda: _privacy().anonymize, N_("Write a copy without personal data, persons pseudonymised.")),
    "purge": (lambda: _privacy().purge, N_("Remove personal data of actors who left before a date.")),
    "map": (lambda: _map().map_command, N_("Draw the cooperation map (PNG/SVG/PDF, or --html interactive).")),
    "observatory": (lambda: _observatory().observatory, N_("Build a static site of many poles: map of France, table, pages.")),
    "serve": (lambda: _serve().serve, N_("Open a pole in a local web workspace, in the browser.")),
    "diff": (lambda: _history().diff, N_("Say what changed in a pole between two dates or two versions.")),
}


#: The help of ``--lang``, the option every command takes.
LANG_HELP = N_("Language of the messages (default: PTCE_LANG, then the locale, then French).")


def with_lang(command: click.Command) -> click.Command:
    """``command`` (and, for a group, each of its commands) with a ``--lang`` option.

    The option only chooses the language of the messages, which :func:`ptce_kit.cli._common.run`
    reads from the command line before the command runs; a command with its own ``--lang``
    (the language of its documents) keeps it.
    """
    if not any("--lang" in getattr(param, "opts", ()) for param in command.params):
        command.params.append(click.Option(["--lang"], type=click.Choice(["fr", "en"]), expose_value=False,
                                           help=LANG_HELP))
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            with_lang(sub)
    return command


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        return with_lang(COMMANDS[cmd_name][0]())

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # The short help lives in COMMANDS, so listing the commands imports none of them.
        rows = [(name, gettext(COMMANDS[name][1])) for name in self.list_commands(ctx)]
        with formatter.section(gettext("Commands")):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="ptce-kit", prog_name="ptce")
@click.option("--lang", type=click.Choice(["fr", "en"]), expose_value=False, help=LANG_HELP)
def cli() -> None:
    """ptce-kit: found, run, check and compare Pôles Territoriaux de Coopération Économique.

    One data file (pole.yaml) describes a pole; every document, map and measure is
    derived from it.  Run 'ptce COMMAND --help' for the options of a command.
    """


install_click()
install_help()


def reset_consoles() -> None:
    """Forget the cached consoles: see :func:`ptce_kit.cli._common.reset_consoles`."""
    from ._common import reset_consoles as reset

    reset()


def main(argv: list[str] | None = None) -> Any:
    """Run ``ptce ARGV`` and return its exit status: user errors print cleanly, never a traceback."""
    from ._common import run

    return run(cli, argv)


def script() -> NoReturn:
    """The ``ptce`` program (and ``python -m ptce_kit``): :func:`main`, then a quick exit.

    Once the command has written its files (atomically) and its output, the interpreter's
    teardown would only free, one by one, every object of the modules it imported
    (matplotlib, numpy, pydantic's validators…): 0.3 to 0.4 s of a ``ptce build``, longer
    than drawing the map's PNG.  So the exit handlers run, the output is flushed, and the
    process ends there (every file ptce-kit writes is closed by then:
    :func:`ptce_kit.files.atomic_write`).  With a thread still running (``ptce serve``'s,
    should one be left), the usual exit waits for it.  A process started ahead for the
    command (:mod:`ptce_kit.launch`) that it did not use is stopped first.
    """
    import atexit
    import os
    import threading

    try:
        status = main()
    finally:
        parallel = sys.modules.get("ptce_kit.parallel")
        if parallel is not None:
            parallel.stop_prepared()
    code = status if isinstance(status, int) else (0 if status is None else 1)
    if threading.active_count() > 1:
        sys.exit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (``ptce … | head``): nothing more to say
            pass
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    script()
