"""GeoJSON: the pole's site features carry its territory's population and priority areas."""

from __future__ import annotations

import json
from pathlib import Path

from ptce_kit.io import load_pole
from ptce_kit.io.geojson import geojson_text, to_geojson
from ptce_kit.model import Pole

COTEAUX = Path(__file__).resolve().parents[2] / "examples" / "coteaux_fictif" / "pole.yaml"


def features(pole):
    return {f["id"]: f["properties"] for f in json.loads(geojson_text(pole))["features"]}


def test_every_site_of_the_example_carries_the_territorys_figures():
    found = features(load_pole(COTEAUX))
    sites = [p for p in found.values() if p["kind"] == "site"]
    assert len(sites) == 2
    for props in sites:
        assert (props["territory_population"], props["territory_population_year"]) == (11000, 2021)
        assert props["territory_population_source"] == "Chiffre fictif, pour l'exemple."
        assert props["priority_areas"] == [{"kind": "FRR", "code": None, "name": "Diois (zonage fictif)"}]


def test_an_actors_feature_never_carries_the_territorys_population():
    pole = Pole.model_validate({
        "id": "p", "name": "P",
        "territory": {"name": "T", "population": {"value": 500, "year": 2020, "source": "INSEE (test)"},
                      "priority_areas": [{"kind": "QPV", "code": "QN02612M", "name": "La Monnaie"}]},
        "site": {"name": "Le lieu", "coordinates": {"lat": 45.04, "lon": 5.05}},
        "actors": [{"id": "a", "name": "A", "category": "enterprise", "coordinates": {"lat": 45.0, "lon": 5.0}}]})
    found = features(pole)
    assert found["site"]["territory_population"] == 500
    assert found["site"]["priority_areas"] == [{"kind": "QPV", "code": "QN02612M", "name": "La Monnaie"}]
    assert (found["a"]["territory_population"], found["a"]["priority_areas"]) == (None, [])
    # Every feature has the same properties, so that QGIS builds one table.
    assert set(found["a"]) == set(found["site"])


def test_a_territory_that_says_nothing_gives_empty_properties():
    pole = Pole.model_validate({"id": "p", "name": "P", "territory": {"name": "T"},
                                "site": {"coordinates": {"lat": 45.04, "lon": 5.05}}})
    (site,) = [f["properties"] for f in to_geojson(pole)["features"]]
    assert (site["territory_population"], site["territory_population_year"], site["priority_areas"]) == (None, None, [])
