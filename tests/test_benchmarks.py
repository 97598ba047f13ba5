"""The benchmarks keep running: ``benchmarks/run.py --quick`` completes, prints its table and
computes every budget (not timed: performance is measured by the full run, not by tests)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"


def _module(name):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_quick_run_completes_prints_its_table_and_every_budget(tmp_path):
    report = tmp_path / "performance.md"
    report.write_text("# Performance\n\nHand-written notes.\n\n<!-- benchmarks:begin -->\nold\n<!-- benchmarks:end -->\n\nAfter.\n")
    # Two sections at once: the figures of a quick run are not measures, only the cases' running is.
    done = subprocess.run([sys.executable, str(BENCHMARKS / "run.py"), "--quick", "--jobs", "2", "--output", str(report)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    assert "FAILED" not in out, out
    for case in ("ptce --help", "cookiecutter --help", "ptce build", "load + validate + graph, JSON",
                 "load + validate + graph, YAML", "json.load + graph by hand (baseline)", "igraph betweenness, direct (baseline)",
                 "analyse: full per-actor table", "ptce compare", "static map (PNG)", "interactive map (HTML)",
                 "ptce member add", "charter + registry + fiche, rendered again",
                 "SIRENE: StockEtablissement + StockUniteLegale", "igraph: the table's measures, direct (baseline)",
                 "analyse --sample K: full table + pole measures", "export GEXF (pole loaded)",
                 "ptce serve: a form sent and its answer", "ptce serve on Pôle Sud: started",
                 "interactive map in Chromium: first render", "interactive map in Chromium: zoom frame"):
        assert case in out, case
    budgets = out.split("\nBudgets\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(budgets) == 36
    # Every budget was measured: a verdict, never "n/a" (the interactive map's in Chromium only
    # without a Chromium to open it in).
    from tests.browser_support import chromium

    measured = [line for line in budgets if chromium() or "in Chromium" not in line]
    assert all(line.rstrip().endswith((" ok", " MISSED")) for line in measured), budgets
    assert sum("interactive map in Chromium" in line for line in budgets) == 2
    # ruamel.yaml.clib is a runtime dependency: ptce-kit's own loader runs libyaml's parser.
    [c_yaml] = [line for line in budgets if "C-accelerated" in line]
    assert c_yaml.rstrip().endswith(" ok"), c_yaml
    text = report.read_text(encoding="utf-8")
    # The hand-written text around the markers is kept; the generated block replaced.
    assert text.startswith("# Performance\n\nHand-written notes.") and text.rstrip().endswith("After.")
    assert "\nold\n" not in text and "| CPU |" in text and "| Python |" in text and "networkx" in text
    assert text.count("<!-- benchmarks:begin -->") == 1


def test_exponent_is_the_log_log_slope():
    run = _module("run")
    assert run.exponent([(10, 2.0), (100, 20.0), (1000, 200.0)]) == pytest.approx(1.0)
    assert run.exponent([(10, 1.0), (100, 100.0)]) == pytest.approx(2.0)
    assert run.exponent([(10, 1.0)]) is None


def test_the_benchmarks_yaml_reads_back_as_the_same_data(pole_sud_path):
    from ptce_kit.io import dump_pole, parse_text, read_text
    from ptce_kit.synth import synthetic_pole

    yaml_text = _module("yaml_text").yaml_text
    synthetic = json.loads(dump_pole(synthetic_pole(200, seed=4, ties_per_actor=4), fmt="json"))
    for data in (parse_text(read_text(pole_sud_path)), synthetic,
                 {"odd": ["yes", "No", "2014", "1e3", "a: b", " pad", "#x", "-", "", "line\nbreak", None, 0.5, True]}):
        assert parse_text(yaml_text(data)) == data



def test_sections_measured_in_separate_runs_are_kept_and_merged_in_order(tmp_path):
    run = _module("run")
    store = tmp_path / "results.json"
    first = run.Runner(1, 20.0, 60.0, tmp_path, verbose=False)
    first.results = [run.Result("load", "load + validate + graph, JSON", 1000, seconds=[1.0], cpu=[0.9], rss_mb=[100.0])]
    first.loads, first.minutes = {"load": 0.5}, {"load": 2.0}
    run.write_store(store, run.section_runs(first, ("load",), "python benchmarks/run.py --sections load"))
    second = run.Runner(1, 20.0, 60.0, tmp_path, verbose=False)
    second.results = [run.Result("start-up", "ptce --help", seconds=[0.3], rss_mb=[20.0])]
    second.loads, second.minutes = {"start-up": 1.5}, {"start-up": 0.1}
    merged = {**run.read_store(store), **run.section_runs(second, ("start-up",), "python benchmarks/run.py --sections start-up")}
    run.write_store(store, merged)
    kept = run.read_store(store)
    # Stored in the order of SECTIONS, whatever the order of the runs; each with its own load.
    assert list(kept) == ["start-up", "load"]
    assert kept["load"]["load"] == 0.5 and kept["start-up"]["load"] == 1.5
    results = run.merged_results(kept)
    assert [(r.section, r.label) for r in results] == [("start-up", "ptce --help"), ("load", "load + validate + graph, JSON")]
    assert results[1].cpu_median == 0.9 and results[1].peak_mb == 100.0
    block = run.markdown(second, [], False, 1.0, runs=kept)
    assert "| load | " in block and "`python benchmarks/run.py --sections load`" in block
    # Writing the same sections again gives the same bytes (a store kept in git diffs cleanly).
    before = store.read_bytes()
    run.write_store(store, kept)
    assert store.read_bytes() == before


def test_a_case_and_a_command_are_compared_on_their_processes_cpu_times(tmp_path):
    run = _module("run")
    # a case timed inside (its work's CPU) beside a command (its process's CPU only): the wall
    # times count the shared machine's load, so both processes' CPU times are compared
    case = run.Result("compare", "ptce observatory, first build", 160, seconds=[70.0], cpu=[20.0], process_cpu=[24.0])
    command = run.Result("compare", "baseline", 160, seconds=[40.0], process_cpu=[16.0])
    assert run.compared(case, command) == 24.0 / 16.0
    assert run.compared(case, command, wall=True) == 70.0 / 40.0
    # two cases timed inside: their work's CPU times, as before
    other = run.Result("compare", "again", 160, seconds=[3.0], cpu=[1.0], process_cpu=[2.0])
    assert run.compared(other, case) == 1.0 / 20.0
    # results stored before process CPU was recorded: the wall times
    old = run.Result("compare", "old baseline", 160, seconds=[40.0])
    assert run.compared(case, old) == 70.0 / 40.0
    # a real command records its process's CPU time
    cpu: list[float] = []
    run._run_once([sys.executable, "-c", "sum(range(10**6))"], {}, 60.0, cpu)
    assert len(cpu) == 1 and cpu[0] > 0
