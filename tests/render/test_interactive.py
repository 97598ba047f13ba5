"""The interactive map, opened in a real headless Chromium with the network blocked.

The browser tests need Playwright (the ``test`` extra) and Debian's ``chromium`` at
/usr/bin/chromium (or ``PTCE_CHROMIUM``); Playwright's own browser download is never
used.  Without them the tests are skipped, except under CI (``CI=true``), where they
fail: a green CI must have driven a browser.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ptce_kit.model import Pole
from ptce_kit.render.interactive import interactive_html, map_data, write_interactive_map
from tests.browser_support import browser, offline  # noqa: F401 - the fixture, shared with the other browser tests

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "</script><script>window.pwned=1;alert(2)</script>",
    "Guillemets \"doubles\" & 'simples' <b>gras</b>",
]


class Page:
    """A page opened from a file, with every request that is not the file itself blocked and recorded."""

    def __init__(self, browser, path: Path, viewport=(1400, 900)):
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        self.blocked: list[str] = []
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []

        self.context.route("**/*", offline(("file:", "data:"), self.blocked))
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-ready=true]", timeout=10_000)

    def visible_nodes(self) -> list[str]:
        return sorted(self.page.eval_on_selector_all(
            "#map .node:not(.is-hidden)", "nodes => nodes.map(n => n.getAttribute('data-id'))"))

    def visible_edges(self) -> list[tuple[str, str]]:
        return sorted(tuple(x) for x in self.page.eval_on_selector_all(
            "#map .edge:not(.is-hidden)",
            "edges => edges.map(e => [e.getAttribute('data-partnership'), e.getAttribute('data-kind')])"))

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_page(browser):
    pages = []

    def opener(path: Path, **kw) -> Page:
        page = Page(browser, path, **kw)
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()


@pytest.fixture
def growing_pole() -> Pole:
    return Pole(id="demo", name="Pôle Démo", pivot="hub", actors=[
        {"id": "hub", "name": "Hub coopératif", "category": "ess_enterprise", "presence": "resident", "joined": "2012",
         "contacts": [{"name": "Camille Exemple", "email": "camille@example.org"}]},
        {"id": "ville", "name": "Ville", "category": "local_authority", "joined": "2012"},
        {"id": "labo", "name": "Laboratoire", "category": "research_centre", "joined": "2015"},
        {"id": "scop", "name": "Scop du coin", "category": "ess_enterprise", "joined": "2018", "left": "2020"},
    ], partnerships=[
        {"id": "emploi", "actors": ["hub", "ville"], "kind": "cooperation", "since": "2012"},
        {"id": "etude", "actors": ["hub", "labo"], "kind": "partnership", "since": "2015"},
        {"id": "bail", "actors": ["hub", "scop"], "kind": "mutualisation", "since": "2018"},
    ])


@pytest.fixture
def hostile_pole() -> Pole:
    return Pole(id="hostile", name="Pôle <script>alert('titre')</script>", pivot="a0", actors=[
        {"id": f"a{i}", "name": name, "category": "ess_enterprise", "description": name}
        for i, name in enumerate(HOSTILE)
    ], partnerships=[{"id": "t", "actors": ["a0", "a1", "a2"], "kind": "cooperation",
                      "topic": "<iframe src=javascript:alert(3)>"}])


def _actors(pole: Pole) -> dict[str, str]:
    return {a.id: a.name for a in pole.actors if a.status is None or a.status.value != "prospective"}


# --- the file itself (no browser needed) ------------------------------------------------


def test_one_file_with_everything_inlined_and_nothing_to_fetch(pole_sud, tmp_path):
    path = write_interactive_map(pole_sud, tmp_path / "carte.html")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="fr">' in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?!#|data:)[a-z]""", page, re.I), "a resource outside the file"
    assert "@import" not in page and "url(http" not in page and "//cdn" not in page
    assert "default-src 'none'" in page  # the Content-Security-Policy forbids any fetch
    assert page.count("<script") == page.count("</script>") == 3
    assert "Groupe Archer" in page


def test_same_data_same_bytes(pole_sud, tmp_path):
    one = write_interactive_map(pole_sud, tmp_path / "a.html").read_bytes()
    two = write_interactive_map(pole_sud, tmp_path / "b.html").read_bytes()
    assert one == two


def test_personal_data_only_when_asked(growing_pole):
    assert "Camille Exemple" not in interactive_html(growing_pole)
    assert "camille@example.org" not in interactive_html(growing_pole)
    assert "Camille Exemple" in interactive_html(growing_pole, include_personal_data=True)


def test_hostile_names_cannot_close_the_script_or_open_a_tag(hostile_pole):
    page = interactive_html(hostile_pole)
    assert "<img" not in page and "<iframe" not in page and "<b>" not in page
    assert page.count("</script>") == 3
    assert "&lt;script&gt;alert(&#x27;titre&#x27;)&lt;/script&gt;" in page  # the title, escaped as HTML
    data = map_data(hostile_pole)
    assert sorted(n["name"] for n in data["nodes"]) == sorted(HOSTILE)  # the data keeps the names as they are


def test_one_node_per_actor_and_prospective_left_out_unless_asked(pole_sud):
    data = map_data(pole_sud)
    assert sorted(n["id"] for n in data["nodes"]) == sorted(_actors(pole_sud))
    assert "association-chefs-entreprise-za" not in {n["id"] for n in data["nodes"]}
    assert "association-chefs-entreprise-za" in {n["id"] for n in map_data(pole_sud, include_prospective=True)["nodes"]}
    assert data["dates"] is None  # the fiche gives no date: no slider
    # One edge per tie and pair of actors: the lease of six residents alone ties 15 pairs.
    assert len(data["edges"]) == 32
    assert sum(e["partnership"] == "hebergement-residents" for e in data["edges"]) == 15


# --- in the browser ----------------------------------------------------------------------


@pytest.mark.browser
def test_pole_sud_page_loads_offline_with_no_error(open_page, pole_sud, tmp_path):
    path = write_interactive_map(pole_sud, tmp_path / "carte.html")
    page = open_page(path)
    assert page.errors == []
    assert page.blocked == []
    assert page.requests == [path.as_uri()]
    actors = _actors(pole_sud)
    assert page.visible_nodes() == sorted(actors)
    labels = page.page.eval_on_selector_all("#map .node text.label", "ts => ts.map(t => t.textContent)")
    assert sorted(labels) == sorted(actors.values())
    assert page.page.is_hidden("#date-box")  # no dates in the fiche
    legend = page.page.inner_text("aside")
    for word in ("Famille d’acteurs", "Type de lien", "Présence sur le lieu", "coopération", "entreprises",
                 "structure pivot", "lien orienté (de → vers)"):
        assert word in legend
    # The map is drawn where one can see it: nodes inside the drawing area.
    box = page.page.locator("#map").bounding_box()
    archer = page.page.locator('#map .node[data-id="groupe-archer"]').bounding_box()
    assert box["x"] <= archer["x"] <= box["x"] + box["width"] and box["y"] <= archer["y"] <= box["y"] + box["height"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "interactive-pole-sud.png"))
    assert (ARTIFACTS / "interactive-pole-sud.png").stat().st_size > 10_000


@pytest.mark.browser
def test_filters_hide_the_right_nodes_and_ties(open_page, pole_sud, tmp_path):
    page = open_page(write_interactive_map(pole_sud, tmp_path / "carte.html"))
    collectivities = sorted(a.id for a in pole_sud.actors if a.family.value == "collectivities")
    assert collectivities == ["collectivites-locales", "mission-locale", "pole-emploi"]
    page.page.uncheck("input[name=family][value=collectivities]")
    assert page.visible_nodes() == sorted(set(_actors(pole_sud)) - set(collectivities))
    edges = page.visible_edges()
    assert "developpement-economique-local" not in {p for p, _ in edges}
    assert "permanences-mission-locale" not in {p for p, _ in edges}
    assert "hebergement-residents" in {p for p, _ in edges}
    page.page.check("input[name=family][value=collectivities]")
    page.page.uncheck("input[name=kind][value=partnership]")
    assert page.visible_nodes() == sorted(_actors(pole_sud))  # actors stay, their ties go
    assert {k for _, k in page.visible_edges()} == {"mutualisation", "cooperation"}
    assert page.errors == [] and page.blocked == []


def _search_status(words: dict, count: int) -> str:
    """What the page's script writes under the search box for ``count`` actors found (map.js)."""
    if not count:
        return words["search_none"]
    form = words["search_count"][0 if count in words["singular_counts"] else 1]
    return form.replace("{n}", str(count))


def test_the_search_count_follows_the_languages_plural_rules(pole_sud):
    french, english = map_data(pole_sud, lang="fr")["words"], map_data(pole_sud, lang="en")["words"]
    assert [_search_status(french, n) for n in (0, 1, 2, 5)] == [
        "aucun acteur trouvé", "1 acteur trouvé", "2 acteurs trouvés", "5 acteurs trouvés"]
    assert [_search_status(english, n) for n in (0, 1, 2)] == ["no actor found", "1 actor found", "2 actors found"]
    # French says « 0 acteur », English "0 actors": the rules differ below 2.
    assert french["singular_counts"] == [0, 1] and english["singular_counts"] == [1]
    script = (Path(__file__).resolve().parents[2] / "ptce_kit" / "render" / "_assets" / "map.js").read_text("utf-8")
    assert 'W.search_count[W.singular_counts.indexOf(count) >= 0 ? 0 : 1].replace("{n}", count)' in script


@pytest.mark.browser
def test_search_finds_groupe_archer_and_opens_its_card(open_page, pole_sud, tmp_path):
    page = open_page(write_interactive_map(pole_sud, tmp_path / "carte.html"))
    page.page.fill("#search", "archer")
    assert page.page.inner_text("#search-status") == "1 acteur trouvé"
    matches = page.page.eval_on_selector_all("#map .node.match", "ns => ns.map(n => n.getAttribute('data-id'))")
    assert matches == ["groupe-archer"]
    page.page.fill("#search", "pole")  # accents and case ignored: finds « Pôle emploi »
    assert page.page.eval_on_selector_all("#map .node.match", "ns => ns.map(n => n.getAttribute('data-id'))") == [
        "pole-emploi"]
    page.page.fill("#search", "Groupe Archer")
    page.page.press("#search", "Enter")
    card = page.page.inner_text("#details")
    assert page.page.inner_text("#details h2") == "Groupe Archer"
    for expected in ("entreprise de l’ESS", "résident", "structure porteuse, fondateur", "Locaux partagés à Pôle Sud",
                     "Permanences de l’Adie pour le Nord Drôme"):
        assert expected in card
    page.page.fill("#search", "de")  # several actors: the plural form
    assert re.fullmatch(r"[2-9]\d* acteurs trouvés", page.page.inner_text("#search-status"))
    page.page.fill("#search", "zzz")
    assert page.page.inner_text("#search-status") == "aucun acteur trouvé"
    page.page.click('#map .node[data-id="labo-ess"] path.shape', force=True)
    assert page.page.inner_text("#details h2") == "Labo de l’ESS"
    assert page.errors == []


@pytest.mark.browser
def test_hostile_names_show_as_text_and_never_run(open_page, hostile_pole, tmp_path):
    page = open_page(write_interactive_map(hostile_pole, tmp_path / "hostile.html"))
    assert page.dialogs == []
    assert page.page.evaluate("window.pwned === undefined")
    assert page.page.locator("img, iframe, b").count() == 0
    labels = page.page.eval_on_selector_all("#map .node text.label", "ts => ts.map(t => t.textContent)")
    assert sorted(labels) == sorted(HOSTILE)
    assert page.page.title() == "Pôle <script>alert('titre')</script>\u00a0: carte de la coopération"
    page.page.click('#map .node[data-id="a0"] path.shape', force=True)
    assert page.page.inner_text("#details h2") == HOSTILE[0]
    assert "<iframe src=javascript:alert(3)>" in page.page.inner_text("#details")
    assert page.dialogs == [] and page.blocked == [] and page.errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "interactive-hostile.png"))


@pytest.mark.browser
def test_date_slider_shows_the_pole_as_it_stood(open_page, growing_pole, tmp_path):
    page = open_page(write_interactive_map(growing_pole, tmp_path / "demo.html", lang="en"))
    assert page.page.is_visible("#date")
    assert page.page.inner_text("#date-value") == "all dates"
    assert page.visible_nodes() == ["hub", "labo", "scop", "ville"]

    def at(year: int) -> list[str]:
        page.page.eval_on_selector("#date", "(s, y) => { s.value = y; s.dispatchEvent(new Event('input')); }", year)
        return page.visible_nodes()

    assert at(2012) == ["hub", "ville"]
    assert page.page.inner_text("#date-value") == "2012"
    assert page.visible_edges() == [("emploi", "cooperation")]
    assert at(2016) == ["hub", "labo", "ville"]
    assert at(2019) == ["hub", "labo", "scop", "ville"]
    assert at(2021) == ["hub", "labo", "ville"]  # the Scop left in 2020
    assert page.errors == []


@pytest.mark.browser
def test_contacts_appear_in_the_card_only_when_asked(open_page, growing_pole, tmp_path):
    plain = open_page(write_interactive_map(growing_pole, tmp_path / "plain.html"))
    plain.page.click('#map .node[data-id="hub"] path.shape', force=True)
    assert "Camille" not in plain.page.inner_text("#details")
    private = open_page(write_interactive_map(growing_pole, tmp_path / "private.html", include_personal_data=True))
    private.page.click('#map .node[data-id="hub"] path.shape', force=True)
    assert "Camille Exemple, camille@example.org" in private.page.inner_text("#details")


@pytest.mark.browser
@pytest.mark.parametrize("actors", [[], [{"id": "seul", "name": "Seul", "category": "other"}]])
def test_a_pole_with_no_tie_still_loads(open_page, tmp_path, actors):
    pole = Pole(id="petit", name="Petit pôle", actors=actors)
    page = open_page(write_interactive_map(pole, tmp_path / "petit.html", layout="site"))
    assert page.visible_nodes() == [a["id"] for a in actors]
    assert page.errors == [] and page.blocked == []


@pytest.mark.browser
def test_labels_do_not_cover_each_other_in_the_page(open_page, pole_sud, tmp_path):
    for layout in ("spring", "site"):
        page = open_page(write_interactive_map(pole_sud, tmp_path / f"{layout}.html", layout=layout))
        boxes = page.page.eval_on_selector_all("#map .node text.label", """ts => ts.map(t => {
            const b = t.getBoundingClientRect();
            return [t.textContent, b.left, b.top, b.right, b.bottom]; })""")
        assert len(boxes) == len(_actors(pole_sud))
        for i, (a, *box_a) in enumerate(boxes):
            for b, *box_b in boxes[i + 1:]:
                w = min(box_a[2], box_b[2]) - max(box_a[0], box_b[0])
                h = min(box_a[3], box_b[3]) - max(box_a[1], box_b[1])
                assert w <= 0.5 or h <= 0.5, f"{layout}: '{a}' covers '{b}'"
        ARTIFACTS.mkdir(exist_ok=True)
        page.page.screenshot(path=str(ARTIFACTS / f"interactive-{layout}.png"))


# --- labels placed when the page is built; a canvas for big poles (issue 23 item 5) ----------


def _label_box(n: dict) -> tuple[float, float, float, float]:
    from ptce_kit.render.interactive import ANCHOR_SHIFT, LINE_PX, SCALE

    x0 = n["x"] * SCALE + n["lx"] - ANCHOR_SHIFT[n["anchor"]] * n["lw"]
    y0 = -n["y"] * SCALE + n["ly"] - LINE_PX / 2
    return x0, y0, x0 + n["lw"], y0 + LINE_PX


def _overlaps(a, b) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5


def test_labels_are_placed_in_the_data_not_in_the_page(pole_sud):
    nodes = map_data(pole_sud)["nodes"]
    assert all({"lx", "ly", "anchor", "lw", "lz"} <= set(n) for n in nodes)
    assert all(n["lz"] == 0 for n in nodes)  # a small pole shows every label at every zoom
    boxes = [(n["name"], _label_box(n)) for n in nodes]
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1:]:
            assert not _overlaps(box_a, box_b), f"'{a}' covers '{b}'"
    script = interactive_html(pole_sud).split('<script>')[-1]
    assert "placeLabels" not in script and "text.getBBox" not in script


def test_a_crowded_pole_leaves_out_labels_with_no_free_place_and_zooms_in_for_small_nodes():
    from ptce_kit.render.interactive import CULL_LABELS_ABOVE, SCALE, place_labels

    side = 25  # 625 nodes 12 page units apart: far too close for every name
    nodes = [{"id": f"n{i:03d}", "name": f"Structure numéro {i}", "x": (i % side) * 12 / SCALE,
              "y": (i // side) * 12 / SCALE, "r": 2.0 + (i % 7), "pivot": i == 0} for i in range(side * side)]
    assert len(nodes) > CULL_LABELS_ABOVE
    places = place_labels(nodes)
    for n in nodes:
        n.update(places[n["id"]])
    shown = [n for n in nodes if n["lz"] >= 0]
    assert places["n000"]["lz"] == 0  # the pivot's label always shows
    assert 0 < len(shown) < len(nodes)
    assert all(n["lz"] > 0 for n in shown if not n["pivot"])  # small nodes wait for the zoom
    others = [n for n in shown if not n["pivot"]]
    big, small = max(others, key=lambda n: n["r"]), min(others, key=lambda n: n["r"])
    assert big["lz"] < small["lz"]
    for i, a in enumerate(shown):
        for b in shown[i + 1:]:
            assert not _overlaps(_label_box(a), _label_box(b)), (a["id"], b["id"])
    assert place_labels(nodes) == places  # deterministic


@pytest.fixture
def canvas_page(monkeypatch):
    """Pages drawn by the canvas renderer (as for a pole of thousands of actors)."""
    import ptce_kit.render.interactive as interactive

    monkeypatch.setattr(interactive, "CANVAS_ABOVE", 0)


def _canvas_visible(page: Page) -> list[str]:
    return sorted(page.page.evaluate("ptceMap.visibleNodes()"))


@pytest.mark.browser
def test_canvas_page_filters_search_cards_and_no_request(open_page, pole_sud, tmp_path, canvas_page):
    path = write_interactive_map(pole_sud, tmp_path / "carte.html")
    assert map_data(pole_sud)["renderer"] == "canvas"
    page = open_page(path)
    assert page.page.get_attribute("body", "data-renderer") == "canvas"
    assert page.page.is_hidden("#map") and page.page.is_visible("#map-canvas")
    assert page.errors == [] and page.blocked == [] and page.requests == [path.as_uri()]
    actors = _actors(pole_sud)
    assert _canvas_visible(page) == sorted(actors)
    assert int(page.page.get_attribute("#map-canvas", "data-labels")) == len(actors)
    page.page.uncheck("input[name=family][value=collectivities]")
    assert _canvas_visible(page) == sorted(set(actors) - {"collectivites-locales", "mission-locale", "pole-emploi"})
    assert "permanences-mission-locale" not in {p for p, _ in page.page.evaluate("ptceMap.visibleEdges()")}
    page.page.check("input[name=family][value=collectivities]")
    page.page.uncheck("input[name=kind][value=partnership]")
    assert {k for _, k in page.page.evaluate("ptceMap.visibleEdges()")} == {"mutualisation", "cooperation"}
    page.page.fill("#search", "pole")
    assert page.page.evaluate("ptceMap.matches()") == ["pole-emploi"]
    assert page.page.inner_text("#search-status") == "1 acteur trouvé"
    page.page.fill("#search", "Groupe Archer")
    page.page.press("#search", "Enter")
    assert page.page.inner_text("#details h2") == "Groupe Archer"
    x, y = page.page.evaluate("ptceMap.clientPoint('labo-ess')")
    page.page.mouse.click(x, y)
    assert page.page.inner_text("#details h2") == "Labo de l’ESS"
    assert "Lien avec la recherche (avec Groupe Archer)" in page.page.inner_text("#details")
    # Zooming draws again, under the page's own performance marks.
    frames = page.page.evaluate("performance.getEntriesByName('ptce:frame').length")
    page.page.mouse.move(x, y)
    page.page.mouse.wheel(0, -240)
    # (A function, not an expression: the page's policy forbids eval.)
    page.page.wait_for_function("(n) => performance.getEntriesByName('ptce:frame').length > n", arg=frames)
    assert page.page.evaluate("performance.getEntriesByName('ptce:first-render').length") == 1
    assert page.errors == [] and page.blocked == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "interactive-pole-sud-canvas.png"))


@pytest.mark.browser
def test_canvas_page_date_slider_and_hostile_names(open_page, growing_pole, hostile_pole, tmp_path, canvas_page):
    page = open_page(write_interactive_map(growing_pole, tmp_path / "demo.html", lang="en"))
    page.page.eval_on_selector("#date", "(s) => { s.value = 2012; s.dispatchEvent(new Event('input')); }")
    assert _canvas_visible(page) == ["hub", "ville"]
    assert page.page.evaluate("ptceMap.visibleEdges()") == [["emploi", "cooperation"]]
    page.page.eval_on_selector("#date", "(s) => { s.value = 2021; s.dispatchEvent(new Event('input')); }")
    assert _canvas_visible(page) == ["hub", "labo", "ville"]
    hostile = open_page(write_interactive_map(hostile_pole, tmp_path / "hostile.html"))
    x, y = hostile.page.evaluate("ptceMap.clientPoint('a0')")
    hostile.page.mouse.click(x, y)
    assert hostile.page.inner_text("#details h2") == HOSTILE[0]
    assert hostile.page.locator("img, iframe, b").count() == 0
    assert hostile.page.evaluate("window.pwned === undefined") and hostile.dialogs == []
    assert page.errors == [] and hostile.errors == [] and hostile.blocked == []


# --- a big partnership on the canvas: its actors once, not every pair of them -----------------


def _expanded(data: dict) -> list[tuple]:
    """Every tie of the compact edges, as (partnership, source, target, bend, directed)."""
    ties, nodes = data["ties"], data["nodes"]
    P, Q = ties["partnerships"], ties["pairs"]
    out = [(P[Q[q + 2]][0], nodes[Q[q]]["id"], nodes[Q[q + 1]]["id"], Q[q + 3] / 1000, bool(Q[q + 4]))
           for q in range(0, len(Q), 5)]
    alone = {(Q[q + 2], min(Q[q], Q[q + 1]), max(Q[q], Q[q + 1])) for q in range(0, len(Q), 5)}
    for number, members in ties["groups"]:
        out += [(P[number][0], nodes[i]["id"], nodes[j]["id"], 0.0, False)
                for a, i in enumerate(members) for j in members[a + 1:] if (number, i, j) not in alone]
    return sorted(out)


def test_a_big_partnership_travels_as_its_actors_and_stands_for_the_same_ties(canvas_page):
    from ptce_kit.render.interactive import GROUP_ABOVE
    from ptce_kit.synth import synthetic_pole

    pole = synthetic_pole(300, seed=1)
    data = map_data(pole)
    big = max(pole.partnerships, key=lambda p: len(p.actors))
    assert len(big.actors) > GROUP_ABOVE
    assert [data["ties"]["partnerships"][n][0] for n, _ in data["ties"]["groups"]] == [big.id]
    # One entry per actor of the big partnership, not one per pair (5,253 pairs of 103 actors).
    assert len(data["ties"]["pairs"]) // 5 < 2 * len(pole.partnerships)
    # Pairs of the big partnership also tied otherwise are bent: they come as edges of their own.
    group_number = data["ties"]["groups"][0][0]
    assert any(data["ties"]["pairs"][q + 2] == group_number for q in range(0, len(data["ties"]["pairs"]), 5))
    plain_edges = sorted((e["partnership"], e["source"], e["target"], e["bend"], e["directed"])
                         for e in _plain_edges(pole))
    assert _expanded(data) == plain_edges


def _plain_edges(pole: Pole) -> list[dict]:
    import ptce_kit.render.interactive as interactive

    saved = interactive.CANVAS_ABOVE
    interactive.CANVAS_ABOVE = 10**9
    try:
        return map_data(pole)["edges"]
    finally:
        interactive.CANVAS_ABOVE = saved


@pytest.fixture
def tiny_groups(monkeypatch):
    """Every partnership of more than two actors is sent as a group."""
    import ptce_kit.render.interactive as interactive

    monkeypatch.setattr(interactive, "GROUP_ABOVE", 2)


@pytest.mark.browser
def test_canvas_page_with_groups_has_the_same_ties_filters_and_cards(open_page, pole_sud, tmp_path, canvas_page,
                                                                     tiny_groups):
    data = map_data(pole_sud)
    assert data["ties"]["groups"], "Pôle Sud has partnerships of more than two actors"
    expected = sorted([e[0], next(p.kind for p in pole_sud.partnerships if p.id == e[0])] for e in _expanded(data))
    page = open_page(write_interactive_map(pole_sud, tmp_path / "carte.html"))
    assert page.errors == [] and page.blocked == []
    assert sorted(page.page.evaluate("ptceMap.visibleEdges()")) == expected
    assert int(page.page.get_attribute("#map-canvas", "data-edges")) == len(expected)
    # A family hidden: the ties of its actors go, those of a group's other actors stay.
    hidden = {a.id for a in pole_sud.actors if a.id in {"collectivites-locales", "mission-locale", "pole-emploi"}}
    page.page.uncheck("input[name=family][value=collectivities]")
    kept = sorted([e[0], next(p.kind for p in pole_sud.partnerships if p.id == e[0])]
                  for e in _expanded(data) if not {e[1], e[2]} & hidden)
    assert sorted(page.page.evaluate("ptceMap.visibleEdges()")) == kept
    page.page.check("input[name=family][value=collectivities]")
    # The card of an actor of a group names the group's other actors.
    group = max(pole_sud.partnerships, key=lambda p: len(p.actors))
    first = sorted(group.actors)[0]
    names = {a.id: a.name for a in pole_sud.actors}
    x, y = page.page.evaluate(f"ptceMap.clientPoint({first!r})")
    page.page.mouse.click(x, y)
    card = page.page.inner_text("#details")
    assert all(names[other] in card for other in group.actors if other != first)
    assert page.errors == []


@pytest.mark.browser
def test_canvas_zoom_moves_a_picture_then_draws_in_full_when_the_gesture_pauses(open_page, pole_sud, tmp_path,
                                                                                   canvas_page):
    page = open_page(write_interactive_map(pole_sud, tmp_path / "carte.html"))
    x, y = page.page.evaluate("ptceMap.clientPoint('labo-ess')")
    page.page.mouse.move(x, y)
    for _ in range(3):
        page.page.mouse.wheel(0, -240)
    page.page.wait_for_function("() => performance.getEntriesByName('ptce:settle').length === 1")
    assert page.page.evaluate("performance.getEntriesByName('ptce:frame').length") >= 1
    # After the full drawing, the node under the pointer is still where the map says.
    x2, y2 = page.page.evaluate("ptceMap.clientPoint('labo-ess')")
    assert abs(x2 - x) < 1 and abs(y2 - y) < 1
    page.page.mouse.click(x2, y2)
    assert page.page.inner_text("#details h2") == "Labo de l’ESS"
    assert page.errors == []


def _decoded(column):
    import base64

    import numpy as np

    return np.frombuffer(base64.b64decode(column["b64"]), dtype=np.dtype(column["dtype"]).newbyteorder("<")).tolist()


def test_a_canvas_page_sends_its_nodes_as_columns_that_read_back_as_the_same_nodes(pole_sud, canvas_page):
    import numpy as np

    from ptce_kit.render.interactive import json_for_script, packed

    data = map_data(pole_sud, include_personal_data=True)
    page = packed(data)
    columns = page["columns"]
    assert "nodes" not in page and columns["count"] == len(data["nodes"])
    for i, node in enumerate(data["nodes"]):
        for key, value in node.items():
            column = columns[key]
            if isinstance(column, list):
                assert column[i] == value, key
            elif "values" in column:
                assert column["values"][_decoded(column["codes"])[i]] == value, key
            elif column["dtype"] == "float32":
                assert _decoded(column)[i] == float(np.float32(value)), key
            else:
                assert _decoded(column)[i] == (int(value) if column["dtype"] == "uint8" else value), key
    assert _decoded(page["ties"]["pairs"]) == data["ties"]["pairs"]
    ids, *coded = page["ties"]["partnerships"]["columns"]
    assert [[p, *(c["values"][_decoded(c["codes"])[i]] for c in coded)] for i, p in enumerate(ids)] == \
        data["ties"]["partnerships"]
    # The page sends the packed form; the same data, the same bytes.
    html = interactive_html(pole_sud, include_personal_data=True)
    assert json_for_script(page) in html and html == interactive_html(pole_sud, include_personal_data=True)
