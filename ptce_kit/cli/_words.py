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
from typing import Any, Self

import click

from ..i18n import Message, N_, gettext, help_text, ngettext

#: click's words that it translates through variables (so that no extraction finds them), and those
#: of click 8.5 and later, so that the catalogs hold them whichever click is installed.
CLICK_WORDS = (N_("required"), N_("Positional arguments"))

#: The metavars ``--help`` shows, as message ids: click's names of its types and ptce's names
#: of its arguments (those the help texts name as they are, such as ``POLE``, stay as they are).
METAVARS = frozenset((
    N_("TEXT"), N_("INTEGER"), N_("INTEGER RANGE"), N_("FLOAT"), N_("FLOAT RANGE"), N_("BOOLEAN"), N_("PATH"),
    N_("FILE"), N_("FILENAME"), N_("DIRECTORY"), N_("FILES"), N_("PATHS"), N_("DIR_OR_FILE"), N_("EXTRACTS"),
    N_("FILE [NEW_FILE]"), N_("SPREADSHEET"), N_("KEY=VALUE"), N_("FIELD"), N_("NAME"), N_("Y1,Y2,..."),
    N_("COMMAND [ARGS]..."), N_("COMMAND"), N_("ARGS"), N_("TARGET"),
))

__all__ = ["click_modules", "install_click", "install_help", "metavar_words", "METAVARS", "TypeName", "TYPE_NAMES"]

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


class TypeName(Message):
    """The name of a click type: click's English name as a string, the reader's word in a sentence.

    click puts a type's ``name`` into its messages (``{value!r} is not a valid {number_type}.``,
    ``{name} {filename!r} does not exist.``) with ``str.format``, which renders a :class:`Message`
    in the current language; as a string (metavars, ``to_info_dict``, the reference page) the name
    stays click's own English one.  ``said`` is the message id a sentence uses (``integer`` for
    click's ``integer range``: « 'abc' n’est pas un nombre entier valide. »).

    >>> from ptce_kit.i18n import use_language
    >>> name = TypeName("integer range", said="integer")
    >>> with use_language("fr"):
    ...     str(name) == "integer range", "{t}".format(t=name), "{t}".format(t=TypeName("file").title())
    (True, 'nombre entier', 'Fichier')
    """

    capital: bool
    _name: str

    def __new__(cls, name: str, *, said: str | None = None, capital: bool = False) -> Self:
        # The string value is click's name, whatever the id the sentences use.
        self = str.__new__(cls, name[:1].upper() + name[1:] if capital else name)
        self.msgid, self.plural, self.n, self.params = said or name, None, None, {}
        self.capital, self._name = capital, name
        return self

    def render(self, lang: str | None = None) -> str:
        text = super().render(lang)
        return text[:1].upper() + text[1:] if self.capital else text

    def __str__(self) -> str:
        # click compares and upper-cases the name as a string: its own English name.
        return str.__str__(self)

    def title(self) -> TypeName:
        """The name at the start of a sentence (click writes ``self.name.title()``): « Fichier »."""
        return TypeName(self._name, said=self.msgid, capital=True)

    def __reduce__(self) -> Any:
        return (_type_name, (self._name, self.msgid, self.capital))


def _type_name(name: str, said: str, capital: bool) -> TypeName:
    return TypeName(name, said=said, capital=capital)


#: click's types whose name its messages show, with the words a sentence says for each.
TYPE_NAMES = {
    "IntParamType": ("integer", N_("integer")), "IntRange": ("integer range", N_("integer")),
    "FloatParamType": ("float", N_("number")), "FloatRange": ("float range", N_("number")),
    "BoolParamType": ("boolean", N_("boolean")), "UUIDParameterType": ("uuid", N_("UUID")),
    "DateTime": ("datetime", N_("date")), "File": ("filename", N_("file")),
}

#: The words of click's ``Path`` type, by what it accepts (click names it when it makes it).
PATH_NAMES = {"file": N_("file"), "directory": N_("directory"), "path": N_("path")}


def _install_type_names() -> None:
    """Give click's types names that follow the reader's language inside click's sentences."""
    for class_name, (name, said) in TYPE_NAMES.items():
        kind = getattr(click.types, class_name, None)
        if kind is not None and not isinstance(vars(kind).get("name"), TypeName):
            kind.name = TypeName(name, said=said)
    if getattr(click.Path.__init__, "_ptce_named", False):
        return
    original = click.Path.__init__

    @functools.wraps(original)
    def __init__(self: click.Path, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        # click wrote the name in the language of the moment (« fichier »): the name follows the reader.
        name = "file" if self.file_okay and not self.dir_okay else "directory" if self.dir_okay and not self.file_okay \
            else "path"
        self.name = TypeName(name, said=PATH_NAMES[name])

    __init__._ptce_named = True  # type: ignore[attr-defined]
    click.Path.__init__ = __init__  # type: ignore[method-assign, assignment]


def _install_headings() -> None:
    """The colon after a help section's heading (``Options:``), as the language writes it (« Options : »)."""
    if getattr(click.HelpFormatter.write_heading, "_ptce_translated", False):
        return

    def write_heading(self: click.HelpFormatter, heading: str) -> None:
        # TRANSLATORS: a section heading of --help ("Options"), then its colon.
        text = Message("{heading}:", heading=heading).render()
        self.write(f"{'':>{self.current_indent}}{text}\n")

    write_heading._ptce_translated = True  # type: ignore[attr-defined]
    click.HelpFormatter.write_heading = write_heading  # type: ignore[method-assign]


def install_click() -> None:
    """Make click's own words (``Usage:``, ``Options``, ``Error:``…) follow ptce-kit's language."""
    for module in click_modules():
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
    _install_type_names()
    _install_headings()


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


def _pole_default_help(command: click.Command, ctx: click.Context, formatter: click.HelpFormatter) -> None:
    """Say under a command's help that its pole, left out, is the current folder's (one sentence for all)."""
    from ._common import pole_here

    for param in command.get_params(ctx):
        if getattr(param, "callback", None) is not pole_here:
            continue
        if isinstance(param, click.Option):
            name = param.opts[-1]
        else:
            name = param.make_metavar(ctx) if "ctx" in _parameters(param.make_metavar) else param.make_metavar()  # type: ignore[call-arg]
            # « [FICHIERS]... » is named « FICHIERS », « [FILE [NEW_FILE]] » by its first file.
            name = name.removesuffix("...")
            name = name[1:-1] if name.startswith("[") and name.endswith("]") else name
            name = name.split(" ")[0]
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(Message("Without {name}: the pole of the current folder (its pole.yaml or pole.json).",
                                         name=name).render())


@functools.cache
def _parameters(method: Callable[..., Any]) -> frozenset[str]:
    """The names of a method's parameters (click 8.2 gave ``make_metavar`` a context)."""
    import inspect

    return frozenset(inspect.signature(method).parameters)


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
        _pole_default_help(self, ctx, formatter)

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
