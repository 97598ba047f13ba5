"""Each pole's interactive map on the site: its data written once, laid out when it is opened.

The interactive map of :mod:`ptce_kit.render.interactive` places actors and labels in
Python when the page is built (a force layout and the label rule: about 45 % of a pole's
build, and most of a site of 160 poles).  On the observatory a reader opens a few of its
hundreds of maps, so :func:`map_page` writes each map's data without positions and the
site's ``assets/place.js`` computes them in the browser, seeded (the same data gives the
same picture on every opening), before the interactive map's own ``map.js`` draws them.
The scripts and the style (d3, ``map.js``, ``map.css``, ``place.js``) are files of the
site written once (:func:`write_assets`), not copied into every page.

The data is the interactive map's (:func:`~ptce_kit.render.interactive.map_data`: the
same nodes, ties, legend and words), without ``x``, ``y`` and the label fields.
"""

from __future__ import annotations

import html
import math
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..model import Pole

__all__ = ["map_page", "write_assets", "ASSETS"]

#: The site's shared files of the pole maps: name -> (package, file).
ASSETS: dict[str, tuple[str, str]] = {
    "d3-zoom-bundle.min.js": ("ptce_kit.render", "_assets/d3-zoom-bundle.min.js"),
    "d3-LICENSES.txt": ("ptce_kit.render", "_assets/d3-LICENSES.txt"),
    "map.js": ("ptce_kit.render", "_assets/map.js"),
    "map.css": ("ptce_kit.render", "_assets/map.css"),
    "place.js": ("ptce_kit.observatory", "_assets/place.js"),
}

_CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src data:; connect-src 'none'; "
        "form-action 'none'; base-uri 'none'")


def write_assets(site: Path) -> None:
    """Write the maps' shared scripts and style into ``site/assets`` (only those that differ)."""
    from ..files import atomic_write, output_folder

    folder = output_folder(site / "assets")
    for name, (package, path) in ASSETS.items():
        content = files(package).joinpath(path).read_bytes()
        target = folder / name
        if not target.is_file() or target.read_bytes() != content:
            atomic_write(target, content)


def map_data(pole: Pole, lang: str) -> dict[str, Any]:
    """The interactive map's data for the pole, positions left to the page."""
    from ..model import FAMILY_COLOURS
    from ..network import to_graph
    from ..render.interactive import (_PAGE_WORDS, _SHAPES, CANVAS_ABOVE, _years, actor_card_life, compact_edges,
                                      edge_records, ties_by_pair)
    from ..render.layouts import site_ring
    from ..render.map_text import KIND_STYLES, PRESENCE_MARKERS, check_lang, page_text
    from ..render.maps import _NODE_DEFAULT, _NODE_MIN, _NODE_SPAN, _source_line

    words = page_text(check_lang(lang))
    G = to_graph(pole)
    pairs = ties_by_pair(G)
    partners: dict[str, set[str]] = {v: set() for v in G}
    for u, v in G.edges():
        if u != v:
            partners[u].add(v)
            partners[v].add(u)
    # Marker radii as the interactive map's: area from the degree (partners), shrunk past 30 actors.
    top = max((len(p) for p in partners.values()), default=0)
    scale = min(1.0, math.sqrt(30 / len(G))) if len(G) else 1.0
    descriptions = {a.id: a.description for a in pole.actors}
    nodes = []
    for v in sorted(G.nodes, key=str):
        d = G.nodes[v]
        area = _NODE_DEFAULT if top <= 0 else _NODE_MIN + _NODE_SPAN * math.sqrt(len(partners[v]) / top)
        nodes.append({
            "id": v, "name": d["name"], "family": d["family"], "category": d["category"],
            "category_label": words["category"].get(d["category"], d["category"]),
            "legal_form": d["legal_form"], "presence": d["presence"],
            "presence_label": words["presence"].get(d["presence"]),
            "status_label": words["status"].get(d["status"], d["status"]),
            **actor_card_life(d, words),
            "description": descriptions[v],
            "shape": _SHAPES[PRESENCE_MARKERS.get(d["presence"], "p")],
            "r": round(math.sqrt(area * scale) / 2 * 0.9, 3),
        })
    edges = edge_records(pole, pairs)
    present_families = {d["family"] for _, d in G.nodes(data=True)}
    present_kinds = {e["kind"] for e in edges}
    present_presences = {d["presence"] for _, d in G.nodes(data=True)}
    site_name = (pole.site.name if pole.site and pole.site.name else None) or pole.name
    return {
        "lang": lang,
        "layout": "spring",
        "renderer": "canvas" if len(nodes) > CANVAS_ABOVE else "svg",
        "title": words["title"].format(name=pole.name),
        "source": _source_line(pole, words).replace("\n", " "),
        "site": f"{site_name} ({words['site']})",
        "rings": max((site_ring(d.get("presence")) for _, d in G.nodes(data=True)), default=1),
        "words": {k: words[k] for k in _PAGE_WORDS},
        "families": [{"id": f, "label": words["family"][f], "colour": c}
                     for f, c in FAMILY_COLOURS.items() if f in present_families],
        "kinds": [{"id": k, "label": words["kind"][k], "colour": style[2], "dash": style[1]}
                  for k, style in KIND_STYLES.items() if k in present_kinds],
        "presences": [{"id": p, "label": words["presence"][p], "shape": _SHAPES[m]}
                      for p, m in PRESENCE_MARKERS.items() if p in present_presences],
        "nodes": nodes,
        **({"ties": compact_edges(nodes, edges)} if len(nodes) > CANVAS_ABOVE else {"edges": edges}),
        "dates": _years(G),
    }


def map_page(pole: Pole, lang: str, *, assets: str = "../../assets/") -> str:
    """The pole's interactive map as an HTML page that loads the site's shared ``assets``."""
    from ..render.interactive import page_body
    from ..render.map_text import text

    data = map_data(pole, lang)
    words = text(lang)
    e = html.escape
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ptce-kit">
<title>{e(data['title'])}</title>
<link rel="stylesheet" href="{assets}map.css">
</head>
<body>
{page_body(data, words)}<script src="{assets}d3-zoom-bundle.min.js"></script>
<script src="{assets}place.js"></script>
<script src="{assets}map.js"></script>
</body>
</html>
"""
