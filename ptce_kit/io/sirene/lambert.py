"""Lambert 93 (RGF93, EPSG:2154) to WGS 84 longitude and latitude, in closed form.

SIRENE gives an establishment's position as ``coordonneeLambertAbscisseEtablissement`` and
``coordonneeLambertOrdonneeEtablissement``: metres in Lambert 93, the conformal conic
projection of France's official system RGF93 (IGN), on the GRS 80 ellipsoid.  The inverse
of a Lambert conformal conic with two standard parallels (Snyder, *Map projections — a
working manual*, USGS 1987, eq. 15-1 to 15-9) gives the geographic coordinates; the
latitude comes from the isometric latitude by fixed-point iteration (IGN's algorithm
ALG0001), to 10⁻¹² radian.  RGF93 and WGS 84 agree to well under a metre, far below what a
map of a pole shows, so no datum shift is applied.

The tests compare it with PROJ (pyproj) on points across France.
"""

from __future__ import annotations

import math

__all__ = ["lambert93_to_wgs84", "wgs84_to_lambert93", "LAMBERT93_BOUNDS"]

_A = 6378137.0  # GRS 80 semi-major axis (m)
_F = 1 / 298.257222101  # GRS 80 flattening
_E = math.sqrt(_F * (2 - _F))
_LON0 = math.radians(3.0)
_LAT0, _LAT1, _LAT2 = (math.radians(d) for d in (46.5, 44.0, 49.0))
_X0, _Y0 = 700_000.0, 6_600_000.0

#: The projection's domain of definition (EPSG:2154), in metres: x from, x to, y from, y to.
LAMBERT93_BOUNDS = (-378_305.81, 1_320_649.57, 6_005_281.2, 7_235_612.72)


def _m(phi: float) -> float:
    return math.cos(phi) / math.sqrt(1 - (_E * math.sin(phi)) ** 2)


def _t(phi: float) -> float:
    s = _E * math.sin(phi)
    return float(math.tan(math.pi / 4 - phi / 2) / ((1 - s) / (1 + s)) ** (_E / 2))


_N = (math.log(_m(_LAT1)) - math.log(_m(_LAT2))) / (math.log(_t(_LAT1)) - math.log(_t(_LAT2)))
_AF = _A * _m(_LAT1) / (_N * _t(_LAT1) ** _N)
_RHO0 = _AF * _t(_LAT0) ** _N


def lambert93_to_wgs84(x: float, y: float) -> tuple[float, float]:
    """Longitude and latitude (decimal degrees) of a Lambert 93 point (metres).

    Examples
    --------
    >>> lambert93_to_wgs84(700000, 6600000)  # the projection's origin: 3° E, 46.5° N
    (3.0, 46.5)
    >>> lon, lat = lambert93_to_wgs84(652469.02, 6862035.26)  # Paris
    >>> round(lon, 6), round(lat, 6)
    (2.3522, 48.8566)
    """
    dx, dy = x - _X0, _RHO0 - (y - _Y0)
    rho = math.hypot(dx, dy)
    theta = math.atan2(dx, dy)
    t = (rho / _AF) ** (1 / _N)
    phi = math.pi / 2 - 2 * math.atan(t)
    for _ in range(50):
        s = _E * math.sin(phi)
        after = math.pi / 2 - 2 * math.atan(t * ((1 - s) / (1 + s)) ** (_E / 2))
        if abs(after - phi) < 1e-12:
            phi = after
            break
        phi = after
    lon = math.degrees(theta / _N + _LON0)
    return round(lon, 9), round(math.degrees(phi), 9)


def wgs84_to_lambert93(lon: float, lat: float) -> tuple[float, float]:
    """Lambert 93 x and y (metres) of a longitude and latitude (decimal degrees).

    Examples
    --------
    >>> wgs84_to_lambert93(3.0, 46.5)
    (700000.0, 6600000.0)
    """
    rho = _AF * _t(math.radians(lat)) ** _N
    theta = _N * (math.radians(lon) - _LON0)
    return round(_X0 + rho * math.sin(theta), 3), round(_Y0 + _RHO0 - rho * math.cos(theta), 3)
