"""click's words and the help of ``ptce``'s commands, in the user's language.

click writes its own words (``Usage:``, ``Options``, ``Error:``, ``Missing argument``…) through
``gettext``; :func:`install_click` points them at ptce-kit's catalogs.  :func:`install_help`
makes every help text (docstrings and ``help=``, message ids in the code) looked up when shown.
"""

from __future__ import annotations

import functools
from types import ModuleType

import click

from ..i18n import N_, gettext, help_text, ngettext

#: click's words that it translates through variables (so that no extraction finds them).
CLICK_WORDS = (N_("required"),)

__all__ = ["click_modules", "install_click", "install_help"]


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
    click.Command._ptce_translated = True  # type: ignore[attr-defined]
