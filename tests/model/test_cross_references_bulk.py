"""The cross-reference check over whole lists finds exactly the references the path walker finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from pydantic import ValidationError
from ptce_kit.io import load_pole
from ptce_kit.io.files import _plain
from ptce_kit.model import Pole
from ptce_kit.model.pole import _actor_ids, _may_be_pole, find_actor_refs
from ptce_kit.synth import synthetic_pole

ROOT = Path(__file__).resolve().parents[2]


def _poles():
    return {
        "Pôle Sud": load_pole(ROOT / "examples" / "pole_sud" / "pole.yaml"),
        "Coteaux": load_pole(ROOT / "examples" / "coteaux_fictif" / "pole.yaml"),
        "synthetic": synthetic_pole(300, seed=5, ties_per_actor=3),
    }


@pytest.mark.parametrize("name", ["Pôle Sud", "Coteaux", "synthetic"])
def test_the_bulk_references_are_the_walkers(name):
    pole = _poles()[name]
    walked = [ref for loc, ref in find_actor_refs(pole) if not _may_be_pole(loc, ref, pole.id)]
    bulk = [ref for ref in _actor_ids(pole, pole.id) if isinstance(ref, str)]
    assert sorted(bulk) == sorted(walked) and len(walked) > 10


def test_a_body_of_all_members_is_no_list_of_ids():
    pole = _poles()["Pôle Sud"]
    assert any(body.members == "all" for body in pole.governance.bodies)
    refs = [ref for ref in _actor_ids(pole, pole.id) if isinstance(ref, str)]
    assert "a" not in refs and all(ref in {a.id for a in pole.actors} for ref in refs)


@pytest.mark.parametrize(("where", "change"), [
    ("partnerships", lambda d: d["partnerships"][3]["actors"].__setitem__(1, "nobody")),
    ("actors", lambda d: d["actors"][7].__setitem__("part_of", "nobody")),
    ("pivot", lambda d: d.__setitem__("pivot", "nobody")),
])
def test_a_broken_reference_of_a_big_pole_is_still_named(where, change):
    data = _plain(synthetic_pole(300, seed=5, ties_per_actor=3))
    change(data)
    with pytest.raises(ValidationError) as caught:
        Pole.model_validate(data)
    [problem] = [e for e in caught.value.errors() if e.get("input") == "nobody"]
    assert problem["loc"][0] == where and problem["type"] == "unknown_reference"
