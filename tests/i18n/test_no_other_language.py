"""The real outputs hold no sentence of the other language: word lists over --help and validate.

With ``--lang fr`` (and ``LANG=fr_FR.UTF-8``) no word of ``words_en.txt`` may appear, with
``--lang en`` (and ``LANG=C``) no word of ``words_fr.txt``; quoted values (the user's data),
paths, option names, identifiers and metavars are not sentences and are left out.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
HOSTILE = HERE.parent / "data" / "hostile"


def _words(name: str) -> set[str]:
    return {line.strip() for line in (HERE / name).read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


FORBIDDEN = {"fr": _words("words_en.txt"), "en": _words("words_fr.txt")}
LANG_ENV = {"fr": {"PTCE_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "fr_FR.UTF-8"},
            "en": {"PTCE_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "C"}}


def _sentences(text: str) -> str:
    """``text`` without what is not a sentence: quoted data, paths, options, identifiers, codes, metavars."""
    text = re.sub(r"'[^'\n]*'|\"[^\"\n]*\"|«[^»\n]*»|`[^`\n]*`", " ", text)
    # Citations of French law keep their French titles in English (« loi du 1er juillet 1901 »).
    text = re.sub(r"\b(?:[Ll]oi|[Dd]écret)\b[^,;:)\n]*", " ", text)
    text = text.replace("La Poste", " ")  # a company's name, the same in both languages
    # Field paths (events[0].to, territory.epci:) name the file's keys, the same in both languages.
    text = re.sub(r"\b\w+(?:\[[^\]\s]*\])+(?:\.\w+(?:\[[^\]\s]*\])*)*|\b[a-z_]+(?:\.[a-z_]+)+(?=:)", " ", text)
    text = re.sub(r"\S*[/\\]\S*|\S+\.(?:yaml|yml|json|csv|xlsx|md|html|png|svg|pdf|gexf)\b", " ", text)
    text = re.sub(r"--?[\w-]+|\[PTCE-[EW]\d+\]|\b\w+[_=]\w*\b|\b\w+(?:-\w+)+\b|\b[A-Z][A-Z_]+\b(?:\.\.\.)?", " ", text)
    return text


def offending(text: str, lang: str) -> list[str]:
    """The words of the other language in ``text`` (an output meant to be in ``lang``)."""
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", _sentences(text).lower())
    split = [part for word in words for part in re.split(r"['’]", word)] if lang == "fr" else words
    return sorted({w for w in split if w in FORBIDDEN[lang] and w not in _command_names()})


def _command_names() -> set[str]:
    """The names of ptce's commands, which are the same in both languages."""
    return {word for words in _commands() for word in words}


@functools.cache
def _commands() -> list[list[str]]:
    import click

    from ptce_kit.cli import COMMANDS

    found: list[list[str]] = [[]]
    for name in sorted(COMMANDS):
        command = COMMANDS[name][0]()
        found.append([name])
        if isinstance(command, click.Group):
            found += [[name, sub] for sub in sorted(command.commands)]
    return found


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("how", ["option", "locale"])
def test_every_help_is_in_one_language(ptce, lang, how):
    bad = {}
    for words in _commands():
        args = [*words, "--help"] + (["--lang", lang] if how == "option" else [])
        result = ptce(*args, env=LANG_ENV[lang] if how == "locale" else {"PTCE_LANG": "en" if lang == "fr" else "fr"})
        assert result.returncode == 0, (words, result.stderr)
        wrong = offending(result.stdout, lang)
        if wrong:
            bad[" ".join(words) or "ptce"] = wrong
    assert not bad, "\n".join(f"{k}: {v}" for k, v in bad.items())


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_validate_errors_are_in_one_language(ptce, tmp_path, lang):
    bad_fields = tmp_path / "fields.yaml"
    bad_fields.write_text(
        "format: ptce/1\nid: Demo\nname: Demo\nlanguage: de\nfounded: 2014-02-30\n"
        "territory:\n  name: T\n  communes:\n    - {code: '2628', name: X}\n"
        "actors:\n  - {id: a, name: A, category: enterprises, siret: '73282932000075', siren: '732829321',"
        " website: 'ftp://x', joined: 2015, left: 2014, email: x}\n"
        "  - {id: a, name: '', category: person, coordinates: {lat: 95, lon: 0}, contacts: [{name: C, email: nope}]}\n"
        "  - {id: b, name: B, category: enterprise, siret: '73282932000074'}\n"
        "  - {id: c, name: C, category: enterprise, siret: '73282932000074', presence: there}\n"
        "partnerships:\n  - {id: t, actors: [a, a, zz], kind: coop, weight: -1, since: 2016, until: 2015,"
        " source: a}\n"
        "projects:\n  - {id: p, name: P, actors: [b, b], start: 2020, end: 2019}\n"
        "governance:\n  colleges:\n    - {name: A, members: [b], weight: 60}\n    - {name: B, members: [b], weight: 10}\n"
        "unknown_key: 1\n", encoding="utf-8")
    files = [*sorted(HOSTILE.iterdir()), bad_fields, tmp_path / "missing.yaml", tmp_path]
    result = ptce("validate", *files, "--lang", lang)
    assert result.returncode == 1
    assert result.stderr.count("[PTCE-E") > 25
    assert not offending(result.stderr, lang), (offending(result.stderr, lang), result.stderr)
    located = ptce("validate", *files, env=LANG_ENV[lang])
    assert not offending(located.stderr, lang)


def test_the_word_check_sees_the_other_language():
    # The check itself: an English sentence is caught in a French output, and the other way round.
    assert offending("erreur : the file is empty", "fr") == ["file", "is", "the"]
    assert offending("error: le fichier est vide", "en") == ["est", "fichier", "le"]
    assert offending("erreur : 'the value' n'est pas valable [PTCE-E102] --allow-duplicate pole.yaml", "fr") == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_import_rejections_are_in_one_language(ptce, tmp_path, pole_sud_path, lang):
    import shutil

    pole = tmp_path / "pole.yaml"
    shutil.copy(pole_sud_path, pole)
    sheet = tmp_path / "membres.csv"
    sheet.write_text("Titre du tableau\nNom;Catégorie;Statut;SIRET;Membre ESS;Date d'adhésion;Collège;Couleur\n"
                     "Nouvelle;club;Membre;;;;;x\n"
                     "Groupe Archer;Scop;;;;;;\n"
                     "Autre;Scop;ami;12345678901234;peut-être;2014-02-30;Inconnu;\n"
                     "Encore;;;;;;;\n", encoding="utf-8")
    result = ptce("import", sheet, "--into", pole, "--dry-run", "--lang", lang)
    assert result.returncode == 1
    assert result.stderr.count("\n") >= 5
    assert not offending(result.stderr, lang), (offending(result.stderr, lang), result.stderr)


@pytest.mark.parametrize("profile", ["definition", "state-call", "scic", "emerging", "signals"])
@pytest.mark.parametrize("fmt", ["table", "md", "json"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_check_is_in_one_language(ptce, pole_sud_path, lang, fmt, profile):
    # The profiles a founder meets first (loi 2014-856, art. 9; the State's emerging call; the network's
    # signals): headings, verdicts, findings, hints, conclusion.
    from ptce_kit.io import load_pole

    result = ptce("check", pole_sud_path, "--profile", profile, "--format", fmt, "--at", "2015", "--lang", lang,
                  env={"COLUMNS": "2000"})
    assert result.returncode in (0, 1), result.stderr
    text = result.stdout
    # The pole's own words (names, places, the narrative it quotes) are data, in the pole's language.
    pole = load_pole(pole_sud_path)
    data = [a.name for a in pole.actors] + [p.name for p in pole.projects] + [b.name for b in pole.governance.bodies]
    data += [pole.name, pole.territory.name if pole.territory else ""] + [act.kind for act in pole.governance.legal_acts]
    for words in sorted(filter(None, data), key=len, reverse=True):
        text = text.replace(words, " ")
    if fmt == "json":
        import json

        [report] = json.loads(text)
        text = "\n".join([report["conclusions"][profile]["conclusion"]]
                         + [f"{r['message']}\n{r['hint'] or ''}\n{r['title']}\n{r['explanation']}" for r in report["results"]])
    else:
        # The law's own title (« Loi n° 2014-856 du 31 juillet 2014 … ») is French in both languages.
        text = "\n".join(line for line in text.splitlines()
                         if not line.startswith("sources") and not (line.startswith("*") and line.endswith("*")))
    assert not offending(text, lang), (offending(text, lang), text)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_compare_html_and_markdown_follow_the_language(ptce, tmp_path, pole_sud_path, lang):
    page, table = tmp_path / "comparaison.html", tmp_path / "comparaison.md"
    for output in (page, table):
        result = ptce("compare", pole_sud_path, "-o", output, "--lang", lang)
        assert result.returncode == 0, result.stderr
        assert not offending(result.stderr, lang), result.stderr
    html = page.read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in html
    assert ("<title>Comparaison des pôles</title>" if lang == "fr" else "<title>Comparison of the poles</title>") in html
    text = re.sub(r"<[^>]+>", " ", html.split("<body>")[1]).replace("Pôle Sud", " ")
    assert not offending(text, lang), offending(text, lang)
    assert not offending(table.read_text(encoding="utf-8").replace("Pôle Sud", " "), lang)
    # Written in one language, the page is still recognised as ptce's own output in the other.
    other = "en" if lang == "fr" else "fr"
    assert ptce("compare", pole_sud_path, "-o", page, "--lang", other).returncode == 0
