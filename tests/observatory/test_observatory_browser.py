"""The observatory in a real headless Chromium, every network request aborted and recorded.

Like the interactive map's tests (tests/render/test_interactive.py): Debian's chromium,
never a download; skipped without it, except under CI.
"""

from __future__ import annotations

import pytest

from tests.render.test_interactive import Page, browser  # noqa: F401  (the fixture is used by name)


@pytest.fixture
def open_page(browser):  # noqa: F811
    pages = []

    def opener(path, **kw):
        page = Page(browser, path, **kw)
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()


def _names(page) -> list[str]:
    return page.page.eval_on_selector_all("#poles tbody tr:not(.is-hidden)", "rows => rows.map(r => r.dataset.pole)")


def test_sort_filter_follow_and_find_every_pole_on_the_map(sites, open_page):
    site = sites["fr"]
    page = open_page(site / "index.html")
    everyone = _names(page)
    assert len(everyone) == 10 and "pole-sud" in everyone
    # every pole of the table has its dot on the map, a link to its page
    dots = page.page.eval_on_selector_all("#france .pole-dot", "ds => ds.map(d => d.dataset.pole)")
    assert sorted(dots) == sorted(everyone)
    # sort by members: twice gives the largest first
    members = page.page.locator("#poles thead th", has_text="Membres").locator("button")
    members.click()
    sizes = [int(x) for x in page.page.eval_on_selector_all(
        "#poles tbody tr", "rows => rows.map(r => r.cells[4].dataset.sort)")]
    assert sizes == sorted(sizes)
    members.click()
    sizes = [int(x) for x in page.page.eval_on_selector_all(
        "#poles tbody tr", "rows => rows.map(r => r.cells[4].dataset.sort)")]
    assert sizes == sorted(sizes, reverse=True)
    # filter by name, accents and case ignored
    page.page.fill("#filter", "pole sud")
    assert _names(page) == ["pole-sud"]
    assert page.page.text_content("#shown") == "Pôles affichés : 1 sur 10"
    page.page.fill("#filter", "")
    # filter by région: Pôle Sud is in Auvergne-Rhône-Alpes (84)
    page.page.select_option("#region", "84")
    shown = _names(page)
    assert "pole-sud" in shown and len(shown) < 10
    page.page.select_option("#region", "")
    # follow a pole's link to its page, then to its interactive map
    page.page.click("#poles a[href='poles/pole-sud/index.html']")
    page.page.wait_for_url("**/poles/pole-sud/index.html")
    assert page.page.text_content("h1") == "Pôle Sud"
    assert page.page.locator("a[href='carte.html']").count() == 1
    assert page.blocked == [] and not page.errors


def test_a_dot_on_the_map_opens_its_pole(sites, open_page):
    page = open_page(sites["en"] / "index.html")
    page.page.click("#france .pole-dot[data-pole='coteaux-fictif']")
    page.page.wait_for_url("**/poles/coteaux-fictif/index.html")
    assert page.page.locator("h2", has_text="PTCE criteria").count() == 1
    assert page.blocked == []


def test_a_pole_map_is_laid_out_in_the_page_from_the_site_s_shared_files(sites, open_page):
    site = sites["fr"]
    html = (site / "poles" / "pole-sud" / "carte.html").read_text(encoding="utf-8")
    # the page holds its data, not d3 nor map.js: those are files of the site, written once
    assert "d3-zoom-bundle.min.js" in html and len(html) < 40_000 and '"x":' not in html
    page = open_page(site / "poles" / "pole-sud" / "carte.html")
    assert page.blocked == [] and not page.errors
    assert all(r.startswith("file:") for r in page.requests)
    assert any(r.endswith("/assets/place.js") for r in page.requests)
    placed = page.page.evaluate("""() => JSON.parse(document.getElementById('ptce-data').textContent).nodes
        .map(n => [n.id, n.x, n.y, n.lx, n.ly, n.anchor])""")
    assert len(placed) == len(page.visible_nodes()) > 3
    # every actor at a position of its own within the frame, with its label beside it
    assert len({(x, y) for _, x, y, *_ in placed}) == len(placed)
    assert all(-1.0 <= x <= 1.0 and -2.0 <= y <= 1.0 for _, x, y, *_ in placed)
    assert all(a in ("start", "middle", "end") and (lx, ly) != (0, 0) for *_, lx, ly, a in placed)
    # the same picture at every opening (seeded)
    again = open_page(site / "poles" / "pole-sud" / "carte.html")
    assert again.page.evaluate("""() => JSON.parse(document.getElementById('ptce-data').textContent).nodes
        .map(n => [n.id, n.x, n.y, n.lx, n.ly, n.anchor])""") == placed
    # a search finds an actor, as on the interactive map
    page.page.fill("#search", "mairie")
    assert page.page.text_content("#search-status")


def test_pole_sud_s_dot_lies_inside_the_drome_s_outline(sites, open_page):
    page = open_page(sites["fr"] / "index.html")
    found = page.page.evaluate("""() => {
        const dot = document.querySelector("#france .pole-dot[data-pole='pole-sud'] circle");
        const at = new DOMPoint(dot.cx.baseVal.value, dot.cy.baseVal.value);
        const inside = [...document.querySelectorAll("#france path.dep")]
            .filter(p => p.isPointInFill(at)).map(p => p.dataset.dep);
        const drome = document.querySelector("#france path.dep[data-dep='26']").getBBox();
        return {inside, at: [at.x, at.y], drome: [drome.x, drome.y, drome.width, drome.height]};
    }""")
    # the dot is at Pôle Sud's communes, in the Drôme and in no other département, not at its centre
    from ptce_kit.observatory.france import outlines

    assert found["inside"] == ["26"], found
    centre = next(d["centre"] for d in outlines()["departements"] if d["code"] == "26")
    assert [round(v, 2) for v in found["at"]] != centre
    assert page.blocked == [] and not page.errors
