"""The defects a French reviewer still found in the generated documents (issue 19).

Each test builds the small pole that shows one defect and checks the sentence that was
wrong: a registry heading that counted an actor no longer in the pole, French durations in
English documents, numbers not written as the reader's language writes them, the charter's
first article calling « non remplie » a condition whose data is missing, and sentences that
say the same thing twice.
"""

from __future__ import annotations

import re

from ptce_kit.model import Pole
from ptce_kit.render.documents import render_markdown
from ptce_kit.render.report import render_report_markdown
from ptce_kit.render.typography import NNBSP


def _plain(text: str) -> str:
    """Markdown without escapes, with ordinary spaces (no-break spaces are typography)."""
    return re.sub(r"[\u00a0\u202f]", " ", text.replace("\\", ""))


def _headings(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("## ")]


def _article(text: str, title: str) -> str:
    start = re.search(r"^## Article \d+ ?: " + re.escape(title) + "$", text, re.MULTILINE)
    assert start, f"no article {title!r}"
    end = text.find("\n## ", start.end())
    return text[start.end():end if end >= 0 else None]


# --- 1. the registry counts what it lists ------------------------------------------------

def _merged_pole() -> Pole:
    """Two members now; a third merged into one of them, a fourth left, a partner left too."""
    return Pole(id="p", name="Pôle Fusion", actors=[
        {"id": "scop", "name": "Scop Bois", "category": "ess_enterprise", "status": "member", "joined": "2015"},
        {"id": "asso", "name": "Association Énergie", "category": "ess_enterprise", "status": "member", "joined": "2012",
         "ceased": "2017-03", "ceased_how": "merged", "successor": "scop"},
        {"id": "sarl", "name": "SARL Menuiserie", "category": "enterprise", "status": "member", "joined": "2014"},
        {"id": "gone", "name": "SAS Partie", "category": "enterprise", "status": "member", "joined": "2013", "left": "2019"},
    ])


def test_the_registry_lists_merged_and_departed_members_apart_and_counts_each_section():
    text = _plain(render_markdown(_merged_pole(), "registry"))
    headings = _headings(text)
    assert "## Membres (2)" in headings, headings
    assert "## Anciens membres (2)" in headings, headings
    assert text.index("## Membres (2)") < text.index("## Anciens membres (2)")
    members = text[text.index("## Membres (2)"):text.index("## Anciens membres")]
    assert "Association Énergie" not in members and "SAS Partie" not in members
    # the first sentence counts the same actors as the tables
    assert "2 membres, aucun partenaire et aucun acteur pressenti. Le registre liste à part 2 anciens membres." in text
    english = _plain(render_markdown(_merged_pole(), "registry", lang="en"))
    assert "## Members (2)" in _headings(english) and "## Former members (2)" in _headings(english)


def test_a_former_partner_is_not_called_a_former_member():
    pole = Pole(id="p", name="P", actors=[
        {"id": "a", "name": "A", "category": "ess_enterprise", "status": "member"},
        {"id": "b", "name": "B", "category": "local_authority", "status": "partner", "left": "2020"}])
    text = _plain(render_markdown(pole, "registry"))
    assert "## Anciens partenaires (1)" in _headings(text)
    assert "## Partenaires" not in text
    assert "1 membre, aucun partenaire et aucun acteur pressenti. Le registre liste à part 1 ancien partenaire." in text
    mixed = Pole(id="p", name="P", actors=[*pole.actors, {"id": "c", "name": "C", "category": "enterprise", "status": "member",
                                                           "left": "2021"}])
    text = _plain(render_markdown(mixed, "registry"))
    assert "## Anciens membres et partenaires (2)" in _headings(text)
    assert "Le registre liste à part 2 anciens membres et partenaires." in text


def test_the_registry_csv_keeps_every_actor_in_the_file_order():
    from ptce_kit.render.documents import registry_csv

    rows = registry_csv(_merged_pole()).decode("utf-8-sig").splitlines()[1:]
    assert [row.split(";")[0] for row in rows] == ["scop", "asso", "sarl", "gone"]


# --- 2. durations and numbers in the reader's language ------------------------------------

def _durations_pole() -> Pole:
    return Pole(id="p", name="Pôle Durée", actors=[
        {"id": "a", "name": "Scop A", "category": "ess_enterprise", "status": "member", "joined": "2018"},
        {"id": "b", "name": "SARL B", "category": "enterprise", "status": "member", "joined": "2018"}],
        partnerships=[
            {"id": "ge", "actors": ["a", "b"], "kind": "mutualisation", "topic": "Groupement d’employeurs",
             "resources": ["staff"], "since": "2019", "duration": "3 ans", "participants_known": False,
             "participants": 1200},
            {"id": "halle", "actors": ["a", "b"], "kind": "cooperation", "topic": "Halle", "since": "2018",
             "duration": "18 mois"}],
        indicators=[{"name": "Emplois", "value": 12, "unit": "jobs", "year": 2020, "period": "4 ans", "source": "s"}])


def test_the_english_report_and_charter_write_durations_in_english():
    pole = _durations_pole()
    report = _plain(render_report_markdown(pole, 2023, lang="en"))
    assert "for 3 years" in report
    charter = _plain(render_markdown(pole, "charter", lang="en"))
    assert "for 3 years" in charter and "for 18 months" in charter
    assert "| 4 years 2020 |" in charter  # the indicator's period
    for text in (report, charter):
        assert not re.search(r"\b\d+ (ans|mois)\b", text), text


def test_french_documents_write_english_durations_in_french():
    pole = _durations_pole().model_copy(deep=True)
    pole.partnerships[0].duration = "3 years"
    charter = _plain(render_markdown(pole, "charter"))
    assert "pour une durée de 3 ans" in charter and "pour une durée de 18 mois" in charter
    assert "years" not in charter


def test_numbers_are_written_as_the_language_writes_them():
    pole = _durations_pole()
    assert f"(1{NNBSP}200 en tout)" in render_markdown(pole, "charter")
    assert "(1,200 in all)" in render_markdown(pole, "charter", lang="en")


def test_the_evaluation_table_has_no_stray_space_before_a_year_without_period():
    pole = Pole(id="p", name="P", actors=[{"id": "a", "name": "A", "category": "ess_enterprise", "status": "member"}],
                indicators=[{"name": "Emplois", "value": 12, "unit": "jobs", "year": 2020, "source": "s"}])
    assert "| 12 emplois | 2020 |" in _plain(render_markdown(pole, "charter"))


# --- 4. the charter's first article: not established is not unmet -------------------------

def _warning_pole() -> Pole:
    """Two ESS enterprises and a commune, tied, but no body meeting at a cadence: the data
    does not show a continuing strategy (a warning), it does not show it lacking."""
    return Pole(id="p", name="Pôle Naissant", actors=[
        {"id": "a", "name": "Recyclerie", "category": "ess_enterprise", "status": "member"},
        {"id": "b", "name": "Scop Bois", "category": "ess_enterprise", "status": "member"},
        {"id": "c", "name": "SARL Menuiserie", "category": "enterprise", "status": "member"},
        {"id": "d", "name": "Commune de Die", "category": "local_authority", "status": "member"}],
        partnerships=[{"id": "t", "actors": ["a", "b", "c", "d"], "kind": "cooperation", "topic": "Collecte"}])


def test_a_condition_the_data_does_not_show_is_not_established_with_the_field_that_would_decide():
    purpose = _article(_plain(render_markdown(_warning_pole(), "charter")), "Objet")
    # Nothing shown unmet: the data does not establish the definition, it does not deny it.
    assert "Les données du pôle ne permettent pas encore d’établir que toutes les conditions de cette " \
           "définition sont remplies" in purpose
    assert "ne remplit pas" not in purpose
    assert "« pour mettre en œuvre une stratégie commune et continue de mutualisation, de coopération ou de " \
           "partenariat » : condition non établie" in purpose
    assert "le rythme de réunion des instances du pôle (champ `governance.bodies[].cadence`)" in purpose
    assert "non remplie" not in purpose
    assert "à conforter" not in purpose and "Reste à établir" not in purpose
    english = _article(_plain(render_markdown(_warning_pole(), "charter", lang="en")), "Purpose")
    assert "condition not established" in english and "`governance.bodies[].cadence`" in english
    assert "not met" not in english and "to strengthen" not in english


def _public_pole(name: str = "Pôle Public") -> Pole:
    """A commune and a laboratory, tied, and no enterprise: the ESS core is shown missing (unmet)."""
    return Pole(id="p", name=name, actors=[
        {"id": "c", "name": "Commune de Die", "category": "local_authority", "status": "member"},
        {"id": "l", "name": "Laboratoire", "category": "research_centre", "status": "member"}],
        partnerships=[{"id": "t", "actors": ["c", "l"], "kind": "cooperation", "topic": "Études"}])


def test_a_condition_the_data_shows_unmet_reads_non_remplie():
    pole = _public_pole()
    purpose = _article(_plain(render_markdown(pole, "charter")), "Objet")
    assert "« qui s’associent à des entreprises » : condition non remplie, d’après les données du pôle" in purpose
    # the continuing strategy is still only not established
    assert "de partenariat » : condition non établie" in purpose


def test_the_points_a_person_judges_are_left_to_the_members():
    purpose = _article(_plain(render_markdown(_warning_pole(), "charter")), "Objet")
    judged = next(line for line in purpose.splitlines() if line.startswith("Les membres apprécient eux-mêmes"))
    assert judged.startswith("Les membres apprécient eux-mêmes les points que les données ne tranchent pas : ")
    assert "« innovants socialement ou technologiquement »" in judged and judged.endswith(".")
    # A datum missing (the pole lists no project) is not the members' judgement: it is not established.
    assert "« au service de projets économiques et sociaux »" not in judged
    assert "« au service de projets économiques et sociaux » : condition non établie" in purpose


def test_the_conditions_are_a_list_each_line_in_a_semicolon_the_last_in_a_full_stop():
    pole = _public_pole()
    purpose = _article(_plain(render_markdown(pole, "charter")), "Objet")
    items = [line for line in purpose.splitlines() if line.startswith("- ")]
    # no ESS enterprise (unmet), no other enterprise, no project, no territory (not established)
    assert len(items) == 5, items
    assert items[-1].endswith(".") and all(i.endswith(" ;") for i in items[:-1])


# --- 3. sentences that say a fact twice, or nothing ---------------------------------------

def _said_twice_pole() -> Pole:
    return Pole(id="p", name="Pôle Redit", founded="2011",
                territory={"name": "Diois", "article": "le", "communes": [{"code": "26113", "name": "Die"}],
                           "population": {"value": 11000, "year": 2021, "source": "Insee, recensement."}},
                actors=[
                    {"id": "scic", "name": "SCIC Les Coteaux", "category": "ess_enterprise", "status": "member", "roles": ["pivot"]},
                    {"id": "sas", "name": "SAS Atelier", "category": "enterprise", "status": "member", "legal_form": "SAS"},
                    {"id": "halle", "name": "Halle des Coteaux", "category": "other", "status": "member"},
                    {"id": "die", "name": "Commune de Die", "category": "local_authority", "status": "member"}],
                partnerships=[
                    {"id": "t1", "actors": ["scic", "sas"], "kind": "cooperation", "topic": "Atelier partagé"},
                    {"id": "t2", "actors": ["scic", "die"], "kind": "partnership"},
                    {"id": "t3", "actors": ["scic", "halle"], "kind": "mutualisation", "resources": ["premises"]},
                    {"id": "t4", "actors": ["scic", "sas", "die"], "kind": "cooperation"}],
                governance={"form": "scic", "form_history": [{"form": "association", "since": "2011", "until": "2016-06"},
                                                             {"form": "scic", "since": "2016-06"}]},
                indicators=[{"name": "Structures membres", "value": 8, "source": "site"}],
                variants=[{"field": "indicators[0].value", "values": [{"value": 5, "source": "fiche 2013"},
                                                                       {"value": 8, "source": "site"}]}],
                support=[{"funder": {"name": "État", "article": "l'", "kind": "state", "name_en": "State", "article_en": "the"},
                          "call": "ptce-2015", "outcome": "laureate",
                          "since": "2016", "until": "2017"}],
                labels=[{"kind": "fabrique-de-territoire", "since": "2020", "until": "2023"}])


def _members_article(text: str) -> str:
    return _article(text, "Membres et engagements")


def test_a_member_s_category_is_not_the_heading_it_stands_under():
    members = _members_article(_plain(render_markdown(_said_twice_pole(), "charter")))
    enterprises = members[members.index("### Entreprises"):members.index("### Collectivités")]
    assert "**SAS Atelier** (SAS)" in enterprises and "(entreprise, SAS)" not in enterprises
    others = members[members.index("### Autres acteurs"):]
    assert "**Halle des Coteaux**." in others or "**Halle des Coteaux**. " in others, others
    assert "(autre" not in others
    # a category that says more than the heading stays
    assert "**SCIC Les Coteaux** (entreprise de l’ESS" in enterprises
    assert "**Commune de Die** (collectivité territoriale)" in members


def test_an_actor_s_untitled_ties_are_one_blank_not_one_blank_each():
    members = _members_article(_plain(render_markdown(_said_twice_pole(), "charter")))
    pivot = next(line for line in members.splitlines() if line.startswith("- **SCIC Les Coteaux**"))
    assert "Partenariats : Atelier partagé ; 3 autres [intitulés à préciser]." in pivot, pivot
    assert pivot.count("à préciser") == 1
    die = next(line for line in members.splitlines() if line.startswith("- **Commune de Die**"))
    assert "Partenariats : 2 [intitulés à préciser]." in die, die
    english = _members_article_en(_plain(render_markdown(_said_twice_pole(), "charter", lang="en")))
    assert "Partnerships: Atelier partagé; 3 others [titles to be specified]." in english


def _members_article_en(text: str) -> str:
    return _article(text, "Members and commitments")


def test_the_current_legal_form_is_named_once():
    pole = _said_twice_pole()
    for text in (_plain(render_markdown(pole, "fiche")), _plain(render_markdown(pole, "charter"))):
        assert "Le pôle est constitué en société coopérative d’intérêt collectif (SCIC)." in text
        assert "Il a cette forme depuis juin 2016 ; auparavant : association (loi du 1er juillet 1901) de 2011 à " \
               "juin 2016." in text
        assert text.count("société coopérative d’intérêt collectif (SCIC) depuis") == 0
        assert "Formes successives" not in text


def test_a_disputed_figure_is_named_by_its_figure():
    fiche = _plain(render_markdown(_said_twice_pole(), "fiche"))
    assert "- Valeur du chiffre « Structures membres » : valeur retenue 8 ; selon les sources : 5 (fiche 2013), " \
           "8 (site)." in fiche
    assert "- Valeur : " not in fiche
    assert "Value of the figure “Structures membres”: value retained 8" in \
           _plain(render_markdown(_said_twice_pole(), "fiche", lang="en"))


def test_the_state_is_not_named_twice_in_one_support():
    fiche = _plain(render_markdown(_said_twice_pole(), "fiche"))
    assert "- **L’État** : appel à projets PTCE de 2015, de 2016 à 2017." in fiche
    assert "l’État de 2015" not in fiche
    report = _plain(render_report_markdown(_said_twice_pole(), 2016))
    assert "**L’État** : appel à projets PTCE de 2015" in report and "l’État de 2015" not in report
    english = _plain(render_markdown(_said_twice_pole(), "fiche", lang="en"))
    assert "**The State**: its 2015 call for PTCE projects" in english
    # another funder of a State call keeps the State's name
    other = _said_twice_pole().model_copy(deep=True)
    other.support[0].funder.name = "Région Auvergne-Rhône-Alpes"
    other.support[0].funder.article = "la"
    other.support[0].funder.kind = "region"
    assert "appel à projets PTCE de l’État de 2015" in _plain(render_markdown(other, "fiche"))


def test_a_label_that_ended_is_not_a_line_of_two_colons():
    report = _plain(render_report_markdown(_said_twice_pole(), 2023))
    labels = report[report.index("### Labels et agréments"):]
    assert "Arrivé à terme en 2023 :\n\n- Label « Fabrique de territoire », de 2020 à 2023." in labels
    assert not [line for line in labels.splitlines() if line.count(" : ") > 1]


def test_the_pole_s_own_label_is_not_said_to_be_held_by_the_pole():
    # « Label … : le pôle » in the pole's own fiche says nothing; a member's label names its holder.
    data = _said_twice_pole().model_dump(mode="json", exclude_none=True)
    data["labels"].append({"kind": "esus", "holder": "scic", "since": "2020"})
    pole = Pole.model_validate(data)
    fiche = _plain(render_markdown(pole, "fiche"))
    assert "- Label « Fabrique de territoire », de 2020 à 2023." in fiche and ": le pôle" not in fiche
    assert "- Agrément « entreprise solidaire d’utilité sociale » (ESUS) : SCIC Les Coteaux, depuis 2020." in fiche


def test_a_source_that_ends_in_a_full_stop_gets_no_second_one():
    fiche = _plain(render_markdown(_said_twice_pole(), "fiche"))
    assert "Population : 11 000 habitants en 2021 (Insee, recensement)." in fiche
    assert ".)." not in fiche


def test_a_plural_pole_name_takes_a_plural_verb():
    # No ESS enterprise: a condition the data shows unmet, so the charter says the pole does not meet it.
    pole = _public_pole("Les Ateliers du Val")
    purpose = _article(_plain(render_markdown(pole, "charter")), "Objet")
    assert "Au vu de ses données, les Ateliers du Val ne remplissent pas encore toutes les conditions" in purpose
    assert "condition non remplie, d’après les données du pôle" in purpose


def test_the_growth_figure_writes_its_counts_as_the_language_does():
    from ptce_kit.render.report import growth_figure

    french = [t.get_text() for t in growth_figure([(2020, 1200, 3), (2021, 1500, 4)], "fr").axes[0].texts]
    assert french == [f"1{NNBSP}200", f"1{NNBSP}500", "3", "4"]
    assert [t.get_text() for t in growth_figure([(2020, 1200, 3)], "en").axes[0].texts] == ["1,200", "3"]


# --- 3 (the report). A year's heading says the year: its lines do not say it again ----------

def _year_pole() -> Pole:
    return Pole(id="p", name="Pôle Année", actors=[
        {"id": "a", "name": "Scop A", "category": "ess_enterprise", "status": "member", "joined": "2015"},
        {"id": "b", "name": "Association B", "category": "ess_enterprise", "status": "member", "joined": "2016"},
        {"id": "c", "name": "SARL C", "category": "enterprise", "status": "member", "joined": "2016-03"},
        {"id": "d", "name": "Association D", "category": "ess_enterprise", "status": "member", "joined": "2012", "ceased": "2016-05",
         "ceased_how": "merged", "successor": "a"}],
        partnerships=[
            {"id": "t", "actors": ["a", "b"], "kind": "cooperation", "topic": "Halle", "since": "2016"},
            {"id": "u", "actors": ["a", "c"], "kind": "cooperation", "topic": "Atelier", "since": "2016-04"}])


def test_the_report_does_not_repeat_the_year_its_headings_say():
    report = _plain(render_report_markdown(_year_pole(), 2016))
    arrivals = report[report.index("### Arrivées"):report.index("### Départs")]
    assert "- **Association B** (entreprise de l’ESS)." in arrivals  # not « , en 2016 »
    assert "- **SARL C** (entreprise), en mars 2016." in arrivals    # the month says more
    started = report[report.index("### Engagés en 2016"):report.index("### Terminés en 2016")]
    assert "- **Halle** : Scop A et Association B.\n" in started
    assert "depuis 2016" not in started and "depuis avril 2016" in started


def test_the_report_says_once_what_became_of_a_merged_actor():
    report = _plain(render_report_markdown(_year_pole(), 2016))
    departures = report[report.index("### Départs"):report.index("### Composition")]
    assert "- **Association D** a fusionné avec **Scop A** en mai 2016." in departures
    assert "a cessé son activité" not in departures and "se poursuit" not in departures
    english = _plain(render_report_markdown(_year_pole(), 2016, lang="en"))
    assert "- **Association D** merged with **Scop A** in May 2016." in english


def test_the_fiche_does_not_print_the_same_text_twice():
    # Pôle Sud's own fiche gives one text under « Les acteurs » and « Les partenaires », and one
    # paragraph under « Message aux décideurs » and « Proposition… »: each is printed once, the
    # later section pointing to the earlier one (the fiche keeps the original's sections).
    same = "Outre les entreprises du Groupe, le pôle abrite des délégations locales."
    narrative = {"actors": same, "partners": same,
                 "message_decision_makers": "### Pour les décideurs politiques\n\nLes PTCE prouvent qu’il existe "
                                            "des alternatives.",
                 "proposals": "### Pour les décideurs politiques :\n\nLes PTCE prouvent qu’il existe des "
                              "alternatives.",
                 "message_ess": "Un texte neuf."}
    pole = Pole(id="p", name="P", actors=[
        {"id": "a", "name": "A", "category": "ess_enterprise", "status": "member"},
        {"id": "b", "name": "Labo B", "category": "research_centre", "status": "partner",
         "description": "Laboratoire associé."}], narrative=narrative)
    fiche = _plain(render_markdown(pole, "fiche"))
    assert fiche.count(same) == 1
    assert fiche.count("Les PTCE prouvent qu’il existe des alternatives.") == 1
    assert "## Proposition pour influencer les décideurs\n\nMême texte que la section « Message aux décideurs », " \
           "ci-dessus." in fiche
    assert "## Message à ceux qui font l’ESS\n\nUn texte neuf." in fiche
    # the partners' section then lists the partners the data gives
    partners = fiche[fiche.index("## Les partenaires"):fiche.index("## Message aux décideurs")]
    assert "- **Labo B** : Laboratoire associé." in partners and same not in partners
    # without partners in the data, it points to the actors' section
    alone = Pole(id="p", name="P", actors=[{"id": "a", "name": "A", "category": "ess_enterprise", "status": "member"}],
                 narrative=narrative)
    assert "## Les partenaires\n\nMême texte que la section « Les acteurs (qui ?) », ci-dessus" in \
        _plain(render_markdown(alone, "fiche"))
    english = _plain(render_markdown(pole, "fiche", lang="en"))
    assert english.count(same) == 1 and english.count("Les PTCE prouvent qu’il existe des alternatives.") == 1
    assert "The same text as the section “Message to decision makers”, above." in english


def test_the_fields_that_would_decide_are_named_once_each_in_words_then_as_paths():
    pole = Pole(id="p", name="Pôle Annoncé", actors=[
        {"id": "a", "name": "Scop A", "category": "ess_enterprise", "status": "member"},
        {"id": "b", "name": "Association B", "category": "ess_enterprise", "status": "member"},
        {"id": "c", "name": "SARL C", "category": "enterprise", "status": "prospective"},
        {"id": "d", "name": "Commune", "category": "local_authority", "status": "member"}],
        partnerships=[{"id": "t", "actors": ["a", "b", "d"], "kind": "cooperation", "topic": "Collecte"}])
    purpose = _article(_plain(render_markdown(pole, "charter")), "Objet")
    assert "« qui s’associent à des entreprises » : condition non établie, faute de données qui la montrent ; " \
           "en décideraient la catégorie et le statut des acteurs (champs `actors[].category`, " \
           "`actors[].status`)" in purpose
    english = _article(_plain(render_markdown(pole, "charter", lang="en")), "Purpose")
    assert "it would be decided by the actors’ category and status (fields `actors[].category`, " \
           "`actors[].status`)" in english
