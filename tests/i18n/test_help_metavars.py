"""The metavars of ``--help`` (TEXT, FILE, COMMAND [ARGS]...) in the reader's language, whatever click writes."""

from __future__ import annotations

import re

import pytest
from test_no_other_language import _commands

from ptce_kit.cli._words import CLICK_WORDS, METAVARS, metavar_words
from ptce_kit.i18n import gettext, use_language

#: The English metavars no French help may show, and their French words no English help may show.
ENGLISH = {"TEXT", "INTEGER", "FLOAT", "BOOLEAN", "PATH", "FILE", "FILES", "DIRECTORY", "PATHS", "DIR_OR_FILE",
           "EXTRACTS", "NEW_FILE", "SPREADSHEET", "KEY", "VALUE", "FIELD", "NAME", "COMMAND", "RANGE", "TARGET"}
FRENCH = {"TEXTE", "ENTIER", "NOMBRE", "BOOLÉEN", "CHEMIN", "FICHIER", "FICHIERS", "DOSSIER", "CHEMINS",
          "DOSSIER_OU_FICHIER", "EXTRAITS", "NOUVEAU_FICHIER", "TABLEUR", "CLÉ", "VALEUR", "CHAMP", "NOM", "COMMANDE",
          "CIBLE"}


def _metavars(help_text: str) -> set[str]:
    """The upper-case words of the usage line and of the options' column (not of the sentences)."""
    found: set[str] = set()
    for line in help_text.splitlines():
        if line.startswith(("Usage", "Utilisation")):
            found |= set(re.findall(r"\b[A-ZÉ][A-ZÉ_]+\b", line.split("ptce", 1)[1]))
        elif line.startswith("  -"):
            # "  --at TEXT   The pole as…": the option's own column ends at two spaces.
            found |= set(re.findall(r"\b[A-ZÉ][A-ZÉ_]+\b", re.split(r"\s{2,}", line.strip())[0]))
    return found


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_help_writes_its_metavars_in_its_language(ptce, lang):
    wrong, seen = {}, set()
    for words in _commands():
        result = ptce(*words, "--help", "--lang", lang)
        assert result.returncode == 0, (words, result.stderr)
        found = _metavars(result.stdout)
        seen |= found
        if bad := found & (ENGLISH if lang == "fr" else FRENCH):
            wrong[" ".join(words) or "ptce"] = sorted(bad)
    assert not wrong, wrong
    # The check sees the metavars: the usual ones are there, in the language asked.
    assert ({"TEXTE", "FICHIER", "FICHIERS", "COMMANDE", "ENTIER", "CHEMIN"} if lang == "fr"
            else {"TEXT", "FILE", "FILES", "COMMAND", "INTEGER", "PATH"}) <= seen


def test_a_missing_argument_is_named_in_french(ptce):
    # A pole argument defaults to the current folder's pole; a spreadsheet has no default.
    result = ptce("import", "--lang", "fr")
    assert result.returncode == 2
    assert "Argument manquant 'TABLEUR'" in result.stderr


def test_metavars_keep_their_decorations_and_leave_choices_and_data_names_alone():
    with use_language("fr"):
        assert metavar_words("FILES...") == "FICHIERS..."
        assert metavar_words("[KEY=VALUE]...") == "[CLÉ=VALEUR]..."
        assert metavar_words("FILE [NEW_FILE]") == "FICHIER [NOUVEAU_FICHIER]"
        assert metavar_words("[table|csv]") == "[table|csv]"
        assert metavar_words("POLE") == "POLE" and metavar_words("[FILE") == "[FILE"
    with use_language("en"):
        assert all(metavar_words(m) == m for m in METAVARS)


def test_click_words_of_every_supported_version_are_translated():
    # click 8.5 adds "Positional arguments" (the section of documented arguments): the catalogs hold
    # it whichever click is installed, so that the pin can allow 8.5.
    assert "Positional arguments" in CLICK_WORDS
    for word in CLICK_WORDS:
        assert gettext(word, "fr") != word, word
    assert gettext("Positional arguments", "fr") == "Arguments positionnels"
    from importlib.metadata import version

    major, minor = (int(part) for part in version("click").split(".")[:2])
    assert (8, 1) <= (major, minor) < (8, 6)


def test_a_type_named_while_french_was_spoken_follows_the_reader_again():
    # click names a Path type (DIRECTORY) when a command is made: made in French, it must still read
    # DIRECTORY in an English help shown later by the same process.
    with use_language("en"):
        assert metavar_words("DOSSIER") == "DIRECTORY" and metavar_words("[CHEMIN]...") == "[PATH]..."
    with use_language("fr"):
        assert metavar_words("DIRECTORY") == "DOSSIER"
