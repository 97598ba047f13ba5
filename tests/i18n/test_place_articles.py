"""Départements and régions with their French article: « le département de la Drôme », « l’Isère »."""

from __future__ import annotations

import pytest

from ptce_kit import grammar
from ptce_kit.reference import geo


@pytest.mark.parametrize(("code", "name", "article", "of"), [
    ("26", "Drôme", "la", "de la Drôme"), ("07", "Ardèche", "l'", "de l’Ardèche"), ("69", "Rhône", "le", "du Rhône"),
    ("13", "Bouches-du-Rhône", "les", "des Bouches-du-Rhône"), ("29", "Finistère", "le", "du Finistère"),
    ("93", "Seine-Saint-Denis", "la", "de la Seine-Saint-Denis"), ("92", "Hauts-de-Seine", "les", "des Hauts-de-Seine"),
    ("38", "Isère", "l'", "de l’Isère"), ("75", "Paris", None, "de Paris"), ("974", "La Réunion", None, "de La Réunion"),
    ("90", "Territoire de Belfort", "le", "du Territoire de Belfort"),
])
def test_known_departements(code, name, article, of):
    assert grammar.departement_article(code) == article
    assert grammar.departement_article(name=name.upper()) == article  # found by its name too, as typed
    assert grammar.of(name, grammar.departement_article(code)) == of


def test_the_table_names_every_departement_and_region_as_the_reference_does():
    assert {d.code: d.name for d in geo.departements()} == {code: name for code, (name, _) in
                                                             grammar.DEPARTEMENTS.items()}
    for region in geo.regions():
        assert grammar.REGIONS[region.code][0] == region.name
    assert all(article in (None, *grammar.ARTICLES) for _, article in [*grammar.DEPARTEMENTS.values(),
                                                                       *grammar.REGIONS.values()])


def test_regions():
    assert [grammar.the(n, grammar.region_article(c)) for c, n in
            [("84", "Auvergne-Rhône-Alpes"), ("32", "Hauts-de-France"), ("44", "Grand Est"), ("53", "Bretagne")]] \
        == ["l’Auvergne-Rhône-Alpes", "les Hauts-de-France", "le Grand Est", "la Bretagne"]


def test_the_territory_rule_says_the_departement_with_its_article(pole_sud):
    from ptce_kit.criteria import check

    [result] = [r for r in check(pole_sud, "definition", at="2015").results if r.rule.id == "art9.territory"]
    fr, en = result.finding.message.render("fr"), result.finding.message.render("en")
    assert "le département de la Drôme" in fr and "le département Drôme" not in fr, fr
    assert "the Drôme département" in en, en
