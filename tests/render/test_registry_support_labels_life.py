"""The member registry lists, for each actor, the support it received, the labels and
agreements it holds and its own life (created, ceased and how, its successor), in the
Markdown documents and in the CSV (issue 16)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from ptce_kit.io import load_pole
from ptce_kit.model import Pole
from ptce_kit.render.documents import registry_csv, registry_table, render_markdown

NBSP = "\u00a0"
POLE = {
    "id": "p", "name": "P",
    "actors": [
        {"id": "coop", "name": "Coop", "category": "ess_enterprise", "created": "2017-03"},
        {"id": "asso", "name": "Bois Énergie", "category": "ess_enterprise", "joined": "2012",
         "created": "2009", "ceased": "2017-03", "ceased_how": "merged", "successor": "coop"},
        {"id": "mairie", "name": "Mairie", "category": "local_authority"},
    ],
    "support": [
        {"funder": {"name": "État", "name_en": "The French State", "kind": "state"}, "to": "coop",
         "call": "ptce-2015", "amount": {"value": 50000}, "since": "2016", "until": "2017", "outcome": "laureate"},
        {"funder": "mairie", "to": "coop", "programme": "Subvention de fonctionnement", "amount": {"value": 8000},
         "since": "2022", "outcome": "laureate"},
        {"funder": "mairie", "to": "asso", "programme": "Refusé", "outcome": "not-retained"},
        {"funder": "mairie", "programme": "Au pôle", "outcome": "laureate"},
    ],
    "labels": [{"kind": "esus", "holder": "coop", "since": "2016"},
               {"kind": "other", "name": "Label bois local", "holder": "coop", "since": "2018", "until": "2020"}],
}


@pytest.fixture(scope="module")
def pole():
    return Pole.model_validate(POLE)


def cells(table, actor_id):
    return dict(zip(table["columns"], next(r for r in table["rows"] if r[0] == actor_id), strict=True))


def test_the_three_columns_come_last_in_both_languages(pole):
    assert registry_table(pole, lang="fr")["columns"][-3:] == ["Soutiens reçus", "Labels et agréments",
                                                               "Vie de la structure"]
    assert registry_table(pole, lang="en")["columns"][-3:] == ["Support received", "Labels and agreements",
                                                               "Life of the organisation"]
    full = registry_table(pole, lang="fr", include_personal_data=True)["columns"]
    assert full[-4:-1] == ["Soutiens reçus", "Labels et agréments", "Vie de la structure"]


def test_support_received_only_the_laureates_with_their_funder_amount_and_dates(pole):
    coop = cells(registry_table(pole, lang="fr", iso_dates=True), "coop")
    support = coop["Soutiens reçus"].replace("\u202f", " ").replace(NBSP, " ")
    assert support.startswith("État, Appel à projets PTCE de l'État, 2015")
    assert "50 000" in support and "(2016–2017)" in support
    assert "Mairie, Subvention de fonctionnement, 8 000" in support and "(2022–)" in support
    asso = cells(registry_table(pole, lang="fr"), "asso")
    assert asso["Soutiens reçus"] == ""  # not retained: an application, not support received
    assert "Au pôle" not in " ".join(r for row in registry_table(pole)["rows"] for r in row)
    english = cells(registry_table(pole, lang="en"), "coop")["Support received"]
    assert english.startswith("The French State, ")


def test_labels_held_with_their_dates(pole):
    coop = cells(registry_table(pole, lang="fr", iso_dates=True), "coop")
    assert coop["Labels et agréments"] == "agrément ESUS (2016–); Label bois local (2018–2020)"
    assert cells(registry_table(pole, lang="en"), "coop")["Labels and agreements"].startswith("ESUS agreement (2016–)")
    assert cells(registry_table(pole, lang="fr"), "mairie")["Labels et agréments"] == ""


def test_the_actors_own_life(pole):
    asso = cells(registry_table(pole, lang="fr", iso_dates=True), "asso")
    # A text cell writes its dates in words, with French spacing, even where the date columns are ISO (the CSV).
    assert asso["Vie de la structure"] == f"création{NBSP}: 2009; fusion{NBSP}: mars 2017; successeur{NBSP}: Coop"
    english = cells(registry_table(pole, lang="en"), "asso")["Life of the organisation"]
    assert english == "created: 2009; merged: March 2017; successor: Coop"
    assert cells(registry_table(pole, lang="fr"), "mairie")["Vie de la structure"] == ""


def test_the_csv_keeps_the_languages_separators(pole):
    for lang, sep in (("fr", ";"), ("en", ",")):
        data = registry_csv(pole, lang=lang)
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=sep))
        assert len({len(r) for r in rows}) == 1
        header = rows[0]
        asso = dict(zip(header, rows[2], strict=True))
        life = "Vie de la structure" if lang == "fr" else "Life of the organisation"
        assert asso[life].endswith((f"successeur{NBSP}: Coop", "successor: Coop"))
        # The same words as the Markdown registry: the date of a text cell in words (finding 61).
        assert ("mars 2017" if lang == "fr" else "March 2017") in asso[life] and "2017-03" not in asso[life]


def test_the_markdown_registry_shows_them(pole):
    text = render_markdown(pole, "registry", lang="fr").replace(NBSP, " ").replace("\u202f", " ")
    assert "| Soutiens reçus | Labels et agréments | Vie de la structure |" in text
    assert "agrément ESUS" in text and "successeur : Coop" in text


def test_the_example_registry_says_the_merger_and_the_label():
    pole = load_pole(Path(__file__).resolve().parents[2] / "examples" / "coteaux_fictif" / "pole.yaml")
    table = registry_table(pole, lang="fr", iso_dates=True)
    assert cells(table, "asso-bois-energie")["Vie de la structure"] == (
        f"création{NBSP}: 2009; fusion{NBSP}: mars 2017; successeur{NBSP}: Coopérative bois du Diois (SCOP fictive)")
    assert cells(table, "scic-coteaux")["Labels et agréments"] == "agrément ESUS (2016–)"


def test_the_documents_leave_out_the_columns_the_data_is_silent_in(pole):
    silent = Pole.model_validate({"id": "q", "name": "Q", "actors": [
        {"id": "a", "name": "A", "category": "enterprise", "created": "2001"}]})
    columns = registry_table(silent, lang="fr", empty_columns=False)["columns"]
    assert columns[-1] == "Vie de la structure" and "Soutiens reçus" not in columns
    assert "Labels et agréments" not in render_markdown(silent, "registry", lang="fr")
    # The CSV keeps every column, so that its header is the same for every pole.
    header = registry_csv(silent, lang="fr").decode("utf-8-sig").splitlines()[0].split(";")
    assert header[-3:] == ["Soutiens reçus", "Labels et agréments", "Vie de la structure"]
    assert len(registry_table(pole, lang="fr", empty_columns=False)["columns"]) == 18
