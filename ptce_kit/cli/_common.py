"""What every command shares: consoles, printing problems, exit codes."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import PoleError, Problem
from ..i18n import Message, N_, gettext

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["run", "reset_consoles", "out", "err", "print_error", "print_json", "EXIT_OK", "EXIT_INVALID", "EXIT_USAGE", "EXIT_BUG",
           "FORCE", "OutputPath", "OUTPUT_KINDS", "guard_output", "guard_folder", "pole_here", "PoleFirst", "Words",
           "Shown"]

EXIT_OK = 0
EXIT_INVALID = 1  # the user's data or files are wrong
EXIT_USAGE = 2  # the command line is wrong
EXIT_BUG = 3  # ptce-kit itself failed: a bug to report

_consoles: dict[str, Console] = {}


def reset_consoles() -> None:
    """Forget the consoles, so that the next output goes to the current ``sys.stdout`` and
    ``sys.stderr`` (a program that runs several commands in one process, as the test suite
    does, swaps those streams between commands)."""
    _consoles.clear()


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


def location(problem: Problem) -> str:
    """``file:line:column`` of a problem, « (données en mémoire) » in place of a file it has none.

    >>> from ptce_kit.errors import Problem
    >>> from ptce_kit.i18n import use_language
    >>> with use_language("fr"):
    ...     location(Problem("x", line=3)), location(Problem("x", file="pole.yaml", line=3, column=2))
    ('(données en mémoire):3', 'pole.yaml:3:2')
    """
    return problem.location()


def print_error(error: PoleError) -> None:
    """Print a ``PoleError`` with each located problem, on standard error."""
    from rich.text import Text

    from ..errors import format_path
    from ..i18n import Message, ngettext

    console = err()
    count = len(error.problems)
    heading = Message("error: {summary}", summary=error.summary_text()).render()
    if count > 1:
        heading += " (" + ngettext("{count} problem", "{count} problems", count).format(count=count) + ")"
    console.print(Text(heading, style="bold red"))
    for problem in error.problems:
        line = Text("  ")
        line.append(location(problem), style="bold")
        line.append(": ")
        if problem.path:
            line.append(format_path(problem.path), style="cyan")
            line.append(": ")
        line.append(problem.text())
        if problem.code:
            line.append(f" [{problem.code}]", style="dim")
        console.print(line)
        hint = problem.hint_text()
        if hint:
            console.print(Text("    " + Message("hint: {hint}", hint=hint).render(), style="yellow"))


def print_warnings(problems: list[Problem]) -> None:
    """Print located warnings (the file is still valid), on standard error."""
    from rich.text import Text

    from ..errors import format_path
    from ..i18n import Message, N_, render

    console = err()
    for problem in problems:
        line = Text(render(N_("warning:")) + " ", style="bold yellow")
        line.append(location(problem), style="bold")
        line.append(": ")
        if problem.path:
            line.append(format_path(problem.path), style="cyan")
            line.append(": ")
        line.append(problem.text())
        if problem.code:
            line.append(f" [{problem.code}]", style="dim")
        console.print(line)
        hint = problem.hint_text()
        if hint:
            console.print(Text("    " + Message("hint: {hint}", hint=hint).render(), style="yellow"))


def print_json(data: Any) -> None:
    """Machine-readable output: sorted, indented JSON on standard output."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str))


# --- where a command may write -------------------------------------------------------

class OutputPath(click.Path):
    """``click.Path`` for ``-o``: an empty name is misuse (click would read it as the current folder)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and value == "":
            self.fail(gettext(N_("the name is empty: give the name of the file or folder to write")), param, ctx)
        return super().convert(value, param, ctx)


# --- the pole of the current folder ---------------------------------------------------

def pole_here(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """A pole argument's callback: when none is given, the pole file of the current folder.

    A founder who went into the pole's folder types ``ptce validate``, ``ptce check`` or
    ``ptce build`` alone; outside a pole's folder, misuse (exit 2) that says what to give.
    For an argument of many files (``nargs=-1``) the value is a tuple of the one file.
    """
    if value:
        return value
    here = _pole_file_here()
    if here is not None:
        return (here,) if param.nargs == -1 else here
    raise _no_pole_here(ctx, param)


def _no_pole_here(ctx: click.Context, param: click.Parameter) -> click.UsageError:
    """The misuse of leaving out the pole outside a pole's folder, with what to type instead."""
    # An option (--into) is named with its example; an argument is shown in its whole command.
    example = (f"{param.opts[-1]} mon-pole/pole.yaml" if isinstance(param, click.Option)
               else f"{ctx.command_path} mon-pole/pole.yaml")
    return click.UsageError(Message(
        "this folder holds no pole file (pole.yaml or pole.json): give the pole's file or folder, "
        "e.g. '{example}', or first go into the pole's folder with 'cd mon-pole'", example=example).render(), ctx)


class PoleFirst(click.Command):
    """A command whose first argument is the pole, before others (``ptce member update POLE ACTOR_ID``).

    Inside a pole's folder the pole may be left out (``ptce member update maison-de-l-ess``): when
    fewer arguments are given than the command has, the folder's pole file goes first.  Outside
    one, the arguments but the pole given is misuse that says what to type (see :func:`pole_here`).
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        arguments = [param for param in self.get_params(ctx) if isinstance(param, click.Argument)]
        if len(arguments) > 1 and not ctx.resilient_parsing:
            # A first parse only to count the values given (it runs no callback, reads no file).
            values, _rest, _order = self.make_parser(ctx).parse_args(args=list(args))
            given = sum(1 for param in arguments if values.get(param.name) not in (None, (), getattr(
                click.core, "UNSET", None)))
            here = _pole_file_here()
            first = values.get(arguments[0].name)
            if isinstance(first, str) and Path(first).exists():
                pass  # the pole is given, something after it is missing: click says which
            elif given < len(arguments) and here is not None:
                args = [str(here), *args]
            elif given == len(arguments) - 1:
                raise _no_pole_here(ctx, arguments[0])
        return super().parse_args(ctx, args)


def _pole_file_here() -> Path | None:
    """The pole file of the current folder (``pole.yaml``, ``pole.yml`` or ``pole.json``), if any."""
    from ..io.files import POLE_FILE_NAMES

    return next((Path(name) for name in POLE_FILE_NAMES if Path(name).is_file()), None)


# --- coded values typed in French or English -------------------------------------------

class Shown(str):
    """An option's default, a coded value (``member``) that ``--help`` shows in the reader's words (« membre »)."""

    field: str

    def __new__(cls, field: str, value: str) -> Shown:
        self = super().__new__(cls, value)
        self.field = field
        return self

    def __str__(self) -> str:
        from ..model.vocabulary import label

        return label(self.field, str.__str__(self))


if TYPE_CHECKING:
    _Choice = click.Choice[str]
else:  # click.Choice is generic since click 8.2 only
    _Choice = click.Choice


class Words(_Choice):
    """A choice among coded values of the vocabulary (``status``…), typed in French or English.

    The value is the format's code (``member``), whatever word names it (« membre », « Adhérent »,
    ``member``); the help lists the values in the reader's words, and a word it does not know gets
    them in the error.  See :mod:`ptce_kit.model.vocabulary`.
    """

    def __init__(self, field: str, values: Iterable[str] | None = None) -> None:
        from ..model.vocabulary import LABELS

        self.field = field
        super().__init__(list(values) if values is not None else list(LABELS[field]))

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:  # no ctx before click 8.2
        from ..model.vocabulary import label

        return "[" + "|".join(label(self.field, str(value)) for value in self.choices) + "]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from ..errors import Invalid
        from ..model.vocabulary import parse

        try:
            found = parse(self.field, str.__str__(value) if isinstance(value, Shown) else str(value))
        except Invalid as exc:
            self.fail(str(exc), param, ctx)  # names the accepted words in the reader's language
        if found not in self.choices:  # a value of the vocabulary this option does not take
            return super().convert(found, param, ctx)
        return found


#: ``--force``, the same for every command that writes files.
FORCE = click.option("--force", is_flag=True,
                     help="Write over an existing file this command did not make (never over its own input).")


def _head(path: Path, size: int = 1 << 16) -> bytes:
    from ..files import read_head

    return read_head(path, size)


def _whole(path: Path) -> bytes:
    return _head(path, 64 << 20)


def _starts(*prefixes: bytes) -> Callable[[Path], bool]:
    return lambda path: _head(path, 256).lstrip(b"\xef\xbb\xbf").startswith(prefixes)


def _holds(*needles: bytes, whole: bool = False) -> Callable[[Path], bool]:
    def check(path: Path) -> bool:
        text = _whole(path) if whole else _head(path)
        return all(needle in text for needle in needles)

    return check


def _any_of(*checks: Callable[[Path], bool]) -> Callable[[Path], bool]:
    return lambda path: any(check(path) for check in checks)


def _all_of(*checks: Callable[[Path], bool]) -> Callable[[Path], bool]:
    return lambda path: all(check(path) for check in checks)


def _zip_holds(member: str, pattern: bytes) -> Callable[[Path], bool]:
    """A ZIP file (XLSX) whose ``member`` matches the regular expression ``pattern``."""

    def check(path: Path) -> bool:
        import re
        import zipfile

        if not _head(path, 4).startswith(b"PK"):
            return False
        try:
            with zipfile.ZipFile(path) as book:
                return re.search(pattern, book.read(member)) is not None
        except (OSError, KeyError, zipfile.BadZipFile):
            return False

    return check


#: An XLSX file written by ptce-kit (its creator is ptce-kit).
_zip_creator = _zip_holds("docProps/core.xml", rb"<dc:creator[^>]*>ptce-kit</dc:creator>")
#: The XLSX table of ``ptce compare`` (one sheet named "poles").
_comparison_book = _zip_holds("xl/workbook.xml", rb"<sheet [^>]*name=\"poles\"")


def _members_csv(path: Path) -> bool:
    """A CSV whose header row is the members' table ptce-kit writes (French or English headers)."""
    from ..io.spreadsheet import header_key

    first = _head(path, 4096).lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", "replace")
    keys = [header_key(cell) for cell in first.replace(";", ",").split(",")]
    return len(keys) > 2 and None not in keys and keys[0] == "id"


_FIGURE = _any_of(_holds(b"tEXtSoftware\x00ptce-kit"), _holds(b"<dc:title>ptce-kit</dc:title>"),
                  _holds(b"/Creator (ptce-kit)", whole=True))
_PAGE = _holds(b'<meta name="generator" content="ptce-kit"')

#: How a command recognises an existing file as one of its earlier outputs, by kind of output:
#: such a file is replaced without ``--force`` (see :func:`guard_output`).
OUTPUT_KINDS: dict[str, Callable[[Path], bool]] = {
    "graphml": _holds(b"<graphml", b"graphml.graphdrawing.org"),
    "gexf": _holds(b"<gexf", b"<creator>ptce-kit</creator>"),
    "json": _starts(b'{\n  "directed": '),
    "csv": _starts(b"id,name,category,", b"id;name;category;", b"source,target,partnership,",
                   b"source;target;partnership;"),
    "geojson": _holds(b'"type": "FeatureCollection"', whole=True),
    "jsonld": _holds(b'"@context"', b"urn:ptce:"),
    "turtle": _all_of(_starts(b"@prefix"), _holds(b"<urn:ptce:")),
    "members-csv": _members_csv,
    "members-xlsx": _zip_creator,
    "figure": _FIGURE,
    "map": _any_of(_FIGURE, _PAGE),
    "table": _any_of(_starts(b"pole,name,", b"pole;name;", b"| measure |"), _comparison_book,
                     _holds(b"<title>Comparaison des p\xc3\xb4les</title>"), _holds(b"<title>Comparison of the poles</title>")),
    "schema": _holds(b'"$id": "urn:ptce-kit:schema:', whole=True),
    "synth": _holds(b"Synthetic pole generated by ptce-kit"),
    "anonymized": _starts(b"# Anonymised copy made by 'ptce anonymize'"),
}


def guard_output(path: Path | str, kind: str, *, inputs: Iterable[Path | str] = (), force: bool = False) -> Path:
    """Check, before any work, that a command may write ``path`` (its ``-o``); ``PoleError`` if not.

    A command never writes over its own ``inputs``; without ``force``, never over a pole
    file, the key of the pseudonyms, or an existing file that is not an earlier output
    of the same ``kind`` (see :data:`OUTPUT_KINDS`); never over a link, a pipe, a device
    or a folder.  See :func:`ptce_kit.files.check_output`.
    """
    from ..files import check_output

    return check_output(path, inputs=inputs, ours=OUTPUT_KINDS[kind], force=force)


_BUILD_OUTPUTS = ("carte.png", "carte.svg", "carte.html", "charte.html", "fiche.html", "registre.html")


def _built_folder(folder: Path) -> bool:
    """A folder an earlier ``ptce build`` wrote: its maps and pages say they are ptce-kit's."""
    return any(OUTPUT_KINDS["map"](folder / name) for name in _BUILD_OUTPUTS)


def guard_folder(folder: Path | str, *, force: bool = False) -> Path:
    """Check that a command may write its files into ``folder`` (``ptce build -o``); ``PoleError`` if not.

    A missing or empty folder, or one an earlier build made (its ``carte.png`` or pages
    carry ptce-kit's mark), is fine; any other folder needs ``force``, so that a build
    never mixes its files with a folder of the user's own.  Each file is then written by
    :func:`ptce_kit.files.atomic_write`, which refuses links, pipes and devices.
    """
    folder = Path(folder)
    if force or not folder.is_dir() or not any(folder.iterdir()) or _built_folder(folder):
        return folder  # a missing folder is made (or explained) by ptce_kit.files.output_folder
    from ..errors import Problem

    from ..i18n import Message, N_

    raise PoleError([Problem(N_("the folder holds files that ptce build did not make"), file=str(folder),
                             hint=N_("choose a new folder (it is created), or add --force to write among those files"),
                             code="PTCE-E404")],
                    summary=Message("cannot write into {folder}", folder=str(folder)))


def run(group: click.Group, argv: list[str] | None = None) -> int:
    """Run the command line and turn every outcome into an exit status.

    User errors (``PoleError``) print their problems and give 1; misuse of the command
    line gives 2; anything else is a bug in ptce-kit: a one-line message and 3, with the
    traceback only when ``PTCE_DEBUG`` is set.  Every word is in the user's language
    (:func:`language_of_command_line`), for the time of the command.
    """
    from ..i18n import use_language

    args = sys.argv[1:] if argv is None else list(argv)
    with use_language(language_of_command_line(args)):
        return _run(group, args)


def language_of_command_line(args: list[str]) -> str:
    """The language of a command's messages: its ``--lang``, else ``PTCE_LANG``, the locale, French.

    Examples
    --------
    >>> language_of_command_line(["check", "pole.yaml", "--lang", "fr"])
    'fr'
    >>> language_of_command_line(["--lang=en", "validate", "pole.yaml"])
    'en'
    """
    from ..i18n import LANGUAGES, resolve

    chosen = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            chosen = args[i + 1]
        elif arg.startswith("--lang="):
            chosen = arg.split("=", 1)[1]
    return resolve(chosen if chosen in LANGUAGES else None)


def _run(group: click.Group, argv: list[str]) -> int:

    try:
        result = group.main(args=argv, prog_name="ptce", standalone_mode=False)
    except PoleError as error:
        print_error(error)
        return EXIT_INVALID
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo(gettext(N_("Aborted.")), err=True)
        return EXIT_INVALID
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo(gettext(N_("Interrupted.")), err=True)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. 'ptce show | head'): nothing left to say.
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the last guard before a traceback
        if os.environ.get("PTCE_DEBUG"):
            raise
        click.echo(
            Message("internal error: {kind}: {error}", kind=type(exc).__name__, error=str(exc)).render() + "\n"
            + gettext(N_("This is a bug in ptce-kit. Run again with PTCE_DEBUG=1 to see the details, "
                         "and report it with the file that caused it.")),
            err=True,
        )
        return EXIT_BUG
    return result if isinstance(result, int) else EXIT_OK
