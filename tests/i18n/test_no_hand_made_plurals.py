"""Counts go through the plural rules: no « acteur(s) », "record(s)" nor ``"s" if n > 1`` anywhere.

Every message of both catalogs (ids and translations), the text of every template (the
documents' two trees and the workspace's pages) and the code of the package are read; a
hand-made plural is a count its reader may see written « 1 acteurs » or « 2 acteur(s) ».
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ptce_kit import i18n
from ptce_kit.cli import catalogs

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "ptce_kit"

#: « acteur(s) », « morceau(x) », « inconnu(e)s », « trouvé(e)(s) », "node(s)".
HAND_MADE = re.compile(r"[^\W\d_]\((?:s|x|e|es|e\)\(s)\)|[^\W\d_]\(e\)s\b")
#: ``"s" if n > 1 else ""``, ``'s' * (n != 1)``, ``"x" if …``: a plural ending chosen by hand.
HAND_MADE_CODE = re.compile(r"""(?<![\w.])(["'])(?:s|x|es)\1\s*(?:if\b|\*)""")
#: Jinja tags and comments, whose code is not text a reader sees.
_JINJA = re.compile(r"{{.*?}}|{%.*?%}|{#.*?#}", re.DOTALL)


def test_the_patterns_see_hand_made_plurals():
    # The check itself, on what it must catch and what it must let through.
    assert HAND_MADE.search("{n} acteur(s) ajouté(s)") and HAND_MADE.search("no group for node(s)")
    assert HAND_MADE.search("{n} morceau(x)") and HAND_MADE.search("inconnu(e)s")
    assert not HAND_MADE.search(_JINJA.sub(" ", "{{ m.series(s) }}")) and not HAND_MADE.search("(s'il y a lieu)")
    assert HAND_MADE_CODE.search('f"{n} actor{\'s\' if n > 1 else \'\'}"')
    assert HAND_MADE_CODE.search('word + "s" * (n != 1)')
    assert not HAND_MADE_CODE.search('x = "s"')


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_no_message_makes_its_plural_by_hand(lang):
    found = []
    for message in catalogs.read_catalog(lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        found += [text for text in (*ids, *forms) if text and HAND_MADE.search(text)]
    assert not found, f"{lang}: counts with a hand-made plural (use plural_message/N_plural): {found[:5]}"


def test_no_template_makes_its_plural_by_hand():
    templates = sorted((ROOT / "templates").rglob("*.j2")) + sorted((PACKAGE / "serve" / "templates").rglob("*.html"))
    assert len(templates) > 20
    found = []
    for path in templates:
        text = _JINJA.sub(" ", path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(ROOT)}: {m.group(0)!r}" for m in HAND_MADE.finditer(text)]
        found += [f"{path.relative_to(ROOT)}: {m.group(0)!r}"
                  for m in HAND_MADE_CODE.finditer(path.read_text(encoding="utf-8"))]
    assert not found, found


def test_no_code_makes_its_plural_by_hand():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if HAND_MADE_CODE.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, found
