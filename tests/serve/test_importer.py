"""The Importer page: a cp1252 ';' spreadsheet, its rows' fates and diff, then only the rows kept."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("starlette")

from serving import COMMENT, hidden  # noqa: E402

ROWS = ("Identifiant;Nom;Catégorie;SIRET;Date d'adhésion\r\n"
        ";Épicerie Coopérative de Péage;ess_enterprise;;2024\r\n"
        ";Régie Mal Numérotée;ess_enterprise;12345678901234;2024\r\n"
        ";Atelier Refusé Exprès;enterprise;;2023\r\n"
        "scop-vtd;Scop VTD;ess_enterprise;;2015\r\n")


def upload(client, content: bytes, name: str = "membres.csv"):
    csrf = hidden(client.get("/importer").text, "csrf")
    return client.post("/importer", data={"csrf": csrf}, files={"spreadsheet": (name, content, "text/csv")})


def test_a_cp1252_spreadsheet_is_previewed_row_by_row_and_writes_nothing(client, pole_file):
    before = pole_file.read_bytes()
    page = upload(client, ROWS.encode("cp1252"))
    assert page.status_code == 200, page.text
    html = page.text
    assert "Épicerie Coopérative de Péage" in html  # decoded from Windows-1252
    assert re.search(r'<tr class="fate-added">.*?<td>2</td>', html, re.S)
    assert re.search(r'<tr class="fate-rejected">\s*<td></td>\s*<td>3</td>', html)  # no box: cannot be kept
    assert "+    name: Épicerie Coopérative de Péage" in html  # the diff
    assert pole_file.read_bytes() == before


def test_only_the_rows_kept_are_imported_with_every_comment_kept(client, pole_file):
    html = upload(client, ROWS.encode("cp1252")).text
    form = {"csrf": hidden(html, "csrf"), "key": hidden(html, "key"), "hash": hidden(html, "hash")}
    boxes = re.findall(r'name="row" value="(\d+)"', html)
    assert "2" in boxes and "4" in boxes and "3" not in boxes
    kept = [b for b in boxes if b != "4"]  # the user refuses row 4
    done = client.post("/importer/appliquer", data={**form, "row": kept})
    assert done.status_code == 200, done.text
    text = pole_file.read_text(encoding="utf-8")
    assert "Épicerie Coopérative de Péage" in text
    assert "Atelier Refusé Exprès" not in text and "Régie Mal Numérotée" not in text
    assert COMMENT in text
    assert "Lignes non importées : 3, 4" in done.text


def test_a_preview_made_stale_by_a_change_on_disk_writes_nothing(client, pole_file, ptce):
    html = upload(client, ROWS.encode("cp1252")).text
    form = {"csrf": hidden(html, "csrf"), "key": hidden(html, "key"), "hash": hidden(html, "hash"), "row": ["2"]}
    assert ptce("member", "update", str(pole_file), "scop-vtd", "--website", "https://cli.example").returncode == 0
    after_cli = pole_file.read_bytes()
    refused = client.post("/importer/appliquer", data=form)
    assert refused.status_code == 409
    assert pole_file.read_bytes() == after_cli


def test_a_file_that_is_not_a_spreadsheet_is_refused(client, pole_file):
    before = pole_file.read_bytes()
    assert upload(client, b"\x7fELF...", name="programme.exe").status_code == 422
    assert upload(client, b"PK\x03\x04 not really", name="faux.xlsx").status_code == 422
    assert pole_file.read_bytes() == before


def test_a_sirene_extract_is_previewed_then_accepted_or_refused_row_by_row(client, pole_file):
    from serving import ROOT, form_data

    extract = (ROOT / "tests" / "data" / "sirene" / "recherche-entreprises.csv").read_bytes()
    before = pole_file.read_bytes()
    csrf = hidden(client.get("/importer").text, "csrf")
    preview = client.post("/importer/sirene", data={"csrf": csrf},
                          files={"extract": ("recherche-entreprises.csv", extract, "text/csv")})
    assert preview.status_code == 200, preview.text
    assert "not diffusible" in preview.text and "ligne par ligne" in preview.text
    form = form_data(preview.text, "/importer/sirene/appliquer")
    assert form["row"] == ["2", "3", "5"]  # each establishment that would be added, ticked
    assert pole_file.read_bytes() == before
    form["row"] = ["2", "3"]  # ETA SELCA (line 5) refused
    done = client.post("/importer/sirene/appliquer", data=form)
    assert done.status_code == 200, done.text
    assert "Lignes non importées : 5" in done.text
    text = pole_file.read_text(encoding="utf-8")
    assert "id: scic-zeta" in text and "id: association-epsilon" in text and "eta-selca" not in text
    assert COMMENT in text


def test_a_sirene_extract_with_a_hostile_name_is_refused(client, pole_file):
    before = pole_file.read_bytes()
    csrf = hidden(client.get("/importer").text, "csrf")
    for name in ("../../etc/passwd.csv", "extrait.exe", "a b.csv", "..csv"):
        response = client.post("/importer/sirene", data={"csrf": csrf}, files={"extract": (name, b"siren\n", "text/csv")})
        assert response.status_code == 422, name
        assert "Choisissez un extrait" in response.text, name  # refused for its name, before any reading
    assert pole_file.read_bytes() == before
