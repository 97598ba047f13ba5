"""click's words and the help of ``ptce``'s commands, in the user's language.

click writes its own words (``Usage:``, ``Options``, ``Error:``, ``Missing argument``…) through
``gettext``; :func:`install_click` points them at ptce-kit's catalogs.  :func:`install_help`
makes every help text (docstrings and ``help=``, message ids in the code) looked up when shown,
and the metavars (``TEXT``, ``FILE``, ``COMMAND [ARGS]...``) written in the reader's language
(``TEXTE``, ``FICHIER``, ``COMMANDE [ARGS]...``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from types import ModuleType
from typing import Any

import click

from ..i18n import N_, gettext, help_text, ngettext

#: click's words that it translates through variables (so that no extraction finds them), and those
#: of click 8.5 and later, so that the catalogs hold them whichever click is installed.
CLICK_WORDS = (N_("required"), N_("Positional arguments"))

#: The metavars ``--help`` shows, as message ids: click's names of its types and ptce's names
#: of its arguments (those the help texts name as they are, such as ``POLE``, stay as they are).
METAVARS = frozenset((
    N_("TEXT"), N_("INTEGER"), N_("INTEGER RANGE"), N_("FLOAT"), N_("FLOAT RANGE"), N_("BOOLEAN"), N_("PATH"),
    N_("FILE"), N_("FILENAME"), N_("DIRECTORY"), N_("FILES"), N_("PATHS"), N_("DIR_OR_FILE"), N_("EXTRACTS"),
    N_("FILE [NEW_FILE]"), N_("SPREADSHEET"), N_("KEY=VALUE"), N_("FIELD"), N_("NAME"), N_("Y1,Y2,..."),
    N_("COMMAND [ARGS]..."), N_("COMMAND"), N_("ARGS"),
))

__all__ = ["click_modules", "install_click", "install_help", "metavar_words", "METAVARS"]

_DECORATED = re.compile(r"(\[?)(.+?)(\]?)((?:\.\.\.)?)")


def metavar_words(metavar: str) -> str:
    """A metavar in the reader's language: ``FILES...`` → ``FICHIERS...``, ``[KEY=VALUE]...`` → ``[CLÉ=VALEUR]...``.

    Only the names of :data:`METAVARS` are translated; choices (``[fr|en]``) and the names the
    help texts keep (``POLE``, ``ACTOR_ID``) are left as they are.

    Examples
    --------
    >>> from ptce_kit.i18n import use_language
    >>> with use_language("fr"):
    ...     metavar_words("FILES..."), metavar_words("[KEY=VALUE]..."), metavar_words("[fr|en]")
    ('FICHIERS...', '[CLÉ=VALEUR]...', '[fr|en]')
    """
    # click names its types (DIRECTORY, FILE…) in the language of the moment a command is made:
    # a name already translated is taken back to its id, so that it follows the reader's language.
    if _message_id(metavar) in METAVARS:
        return gettext(_message_id(metavar))
    match = _DECORATED.fullmatch(metavar)
    if match is None or _message_id(match.group(2)) not in METAVARS or bool(match.group(1)) != bool(match.group(3)):
        return metavar
    opening, name, closing, dots = match.groups()
    return opening + gettext(_message_id(name)) + closing + dots


def _translating(method: Callable[..., Any], pieces: bool = False) -> Callable[..., Any]:
    """``method`` (``make_metavar`` or ``collect_usage_pieces``) with its metavars in the reader's language."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        found = method(self, *args, **kwargs)
        if pieces:
            return [metavar_words(piece) for piece in found]
        return metavar_words(found) if isinstance(found, str) else found

    return wrapper


def click_modules() -> list[ModuleType]:
    """click's modules whose words ptce-kit translates (see :func:`install_click`)."""
    from click import core, decorators, exceptions, formatting, parser, termui, types, utils

    return [core, decorators, exceptions, formatting, parser, termui, types, utils]


def install_click() -> None:
    """Make click's own words (``Usage:``, ``Options``, ``Error:``…) follow ptce-kit's language."""
    for module in click_modules():
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]


@functools.cache
def _ids_of_translations() -> dict[str, str]:
    """Each translation's message id: click writes some help texts (``--help``, ``--version``) in
    the language of the moment they are made, once per process."""
    from ..i18n import LANGUAGES, translations

    found: dict[str, str] = {}
    for lang in LANGUAGES:
        catalog = getattr(translations(lang), "_catalog", {})
        for msgid, text in catalog.items():
            if isinstance(msgid, str) and msgid and isinstance(text, str):
                found.setdefault(text, msgid)
    return found


def _message_id(text: str) -> str:
    """The message id of a text that may already be a translation."""
    return _ids_of_translations().get(text, text)


def install_help() -> None:
    """Make the help of every click command and option follow ptce-kit's language.

    The help texts stay message ids in the code (docstrings and ``help=``); they are looked up
    in the catalogs when shown, so one process can show them in either language.
    """

    if getattr(click.Command, "_ptce_translated", False):
        return

    def translated(text: str | None) -> str | None:
        cleaned = help_text(text)
        return gettext(_message_id(cleaned)) if cleaned else text

    original_help = click.Command.format_help_text
    original_short = click.Command.get_short_help_str
    original_option = click.Option.get_help_record

    def format_help_text(self: click.Command, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        saved = self.help
        self.help = translated(saved)
        try:
            original_help(self, ctx, formatter)
        finally:
            self.help = saved

    def get_short_help_str(self: click.Command, limit: int = 45) -> str:
        saved = self.help, self.short_help
        self.help, self.short_help = translated(saved[0]), translated(saved[1])
        try:
            return original_short(self, limit)
        finally:
            self.help, self.short_help = saved

    def get_help_record(self: click.Option, ctx: click.Context) -> tuple[str, str] | None:
        saved = self.help
        self.help = gettext(_message_id(saved)) if saved else saved
        try:
            return original_option(self, ctx)
        finally:
            self.help = saved

    click.Command.format_help_text = format_help_text  # type: ignore[method-assign]
    click.Command.get_short_help_str = get_short_help_str  # type: ignore[method-assign]
    click.Option.get_help_record = get_help_record  # type: ignore[method-assign]
    # Metavars: each class that defines the method (click 8.1 to 8.5 differ in which do).
    # The classes are read from the MRO (click 8.1's MultiCommand is deprecated by name since 8.2).
    for cls in dict.fromkeys([*click.Option.__mro__, *click.Argument.__mro__]):
        if "make_metavar" in vars(cls):
            setattr(cls, "make_metavar", _translating(vars(cls)["make_metavar"]))
    for cls in dict.fromkeys(click.Group.__mro__):
        if "collect_usage_pieces" in vars(cls):
            setattr(cls, "collect_usage_pieces", _translating(vars(cls)["collect_usage_pieces"], pieces=True))
    click.Command._ptce_translated = True  # type: ignore[attr-defined]
