"""Nested records and the governance, edited in the workspace through edit_pole (issue 22).

An actor's contacts, presences and owners, and the pole's colleges, bodies, decisions and
decision rule: each a table of rows in the form, sent as a browser sends it, written with
the file's comments kept, validated before writing, and refused when the file changed.
"""

from __future__ import annotations

import shutil

import pytest

pytest.importorskip("starlette")

from serving import ROOT, form_data, make_client  # noqa: E402

COTEAUX = ROOT / "examples" / "coteaux_fictif" / "pole.yaml"
NOTE = "# a note of the founders, kept\n"


@pytest.fixture
def coteaux(tmp_path):
    target = tmp_path / "coteaux" / "pole.yaml"
    target.parent.mkdir()
    text = COTEAUX.read_text(encoding="utf-8")
    target.write_text(text.replace("governance:\n", NOTE + "governance:\n", 1), encoding="utf-8")
    return target


@pytest.fixture
def client(coteaux):
    return make_client(coteaux.parent)


def _load(path):
    from ptce_kit.io import load_pole

    return load_pole(path)


def test_the_governance_is_edited_from_its_form_with_comments_kept(client, coteaux):
    html = client.get("/gouvernance").text
    assert 'name="colleges.0.weight" value="30"' in html and 'name="decision_rule"' in html
    assert "Part des voix" in html  # a college's weight, not a partnership's intensity
    form = form_data(html, "/gouvernance")
    assert form["colleges.rows"] == "5" and form["decisions.rows"] == "1"
    form.update({"decision_rule": "consensus", "colleges.1.weight": "unknown", "colleges.3.count": "6",
                 "decisions.0.date": "2024-03", "decisions.0.title": "Ouverture de la halle",
                 "decisions.0.body": "Comité de pilotage"})
    answer = client.post("/gouvernance", data=form, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == "/gouvernance?notice=saved"
    text = coteaux.read_text(encoding="utf-8")
    assert NOTE in text and "cadence: {every: 2, unit: month}" in text  # what the form does not show stays
    governance = _load(coteaux).governance
    assert governance.decision_rule == "consensus"
    assert [c.weight for c in governance.colleges] == [30, "unknown", 20, 20]
    assert governance.colleges[3].count == 6 and governance.colleges[3].members == ["coop-bois", "menuiserie-vercors"]
    assert [(d.date, d.title, d.body) for d in governance.decisions] == [("2024-03", "Ouverture de la halle",
                                                                         "Comité de pilotage")]
    assert [b.cadence.every for b in governance.bodies] == [1, 2]


def test_a_college_row_is_added_and_one_taken_out(client, coteaux):
    form = form_data(client.get("/gouvernance").text, "/gouvernance")
    form.update({"colleges.0.remove": "yes", "colleges.4.name": "Bénévoles", "colleges.4.weight": "30",
                 "colleges.4.members_known": "no"})
    assert client.post("/gouvernance", data=form, follow_redirects=False).status_code == 303
    names = [(c.name, c.weight) for c in _load(coteaux).governance.colleges]
    assert names == [("Usagers", 30), ("Collectivités", 20), ("Partenaires", 20), ("Bénévoles", 30)]


def test_a_bad_weight_is_refused_beside_its_cell_and_nothing_is_written(client, coteaux):
    before = coteaux.read_bytes()
    form = form_data(client.get("/gouvernance").text, "/gouvernance")
    form["colleges.2.weight"] = "beaucoup"
    answer = client.post("/gouvernance", data=form, follow_redirects=False)
    assert answer.status_code == 422
    assert 'id="e-colleges.2.weight"' in answer.text
    assert coteaux.read_bytes() == before


def test_a_governance_changed_meanwhile_is_not_overwritten(client, coteaux):
    form = form_data(client.get("/gouvernance").text, "/gouvernance")
    from ptce_kit.io.members import update_member

    update_member(coteaux, "commune-die", {"name": "Commune de Die (changée)"})  # the CLI, meanwhile
    after = coteaux.read_bytes()
    form["decision_rule"] = "consensus"
    answer = client.post("/gouvernance", data=form, follow_redirects=False)
    assert answer.status_code == 409 and "Commune de Die (changée)" in answer.text
    assert coteaux.read_bytes() == after


def test_a_pole_without_governance_gets_one_from_the_form(tmp_path):
    from serving import POLE_SUD

    from ptce_kit.io import parse_text

    target = tmp_path / "sans" / "pole.yaml"
    target.parent.mkdir()
    text = POLE_SUD.read_text(encoding="utf-8")
    data = parse_text(text)
    assert "governance" in data  # Pôle Sud has one: take it out by hand, as a founder may not have it yet
    start = text.index("\ngovernance:")
    end = next(i for i in range(start + 1, len(text)) if text[i - 1] == "\n" and text[i] not in " #\n"
               and not text.startswith("governance:", i))
    target.write_text(text[:start + 1] + text[end:], encoding="utf-8")
    assert parse_text(target.read_text(encoding="utf-8")).get("governance") is None
    client = make_client(target.parent)
    form = form_data(client.get("/gouvernance").text, "/gouvernance")
    form.update({"form": "association", "decision_rule": "majority", "colleges.0.name": "Fondateurs",
                 "colleges.0.weight": "100"})
    answer = client.post("/gouvernance", data=form, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    governance = _load(target).governance
    assert governance.form.value == "association" and [c.name for c in governance.colleges] == ["Fondateurs"]


def test_an_actor_s_contacts_are_edited_row_by_row_and_said_to_be_personal_data(client, coteaux):
    html = client.get("/acteurs/scic-coteaux").text
    assert "Données personnelles (RGPD)" in html
    form = form_data(html, "/acteurs/scic-coteaux")
    assert form["contacts.0.name"] == "Camille Exemple" and form["contacts.1.legal_representative"] == "yes"
    form.update({"contacts.0.remove": "yes", "contacts.1.email": "dominique@example.org",
                 "contacts.2.name": "Alex Exemple", "contacts.2.role": "trésorière", "contacts.2.since": "2023"})
    answer = client.post("/acteurs/scic-coteaux", data=form, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    actor = next(a for a in _load(coteaux).actors if a.id == "scic-coteaux")
    assert [(c.name, c.email, c.legal_representative) for c in actor.contacts] == [
        ("Dominique Exemple", "dominique@example.org", True), ("Alex Exemple", None, False)]
    assert [p.site for p in actor.presences] == ["ancienne-gare", "halle"]  # untouched rows stay
    assert NOTE in coteaux.read_text(encoding="utf-8")


def test_presences_per_site_and_owners_with_shares(client, coteaux):
    form = form_data(client.get("/acteurs/labo-usages").text, "/acteurs/labo-usages")
    form.update({"presences.0.until": "2024", "presences.1.site": "ancienne-gare", "presences.1.presence": "meetings",
                 "presences.1.since": "2024"})
    assert client.post("/acteurs/labo-usages", data=form, follow_redirects=False).status_code == 303
    form = form_data(client.get("/acteurs/ateliers-partages").text, "/acteurs/ateliers-partages")
    assert (form["owners.0.actor"], form["owners.0.share"]) == ("scic-coteaux", "60")
    form.update({"owners.0.share": "55", "owners.1.share": "45"})
    assert client.post("/acteurs/ateliers-partages", data=form, follow_redirects=False).status_code == 303
    actors = {a.id: a for a in _load(coteaux).actors}
    assert [(p.site, p.presence.value, p.since, p.until) for p in actors["labo-usages"].presences] == [
        ("halle", "resident", "2018", "2024"), ("ancienne-gare", "meetings", "2024", None)]
    assert [(o.actor, o.share) for o in actors["ateliers-partages"].owners] == [("scic-coteaux", 55),
                                                                               ("menuiserie-vercors", 45)]


def test_a_presence_at_a_site_the_pole_does_not_have_is_refused(client, coteaux):
    before = coteaux.read_bytes()
    form = form_data(client.get("/acteurs/labo-usages").text, "/acteurs/labo-usages")
    form.update({"presences.1.site": "nulle-part", "presences.1.presence": "meetings"})
    answer = client.post("/acteurs/labo-usages", data=form, follow_redirects=False)
    assert answer.status_code == 422 and "nulle-part" in answer.text
    assert coteaux.read_bytes() == before


def test_a_partnership_s_participants_are_in_its_form(client):
    html = client.get("/partenariats/groupement-employeurs").text
    assert 'name="participants"' in html and 'name="participants_known"' in html


def test_the_dashboard_links_a_problem_of_a_nested_record_to_its_cell(tmp_path):
    target = tmp_path / "lien" / "pole.yaml"
    target.parent.mkdir()
    text = COTEAUX.read_text(encoding="utf-8")
    text = text.replace("      - {actor: scic-coteaux, share: 60}", "      - {actor: scic-coteaux, share: 160}", 1)
    text = text.replace("      weight: 20\n      members: [commune-die]", "      weight: deux\n      members: [commune-die]", 1)
    target.write_text(text, encoding="utf-8")
    html = make_client(target.parent).get("/").text
    assert 'href="/acteurs/ateliers-partages#f-owners.0.share"' in html
    assert 'href="/gouvernance#f-colleges.2.weight"' in html


def test_a_body_s_meetings_and_an_actor_s_single_nested_records_are_in_their_forms(client, coteaux):
    html = client.get("/gouvernance").text
    assert "Rythme des réunions : Tous les (un nombre)" in html
    form = form_data(html, "/gouvernance")
    assert (form["bodies.1.cadence.every"], form["bodies.1.cadence.unit"]) == ("2", "month")
    form.update({"bodies.1.cadence.every": "3", "bodies.1.format": "autour d’un repas",
                 "bodies.2.name": "Bureau", "bodies.2.cadence.every": "1", "bodies.2.cadence.unit": "week",
                 "statutes.reserves_share": "57.5"})
    assert client.post("/gouvernance", data=form, follow_redirects=False).status_code == 303
    governance = _load(coteaux).governance
    assert [(b.name, b.cadence.every, b.cadence.unit, b.format) for b in governance.bodies] == [
        ("Assemblée générale des associés", 1, "year", None), ("Comité de pilotage", 3, "month", "autour d’un repas"),
        ("Bureau", 1, "week", None)]
    assert governance.statutes.reserves_share == 57.5 and governance.statutes.variable_capital is True
    form = form_data(client.get("/acteurs/labo-usages").text, "/acteurs/labo-usages")
    form.update({"coordinates.lat": "44,75", "coordinates.lon": "5.37"})
    assert client.post("/acteurs/labo-usages", data=form, follow_redirects=False).status_code == 303
    actor = next(a for a in _load(coteaux).actors if a.id == "labo-usages")
    assert (actor.coordinates.lat, actor.coordinates.lon) == (44.75, 5.37)
    assert NOTE in coteaux.read_text(encoding="utf-8")


def test_a_bad_value_in_a_group_is_refused_beside_its_field(client, coteaux):
    before = coteaux.read_bytes()
    form = form_data(client.get("/acteurs/labo-usages").text, "/acteurs/labo-usages")
    form.update({"coordinates.lat": "95", "coordinates.lon": "5.37"})
    answer = client.post("/acteurs/labo-usages", data=form, follow_redirects=False)
    assert answer.status_code == 422 and 'id="e-coordinates.lat"' in answer.text
    form = form_data(client.get("/gouvernance").text, "/gouvernance")
    form["bodies.0.cadence.every"] = "0"
    answer = client.post("/gouvernance", data=form, follow_redirects=False)
    assert answer.status_code == 422 and 'id="e-bodies.0.cadence.every"' in answer.text
    assert coteaux.read_bytes() == before


def test_a_french_founder_types_inconnu_and_tous_and_reads_them_back(client, coteaux):
    # A weight not known and a body of all the members are « inconnu » and « tous » in French, not English codes.
    form = form_data(client.get("/gouvernance").text, "/gouvernance")
    form.update({"colleges.1.weight": "Inconnue", "bodies.0.members": "tous"})
    answer = client.post("/gouvernance", data=form, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    governance = _load(coteaux).governance
    assert governance.colleges[1].weight == "unknown" and governance.bodies[0].members == "all"
    html = client.get("/gouvernance").text
    assert 'name="colleges.1.weight" value="inconnu"' in html and 'name="bodies.0.members" value="tous"' in html
    assert 'value="unknown"' not in html and 'name="bodies.0.members" value="all"' not in html
    assert "Part des voix (%, ou « inconnu »)" in html.replace("&#34;", '"').replace("&laquo;", "«").replace(
        "&raquo;", "»")
