"""The static cooperation map: files that open, every label readable, same bytes twice."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from itertools import combinations
from pathlib import Path

import pytest

from ptce_kit.errors import PoleError
from ptce_kit.model import Pole
from ptce_kit.render.layouts import layout_positions
from ptce_kit.render.maps import (
    composition_figure,
    draw_map,
    label_boxes,
    map_figure,
    save_figure,
    small_multiples,
    small_multiples_figure,
)

SVG = "{http://www.w3.org/2000/svg}"


def _svg_texts(path: Path) -> list[str]:
    root = ET.parse(path).getroot()
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def _png_size(path: Path) -> tuple[int, int]:
    from PIL import Image

    with Image.open(path) as image:
        image.verify()
    with Image.open(path) as image:
        return image.size


def _active_names(pole: Pole) -> list[str]:
    return [a.name for a in pole.actors if a.status is None or a.status.value != "prospective"]


@pytest.fixture
def growing_pole() -> Pole:
    """A fictitious pole that grows: dates, coordinates, one actor without any position."""
    return Pole(id="demo", name="Pôle Démo", pivot="hub", language="fr",
                site={"name": "La Fabrique", "coordinates": {"lat": 45.0, "lon": 5.0}, "commune": "26281"},
                actors=[
                    {"id": "hub", "name": "Hub coopératif", "category": "ess_enterprise", "presence": "resident",
                     "joined": "2012"},
                    {"id": "ville", "name": "Ville", "category": "local_authority", "joined": "2012",
                     "coordinates": {"lat": 45.05, "lon": 5.06}, "commune": "26281"},
                    {"id": "labo", "name": "Laboratoire", "category": "research_centre", "joined": "2015",
                     "coordinates": {"lat": 45.19, "lon": 5.72}},
                    {"id": "scop", "name": "Scop du coin", "category": "ess_enterprise", "presence": "office_hours",
                     "joined": "2018"},
                    {"id": "loin", "name": "Réseau national", "category": "other", "presence": "remote",
                     "joined": "2018"},
                    {"id": "bientot", "name": "Futur membre", "category": "enterprise", "status": "prospective"},
                ],
                partnerships=[
                    {"id": "bail", "actors": ["hub", "scop"], "kind": "mutualisation", "since": "2018"},
                    {"id": "emploi", "actors": ["hub", "ville"], "kind": "cooperation", "since": "2012"},
                    {"id": "etude", "actors": ["hub", "labo"], "kind": "partnership", "since": "2015"},
                    {"id": "reseau", "actors": ["hub", "loin", "labo"], "kind": "partnership", "since": "2018"},
                ])


# --- files -----------------------------------------------------------------------


def test_png_svg_pdf_open_with_the_expected_size(pole_sud, tmp_path):
    png = draw_map(pole_sud, tmp_path / "carte.png")
    assert _png_size(png) == (1800, 1200)  # 12 × 8 inches at 150 dpi
    assert _png_size(draw_map(pole_sud, tmp_path / "big.png", dpi=200)) == (2400, 1600)
    svg = draw_map(pole_sud, tmp_path / "carte.svg")
    root = ET.parse(svg).getroot()
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == "864pt" and root.get("height") == "576pt"
    pdf = draw_map(pole_sud, tmp_path / "carte.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")


def test_svg_holds_every_actor_label_the_legend_title_and_source(pole_sud, tmp_path):
    svg = draw_map(pole_sud, tmp_path / "carte.svg")
    texts = _svg_texts(svg)
    # Each active actor's label is its name, wrapped on one line or more, in the actor's group.
    labels = {g.get("id"): " ".join("".join(t.itertext()) for t in g.iter(f"{SVG}text"))
              for g in ET.parse(svg).getroot().iter(f"{SVG}g") if (g.get("id") or "").startswith("label-")}
    for actor in pole_sud.actors:
        if actor.status is None or actor.status.value != "prospective":
            assert labels.get(f"label-{actor.id}") == actor.name, actor.id
    # Prospective actors are left out, as in the graph.
    assert not any("chefs d’entreprise" in t for t in texts)
    for heading in ("Famille d’acteurs", "Présence sur le lieu", "Type de lien", "structure pivot",
                    "lien orienté (de → vers)",
                    "mutualisation", "coopération", "partenariat", "entreprises", "collectivités"):
        assert heading in texts
    # French typography, as in the documents: a no-break space before « : » and inside « », the data's included
    assert "Pôle Sud\u00a0: carte de la coopération" in texts
    assert any(t.startswith("Source\u00a0: «\u00a0POLE SUD") for t in texts)


def test_english_map_speaks_english(pole_sud, tmp_path):
    texts = _svg_texts(draw_map(pole_sud, tmp_path / "map.svg", lang="en", at="2014"))
    assert "Pôle Sud: cooperation map in 2014" in texts
    assert {"Family of actors", "Presence at the site", "Kind of tie", "pivot structure", "cooperation"} <= set(texts)
    assert "Famille d’acteurs" not in texts


def test_same_data_same_bytes(pole_sud, tmp_path):
    # Two figures drawn from scratch (layout, labels), each saved in every format.
    first, second = (map_figure(pole_sud, layout="forceatlas2") for _ in range(2))
    for suffix in (".png", ".svg", ".pdf"):
        a = save_figure(first, tmp_path / f"a{suffix}").read_bytes()
        b = save_figure(second, tmp_path / f"b{suffix}").read_bytes()
        assert a == b, suffix
    svg = (tmp_path / "a.svg").read_text(encoding="utf-8")
    assert "<dc:date>" not in svg and "CreationDate" not in (tmp_path / "a.pdf").read_bytes().decode("latin-1")


def test_same_bytes_from_two_processes(ptce, pole_sud_path, tmp_path):
    for name in ("one.svg", "two.svg"):
        result = ptce("map", pole_sud_path, "-o", tmp_path / name)
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "one.svg").read_bytes() == (tmp_path / "two.svg").read_bytes()


# --- readability -------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["spring", "forceatlas2", "site"])
def test_no_label_covers_another_on_pole_sud(pole_sud, layout):
    fig = map_figure(pole_sud, layout=layout)
    boxes = label_boxes(fig)
    assert len(boxes) == len(_active_names(pole_sud))
    for (a, box_a), (b, box_b) in combinations(sorted(boxes.items()), 2):
        assert not box_a.overlaps(box_b), f"{layout}: label of {a} covers label of {b}"
    width, height = fig.canvas.get_width_height()
    for actor, box in boxes.items():
        assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= width and box.y1 <= height, f"{actor} cut off"


def _marker_areas(pole: Pole, size_by: str | None) -> dict[str, float]:
    """Each actor's marker area (points²) on the drawn map, the actor found by its position."""
    import numpy as np
    from matplotlib.collections import PathCollection

    from ptce_kit.network import to_graph

    G = to_graph(pole)
    at = {tuple(xy): v for v, xy in layout_positions(G, "spring").items()}  # seeded, as the map is
    fig = map_figure(pole, size_by=size_by)
    areas = {}
    for markers in fig.axes[0].collections:
        if isinstance(markers, PathCollection) and markers.get_zorder() == 3:  # the actors' markers
            offsets = markers.get_offsets()
            for xy, area in zip(offsets, np.broadcast_to(markers.get_sizes(), len(offsets))):
                areas[at[tuple(xy)]] = float(area)
    assert sorted(areas) == sorted(G)
    return areas


def test_pivot_stands_out_and_size_follows_the_measure(pole_sud):
    by_degree = _marker_areas(pole_sud, "degree")
    assert max(by_degree, key=by_degree.get) == "groupe-archer"
    by_betweenness = _marker_areas(pole_sud, "betweenness")
    # Only the pivot lies between others in Pôle Sud: every other actor gets the smallest marker.
    assert sorted(set(by_betweenness.values()))[0] == by_betweenness["adie"] < by_betweenness["groupe-archer"]
    assert len(set(_marker_areas(pole_sud, None).values())) == 1
    with pytest.raises(PoleError) as wrong_size:
        map_figure(pole_sud, size_by="height")
    assert [(p.code, p.path) for p in wrong_size.value.problems] == [("PTCE-E102", ("size_by",))]
    fig = map_figure(pole_sud)
    (pivot_label,) = [t for t in fig.axes[0].texts if t.get_gid() == "label-groupe-archer"]
    assert pivot_label.get_fontweight() == "bold"


# --- layouts ------------------------------------------------------------------------


def test_force_layouts_repeat_and_depend_on_the_seed(pole_sud):
    from ptce_kit.network import to_graph

    G = to_graph(pole_sud)
    for layout in ("spring", "forceatlas2"):
        pos = layout_positions(G, layout)
        assert pos == layout_positions(G, layout)
        assert pos != layout_positions(G, layout, seed=7)
        assert all(-1 <= x <= 1 and -1 <= y <= 1 for x, y in pos.values())


def test_site_layout_puts_presence_in_rings(pole_sud):
    from ptce_kit.network import to_graph

    G = to_graph(pole_sud)
    pos = layout_positions(G, "site")
    radius = {v: round(math.hypot(*pos[v]), 6) for v in G}
    assert radius["groupe-archer"] == 0  # the resident pivot stands on the site
    for v, data in G.nodes(data=True):
        expected = {"resident": 1 / 3, "office_hours": 2 / 3, "meetings": 2 / 3, "remote": 1.0, None: 1.0}
        if v != "groupe-archer":
            assert radius[v] == pytest.approx(expected[data["presence"]]), v


def test_geo_layout_places_by_coordinates_site_and_commune(growing_pole, tmp_path):
    from ptce_kit.network import to_graph
    from ptce_kit.render.layouts import geo_positions

    G = to_graph(growing_pole)
    pos, unplaced = geo_positions(G, growing_pole)
    assert unplaced == ["loin"]  # remote, no coordinates, no commune: not invented
    assert pos["labo"][0] > pos["ville"][0] and pos["labo"][1] > pos["ville"][1]  # Grenoble is NE of Romans
    # The resident and the office-hours actor are at the site, spread around it.
    assert math.dist(pos["hub"], pos["scop"]) > 0
    drawn = layout_positions(G, "geo", pole=growing_pole)
    assert drawn["loin"][1] < min(y for v, (x, y) in drawn.items() if v != "loin")
    texts = _svg_texts(draw_map(growing_pole, tmp_path / "geo.svg", layout="geo"))
    assert "sans position connue" in texts and "Réseau national" in texts


def test_geo_without_coordinates_says_what_to_add(pole_sud, tmp_path):
    with pytest.raises(PoleError) as info:
        draw_map(pole_sud, tmp_path / "geo.png", layout="geo")
    assert "coordinates" in info.value.problems[0].hint
    assert not (tmp_path / "geo.png").exists()


def test_bad_layout_language_or_suffix(pole_sud, tmp_path):
    with pytest.raises(PoleError) as wrong_layout:
        draw_map(pole_sud, tmp_path / "x.png", layout="circle")
    assert [(p.code, p.path) for p in wrong_layout.value.problems] == [("PTCE-E102", ("layout",))]
    with pytest.raises(PoleError, match="unknown language 'de'"):
        draw_map(pole_sud, tmp_path / "x.png", lang="de")
    with pytest.raises(PoleError) as wrong_suffix:
        draw_map(pole_sud, tmp_path / "x.jpg")
    assert [p.code for p in wrong_suffix.value.problems] == ["PTCE-E502"]
    assert not (tmp_path / "x.jpg").exists()


# --- dates, small multiples, composition ---------------------------------------------


def test_map_at_a_date_shows_who_was_there(growing_pole):
    assert sorted(label_boxes(map_figure(growing_pole, at="2014"))) == ["hub", "ville"]
    assert sorted(label_boxes(map_figure(growing_pole))) == ["hub", "labo", "loin", "scop", "ville"]
    assert "bientot" in label_boxes(map_figure(growing_pole, include_prospective=True))


def test_small_multiples_keep_every_actor_in_place(growing_pole, tmp_path):
    fig = small_multiples_figure(growing_pole, [2000, 2012, 2015, 2018], layout="spring")
    panels = [ax for ax in fig.axes if ax.get_label() in {"2000", "2012", "2015", "2018"}]
    assert [ax.get_title(loc="left") for ax in panels] == [
        "2000 · 0 acteur, 0 lien", "2012 · 2 acteurs, 1 lien", "2015 · 3 acteurs, 2 liens",
        "2018 · 5 acteurs, 6 liens"]
    panels = panels[1:]
    where: dict[str, set] = {}
    for ax in panels:
        for t in ax.texts:
            if (t.get_gid() or "").startswith("label-"):
                where.setdefault(t.get_gid(), set()).add(tuple(t.xy))
    assert set(where) == {f"label-{v}" for v in ("hub", "ville", "labo", "scop", "loin")}
    assert all(len(points) == 1 for points in where.values())
    boxes = label_boxes(fig)
    assert "2012:hub" in boxes and "2018:loin" in boxes and "2012:loin" not in boxes
    path = small_multiples(growing_pole, ["2012", "2018"], tmp_path / "croissance.png")
    assert _png_size(path)[0] > _png_size(path)[1]
    with pytest.raises(PoleError, match="no date"):
        small_multiples(growing_pole, [], tmp_path / "none.png")


def test_composition_counts_actors_and_ties(pole_sud, tmp_path):
    fig = composition_figure(pole_sud, tmp_path / "composition.svg", lang="fr")
    actors_ax, ties_ax = fig.axes
    labels = [t.get_text() for t in actors_ax.get_yticklabels()]
    counts = dict(zip(labels, [int(p.get_width()) for p in actors_ax.patches]))
    assert counts["entreprise de l’ESS (entreprises)"] == 9
    assert counts["enseignement supérieur (recherche et formation)"] == 2
    assert sum(counts.values()) == len(_active_names(pole_sud))
    ties = [int(p.get_height()) for p in ties_ax.patches]
    assert ties == [5, 3, 3]  # mutualisation, coopération, partenariat in the fiche
    texts = _svg_texts(tmp_path / "composition.svg")
    assert "Pôle Sud\u00a0: composition du pôle" in texts and "Partenariats par type" in texts
    renderer = fig.canvas.get_renderer()
    width, _ = fig.canvas.get_width_height()
    for label in actors_ax.get_yticklabels():  # no category name cut at the edge
        assert label.get_window_extent(renderer).x0 >= 0, label.get_text()


# --- the command line ---------------------------------------------------------------------


def test_ptce_map_writes_figures_and_pages(ptce, pole_sud_path, tmp_path):
    result = ptce("map", pole_sud_path, "-o", tmp_path / "carte.png", "--layout", "site", "--dpi", "100")
    assert result.returncode == 0, result.stderr
    assert _png_size(tmp_path / "carte.png") == (1200, 800)
    result = ptce("map", pole_sud_path.parent, "--html", "-o", tmp_path / "map.html", "--lang", "en")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Pôle Sud: cooperation map" in page
    assert "Draw the cooperation map" in ptce("--help").stdout


def test_ptce_map_errors_name_the_file_and_the_fix(ptce, pole_sud_path, tmp_path):
    result = ptce("map", pole_sud_path, "-o", tmp_path / "geo.png", "--layout", "geo")
    assert result.returncode == 1
    assert f"{pole_sud_path}: actors.coordinates" in result.stderr and "hint:" in result.stderr
    assert "Traceback" not in result.stderr
    result = ptce("map", pole_sud_path, "-o", tmp_path / "carte.jpg")
    assert result.returncode == 1 and "name the output .png, .svg or .pdf" in result.stderr
    result = ptce("map", pole_sud_path, "--html", "-o", tmp_path / "c.html", "--at", "2014")
    assert result.returncode == 2 and "date slider" in result.stderr
    result = ptce("map", pole_sud_path, "-o", tmp_path / "c.png", "--layout", "circle")
    assert result.returncode == 2 and "'circle' is not one of" in result.stderr
    assert not any(tmp_path.iterdir())


def test_build_writes_the_three_map_files_named_in_the_pole_language(pole_sud, tmp_path):
    from ptce_kit.render.map_files import write_map_files

    written = write_map_files(pole_sud, tmp_path / "fr")
    assert [p.name for p in written] == ["carte.png", "carte.svg", "carte.html"]
    assert all(p.stat().st_size > 1000 for p in written)
    english = write_map_files(pole_sud, tmp_path / "en", lang="en")
    assert [p.name for p in english] == ["map.png", "map.svg", "map.html"]
    assert "Pôle Sud: cooperation map" in (tmp_path / "en" / "map.html").read_text(encoding="utf-8")


def test_ptce_map_small_multiples_and_composition(ptce, pole_sud_path, tmp_path):
    result = ptce("map", pole_sud_path, "-o", tmp_path / "croissance.svg", "--years", "2014, 2024", "--lang", "en")
    assert result.returncode == 0, result.stderr
    texts = _svg_texts(tmp_path / "croissance.svg")
    assert any(t == "2014 · 17 actors, 32 ties" for t in texts) and any(t.startswith("2024 · ") for t in texts)
    result = ptce("map", pole_sud_path, "-o", tmp_path / "composition.svg", "--composition")
    assert result.returncode == 0, result.stderr
    assert "Pôle Sud\u00a0: composition du pôle" in _svg_texts(tmp_path / "composition.svg")
    result = ptce("map", pole_sud_path, "-o", tmp_path / "x.png", "--years", "deux mille")
    assert result.returncode == 1 and "hint:" in result.stderr and "Traceback" not in result.stderr
    result = ptce("map", pole_sud_path, "--html", "-o", tmp_path / "x.html", "--composition")
    assert result.returncode == 2


def test_actors_without_ties_stand_apart_under_the_map(tmp_path):
    from ptce_kit.network import to_graph
    from ptce_kit.render.layouts import STRIP_TOP

    pole = Pole(id="p", name="P", pivot="a", actors=[
        {"id": v, "name": v.upper(), "category": "ess_enterprise"} for v in ("a", "b", "c", "seul")],
        partnerships=[{"id": "t", "actors": ["a", "b", "c"], "kind": "cooperation"}])
    for layout in ("spring", "forceatlas2"):
        pos = layout_positions(to_graph(pole), layout)
        assert pos["seul"][1] < STRIP_TOP < min(pos[v][1] for v in "abc")
    texts = _svg_texts(draw_map(pole, tmp_path / "p.svg"))
    assert "sans lien" in texts and "SEUL" in texts


def test_a_crowded_map_leaves_out_labels_rather_than_heap_them():
    actors = [{"id": f"a{i:03d}", "name": f"Structure partenaire numéro {i}", "category": "enterprise"}
              for i in range(90)]
    pole = Pole(id="big", name="Grand pôle", pivot="a000", actors=actors,
                partnerships=[{"id": f"t{i}", "actors": ["a000", f"a{i:03d}"], "kind": "partnership"}
                              for i in range(1, 90)])
    boxes = label_boxes(map_figure(pole, figsize=(8, 6)))
    assert "a000" in boxes and len(boxes) < 90
    for (a, box_a), (b, box_b) in combinations(sorted(boxes.items()), 2):
        assert not box_a.overlaps(box_b), (a, b)


def test_small_multiples_on_the_site_layout_keep_the_same_rings(growing_pole):
    from matplotlib.patches import Circle

    fig = small_multiples_figure(growing_pole, [2000, 2018], layout="site")
    radii = [sorted(round(p.get_radius(), 6) for p in ax.patches if isinstance(p, Circle))
             for ax in fig.axes if ax.get_label() in {"2000", "2018"}]
    assert radii[0] == radii[1] and len(radii[0]) == 4  # three rings and the site's disc
