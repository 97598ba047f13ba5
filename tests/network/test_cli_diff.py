"""``ptce diff``: a pole between two dates, or two versions of its file."""

from __future__ import annotations

import json

from ptce_kit.io import load_pole, save_pole
from ptce_kit.network import to_graph
from ptce_kit.network.history import diff
from ptce_kit.synth import synthetic_pole


def test_two_dates_of_one_file(ptce, tmp_path):
    file = tmp_path / "pole.yaml"
    save_pole(synthetic_pole(30, seed=3), file)
    from ptce_kit.privacy import for_sharing

    pole = for_sharing(load_pole(file))  # what ptce diff shows: persons as « Personne N »
    expected = diff(to_graph(pole, at="2012"), to_graph(pole, at="2018"))
    assert expected["actors"]["appeared"] and expected["ties"]["appeared"]  # the data moves

    as_json = ptce("diff", file, "--from", "2012", "--to", "2018", "--format", "json")
    assert as_json.returncode == 0, as_json.stderr
    assert json.loads(as_json.stdout) == json.loads(json.dumps(expected))

    text = ptce("diff", file, "--from", "2012", "--to", "2018").stdout
    first = expected["actors"]["appeared"][0]
    assert f"appeared  actor  {first} ({pole.actor(first).name})" in text
    assert f"actors: {len(to_graph(pole, at='2012'))} → {len(to_graph(pole, at='2018'))}" in text


def test_two_versions_of_a_file(ptce, tmp_path, pole_sud):
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    save_pole(pole_sud, old)
    data = pole_sud.model_dump(mode="json", exclude_none=True)
    data["actors"] = [a for a in data["actors"] if a["id"] != "adie"]
    data["partnerships"] = [p for p in data["partnerships"] if "adie" not in p["actors"]]
    data["actors"][1]["name"] = "Nouveau nom"
    save_pole(type(pole_sud).model_validate(data), new)
    done = ptce("diff", old, new)
    assert done.returncode == 0, done.stderr
    assert "   ended  actor  adie (Adie)" in done.stdout
    renamed = data["actors"][1]["id"]
    assert f"changed  actor  {renamed}: name {pole_sud.actor(renamed).name!r} → 'Nouveau nom'" in done.stdout


def test_misuse_and_bad_dates(ptce, pole_sud_path, tmp_path):
    alone = ptce("diff", pole_sud_path)
    assert alone.returncode == 2 and "--from DATE and --to DATE" in alone.stderr
    mixed = ptce("diff", pole_sud_path, pole_sud_path, "--from", "2014")
    assert mixed.returncode == 2 and "with two files use --at" in mixed.stderr
    bad = ptce("diff", pole_sud_path, "--from", "2014", "--to", "2020-13")
    assert bad.returncode == 1 and "--to '2020-13'" in bad.stderr and "Traceback" not in bad.stderr
    missing = ptce("diff", tmp_path / "nowhere.yaml", "--from", "2014", "--to", "2015")
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
