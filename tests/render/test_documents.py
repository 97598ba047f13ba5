"""The charter, the registry and the fiche say what the data says, in good French."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ptce_kit.errors import PoleError
from ptce_kit.model import NARRATIVE_SECTIONS, Pole
from ptce_kit.render.documents import charter_clauses, registry_table, render_html, render_markdown
from ptce_kit.render.markdown import to_blocks
from ptce_kit.render.typography import NBSP, NNBSP
from tests.pole_sud_fiche import corrected

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seeds" / "pole_sud_fiche.txt"


def _flat(text: str) -> str:
    """Text without any whitespace (regular or no-break) nor Markdown escapes."""
    return re.sub(r"\s", "", text.replace("\\", ""))


def _headings(markdown: str, level: int) -> list[str]:
    return [b.text for b in to_blocks(markdown) if b.kind == "heading" and b.level == level]


# --- the fiche ----------------------------------------------------------------------

def test_fiche_holds_every_narrative_section(pole_sud):
    fiche = _flat(render_markdown(pole_sud, "fiche"))
    for section in NARRATIVE_SECTIONS:
        text = getattr(pole_sud.narrative, section)
        assert text, section
        for paragraph in re.split(r"\n\s*\n", text):
            # A section whose text an earlier one gives points to it (« Proposition… » repeats
            # « Pour les décideurs politiques » of « Message aux décideurs », there without its colon).
            assert _flat(paragraph.removeprefix("### ")).rstrip(":") in fiche, (section, paragraph[:60])


def test_fiche_follows_the_structure_of_the_original(pole_sud):
    headings = _headings(render_markdown(pole_sud, "fiche"), 2)
    assert headings == [
        "Argumentaire", "Conditions du développement", "Données chiffrées", "Facteurs de succès",
        "Pourquoi créer des pôles territoriaux de coopération économique",
        "Impacts de l’initiative", "L’organisation", "La structure porteuse de l’initiative",
        "Les acteurs (qui\u202f?)", "Les partenaires", "Message à l’opinion", "Message aux décideurs",
        "Message à ceux qui font l’ESS", "Proposition pour influencer les décideurs",
        "Présentation de l’initiative (quoi\u202f?)", "Synthèse en une phrase",
    ]


@pytest.mark.skipif(not SEED.is_file(), reason="the shared seed fiche is not beside this checkout")
def test_fiche_reads_like_the_original(pole_sud):
    """Every paragraph of Pôle Sud's own fiche is in the generated one, word for word."""
    fiche = _flat(render_markdown(pole_sud, "fiche"))
    # One heading of the original is in capitals without accents; the fiche writes it
    # in sentence case (see test_fiche_follows_the_structure_of_the_original).
    shouted = "POURQUOI CREER des POLES TERRITORIAUX DE COOPERATION ECONOMIQUE"
    # The example's narrative corrects the fiche's typos (spelling only): compare with them corrected.
    paragraphs = [corrected(p) for p in SEED.read_text(encoding="utf-8").splitlines() if len(p) > 60 and p != shouted]
    assert len(paragraphs) > 25
    missing = [p[:60] for p in paragraphs if _flat(p) not in fiche]
    assert not missing


def test_fiche_sub_headings_are_headings(pole_sud):
    subheads = _headings(render_markdown(pole_sud, "fiche"), 3)
    assert "Des déséquilibres sociaux et une société qui se fragmente" in subheads
    assert f"Pour les décideurs économiques{NBSP}:" in subheads


def test_fiche_without_narrative_is_drawn_from_the_data():
    pole = Pole(id="p", name="P", description="Un pôle.", pivot="a",
                actors=[{"id": "a", "name": "Alpha", "category": "ess_enterprise"},
                        {"id": "b", "name": "Beta", "category": "local_authority", "status": "partner"}],
                indicators=[{"name": "Emplois", "value": 12, "unit": "jobs", "source": "rapport"}],
                governance={"bodies": [{"name": "Comité", "cadence": {"every": 1, "unit": "month"}}]})
    fiche = render_markdown(pole, "fiche")
    assert "## Présentation\n\nUn pôle." in fiche
    assert f"- Emplois{NBSP}: 12 emplois." in fiche
    # No members in the data: not « tous les membres » but a blank (finding 36).
    assert f"Comité{NBSP}: se réunit chaque mois\u202f; composition{NBSP}: [composition à préciser]." in fiche
    assert "**Beta**" in fiche and "Alpha" in fiche


# --- the charter --------------------------------------------------------------------

def test_charter_states_the_meeting_cadence(pole_sud):
    charter = render_markdown(pole_sud, "charter")
    assert "La Rencontre des membres réunit tous les membres du pôle toutes les six semaines, autour d’un repas." in charter
    english = render_markdown(pole_sud, "charter", lang="en")
    assert "gathers all the members of the pole every six weeks" in english


def _with_members(pole: Pole) -> Pole:
    """``pole`` with every actor whose status it does not state made a member."""
    data = pole.model_dump(mode="json", exclude_none=True)
    for actor in data["actors"]:
        actor.setdefault("status", "member")
    return Pole.model_validate(data)


def test_pole_sud_has_no_stated_member_and_no_signatory(pole_sud):
    # The fiche never says « membre »: the actors it hosts are listed apart, none signs.
    charter = render_markdown(pole_sud, "charter")
    assert all(a.status is None or a.status.value != "member" for a in pole_sud.actors)
    signatures = charter.split("## Signatures")[1]
    for actor in pole_sud.actors:
        assert f"| {actor.name} |" not in signatures
    unstated = charter.split("### Acteurs dont le statut n’est pas précisé")[1].split("\n### ")[0]
    assert all(f"**{a.name}**" in unstated for a in pole_sud.actors if a.status is None)


def test_charter_lists_members_by_family_and_signature_lines(pole_sud):
    pole_sud = _with_members(pole_sud)
    charter = render_markdown(pole_sud, "charter")
    members = [a for a in pole_sud.actors if a.status.value == "member"]
    signatures = charter.split("## Signatures")[1]
    # Pôle Sud's fiche gives no member's legal form: none can be put on a signature line
    # as a legal person; each is named as a legal form to settle before signing.
    assert "| Membre | Représenté par |" not in signatures
    unsettled = signatures.split("| Membre | Forme juridique |")[1]
    rows = [line for line in unsettled.splitlines() if line.startswith("| ") and "à préciser" in line]
    # Collective actors (the training bodies stand for several) never sign: not listed.
    assert [r.split(" | ")[0][2:] for r in rows] == [a.name for a in members if a.collective is None]
    assert any(a.collective is not None for a in members)
    for heading in ("### Entreprises", "### Collectivités et organismes publics",
                    "### Recherche, enseignement supérieur et formation", "### Partenaires associés"):
        assert heading in charter
    for tie in pole_sud.partnerships:
        assert tie.topic in charter


def test_charter_names_representatives_only_with_personal_data():
    pole = Pole(id="p", name="P", actors=[{"id": "a", "name": "Alpha", "category": "enterprise", "status": "member",
                                           "legal_form_code": "5710", "contacts": [
        {"name": "Ana Martin", "role": "présidente", "legal_representative": True},
        {"name": "Paul Roux", "role": "comptable"}]}])
    public = render_markdown(pole, "charter")
    assert "Ana Martin" not in public and "| Alpha | …………………… | …………………… | |" in public
    full = render_markdown(pole, "charter", include_personal_data=True)
    assert "| Alpha | Ana Martin | présidente | |" in full and "Paul Roux" not in full


def test_charter_clauses_follow_the_data(pole_sud):
    assert [c["id"] for c in charter_clauses(pole_sud)] == [
        "preamble", "purpose", "members", "cooperation", "governance", "joining", "shared-means",
        "evaluation", "revision", "disputes", "duration", "signatures"]
    scic = Pole(id="p", name="P", actors=[{"id": "a", "name": "A", "category": "enterprise"},
                                          {"id": "b", "name": "B", "category": "enterprise"}],
                governance={"form": "scic", "decision_rule": "majority",
                            "colleges": [{"name": "Salariés", "members": ["a"], "weight": 40},
                                         {"name": "Usagers", "members": ["b"], "weight": 60}]})
    ids = [c["id"] for c in charter_clauses(scic)]
    assert ids[ids.index("governance") + 1:ids.index("governance") + 3] == ["colleges", "scic"]
    charter = render_markdown(scic, "charter")
    assert f"## Article 4{NBSP}: Collèges" in charter
    assert f"**Salariés** (40{NBSP}% des voix){NBSP}: A." in charter
    assert f"titre II ter de la loi n°{NBSP}47-1775" in charter
    assert "Les décisions communes sont prises à la majorité" in charter
    assert "Collèges" not in render_markdown(Pole(id="q", name="Q"), "charter")


def test_french_typography(pole_sud):
    charter = render_markdown(pole_sud, "charter", date="2025-05-01")
    assert f"## Article 1{NBSP}: Objet" in charter
    assert f"le 1er mai 2025" in charter
    fiche = render_markdown(pole_sud, "fiche")
    assert f"douloureuse impasse{NNBSP}!" in fiche
    assert f"«{NBSP}changer l’ordre des gagnants{NBSP}»" in fiche
    # no ordinary space is left before ; : ! ? nor inside guillemets
    assert not re.search(r" [;:!?»]|« ", charter + fiche)


def test_english_documents_have_no_french_spacing(pole_sud):
    registry = render_markdown(pole_sud, "registry", lang="en", date="2025-05-03")
    assert registry.startswith("# Member registry of Pôle Sud")
    assert "As of May 3, 2025." in registry
    assert NNBSP not in render_markdown(pole_sud, "charter", lang="en")


# --- the registry -------------------------------------------------------------------

def test_registry_has_every_actor(pole_sud):
    table = registry_table(pole_sud)
    assert [row[0] for row in table["rows"]] == [a.id for a in pole_sud.actors]
    markdown = render_markdown(pole_sud, "registry")
    for actor in pole_sud.actors:
        assert f"| {actor.id} | {actor.name} | " in markdown
    assert "**Version publique**" in markdown


def test_registry_full_version_says_so_and_keeps_contacts():
    pole = Pole(id="p", name="P", actors=[{"id": "a", "name": "Alpha", "category": "enterprise",
                                           "siren": "732829320", "joined": "2014-07", "contacts": [
        {"name": "Ana Martin", "email": "ana@example.org", "phone": "+33 1 02 03 04 05"}]}],
        governance={"colleges": [{"name": "Fondateurs", "members": ["a"]}]})
    public = render_markdown(pole, "registry")
    assert "ana@example.org" not in public and "Contacts" not in public
    full = render_markdown(pole, "registry", include_personal_data=True)
    assert "**Version complète : ce registre contient des données personnelles**" in full.replace(NBSP, " ")
    assert "Ana Martin, ana@example.org, +33 1 02 03 04 05" in full
    assert "| 732829320 |" in full and "| juillet 2014 |" in full and "| Fondateurs |" in full


# --- templates: strictness and overrides ---------------------------------------------

def test_a_missing_variable_names_the_template_and_line(tmp_path, pole_sud):
    clause = tmp_path / "fr" / "charter" / "purpose.md.j2"
    clause.parent.mkdir(parents=True)
    clause.write_text("## Objet\n\nLe pôle {{ pole.nmae }}.\n", encoding="utf-8")
    with pytest.raises(PoleError) as info:
        render_markdown(pole_sud, "charter", templates=tmp_path)
    problem = info.value.problems[0]
    assert problem.file == str(clause) and problem.line == 3
    assert "nmae" in problem.message


def test_a_syntax_error_names_the_template_and_line(tmp_path, pole_sud):
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "fiche.md.j2").write_text("# Fiche\n\n{% if %}\n", encoding="utf-8")
    with pytest.raises(PoleError) as info:
        render_markdown(pole_sud, "fiche", templates=tmp_path)
    assert info.value.problems[0].line == 3
    assert info.value.problems[0].file.endswith("fiche.md.j2")


@pytest.mark.parametrize("line", ["{{ 1 / 0 }}", "{{ pole.name|number }}", "{{ actor('nobody').name }}",
                                  "{{ 'soon'|date }}", "{{ pole.actors[0].name + 1 }}"])
def test_a_python_error_in_a_users_template_names_the_template_and_line(tmp_path, pole_sud, line):
    # Not an "internal error": the user's own template fails on the data.
    clause = tmp_path / "joining.md.j2"
    clause.write_text("## Adhésion\n\n" + line + "\n", encoding="utf-8")
    with pytest.raises(PoleError) as info:
        render_markdown(pole_sud, "charter", templates=tmp_path)
    problem = info.value.problems[0]
    assert problem.file == str(clause) and problem.line == 3


def test_one_clause_can_be_overridden(tmp_path, pole_sud):
    clause = tmp_path / "fr" / "charter" / "governance.md.j2"
    clause.parent.mkdir(parents=True)
    clause.write_text("## Article {{ clause.number }} : Notre gouvernance\n\nNous décidons ensemble.\n",
                      encoding="utf-8")
    original = render_markdown(pole_sud, "charter")
    changed = render_markdown(pole_sud, "charter", templates=tmp_path)
    assert f"## Article 4{NBSP}: Notre gouvernance\n\nNous décidons ensemble." in changed
    assert "toutes les six semaines" not in changed.split("## Article 5")[0].split("## Article 4")[1]
    assert changed.split("## Article 5")[1] == original.split("## Article 5")[1]


def test_html_page_is_standalone_with_a_print_stylesheet(pole_sud):
    page = render_html(render_markdown(pole_sud, "registry"), lang="fr")
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"fr\">")
    assert "@media print" in page and "A4 landscape" in page
    assert "<link" not in page and "<script" not in page
    assert "A4 landscape" not in render_html(render_markdown(pole_sud, "fiche"), lang="fr")


def test_bundled_templates_exist_in_both_languages():
    base = ROOT / "templates"
    french = sorted(p.relative_to(base / "fr").as_posix() for p in (base / "fr").rglob("*.j2"))
    english = sorted(p.relative_to(base / "en").as_posix() for p in (base / "en").rglob("*.j2"))
    assert french == english and "charter/signatures.md.j2" in french


def test_the_override_example_of_the_docs_works(tmp_path, pole_sud):
    doc = (ROOT / "docs" / "documents.md").read_text(encoding="utf-8")
    example = doc.split("```jinja title=\"my-templates/fr/charter/joining.md.j2\"\n")[1].split("```")[0]
    clause = tmp_path / "fr" / "charter" / "joining.md.j2"
    clause.parent.mkdir(parents=True)
    clause.write_text(example, encoding="utf-8")
    charter = render_markdown(pole_sud, "charter", templates=tmp_path)
    assert "Toute demande d’adhésion est adressée par écrit au Groupe Archer" in charter
    assert f"## Article 5{NBSP}: Adhésion et retrait" in charter


def test_a_clause_is_also_found_by_its_file_name(tmp_path, pole_sud):
    from ptce_kit.render.documents import unused_overrides

    (tmp_path / "governance.md.j2").write_text("## Article {{ clause.number }} : À nous\n", encoding="utf-8")
    (tmp_path / "governence.md.j2").write_text("x\n", encoding="utf-8")
    assert f"## Article 4{NBSP}: À nous" in render_markdown(pole_sud, "charter", templates=tmp_path)
    assert "## Article 4 : À nous" in render_markdown(pole_sud, "charter", lang="en", templates=tmp_path)
    assert unused_overrides(tmp_path) == [("governence.md.j2", "governance.md.j2")]


def test_registry_has_one_table_per_status(pole_sud):
    from ptce_kit.model import ActorStatus

    data = pole_sud.model_dump(mode="json", exclude_none=True)
    data["actors"][0]["status"] = "member"  # Pôle Sud states no member: one, to see every table
    pole_sud = Pole.model_validate(data)
    markdown = render_markdown(pole_sud, "registry")
    counts = {s: sum(a.status is s for a in pole_sud.actors) for s in (*ActorStatus, None)}
    headings = [f"## Membres ({counts[ActorStatus.MEMBER]})", f"## Partenaires ({counts[ActorStatus.PARTNER]})",
                f"## Acteurs pressentis ({counts[ActorStatus.PROSPECTIVE]})", f"## Statut non précisé ({counts[None]})"]
    places = [markdown.index(h) for h in headings]
    assert places == sorted(places)
    for actor in pole_sud.actors:
        row = markdown.index(f"| {actor.id} | {actor.name} | ")
        section = {ActorStatus.MEMBER: 0, ActorStatus.PARTNER: 1, ActorStatus.PROSPECTIVE: 2, None: 3}[actor.status]
        assert places[section] < row and (section == 3 or row < places[section + 1]), actor.id
    assert "## Partner" not in render_markdown(Pole(id="p", name="P", actors=[
        {"id": "a", "name": "A", "category": "enterprise"}]), "registry", lang="en")  # no empty table


def test_the_documents_and_maps_words_are_the_catalogs():
    """One place holds each word: the documents' labels and the maps' words are message ids of
    the catalogs (contexts ``document label`` and ``map``), with no French written in the code."""
    import ast

    from babel.messages.pofile import read_po

    from ptce_kit.render.map_text import text
    from ptce_kit.render.vocabulary import labels

    root = Path(__file__).resolve().parents[2] / "ptce_kit"
    with open(root / "locale" / "fr" / "LC_MESSAGES" / "ptce.po", "rb") as po:
        catalog = {(m.context, m.id): m.string for m in read_po(po) if m.context in ("document label", "map")}
    assert {msgid for context, msgid in catalog if context == "document label"} == set(labels("en").values())
    assert all(catalog[("document label", labels("en")[k])] == labels("fr")[k] for k in labels("en"))
    map_words = [w for w in text("en").values() if isinstance(w, str)] + [
        w for v in text("en").values() if isinstance(v, dict) for w in v.values()]
    assert {("map", w) for w in map_words if ("map", w) in catalog} >= {k for k in catalog if k[0] == "map"}
    assert text("fr")["kind_heading"] == catalog[("map", "Kind of tie")] == "Type de lien"
    for module in ("vocabulary.py", "map_text.py"):
        tree = ast.parse((root / "render" / module).read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef)) and node.body
                      and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
        # Message ids are English, though some name a French legal form (« société coopérative… »).
        ids = {id(arg) for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
               and node.func.id in ("pgettext", "ngettext", "N_", "Message") for arg in node.args}
        french = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
                  and isinstance(node.value, str) and id(node) not in docstrings | ids
                  and any(c in node.value for c in "éèàùâêîôûç«»")]
        assert french == [], f"French words written in render/{module}: {french[:3]}"
