"""The French catalog writes its elisions with one apostrophe, the typographic ’, and nothing in it is fuzzy."""

from __future__ import annotations

import re

import pytest

from ptce_kit.cli import catalogs

#: A straight apostrophe between two letters (or before a parameter or « ): an elision typed on a keyboard.
STRAIGHT_ELISION = re.compile(r"[^\W\d_]'(?:[^\W\d_]|\{|«)")
#: Messages kept straight for now, with why: a doctest of a module another change owns shows them as they were.
KEPT_STRAIGHT = {"ESS share of actors": "ptce_kit/comparison.py's column_label doctest"}


def _forms(message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def test_french_elisions_use_the_typographic_apostrophe():
    straight = [form for message in catalogs.read_catalog("fr") if message.id and message.id not in KEPT_STRAIGHT
                for form in _forms(message) if STRAIGHT_ELISION.search(form)]
    assert not straight, f"{len(straight)} French messages with l' / d' / n' typed straight, e.g. {straight[:3]}"


def test_the_check_finds_a_straight_elision():
    assert STRAIGHT_ELISION.search("n'est pas") and STRAIGHT_ELISION.search("l'{name}")
    assert not STRAIGHT_ELISION.search("n’est pas 'ptce new'") and not STRAIGHT_ELISION.search("article: l'")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_message_is_fuzzy(lang):
    # A fuzzy message is left out of the compiled catalog: the reader would get the English id.
    fuzzy = [message.id for message in catalogs.read_catalog(lang) if message.id and message.fuzzy]
    assert not fuzzy, fuzzy[:5]


def test_a_plural_message_with_one_id_for_both_forms_is_translated():
    from ptce_kit.i18n import plural_message

    text = "{failed} of {total} files could not be read (see above): {files}"
    said = plural_message(text, text, 1, failed=1, total=2, files="bad.yaml").render("fr")
    assert said == "1 fichier sur 2 n’a pas pu être lu (voir plus haut) : bad.yaml"
