"""The last words a French founder saw in English or as internal keys (issue 17).

click's type names inside its own sentences (« 'abc' n’est pas un nombre entier valide. »), the
colon of ``--help``'s headings, the profiles of ``ptce check`` and the statuses of
``ptce import-sirene`` in the reader's words (and typed in French), a pole argument that defaults
to the pole of the current folder, and presence labels that stand alone.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import click
import pytest
from test_no_other_language import offending

from ptce_kit.cli._common import Shown, Words
from ptce_kit.cli._words import PATH_NAMES, TYPE_NAMES
from ptce_kit.i18n import LANGUAGES, Message, gettext, use_language
from ptce_kit.model.vocabulary import LABELS, label, value_of

SIRENE = Path(__file__).resolve().parents[1] / "data" / "sirene"

#: The message id ``ptce_kit.cli._common.pole_here`` says outside a pole's folder.
NO_POLE_HERE = ("this folder holds no pole file (pole.yaml or pole.json): give the pole's file or folder, "
                "e.g. '{example}', or first go into the pole's folder with 'cd mon-pole'")


def _refusal(kind: click.ParamType, value: str, lang: str) -> str:
    """click's message when ``kind`` refuses ``value``, in ``lang``."""
    with use_language(lang), pytest.raises(click.BadParameter) as refused:
        kind.convert(value, None, None)
    return str(refused.value.message)


# --- 1. click's type names -------------------------------------------------------------

@pytest.mark.parametrize("kind", [click.INT, click.IntRange(1800, 2200), click.FLOAT, click.FloatRange(0, 1)],
                         ids=["int", "int-range", "float", "float-range"])
def test_click_names_a_number_type_in_the_readers_words(kind):
    french, english = _refusal(kind, "abc", "fr"), _refusal(kind, "abc", "en")
    said = TYPE_NAMES[type(kind).__name__][1]
    assert gettext(said, "fr") in french and not offending(french, "fr"), french
    assert english == f"'abc' is not a valid {said}.", english
    # As a string (metavars, the reference page), the name stays click's own.
    assert kind.name == TYPE_NAMES[type(kind).__name__][0]


def test_the_french_number_sentence_reads_as_french():
    assert _refusal(click.IntRange(1800, 2200), "abc", "fr") == "'abc' n’est pas un nombre entier valide."


@pytest.mark.parametrize(("okay", "name"), [({"dir_okay": False}, "file"), ({"file_okay": False}, "directory"),
                                            ({}, "path")])
def test_a_path_is_named_in_the_language_of_the_reader_not_of_its_making(tmp_path, okay, name):
    # A command made while English was spoken (as in a process that ran an English command first).
    with use_language("en"):
        kind = click.Path(exists=True, **okay)
    missing = str(tmp_path / "absent.yaml")
    french, english = _refusal(kind, missing, "fr"), _refusal(kind, missing, "en")
    word = gettext(PATH_NAMES[name], "fr")
    assert french.startswith(word[:1].upper() + word[1:] + " "), french
    assert english.startswith(name.capitalize() + " "), english


def test_a_number_option_of_a_command_is_refused_in_french(ptce, tmp_path):
    for args in (["report", tmp_path, "--year", "abc"], ["map", tmp_path, "-o", tmp_path / "m.png", "--dpi", "abc"]):
        result = ptce(*args, "--lang", "fr")
        assert result.returncode == 2
        error = result.stderr.strip().splitlines()[-1]
        assert "nombre entier" in error and not offending(error, "fr"), result.stderr
        english = ptce(*args, "--lang", "en")
        assert "is not a valid integer." in english.stderr, english.stderr


def test_the_headings_of_help_take_the_colon_of_their_language(ptce):
    french, english = ptce("check", "--help", "--lang", "fr").stdout, ptce("check", "--help", "--lang", "en").stdout
    assert "\nOptions :\n" in french and "\nOptions:\n" not in french
    assert "\nOptions:\n" in english


# --- 2. profiles and statuses in the reader's words --------------------------------------

def test_check_names_its_profiles_in_french_and_keeps_their_ids_in_json(ptce, pole_sud_path):
    table = ptce("check", pole_sud_path, "--at", "2015", "--lang", "fr")
    assert "profil : définition" in table.stdout and "profil : definition" not in table.stdout
    markdown = ptce("check", pole_sud_path, "--at", "2015", "--format", "md", "-p", "state-call", "--lang", "fr")
    headings = [line for line in markdown.stdout.splitlines() if line.startswith("## ")]
    assert headings == ["## Appels à projets de l’État"], headings
    done = ptce("check", pole_sud_path, "--at", "2015", "--format", "json", "-p", "signals", "--lang", "fr")
    [report] = json.loads(done.stdout)
    assert report["profiles"] == ["signals"] and set(report["conclusions"]) == {"signals"}


@pytest.mark.parametrize(("word", "profile"), [("Définition", "definition"), ("definition", "definition"),
                                               ("appels de l’État", "state-call"), ("signaux", "signals"),
                                               ("PTCE émergents", "emerging"), ("emergents", "emerging")])
def test_check_takes_a_profile_typed_in_french(ptce, pole_sud_path, word, profile):
    done = ptce("check", pole_sud_path, "--at", "2015", "--format", "json", "--profile", word)
    assert done.returncode in (0, 1), done.stderr
    assert json.loads(done.stdout)[0]["profiles"] == [profile]


def test_an_unknown_profile_lists_the_profiles_in_the_readers_words(ptce, pole_sud_path):
    result = ptce("check", pole_sud_path, "--profile", "zut", "--lang", "fr")
    assert result.returncode == 2
    assert "définition" in result.stderr and "state-call" not in result.stderr, result.stderr


def test_sirene_statuses_are_typed_and_shown_in_french():
    kind = Words("status", ["member", "partner", "prospective"])
    assert [kind.convert(word, None, None) for word in ("Partenaire", "membre", "Pressentie", "partner")] == \
        ["partner", "member", "prospective", "partner"]
    refusal = _refusal(kind, "ami", "fr")
    assert "partenaire" in refusal and not offending(refusal, "fr"), refusal
    with use_language("fr"):
        assert str(Shown("status", "member")) == "membre"
    assert Shown("status", "member") == "member"


def test_import_sirene_help_and_refusal_name_the_statuses_in_french(ptce, tmp_path):
    french = ptce("import-sirene", "--help", "--lang", "fr").stdout
    assert "[membre|partenaire|pressenti]" in french and "member|partner" not in french
    assert "[member|partner|prospective]" in ptce("import-sirene", "--help", "--lang", "en").stdout
    shutil.copy(SIRENE / "fictional_pole.yaml", tmp_path / "pole.yaml")
    # Typed in French, in the pole's folder (no --into): the import runs as with the English word.
    done = ptce("import-sirene", SIRENE / "extract.csv", "--status", "Partenaire", "--dry-run", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "status: partner" in done.stdout and "status: member" not in done.stdout


# --- 3. the pole of the current folder ------------------------------------------------------

@pytest.fixture
def pole_folder(tmp_path, pole_sud_path):
    folder = tmp_path / "mon-pole"
    folder.mkdir()
    shutil.copy(pole_sud_path, folder / "pole.yaml")
    return folder


@pytest.mark.parametrize("args", [["validate"], ["check", "--at", "2015"], ["show"], ["analyse", "--format", "json"],
                                  ["diff", "--from", "2014", "--to", "2016"],
                                  ["member", "add", "--name", "Atelier Test", "--category", "entreprise",
                                   "--status", "membre", "--dry-run"]],
                         ids=lambda args: "-".join(args[:2]))
def test_a_command_run_in_the_poles_folder_reads_its_pole(ptce, pole_folder, args):
    done = ptce(*args, cwd=pole_folder)
    assert done.returncode in (0, 1), done.stderr  # check exits 1 when a rule fails: it read the pole
    assert done.stdout.strip(), done.stderr


def test_build_in_the_poles_folder_builds_its_pole(ptce, pole_folder):
    done = ptce("build", "--formats", "md", "-o", "out", cwd=pole_folder)
    assert done.returncode == 0, done.stderr
    assert (pole_folder / "out" / "charte.md").is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("args", [["validate"], ["check"], ["build"], ["report", "--year", "2015"],
                                  ["member", "add", "--name", "X"]], ids=lambda args: args[0])
def test_outside_a_poles_folder_the_missing_pole_is_misuse_that_says_what_to_do(ptce, tmp_path, args, lang):
    result = ptce(*args, "--lang", lang, cwd=tmp_path)
    assert result.returncode == 2
    expected = Message(NO_POLE_HERE, example=f"ptce {' '.join(args[:2 if args[0] == 'member' else 1])} "
                                             "mon-pole/pole.yaml").render(lang)
    assert expected in result.stderr, result.stderr
    assert not offending(result.stderr.splitlines()[-1], lang), result.stderr


def test_an_into_option_outside_a_poles_folder_names_the_option(ptce, tmp_path):
    (tmp_path / "membres.csv").write_text("nom,catégorie\nAtelier,entreprise\n", encoding="utf-8")
    result = ptce("import", "membres.csv", "--lang", "fr", cwd=tmp_path)
    assert result.returncode == 2
    assert Message(NO_POLE_HERE, example="--into mon-pole/pole.yaml").render("fr") in result.stderr, result.stderr


def test_an_edit_of_one_actor_in_the_poles_folder_may_leave_out_the_pole(ptce, pole_folder):
    before = (pole_folder / "pole.yaml").read_bytes()
    done = ptce("member", "update", "groupe-archer", "--presence", "réunions", "--dry-run", cwd=pole_folder)
    assert done.returncode == 0, done.stderr
    assert "+    presence: meetings" in done.stdout
    both = ptce("member", "update", "pole.yaml", "groupe-archer", "--presence", "réunions", "--dry-run", cwd=pole_folder)
    assert both.returncode == 0 and both.stdout == done.stdout, both.stderr
    assert (pole_folder / "pole.yaml").read_bytes() == before


@pytest.mark.parametrize("args", [["member", "update"], ["member", "remove", "groupe-archer"],
                                  ["partnership", "end", "some-tie"]], ids=lambda args: "-".join(args))
def test_an_edit_of_one_actor_outside_a_poles_folder_says_what_to_type(ptce, tmp_path, args):
    result = ptce(*args, "--lang", "fr", cwd=tmp_path)
    assert result.returncode == 2
    example = f"ptce {' '.join(args[:2])} mon-pole/pole.yaml"
    assert Message(NO_POLE_HERE, example=example).render("fr") in result.stderr, result.stderr


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("args", "name"), [(["validate"], {"fr": "FICHIERS", "en": "FILES"}),
                                            (["diff"], {"fr": "FICHIER", "en": "FILE"}),
                                            (["member", "update"], {"fr": "POLE", "en": "POLE"}),
                                            (["import"], {"fr": "--into", "en": "--into"})],
                         ids=lambda value: "-".join(value) if isinstance(value, list) else "")
def test_the_help_says_what_a_left_out_pole_means(ptce, args, name, lang):
    shown = ptce(*args, "--help", "--lang", lang).stdout
    said = Message("Without {name}: the pole of the current folder (its pole.yaml or pole.json).",
                   name=name[lang]).render(lang)
    assert said in " ".join(shown.split()), shown


def test_the_usage_line_shows_the_pole_argument_as_optional(ptce):
    assert "ptce validate [OPTIONS] [FICHIERS]..." in ptce("validate", "--help", "--lang", "fr").stdout
    assert "ptce build [OPTIONS] [DOSSIER_OU_FICHIER]" in ptce("build", "--help", "--lang", "fr").stdout


# --- 4. labels that stand alone ---------------------------------------------------------------

@pytest.mark.parametrize("field", sorted(LABELS))
def test_no_french_label_leans_on_a_y_with_nothing_before_it(field):
    # « y tient ses réunions » reads as half a sentence in a list of words or after « présence : ».
    leaning = [label(field, value, "fr") for value in LABELS[field] if label(field, value, "fr").startswith("y ")]
    assert not leaning, leaning


def test_the_former_presence_words_are_still_accepted():
    assert value_of("presence", "y tient ses réunions") == "meetings"
    assert value_of("presence", "y tient des permanences") == "office_hours"
    assert value_of("presence", label("presence", "meetings", "fr")) == "meetings"


# --- 5. what else the founder's path showed -------------------------------------------------

def test_diff_counts_each_change_with_its_own_plural(ptce, pole_folder):
    added = ptce("member", "add", "--name", "Atelier Neuf", "--category", "entreprise", "--joined", "2030",
                 cwd=pole_folder)
    assert added.returncode == 0, added.stderr
    done = ptce("diff", "--from", "2029", "--to", "2031", "--lang", "fr", cwd=pole_folder)
    assert done.returncode == 0, done.stderr
    actors = done.stdout.splitlines()[1]
    assert "(+1 apparu, -0 parti ;" in actors, done.stdout
    english = ptce("diff", "--from", "2029", "--to", "2031", "--lang", "en", cwd=pole_folder).stdout
    assert "(+1 appeared, -0 left;" in english.splitlines()[1], english


def test_map_names_its_layout_in_the_readers_words(ptce, pole_folder):
    done = ptce("map", "-o", "carte.png", "--layout", "spring", "--lang", "fr", cwd=pole_folder)
    assert done.returncode == 0, done.stderr
    assert "spring" not in done.stderr and "par ressorts" in done.stderr, done.stderr


def test_observatory_counts_its_pages_with_their_own_plurals(ptce, pole_folder, tmp_path):
    first = ptce("observatory", pole_folder, "-o", tmp_path / "site", "--lang", "fr")
    assert first.returncode == 0, first.stderr
    assert "1 pôle ; 1 produit, 0 inchangé)" in first.stderr, first.stderr
