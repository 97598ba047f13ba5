"""Draw the pictures of docs/maps.md: ``python docs/img/make_maps.py`` from the repository root.

Pôle Sud comes from examples/pole_sud.  The ``geo`` layout and the small multiples need
coordinates and dates, which the Pôle Sud fiche does not give: they are shown on
« Pôle Démo », a *fictitious* pole defined below (names, places and dates are made up).
The interactive screenshot needs Playwright and Debian's chromium.
"""

from __future__ import annotations

from pathlib import Path

from ptce_kit.io import load_pole
from ptce_kit.model import Pole
from ptce_kit.render.interactive import write_interactive_map
from ptce_kit.render.maps import composition_figure, draw_map, small_multiples

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

DEMO = Pole(
    id="pole-demo", name="Pôle Démo (fictif)", pivot="fabrique",
    site={"name": "La Fabrique", "coordinates": {"lat": 45.043, "lon": 5.052}, "commune": "26281"},
    sources=["pôle fictif, pour illustrer la documentation de ptce-kit"],
    actors=[
        {"id": "fabrique", "name": "La Fabrique coopérative", "category": "ess_enterprise", "presence": "resident",
         "joined": "2012", "commune": "26281"},
        {"id": "atelier", "name": "Atelier partagé", "category": "ess_enterprise", "presence": "resident",
         "joined": "2014", "commune": "26281"},
        {"id": "agglo", "name": "Agglomération", "category": "local_authority", "presence": "meetings",
         "joined": "2012", "coordinates": {"lat": 45.047, "lon": 5.049}},
        {"id": "mairie", "name": "Mairie voisine", "category": "local_authority", "joined": "2016",
         "coordinates": {"lat": 45.037, "lon": 5.085}},
        {"id": "iut", "name": "IUT", "category": "higher_education", "joined": "2016",
         "coordinates": {"lat": 44.933, "lon": 4.892}},
        {"id": "labo", "name": "Laboratoire régional", "category": "research_centre", "presence": "remote",
         "joined": "2019", "coordinates": {"lat": 45.188, "lon": 5.724}},
        {"id": "pme", "name": "PME du bâtiment", "category": "enterprise", "presence": "office_hours",
         "joined": "2019", "commune": "26281"},
        {"id": "federation", "name": "Fédération nationale", "category": "other", "presence": "remote",
         "joined": "2014"},
    ],
    partnerships=[
        {"id": "locaux", "actors": ["fabrique", "atelier", "pme"], "kind": "mutualisation", "since": "2014"},
        {"id": "emploi", "actors": ["fabrique", "agglo"], "kind": "cooperation", "since": "2012"},
        {"id": "chantier", "actors": ["fabrique", "mairie", "atelier"], "kind": "cooperation", "since": "2016"},
        {"id": "stages", "actors": ["fabrique", "iut"], "kind": "partnership", "since": "2016"},
        {"id": "etude", "actors": ["iut", "labo", "fabrique"], "kind": "partnership", "since": "2019"},
        {"id": "reseau", "actors": ["fabrique", "federation"], "kind": "partnership", "since": "2014"},
    ],
)


def main() -> None:
    pole = load_pole(ROOT / "examples" / "pole_sud")
    for layout in ("spring", "forceatlas2", "site"):
        draw_map(pole, HERE / f"carte-{layout}.png", layout=layout, dpi=100)
    draw_map(pole, HERE / "map-spring-en.png", lang="en", size_by="betweenness", dpi=100)
    composition_figure(pole, HERE / "composition.png", dpi=100)
    draw_map(DEMO, HERE / "carte-geo.png", layout="geo", dpi=100)
    small_multiples(DEMO, [2012, 2016, 2019], HERE / "croissance.png", dpi=80)
    page = write_interactive_map(pole, ROOT / "test-artifacts" / "carte.html")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        view = browser.new_page(viewport={"width": 1300, "height": 820})
        view.goto(page.as_uri())
        view.wait_for_selector("body[data-ready=true]")
        view.fill("#search", "archer")
        view.press("#search", "Enter")
        view.screenshot(path=str(HERE / "carte-interactive.png"))
        browser.close()


if __name__ == "__main__":
    main()
