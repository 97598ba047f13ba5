"""``ptce compare`` (many poles in one table and figure) and ``ptce synth`` (synthetic poles)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import PoleError
from ..i18n import Message, N_, gettext, ngettext, plural_message
from ._common import EXIT_INVALID, EXIT_OK, FORCE, OutputPath, err, guard_output, out, print_error

if TYPE_CHECKING:
    from ..model import Pole

#: From this many files on, ``ptce compare`` shows a progress bar (on a terminal).
PROGRESS_FROM = 5
_SUFFIXES = (".yaml", ".yml", ".json")


def pole_files(paths: tuple[Path, ...]) -> list[Path]:
    """The pole files named by the arguments: files as given, folders searched.

    A folder holding a ``pole.yaml`` (or ``pole.yml``/``pole.json``) is one pole;
    otherwise every ``*.yaml``/``*.yml``/``*.json`` in it, and every ``*/pole.yaml`` one
    level down, is a pole, in name order.  A path that does not exist is kept, to be
    reported as unreadable.
    """
    from ..io import POLE_FILE_NAMES

    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        own = [path / n for n in POLE_FILE_NAMES if (path / n).is_file()]
        if own:
            found.append(own[0])
            continue
        inside = [p for p in path.iterdir() if p.is_file() and p.suffix.lower() in _SUFFIXES]
        inside += [sub / n for sub in path.iterdir() if sub.is_dir() for n in POLE_FILE_NAMES[:1]
                   if (sub / n).is_file()]
        found.extend(sorted(inside))
    return list(dict.fromkeys(found))


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=OutputPath(dir_okay=False, path_type=Path),
              help="Write the table to this file: .csv, .xlsx, .md or .html (default: print it).")
@click.option("--plot", type=OutputPath(dir_okay=False, path_type=Path),
              help="Also draw the figure (composition and key measures) to this .png, .svg or .pdf.")
@click.option("--at", default=None, help="Take every pole as it stood at this date.")
@click.option("--sep", default=None, type=click.Choice([",", ";"]),
              help="Separator of a CSV table  [default: the poles' language (the messages' when they "
                   "differ): ';' with decimal commas for French, ',' for English].")
@FORCE
def compare(paths: tuple[Path, ...], output: Path | None, plot: Path | None, at: str | None, sep: str | None,
            force: bool) -> int:
    """Compare the poles in PATHS (files, or folders of pole files) in one table.

    One row per pole: members by family and category, ESS share, partnerships by kind,
    density, centralization, pivot dependence, cross-family ties, territorial anchoring,
    projects, jobs, governance form and criteria verdicts, with each pole's rank and
    z-score on every number.  A file that cannot be read is reported and skipped: the
    table of the others is still written, and the exit status is then 1.
    """
    from ..comparison import compare as build, plot_comparison, write_table
    from ..io import load_pole

    files = pole_files(paths)
    if not files:
        raise PoleError.single(Message("no pole file found in {paths}", paths=", ".join(map(str, paths))),
                               hint=N_("give pole files (.yaml, .json) or folders holding them"), code="PTCE-E001")
    if output is not None:
        guard_output(output, "table", inputs=files, force=force)
    if plot is not None:
        guard_output(plot, "figure", inputs=files, force=force)
    failed: list[Path] = []
    languages: set[str] = set()
    from rich.progress import Progress

    with Progress(console=err(), transient=True, disable=len(files) < PROGRESS_FROM) as progress:
        task = progress.add_task(gettext(N_("reading and measuring poles")), total=len(files))

        def readable() -> Iterator[Pole]:
            # Poles are read one at a time as compare() measures them, so the bar shows both.
            for file in files:
                try:
                    pole = load_pole(file)
                    languages.add(pole.language.value)
                    yield pole
                except PoleError as error:
                    failed.append(file)
                    progress.console.print("[red]" + gettext(N_("skipped")) + "[/] "
                                           + Message("{file}: could not be read", file=str(file)).render(), markup=True)
                    print_error(error)
                finally:
                    progress.advance(task)

        rows = build(readable(), at=at)
    if not rows:
        raise PoleError.single(plural_message("the file could not be read: no table written",
                                              "none of the {n} files could be read: no table written", len(files)),
                               code="PTCE-E501", hint=N_("fix the files named above, then run the command again"))
    if output is not None:
        write_table(rows, output, sep=sep, languages=languages)
        click.echo(Message("wrote {file} ({count})", file=str(output),
                           count=ngettext("{n} pole", "{n} poles", len(rows)).format(n=len(rows))).render(), err=True)
    else:
        _print_rows(rows)
    if plot is not None:
        plot_comparison(rows, plot)
        click.echo(Message("wrote {file}", file=str(plot)).render(), err=True)
    if failed:
        click.echo(plural_message("{failed} of {total} files could not be read (see above): {files}",
                                  "{failed} of {total} files could not be read (see above): {files}", len(failed),
                                  failed=len(failed), total=len(files), files=", ".join(map(str, failed))).render(),
                   err=True)
    return EXIT_INVALID if failed else EXIT_OK


def _print_rows(rows: list[dict[str, Any]]) -> None:
    from rich.table import Table

    from ..comparison import _cell

    shown = {"actors": N_("actors"), "ess_share": N_("ESS"), "partnerships": N_("ties"), "density": N_("dens."),
             "pivot_connectivity_loss": N_("pivot"), "cross_family_share": N_("cross"), "criteria_definition": N_("art. 9"),
             "criteria_state_call": N_("State")}
    table = Table(show_edge=False, caption=gettext(N_(
        "ESS: share of ESS enterprises; pivot: pivot dependence; cross: cross-family ties; art. 9 / State: "
        "criteria verdicts. -o FILE for every column.")))
    table.add_column(gettext(N_("pole")), overflow="fold", ratio=1)
    for label in shown.values():
        table.add_column(gettext(label), justify="right", no_wrap=True)
    from ..criteria.core import VERDICT_WORDS, verdict_word

    for r in rows:
        table.add_row(str(r["name"]), *(verdict_word(r[c]) if c.startswith("criteria_") and r[c] in VERDICT_WORDS
                                        else _cell(r[c], c) for c in shown))
    out().print(table)


@click.command()
@click.option("--actors", "n", type=click.IntRange(min=4), default=20, show_default=True,
              help="Number of actors (of the one pole; with --poles, sizes are drawn).")
@click.option("--poles", type=click.IntRange(min=1), default=None,
              help="Write this many poles spread over France into the folder -o, following the published "
                   "figures of the PTCE (sizes, jobs, legal forms, territorial levels).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed: same seed, same pole.")
@click.option("--name", default=None, help="Name of the pole (default: 'Pôle synthétique SEED').")
@click.option("-o", "--output", required=True, type=OutputPath(path_type=Path),
              help="The pole file to write (.yaml or .json); with --poles, the folder to write pole-NNN.yaml into.")
@FORCE
def synth(n: int, poles: int | None, seed: int, name: str | None, output: Path, force: bool) -> int:
    """Write a realistic SYNTHETIC pole, for tests, benchmarks and teaching.

    Families in proportions like the reference pole's, a pivot, ties of the three kinds,
    projects and dates; the file says in its description and sources that it is
    synthetic.  The same seed gives the same file.  With --poles N, N poles spread over
    France, drawn from the published figures of the PTCE (see docs/observatory.md).
    """
    from ..io import save_pole
    from ..synth import synthetic_pole, synthetic_poles

    if poles is not None:
        from ..files import output_folder

        if output.exists() and not output.is_dir():
            raise PoleError.single(Message("{file} is a file: --poles writes a folder of pole files", file=str(output)),
                                   file=output, hint=N_("give with -o a folder"))
        folder = output_folder(output)
        targets = [folder / f"pole-{i + 1:03d}.yaml" for i in range(poles)]
        for target in targets:
            guard_output(target, "synth", force=force)
        for pole, target in zip(synthetic_poles(poles, seed=seed), targets, strict=True):
            save_pole(pole, target)
        click.echo(plural_message("wrote {n} synthetic pole into {folder} (seed {seed})",
                                  "wrote {n} synthetic poles into {folder} (seed {seed})", poles, folder=str(folder),
                                  seed=seed).render(), err=True)
        return EXIT_OK
    if output.is_dir():
        raise PoleError.single(Message("{file} is a folder: give the pole file to write", file=str(output)),
                               file=output, hint=N_("name a .yaml or .json file, or add --poles N to write a folder "
                                                    "of poles"))
    guard_output(output, "synth", force=force)
    save_pole(synthetic_pole(n, seed=seed, name=name), output)
    click.echo(plural_message("wrote {file} (synthetic pole, {n} actor, seed {seed})",
                              "wrote {file} (synthetic pole, {n} actors, seed {seed})", n, file=str(output),
                              seed=seed).render(), err=True)
    return EXIT_OK
