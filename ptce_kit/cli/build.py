"""``ptce build``: render every document of a pole into a folder."""

from __future__ import annotations

from pathlib import Path

import click

from ..i18n import Message, N_, gettext, plural_message
from ._common import EXIT_OK, OutputPath, guard_folder, pole_here

def _formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    from ..render.formats import FORMATS as _FORMATS

    chosen = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    unknown = [f for f in chosen if f not in _FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(Message(
            "{value!r} is not a format; use a comma-separated list of: {formats}",
            value=unknown[0] if unknown else value, formats=", ".join(_FORMATS)).render())
    return chosen


@click.command()
@click.argument("source", metavar="[DIR_OR_FILE]", type=click.Path(path_type=Path), required=False,
                callback=pole_here)
@click.option("-o", "--output", "out", default="out", show_default=True,
              type=OutputPath(file_okay=False, path_type=Path), help="The folder to write into.")
@click.option("--lang", type=click.Choice(["fr", "en"]), default=None,
              help="Language of the documents (default: the pole's 'language').")
@click.option("--formats", default="md,html,csv", show_default=True, callback=_formats,
              help="Comma-separated formats among md, html, csv, pdf, odt, docx.")
@click.option("--templates", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="A folder of templates overriding the bundled ones with the same relative path.")
@click.option("--date", default=None, help="Date written on the documents (YYYY[-MM[-DD]]); none by default.")
@click.option("--include-personal-data", is_flag=True,
              help="Also write the full registry (contacts) and name the charter's signatories.")
@click.option("--sep", default=None, type=click.Choice([",", ";"]),
              help="Separator of CSV files (default: ';' for French documents, as French Excel reads them; ',' for English).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Steps run at once (default: the cores, on Linux); 1 for one after the other.")
@click.option("--force", is_flag=True, help="Write into an existing folder that ptce build did not make.")
def build(source: Path, out: Path, lang: str | None, formats: tuple[str, ...], templates: Path | None,
          date: str | None, include_personal_data: bool, sep: str | None, jobs: int | None, force: bool) -> int:
    """Render the charter, the member registry, the fiche and the maps of the pole in DIR_OR_FILE."""
    from ..pipeline import build as run_build

    if templates is not None and templates.is_dir():
        from ..render.documents import unused_overrides

        for name, close in unused_overrides(templates):
            override = (Message("note: {path} overrides no bundled template (did you mean {close}?)", path=str(templates / name),
                            close=close) if close
                    else Message("note: {path} overrides no bundled template", path=str(templates / name)))
            click.echo(override.render(), err=True)
    guard_folder(out, force=force)
    written = run_build(source, out, lang=lang, formats=formats, templates=templates, date=date,
                        include_personal_data=include_personal_data, sep=sep, jobs=jobs)
    for path in written:
        click.echo(str(path))
    note = " " + gettext(N_("(with personal data)")) if include_personal_data else ""
    click.echo(plural_message("wrote {n} file into {folder}", "wrote {n} files into {folder}", len(written),
                              folder=str(out)).render() + note, err=True)
    return EXIT_OK
