"""The life of actors and ties in the activity report, the registry, the charter, ``ptce show``
and the interactive map's data (issue 19, review findings 60, 63, 64, 65, 66, 67).

Pôle Lignes, below, is small enough to count by hand:

- ``hub`` joined in 2015; ``asso`` joined in 2015 and merged into ``scic`` in March 2019;
- ``mairie`` is a member with no date of arrival; ``scic`` has none either and was created in
  June 2018;
- ``conv`` (hub, mairie) runs since 2015; ``ge`` (hub, mairie) started in 2016 for 3 years
  and the data does not say it was renewed; ``fil`` (asso, hub) since 2016, with no end: it
  stops with asso's life;
- ``atelier`` is an active project with no dates, ``ancien`` a completed one with none.

Every figure below is counted here from these lines, not read from the code.
"""

from __future__ import annotations


import pytest

from tests.markdown_support import plain as _plain, section as _section, table as _table

from ptce_kit.io import load_pole
from ptce_kit.model.life import member_known_at, span_end, tie_end, tie_known_at, undated_members_at
from ptce_kit.render.report import render_report_markdown, report_facts


POLE = """\
id: pole-lignes
name: Pôle Lignes
founded: "2015"
pivot: hub
actors:
  - {id: hub, name: Coop Lignes, category: ess_enterprise, status: member, joined: "2015"}
  - {id: mairie, name: Mairie de Lignes, category: local_authority, status: member}
  - {id: scic, name: SCIC Lignes, category: ess_enterprise, status: member, created: "2018-06"}
  - {id: asso, name: Association Fil, category: ess_enterprise, status: member, joined: "2015", created: "2010",
     ceased: "2019-03", ceased_how: merged, successor: scic}
partnerships:
  - {id: conv, actors: [hub, mairie], kind: partnership, topic: Convention, since: "2015"}
  - {id: ge, actors: [hub, mairie], kind: mutualisation, topic: Groupement d’employeurs, since: "2016",
     duration: 3 ans}
  - {id: fil, actors: [asso, hub], kind: cooperation, topic: Filière, since: "2016"}
projects:
  - {id: atelier, name: Atelier partagé, actors: [hub, scic], status: active}
  - {id: ancien, name: Ancien chantier, actors: [hub], status: completed}
indicators:
  - {name: Emplois, value: 4, unit: emplois, year: 2019, source: Rapport 2019}
"""


@pytest.fixture(scope="module")
def pole(tmp_path_factory):
    path = tmp_path_factory.mktemp("lignes") / "pole.yaml"
    path.write_text(POLE, encoding="utf-8")
    return load_pole(path)


# --- the life helpers ---------------------------------------------------------------------------

def test_a_tie_made_for_a_duration_ends_with_it(pole):
    ge = next(p for p in pole.partnerships if p.id == "ge")
    assert tie_end(ge) == "2019"  # 2016 + 3 years
    assert span_end("2016-09", None, "18 mois") == "2018-03"
    assert span_end("2016-09-30", None, "5 mois") == "2017-02-28"
    assert span_end("2016", None, "18 mois") == "2017-07"  # a year's start, its first month
    # Under way at the end of 2018; from 2019, whether it goes on is unknown: not counted.
    assert [tie_known_at(ge, f"{y}-12-31") for y in (2015, 2016, 2018, 2019, 2024)] == [False, True, True, False, False]


def test_a_member_is_counted_only_with_a_dated_arrival_and_within_its_life(pole):
    actors = {a.id: a for a in pole.actors}
    assert [member_known_at(actors["asso"], f"{y}-12-31") for y in (2014, 2015, 2018, 2019)] == [False, True, True,
                                                                                                False]
    assert not member_known_at(actors["mairie"], "2020-12-31")  # undated: never placed in a year
    # Undated members at a date: the mairie always; the SCIC only once created (June 2018).
    assert [a.id for a in undated_members_at(pole, "2017-12-31")] == ["mairie"]
    assert [a.id for a in undated_members_at(pole, "2018-12-31")] == ["mairie", "scic"]


# --- finding 64: a tie past its duration is not under way ---------------------------------------

def test_ties_under_way_do_not_count_a_tie_past_its_duration(pole):
    text = render_report_markdown(pole, 2020)
    glance = _table(_section(text, "## L’année en bref"))
    # On 1 January and 31 December 2020: conv only (ge's 3 years are over, fil ended with asso).
    assert glance[2] == ["Partenariats en cours", "1", "1"]
    note = _plain(_section(text, "## L’année en bref"))
    assert ("Le partenariat **Groupement d’employeurs** (Coop Lignes et Mairie de Lignes), engagé en 2016 pour une "
            "durée de 3 ans, n’est plus compté en cours à partir de 2019 : les données ne disent pas s’il a été "
            "renouvelé.") in note
    ended = _plain(_section(render_report_markdown(pole, 2019), "### Terminés en 2019"))
    assert "**Groupement d’employeurs**" in ended and "La durée prévue s’achève en 2019" in ended


# --- finding 65: undated members, creation dates --------------------------------------------------

def test_the_growth_table_places_no_undated_member_and_no_actor_before_its_creation(pole):
    text = render_report_markdown(pole, 2020)
    rows = _table(_section(text, "## L’évolution du pôle"))
    assert rows[0] == ["Au 31 décembre", "Membres dont l’arrivée est datée", "Partenariats en cours"]
    # members: hub and asso from 2015, asso gone in 2019; ties: conv from 2015, ge and fil 2016–2018
    assert rows[1:] == [["2015", "2", "1"], ["2016", "2", "3"], ["2017", "2", "3"], ["2018", "2", "3"],
                        ["2019", "1", "1"], ["2020", "1", "1"]]
    glance = _plain(_section(text, "## L’année en bref"))
    assert _table(glance)[1] == ["Membres dont l’arrivée est datée", "1", "1"]
    assert ("2 membres n’ont pas de date d’arrivée dans les données (date inconnue) : Mairie de Lignes et SCIC "
            "Lignes. Ils ne sont comptés dans aucune année.") in glance
    # In 2017 the SCIC did not exist yet: it is not among the members at all.
    early = _plain(render_report_markdown(pole, 2017))
    assert "Un membre n’a pas de date d’arrivée dans les données (date inconnue) : Mairie de Lignes." in early
    assert "SCIC Lignes" not in _section(early, "## L’année en bref") + _section(early, "## L’évolution du pôle")
    assert _table(_section(early, "### Composition au 31 décembre 2017"))[1:] == [
        ["Entreprises", "2"], ["Collectivités et organismes publics", "1"]]  # hub, asso; mairie
    # The composition counts the dated members and the undated ones of the last day: hub, mairie, scic.
    composition = _table(_section(text, "### Composition au 31 décembre 2020"))
    assert composition[1:] == [["Entreprises", "2"], ["Collectivités et organismes publics", "1"]]


# --- finding 60: a merged actor has left, and every count agrees ---------------------------------

def test_a_merged_actor_is_counted_nowhere_after_its_life_and_counts_agree(pole):
    from ptce_kit.render.documents import render_markdown
    from ptce_kit.render.interactive import map_data
    from ptce_kit.summary import summarize

    facts = report_facts(pole, 2019)
    assert [d["actor"].id for d in facts["departures"]] == ["asso"] and facts["departures"][0]["ceased"]
    departures = _plain(_section(render_report_markdown(pole, 2019), "### Départs"))
    assert "a fusionné avec **SCIC Lignes** en mars 2019" in departures and "quitté" not in departures
    # Members now: hub, mairie, scic (asso merged): 3 in the charter, the registry and ptce show.
    charter = _plain(render_markdown(pole, "charter", lang="fr"))
    assert "Le pôle réunit 3 membres" in charter
    registry = _plain(render_markdown(pole, "registry", lang="fr"))
    assert registry.splitlines()[4].startswith("3 membres")
    asso_row = next(row for row in _table(registry) if row and row[0] == "Association Fil" or "Association Fil" in row)
    assert "mars 2019" in asso_row  # its date of departure: its life's end
    summary = summarize(pole)["actors"]
    assert summary["by_status"] == {"member": 3} and summary["ended"] == 1
    # The report's last day: 1 dated member (hub) + 2 undated (mairie, scic) = the charter's 3.
    end = report_facts(pole, 2020)
    assert end["members_end"] + len(end["undated_members"]) == 3
    # The interactive map's slider: asso until its end, scic from its creation, ge until its duration ends.
    data = map_data(pole)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["asso"]["left"] == "2019-03" and nodes["scic"]["joined"] == "2018-06"
    assert nodes["mairie"]["joined"] is None and nodes["hub"]["left"] is None
    until = {e["partnership"]: e["until"] for e in data["edges"]} if "edges" in data else {
        p[0]: p[4] for p in data["ties"]["partnerships"]}
    assert until["ge"] == "2019" and until["conv"] is None


# --- finding 63: an active project without dates --------------------------------------------------

def test_an_active_project_without_dates_is_under_way_with_dates_to_fill(pole):
    section = _plain(_section(render_report_markdown(pole, 2020), "## Les projets"))
    assert ("- Projet en cours (dates à préciser) : **Atelier partagé**, avec Coop Lignes et SCIC Lignes."
            in section)
    assert "aucun projet" not in section.lower() and "Aucun projet daté" not in section
    assert "Un projet n’a pas de dates dans les données et n’y est pas indiqué en cours" in section
    english = render_report_markdown(pole, 2020, lang="en")
    assert "- Project under way (dates to be stated): **Atelier partagé**, with Coop Lignes and SCIC Lignes." in english


# --- finding 66: plain French, a jobs line to fill in --------------------------------------------

def test_the_report_says_it_plainly_and_leaves_a_jobs_line_to_fill(pole):
    text = _plain(render_report_markdown(pole, 2020))
    assert "Les données n’enregistrent" not in text and "selon les données" not in text
    assert "telle que l’enregistrent" not in text
    assert "Aucune arrivée ni aucun départ en 2020." in text
    assert "Aucun partenariat engagé ni terminé en 2020." in text
    jobs = _table(_section(text, "## Emplois et indicateurs"))
    assert jobs[1] == ["Emplois", "le pôle", "4 emplois", "[à compléter]", "", ""]
    assert "[Décisions prises en 2020 à compléter.]" in text  # the data keeps no decisions: a blank


# --- finding 67: the figures' titles ------------------------------------------------------------

def test_the_figures_give_dates_in_words_and_say_what_they_count(pole):
    from ptce_kit.render.maps import composition_figure, small_multiples_figure
    from ptce_kit.render.report import _date_in_words, _panel_titles

    fig = small_multiples_figure(pole, ["2020-01-01", "2020-12-31"], lang="fr")
    _panel_titles(fig, pole, "fr")
    titles = [ax.get_title(loc="left") for ax in fig.axes if ax.get_label().startswith("2020")]
    # hub, mairie, scic on the map (asso merged); conv only under way: one link between two actors.
    assert titles == ["1er janvier 2020\n3 acteurs, 1 partenariat en cours\n(1 lien entre deux acteurs)",
                      "31 décembre 2020\n3 acteurs, 1 partenariat en cours\n(1 lien entre deux acteurs)"]
    fig = composition_figure(pole, lang="fr", at="2020-12-31")
    _date_in_words(fig, "2020-12-31", "fr")
    assert any(t.get_text().endswith("au 31 décembre 2020") for t in fig.texts)
    assert not any("2020-12-31" in t.get_text() for t in fig.texts)
