"""What a French reviewer found in the generated documents (issue 19, « Documents »), one small
pole per finding: each test fails on the documents as they were before the fix.

The finding's number (tools/review_findings.md) is in each test's name or comment.
"""

from __future__ import annotations

import re

from ptce_kit.model import Pole
from ptce_kit.render.documents import registry_csv, registry_table, render_markdown


def _plain(text: str) -> str:
    """Markdown without escapes, with ordinary spaces (no-break spaces are typography)."""
    return re.sub(r"[\u00a0\u202f]", " ", text.replace("\\", ""))


def _pole(**data: object) -> Pole:
    base: dict[str, object] = {"format": "ptce/1", "id": "p", "name": "Pôle Test", "actors": [
        {"id": "a", "name": "Atelier", "category": "ess_enterprise", "article": "l'"},
        {"id": "b", "name": "Mairie", "category": "local_authority", "article": "la"}]}
    base.update(data)
    return Pole.model_validate(base)


def _doc(pole: Pole, document: str = "charter", lang: str = "fr") -> str:
    return _plain(render_markdown(pole, document, lang=lang))


# --- 1. never a default claim ---------------------------------------------------------------

def test_36_52_a_body_without_members_in_the_data_is_not_said_to_gather_them_all():
    pole = _pole(governance={"bodies": [
        {"name": "Comité de pilotage", "cadence": {"every": 2, "unit": "month"}},
        {"name": "Bureau", "article": "le"}]})
    charter, fiche = _doc(pole), _doc(pole, "fiche")
    for text in (charter, fiche):
        assert "réunit tous les membres" not in text
        assert "[composition à préciser]" in text
        assert "l’instance « " not in text
    assert "Cette instance se réunit tous les deux mois ; composition : [composition à préciser]." in charter
    assert "Le Bureau réunit [composition à préciser]." in charter
    assert "Comité de pilotage : se réunit tous les deux mois" in fiche
    english = _doc(pole, lang="en")
    assert "all the members" not in english and "[composition to be specified]" in english


def test_36_a_body_whose_members_are_all_says_so():
    pole = _pole(governance={"bodies": [{"name": "Assemblée des membres", "article": "l'", "members": "all",
                                         "cadence": {"every": 6, "unit": "week"}}]})
    assert "L’Assemblée des membres réunit tous les membres du pôle toutes les six semaines." in _doc(pole)


def test_53_the_deciding_body_comes_from_the_data_or_is_a_blank():
    two = _pole(governance={"decision_rule": "majority", "bodies": [
        {"name": "Assemblée générale des associés"}, {"name": "Comité de pilotage"}]})
    charter = _doc(two)
    assert "Les décisions communes sont prises à la majorité, par [instance à préciser]." in charter
    assert "Assemblée générale des associés »" not in charter
    assert "examinée par [instance compétente à préciser]" in charter
    one = _pole(governance={"decision_rule": "majority", "bodies": [{"name": "Bureau", "article": "le"}]})
    assert "prises à la majorité, lors des réunions du Bureau." in _doc(one)


def test_45_roles_and_ties_are_never_printed_as_their_codes():
    pole = _pole(pivot="a", actors=[
        {"id": "a", "name": "SCIC du Val", "category": "ess_enterprise", "article": "la",
         "roles": ["pivot", "founder", "legal-entity"]},
        {"id": "b", "name": "Mairie", "category": "local_authority", "article": "la"}],
        partnerships=[{"id": "halle-partagee", "actors": ["a", "b"], "kind": "cooperation"},
                      {"id": "filiere-bois", "actors": ["a", "b"], "kind": "partnership",
                       "description": "Une filière bois locale."}])
    for document in ("charter", "registry"):
        text = _doc(pole, document)
        assert "legal-entity" not in text and "personne morale du pôle" in text
    charter = _doc(pole)
    assert "halle-partagee" not in charter and "filiere-bois" not in charter
    assert "**[intitulé à préciser]** : la SCIC du Val et la Mairie." in charter
    assert "**Une filière bois locale** : la SCIC du Val et la Mairie." in charter
    csv_text = registry_csv(pole).decode("utf-8-sig")
    assert "legal-entity" not in csv_text


def test_45_the_maps_card_names_roles_in_the_maps_language():
    from ptce_kit.render.interactive import map_data

    pole = _pole(actors=[{"id": "a", "name": "A", "category": "ess_enterprise",
                          "roles": ["pivot", "founder", "network", "facilitator"]}])
    (node,) = map_data(pole, lang="fr")["nodes"]
    assert node["roles"] == ["structure porteuse", "fondateur", "réseau", "animation"]


# --- 3. grammar and typography --------------------------------------------------------------

def test_15_16_48_presence_is_the_same_noun_phrase_for_every_actor():
    pole = _pole(site={"name": "La Halle"}, actors=[
        {"id": "a", "name": "Scop Tisserande", "category": "ess_enterprise", "article": "la", "presence": "resident"},
        {"id": "c", "name": "Coorace", "category": "ess_enterprise", "presence": "resident"},
        {"id": "d", "name": "Adie", "category": "ess_enterprise", "article": "l'", "presence": "office_hours"},
        {"id": "e", "name": "Commune de Die", "category": "local_authority", "article": "la", "presence": "meetings"}])
    members = _doc(pole)
    assert "**Scop Tisserande** (entreprise de l’ESS ; implantation au pôle)" in members
    assert "**Coorace** (entreprise de l’ESS ; implantation au pôle)" in members
    assert "**Adie** (entreprise de l’ESS ; permanences au pôle)" in members
    assert "**Commune de Die** (collectivité territoriale ; réunions au pôle)" in members
    assert "y tient" not in members and "ses réunions" not in members
    assert "- Y vient pour des réunions : la Commune de Die." in members
    registry = registry_table(pole)
    presence = registry["columns"].index("Présence")
    assert [row[presence] for row in registry["rows"]] == [
        "implantation au pôle", "implantation au pôle", "permanences au pôle", "réunions au pôle"]


def test_17_a_collective_actor_is_not_given_a_singular_category():
    pole = _pole(actors=[{"id": "a", "name": "Organismes de formation", "category": "training_body",
                          "article": "les", "collective": {"of": "organismes de formation"}}])
    charter = _doc(pole)
    assert "(organisme de formation)" not in charter
    assert "**Organismes de formation** (collectif)" in charter


def test_19_a_title_that_names_the_means_is_not_followed_by_them():
    pole = _pole(partnerships=[{"id": "t", "actors": ["a", "b"], "kind": "mutualisation",
                                "topic": "Locaux partagés au pôle", "resources": ["premises"]}])
    charter = _doc(pole)
    assert "**Locaux partagés au pôle** : l’Atelier et la Mairie." in charter
    assert "(locaux)" not in charter


def test_7_8_a_directed_tie_is_a_sentence():
    pole = _pole(partnerships=[
        {"id": "t", "actors": ["a", "b"], "kind": "mutualisation", "topic": "Permanences", "resources": ["premises"],
         "directed": True, "source": "a", "target": "b"},
        {"id": "u", "actors": ["a", "b"], "kind": "cooperation", "topic": "Collecte", "directed": True,
         "source": "b", "target": "a"}])
    charter = _doc(pole)
    assert "**Permanences** : l’Atelier met des locaux à la disposition de la Mairie." in charter
    assert "**Collecte** : la Mairie, au bénéfice de l’Atelier." in charter
    assert " vers " not in charter
    english = _doc(pole, lang="en")
    assert "**Permanences**: Atelier makes premises available to Mairie." in english


def test_47_a_project_without_description_ends_its_sentence_before_its_actors():
    pole = _pole(projects=[{"id": "x", "name": "Atelier partagé", "status": "active", "actors": ["a"]},
                           {"id": "y", "name": "Halle", "description": "Une halle.", "actors": ["b"]}])
    charter = _doc(pole)
    assert "- **Atelier partagé** (en cours). Acteur engagé : l’Atelier." in charter
    assert "- **Halle** : Une halle. Acteur engagé : la Mairie." in charter


def test_55_cross_references_give_the_articles_number():
    pole = _pole(governance={"form": "scic", "legal_acts": [{"kind": "lease", "parties": ["a"]}],
                             "colleges": [{"name": "Salariés", "weight": 50, "members": ["a"]},
                                          {"name": "Usagers", "weight": 50, "members": ["b"]}]})
    charter = _doc(pole)
    numbers = dict(re.findall(r"^## Article (\d+) : (.+)$", charter, re.MULTILINE)[i][::-1]
                   for i in range(len(re.findall(r"^## Article", charter, re.MULTILINE))))
    assert "« Collèges »" not in charter and "« Moyens partagés »" not in charter
    assert f"(article {numbers['Collèges']})" in charter
    assert f"Son acte juridique structurant (bail) est décrit à l’article {numbers['Moyens partagés']}." in charter


def test_30_61_the_registry_headers_and_text_cells_are_typeset_alike_in_every_file():
    pole = _pole(actors=[{"id": "a", "name": "Atelier", "category": "ess_enterprise", "joined": "2016-06",
                          "created": "2016-06"}])
    csv_text = registry_csv(pole).decode("utf-8-sig")
    markdown = render_markdown(pole, "registry")
    assert "Date d'adhésion" not in markdown and "Date d’adhésion" in markdown
    # The CSV's headers are typeset as the documents' (finding 30), and the importer matches
    # them when the file is read back.
    from ptce_kit.io.spreadsheet import header_key

    assert "Date d’adhésion" in csv_text.splitlines()[0] and "Date d'adhésion" not in csv_text
    assert header_key(csv_text.splitlines()[0].split(";")[10]) == "joined"
    assert "création\u00a0: juin 2016" in csv_text and "création: 2016-06" not in csv_text
    assert "création\u00a0: juin 2016" in markdown
    assert "2016-06" in csv_text  # the date column stays ISO, for spreadsheets and the importer


def test_31_62_the_ess_column_says_what_the_category_says_and_marks_the_unknown():
    pole = _pole(actors=[
        {"id": "a", "name": "Scop", "category": "ess_enterprise"},
        {"id": "b", "name": "Mairie", "category": "local_authority"},
        {"id": "c", "name": "SARL", "category": "enterprise", "ess": False}])
    table = registry_table(pole)
    ess = table["columns"].index("ESS")
    assert [row[ess] for row in table["rows"]] == ["oui", "", "non"]
    rows = [line.split(";") for line in registry_csv(pole).decode("utf-8-sig").splitlines()]
    assert [row[rows[0].index("ESS")] for row in rows[1:]] == ["oui", "", "non"]
    # The registry says what an empty cell means, so that it is not read as « non ».
    assert "une case vide : appartenance à l’ESS à préciser" in _doc(pole, "registry")


def test_73_74_a_pole_without_members_gets_blanks_to_fill_and_lines_to_sign():
    pole = Pole.model_validate({"format": "ptce/1", "id": "p", "name": "Pôle Neuf"})
    charter = _doc(pole)
    assert "n’inscrivent encore aucun membre" not in charter
    assert "Le pôle réunit les membres suivants : [liste à préciser]." in charter
    signatures = charter.split("## Signatures")[1]
    assert signatures.count("| [membre à préciser] | …………………… | …………………… | |") == 3


def test_25_the_fiche_title_is_in_lower_case_after_the_colon():
    fiche = _doc(_pole(), "fiche")
    assert fiche.startswith("# Pôle Test : pôle territorial de coopération économique\n")


# --- 4. the fiche sent alone shows its map --------------------------------------------------

def test_the_html_fiche_embeds_the_map_with_the_bytes_of_carte_png(tmp_path):
    import base64

    import html5lib

    from ptce_kit.render.documents import _map_png, write_documents

    pole = _pole(partnerships=[{"id": "t", "actors": ["a", "b"], "kind": "cooperation", "topic": "Collecte"}])
    pages = []
    for run in ("one", "two"):
        out = tmp_path / run
        write_documents(pole, out, formats=["md", "html"], map_beside="carte.png")
        assert "](carte.png)" in (out / "fiche.md").read_text(encoding="utf-8")  # the Markdown keeps the file beside
        pages.append((out / "fiche.html").read_bytes())
    assert pages[0] == pages[1]  # deterministic
    [image] = html5lib.parse(pages[0].decode("utf-8"), namespaceHTMLElements=False).iter("img")
    source = image.get("src")
    assert source.startswith("data:image/png;base64,")
    assert base64.b64decode(source.split(",", 1)[1]) == _map_png(pole, "fr", False)


def test_70_a_fiche_without_actors_shows_a_blank_under_its_heading():
    fiche = _doc(Pole.model_validate({"format": "ptce/1", "id": "p", "name": "Pôle Neuf"}), "fiche")
    assert "## Les acteurs (qui ?)\n\n[acteurs à préciser]\n" in fiche
