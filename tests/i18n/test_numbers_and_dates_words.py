"""Figures and dates in the user's language: « 57,5 % » and « au 1er mai 2025 » in French, "57.5%" and "May 1, 2025" in English.

``ptce check`` (its heading, its Markdown and its findings), ``ptce compare`` (its Markdown
table) and the helpers they share (:func:`ptce_kit.i18n.format_number`,
:func:`~ptce_kit.i18n.format_percent`, :class:`~ptce_kit.i18n.When`); counts follow the
plural rules (French: 0 and 1 singular).
"""

from __future__ import annotations

import re

import pytest

from ptce_kit import i18n

NBSP, NNBSP = "\u00a0", "\u202f"


def test_numbers_and_percentages_are_written_as_each_language_writes_them():
    assert i18n.format_percent(0.575, "fr") == f"57,5{NBSP}%" and i18n.format_percent(0.575, "en") == "57.5%"
    assert i18n.format_number(1234.5, "fr") == f"1{NNBSP}234,5" and i18n.format_number(1234.5, "en") == "1,234.5"
    assert i18n.format_number(0.1 + 0.2, "en") == "0.3" and i18n.format_number(3.0, "fr") == "3"
    assert i18n.Figure(0.883, percent=True, digits=0).render("fr") == f"88{NBSP}%"


def test_dates_take_the_words_of_the_language():
    assert i18n.When("2025-05-01", "as of").render("fr") == "au 1er mai 2025"
    assert i18n.When("2025-05-01", "as of").render("en") == "as of May 1, 2025"
    assert i18n.When("2015", "on").render("fr") == "en 2015" and i18n.When("2015-03", "on").render("en") == "in March 2015"
    assert i18n.When("2025-05-03", "when").render("fr") == "le 3 mai 2025"


def test_zero_and_one_are_singular_in_french_only():
    counted = i18n.N_plural("{n} actor added", "{n} actors added")
    assert [counted.render(n, "fr") for n in (0, 1, 2)] == ["0 acteur ajouté", "1 acteur ajouté", "2 acteurs ajoutés"]
    assert [counted.render(n, "en") for n in (0, 1, 2)] == ["0 actors added", "1 actor added", "2 actors added"]


@pytest.mark.parametrize("fmt", ["table", "md"])
def test_check_heading_gives_the_date_in_words(ptce, pole_sud_path, fmt):
    fr = ptce("check", pole_sud_path, "--at", "2025-05-01", "--format", fmt, "--lang", "fr", env={"COLUMNS": "200"})
    en = ptce("check", pole_sud_path, "--at", "2025-05-01", "--format", fmt, "--lang", "en", env={"COLUMNS": "200"})
    assert "au 1er mai 2025" in fr.stdout and "2025-05-01" not in fr.stdout
    assert "as of May 1, 2025" in en.stdout and "2025-05-01" not in en.stdout
    year = ptce("check", pole_sud_path, "--at", "2015", "--format", fmt, "--lang", "fr", env={"COLUMNS": "200"})
    assert "en 2015" in year.stdout and "au 2015" not in year.stdout


def test_check_findings_write_percentages_and_counts_in_french(ptce, pole_sud_path):
    out = ptce("check", pole_sud_path, "--profile", "signals", "--profile", "definition", "--format", "md",
               "--lang", "fr").stdout
    assert re.search(rf"\d{NBSP}%", out)  # the pivot's signal gives a share
    assert not re.search(r"\d%", out), re.findall(r".{30}\d%.{10}", out)  # a French percent has its space
    assert not re.search(r"\b\d+\.\d+\b", out.replace("2014-856", "")), re.findall(r".{30}\b\d+\.\d+\b", out)
    assert not re.search(r"\b1 (?:morceaux|autres acteurs|entreprises|communes)\b", out)
    english = ptce("check", pole_sud_path, "--profile", "signals", "--format", "md", "--lang", "en").stdout
    assert re.search(r"\d%", english) and not re.search(rf"\d{NBSP}%", english)


def test_compare_markdown_writes_decimals_in_the_language(ptce, tmp_path, pole_sud_path):
    from pathlib import Path

    other = Path(pole_sud_path).parents[1] / "coteaux_fictif" / "pole.yaml"
    for lang, comma in (("fr", True), ("en", False)):
        table = tmp_path / f"comparaison-{lang}.md"
        assert ptce("compare", pole_sud_path, other, "-o", table, "--lang", lang).returncode == 0
        text = table.read_text(encoding="utf-8")
        assert bool(re.search(r"\b0,\d+", text)) is comma and bool(re.search(r"\b0\.\d+", text)) is not comma


def test_check_writes_names_with_the_article_the_data_gives(ptce, pole_sud_path):
    # Pôle Sud's data gives « le » to the Groupe Archer: « sans le Groupe Archer », « la structure porteuse, le
    # Groupe Archer, en fait partie »; English has no article to add.
    fr = ptce("check", pole_sud_path, "--profile", "signals", "--profile", "definition", "--format", "md",
              "--at", "2025-05-01", "--lang", "fr").stdout
    assert "sans le Groupe Archer," in fr and "la structure porteuse, le Groupe Archer, en fait partie" in fr
    assert not re.search(r"(?<!le )(?<!du )\bGroupe Archer, en fait partie|sans Groupe Archer", fr)
    en = ptce("check", pole_sud_path, "--profile", "signals", "--format", "md", "--at", "2025-05-01", "--lang", "en").stdout
    assert "without Groupe Archer," in en and " le Groupe" not in en


def test_of_name_contracts_de_with_the_article():
    from ptce_kit.i18n import of_name

    assert [of_name(name, article).render("fr") for name, article in
            [("Mission locale", "la"), ("Adie", "l'"), ("Groupe Archer", "le"), ("AMAP", "les"), ("Pôle Sud", None)]] \
        == ["de la Mission locale", "de l’Adie", "du Groupe Archer", "des AMAP", "de Pôle Sud"]
    assert of_name("Groupe Archer", "le").render("en") == "of Groupe Archer"
