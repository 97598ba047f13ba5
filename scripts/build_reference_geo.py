"""Build ptce-kit's table of France's reference geography from ``@etalab/decoupage-administratif``.

The npm package ``@etalab/decoupage-administratif`` carries INSEE's Code officiel
géographique (communes, communes déléguées and associées, arrondissements municipaux,
départements, régions), the DGCL's list of EPCI à fiscalité propre with their member
communes, and La Poste's postal codes, as JSON, under the Licence Ouverte 2.0 (Etalab).
This script downloads one pinned version of the package, checks the tarball against the
integrity the npm registry publishes for it, and writes one compact, sorted, gzip'd table,
``ptce_kit/reference/geo.tsv.gz``, read by :mod:`ptce_kit.reference.geo`.

Refresh, when INSEE publishes a new COG (each January) and the package follows::

    curl -s https://registry.npmjs.org/@etalab/decoupage-administratif | python -c \\
        "import json,sys; d=json.load(sys.stdin); v=d['dist-tags']['latest']; print(v, d['versions'][v]['dist']['integrity'])"
    python scripts/build_reference_geo.py --version 6.1.0 --integrity sha512-… --vintage 2027

then run ``python -m pytest -q tests/reference`` and commit the table with the new pins
written into this script.  ``--from-dir DIR`` builds from the package's ``data/`` folder
already on disk (the tests use it with a small fixture, without the network).

Only the standard library is used.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import io
import json
import sys
import tarfile
import urllib.request
from pathlib import Path
from typing import Any

PACKAGE = "@etalab/decoupage-administratif"
#: The pinned release, the integrity npm publishes for its tarball, and the COG year it holds.
VERSION = "6.0.0"
INTEGRITY = "sha512-XavYsFlbcM/prKr8hNHPKER94IHw/dsxNM4nxjWMYk6PLFACpEedvn/7wK8Baozm0dCYhWWcf+7bcWpA5pmCaQ=="
VINTAGE = "2026"

OUTPUT = Path(__file__).resolve().parent.parent / "ptce_kit" / "reference" / "geo.tsv.gz"
FILES = ("communes.json", "departements.json", "regions.json", "epci.json")
#: Row kinds, in the order the table holds them.
KINDS = ("R", "D", "E", "C", "M", "L", "F")


def tarball_url(version: str) -> str:
    """The npm registry's address of one version's tarball."""
    return f"https://registry.npmjs.org/{PACKAGE}/-/decoupage-administratif-{version}.tgz"


def check_integrity(data: bytes, integrity: str) -> None:
    """Raise ``SystemExit`` unless ``data`` has the npm ``integrity`` (``sha512-<base64>``)."""
    algorithm, _, expected = integrity.partition("-")
    if algorithm != "sha512":
        raise SystemExit(f"unsupported integrity {integrity!r}: give npm's sha512-… value")
    actual = base64.b64encode(hashlib.sha512(data).digest()).decode()
    if actual != expected:
        raise SystemExit(f"the tarball's checksum is sha512-{actual}, not the pinned {integrity}: "
                         "refusing to build from it")


def read_tarball(data: bytes) -> dict[str, Any]:
    """The JSON files of the package's ``data/`` folder, from its tarball."""
    found: dict[str, Any] = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for name in FILES:
            member = tar.extractfile(f"package/data/{name}")
            if member is None:
                raise SystemExit(f"package/data/{name} is missing from the tarball")
            found[name] = json.load(member)
    return found


def read_dir(folder: Path) -> dict[str, Any]:
    """The same JSON files from a folder on disk."""
    return {name: json.loads((folder / name).read_text(encoding="utf-8")) for name in FILES}


def _clean(text: str) -> str:
    # The table is tab-separated, one record a line.
    return " ".join(str(text).split())


def _population(commune: dict[str, Any]) -> str:
    # Used only to put the larger town first among suggestions.
    value = commune.get("population")
    return str(int(value)) if isinstance(value, (int, float)) else ""


def rows(data: dict[str, Any]) -> list[tuple[str, ...]]:
    """Every row of the table, sorted (kind in :data:`KINDS` order, then code)."""
    out: list[tuple[str, ...]] = []
    for r in data["regions.json"]:
        out.append(("R", r["code"], _clean(r["nom"]), r.get("zone", "")))
    for d in data["departements.json"]:
        out.append(("D", d["code"], d["region"], _clean(d["nom"]), d.get("zone", "")))
    epci_of: dict[str, str] = {}
    for e in data["epci.json"]:
        out.append(("E", e["code"], e.get("type", ""), _clean(e["nom"])))
        for member in e.get("membres", []):
            epci_of[member["code"]] = e["code"]
    linked: set[str] = set()
    for c in data["communes.json"]:
        kind = c["type"]
        postal = " ".join(sorted(set(c.get("codesPostaux", []))))
        if kind == "commune-actuelle":
            out.append(("C", c["code"], _clean(c["nom"]), c["departement"], epci_of.get(c["code"], ""), postal,
                        _population(c)))
        elif kind == "arrondissement-municipal":
            out.append(("M", c["code"], _clean(c["nom"]), c["commune"], postal, _population(c)))
        elif kind in {"commune-deleguee", "commune-associee"}:
            out.append(("L", c["code"], _clean(c["nom"]), "d" if kind == "commune-deleguee" else "a", c["chefLieu"]))
            linked.add(c["code"])
        else:
            raise SystemExit(f"unknown commune type {kind!r} for {c['code']}: update this script")
    for c in data["communes.json"]:
        if c["type"] == "commune-actuelle":
            # Codes of communes merged away; those that live on as communes déléguées
            # already have their row (with their name).
            out.extend(("F", old, c["code"]) for old in c.get("anciensCodes", []) if old not in linked)
    order = {k: i for i, k in enumerate(KINDS)}
    return sorted(set(out), key=lambda row: (order[row[0]], row[1:]))


def header(version: str, vintage: str) -> list[str]:
    """The comment lines at the top of the table: what it is, where from, under which licence."""
    return [
        "# ptce-kit: France's reference geography (read by ptce_kit.reference.geo)",
        f"# source: npm package {PACKAGE} {version} (https://github.com/datagouv/decoupage-administratif),",
        f"#   itself built from INSEE's Code officiel géographique {vintage}, the DGCL's list of EPCI à",
        "#   fiscalité propre and La Poste's base officielle des codes postaux",
        f"# vintage: COG {vintage}",
        "# licence: Licence Ouverte 2.0 / Open Licence 2.0 (Etalab), https://www.etalab.gouv.fr/licence-ouverte-open-licence",
        "# refresh: python scripts/build_reference_geo.py --version V --integrity sha512-… --vintage YEAR",
        "# rows (tab-separated): R code name zone | D code region name zone | E siren type name |",
        "#   C code name departement epci postal_codes population | M code name commune postal_codes population |",
        "#   L code name d(éléguée)/a(ssociée) commune | F former_code successor",
    ]


def build(data: dict[str, Any], version: str, vintage: str) -> bytes:
    """The gzip'd table: the same bytes for the same data (no timestamp, no file name)."""
    lines = header(version, vintage) + ["\t".join(row) for row in rows(data)]
    text = "\n".join(lines) + "\n"
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as out:
        out.write(text.encode("utf-8"))
    return buffer.getvalue()


def write(path: Path, content: bytes) -> None:
    """Write atomically: a failed build never leaves half a table."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(content)
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default=VERSION, help=f"package version (default {VERSION})")
    parser.add_argument("--integrity", default=INTEGRITY, help="npm integrity of that version's tarball")
    parser.add_argument("--vintage", default=VINTAGE, help=f"the COG year the version holds (default {VINTAGE})")
    parser.add_argument("--from-dir", type=Path, help="build from this data/ folder instead of downloading")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT, help="where to write the table")
    args = parser.parse_args(argv)
    if args.from_dir is not None:
        data = read_dir(args.from_dir)
    else:
        if args.version != VERSION and args.integrity == INTEGRITY:
            parser.error("--version needs its own --integrity (npm publishes it with the version)")
        with urllib.request.urlopen(tarball_url(args.version), timeout=120) as response:  # noqa: S310 - fixed https URL
            tarball = response.read()
        check_integrity(tarball, args.integrity)
        data = read_tarball(tarball)
    content = build(data, args.version, args.vintage)
    write(args.output, content)
    print(f"wrote {args.output} ({len(content):,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
