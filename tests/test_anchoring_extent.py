"""`ptce analyse` and `ptce compare` measure territorial anchoring against the whole
territory (its EPCI's and départements' communes), as `ptce check` does."""

from __future__ import annotations

import json

import pytest

from ptce_kit.comparison import compare
from ptce_kit.criteria import check
from ptce_kit.model import Pole
from ptce_kit.network.measures import analyse

# Valence Romans Agglo (SIREN 200068781) holds Valence (26362) and Bourg-lès-Valence (26057),
# not Die (26113).
ACTORS = [
    {"id": "hub", "name": "Hub", "category": "ess_enterprise", "commune": "26362"},
    {"id": "bourg", "name": "Atelier de Bourg", "category": "enterprise", "commune": "26057"},
    {"id": "die", "name": "Scierie de Die", "category": "enterprise", "commune": "26113"},
]
TIES = [{"id": "t1", "actors": ["hub", "bourg"], "kind": "cooperation"},
        {"id": "t2", "actors": ["hub", "die"], "kind": "cooperation"}]


def pole(territory):
    return Pole.model_validate({"id": "p", "name": "P", "pivot": "hub", "territory": territory,
                                "actors": ACTORS, "partnerships": TIES})


EPCI = {"name": "Valence Romans Agglo", "epci": {"siren": "200068781"},
        "communes": [{"name": "Valence", "code": "26362"}]}
DROME = {"name": "Drôme", "departement": {"code": "26", "name": "Drôme"}}


@pytest.mark.parametrize(("territory", "share"), [(EPCI, 0.5), (DROME, 1.0)])
def test_analyse_counts_the_epci_and_the_departement(territory, share):
    anchoring = analyse(pole(territory))["pole"]["territorial_anchoring"]
    assert anchoring == {"ties_with_communes": 2, "same_commune": 0.0, "within_territory": share}


@pytest.mark.parametrize(("territory", "share"), [(EPCI, 0.5), (DROME, 1.0)])
def test_compare_counts_the_whole_territory_as_check_does(territory, share):
    p = pole(territory)
    (row,) = compare([p])
    assert row["anchoring_within_territory"] == share
    (result,) = [r.to_dict() for r in check(p, ["definition"]).results if r.rule.id.endswith("territory")]
    assert result["message"].startswith(f"{share:.0%} of the 2 ties")


def test_a_territory_without_a_known_place_leaves_the_share_unknown():
    p = pole({"name": "Le Diois"})
    assert analyse(p)["pole"]["territorial_anchoring"]["within_territory"] is None
    assert compare([p])[0]["anchoring_within_territory"] is None


def test_the_cli_shows_the_whole_territory(ptce, tmp_path):
    path = tmp_path / "pole.json"
    path.write_text(json.dumps({"format": "ptce/1", **pole(EPCI).model_dump(mode="json", exclude_none=True)}),
                    encoding="utf-8")
    done = ptce("analyse", path, "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["pole"]["territorial_anchoring"]["within_territory"] == 0.5
