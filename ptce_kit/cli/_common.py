"""What every command shares: consoles, printing problems, exit codes."""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Any

import click

from ..errors import PoleError

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["run", "out", "err", "print_error", "print_json", "EXIT_OK", "EXIT_INVALID", "EXIT_USAGE", "EXIT_BUG"]

EXIT_OK = 0
EXIT_INVALID = 1  # the user's data or files are wrong
EXIT_USAGE = 2  # the command line is wrong
EXIT_BUG = 3  # ptce-kit itself failed: a bug to report

_consoles: dict[str, Console] = {}


def _console(name: str) -> Console:
    if name not in _consoles:
        from rich.console import Console

        _consoles[name] = Console(stderr=(name == "err"), highlight=False, soft_wrap=True)
    return _consoles[name]


def out() -> Console:
    """The console on standard output."""
    return _console("out")


def err() -> Console:
    """The console on standard error."""
    return _console("err")


def print_error(error: PoleError) -> None:
    """Print a ``PoleError`` with each located problem, on standard error."""
    from rich.text import Text

    console = err()
    count = len(error.problems)
    heading = f"error: {error.summary}" + (f" ({count} problems)" if count > 1 else "")
    console.print(Text(heading, style="bold red"))
    for problem in error.problems:
        line = Text("  ")
        line.append(problem.location(), style="bold")
        line.append(": ")
        from ..errors import format_path

        if problem.path:
            line.append(format_path(problem.path), style="cyan")
            line.append(": ")
        line.append(problem.message)
        console.print(line)
        if problem.hint:
            console.print(Text(f"    hint: {problem.hint}", style="yellow"))


def print_json(data: Any) -> None:
    """Machine-readable output: sorted, indented JSON on standard output."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str))


def run(group: click.Group, argv: list[str] | None = None) -> int:
    """Run the command line and turn every outcome into an exit status.

    User errors (``PoleError``) print their problems and give 1; misuse of the command
    line gives 2; anything else is a bug in ptce-kit: a one-line message and 3, with the
    traceback only when ``PTCE_DEBUG`` is set.
    """
    try:
        result = group.main(args=argv, prog_name="ptce", standalone_mode=False)
    except PoleError as error:
        print_error(error)
        return EXIT_INVALID
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return EXIT_INVALID
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. 'ptce show | head'): nothing left to say.
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the last guard before a traceback
        if os.environ.get("PTCE_DEBUG"):
            raise
        click.echo(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in ptce-kit. Run again with PTCE_DEBUG=1 to see the details, "
            "and report it with the file that caused it.",
            err=True,
        )
        return EXIT_BUG
    return result if isinstance(result, int) else EXIT_OK
