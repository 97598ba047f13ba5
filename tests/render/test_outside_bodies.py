"""An outside funder (the State, a région) carries what French needs around its name, and an
English name: « l’État », « la Région Auvergne-Rhône-Alpes », "the State" (issue 16)."""

from __future__ import annotations

import pytest

from ptce_kit.errors import PoleError
from ptce_kit.io import dump_pole, load_pole
from ptce_kit.model import OutsideBody, Pole
from ptce_kit.render.documents import registry_table, render_markdown

NBSP = "\u00a0"
BODY = """\
format: ptce/1
id: demo
name: Démo
actors:
  - {id: atelier, name: Atelier, category: ess_enterprise}
support:
  - funder: {name: État, article: "l'", gender: m, name_en: State, article_en: the, kind: state}
    call: ptce-2015
    amount: {value: 50000}
    since: "2015"
    outcome: laureate
  - funder: {name: Région Auvergne-Rhône-Alpes, article: la, gender: f, kind: region}
    to: atelier
    programme: Aide à l'emploi
    amount: {value: 8000}
    since: "2015"
    outcome: laureate
  - funder: {name: Fondation des Coteaux, kind: foundation}
    since: "2015"
    outcome: laureate
"""


@pytest.fixture()
def pole(tmp_path):
    path = tmp_path / "pole.yaml"
    path.write_text(BODY, encoding="utf-8")
    return load_pole(path)


def plain(text: str) -> str:
    return text.replace(NBSP, " ").replace("\u202f", " ")


def test_the_fields_are_read_and_written_back(pole, tmp_path):
    state = pole.support[0].funder
    assert isinstance(state, OutsideBody)
    assert (state.article, state.gender, state.name_en, state.article_en) == ("l'", "m", "State", "the")
    region = pole.support[1].funder
    assert (region.article, region.name_en, region.article_en) == ("la", None, None)
    again = tmp_path / "again.yaml"
    again.write_text(dump_pole(pole), encoding="utf-8")
    assert load_pole(again) == pole


@pytest.mark.parametrize("document", ["fiche", "report"])
def test_french_documents_write_the_article(pole, document):
    from ptce_kit.render.report import render_report_markdown as render_report

    text = plain(render_markdown(pole, "fiche", lang="fr") if document == "fiche"
                 else render_report(pole, 2015, lang="fr"))
    assert "L’État" in text and "La Région Auvergne-Rhône-Alpes" in text
    assert "Fondation des Coteaux" in text  # no article given: the name alone


@pytest.mark.parametrize("document", ["fiche", "report"])
def test_english_documents_write_the_english_name(pole, document):
    from ptce_kit.render.report import render_report_markdown as render_report

    text = (render_markdown(pole, "fiche", lang="en") if document == "fiche"
            else render_report(pole, 2015, lang="en"))
    assert "The State" in text and "État" not in text
    # Without name_en, the name as it is, with no French article.
    assert "Région Auvergne-Rhône-Alpes" in text and "la Région" not in text.replace("La Région", "")


def test_the_registry_names_the_funder_in_the_documents_language(pole):
    def support(lang):
        table = registry_table(pole, lang=lang)
        return dict(zip(table["columns"], table["rows"][0], strict=True))

    assert plain(support("fr")["Soutiens reçus"]).startswith("Région Auvergne-Rhône-Alpes, Aide à l'emploi")


def test_english_article_words(tmp_path):
    body = BODY.replace("article_en: the", "article_en: The")
    path = tmp_path / "pole.yaml"
    path.write_text(body, encoding="utf-8")
    assert load_pole(path).support[0].funder.article_en == "the"
    path.write_text(BODY.replace("article_en: the", "article_en: a"), encoding="utf-8")
    with pytest.raises(PoleError) as caught:
        load_pole(path)
    (problem,) = caught.value.problems
    assert problem.to_dict()["path"] == "support[0].funder.body.article_en" and problem.line == 7, problem


def test_a_body_without_the_new_fields_loads_as_before():
    pole = Pole.model_validate({"id": "p", "name": "P", "support": [{"funder": {"name": "État", "kind": "state"}}]})
    body = pole.support[0].funder
    assert (body.article, body.gender, body.number, body.name_en, body.article_en) == (None,) * 5


def test_the_linked_data_gives_the_english_name(pole):
    from ptce_kit.io.linked_data import _x, pole_triples

    labels = {(o.value, o.lang) for s, p, o in pole_triples(pole) if p == _x("skos:altLabel") and ":support:" in s}
    assert labels == {("State", "en")}
