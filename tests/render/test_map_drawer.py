"""The static map in two halves: planned with the model, drawn by a process that knows only matplotlib.

``ptce build`` forks its drawer before it imports the model, so that matplotlib is imported
while the pole is read (issue 19's time budget); what is drawn must not change a byte.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from ptce_kit.errors import PoleError
from ptce_kit.render.map_drawing import draw_plan, label_boxes, save_figure, write_png_and_svg, write_planned_map
from ptce_kit.render.maps import map_figure, map_plan

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_plan_travels_pickled_and_draws_the_same_figure(pole_sud, tmp_path):
    plan = map_plan(pole_sud, lang="fr")
    again = pickle.loads(pickle.dumps(plan))
    assert again == plan
    assert sorted(label_boxes(draw_plan(again))) == sorted(label_boxes(map_figure(pole_sud, lang="fr")))
    assert {n.id for n in plan.panel.nodes} == {a.id for a in pole_sud.actors if a.status is None
                                                or a.status.value != "prospective"}


def test_drawing_a_plan_imports_neither_the_model_nor_networkx_nor_the_catalogs(pole_sud, tmp_path):
    plan_file = tmp_path / "plan.pickle"
    plan_file.write_bytes(pickle.dumps(map_plan(pole_sud, lang="fr")))
    found = _run(
        "import json, pickle, sys\n"
        "from ptce_kit.render.map_drawing import write_planned_map\n"
        f"plan = pickle.loads(open({str(plan_file)!r}, 'rb').read())\n"
        f"write_planned_map(plan, {str(tmp_path / 'a.png')!r}, {str(tmp_path / 'a.svg')!r})\n"
        "print(json.dumps([m for m in ('ptce_kit.model', 'networkx', 'jinja2', 'babel', 'ptce_kit.render.documents')"
        " if m in sys.modules]))")
    assert found == []
    assert (tmp_path / "a.png").stat().st_size > 10_000 and (tmp_path / "a.svg").read_text("utf-8").count("<text") > 5


def test_ptce_build_forks_its_drawer_before_it_imports_the_model(tmp_path):
    from ptce_kit.parallel import available_jobs

    if available_jobs() < 2:
        pytest.skip("the drawer needs two cores and fork")
    # What is imported when ``ptce build`` forks for the first time: its drawer.
    found = _run(
        "import json, os, sys\n"
        "seen = []\n"
        "os.register_at_fork(before=lambda: seen or seen.append(\n"
        "    [m for m in ('ptce_kit.model', 'networkx', 'matplotlib', 'jinja2') if m in sys.modules]))\n"
        "from ptce_kit.cli import main\n"
        f"code = main(['build', 'examples/pole_sud', '-o', {str(tmp_path / 'out')!r}])\n"
        "print(json.dumps({'code': code, 'seen': seen}))")
    assert found == {"code": 0, "seen": [[]]}
    assert (tmp_path / "out" / "carte.png").stat().st_size > 10_000


def test_png_and_svg_written_together_are_the_bytes_written_one_by_one(pole_sud, tmp_path):
    fig = map_figure(pole_sud, lang="fr")
    save_figure(fig, tmp_path / "one.png")
    save_figure(fig, tmp_path / "one.svg")
    write_png_and_svg(map_figure(pole_sud, lang="fr"), tmp_path / "two.png", tmp_path / "two.svg")
    assert (tmp_path / "one.png").read_bytes() == (tmp_path / "two.png").read_bytes()
    assert (tmp_path / "one.svg").read_bytes() == (tmp_path / "two.svg").read_bytes()
    plan = map_plan(pole_sud, lang="fr")
    write_planned_map(plan, tmp_path / "three.png", tmp_path / "three.svg")
    assert (tmp_path / "three.png").read_bytes() == (tmp_path / "one.png").read_bytes()


def test_a_build_whose_pole_does_not_load_stops_its_drawer(tmp_path, monkeypatch):
    from ptce_kit.parallel import available_jobs
    from ptce_kit.pipeline import build

    if available_jobs() < 2:
        pytest.skip("the drawer needs two cores and fork")
    forked = []
    fork = os.fork

    def recording_fork():
        pid = fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", recording_fork)
    bad = tmp_path / "pole.yaml"
    bad.write_text("id: p\nname: [unclosed\n", encoding="utf-8")
    with pytest.raises(PoleError) as caught:
        build(bad, tmp_path / "out", jobs=2)
    assert caught.value.problems[0].file is not None
    assert len(forked) == 1  # the drawer, stopped and reaped:
    with pytest.raises(ChildProcessError):
        os.waitpid(forked[0], os.WNOHANG)
    assert not (tmp_path / "out" / "carte.png").exists()


def test_a_drawer_that_fails_reports_the_file_it_could_not_write(pole_sud, tmp_path):
    from functools import partial

    from ptce_kit.parallel import Prepared, available_jobs
    from ptce_kit.render.map_drawing import start_drawer

    plan = map_plan(pole_sud, lang="fr")
    blocked = tmp_path / "carte.png"
    blocked.mkdir()  # a folder where the PNG should go: atomic_write refuses it
    drawer = start_drawer(jobs=2) if available_jobs() >= 2 else Prepared.here()
    with drawer:
        drawer.send(partial(write_planned_map, plan, blocked, tmp_path / "carte.svg"))
        with pytest.raises(PoleError) as caught:
            drawer.result()
    assert "carte.png" in str(caught.value.problems[0].file)


def test_the_drawing_s_strip_is_the_layouts_one():
    # Repeated so that drawing does not import the layouts: one value all the same.
    from ptce_kit.render import layouts, map_drawing

    assert map_drawing.STRIP_TOP == layouts.STRIP_TOP
