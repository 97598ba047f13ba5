"""Where a pole goes on the map of France: its communes' points, else its EPCI's, département's or région's centre."""

from __future__ import annotations

import re
from pathlib import Path

from ptce_kit.io import load_pole
from ptce_kit.model import Pole
from ptce_kit.observatory.france import OVERSEAS_INSETS, outlines, place, project, spread
from ptce_kit.reference.points import commune_point, epci_point
from ptce_kit.observatory.site import _territory_facts

ROOT = Path(__file__).resolve().parents[2]


def _centre(code: str) -> tuple[float, float]:
    found = next(d for d in outlines()["departements"] if d["code"] == code)
    return (found["centre"][0], found["centre"][1])


def test_every_departement_of_metropolitan_france_has_an_outline():
    from ptce_kit.reference import geo

    metro = {d.code for d in geo.departements() if d.zone == "metro"}
    drawn = {d["code"] for d in outlines()["departements"]}
    assert drawn == metro
    assert {d.code for d in geo.departements() if d.zone == "drom"} == set(OVERSEAS_INSETS)


def _rings(path: str) -> list[list[tuple[float, float]]]:
    """The closed pieces of an outline (relative ``m``/``z`` paths, as vendored)."""
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from vendor_france_map import pieces

    return pieces(path)


def _inside(x: float, y: float, code: str) -> bool:
    path = next(d for d in outlines()["departements"] if d["code"] == code)["path"]
    hit = False
    for ring in _rings(path):
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                hit = not hit
    return hit


def test_pole_sud_is_placed_at_its_communes_inside_the_drome():
    facts = _territory_facts(load_pole(ROOT / "examples" / "pole_sud" / "pole.yaml"))
    assert facts["departements"] == ["26"] and facts["below_departement"] is True
    assert facts["communes"] and all(c.startswith("26") for c in facts["communes"])
    spot = place(facts["departements"], facts["regions"], facts["communes"], facts["epcis"])
    # at its communes' points, not the département's centre, and inside the Drôme's outline
    projected = [project(*p) for c in facts["communes"] if (p := commune_point(c)) is not None]
    assert projected and spot == (round(sum(p[0] for p in projected) / len(projected), 2),
                                  round(sum(p[1] for p in projected) / len(projected), 2))
    assert spot != _centre("26") and _inside(*spot, "26")
    # without its communes it falls back to the Drôme's centre
    assert place(facts["departements"], facts["regions"]) == _centre("26")


def test_the_projection_puts_the_communes_points_inside_their_departements():
    from ptce_kit.reference import geo
    from ptce_kit.reference.points import points

    drawn = {d["code"] for d in outlines()["departements"]}
    found = [(c.departement, p) for code, p in sorted(points().items())[::25]
             if (c := geo.commune(code)) is not None and c.departement in drawn]
    inside = sum(_inside(*project(*p), dep) for dep, p in found)
    assert len(found) > 500 and inside / len(found) > 0.95
    # towns far apart stay in their own département: Quimper, Strasbourg, Perpignan, Corte, Lille, Nice, Pau
    for code, dep in (("29232", "29"), ("67482", "67"), ("66136", "66"), ("2B096", "2B"), ("59350", "59"),
                      ("06088", "06"), ("64445", "64")):
        assert _inside(*project(*commune_point(code)), dep), code


def test_a_commune_without_a_point_falls_back_to_its_epci_then_its_departement():
    from ptce_kit.reference import geo
    from ptce_kit.reference.points import points

    table = points()
    # a commune of the Drôme without a point, in an EPCI some of whose members have one
    code = next(c for c in sorted(geo.commune_codes(departement="26")) if c not in table
                and (e := geo.epci_of(c)) is not None and epci_point(e.siren) is not None)
    siren = geo.epci_of(code).siren
    assert place(["26"], ["84"], [code]) == project(*epci_point(siren))
    assert place(["26"], ["84"], [], [siren]) == project(*epci_point(siren))
    # a code that names no commune is no point: the département's centre
    assert place(["26"], ["84"], ["26999"]) == _centre("26")


def test_levels_and_places_of_an_epci_a_departement_a_region_and_overseas():
    epci = Pole(id="e", name="E", territory={"name": "CA Valence Romans Agglo", "epci": {"siren": "200068781"}})
    dep = Pole(id="d", name="D", territory={"name": "Finistère", "departement": {"code": "29", "name": "Finistère"}})
    region = Pole(id="r", name="R", territory={"name": "Bretagne", "region": {"code": "53", "name": "Bretagne"}})
    reunion = Pole(id="o", name="O", territory={"name": "Saint-Denis", "communes": [{"code": "97411", "name": "Saint-Denis"}]})
    facts = {p.id: _territory_facts(p) for p in (epci, dep, region, reunion)}
    assert [facts[k]["level"] for k in "edro"] == ["epci", "departement", "region", "commune"]
    assert [facts[k]["below_departement"] for k in "edro"] == [True, False, False, True]
    assert place(facts["d"]["departements"], facts["d"]["regions"]) == _centre("29")
    assert facts["e"]["epcis"] == ["200068781"]
    spot = place(facts["e"]["departements"], facts["e"]["regions"], facts["e"]["communes"], facts["e"]["epcis"])
    assert spot == project(*epci_point("200068781")) and _inside(*spot, "26")
    assert facts["r"]["departements"] == [] and facts["r"]["regions"] == ["53"]
    x, y = place(facts["r"]["departements"], facts["r"]["regions"])
    brittany = [_centre(c) for c in ("22", "29", "35", "56")]
    assert (x, y) == (round(sum(p[0] for p in brittany) / 4, 2), round(sum(p[1] for p in brittany) / 4, 2))
    rx, ry = place(facts["o"]["departements"], facts["o"]["regions"])
    bx, by, bw, bh = OVERSEAS_INSETS["974"]
    assert bx <= rx <= bx + bw and by <= ry <= by + bh


def test_poles_at_one_place_each_get_their_own_dot():
    dots = spread([(f"p{i}", (100.0, 100.0)) for i in range(6)])
    assert len(set(dots.values())) == 6 and dots["p0"] == (100.0, 100.0)


def test_the_overseas_departements_are_drawn_with_their_outlines_inside_their_insets():
    from ptce_kit.observatory.france import CREDIT, france_svg

    overseas = {d["code"]: d for d in outlines()["overseas"]}
    assert set(overseas) == set(OVERSEAS_INSETS)
    for code, (bx, by, bw, bh) in OVERSEAS_INSETS.items():
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", overseas[code]["path"])]
        xs, ys = numbers[0::2], numbers[1::2]
        assert len(xs) >= 10  # an outline, not a box
        assert bx <= min(xs) and max(xs) <= bx + bw and by <= min(ys) and max(ys) <= by + bh, code
        cx, cy = overseas[code]["centre"]
        assert min(xs) <= cx <= max(xs) and min(ys) <= cy <= max(ys), code
    svg = france_svg([], title="t", overseas="Outre-mer", lang="fr")
    assert all(f'<path class="dep" data-dep="{code}"' in svg for code in OVERSEAS_INSETS)
    assert "@svg-maps/world" in CREDIT and "CC BY 4.0" in CREDIT


def test_a_pole_of_la_reunion_is_placed_on_its_island():
    reunion = Pole(id="o", name="O", territory={"name": "Saint-Denis", "communes": [{"code": "97411", "name": "Saint-Denis"}]})
    facts = _territory_facts(reunion)
    island = next(d for d in outlines()["overseas"] if d["code"] == "974")
    assert place(facts["departements"], facts["regions"]) == tuple(island["centre"])
    # overseas, where the insets are not to scale, the commune's point is not used: the island's centre
    assert commune_point("97411") is not None
    assert place(facts["departements"], facts["regions"], facts["communes"]) == tuple(island["centre"])
