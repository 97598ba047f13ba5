"""The catalogs: complete in both languages, up to date with the code, compiled from their .po."""

from __future__ import annotations

import re
import string

import pytest

from ptce_kit import i18n
from ptce_kit.cli import catalogs

LANGS = i18n.LANGUAGES


@pytest.fixture(scope="module")
def extracted():
    """The message ids of the code now (the same extraction as ``python -m ptce_kit.cli.catalogs extract``)."""
    return {message.id for message in catalogs._extract() if message.id}


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_has_a_translation(lang):
    untranslated = []
    for message in catalogs.read_catalog(lang):
        if not message.id:
            continue
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(forms):
            untranslated.append(message.id)
    assert not untranslated, f"{lang}: {len(untranslated)} messages without a translation, e.g. {untranslated[:5]}"


@pytest.mark.parametrize("lang", LANGS)
def test_catalogs_are_not_stale(lang, extracted):
    # A message id in the code but not in the catalog shows in English (or not at all, for French);
    # an id in the catalog that the code no longer has is dead weight.  The fix: python -m ptce_kit.cli.catalogs all
    in_catalog = {message.id for message in catalogs.read_catalog(lang) if message.id}
    assert not extracted - in_catalog, f"run 'python -m ptce_kit.cli.catalogs all': new ids {sorted(map(str, extracted - in_catalog))[:5]}"
    assert not in_catalog - extracted, f"run 'python -m ptce_kit.cli.catalogs all': dead ids {sorted(map(str, in_catalog - extracted))[:5]}"


@pytest.mark.parametrize("lang", LANGS)
def test_shipped_mo_is_compiled_from_the_po(lang):
    mo = i18n.LOCALE_DIR / lang / "LC_MESSAGES" / "ptce.mo"
    assert mo.read_bytes() == catalogs.compiled(lang), "run 'python -m ptce_kit.cli.catalogs compile'"


def _fields(text: str) -> set[str]:
    return {f"{name}{'!' + conv if conv else ''}" for _, name, _, conv in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_the_parameters(lang):
    # A translation that drops or renames a {parameter} would show the wrong words, or fail to format.
    wrong = []
    for message in catalogs.read_catalog(lang):
        if not message.id or "python-format" in message.flags:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = _fields(ids[-1]) | _fields(ids[0])
        for form in forms:
            if _fields(form) - expected or (_fields(ids[0]) - _fields(form) and len(ids) == 1):
                wrong.append((message.id, form))
    assert not wrong, wrong[:5]


def test_french_plural_rule_is_babels():
    from babel.messages.plurals import get_plural

    # The catalog's header states Babel's (CLDR's) rule for French, which gettext then applies.
    assert catalogs.read_catalog("fr").plural_forms == get_plural("fr").plural_forms
    with i18n.use_language("fr"):
        assert i18n.ngettext("{count} problem", "{count} problems", 1).format(count=1) == "1 problème"
        assert i18n.ngettext("{count} problem", "{count} problems", 0).format(count=0) == "0 problème"
        assert i18n.ngettext("{count} problem", "{count} problems", 2).format(count=2) == "2 problèmes"
    with i18n.use_language("en"):
        assert i18n.ngettext("{count} problem", "{count} problems", 0).format(count=0) == "0 problems"


def test_no_fstring_messages_in_the_code():
    # An f-string inside _() or Message() is translated after its values are put in: never found in a catalog.
    import pathlib

    root = pathlib.Path(i18n.__file__).parent
    offenders = [f"{path.relative_to(root)}:{n}" for path in root.rglob("*.py")
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if re.search(r"\b(?:_|N_|gettext|Message)\(f[\"']", line)
                 # A message id inside an f-string's braces: the extractor never sees it.
                 or re.search(r"\bf([\"'])[^\"']*\{[^}]*\b(?:_|N_|gettext|ngettext|Message)\(", line)]
    assert not offenders, offenders
