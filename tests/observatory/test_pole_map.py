"""The site's pole maps carry the interactive map's data, positions left to the page."""

from __future__ import annotations

import pytest

from ptce_kit.io import load_pole
from ptce_kit.observatory import pole_map
from ptce_kit.render.interactive import map_data
from ptce_kit.synth import synthetic_pole

from observatory_data import EXAMPLES

PLACED = ("x", "y", "lx", "ly", "anchor", "lw", "lz")


@pytest.mark.parametrize("pole", [load_pole(EXAMPLES[0]), synthetic_pole(40, seed=3)], ids=lambda p: p.id)
def test_the_data_is_the_interactive_map_s_without_its_positions(pole):
    ours, theirs = pole_map.map_data(pole, "fr"), map_data(pole, lang="fr")
    assert {k: v for k, v in ours.items() if k != "nodes"} == {k: v for k, v in theirs.items() if k != "nodes"}
    assert [{k: v for k, v in n.items() if k not in PLACED} for n in theirs["nodes"]] == ours["nodes"]
    assert not any(k in n for n in ours["nodes"] for k in PLACED)


def test_the_page_loads_the_site_s_assets_and_inlines_no_script(tmp_path):
    pole = synthetic_pole(12, seed=2)
    page = pole_map.map_page(pole, "en")
    assert page.count("<script src=") == 3 and "d3.zoom" not in page
    assert "script-src 'self'" in page and "'unsafe-inline'" not in page.split("script-src", 1)[1].split(";")[0]
    pole_map.write_assets(tmp_path)
    assert sorted(p.name for p in (tmp_path / "assets").iterdir()) == sorted(pole_map.ASSETS)
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "assets").iterdir()}
    pole_map.write_assets(tmp_path)  # unchanged: not written again
    assert before == {p: p.stat().st_mtime_ns for p in (tmp_path / "assets").iterdir()}
