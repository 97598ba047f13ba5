"""The Carte and Documents pages: the library's map and documents, made again after each change."""

from __future__ import annotations

import pytest

pytest.importorskip("starlette")

from serving import hidden, make_client  # noqa: E402

CONTACT = "Jeanne Sauvage-Test"


@pytest.fixture
def with_contact(pole_file):
    text = pole_file.read_text(encoding="utf-8")
    text = text.replace("  - id: scop-vtd\n", f"  - id: scop-vtd\n    contacts:\n      - name: {CONTACT}\n"
                                              "        email: jeanne@example.org\n", 1)
    pole_file.write_text(text, encoding="utf-8")
    return pole_file


def test_the_map_page_embeds_the_interactive_map_and_offers_every_layout(client):
    html = client.get("/carte").text
    assert '<iframe class="map" src="/carte/interactive"' in html
    from ptce_kit.render.layouts import LAYOUTS

    for layout in LAYOUTS:
        for fmt in ("png", "svg", "pdf"):
            assert f'href="/carte/{layout}.{fmt}"' in html


def test_the_interactive_map_is_made_again_after_a_change(client, pole_file):
    first = client.get("/carte/interactive").text
    assert "Coop Cartographiée" not in first
    html = client.get("/acteurs/nouveau").text
    response = client.post("/acteurs/nouveau", data={"csrf": hidden(html, "csrf"), "hash": hidden(html, "hash"),
                                                     "name": "Coop Cartographiée", "category": "ess_enterprise"},
                           follow_redirects=False)
    assert response.status_code == 303
    assert "Coop Cartographi" in client.get("/carte/interactive").text


def test_the_static_map_downloads_as_png_svg_and_pdf(client):
    png = client.get("/carte/spring.png")
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    assert 'attachment; filename="carte-spring.png"' == png.headers["content-disposition"]
    svg = client.get("/carte/spring.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml") and b"<svg" in svg.content
    assert client.get("/carte/site.pdf").content.startswith(b"%PDF")
    assert client.get("/carte/spring.gif").status_code == 404
    assert client.get("/carte/nowhere.png").status_code == 404


def test_the_charter_downloads_as_pdf_odt_docx_with_its_french_name(client):
    pdf = client.get("/documents/charter.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-disposition"] == 'attachment; filename="charte.pdf"'
    assert client.get("/documents/charter.odt").content.startswith(b"PK")
    assert client.get("/documents/charter.docx").content.startswith(b"PK")
    preview = client.get("/documents/charter.html")
    assert preview.headers["content-disposition"].startswith("inline") and "Pôle Sud" in preview.text


def test_the_documents_page_says_what_personal_data_each_registry_holds(client):
    html = client.get("/documents").text
    assert "Registre public : sans contacts ni données des personnes physiques." in html
    assert "Registre complet : avec les contacts" in html
    assert 'download="registre-complet.csv"' in html
    assert "Rapport d’activité" not in html  # Pôle Sud's data has no dates: no year to report on
    assert client.get("/documents/report.html").status_code == 404


def test_only_the_full_registry_holds_the_contacts(with_contact):
    client = make_client(with_contact.parent)
    assert CONTACT not in client.get("/documents/registry.csv").content.decode("utf-8-sig")
    assert CONTACT not in client.get("/documents/registry.html").text
    assert CONTACT not in client.get("/documents/charter.md").text
    assert CONTACT not in client.get("/carte/interactive").text
    assert CONTACT in client.get("/documents/registry-full.csv").content.decode("utf-8-sig")
    assert CONTACT in client.get("/documents/registry-full.html").text


def test_the_activity_report_of_the_last_complete_year_is_offered(tmp_path):
    import shutil

    from ptce_kit.io import load_pole
    from ptce_kit.render.report import last_complete_year, report_file_stem
    from serving import ROOT

    folder = tmp_path / "coteaux"
    folder.mkdir()
    shutil.copy(ROOT / "examples" / "coteaux_fictif" / "pole.yaml", folder / "pole.yaml")
    year = last_complete_year(load_pole(folder / "pole.yaml"))
    assert year is not None
    client = make_client(folder)
    html = client.get("/documents").text
    assert f"Rapport d’activité {year}" in html
    preview = client.get("/documents/report.html")
    assert preview.status_code == 200 and str(year) in preview.text
    docx = client.get("/documents/report.docx")
    assert docx.content.startswith(b"PK")
    assert docx.headers["content-disposition"] == f'attachment; filename="{report_file_stem(year, "fr")}.docx"'
