"""French words accepted everywhere a value is typed; a duplicate member refused unless intended."""

from __future__ import annotations

import shutil

import pytest

from ptce_kit.io import load_pole
from ptce_kit.model.vocabulary import LABELS, parse, partial_date, value_of

WORDS = [
    ("category", "Association", "ess_enterprise"),
    ("category", "association loi 1901", "ess_enterprise"),
    ("category", "Scop", "ess_enterprise"),
    ("category", "SCIC", "ess_enterprise"),
    ("category", "collectivité", "local_authority"),
    ("category", "COLLECTIVITE TERRITORIALE", "local_authority"),
    ("category", "Entreprise de l’ESS", "ess_enterprise"),
    ("status", "Partenaire", "partner"),
    ("status", "pressenti", "prospective"),
    ("presence", "résident", "resident"),
    ("presence", "Permanences", "office_hours"),
    ("kind", "coopération", "cooperation"),
    ("kind", "Partenariat", "partnership"),
    ("resources", "locaux", "premises"),
    ("resources", "Équipement", "equipment"),
    ("form", "SCIC", "scic"),
    ("project_status", "en cours", "active"),
]


@pytest.mark.parametrize(("field", "word", "value"), WORDS)
def test_french_words(field, word, value):
    assert value_of(field, word) == value


@pytest.mark.parametrize("field", sorted(LABELS))
def test_every_value_and_both_labels_are_accepted(field):
    from ptce_kit.model.vocabulary import label

    for value in LABELS[field]:
        assert parse(field, value) == value
        assert parse(field, label(field, value, "fr")) == value
        assert parse(field, label(field, value, "en").upper()) == value


@pytest.mark.parametrize(("text", "iso"), [
    ("15/03/2025", "2025-03-15"), ("03/2025", "2025-03"), ("mars 2025", "2025-03"), ("Mars 2025", "2025-03"),
    ("15 mars 2025", "2025-03-15"), ("1er février 2024", "2024-02-01"), ("2025", "2025"), ("2025-03", "2025-03"),
])
def test_french_dates(text, iso):
    assert partial_date(text) == iso


@pytest.fixture
def pole(tmp_path, pole_sud_path):
    target = tmp_path / "pole.yaml"
    shutil.copy(pole_sud_path, target)
    return target


def test_member_add_takes_french_words(ptce, pole):
    result = ptce("member", "add", pole, "--name", "Régie de quartier", "--category", "Association loi 1901",
                  "--presence", "résident", "--joined", "15/03/2025", "--status", "Partenaire")
    assert result.returncode == 0, result.stderr
    actor = load_pole(pole).actor("regie-de-quartier")
    assert (actor.category.value, actor.presence.value, actor.joined, actor.status.value) == \
        ("ess_enterprise", "resident", "2025-03-15", "partner")
    result = ptce("partnership", "add", pole, "--actors", "regie-de-quartier,groupe-archer", "--kind", "coopération",
                  "--resources", "locaux,Personnel", "--since", "mars 2025")
    assert result.returncode == 0, result.stderr
    tie = load_pole(pole).partnerships[-1]
    assert (tie.kind.value, [r.value for r in tie.resources], tie.since) == ("cooperation", ["premises", "staff"], "2025-03")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_unknown_word_lists_the_accepted_ones_in_the_users_language(ptce, pole, lang):
    result = ptce("member", "add", pole, "--name", "X", "--category", "club", "--lang", lang)
    assert result.returncode == 2
    expected = "collectivité territoriale" if lang == "fr" else "local authority"
    assert "'club'" in result.stderr and expected in result.stderr


def test_member_add_refuses_a_duplicate_name(ptce, pole):
    before = pole.read_bytes()
    result = ptce("member", "add", pole, "--name", "  groupe ARCHER ", "--category", "Scop")
    assert result.returncode == 1
    assert "[PTCE-E305]" in result.stderr and ".name" in result.stderr
    assert pole.read_bytes() == before
    assert ptce("member", "add", pole, "--name", "Groupe Archer", "--category", "Scop", "--allow-duplicate").returncode == 0


def test_member_add_refuses_a_duplicate_siret(ptce, pole):
    assert ptce("member", "add", pole, "--name", "Atelier A", "--category", "Scop", "--siret", "73282932000074").returncode == 0
    before = pole.read_bytes()
    result = ptce("member", "add", pole, "--name", "Autre nom", "--category", "Scop", "--siret", "732 829 320 00074")
    assert result.returncode == 1
    assert "[PTCE-E305]" in result.stderr and ".siret" in result.stderr
    assert pole.read_bytes() == before


def test_member_add_refuses_a_second_legal_unit(ptce, pole):
    assert ptce("member", "add", pole, "--name", "Unité A", "--category", "entreprise", "--siren", "732829320").returncode == 0
    result = ptce("member", "add", pole, "--name", "Unité B", "--category", "entreprise", "--siren", "732 829 320")
    assert result.returncode == 1 and "[PTCE-E305]" in result.stderr


def test_two_establishments_of_one_legal_unit_are_two_actors(ptce, pole):
    # Each establishment has its own SIRET: the same SIREN is no duplicate then.
    for name, siret in (("Établissement C", "73282932000074"), ("Établissement D", "73282932000082")):
        result = ptce("member", "add", pole, "--name", name, "--category", "entreprise", "--siret", siret)
        assert result.returncode == 0, result.stderr


def test_import_takes_french_words(ptce, tmp_path, pole):
    sheet = tmp_path / "membres.csv"
    sheet.write_text("Nom;Catégorie;Statut;Présence;Date d'adhésion\n"
                     "Nouvelle Scop;Scop;Membre;Résident;mars 2025\n"
                     "Mairie de Test;Collectivité;Partenaire;à distance;15/03/2025\n", encoding="utf-8")
    result = ptce("import", sheet, "--into", pole)
    assert result.returncode == 0, result.stderr
    new = load_pole(pole)
    assert new.actor("nouvelle-scop").category.value == "ess_enterprise" and new.actor("nouvelle-scop").joined == "2025-03"
    assert new.actor("mairie-de-test").presence.value == "remote"


def test_a_scop_added_with_its_category_is_known_as_a_legal_person(ptce, pole):
    # The founder's first try: « --category Scop » gives the category and the legal form, and says so.
    from ptce_kit.criteria.status import legal_personality

    result = ptce("member", "add", pole, "--name", "Scop du Val", "--category", "Scop", "--lang", "fr")
    assert result.returncode == 0, result.stderr
    assert "--legal-form" in result.stderr and "SCOP" in result.stderr
    actor = load_pole(pole).actor("scop-du-val")
    assert (actor.category.value, actor.legal_form, actor.legal_form_code) == ("ess_enterprise", "SCOP", None)
    assert legal_personality(actor).value is True


@pytest.mark.parametrize(("word", "form", "code", "legal_person"), [
    ("Scop", "SCOP", None, True),
    ("SARL SCOP", "SARL SCOP", "5458", True),
    ("SCIC", "SCIC", None, True),
    ("scic sas", "SCIC SAS", None, True),
    ("association loi 1901", "association déclarée (loi 1901)", "9220", True),
    ("Association non déclarée", "association non déclarée", "9210", False),
    ("S.A.R.L.", "SARL", "5499", True),
    ("Entreprise individuelle", "entrepreneur individuel", "1000", False),
    ("Mutuelle", "mutuelle", "8210", True),
])
def test_member_add_legal_form_takes_the_words_founders_write(ptce, pole, word, form, code, legal_person):
    from ptce_kit.criteria.status import legal_personality

    result = ptce("member", "add", pole, "--name", "Nouvelle structure", "--category", "autre", "--legal-form", word)
    assert result.returncode == 0, result.stderr
    actor = load_pole(pole).actor("nouvelle-structure")
    assert (actor.legal_form, actor.legal_form_code) == (form, code)
    assert legal_personality(actor).value is legal_person


def test_legal_form_given_wins_and_unknown_forms_are_kept_as_typed(ptce, pole):
    result = ptce("member", "add", pole, "--name", "Atelier", "--category", "Scop", "--legal-form", "SA SCOP")
    assert result.returncode == 0, result.stderr
    assert "--legal-form" not in result.stderr  # nothing derived: the form was given
    assert load_pole(pole).actor("atelier").legal_form == "SA SCOP"
    result = ptce("member", "add", pole, "--name", "Coopérative X", "--category", "ess", "--legal-form", "SCEA")
    assert result.returncode == 0, result.stderr
    assert (load_pole(pole).actor("cooperative-x").legal_form, load_pole(pole).actor("cooperative-x").legal_form_code) \
        == ("SCEA", None)
    # --set legal_form_code wins over the code the words give.
    result = ptce("member", "add", pole, "--name", "Asso Y", "--category", "association",
                  "--legal-form", "association loi 1901", "--set", "legal_form_code=9230")
    assert result.returncode == 0, result.stderr
    assert load_pole(pole).actor("asso-y").legal_form_code == "9230"


def test_member_update_legal_form_takes_french_words(ptce, pole):
    result = ptce("member", "update", pole, "groupe-archer", "--legal-form", "scop sarl")
    assert result.returncode == 0, result.stderr
    actor = load_pole(pole).actor("groupe-archer")
    assert (actor.legal_form, actor.legal_form_code) == ("SCOP SARL", "5458")
