"""Maps of large poles: readable labels, every tie drawn, the same bytes twice (no timings here)."""

from __future__ import annotations

import math
from itertools import combinations, pairwise

import pytest

from ptce_kit.network import to_graph
from ptce_kit.render.layouts import LARGE, layout_positions
from ptce_kit.render.maps import CROWDED, label_boxes, map_figure, save_figure
from ptce_kit.synth import synthetic_pole


@pytest.fixture(scope="module")
def big_pole():
    return synthetic_pole(300, seed=3, ties_per_actor=4)


@pytest.fixture(scope="module")
def big_figure(big_pole):
    return map_figure(big_pole)


def test_large_map_labels_never_overlap_and_stay_on_the_figure(big_pole, big_figure):
    boxes = label_boxes(big_figure)
    assert big_pole.pivot in boxes
    # Crowded, so some labels are left out; but far from all of them.
    assert 25 <= len(boxes) < len(to_graph(big_pole))
    width, height = big_figure.canvas.get_width_height()
    items = sorted(boxes.items())
    for (a, box_a), (b, box_b) in combinations(items, 2):
        assert not box_a.overlaps(box_b), (a, b)
    for actor, box in items:
        assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= width and box.y1 <= height, actor


def test_large_map_labels_keep_clear_of_the_other_nodes(big_pole, big_figure):
    """A drawn label covers no marker but its own actor's (the pivot's label, always drawn, aside)."""
    import numpy as np
    from matplotlib.collections import PathCollection

    G = to_graph(big_pole)
    pos = layout_positions(G, "spring")  # seeded: the positions the map was drawn with
    ax = big_figure.axes[0]
    # Each actor's marker area (points²), as drawn: the actor is found by its position.
    at = {tuple(xy): v for v, xy in pos.items()}
    sizes = {}
    for drawn in ax.collections:
        if isinstance(drawn, PathCollection) and drawn.get_zorder() == 3:  # the actors' markers
            offsets = drawn.get_offsets()
            sizes.update((at[tuple(xy)], float(area))
                         for xy, area in zip(offsets, np.broadcast_to(drawn.get_sizes(), len(offsets))))
    assert sorted(sizes, key=str) == sorted(G, key=str)
    to_px = big_figure.dpi / 72
    markers = {}
    for v in G:
        x, y = ax.transData.transform(pos[v])
        r = math.sqrt(sizes[v]) / 2 * to_px * (1.35 if G.nodes[v].get("pivot") else 1.0)
        markers[v] = (x - r, y - r, x + r, y + r)
    labels = {a: box for a, box in label_boxes(big_figure).items() if a != big_pole.pivot}
    assert labels
    for actor, box in labels.items():
        for v, (x0, y0, x1, y1) in markers.items():
            if v != actor:
                assert not (box.x0 < x1 and x0 < box.x1 and box.y0 < y1 and y0 < box.y1), (actor, v)


def test_a_map_that_is_not_crowded_draws_every_label():
    pole = synthetic_pole(CROWDED, seed=5, ties_per_actor=3)
    boxes = label_boxes(map_figure(pole))
    G = to_graph(pole)
    assert len(G) <= CROWDED and sorted(boxes) == sorted(G)


def test_every_tie_of_a_large_map_is_drawn_once(big_pole, big_figure):
    from matplotlib.collections import LineCollection
    from matplotlib.patches import FancyArrowPatch

    ax = big_figure.axes[0]
    segments = sum(len(c.get_segments()) for c in ax.collections if isinstance(c, LineCollection))
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert segments > 0
    assert segments + len(arrows) == to_graph(big_pole).number_of_edges()


def test_large_map_png_is_rgb_on_white_and_files_the_same_bytes_twice(big_pole, tmp_path):
    from PIL import Image

    # Two figures drawn from scratch (layout, labels), each saved in both formats.
    first, second = map_figure(big_pole), map_figure(big_pole)
    for suffix in (".png", ".svg"):
        a = save_figure(first, tmp_path / f"a{suffix}").read_bytes()
        b = save_figure(second, tmp_path / f"b{suffix}").read_bytes()
        assert a == b, suffix
    with Image.open(tmp_path / "a.png") as image:
        assert image.mode == "RGB" and image.size == (1800, 1200)
        assert image.getpixel((2, 2)) == (255, 255, 255)
        assert image.info["Software"] == "ptce-kit"


@pytest.mark.parametrize("layout", ["spring", "forceatlas2"])
def test_large_force_layouts_are_seeded_bounded_and_pull_partners_together(big_pole, layout):
    G = to_graph(big_pole)
    assert len(G) >= LARGE
    pos = layout_positions(G, layout, seed=7)
    assert pos == layout_positions(G, layout, seed=7)
    assert pos != layout_positions(G, layout, seed=8)
    assert all(-1 <= x <= 1 and -1.5 <= y <= 1 for x, y in pos.values())
    ties = [math.dist(pos[u], pos[v]) for u, v in G.edges() if u != v]
    nodes = sorted(pos)
    others = [math.dist(pos[a], pos[b]) for a, b in zip(nodes, nodes[97:] + nodes[:97])]
    # Partners stand much closer together than actors taken at random.
    assert sum(ties) / len(ties) < 0.6 * sum(others) / len(others)
    # ...yet no two actors sit on the same point.
    points = sorted(pos.values())
    assert all(math.dist(p, q) > 1e-4 for p, q in pairwise(points))


@pytest.mark.parametrize("engine", ["igraph", "spectral"])
def test_national_layout_is_seeded_bounded_and_pulls_partners_together(big_pole, monkeypatch, engine):
    """From HUGE actors on, both force layouts run in linear memory (igraph's grid layout, or a
    spectral one without igraph); here HUGE is lowered so that a small pole takes that path."""
    import sys

    from ptce_kit.render import layouts

    G = to_graph(big_pole)
    monkeypatch.setattr(layouts, "HUGE", 100)
    if engine == "spectral":
        monkeypatch.setitem(sys.modules, "igraph", None)  # import igraph then raises ImportError
    else:
        pytest.importorskip("igraph")
    pos = layout_positions(G, "spring", seed=7)
    assert pos == layout_positions(G, "spring", seed=7) == layout_positions(G, "forceatlas2", seed=7)
    assert sorted(pos, key=str) == sorted(G, key=str)
    assert all(-1 <= x <= 1 and -1.5 <= y <= 1 for x, y in pos.values())
    ties = [math.dist(pos[u], pos[v]) for u, v in G.edges() if u != v]
    nodes = sorted(pos)
    others = [math.dist(pos[a], pos[b]) for a, b in zip(nodes, nodes[97:] + nodes[:97])]
    assert sum(ties) / len(ties) < 0.6 * sum(others) / len(others)
    points = sorted(pos.values())
    assert all(math.dist(p, q) > 1e-6 for p, q in pairwise(points))
    if engine == "igraph":
        assert pos != layout_positions(G, "spring", seed=8)


def test_a_national_map_names_only_the_pivot_and_the_most_tied_and_says_so(big_pole, monkeypatch):
    from ptce_kit.render import maps

    monkeypatch.setattr(maps, "NAMED_ABOVE", 100)
    monkeypatch.setattr(maps, "NAMED", 20)
    G = to_graph(big_pole)
    named, k = maps.named_actors(G)
    degrees = dict(G.degree())
    assert big_pole.pivot in named and len(named) <= 20 + 1
    assert named == {v for v, d in degrees.items() if d >= k} | {big_pole.pivot}
    # The threshold is the ties of the 20th most tied actor, one more when ties there make too many.
    twentieth = sorted(degrees.values(), reverse=True)[19]
    assert k == (twentieth + 1 if sum(1 for d in degrees.values() if d >= twentieth) > 20 else twentieth)
    fig = map_figure(big_pole, lang="en")
    assert big_pole.pivot in label_boxes(fig) and set(label_boxes(fig)) <= named
    texts = " ".join(t.get_text() for ax in fig.axes for t in ax.texts).replace("\n", " ")
    assert f"at least {k} ties (above 100 actors)" in texts
    french = " ".join(t.get_text() for ax in map_figure(big_pole, lang="fr").axes for t in ax.texts).replace("\n", " ")
    assert f"d’au moins {k} liens (au-delà de 100 acteurs)" in french
    assert maps.named_actors(to_graph(synthetic_pole(30, seed=2))) == (None, 0)
