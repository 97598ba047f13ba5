"""Lambert 93 to WGS 84, the closed form against PROJ (IGN's definition of EPSG:2154)."""

from __future__ import annotations

import pytest

from ptce_kit.io.sirene.lambert import lambert93_to_wgs84, wgs84_to_lambert93

# (x, y) in Lambert 93 and (lon, lat) as PROJ 9 gives them (pyproj 3.7, EPSG:2154 → EPSG:4326).
PROJ_PAIRS = [
    ((700000.0, 6600000.0), (3.0, 46.5)),                       # the projection's origin, by definition
    ((652469.02, 6862035.26), (2.352199963, 48.856600005)),     # Paris
    ((849900.0, 6443000.0), (4.904863462, 45.069985513)),       # Drôme
    ((1240000.0, 6100000.0), (9.48965855, 41.801095415)),       # Corsica, the south-east corner
    ((180000.0, 6800000.0), (-3.993812931, 48.09298222)),       # Brittany, the west
]


@pytest.mark.parametrize(("xy", "lonlat"), PROJ_PAIRS)
def test_known_points(xy, lonlat):
    lon, lat = lambert93_to_wgs84(*xy)
    assert (lon, lat) == pytest.approx(lonlat, abs=1e-8)  # about a millimetre
    assert wgs84_to_lambert93(lon, lat) == pytest.approx(xy, abs=1e-3)


def test_against_proj_across_france():
    pyproj = pytest.importorskip("pyproj")
    transformer = pyproj.Transformer.from_crs(2154, 4326, always_xy=True)
    for x in range(100_000, 1_250_001, 75_000):
        for y in range(6_050_000, 7_150_001, 75_000):
            assert lambert93_to_wgs84(x, y) == pytest.approx(transformer.transform(x, y), abs=1e-8), (x, y)
