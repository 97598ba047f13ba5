"""GeoJSON export of the actors, read back by the geojson package and shapely."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ptce_kit.io import load_pole
from ptce_kit.io.geojson import geojson_text, to_geojson

geojson = pytest.importorskip("geojson")
shapely_geometry = pytest.importorskip("shapely.geometry")

FICTIONAL = Path(__file__).resolve().parents[1] / "data" / "sirene" / "fictional_pole.yaml"


@pytest.fixture(scope="module")
def fictional():
    return load_pole(FICTIONAL)


def read_back(text: str):
    collection = geojson.loads(text)
    assert collection.is_valid, collection.errors()
    return collection


def test_reads_back_as_valid_geojson_in_lon_lat_order(fictional):
    collection = read_back(geojson_text(fictional))
    assert collection["type"] == "FeatureCollection"
    by_id = {f["id"]: f for f in collection["features"]}
    # Commune Gamma has no coordinates: it is not on the map.
    assert list(by_id) == ["site", "asso-beta", "labo-delta", "scop-alpha"]
    point = shapely_geometry.shape(by_id["scop-alpha"]["geometry"])
    assert (point.x, point.y) == (5.0502, 45.0451)  # RFC 7946: longitude first
    assert by_id["scop-alpha"]["properties"]["latitude"] == point.y
    assert by_id["scop-alpha"]["properties"]["longitude"] == point.x
    # Every point lies in the Drôme/Isère box, which a lat/lon swap would leave.
    for feature in collection["features"]:
        assert shapely_geometry.box(4.5, 44.0, 6.5, 46.0).contains(shapely_geometry.shape(feature["geometry"]))


def test_every_feature_has_the_same_properties(fictional):
    features = to_geojson(fictional)["features"]
    keys = {frozenset(f["properties"]) for f in features}
    assert len(keys) == 1  # one attribute table in QGIS
    alpha = next(f for f in features if f["id"] == "scop-alpha")["properties"]
    assert alpha["name"] == "Scop Alpha"  # GoGoCarto's title
    assert alpha["categories"] == ["ess_enterprise", "enterprises", "ess"]  # GoGoCarto's taxonomy
    assert alpha["commune_name"] == "Romans-sur-Isère"
    assert alpha["legal_form_code"] == "5458"


def test_personal_data_only_when_asked(fictional):
    assert "Camille" not in geojson_text(fictional)
    features = to_geojson(fictional, include_personal_data=True)["features"]
    alpha = next(f for f in features if f["id"] == "scop-alpha")["properties"]
    assert alpha["contacts"][0]["email"] == "camille@alpha.example.org"


def test_at_keeps_the_members_of_that_date(fictional):
    ids = [f["id"] for f in to_geojson(fictional, at="2020")["features"]]
    assert ids == ["site", "scop-alpha"]  # asso-beta left in 2019, labo-delta is prospective
    ids = [f["id"] for f in to_geojson(fictional, at="2015")["features"]]
    assert ids == ["site", "asso-beta", "scop-alpha"]


def test_cli_writes_a_deterministic_file(ptce, tmp_path):
    first, second = tmp_path / "a.geojson", tmp_path / "b.geojson"
    for out in (first, second):
        result = ptce("export", FICTIONAL, "--to", "geojson", "-o", out)
        assert result.returncode == 0, result.stderr
    assert first.read_bytes() == second.read_bytes()
    read_back(first.read_text(encoding="utf-8"))


def test_pole_sud_has_no_coordinates_yet(pole_sud):
    # The fiche gives no addresses: the honest map of Pôle Sud is empty until they are filled in.
    collection = read_back(geojson_text(pole_sud))
    assert collection["features"] == []
    assert json.loads(geojson_text(pole_sud))["name"] == "pole-sud"


def test_gdal_reads_it_as_qgis_does(tmp_path, fictional):
    # QGIS opens GeoJSON through GDAL/OGR; pyogrio ships the same library.
    pyogrio = pytest.importorskip("pyogrio")
    path = tmp_path / "actors.geojson"
    path.write_text(geojson_text(fictional), encoding="utf-8")
    info = pyogrio.read_info(path)
    assert (info["driver"], info["geometry_type"], info["crs"], info["features"]) == ("GeoJSON", "Point", "EPSG:4326", 4)
    assert info["total_bounds"] == (5.0486, 45.0376, 5.77, 45.19)  # (min lon, min lat, max lon, max lat)
    meta, _, _, fields = pyogrio.raw.read(path)
    columns = dict(zip(meta["fields"].tolist(), fields, strict=True))
    assert columns["name"].tolist() == ["La Maison commune", "Association Bêta", "Laboratoire Delta", "Scop Alpha"]
    assert "Camille" not in str(columns)
