"""The workspace's pages and forms: every change through edit_pole, comments kept, conflicts shown."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("starlette")

from serving import COMMENT, hidden, make_client  # noqa: E402

GOOD_SIRET = "73282932000074"


def comments(text: str) -> list[str]:
    return [line[line.index("#"):] for line in text.splitlines() if "#" in line and not line.lstrip().startswith("-")
            and "'" not in line and '"' not in line]


def form_of(client, page: str) -> dict[str, str]:
    html = client.get(page).text
    return {"csrf": hidden(html, "csrf"), "hash": hidden(html, "hash")}


def add_actor(client, **fields: str):
    return client.post("/acteurs/nouveau", data={**form_of(client, "/acteurs/nouveau"), **fields},
                       follow_redirects=False)


def test_the_dashboard_shows_the_pole_in_numbers_and_the_criteria_in_french(client, pole_sud):
    html = client.get("/").text
    assert '<html lang="fr">' in html
    assert "Tableau de bord" in html and "Acteurs" in html
    assert f"<strong>{len(pole_sud.actors)}</strong> acteurs" in html
    assert f"<strong>{len(pole_sud.partnerships)}</strong> partenariats" in html
    assert "Le fichier est valide" in html
    criteria = client.get("/criteres?fragment=1").text
    assert criteria.startswith('<section id="verdicts"')
    assert "Des entreprises de l’ESS au cœur du pôle" in criteria.replace("&#39;", "'")
    assert "atteint" in criteria and ">pass<" not in criteria
    # Once the criteria are loaded, the dashboard shows them itself.
    assert "Des entreprises de l’ESS au cœur du pôle" in client.get("/").text.replace("&#39;", "'")


def test_the_browser_s_language_chooses_english_and_the_choice_is_kept(client):
    html = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"}).text
    assert '<html lang="en">' in html and "Dashboard" in html
    csrf = hidden(client.get("/").text, "csrf")
    response = client.post("/langue", data={"csrf": csrf, "lang": "en", "back": "/acteurs"}, follow_redirects=False)
    assert response.headers["location"] == "/acteurs"
    assert '<html lang="en">' in client.get("/acteurs").text
    off_site = client.post("/langue", data={"csrf": csrf, "lang": "fr", "back": "//evil.example/"},
                           follow_redirects=False)
    assert off_site.headers["location"] == "/"


def test_a_bad_siret_is_refused_with_a_french_message_beside_the_field_and_nothing_written(client, pole_file):
    before = pole_file.read_bytes()
    response = add_actor(client, name="Coop Nouvelle", category="ess_enterprise", siret="12345678901234")
    assert response.status_code == 422
    message = re.search(r'<p class="error" id="e-siret">([^<]*)</p>', response.text)
    assert message and message.group(1).startswith("SIRET invalide")
    assert 'id="f-siret" name="siret" value="12345678901234"' in response.text  # what was typed is kept
    assert 'aria-describedby="e-siret d-siret"' in response.text
    assert pole_file.read_bytes() == before


def test_a_good_actor_is_written_with_every_comment_kept(client, pole_file):
    before = pole_file.read_text(encoding="utf-8")
    response = add_actor(client, name="Coop Nouvelle", category="ess_enterprise", siret=GOOD_SIRET,
                         joined="2024-03", status="member", ess="yes", roles="founder, tenant")
    assert response.status_code == 303
    assert response.headers["location"] == "/acteurs/coop-nouvelle?notice=saved"
    after = pole_file.read_text(encoding="utf-8")
    assert comments(after) == comments(before) and COMMENT in after
    assert re.search(rf"""siret: ['"]?{GOOD_SIRET}['"]?\n""", after)
    assert "joined: 2024-03" in after
    # Only lines were added: every line of the old file is still there, in order.
    old_lines = before.splitlines()
    new_lines = after.splitlines()
    it = iter(new_lines)
    assert all(any(line == other for other in it) for line in old_lines)
    from ptce_kit.io import load_pole

    actor = next(a for a in load_pole(pole_file).actors if a.id == "coop-nouvelle")
    assert actor.siret == GOOD_SIRET and actor.roles == ["founder", "tenant"] and actor.ess is True
    page = client.get(response.headers["location"]).text
    assert "Enregistré dans pole.yaml." in page


def test_an_edit_changes_only_the_lines_of_the_field(client, pole_file):
    before = pole_file.read_text(encoding="utf-8").splitlines()
    form = form_of(client, "/acteurs/scop-vtd")
    page = client.get("/acteurs/scop-vtd").text
    values = dict(re.findall(r'<input id="f-([a-z_]+)" name="[a-z_]+" value="([^"]*)"', page))
    values = {k: v.replace("&#39;", "'").replace("&amp;", "&").replace("&quot;", '"') for k, v in values.items()}
    selects = re.findall(r'<select id="f-([a-z_]+)"[^>]*>(.*?)</select>', page, re.S)
    for name, options in selects:
        chosen = re.search(r'<option value="([^"]*)" selected>', options)
        if chosen:
            values[name] = chosen.group(1)
    description = re.search(r'<textarea id="f-description"[^>]*>(.*?)</textarea>', page, re.S)
    if description:
        values["description"] = description.group(1).replace("&#39;", "'").replace("&amp;", "&")
    values["website"] = "https://scop-vtd.example"
    response = client.post("/acteurs/scop-vtd", data={**form, **values}, follow_redirects=False)
    assert response.status_code == 303, response.text
    after = pole_file.read_text(encoding="utf-8").splitlines()
    import difflib

    changed = [line for line in difflib.unified_diff(before, after, lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == ["+    website: https://scop-vtd.example"]


def test_a_change_made_on_disk_meanwhile_is_shown_and_never_overwritten(client, pole_file, ptce):
    form = form_of(client, "/acteurs/nouveau")
    result = ptce("member", "update", str(pole_file), "scop-vtd", "--website", "https://cli.example")
    assert result.returncode == 0, result.stderr
    after_cli = pole_file.read_bytes()
    response = client.post("/acteurs/nouveau", data={**form, "name": "Coop Tardive", "category": "enterprise"},
                           follow_redirects=False)
    assert response.status_code == 409
    assert "Le fichier a changé pendant que vous l’éditiez" in response.text
    assert "+    website: https://cli.example" in response.text  # what changed, shown
    assert 'value="Coop Tardive"' in response.text  # what was typed, kept
    assert pole_file.read_bytes() == after_cli
    # The form now carries the new hash: sending it again writes, keeping the CLI's change.
    again = client.post("/acteurs/nouveau", data={"csrf": form["csrf"], "hash": hidden(response.text, "hash"),
                                                  "name": "Coop Tardive", "category": "enterprise"},
                        follow_redirects=False)
    assert again.status_code == 303
    text = pole_file.read_text(encoding="utf-8")
    assert "https://cli.example" in text and "Coop Tardive" in text


def test_an_edit_waits_for_the_lock_of_a_command_editing_the_file(client, pole_file):
    from ptce_kit.io.edit import file_lock

    form = form_of(client, "/acteurs/nouveau")
    with file_lock(pole_file):
        import os

        os.environ["PTCE_LOCK_TIMEOUT"] = "0.2"
        try:
            response = add_actor(client, name="Coop Verrou", category="enterprise", **{"hash": form["hash"]})
        finally:
            del os.environ["PTCE_LOCK_TIMEOUT"]
    assert response.status_code == 422
    assert "en cours de modification par une autre commande" in response.text  # the page is French
    assert "Coop Verrou" not in pole_file.read_text(encoding="utf-8")


def test_a_removal_that_leaves_references_explains_them_first(client, pole_file):
    page = client.get("/acteurs/groupe-archer/supprimer").text
    assert "D’autres éléments du pôle font référence à groupe-archer" in page
    assert "le pôle (comme structure porteuse)" in page and "as its pivot" not in page
    before = pole_file.read_bytes()
    form = form_of(client, "/acteurs/scop-vtd/supprimer")
    refs = re.findall(r"<li>([^<]*)</li>", client.get("/acteurs/scop-vtd/supprimer").text.split('class="refs"')[1]
                      .split("</ul>")[0])
    assert refs, "scop-vtd is in partnerships of Pôle Sud"
    # Without the cascade answer, the references refuse the removal: nothing written.
    refused = client.post("/acteurs/scop-vtd/supprimer", data=form, follow_redirects=False)
    assert refused.status_code == 422 and pole_file.read_bytes() == before
    done = client.post("/acteurs/scop-vtd/supprimer", data={**form, "cascade": "yes"}, follow_redirects=False)
    assert done.status_code == 303
    from ptce_kit.io import load_pole

    pole = load_pole(pole_file)
    assert "scop-vtd" not in {a.id for a in pole.actors}
    assert all("scop-vtd" not in t.actors for t in pole.partnerships)
    assert COMMENT in pole_file.read_text(encoding="utf-8")


def test_a_partnership_is_added_with_french_menus(client, pole_file):
    page = client.get("/partenariats/nouveau").text
    assert '<option value="mutualisation">Mutualisation</option>' in page
    assert 'value="premises"> locaux' in page
    form = form_of(client, "/partenariats/nouveau")
    response = client.post("/partenariats/nouveau", data={**form, "kind": "cooperation", "actors": "groupe-archer, scop-vtd",
                                                          "resources": ["staff", "knowledge"], "since": "2023"},
                           follow_redirects=False)
    assert response.status_code == 303, response.text
    from ptce_kit.io import load_pole

    tie = load_pole(pole_file).partnerships[-1]
    assert tie.actors == ["groupe-archer", "scop-vtd"] and [r.value for r in tie.resources] == ["staff", "knowledge"]
    assert "since: 2023" in pole_file.read_text(encoding="utf-8")


def test_a_partnership_naming_an_unknown_actor_is_refused(client, pole_file):
    before = pole_file.read_bytes()
    form = form_of(client, "/partenariats/nouveau")
    response = client.post("/partenariats/nouveau", data={**form, "kind": "cooperation",
                                                          "actors": "groupe-archer, nobody"})
    assert response.status_code == 422
    assert "nobody" in response.text
    assert pole_file.read_bytes() == before


def test_lists_search_and_filter_on_the_server(client, pole_sud):
    html = client.get("/acteurs?q=archer").text
    assert "Groupe Archer" in html and "Scop VTD" not in html
    esat = sum(1 for a in pole_sud.actors if a.category.value == "enterprise")
    html = client.get("/acteurs?category=enterprise").text
    assert f'<span id="shown-count">{esat}</span>' in html


def test_unknown_lists_and_records_are_not_found(client):
    assert client.get("/gouvernance-secrete").status_code == 404
    assert client.get("/acteurs/personne").status_code == 404
    assert client.get("/acteurs/personne/supprimer").status_code == 404


def test_the_dashboard_links_each_problem_to_its_field(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    text = (Path(__file__).resolve().parents[2] / "examples" / "pole_sud" / "pole.yaml").read_text(encoding="utf-8")
    text = text.replace("  - id: scop-vtd\n", "  - id: scop-vtd\n    siret: '12345678901234'\n", 1)
    (folder / "pole.yaml").write_text(text, encoding="utf-8")
    client = make_client(folder)
    html = client.get("/").text
    assert 'href="/acteurs/scop-vtd#f-siret"' in html
    assert "Problèmes à corriger" in html


def test_the_dashboard_shows_what_changed_since_the_last_commit(pole_file):
    folder = pole_file.parent
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    subprocess.run([*git, "add", "pole.yaml"], cwd=folder, check=True)
    subprocess.run([*git, "commit", "-qm", "start"], cwd=folder, check=True)
    client = make_client(folder)
    assert "Rien n’a changé depuis le dernier commit." in client.get("/").text
    add_actor(client, name="Coop Suivie", category="enterprise")
    html = client.get("/").text
    assert "+    name: Coop Suivie" in html
    assert re.search(r'<p class="diffstat">\+[1-9]', html)


def test_a_folder_without_a_pole_offers_to_found_one(empty_folder):
    client = make_client(empty_folder)
    html = client.get("/").text
    assert "Fonder un pôle" in html
    from ptce_kit.scaffold import questions

    for question in questions():
        assert f'name="{question.key}"' in html
    csrf = hidden(html, "csrf")
    bad = client.post("/fonder", data={"csrf": csrf, "pole_name": "Pôle Nord", "commune_insee": "5935"})
    assert bad.status_code == 422
    assert 'id="e-commune_insee"' in bad.text
    assert list(empty_folder.iterdir()) == []
    done = client.post("/fonder", data={"csrf": csrf, "pole_name": "Pôle Nord", "commune_insee": "59350", "commune_name": "Lille", "territory_name": "Métropole lilloise",
                                        "pivot_name": "Coop Nord", "with_examples": "non"}, follow_redirects=False)
    assert done.status_code == 303, done.text
    created = [p for p in empty_folder.iterdir() if p.is_dir()]
    assert len(created) == 1 and (created[0] / "pole.yaml").is_file()
    assert "Pôle Nord" in client.get("/").text


def test_indicators_are_added_edited_and_removed_by_their_place(client, pole_file, pole_sud):
    count = len(pole_sud.indicators)
    html = client.get("/indicateurs").text
    assert "Indicateurs" in html and f'<span id="shown-count">{count}</span>' in html
    form = form_of(client, "/indicateurs/nouveau")
    refused = client.post("/indicateurs/nouveau", data={**form, "name": "Emplois créés", "source": "rapport 2024"})
    assert refused.status_code == 422  # an indicator needs its figure
    assert 'id="e-value"' in refused.text
    added = client.post("/indicateurs/nouveau", data={**form, "name": "Emplois créés", "value": "12", "unit": "emplois",
                                                      "year": "2024", "source": "rapport d’activité 2024"},
                        follow_redirects=False)
    assert added.status_code == 303, added.text
    place = count + 1
    assert added.headers["location"] == f"/indicateurs/{place}?notice=saved"
    from ptce_kit.io import load_pole

    indicator = load_pole(pole_file).indicators[-1]
    assert (indicator.name, indicator.value, indicator.year) == ("Emplois créés", 12, 2024)
    form = form_of(client, f"/indicateurs/{place}")
    edited = client.post(f"/indicateurs/{place}", data={**form, "name": "Emplois créés", "value": "14",
                                                       "unit": "emplois", "year": "2024",
                                                       "source": "rapport d’activité 2024"}, follow_redirects=False)
    assert edited.status_code == 303, edited.text
    assert load_pole(pole_file).indicators[-1].value == 14
    form = form_of(client, f"/indicateurs/{place}/supprimer")
    removed = client.post(f"/indicateurs/{place}/supprimer", data=form, follow_redirects=False)
    assert removed.status_code == 303
    assert len(load_pole(pole_file).indicators) == count
    assert COMMENT in pole_file.read_text(encoding="utf-8")
    assert client.get(f"/indicateurs/{place + 5}").status_code == 404


def test_the_governance_page_and_the_college_of_an_actor(tmp_path):
    import shutil

    from serving import ROOT

    folder = tmp_path / "coteaux"
    folder.mkdir()
    shutil.copy(ROOT / "examples" / "coteaux_fictif" / "pole.yaml", folder / "pole.yaml")
    client = make_client(folder)
    html = client.get("/gouvernance").text
    assert "Collèges" in html and "Collectivités" in html and 'href="/acteurs/commune-die"' in html
    page = client.get("/acteurs/commune-die").text
    assert '<option value="Collectivités" selected>' in page
    # Collectivités counts 1 member: a second one is refused by the format, with its reason.
    before = (folder / "pole.yaml").read_bytes()
    counted = add_actor(client, name="Commune Voisine", category="local_authority", college="Collectivités")
    assert counted.status_code == 422 and "corrigez le nombre" in counted.text  # in the page's French
    assert (folder / "pole.yaml").read_bytes() == before
    response = add_actor(client, name="Scierie Voisine", category="enterprise", college="Partenaires")
    assert response.status_code == 303, response.text
    from ptce_kit.io import load_pole

    college = next(c for c in load_pole(folder / "pole.yaml").governance.colleges if c.name == "Partenaires")
    assert college.members == ["coop-bois", "menuiserie-vercors", "scierie-voisine"]
    refused = add_actor(client, name="Commune Lointaine", category="local_authority", college="Inventé")
    assert refused.status_code == 422 and "Inventé" in refused.text


def test_the_commune_is_found_by_its_name_or_postal_code(client, pole_file):
    added = add_actor(client, name="Coop Romanaise", category="enterprise", commune="Romans-sur-Isère")
    assert added.status_code == 303, added.text
    from ptce_kit.io import load_pole

    assert next(a for a in load_pole(pole_file).actors if a.id == "coop-romanaise").commune == "26281"
    before = pole_file.read_bytes()
    ambiguous = add_actor(client, name="Coop Dioise", category="enterprise", commune="26150")
    assert ambiguous.status_code == 422
    assert "Plusieurs communes répondent" in ambiguous.text and "26113 Die" in ambiguous.text
    unknown = add_actor(client, name="Coop Perdue", category="enterprise", commune="Atlantide")
    assert unknown.status_code == 422 and 'id="e-commune"' in unknown.text
    assert pole_file.read_bytes() == before
    options = client.get("/communes?q=26100").text
    assert '<option value="26281">Romans-sur-Isère (26100)</option>' in options
    assert "Romans-sur-Isère" in client.get("/communes?q=roman").text
