"""``ptce anonymize`` and ``ptce purge``: personal data (RGPD)."""

from __future__ import annotations

from pathlib import Path

import click

from ._common import EXIT_OK, FORCE, OutputPath, guard_output, pole_here

#: ``--include-personal-data`` of the commands that print pole content (their default leaves it out).
INCLUDE_PERSONAL_DATA = click.option(
    "--include-personal-data", is_flag=True,
    help="Show natural persons' names, contact persons and the fields declared personal "
         "(left out by default: persons are shown as 'Personne 1', 'Personne 2'…).")

SECRET = click.option("--secret-file", type=click.Path(dir_okay=False, path_type=Path),
                      help="The key of the pseudonyms (default: .ptce-secret next to pole.yaml, "
                           "made on first use; keep it, and keep it out of git).")


@click.command()
@click.argument("file", type=click.Path(path_type=Path), required=False, callback=pole_here)
@click.option("-o", "--output", required=True, type=OutputPath(dir_okay=False, path_type=Path),
              help="The anonymised copy to write (YAML, or JSON if it ends in .json).")
@SECRET
@FORCE
def anonymize(file: Path, output: Path, secret_file: Path | None, force: bool) -> int:
    """Write a copy of the pole in FILE that is safe to send to a network or a researcher.

    Contact persons and declared personal fields are removed; natural persons
    (category: person) get stable pseudonyms from a keyed hash; the rest is kept.
    """
    from ..io import find_pole_file
    from ..io.privacy import anonymize_file
    from ..privacy import SECRET_FILE_NAME, left_in_text_lines

    source = find_pole_file(file)
    secret = secret_file or source.parent / SECRET_FILE_NAME
    if output.resolve() != source.resolve():  # onto its source: anonymize_file says what to do instead
        guard_output(output, "anonymized", inputs=[source, secret], force=force)
    written, secret, left = anonymize_file(file, output, secret_file=secret_file)
    from ..i18n import Message

    click.echo(Message("wrote {file} (anonymised; pseudonym key: {secret})", file=str(written), secret=str(secret)).render(),
               err=True)
    for line in left_in_text_lines(left):
        click.echo(str(line), err=True)  # str() writes a Message in the reader's language
    return EXIT_OK


@click.command()
@click.argument("file", type=click.Path(path_type=Path), required=False, callback=pole_here)
@click.option("--left-before", required=True, help="Purge actors who left before this date (YYYY[-MM[-DD]]).")
@SECRET
@click.option("--dry-run", is_flag=True, help="Print the diff; write nothing.")
def purge(file: Path, left_before: str, secret_file: Path | None, dry_run: bool) -> int:
    """Remove from FILE the personal data of actors who left before a date (retention).

    Their contacts and declared personal fields are removed; a natural person also gets
    a pseudonym.  The file keeps its comments and layout; the report says what went.
    """
    from ..io import find_pole_file
    from ..io.privacy import purge as purge_file
    from ..privacy import SECRET_FILE_NAME, load_secret
    from .members import _report

    pole_file = find_pole_file(file)
    secret_path = secret_file or pole_file.parent / SECRET_FILE_NAME
    # A key named on the command line must exist; the default one is needed only for persons.
    secret = load_secret(secret_path, create=False) if secret_file or secret_path.exists() else None
    report = purge_file(pole_file, left_before, secret=secret, dry_run=dry_run)
    click.echo(report.summary(), err=True)
    return _report(report.edit, dry_run)
