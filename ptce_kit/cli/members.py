"""``ptce import``, ``ptce member``, ``ptce partnership``, ``ptce project``: edit pole.yaml in place.

Every command keeps the file's comments and layout, validates the result before writing
it (an invalid result writes nothing), writes atomically under a lock, and with
``--dry-run`` prints the diff instead of writing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..i18n import Message, N_, gettext
from ._common import EXIT_INVALID, EXIT_OK, PoleFirst, pole_here

POLE = click.Path(path_type=Path)
DRY_RUN = click.option("--dry-run", is_flag=True, help="Print the diff; write nothing.")


def _split(value: str | None) -> list[str] | None:
    return [part.strip() for part in value.split(",") if part.strip()] if value else None


def _word(field: str) -> Callable[[click.Context, click.Parameter, str | None], str | None]:
    """An option's callback: the value of ``field`` that the word typed names (French or English)."""

    def convert(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        from ..errors import Invalid
        from ..model.vocabulary import parse

        if value is None:
            return None
        ctx.meta.setdefault("ptce_words", {})[param.name] = value  # the word as typed, for the legal form
        try:
            return parse(field, value)
        except Invalid as exc:
            raise click.BadParameter(str(exc)) from None

    return convert


def _words(field: str) -> Callable[[click.Context, click.Parameter, str | None], list[str] | None]:
    """An option's callback: a comma-separated list of words, each the value of ``field`` it names."""
    one = _word(field)

    def convert(ctx: click.Context, param: click.Parameter, value: str | None) -> list[str] | None:
        parts = _split(value)
        return [str(one(ctx, param, part)) for part in parts] if parts else None

    return convert


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An option's callback: a date as people write it (15/03/2025, 03/2025, mars 2025…), as the format's."""
    from ..errors import Invalid
    from ..model.vocabulary import parse_date

    if value is None:
        return None
    try:
        return parse_date(value)
    except Invalid as exc:
        raise click.BadParameter(str(exc)) from None


def _settings(pairs: tuple[str, ...]) -> dict[str, Any]:
    """``--set KEY=VALUE`` pairs; VALUE is read as YAML (``true``, ``[a, b]``, ``2014``…)."""
    from ..io import parse_text

    values: dict[str, Any] = {}
    for pair in pairs:
        key, sep, text = pair.partition("=")
        if not sep or not key.strip():
            raise click.UsageError(Message("--set expects KEY=VALUE, got {pair!r}", pair=pair).render())
        values[key.strip()] = parse_text(text, file="--set") if text.strip() else None
    return values


def layout_note(edit: Any) -> None:
    """Say so when an edit could not keep the file's layout line by line."""
    if edit.reformatted:
        click.echo(Message("note: the layout of {name} could not be kept line by line; "
                           "it was written in ptce-kit's own layout (comments kept)", name=edit.file.name).render(), err=True)


def _report(edit: Any, dry_run: bool) -> int:
    for note in edit.notes:
        click.echo(str(note), err=True)
    layout_note(edit)
    if dry_run:
        click.echo(edit.diff(), nl=False)
        click.echo(gettext(N_("dry run: nothing was written")), err=True)
    elif edit.written:
        click.echo(Message("wrote {file}", file=str(edit.file)).render(), err=True)
    else:
        click.echo(Message("{file} is unchanged", file=str(edit.file)).render(), err=True)
    return EXIT_OK


# --- import ------------------------------------------------------------------------

@click.command("import")
@click.argument("spreadsheet", type=click.Path(path_type=Path))
@click.option("--into", "pole", type=POLE, callback=pole_here,
              help="The pole.yaml to update (default: the one of the current folder).")
@DRY_RUN
def import_(spreadsheet: Path, pole: Path, dry_run: bool) -> int:
    """Add or update members from a spreadsheet (CSV or XLSX) into a pole.yaml.

    Rows are matched to existing actors by SIRET, then by id; other rows add actors.
    French or English headers (see docs/modele-membres.csv); CSV in UTF-8 or
    Windows-1252, separated by ';' or ','.  Rejected rows are listed with their row
    number and reason; the other rows are imported, and the exit status is 1.
    """
    from ..io.spreadsheet import import_members

    result = import_members(spreadsheet, pole, dry_run=dry_run)
    click.echo(result.summary(), err=True)
    _report(result.edit, dry_run)
    # Rejected rows are the data's problem: the others are imported, and the status says so.
    return EXIT_INVALID if result.rejected else EXIT_OK


# --- member ------------------------------------------------------------------------

def _actor_options(required: bool) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    options = [
        click.option("--name", required=required, help="Usual name."),
        click.option("--category", required=required, callback=_word("category"),
                     help="ess_enterprise, enterprise, local_authority, research_centre, higher_education, "
                          "training_body, public_body, person or other, or a word such as Scop, association, "
                          "collectivité (French or English). A legal form given here (Scop, SCIC, association, "
                          "SARL…) also sets the legal form, unless --legal-form gives it."),
        click.option("--status", callback=_word("status"), help="member, partner or prospective."),
        click.option("--ess/--not-ess", default=None, help="Belongs to the social and solidarity economy."),
        click.option("--legal-form", help="Legal form as you write it: Scop, SARL SCOP, SCIC, association loi 1901, "
                                          "SARL, SAS, mutuelle… (the usual ones also set the INSEE catégorie "
                                          "juridique when the words name exactly one)."),
        click.option("--siren", help="SIREN (9 digits)."),
        click.option("--siret", help="SIRET (14 digits)."),
        click.option("--presence", callback=_word("presence"), help="resident, office_hours, meetings or remote."),
        click.option("--roles", help="Comma-separated roles, e.g. 'founder,tenant'."),
        click.option("--joined", callback=_date, help="Date of joining: YYYY, YYYY-MM or YYYY-MM-DD."),
        click.option("--left", callback=_date, help="Date of leaving."),
        click.option("--commune", help="INSEE code of the commune, e.g. 26281."),
        click.option("--website", help="Web site."),
        click.option("--description", help="A sentence about the actor."),
        click.option("--college", help="Name of the college the actor belongs to ('' for none)."),
        click.option("--set", "settings", multiple=True, metavar="KEY=VALUE",
                     help="Any other field, VALUE read as YAML; repeatable."),
        DRY_RUN,
    ]

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options):
            function = option(function)
        return function

    return decorate


def _actor_fields(options: dict[str, Any], *, form_from_category: bool = False) -> dict[str, Any]:
    fields = {key: options.pop(key) for key in (
        "name", "category", "status", "ess", "legal_form", "siren", "siret", "presence",
        "joined", "left", "commune", "website", "description")}
    fields["roles"] = _split(options.pop("roles"))
    fields = {k: v for k, v in fields.items() if v is not None}
    settings = _settings(options.pop("settings"))
    _legal_form(fields, settings, form_from_category)
    fields.update(settings)
    return fields


def _legal_form(fields: dict[str, Any], settings: dict[str, Any], from_category: bool) -> None:
    """The legal form in the words the criteria read, and its catégorie juridique when the words name one.

    ``--legal-form Scop`` keeps ``SCOP``; ``--category Scop`` (when adding, without ``--legal-form``)
    gives the category and the legal form, and says so.
    """
    from ..model.vocabulary import legal_form

    typed = fields.get("legal_form", settings.get("legal_form"))
    word = None
    if typed is None and from_category:
        word = click.get_current_context().meta.get("ptce_words", {}).get("category")
    known = legal_form(str(typed if typed is not None else word)) if (typed or word) else None
    if known is None:
        return
    form, code = known
    if "legal_form" in settings:
        settings["legal_form"] = form
    else:
        fields["legal_form"] = form
    if code is not None and "legal_form_code" not in settings:
        fields["legal_form_code"] = code
    if word is not None:
        click.echo(Message("legal form: {form} (from --category {word!r}; give --legal-form for another)",
                           form=form if code is None else f"{form} ({code})", word=word).render(), err=True)


@click.group()
def member() -> None:
    """Add, update or remove an actor of a pole.yaml, keeping its comments and layout."""


@member.command("add")
@click.argument("pole", type=POLE, required=False, callback=pole_here)
@click.option("--id", "actor_id", help="Identifier (made from the name when left out).")
@_actor_options(required=True)
@click.option("--allow-duplicate", is_flag=True,
              help="Add the actor even if one with the same SIRET, SIREN or name is already in the pole.")
def member_add(pole: Path, actor_id: str | None, college: str | None, dry_run: bool, allow_duplicate: bool,
               **options: Any) -> int:
    """Add an actor to POLE (a pole.yaml or its folder).

    An actor with the same SIRET, the same SIREN (a second legal unit) or the same name
    (whatever its accents and capitals) as one already in the pole is refused, unless
    --allow-duplicate says it is intended.
    """
    from ..io.members import add_member

    fields = {"id": actor_id, **_actor_fields(options, form_from_category=True)}
    return _report(add_member(pole, fields, college=college or None, dry_run=dry_run,
                              allow_duplicate=allow_duplicate), dry_run)


@member.command("update", cls=PoleFirst)
@click.argument("pole", type=POLE, metavar="[POLE]", required=False, callback=pole_here)  # see PoleFirst
@click.argument("actor_id")
@_actor_options(required=False)
@click.option("--unset", multiple=True, metavar="FIELD", help="Remove a field; repeatable.")
def member_update(pole: Path, actor_id: str, college: str | None, dry_run: bool, unset: tuple[str, ...],
                  **options: Any) -> int:
    """Change fields of the actor ACTOR_ID in POLE."""
    from ..io.members import update_member

    fields = _actor_fields(options)
    if not fields and not unset and college is None:
        raise click.UsageError(gettext(N_("nothing to change: give at least one option such as --siret or --unset")))
    return _report(update_member(pole, actor_id, fields, unset=unset, college=college, dry_run=dry_run), dry_run)


@member.command("remove", cls=PoleFirst)
@click.argument("pole", type=POLE, metavar="[POLE]", required=False, callback=pole_here)  # see PoleFirst
@click.argument("actor_id")
@click.option("--cascade", is_flag=True,
              help="Also remove the actor from the partnerships, projects, colleges… that name it.")
@DRY_RUN
def member_remove(pole: Path, actor_id: str, cascade: bool, dry_run: bool) -> int:
    """Remove the actor ACTOR_ID from POLE; refused while other records refer to it."""
    from ..io.members import remove_member

    return _report(remove_member(pole, actor_id, cascade=cascade, dry_run=dry_run), dry_run)


# --- partnership -------------------------------------------------------------------

@click.group()
def partnership() -> None:
    """Add or end a partnership in a pole.yaml, keeping its comments and layout."""


@partnership.command("add")
@click.argument("pole", type=POLE, required=False, callback=pole_here)
@click.option("--actors", required=True, help="Comma-separated ids of the actors it joins (two or more).")
@click.option("--kind", required=True, callback=_word("kind"), help="mutualisation, cooperation or partnership.")
@click.option("--id", "tie_id", help="Identifier (made from the kind and actors when left out).")
@click.option("--topic", help="What it is about, in a few words.")
@click.option("--resources", callback=_words("resources"),
              help="Comma-separated: premises, staff, equipment, purchasing, funding…")
@click.option("--directed", is_flag=True, default=None, help="The tie has a direction (with --source, --target).")
@click.option("--source", help="With --directed: the actor the tie goes from.")
@click.option("--target", help="With --directed: the actor the tie goes to.")
@click.option("--since", callback=_date, help="Start: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--until", callback=_date, help="End, if it has ended.")
@click.option("--weight", type=float, help="Strength of the tie.")
@click.option("--description", help="A sentence about it.")
@click.option("--provenance", help="Where the facts come from.")
@DRY_RUN
def partnership_add(pole: Path, actors: str, resources: list[str] | None, tie_id: str | None, dry_run: bool,
                    **options: Any) -> int:
    """Add a partnership between actors of POLE."""
    from ..io.members import add_partnership

    options["directed"] = options["directed"] or None  # not written when not asked
    fields = {"id": tie_id, "actors": _split(actors), "resources": resources, **options}
    return _report(add_partnership(pole, fields, dry_run=dry_run), dry_run)


@partnership.command("end", cls=PoleFirst)
@click.argument("pole", type=POLE, metavar="[POLE]", required=False, callback=pole_here)  # see PoleFirst
@click.argument("tie_id")
@click.option("--until", required=True, callback=_date, help="When it ended: YYYY, YYYY-MM or YYYY-MM-DD.")
@DRY_RUN
def partnership_end(pole: Path, tie_id: str, until: str, dry_run: bool) -> int:
    """Record that the partnership TIE_ID of POLE has ended."""
    from ..io.members import end_partnership

    return _report(end_partnership(pole, tie_id, until, dry_run=dry_run), dry_run)


# --- project -----------------------------------------------------------------------

@click.group()
def project() -> None:
    """Add a joint project to a pole.yaml, keeping its comments and layout."""


@project.command("add")
@click.argument("pole", type=POLE, required=False, callback=pole_here)
@click.option("--name", required=True, help="Name of the project.")
@click.option("--id", "project_id", help="Identifier (made from the name when left out).")
@click.option("--actors", help="Comma-separated ids of the participating actors.")
@click.option("--status", callback=_word("project_status"), help="planned, active, completed or abandoned.")
@click.option("--start", callback=_date, help="Start: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--end", callback=_date, help="End.")
@click.option("--jobs", type=float, help="Jobs created or kept.")
@click.option("--description", help="A sentence about it.")
@click.option("--provenance", help="Where the facts come from.")
@DRY_RUN
def project_add(pole: Path, project_id: str | None, actors: str | None, dry_run: bool, **options: Any) -> int:
    """Add a joint project to POLE."""
    from ..io.members import add_project

    fields = {"id": project_id, "actors": _split(actors), **options}
    return _report(add_project(pole, fields, dry_run=dry_run), dry_run)


__all__ = ["import_", "member", "partnership", "project"]
