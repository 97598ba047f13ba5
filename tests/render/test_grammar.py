"""ptce_kit.grammar: articles, elision, agreement and plurals, and the fields they read."""

from __future__ import annotations

from pathlib import Path

import pytest

from ptce_kit import grammar
from ptce_kit.errors import PoleError
from ptce_kit.io import load_pole
from ptce_kit.model import Actor, Pole


def _actor(**fields: object) -> Actor:
    return Actor(id="a", name=fields.pop("name", "Adie"), category="other", **fields)


@pytest.mark.parametrize(("article", "the", "of", "to"), [
    ("le", "le Groupe", "du Groupe", "au Groupe"),
    ("la", "la Groupe", "de la Groupe", "à la Groupe"),
    ("l'", "l’Groupe", "de l’Groupe", "à l’Groupe"),
    ("les", "les Groupe", "des Groupe", "aux Groupe"),
    (None, "Groupe", "de Groupe", "à Groupe"),
])
def test_each_article_and_its_contractions(article, the, of, to):
    assert (grammar.the("Groupe", article), grammar.of("Groupe", article), grammar.to("Groupe", article)) == (the, of, to)


def test_elision_only_before_a_vowel_and_never_guessed_before_h():
    assert grammar.of("Adie") == "d’Adie" and grammar.of("Écocentre") == "d’Écocentre"
    assert grammar.of("Habitat Solidaire") == "de Habitat Solidaire"  # h aspiré or not: the data says, with l'
    assert grammar.of(_actor(name="Habitat Solidaire", article="l'")) == "de l’Habitat Solidaire"


def test_the_article_is_read_from_the_data_and_normalised():
    adie = _actor(article="L’", gender="f")
    assert adie.article == "l'" and grammar.the(adie) == "l’Adie" and grammar.gender_of(adie) == "f"
    amap = _actor(name="AMAP", article="Les")
    assert grammar.number_of(amap) == "plural" and grammar.gender_of(amap) is None
    assert grammar.number_of(_actor(name="Ensemble", number="plural")) == "plural"
    assert grammar.gender_of(_actor(name="Le Labo")) == "m"  # the name's own article


def test_a_bad_article_is_a_located_error(tmp_path: Path):
    path = tmp_path / "pole.yaml"
    path.write_text("format: ptce/1\nid: p\nname: P\nactors:\n  - id: a\n    name: Adie\n"
                    "    category: other\n    article: du\n", encoding="utf-8")
    with pytest.raises(PoleError) as info:
        load_pole(path)
    problem = info.value.problems[0]
    assert problem.line == 8 and "article" in str(problem.path)
    assert "'le', 'la'" in (problem.hint or "")


def test_every_named_thing_takes_the_grammar_fields():
    pole = Pole(id="p", name="Coopérative", article="la", gender="f",
                territory={"name": "Pays Diois", "article": "le"},
                governance={"bodies": [{"name": "Assemblée", "article": "l'", "gender": "f"}]})
    assert grammar.of(pole) == "de la Coopérative"
    assert grammar.of(pole.territory) == "du Pays Diois"
    assert grammar.to(pole.governance.bodies[0]) == "à l’Assemblée"


@pytest.mark.parametrize(("word", "gender", "number", "expected"), [
    ("implanté", None, None, "implanté"),
    ("implanté", "f", "singular", "implantée"),
    ("implanté", "f", "plural", "implantées"),
    ("implanté", "m", "plural", "implantés"),
    ("membre", "f", "plural", "membres"),
    ("dissous", "f", "plural", "dissoutes"),
    ("général", "m", "plural", "généraux"),
])
def test_agreement(word, gender, number, expected):
    irregular = {"dissous": {"feminine": "dissoute"}, "général": {"plural": "généraux"}}.get(word, {})
    assert grammar.agree(word, gender, number, **irregular) == expected


@pytest.mark.parametrize(("n", "lang", "expected"), [
    (0, "fr", "0 projet"), (1, "fr", "1 projet"), (1.5, "fr", "1.5 projet"), (2, "fr", "2 projets"),
    (0, "en", "0 projects"), (1, "en", "1 project"), (1.5, "en", "1.5 projects"),
])
def test_plurals_follow_the_language_rules(n, lang, expected):
    assert grammar.count(n, "projet" if lang == "fr" else "project", "projets" if lang == "fr" else "projects",
                         lang) == expected


def test_map_counts_use_the_same_plural_rules():
    from ptce_kit.render.map_text import count

    assert count(1, "commune", "communes", "fr") == "1 commune"
    assert count(2, "commune", "communes", "fr") == "2 communes"
    assert count(0, "tie", "ties", "en") == "0 ties"


def test_small_multiples_titles_count_in_good_french():
    pytest.importorskip("matplotlib")
    from ptce_kit.render.maps import small_multiples_figure

    pole = Pole(id="p", name="P", actors=[{"id": "a", "name": "A", "category": "enterprise", "joined": "2010"},
                                          {"id": "b", "name": "B", "category": "enterprise", "joined": "2015"}],
                partnerships=[{"id": "t", "actors": ["a", "b"], "kind": "cooperation", "since": "2015"}])
    fig = small_multiples_figure(pole, [2012, 2016], layout="spring", lang="fr")
    titles = [ax.get_title(loc="left") for ax in fig.axes if ax.get_title(loc="left")]
    assert any("1 acteur, 0 lien" in t for t in titles) and any("2 acteurs, 1 lien" in t for t in titles), titles
