"""The documents show what the format for real poles holds, and only what it says (issues 16, 19).

Small poles under ``tests/data/documents/``: public support with every outcome and labels
(``public-support``), one-off events beside a partnership and conflicting sources
(``events-and-variants``), a territory over two départements with its population and
priority areas, a form history and figures by scope, by year, as a range and a lower bound
(``territory-and-figures``).  Each is read in French and in English; the fictitious second
example is built as users build it and its fiche checked for the same constructs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ptce_kit.io import load_pole
from ptce_kit.model import Pole
from ptce_kit.render.documents import render_markdown
from ptce_kit.render.report import render_report_markdown

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "documents"


def _pole(name: str) -> Pole:
    return load_pole(DATA / f"{name}.yaml")


def _plain(text: str) -> str:
    """Markdown without escapes, with ordinary spaces (no-break spaces are typography)."""
    return re.sub(r"[\u00a0\u202f]", " ", text.replace("\\", ""))


def _doc(name: str, document: str = "fiche", lang: str = "fr") -> str:
    return _plain(render_markdown(_pole(name), document, lang=lang))


def _section(text: str, heading: str) -> str:
    """The text under a heading, up to the next heading of the same level or above."""
    level = heading.split(" ")[0]
    start = text.index(heading) + len(heading)
    ends = [m.start() for m in re.finditer(r"^#{1,%d} " % len(level), text[start:], re.MULTILINE)]
    return text[start:start + ends[0]] if ends else text[start:]


def _between(text: str, start: str, end: str | None) -> str:
    begin = text.index(start)
    return text[begin:text.index(end, begin)] if end else text[begin:]


# --- public support and labels ---------------------------------------------------------------

def test_only_laureate_support_is_presented_as_received_in_french():
    section = _section(_doc("public-support"), "## Soutiens publics, labels et agréments")
    received = _between(section, "Soutiens obtenus :", "Demande dont")
    assert "- **État** : appel à projets PTCE de 2015, 50 000 €, de 2016 à 2017." in received
    assert ("- **La Commune de Vallon**, à la SCIC Terres d'Ici, programme « Subvention de fonctionnement », "
            "8 000 €, en 2022.") in received
    assert "Fondation" not in received and "Région Sud" not in received
    awaiting = _between(section, "Demande dont l’issue n’est pas connue ou est attendue "
                                 "(ce ne sont pas des soutiens obtenus) :", "Candidature non retenue")
    assert "- **Région Sud** : AAP Économie de proximité 2024, en 2024." in awaiting
    refused = _between(section, "Candidature non retenue (aucun soutien reçu) :", "Labels et agréments")
    assert "- **Fondation des Vallées**, programme « Fonds rural », en 2023." in refused
    # An application's amount is never printed, so it cannot be read as money received.
    assert "120" not in section and "30 000" not in section and "CHF" not in section


def test_only_laureate_support_is_presented_as_received_in_english():
    section = _section(_doc("public-support", lang="en"), "## Public support, labels and agreements")
    received = _between(section, "Support received:", "Application whose")
    assert "- **État**: its 2015 call for PTCE projects, €50,000, from 2016 to 2017." in received
    assert "Fondation" not in received and "Région Sud" not in received
    assert "- **Fondation des Vallées**, programme “Fonds rural”, in 2023." in _between(
        section, "Application not retained (no support received):", "Labels and agreements")
    assert "CHF" not in section


def test_labels_and_agreements_with_their_holder_and_dates():
    french = _section(_doc("public-support"), "## Soutiens publics, labels et agréments")
    assert ("- Agrément « entreprise solidaire d’utilité sociale » (ESUS) : la SCIC Terres d'Ici, "
            "depuis mars 2015.") in french
    assert "- Label « Fabrique de territoire », de 2019 à 2022." in french  # the pole's own: no « : le pôle »
    english = _doc("public-support", lang="en")
    assert "- “Entreprise solidaire d’utilité sociale” (ESUS) agreement: SCIC Terres d'Ici, since March 2015." in english
    assert "- “Fabrique de territoire” label, from 2019 to 2022." in english


def test_the_report_lists_only_support_received_that_year():
    pole = _pole("public-support")
    support_2016 = _section(_plain(render_report_markdown(pole, 2016)), "## Soutiens publics")
    assert "**État** : appel à projets PTCE de 2015, 50 000 €, de 2016 à 2017." in support_2016
    for year in (2023, 2024):  # not retained, then pending: no support received
        section = _section(_plain(render_report_markdown(pole, year)), "## Soutiens publics")
        assert "Fondation" not in section and "Région Sud" not in section
        assert f"Aucun soutien public reçu en {year}." in section
    english = _plain(render_report_markdown(pole, 2022, lang="en"))
    assert "**Commune de Vallon**: Subvention de fonctionnement, €8,000, in 2022." in english


# --- one-off events and conflicting sources ---------------------------------------------------

def test_one_off_events_are_listed_apart_from_the_partnerships():
    fiche = _doc("events-and-variants")
    events = _section(fiche, "## Événements ponctuels")
    assert "ils ne sont pas des partenariats durables du pôle" in events
    assert ("- Septembre 2019 : don de la Menuiserie Durand à l’Atelier partagé. Deux machines à bois données à "
            "la fermeture de l'usine.") in events
    assert "- 12 avril 2021 : reprise de la Menuiserie Durand par la Recyclerie du Val." in events
    cooperation = _section(_doc("events-and-variants", "charter"), "## Article 3 : Les formes de la coopération")
    assert "don" not in cooperation and "reprise" not in cooperation and "Recyclerie" not in cooperation
    english = _section(_doc("events-and-variants", lang="en"), "## One-off events")
    assert "- September 2019: gift from Menuiserie Durand to Atelier partagé." in english
    assert "- April 12, 2021: takeover of Menuiserie Durand by Recyclerie du Val." in english


def test_conflicting_sources_show_the_value_that_counts_and_every_source():
    section = _section(_doc("events-and-variants"), "## Sources divergentes")
    assert ("- Date de création du pôle : valeur retenue 2009 ; selon les sources : 2009 (statuts), "
            "2008 (article de presse). Les statuts font foi.") in section
    # Without a chosen value, the value that counts is the field's own.
    assert ("- Date d’arrivée de la Recyclerie du Val : valeur retenue 2012 ; selon les sources : 2012 (registre), "
            "2013 (rapport annuel).") in section
    english = _section(_doc("events-and-variants", lang="en"), "## Conflicting sources")
    assert ("- Founding date of the pole: value retained 2009; according to the sources: 2009 (statuts), "
            "2008 (article de presse).") in english


# --- the territory, the form history and the figures -------------------------------------------

def test_the_territory_with_its_departements_population_and_priority_areas():
    fiche = _doc("territory-and-figures")
    assert ("Territoire : la Vallée de l'Ouvèze (Drôme, Vaucluse). Population : 21 500 habitants en 2021 "
            "(INSEE, population légale 2021). Zones prioritaires de l’État : FRR « France Ruralités "
            "Revitalisation », QPV « Les Aubépines » (QN08412M).") in fiche
    english = _doc("territory-and-figures", lang="en")
    assert ("Territory: Vallée de l'Ouvèze (Drôme, Vaucluse). Population: 21,500 inhabitants in 2021 "
            "(INSEE, population légale 2021). Priority areas of the State: FRR “France Ruralités "
            "Revitalisation”, QPV “Les Aubépines” (QN08412M).") in english


def test_the_current_form_and_its_history():
    # the current form is named once: the history says since when, and what came before
    history = "Il a cette forme depuis juin 2015 ; auparavant : association (loi du 1er juillet 1901) de 2010 à juin 2015."
    fiche = _section(_doc("territory-and-figures"), "## L’organisation")
    assert fiche.strip().startswith("Le pôle est constitué en société coopérative d’intérêt collectif (SCIC).")
    assert history in fiche
    assert history in _section(_doc("territory-and-figures", "charter"), "## Article 3 : Gouvernance")
    assert ("It has had this form since June 2015; before: association (loi of 1 July 1901) from 2010 to "
            "June 2015.") in _doc(
        "territory-and-figures", lang="en")


def test_figures_by_scope_series_by_year_ranges_and_lower_bounds_in_french():
    figures = _section(_doc("territory-and-figures"), "## Données chiffrées")
    own = figures[:figures.index("### Chiffres des acteurs")]
    # The latest year is the current figure, then each earlier year's: never their sum (135,5).
    assert "- Emplois : 50 emplois en 2015 ; auparavant : 45,5 emplois en 2014, 40 emplois en 2013." in own
    assert "135" not in figures
    assert "- Laine lavée : de 30 à 35 tonnes en 2015." in own
    assert "- Chiffre d'affaires : plus de 3 000 000 euros." in own
    assert "2 392" not in own  # the territory's figure is not the pole's
    assert "- Emplois (la Ferme des Aubépines) : 6 emplois en 2015." in _section(figures, "### Chiffres des acteurs")
    territory = _section(figures, "### Chiffres du territoire")
    assert "Ces chiffres décrivent le territoire (la Vallée de l'Ouvèze), non le pôle ni ses membres." in territory
    assert "- Emplois de l'ESS : 2 392 emplois en 2015." in territory


def test_figures_by_scope_series_by_year_ranges_and_lower_bounds_in_english():
    figures = _section(_doc("territory-and-figures", lang="en"), "## Figures")
    own = figures[:figures.index("### Figures of the actors")]
    assert "- Emplois: 50 jobs in 2015; earlier: 45.5 jobs in 2014, 40 jobs in 2013." in own
    assert "- Laine lavée: 30 to 35 tonnes in 2015." in own
    assert "- Chiffre d'affaires: at least 3,000,000 euros." in own
    assert "2,392" not in own
    assert "- Emplois de l'ESS: 2,392 jobs in 2015." in _section(figures, "### Figures of the territory")


def test_the_charter_follows_the_territorys_figures_apart_from_the_poles():
    evaluation = _section(_doc("territory-and-figures", "charter"), "## Article 6 : Évaluation")
    own, territory = evaluation.split("Ils suivent aussi ce chiffre du territoire, qui décrit le territoire et non "
                                      "l’activité du pôle :")
    assert "Emplois de l'ESS" not in own and "| Emplois de l'ESS | 2 392 emplois | 2015 |" in territory
    assert "| Emplois | 50 emplois | 2015 |" in own
    english = _section(_doc("territory-and-figures", "charter", "en"), "## Article 6: Evaluation")
    assert "They also follow this figure of the territory, which describes the territory, not the activity" in english


def test_the_report_says_a_territorys_figure_is_the_territorys_and_compares_no_range():
    pole = _pole("territory-and-figures")
    ranged = pole.model_copy(update={"indicators": [*pole.indicators, pole.indicators[3].model_copy(
        update={"year": 2014, "min": 28.0, "max": 31.0})]})
    rows = [line for line in _plain(render_report_markdown(ranged, 2015)).splitlines() if line.startswith("| ")]
    assert "| Emplois de l'ESS | le territoire |  | 2 392 emplois |  | observatoire régional de l'ESS |" in rows
    # Two ranges side by side: no change is computed from them.
    assert "| Laine lavée | le pôle | de 28 à 31 tonnes | de 30 à 35 tonnes |  | rapport de la filière |" in rows
    assert "| Emplois | le pôle | 45,5 emplois | 50 emplois | +4,5 (+9,9 %) | bilan 2015 |" in rows
    english = _plain(render_report_markdown(ranged, 2015, lang="en"))
    assert "| Emplois de l'ESS | the territory |" in english


# --- the fictitious second example --------------------------------------------------------------

@pytest.fixture(scope="module")
def coteaux_fiche(tmp_path_factory) -> str:
    """The fiche the documents' writer makes of the example (``ptce build`` itself is run on it
    in ``tests/test_example_coteaux.py``)."""
    from ptce_kit.render.documents import write_documents

    out = tmp_path_factory.mktemp("coteaux")
    write_documents(load_pole(ROOT / "examples" / "coteaux_fictif" / "pole.yaml"), out, formats=["md"])
    return _plain((out / "fiche.md").read_text(encoding="utf-8"))


def test_the_fictitious_examples_fiche_shows_the_new_constructs(coteaux_fiche):
    assert "- Emplois : 18 emplois en 2023 ; auparavant : 12 emplois en 2018." in coteaux_fiche
    assert "- Bois transformé : de 30 à 35 tonnes en 2023." in coteaux_fiche
    assert "Il a cette forme depuis juin 2016 ; auparavant : association (loi du 1er juillet 1901) de 2011 à juin 2016." in coteaux_fiche
    support = _section(coteaux_fiche, "## Soutiens publics, labels et agréments")
    assert "appel à projets PTCE de 2015, 50 000 €, de 2016 à 2017." in support
    assert "8 000 €, en 2022." in support and "(ESUS)" in support
    assert "- Septembre 2019 : don de" in _section(coteaux_fiche, "## Événements ponctuels")
    assert "valeur retenue 2011 ; selon les sources : 2011" in _section(coteaux_fiche, "## Sources divergentes")
    assert "Territoire : le Diois (exemple fictif) (Drôme)." in coteaux_fiche


def test_the_charter_says_when_the_sources_disagree_on_a_members_date():
    french = _doc("events-and-variants", "charter")
    assert ("- **Recyclerie du Val** (entreprise de l’ESS), membre depuis 2012 (les sources divergent : "
            "registre, 2012 ; rapport annuel, 2013).") in french
    assert "- **Atelier partagé** (entreprise de l’ESS), membre depuis 2010." in french  # no dispute, no note
    english = _doc("events-and-variants", "charter", "en")
    assert "member since 2012 (the sources disagree: registre, 2012; rapport annuel, 2013)." in english


def test_the_report_tells_the_years_events_labels_and_change_of_form():
    events = _plain(render_report_markdown(_pole("events-and-variants"), 2019))
    assert ("### Événements ponctuels\n\n- Septembre 2019 : don de la Menuiserie Durand à l’Atelier partagé."
            in events)
    assert "reprise de" not in events  # the takeover is of 2021
    assert "- 12 avril 2021 : reprise de la Menuiserie Durand par la Recyclerie du Val." in _plain(
        render_report_markdown(_pole("events-and-variants"), 2021))
    form = _section(_plain(render_report_markdown(_pole("territory-and-figures"), 2015)), "### Forme juridique")
    assert form.strip() == "Le pôle s’est constitué en société coopérative d’intérêt collectif (SCIC) en juin 2015."
    assert "### Forme juridique" not in _plain(render_report_markdown(_pole("territory-and-figures"), 2014))
    labels = _plain(render_report_markdown(_pole("public-support"), 2022, lang="en"))
    assert "Ended in 2022:\n\n- “Fabrique de territoire” label, from 2019 to 2022." in labels
