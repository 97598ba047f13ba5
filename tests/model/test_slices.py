"""Validating a pole a slice at a time gives the same pole and the same located problems."""

from __future__ import annotations

import copy
import gc
import json
import pickle
from pathlib import Path

import pytest

from ptce_kit.errors import ValidationProblemError
from ptce_kit.io import dump_pole, load_pole
from ptce_kit.io.files import _plain, parse_text, pole_from_data
from ptce_kit.model import Pole, slices
from ptce_kit.model.base import FREEZE_AT_LEAST, SharedFieldsSet, gc_paused, share_fields_set
from ptce_kit.synth import synthetic_pole

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def small_slices(monkeypatch):
    """Slices of 5 records, so that a pole of a few dozen actors spans many of them."""
    monkeypatch.setattr(slices, "SLICE", 5)


def _data(n=40):
    return _plain(synthetic_pole(n, seed=3, ties_per_actor=3))


def _write(tmp_path, data, fmt="json"):
    path = tmp_path / f"pole.{fmt}"
    if fmt == "json":
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    else:
        path.write_text(dump_pole(Pole.model_validate(data), fmt="yaml"), encoding="utf-8")
    return path


def _one_go(path):
    """The problems of validating the whole file in one go, without slices."""
    text = path.read_text(encoding="utf-8")
    with pytest.raises(ValidationProblemError) as caught:
        pole_from_data(parse_text(text, file=path, as_json=path.suffix == ".json"), file=path, text=text)
    return caught.value.problems


def _shown(problems):
    return [(p.path, p.line, p.column, p.code, p.text("en"), p.hint_text("en")) for p in problems]


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_a_sliced_pole_is_the_pole_validated_whole(tmp_path, small_slices, fmt):
    path = _write(tmp_path, _data(), fmt)
    whole = Pole.model_validate(parse_text(path.read_text(encoding="utf-8"), file=path))
    sliced = load_pole(path)
    assert len(sliced.actors) > 3 * slices.SLICE and len(sliced.partnerships) > 3 * slices.SLICE
    assert sliced == whole
    assert sliced.model_dump(exclude_unset=True) == whole.model_dump(exclude_unset=True)
    assert sliced.model_dump_json() == whole.model_dump_json()
    for mine, theirs in zip(sliced.actors + sliced.partnerships + sliced.projects,
                            whole.actors + whole.partnerships + whole.projects):
        assert mine.model_fields_set == theirs.model_fields_set


def test_pole_sud_reads_the_same_sliced(small_slices):
    path = ROOT / "examples" / "pole_sud" / "pole.yaml"
    whole = Pole.model_validate(parse_text(path.read_text(encoding="utf-8"), file=path))
    sliced = load_pole(path)
    assert sliced == whole and sliced.model_dump(exclude_unset=True) == whole.model_dump(exclude_unset=True)


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_an_error_past_the_first_slice_keeps_its_place(tmp_path, small_slices, fmt):
    data = _data()
    data["actors"][7]["category"] = "shop"  # in the second slice: index 2 of it
    path = _write(tmp_path, data, "json")
    if fmt == "yaml":  # the same data as YAML text (dump_pole would refuse the wrong value)
        from ptce_kit.io.yaml_emit import emit_block_yaml

        path = tmp_path / "pole.yaml"
        path.write_text(emit_block_yaml(data, literal=lambda s: False) or "", encoding="utf-8")
    with pytest.raises(ValidationProblemError) as caught:
        load_pole(path)
    problems = caught.value.problems
    assert [p.path for p in problems] == [("actors", 7, "category")]
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "shop" in text)
    assert problems[0].line == line
    assert _shown(problems) == _shown(_one_go(path))


def test_every_problem_of_every_slice_is_found_and_located(tmp_path, small_slices):
    data = _data()
    data["actors"][0]["category"] = "shop"
    data["actors"][11]["ess"] = "maybe"
    data["partnerships"][23]["actors"][0] = "nobody-at-all"
    data["projects"][-1]["status"] = "dreamt"
    path = _write(tmp_path, data)
    with pytest.raises(ValidationProblemError) as caught:
        load_pole(path)
    problems = caught.value.problems
    assert {p.path for p in problems} >= {("actors", 0, "category"), ("actors", 11, "ess"),
                                          ("partnerships", 23, "actors", 0),
                                          ("projects", len(data["projects"]) - 1, "status")}
    assert all(p.line for p in problems)
    assert _shown(problems) == _shown(_one_go(path))


def test_a_broken_reference_alone_is_located_after_the_slices(tmp_path, small_slices):
    data = _data()
    data["partnerships"][17]["actors"][1] = "a-missing"
    path = _write(tmp_path, data)
    with pytest.raises(ValidationProblemError) as caught:
        load_pole(path)
    assert [(p.path, p.code) for p in caught.value.problems] == [(("partnerships", 17, "actors", 1), "PTCE-E200")]
    assert _shown(caught.value.problems) == _shown(_one_go(path))


def test_records_given_the_same_fields_share_one_read_only_set(tmp_path, small_slices):
    pole = load_pole(_write(tmp_path, _data()))
    by_fields = {}
    for actor in pole.actors:
        by_fields.setdefault(frozenset(actor.model_fields_set), []).append(actor)
    a, b = max(by_fields.values(), key=len)[:2]
    assert a.model_fields_set is b.model_fields_set and type(a.model_fields_set) is SharedFieldsSet
    # Across slices too: one set per model and set of fields.
    assert len({id(x.model_fields_set) for x in pole.actors}) == len(by_fields)
    before = b.model_dump(exclude_unset=True)
    with pytest.raises(TypeError):
        a.model_fields_set.add("website")
    assert "website" not in b.model_fields_set

    a.website = "https://example.org"  # a field neither had: only a's set gains it
    assert "website" in a.model_fields_set and "website" not in b.model_fields_set
    assert type(a.model_fields_set) is set and a.model_dump(exclude_unset=True)["website"] == "https://example.org"
    assert b.model_dump(exclude_unset=True) == before


def test_copies_and_pickles_of_shared_records_stay_apart():
    pole = Pole.model_validate(_data(12))
    share_fields_set(pole.actors)
    a, b = next((x, y) for i, x in enumerate(pole.actors) for y in pole.actors[i + 1:]
                if x.model_fields_set == y.model_fields_set and "website" not in x.model_fields_set)
    assert a.model_fields_set is b.model_fields_set
    c = a.model_copy(update={"website": "https://example.org"})
    assert "website" in c.model_fields_set and "website" not in b.model_fields_set
    d = copy.deepcopy(a)
    d.website = "https://example.org"
    assert "website" not in a.model_fields_set and "website" not in b.model_fields_set
    e, f = pickle.loads(pickle.dumps([a, b]))
    assert e == a and e.model_fields_set == a.model_fields_set
    e.website = "https://example.org"
    assert "website" not in f.model_fields_set and f.model_dump(exclude_unset=True) == b.model_dump(exclude_unset=True)


def test_a_shared_set_is_interned_per_model_and_fields():
    pole = Pole.model_validate(_data(12))
    shared = {}
    share_fields_set(pole.actors, shared)
    share_fields_set(pole.partnerships, shared)
    kinds = {(type(r), frozenset(r.model_fields_set)) for r in pole.actors + pole.partnerships}
    assert set(shared) == kinds
    assert all(r.model_fields_set is shared[type(r), frozenset(r.model_fields_set)]
               for r in pole.actors + pole.partnerships)


def test_the_collector_freezes_only_a_large_paused_block():
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    try:
        with gc_paused():
            small = [[] for _ in range(100)]
        assert gc.isenabled() and gc.get_freeze_count() == frozen
        with gc_paused():
            large = [[] for _ in range(FREEZE_AT_LEAST + 10)]
        assert gc.isenabled() and gc.get_freeze_count() >= frozen + len(large)
    finally:
        gc.unfreeze()
    assert small is not None


def test_an_error_in_a_paused_block_freezes_nothing_and_resumes():
    gc.unfreeze()
    with pytest.raises(RuntimeError), gc_paused():
        made = [[] for _ in range(FREEZE_AT_LEAST + 10)]
        raise RuntimeError(len(made))
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_paused_collector_stays_paused():
    gc.disable()
    try:
        with gc_paused():
            made = [[] for _ in range(FREEZE_AT_LEAST + 10)]
        assert not gc.isenabled() and len(made)
    finally:
        gc.enable()


def test_each_record_is_checked_once(tmp_path, small_slices, monkeypatch):
    """The pole's validation does not run the actors' own checks again on their models."""
    from ptce_kit.model import Actor

    data = _data()
    path = _write(tmp_path, data)
    checked = []
    original = Actor._structure_errors
    monkeypatch.setattr(Actor, "_structure_errors", lambda self: checked.append(self.id) or original(self))
    load_pole(path)
    assert sorted(checked) == sorted(a["id"] for a in data["actors"])


def test_a_duplicate_id_across_slices_is_named_at_its_second_place(tmp_path, small_slices):
    data = _data()
    data["actors"][13]["id"] = data["actors"][2]["id"]
    path = _write(tmp_path, data)
    with pytest.raises(ValidationProblemError) as caught:
        load_pole(path)
    assert ("actors", 13, "id") in [p.path for p in caught.value.problems]
    assert "PTCE-E201" in [p.code for p in caught.value.problems]
    assert _shown(caught.value.problems) == _shown(_one_go(path))
