"""The catalogs' maintenance (extract, update, compile) and click's words in the user's language.

Run from the repository, after changing a message::

    python -m ptce_kit.cli.catalogs extract   # the message ids -> ptce_kit/locale/ptce.pot
    python -m ptce_kit.cli.catalogs update    # the .pot merged into each language's ptce.po
    python -m ptce_kit.cli.catalogs compile   # each ptce.po -> the ptce.mo the package reads
    python -m ptce_kit.cli.catalogs problems  # docs/problems.md, every problem code with its fix
    python -m ptce_kit.cli.catalogs all       # the four

The ids are read from ptce-kit's code (``_``, ``N_``, ``NP_``, ``gettext``, ``ngettext``, ``Message``), from
the cookiecutter-ptce template's hooks (``_``),
from the help of every ``ptce`` command and option, and from click's own words (``Usage:``,
``Error:``…), which the catalogs translate too.  ``update`` gives a new id its own text in the
English catalog (the ids are English) and leaves it untranslated in the French one, where
tests/i18n finds it.  This module is upstairs because it reads the command line.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from ..i18n import DOMAIN, LANGUAGES, LOCALE_DIR, help_text, translations
from ._words import click_modules

__all__ = ["KEYWORDS", "extract", "update", "compile_catalogs", "compiled", "read_catalog", "main"]

#: The page that lists every problem code (``docs/problems.md``), written by the step ``problems``.
PROBLEMS_PAGE = Path(__file__).resolve().parents[2] / "docs" / "problems.md"

#: The date written in the catalogs' headers: fixed, so that extracting twice gives the same bytes.
_EPOCH = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)

#: The keywords that mark a message id in ptce-kit's code (Babel's ``--keyword`` syntax).
KEYWORDS: dict[str, Any] = {"_": None, "gettext": None, "N_": None, "ngettext": (1, 2), "plural_message": (1, 2),
                            "N_plural": (1, 2), "Message": None,
                            "pgettext": ((1, "c"), 2), "NP_": ((1, "c"), 2)}


def _extract() -> Any:
    """The catalog of every message id: ptce-kit's code, its command line's help, click's own words."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_file

    root = Path(__file__).resolve().parents[1]
    catalog = Catalog(project="ptce-kit", domain=DOMAIN, fuzzy=False, charset="utf-8",
                      creation_date=_EPOCH, revision_date=_EPOCH)
    for path in sorted(root.rglob("*.py")):
        if path == root / "i18n.py":
            continue  # the examples of its docstrings are not messages
        rel = path.relative_to(root.parent).as_posix()
        for lineno, message, comments, context in extract_from_file(
                "python", str(path), keywords=KEYWORDS, comment_tags=("TRANSLATORS:",), strip_comment_tags=True):
            catalog.add(message, None, [(rel, lineno)], auto_comments=comments, context=context)
    for msgid, where in _hook_messages():
        catalog.add(msgid, None, [where])
    for msgid, where in _click_messages():
        catalog.add(msgid, None, [where])
    for msgid, where in _help_texts():
        catalog.add(msgid, None, [where])
    return catalog


def _hook_messages() -> list[tuple[Any, tuple[str, int]]]:
    """The messages of the template's hooks (``cookiecutter-ptce/hooks``), marked with ``_``."""
    from babel.messages.extract import extract_from_file

    from ..scaffold import template_dir

    found = []
    for path in sorted((template_dir() / "hooks").glob("*.py")):
        for lineno, message, _comments, _context in extract_from_file("python", str(path), keywords={"_": None}):
            found.append((message, (f"{template_dir().name}/hooks/{path.name}", lineno)))
    return found


def _click_messages() -> list[tuple[Any, tuple[str, int]]]:
    """click's own words (``Usage:``, ``Options``, ``Error:``…), which ptce-kit's catalogs translate."""
    from babel.messages.extract import extract_from_file

    found = []
    for module in click_modules():
        path = Path(str(module.__file__))
        for lineno, message, _comments, _context in extract_from_file(
                "python", str(path), keywords={"_": None, "ngettext": (1, 2)}):
            found.append((message, (f"click/{path.name}", lineno)))
    return found


def _help_texts() -> list[tuple[str, tuple[str, int]]]:
    """The help of every command, argument and option of ``ptce`` (docstrings and ``help=``)."""
    import click

    from . import COMMANDS, cli

    found: list[tuple[str, tuple[str, int]]] = []

    def add(text: str | None, where: str) -> None:
        if text:
            found.append((text, (where.replace(" ", "/"), 0)))

    def walk(command: click.Command, name: str) -> None:
        add(help_text(command.help), f"ptce {name}")
        add(command.short_help, f"ptce {name}")
        for param in command.params:
            add(getattr(param, "help", None), f"ptce {name} {param.name}")
        if isinstance(command, click.Group):
            for sub in sorted(command.commands):
                walk(command.commands[sub], f"{name} {sub}")

    add(help_text(cli.help), "ptce")
    for param in cli.params:
        add(getattr(param, "help", None), "ptce")
    for name in sorted(COMMANDS):
        add(COMMANDS[name][1], "ptce")
        walk(COMMANDS[name][0](), name)
    return found


def _pot_path() -> Path:
    return LOCALE_DIR / f"{DOMAIN}.pot"


def _po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _write_po(path: Path, catalog: Any) -> None:
    import io

    from babel.messages.pofile import write_po

    from ..files import atomic_write

    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, sort_output=True, no_location=False,
             include_lineno=False)
    atomic_write(path, buffer.getvalue())


def read_catalog(lang: str) -> Any:
    """The catalog ``ptce.po`` of ``lang`` (Babel's ``Catalog``)."""
    from babel.messages.pofile import read_po

    with open(_po_path(lang), "rb") as po:
        return read_po(po, locale=lang, domain=DOMAIN)


def compiled(lang: str) -> bytes:
    """The ``.mo`` bytes that the ``.po`` of ``lang`` compiles to."""
    import io

    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, read_catalog(lang), use_fuzzy=False)
    return buffer.getvalue()


def extract() -> Any:
    """Write ``ptce.pot``, the template of every catalog, from the code; return its catalog."""
    catalog = _extract()
    _write_po(_pot_path(), catalog)
    return catalog




def update(template: Any = None) -> None:
    """Merge the message ids of the template into each language's ``ptce.po`` (new ids untranslated)."""
    from babel.messages.catalog import Catalog

    template = template if template is not None else _read_pot()
    for lang in LANGUAGES:
        path = _po_path(lang)
        if path.exists():
            catalog = read_catalog(lang)
        else:
            catalog = Catalog(locale=lang, domain=DOMAIN, project="ptce-kit", charset="utf-8",
                              creation_date=_EPOCH, revision_date=_EPOCH)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalog.obsolete.clear()
        catalog.fuzzy = False
        if lang == "en":  # the message ids are English: a new id is its own English wording
            for message in catalog:
                forms = message.string if isinstance(message.string, tuple) else (message.string,)
                if message.id and not all(forms):
                    message.string = message.id
        _write_po(path, catalog)


def _read_pot() -> Any:
    from babel.messages.pofile import read_po

    with open(_pot_path(), "rb") as pot:
        return read_po(pot, domain=DOMAIN)


def compile_catalogs() -> None:
    """Compile each language's ``ptce.po`` into the ``ptce.mo`` the package reads."""
    from ..files import atomic_write

    for lang in LANGUAGES:
        atomic_write(_po_path(lang).with_suffix(".mo"), compiled(lang))
    translations.cache_clear()


def main(argv: list[str] | None = None) -> int:
    """``python -m ptce_kit.cli.catalogs extract|update|compile|problems|all``."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0] not in {"extract", "update", "compile", "problems", "all"}:
        print("usage: python -m ptce_kit.cli.catalogs extract|update|compile|problems|all", file=sys.stderr)
        return 2
    step = args[0]
    if step in {"extract", "all"}:
        template = extract()
        print(f"{_pot_path()}: {len(template)} messages")
    if step in {"update", "all"}:
        update()
        for lang in LANGUAGES:
            missing = [m.id for m in read_catalog(lang)
                       if m.id and not all(m.string if isinstance(m.string, tuple) else (m.string,))]
            print(f"{_po_path(lang)}: {len(missing)} to translate")
    if step in {"compile", "all"}:
        compile_catalogs()
    if step in {"problems", "all"}:
        from ..errors import problems_markdown
        from ..files import atomic_write

        atomic_write(PROBLEMS_PAGE, problems_markdown())
        print(f"{PROBLEMS_PAGE}: {len(problems_markdown().splitlines())} lines")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
