"""ptce-kit's benchmarks: median times and peak memory beside same-run baselines (not tests).

    python benchmarks/run.py            # the full run (about 10 minutes), writes docs/performance.md
    python benchmarks/run.py --quick    # tiny sizes, one run each, writes nothing (the test suite runs it)
    python benchmarks/run.py --quick --output /tmp/perf.md

Every case runs in a fresh Python process (``benchmarks/cases.py``), so that imports and
caches are not shared and the peak memory is that process's own (``ru_maxrss`` from
``os.wait4``).  Each case runs ``--repeat`` times (3 by default, 1 with ``--quick``) and the
median is shown; a case whose first run takes longer than ``--long`` seconds runs once
(the ``runs`` column says so).  Baselines are measured in the same run, on the same
machine and data: ``python -c pass`` and ``cookiecutter --help`` for the start-up,
``json.load`` plus a hand-built networkx graph for loading, python-igraph called
directly for betweenness, importing matplotlib and saving an empty figure for
rendering (as a whole process beside ``ptce build``, timed from inside beside the map
cases, so that each ratio compares like with like).  The budgets of issue 9 are checked
at the end (``ok`` / ``MISSED``).

With ``--output`` (or without ``--quick``) the tables go to a Markdown file between the
markers ``<!-- benchmarks:begin -->`` and ``<!-- benchmarks:end -->``; the hand-written
text around them is kept.

A full run takes over an hour, so sections can be measured in separate runs: every
section's results are kept in ``benchmarks/results.json`` (with the date, the command and
the load average when the section started), a run replaces the sections it measured and
keeps the others, and the tables and budgets are made from all of them
(``--fresh`` forgets the stored sections; ``--quick`` neither reads nor writes the store)::

    python benchmarks/run.py --sections pole-sud,load   # re-measure two sections, keep the rest
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, cast

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BEGIN, END = "<!-- benchmarks:begin -->", "<!-- benchmarks:end -->"
#: Each section's last measured results (see the module's docstring).
STORE = HERE / "results.json"

FULL = {
    "load_sizes": [1_000, 10_000, 100_000],
    # ptce-kit reads YAML with libyaml's parser (ruamel.yaml.clib): measured at every size.
    "yaml_sizes": [1_000, 10_000, 100_000],
    "measure_sizes": [1_000, 10_000],
    "k": 500,
    # 160 poles, as many as France counted in 2017 (issue 21).
    "compare": (160, 20, 200),
    "map_sizes": [50, 500, 5_000],
    # The default `ptce export` took 219 s at 10^5 actors before its stripping stopped being quadratic (issue 23).
    "privacy_sizes": [10_000, 100_000],
    # ``ptce member add`` waited 75 s at 5,000 actors, past the 30 s of the lock (issue 14).
    "edit_sizes": [5_000],
    "save_sizes": [10_000, 100_000],
    # A département's establishments out of a synthetic StockEtablissement (issue 20).
    "sirene_sizes": [100_000, 500_000],
    "sirene_local": 2_000,
    # A national ESS graph (issue 23): analysed with betweenness, closeness and the pivot's
    # distances from this many sources.
    "national": 200_000,
    "national_sample": 200,
    # The workspace: a form round trip on a pole of this many actors (issue 22: 300 ms).
    "serve_actors": 500,
    "repeat": 3,
}
QUICK = {
    "load_sizes": [40, 80, 160],
    "yaml_sizes": [40, 80, 160],
    "measure_sizes": [60],
    "k": 20,
    "compare": (3, 20, 30),
    "map_sizes": [20],
    "privacy_sizes": [160],
    "edit_sizes": [60],
    "save_sizes": [160],
    "sirene_sizes": [2_000, 8_000],
    "sirene_local": 50,
    "national": 300,
    "national_sample": 20,
    "serve_actors": 60,
    "repeat": 1,
}
TIES_PER_ACTOR = 4  # "3 to 5 ties per actor": the middle, on average


@dataclass
class Result:
    """The runs of one case."""

    section: str
    label: str
    size: int | None = None
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # the work's CPU time, for the cases timed inside
    #: the whole process's CPU time (user + system, its waited-for children included, from
    #: ``os.wait4``), for every run: a command and a case compared on a shared machine
    process_cpu: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    info: dict[str, Any] = field(default_factory=dict)
    unavailable: str | None = None
    failed: str | None = None
    baseline: str | None = None  # the label of the row it is compared with
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds else None

    @property
    def cpu_median(self) -> float | None:
        return statistics.median(self.cpu) if self.cpu and len(self.cpu) == len(self.seconds) else None

    @property
    def process_cpu_median(self) -> float | None:
        ok = self.process_cpu and len(self.process_cpu) == len(self.seconds)
        return statistics.median(self.process_cpu) if ok else None

    @property
    def peak_mb(self) -> float | None:
        return max(self.rss_mb) if self.rss_mb else None


def _run_once(argv: list[str], env: dict[str, str], timeout: float,
              cpu: list[float] | None = None) -> tuple[float, float, dict[str, Any] | None, str]:
    """Run a process; its wall time, peak memory (MB), parsed JSON line, and stderr tail.

    ``cpu``, when given, gets the process's CPU time (user + system) appended.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=err, env=env, cwd=ROOT)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                process.returncode = -9
                return time.perf_counter() - started, usage.ru_maxrss / 1024, None, f"timed out after {timeout:.0f} s"
            time.sleep(0.002)
        wall = time.perf_counter() - started
        if cpu is not None:
            cpu.append(usage.ru_utime + usage.ru_stime)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text, problems = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    parsed = None
    lines = [line for line in text.splitlines() if line.startswith("{")]
    if lines:
        try:
            parsed = json.loads(lines[-1])
        except json.JSONDecodeError:
            parsed = None
    if process.returncode != 0:
        return wall, usage.ru_maxrss / 1024, None, f"exit {process.returncode}: {problems.strip()[-400:]}"
    return wall, usage.ru_maxrss / 1024, parsed, ""


class Runner:
    def __init__(self, repeat: int, long: float, timeout: float, work: Path, verbose: bool = True) -> None:
        self.repeat, self.long, self.timeout, self.work, self.verbose = repeat, long, timeout, work, verbose
        self.results: list[Result] = []
        self.loads: dict[str, float] = {}  # each section's load average when it started
        self.minutes: dict[str, float] = {}  # and how long it took
        self.env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
                    "MPLBACKEND": "Agg", "PTCE_MAX_FILE_MB": "4096", "PYTHONHASHSEED": "0",
                    # Compiled templates (ptce_kit.render.template_cache) in the run's own folder.
                    "PTCE_CACHE_DIR": str(work / "cache")}
        self.env.pop("PYTHONSTARTUP", None)

    def _record(self, result: Result, runs: list[tuple[list[str], bool]], env: dict[str, str] | None = None) -> Result:
        """Run ``runs`` (argv, timed-by-the-child) up to ``repeat`` times into ``result``.

        ``env`` replaces the runner's environment for these runs."""
        for i in range(self.repeat):
            argv, inner = runs[0]
            process_cpu: list[float] = []
            wall, rss, parsed, problem = _run_once(argv, self.env if env is None else env, self.timeout, process_cpu)
            if problem:
                result.failed = problem
                break
            if inner and parsed is not None and "unavailable" in parsed:
                result.unavailable = parsed["unavailable"]
                break
            if inner and (parsed is None or "seconds" not in parsed):
                result.failed = "the case printed no result"
                break
            seconds = parsed["seconds"] if inner else wall
            result.seconds.append(seconds)
            result.process_cpu.extend(process_cpu)
            if inner and isinstance(parsed.get("cpu"), (int, float)):
                result.cpu.append(float(parsed["cpu"]))
            result.rss_mb.append(rss)
            if inner:
                result.info = parsed.get("info", {})
            if i == 0 and wall > self.long:
                break
        self.results.append(result)
        if self.verbose:
            print(f"  {result.section:<12} {result.label:<44} {_size(result.size):>8} {_status(result)}", flush=True)
        return result

    def alternating(self, section: str, commands: list[tuple[str, list[str], str | None]],
                    env: dict[str, str] | None = None) -> list[Result]:
        """Run several commands (label, argv, baseline label) in turn, ``repeat`` rounds.

        A ratio of two commands measured one after the other on a shared machine reads the
        machine's mood as much as the code: its speed drifts by a fifth over minutes.  Run
        in alternation, both sides of a ratio meet the same drifts.
        """
        results = [Result(section, label, None, baseline=baseline) for label, _, baseline in commands]
        for _ in range(self.repeat):
            for result, (_, argv, _) in zip(results, commands):
                if result.failed:
                    continue
                process_cpu: list[float] = []
                wall, rss, _, problem = _run_once(argv, self.env if env is None else env, self.timeout, process_cpu)
                if problem:
                    result.failed = problem
                    continue
                result.seconds.append(wall)
                result.process_cpu.extend(process_cpu)
                result.rss_mb.append(rss)
        for result in results:
            self.results.append(result)
            if self.verbose:
                print(f"  {result.section:<12} {result.label:<44} {_size(result.size):>8} {_status(result)}", flush=True)
        return results

    def command(self, section: str, label: str, argv: list[str], *, size: int | None = None,
                baseline: str | None = None, note: str = "", env: dict[str, str] | None = None) -> Result:
        return self._record(Result(section, label, size, baseline=baseline, note=note), [(argv, False)], env)

    def case(self, section: str, label: str, name: str, *, size: int | None = None,
             baseline: str | None = None, note: str = "", env: dict[str, str] | None = None,
             **arguments: Any) -> Result:
        argv = [sys.executable, str(HERE / "cases.py"), name, json.dumps(arguments)]
        return self._record(Result(section, label, size, baseline=baseline, note=note), [(argv, True)], env)

    def prepare(self, name: str, **arguments: Any) -> dict[str, Any]:
        argv = [sys.executable, str(HERE / "cases.py"), name, json.dumps(arguments)]
        wall, _, parsed, problem = _run_once(argv, self.env, 3600)
        if problem or parsed is None:
            raise SystemExit(f"preparing the data failed ({name}): {problem}")
        if self.verbose:
            print(f"  prepared {name} in {wall:.1f} s: {parsed.get('info')}", flush=True)
        return parsed.get("info", {})

    def find(self, label: str, size: int | None = None) -> Result | None:
        for r in self.results:
            if r.label == label and (size is None or r.size == size):
                return r
        return None


def _size(n: int | None) -> str:
    return "" if n is None else f"{n:,}".replace(",", " ")


def _seconds(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def _status(r: Result) -> str:
    if r.unavailable:
        return f"not available ({r.unavailable})"
    if r.failed:
        return f"FAILED ({r.failed})"
    cpu = f" (CPU {_seconds(r.cpu_median)})" if r.cpu_median is not None else ""
    return f"{_seconds(r.median)}{cpu}  {r.peak_mb:.0f} MB  ({len(r.seconds)} run{'s' * (len(r.seconds) > 1)})"


# --- the benchmarks, in the order of the issue ---------------------------------------------


SECTIONS = ("start-up", "pole-sud", "load", "measures", "compare", "maps", "privacy", "edit", "sirene", "national",
            "serve")


def run_all(runner: Runner, sizes: dict[str, Any], sections: tuple[str, ...] = SECTIONS, jobs: int = 1) -> None:
    """Run the chosen sections, ``jobs`` of them at once (each case still in its own process).

    Side by side, the cases share the machine, so their figures mean little: ``--jobs`` is for
    checking that every case runs (the test suite's ``--quick`` run), not for measuring.  The
    results are kept in the order of :data:`SECTIONS` either way.
    """
    import copy
    import threading

    py = sys.executable
    data = runner.work / "data"
    data.mkdir()
    if set(sections) & {"load", "measures", "maps", "privacy", "edit", "serve"}:  # those that read synthetic poles
        runner.prepare("make_poles", folder=str(data), sizes=sorted({*sizes["load_sizes"], *sizes["measure_sizes"],
                                                                      *sizes["map_sizes"], *sizes["privacy_sizes"],
                                                                      *sizes["edit_sizes"], *sizes["save_sizes"],
                                                                      sizes["serve_actors"]}),
                       ties_per_actor=TIES_PER_ACTOR)
    steps = {
        "start-up": lambda r: start_up(r, py),
        "pole-sud": lambda r: pole_sud(r, py),
        "load": lambda r: load(r, sizes, data),
        "measures": lambda r: measures(r, sizes, data),
        "compare": lambda r: compare(r, sizes, py),
        "maps": lambda r: maps(r, sizes, data),
        "privacy": lambda r: privacy(r, sizes, data, py),
        "edit": lambda r: edit(r, sizes, data),
        "sirene": lambda r: sirene(r, sizes, data),
        "national": lambda r: national(r, sizes, data),
        "serve": lambda r: serve(r, sizes, data),
    }
    chosen = [name for name in SECTIONS if name in sections]
    if jobs <= 1:
        for name in chosen:
            started = time.perf_counter()
            runner.loads[name] = load_average()
            steps[name](runner)
            runner.minutes[name] = (time.perf_counter() - started) / 60
        return
    # Each section records into its own runner; the longest sections first, taken in turn.
    own = {name: copy.copy(runner) for name in chosen}
    for name in chosen:
        own[name].results = []
    queue = sorted(chosen, key=lambda name: name not in ("national", "compare", "load"))
    lock = threading.Lock()
    failures: list[BaseException] = []

    def worker() -> None:
        while True:
            with lock:
                if not queue or failures:
                    return
                name = queue.pop(0)
            try:
                own[name].loads[name] = load_average()
                started = time.perf_counter()
                steps[name](own[name])
                own[name].minutes[name] = (time.perf_counter() - started) / 60
            except BaseException as exc:  # raised again in the main thread
                with lock:
                    failures.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(min(jobs, len(chosen)))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    for name in chosen:
        runner.results.extend(own[name].results)


#: The in-process twin of the matplotlib baseline, for the cases timed from inside.
INSIDE = "import matplotlib + save an empty figure, timed inside the process"


def start_up(runner: Runner, py: str) -> None:
    print("1. start-up", flush=True)
    runner.command("start-up", "python -c pass", [py, "-c", "pass"])
    cookiecutter = shutil.which("cookiecutter")
    if cookiecutter:
        runner.command("start-up", "cookiecutter --help", [cookiecutter, "--help"])
    else:
        runner.command("start-up", "cookiecutter --help", [py, "-m", "cookiecutter", "--help"])
    runner.command("start-up", "ptce --help", [py, "-m", "ptce_kit", "--help"], baseline="cookiecutter --help")


def as_installed(runner: Runner) -> dict[str, str]:
    """The runner's environment as on a user's machine: Python writes and reads bytecode.

    An installed ptce-kit has its ``.pyc`` files (pip compiles them), as matplotlib has
    beside the baseline; a machine or a checkout that sets ``PYTHONDONTWRITEBYTECODE``
    compiles every module of ptce-kit again in every process (about 0.5 s of a build).
    Both sides of the Pôle Sud comparison run under this environment, after a first run
    of each that writes the bytecode and the compiled templates (docs/performance.md).
    """
    env = dict(runner.env)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def pole_sud(runner: Runner, py: str) -> None:
    print("2. Pôle Sud", flush=True)
    example = ROOT / "examples" / "pole_sud"
    installed = as_installed(runner)
    # The baseline runs as a whole process, like the commands beside it: interpreter start-up
    # and exit count on both sides.  Timed from inside, the same work reads about 0.15 s less.
    empty = str(runner.work / "empty.png")
    baseline = [py, "-c", "import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt; "
                f"plt.figure().savefig({empty!r})"]
    build = [py, "-m", "ptce_kit", "build", str(example), "-o", str(runner.work / "build")]
    # A first run of each, not timed: bytecode and compiled templates written, as a user's
    # second build finds them.
    for argv in (baseline, build):
        _, _, _, problem = _run_once(argv + (["--force"] if argv is build else []), installed, runner.timeout)
        if problem:
            raise SystemExit(f"the first run of {argv[:4]} failed: {problem}")
    # The baseline and the build's commands in alternation: the ratio of issue 19 (wall-clock)
    # is read on runs that met the same moments of the machine.
    empty_label = "import matplotlib + save an empty figure"
    runner.alternating("pole-sud", [
        (empty_label, baseline, None),
        ("ptce build", build + ["--force"], empty_label),
        ("ptce build --jobs 1", build + ["--force", "--jobs", "1"], empty_label),
        ("ptce validate", [py, "-m", "ptce_kit", "validate", str(example / "pole.yaml")], empty_label),
    ], env=installed)
    runner.case("pole-sud", INSIDE, "empty_figure", out=empty, env=installed)
    # Issue 19: the template environment, once rebuilt for every document, is built once.  The
    # disk cache is off here: the first rendering compiles the templates, as it would without it.
    uncached = {**installed, "PTCE_CACHE_DIR": ""}
    runner.case("pole-sud", "charter + registry + fiche, first rendering (baseline)", "documents",
                path=str(example / "pole.yaml"), again=False, env=uncached)
    runner.case("pole-sud", "charter + registry + fiche, rendered again", "documents",
                path=str(example / "pole.yaml"), again=True,
                baseline="charter + registry + fiche, first rendering (baseline)", env=uncached)
    runner.case("pole-sud", "charter + registry + fiche, templates from the disk cache", "documents",
                path=str(example / "pole.yaml"), again=False,
                baseline="charter + registry + fiche, first rendering (baseline)", env=installed)


def load(runner: Runner, sizes: dict[str, Any], data: Path) -> None:
    print("3. load + validate + graph", flush=True)
    for n in sizes["load_sizes"]:
        json_file, yaml_file = str(data / f"pole-{n}.json"), str(data / f"pole-{n}.yaml")
        runner.case("load", "json.load + graph by hand (baseline)", "hand_graph", size=n, path=json_file)
        runner.case("load", "load + validate + graph, JSON", "load_graph", size=n, path=json_file,
                    baseline="json.load + graph by hand (baseline)")
        if n in sizes["yaml_sizes"]:
            runner.case("load", "load + validate + graph, YAML", "load_graph", size=n, path=yaml_file,
                        baseline="json.load + graph by hand (baseline)")
        runner.case("load", "export GraphML (pole loaded)", "export", size=n, path=json_file, fmt="graphml",
                    out=str(runner.work / f"export-{n}.graphml"))
        # Locating one error (the last actor's category) beside validating the valid file:
        # issue 14 asks for at most 3 times as long.
        for kind, path in (("JSON", json_file), ("YAML", yaml_file)):
            if kind == "YAML" and n not in sizes["yaml_sizes"]:
                continue
            runner.case("load", f"load + validate, {kind}", "load_only", size=n, path=path)
            runner.case("load", f"load + locate one error, {kind}", "locate_error", size=n, path=path,
                        out=str(runner.work / f"error-{n}.{kind.lower()}"), baseline=f"load + validate, {kind}")


def measures(runner: Runner, sizes: dict[str, Any], data: Path) -> None:
    print("4. measures", flush=True)
    k = sizes["k"]
    for n in sizes["measure_sizes"]:
        path = str(data / f"pole-{n}.json")
        runner.case("measures", "igraph betweenness, direct (baseline)", "igraph_betweenness", size=n, path=path)
        runner.case("measures", "betweenness, ptce-kit engine=auto", "betweenness", size=n, path=path, engine="auto",
                    baseline="igraph betweenness, direct (baseline)")
        runner.case("measures", f"igraph betweenness k={k}, direct (baseline)", "igraph_betweenness", size=n,
                    path=path, k=k)
        runner.case("measures", f"betweenness k={k}, ptce-kit engine=auto", "betweenness", size=n, path=path,
                    engine="auto", k=k, baseline=f"igraph betweenness k={k}, direct (baseline)")
        if n == min(sizes["measure_sizes"]):
            runner.case("measures", "betweenness, networkx (reference)", "betweenness", size=n, path=path,
                        engine="networkx", baseline="igraph betweenness, direct (baseline)")
            runner.case("measures", "betweenness, nx-parallel (reference)", "betweenness", size=n, path=path,
                        engine="networkx", backend="parallel", baseline="igraph betweenness, direct (baseline)")
        else:
            # Exact networkx at 10^4 takes several minutes: measured on k sources, and
            # scaled by n / k (the cost of Brandes' algorithm is linear in the sources).
            for label, backend in (("networkx", None), ("nx-parallel", "parallel")):
                r = runner.case("measures", f"betweenness, {label} (reference, from k={k})", "betweenness", size=n,
                                path=path, engine="networkx", k=k, backend=backend,
                                baseline="igraph betweenness, direct (baseline)",
                                note=f"exact time estimated as n/k × the time on k={k} sources")
                r.seconds = [s * n / k for s in r.seconds]
        runner.case("measures", IGRAPH_TABLE, "igraph_measures", size=n, path=path)
        runner.case("measures", "analyse: full per-actor table + pole measures", "analyse", size=n, path=path,
                    baseline=IGRAPH_TABLE)


#: The baseline of the per-actor table: python-igraph computing the same measures itself.
IGRAPH_TABLE = "igraph: the table's measures, direct (baseline)"


OBSERVATORY_FIRST = "ptce observatory, first build"
OBSERVATORY_AGAIN = "ptce observatory, again after one pole changed"
#: Issue 21's baseline: the same YAML files read with PyYAML's C loader, each graph built with
#: networkx, its degrees, density and exact betweenness computed, in one process.
YAML_BASELINE = "PyYAML C loader + hand-built graphs + degree, density, betweenness (baseline)"
YAML_COMPARE = "ptce compare, YAML files"


def observatory_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def compare(runner: Runner, sizes: dict[str, Any], py: str) -> None:
    print("5. compare", flush=True)
    count, smallest, largest = sizes["compare"]
    many = runner.work / "many"
    runner.prepare("make_many", folder=str(many), count=count, smallest=smallest, largest=largest)
    runner.command("compare", f"hand-built graphs of the {count} files (baseline)",
                   [py, str(HERE / "hand_graphs.py"), str(many)], size=count)
    measured = f"hand-built graphs + degree, density, betweenness of the {count} files (baseline)"
    runner.command("compare", measured, [py, str(HERE / "hand_graphs.py"), str(many), "--measures"], size=count)
    runner.command("compare", f"ptce compare ({count} poles, {smallest}-{largest} actors)",
                   [py, "-m", "ptce_kit", "compare", str(many), "-o", str(runner.work / "compare.csv")], size=count,
                   baseline=measured)
    # The same poles as YAML files, as their users keep them: issue 21's baseline reads them
    # with PyYAML's C loader; ptce compare and ptce observatory read them with ptce-kit's own.
    many_yaml = runner.work / "many-yaml"
    runner.prepare("make_many", folder=str(many_yaml), count=count, smallest=smallest, largest=largest, fmt="yaml")
    runner.command("compare", YAML_BASELINE, [py, str(HERE / "hand_graphs.py"), str(many_yaml), "--measures", "--yaml"],
                   size=count)
    runner.command("compare", YAML_COMPARE, [py, "-m", "ptce_kit", "compare", str(many_yaml), "-o",
                                             str(runner.work / "compare-yaml.csv")], size=count, baseline=YAML_BASELINE)
    site = str(runner.work / "site")
    note = "timed inside the process: fiche, map data, criteria of every pole, national pages, CSV and XLSX"
    runner.case("compare", OBSERVATORY_FIRST, "observatory_first", size=count, folder=str(many_yaml), site=site,
                baseline=YAML_BASELINE, note=note)
    jobs = observatory_jobs()
    runner.case("compare", f"ptce observatory, first build, --jobs {jobs}", "observatory_first", size=count,
                folder=str(many_yaml), site=site, jobs=jobs, baseline=YAML_BASELINE)
    runner.case("compare", OBSERVATORY_AGAIN, "observatory_again", size=count, folder=str(many_yaml), site=site,
                baseline=OBSERVATORY_FIRST)


BROWSER_FIRST = "interactive map in Chromium: first render"
BROWSER_ZOOM = "interactive map in Chromium: zoom frame"


def maps(runner: Runner, sizes: dict[str, Any], data: Path) -> None:
    print("6. maps", flush=True)
    for n in sizes["map_sizes"]:
        path = str(data / f"pole-{n}.json")
        # Timed inside the process from the pole loaded, like their baseline.
        runner.case("maps", "static map (PNG)", "map_static", size=n, path=path, out=str(runner.work / f"map-{n}.png"),
                    baseline=INSIDE)
        runner.case("maps", "interactive map (HTML)", "map_interactive", size=n, path=path,
                    out=str(runner.work / f"map-{n}.html"), baseline=INSIDE)
    # The biggest page opened in Chromium: the page's own timings (performance.measure) of its
    # first render and of the frames of a zoom (issue 23: < 1 s and < 50 ms at 5,000 actors).
    biggest = max(sizes["map_sizes"])
    page = runner.find("interactive map (HTML)", biggest)
    if page is not None and page.seconds:
        shown = runner.case("maps", BROWSER_FIRST, "browser", size=biggest, pages=str(runner.work), actors=biggest,
                            note="the page's own performance.measure, from its script's start to the drawing painted")
        frame = shown.info.get("zoom_frame_ms")
        if frame is not None:
            runner.results.append(Result("maps", BROWSER_ZOOM, biggest, seconds=[frame / 1000], info=dict(shown.info),
                                         note=f"median of the frames of a zoom, {shown.info['zoom_frame_max_ms']:.0f} ms "
                                              "at most (the page's own performance.measure)"))
            if runner.verbose:
                r = runner.results[-1]
                print(f"  {r.section:<12} {r.label:<44} {_size(r.size):>8} {_seconds(r.median)}", flush=True)
        elif shown.unavailable or shown.failed:
            runner.results.append(Result("maps", BROWSER_ZOOM, biggest, unavailable=shown.unavailable,
                                         failed=shown.failed))


def privacy(runner: Runner, sizes: dict[str, Any], data: Path, py: str) -> None:
    """The user paths that strip or pseudonymise persons (2 % of a synthetic pole's actors)."""
    print("7. personal data", flush=True)
    for n in sizes["privacy_sizes"]:
        path = str(data / f"pole-{n}.json")
        out = runner.work / f"shared-{n}"
        full = "ptce export --to graphml --include-personal-data (baseline)"
        runner.command("privacy", full, [py, "-m", "ptce_kit", "export", path, "--to", "graphml", "-o",
                                         str(out.with_suffix(".full.graphml")), "--include-personal-data"], size=n)
        runner.command("privacy", "ptce export --to graphml (personal data left out)",
                       [py, "-m", "ptce_kit", "export", path, "--to", "graphml", "-o", str(out.with_suffix(".graphml"))],
                       size=n, baseline=full)
        key = runner.work / f"key-{n}"
        key.write_text("0" * 64 + "\n", encoding="ascii")
        key.chmod(0o600)
        runner.command("privacy", "ptce anonymize", [py, "-m", "ptce_kit", "anonymize", path, "-o",
                                                     str(out.with_suffix(".yaml")), "--secret-file", str(key)],
                       size=n, baseline=full)
def edit(runner: Runner, sizes: dict[str, Any], data: Path) -> None:
    print("8. editing pole.yaml", flush=True)
    for n in sizes["edit_sizes"]:
        # Each run adds the member to a fresh copy of the YAML pole.
        runner.case("edit", "ptce member add (YAML, in the process)", "member_add", size=n,
                    path=str(data / f"pole-{n}.yaml"), work=str(runner.work))
    # save_pole writes whole files (ptce synth, anonymize): YAML through the direct block
    # writer, against JSON's json.dumps (issue 23: 32× at 10^4 through ruamel.yaml).
    for n in sizes["save_sizes"]:
        path = str(data / f"pole-{n}.json")
        runner.case("edit", "save_pole, JSON (baseline)", "save", size=n, path=path,
                    out=str(runner.work / f"saved-{n}.json"))
        runner.case("edit", "save_pole, YAML", "save", size=n, path=path, out=str(runner.work / f"saved-{n}.yaml"),
                    baseline="save_pole, JSON (baseline)")


SIRENE_READ = "SIRENE: StockEtablissement + StockUniteLegale (gzip), one département"


def sirene(runner: Runner, sizes: dict[str, Any], data: Path) -> None:
    """``ptce import-sirene``'s reading: both files streamed, filtered to the Drôme (the same
    number of establishments there at every size, so that any growth would be the reader's)."""
    print("9. SIRENE extracts", flush=True)
    for n in sizes["sirene_sizes"]:
        files = runner.prepare("make_sirene", folder=str(data), rows=n, local=sizes["sirene_local"])
        runner.case("sirene", SIRENE_READ, "sirene_read", size=n, establishments=files["establishments"],
                    units=files["units"], departement="26",
                    note=f"{sizes['sirene_local']} establishments kept; size = establishments (and as many units)")


SERVE_TRIP = "ptce serve: a form sent and its answer (add an actor)"
SERVE_START = "ptce serve on Pôle Sud: started, until the dashboard answers"
SERVE_TRIP_POLE_SUD = "ptce serve on Pôle Sud: a form sent and its answer (add an actor)"


def serve(runner: Runner, sizes: dict[str, Any], data: Path) -> None:
    """The workspace (issue 22): its first answer, and a form's round trip through ``edit_pole``."""
    print("11. the workspace (ptce serve)", flush=True)
    runner.case("serve", SERVE_START, "serve_start", target=str(ROOT / "examples" / "pole_sud"))
    n = sizes["serve_actors"]
    runner.case("serve", SERVE_TRIP, "serve_round_trip", size=n, path=str(data / f"pole-{n}.yaml"),
                work=str(runner.work), note="median of 7 trips, each on the file the last one wrote")
    # A small pole is the slow case of the editing path's round trip (a large file takes the fast
    # path by its size): a real one, commented by hand.
    runner.case("serve", SERVE_TRIP_POLE_SUD, "serve_round_trip", path=str(ROOT / "examples" / "pole_sud" / "pole.yaml"),
                work=str(runner.work), note="median of 7 trips, each on the file the last one wrote")


NATIONAL_ANALYSE = "analyse --sample K: full table + pole measures"


def national(runner: Runner, sizes: dict[str, Any], data: Path) -> None:
    """A national ESS graph end to end: load, analyse with sampling, export, draw (issue 23)."""
    print("10. a national graph", flush=True)
    n, k = sizes["national"], sizes["national_sample"]
    path = runner.prepare("make_national", folder=str(data), actors=n, ties_per_actor=TIES_PER_ACTOR)["path"]
    runner.case("national", "json.load + graph by hand (baseline)", "hand_graph", size=n, path=path)
    runner.case("national", "load + validate (JSON)", "load_only", size=n, path=path)
    runner.case("national", "load + validate + graph, JSON", "load_graph", size=n, path=path,
                baseline="json.load + graph by hand (baseline)")
    runner.case("national", f"igraph: the table's measures, k={k}, direct (baseline)", "igraph_measures", size=n,
                path=path, sample=k)
    runner.case("national", NATIONAL_ANALYSE, "analyse", size=n, path=path, sample=k,
                baseline=f"igraph: the table's measures, k={k}, direct (baseline)", note=f"K = {k} sources")
    for fmt, label in (("graphml", "GraphML"), ("gexf", "GEXF")):
        runner.case("national", f"export {label} (pole loaded)", "export", size=n, path=path, fmt=fmt,
                    out=str(runner.work / f"national.{fmt}"))
    runner.case("national", "static map (PNG)", "map_static", size=n, path=path, out=str(runner.work / "national.png"))
    pages = runner.work / "pages"
    pages.mkdir(exist_ok=True)
    page = runner.case("national", "interactive map (HTML)", "map_interactive", size=n, path=path,
                       out=str(pages / f"map-{n}.html"))
    if page.seconds:
        r = runner.case("national", BROWSER_FIRST, "browser", size=n, pages=str(pages),
                        actors=n)
        if r.info.get("zoom_frame_ms") is not None:
            r.note = (f"zoom frame {r.info['zoom_frame_ms']:.0f} ms (median), "
                      f"{r.info['zoom_frame_max_ms']:.0f} ms (max)")


# --- budgets --------------------------------------------------------------------------------


def exponent(points: list[tuple[int, float]]) -> float | None:
    """The slope of log(time) against log(size), by least squares: 1 is linear.

    Examples
    --------
    >>> round(exponent([(10, 1.0), (100, 10.0), (1000, 100.0)]), 6)
    1.0
    """
    points = [(n, t) for n, t in points if n and t and t > 0]
    if len(points) < 2:
        return None
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


@dataclass
class Budget:
    name: str
    measured: str
    target: str
    ok: bool | None  # None: could not be measured

    @property
    def verdict(self) -> str:
        return "n/a" if self.ok is None else "ok" if self.ok else "MISSED"


def compared(a: Result, b: Result, *, wall: bool = False) -> float | None:
    """``a``'s time over ``b``'s: their CPU times when both were timed inside (on a machine
    shared with other work the wall time counts the others' load), else, when one of them is
    a whole command, both processes' CPU times (start-up and imports included on both
    sides), else their wall times.  ``wall``: the wall times (what using every core saves)."""
    if not wall and a.cpu_median is not None and b.cpu_median:
        return a.cpu_median / b.cpu_median
    if not wall and a.process_cpu_median is not None and b.process_cpu_median:
        return a.process_cpu_median / b.process_cpu_median
    if a.median is None or not b.median:
        return None
    return a.median / b.median


def _ratio(runner: Runner, label: str, base: str, size: int | None = None, *, wall: bool = False) -> float | None:
    a, b = runner.find(label, size), runner.find(base, size)
    if a is None or b is None:
        return None
    return compared(a, b, wall=wall)


def memory_ratio(runner: Runner, label: str, base: str, size: int | None = None) -> float | None:
    a, b = runner.find(label, size), runner.find(base, size)
    if a is None or b is None or not a.peak_mb or not b.peak_mb:
        return None
    return a.peak_mb / b.peak_mb


def _work_seconds(r: Result | None) -> float | None:
    """A case's CPU time when it has one (the machine is shared), else its wall time."""
    if r is None:
        return None
    return r.cpu_median if r.cpu_median is not None else r.median


def _work(r: Result | None) -> str:
    if r is None or r.median is None:
        return ""
    return f"{_seconds(r.cpu_median)} CPU ({_seconds(r.median)} wall)" if r.cpu_median is not None else _seconds(r.median)


def absolute(name: str, r: Result | None, limit: float) -> Budget:
    """A budget of seconds, judged on the work's CPU time when the case has one (the cores are shared:
    on a loaded machine the wall time measures the other work), else on its wall time; both are shown."""
    work = _work_seconds(r)
    target = f"< {limit:g} s" if limit >= 1 else f"< {limit * 1000:.0f} ms"
    return Budget(name, _work(r), target, None if work is None else work < limit)


def budgets(runner: Runner, sizes: dict[str, Any]) -> list[Budget]:
    out: list[Budget] = []

    def ratio_budget(name: str, label: str, base: str, size: int | None, limit: float, *, wall: bool = False) -> None:
        r = _ratio(runner, label, base, size, wall=wall)
        out.append(Budget(name, "" if r is None else f"{r:.2f}×", f"≤ {limit:g}×", None if r is None else r <= limit))

    top, measured = max(sizes["load_sizes"]), max(sizes["measure_sizes"])
    ratio_budget("`ptce --help` vs `cookiecutter --help`", "ptce --help", "cookiecutter --help", None, 1.0)
    def memory_budget(name: str, label: str, base: str, size: int | None, limit: float) -> None:
        r = memory_ratio(runner, label, base, size)
        out.append(Budget(name, "" if r is None else f"{r:.2f}×", f"≤ {limit:g}×", None if r is None else r <= limit))

    nation = sizes["national"]
    # Issue 23: within 1.5 times the hand-built graph, in time and in memory, at 10^5 and 2·10^5 actors.
    for n in (top, nation):
        for what, check in (("", ratio_budget), ("peak memory of ", memory_budget)):
            check(f"{what}load + validate + graph, JSON, {_size(n)} actors, vs hand-built",
                  "load + validate + graph, JSON", "json.load + graph by hand (baseline)", n, 1.5)
    yaml = runner.find("load + validate + graph, YAML")
    c_used = bool(yaml and yaml.info.get("c_yaml"))
    out.append(Budget("YAML read with a C-accelerated parser",
                      "" if not (yaml and yaml.seconds) else "yes" if c_used else "no (ruamel.yaml's pure-Python parser)",
                      "yes when available", c_used if yaml and yaml.seconds else None))
    # Issue 23, item 2: reading a YAML pole within 1.5 times reading the same pole from JSON.
    ratio_budget(f"YAML load vs JSON load, {_size(top)} actors", "load + validate + graph, YAML",
                 "load + validate + graph, JSON", top, 1.5)
    for label in ("load + validate + graph, JSON", "load + validate + graph, YAML",
                  "export GraphML (pole loaded)"):
        points = [(r.size, r.median) for r in runner.results if r.label == label and r.median and r.section == "load"]
        e = exponent(points)
        span = f"{_size(min(n for n, _ in points))}–{_size(max(n for n, _ in points))}" if points else ""
        out.append(Budget(f"growth of {label} ({span})", "" if e is None else f"n^{e:.2f}", "≈ n^1 (≤ 1.15)",
                          None if e is None else e <= 1.15))
    ratio_budget(f"exact betweenness, {_size(measured)} actors, ptce-kit (auto) vs igraph direct",
                 "betweenness, ptce-kit engine=auto", "igraph betweenness, direct (baseline)", measured, 1.5)
    table = runner.find("analyse: full per-actor table + pole measures", measured)
    out.append(Budget(f"full per-actor table, {_size(measured)} actors", _work(table), "< 60 s",
                      None if _work_seconds(table) is None else cast(float, _work_seconds(table)) < 60))
    count = sizes["compare"][0]
    ratio_budget(f"`ptce compare`, {count} poles, vs hand-built graphs + degree, density, betweenness",
                 f"ptce compare ({count} poles, {sizes['compare'][1]}-{sizes['compare'][2]} actors)",
                 f"hand-built graphs + degree, density, betweenness of the {count} files (baseline)", count, 1.5)
    ratio_budget(f"`ptce compare`, {count} YAML poles, vs PyYAML C loader + graphs + degree, density, betweenness",
                 YAML_COMPARE, YAML_BASELINE, count, 1.5)
    ratio_budget(f"`ptce observatory`, {count} YAML poles, vs PyYAML C loader + graphs + degree, density, betweenness",
                 OBSERVATORY_FIRST, YAML_BASELINE, count, 1.5)
    ratio_budget(f"`ptce observatory --jobs {observatory_jobs()}`, {count} YAML poles, vs the same baseline",
                 f"ptce observatory, first build, --jobs {observatory_jobs()}", YAML_BASELINE, count, 1.0,
                 wall=True)  # what every core saves is wall-clock time
    ratio_budget(f"observatory rebuilt after one pole changed vs first build, {count} poles", OBSERVATORY_AGAIN,
                 OBSERVATORY_FIRST, count, 0.1)
    ratio_budget(f"full per-actor table, {_size(measured)} actors, vs igraph's own measures",
                 "analyse: full per-actor table + pole measures", IGRAPH_TABLE, measured, 1.3)
    out.append(Budget(f"peak memory of the full per-actor table, {_size(measured)} actors",
                      f"{table.peak_mb:.0f} MB" if table and table.peak_mb else "", "< 600 MB",
                      None if not table or not table.peak_mb else table.peak_mb < 600))
    sampled = runner.find(NATIONAL_ANALYSE, nation)
    out.append(Budget(f"`analyse --sample {sizes['national_sample']}`, {_size(nation)} actors", _work(sampled), "< 60 s",
                      None if _work_seconds(sampled) is None else cast(float, _work_seconds(sampled)) < 60))
    # Wall-clock time, what a founder waits: by default the build writes its documents beside
    # its maps, on the machine's cores (``--jobs 1``'s CPU time is in its own row).
    ratio_budget("`ptce build` of Pôle Sud vs import matplotlib + empty figure (wall-clock)", "ptce build",
                 "import matplotlib + save an empty figure", None, 1.5, wall=True)
    ratio_budget("the three documents rendered again vs their first rendering (cached templates)",
                 "charter + registry + fiche, rendered again", "charter + registry + fiche, first rendering (baseline)",
                 None, 0.5)
    for kind in ("JSON", "YAML"):
        located = top if kind == "JSON" else max(sizes["yaml_sizes"])
        ratio_budget(f"locating one error, {kind}, {_size(located)} actors, vs validating the valid file",
                     f"load + locate one error, {kind}", f"load + validate, {kind}", located, 3.0)
    edited = max(sizes["edit_sizes"])
    add = runner.find("ptce member add (YAML, in the process)", edited)
    out.append(absolute(f"`ptce member add`, {_size(edited)} actors", add, 5.0))
    saved = max(sizes["save_sizes"])
    ratio_budget(f"save_pole to YAML, {_size(saved)} actors, vs JSON", "save_pole, YAML", "save_pole, JSON (baseline)",
                 saved, 3.0)
    for label in ("load + validate + graph, JSON", "load + validate + graph, YAML", "export GraphML (pole loaded)"):
        r = runner.find(label, top)
        peak = r.peak_mb if r else None
        out.append(Budget(f"peak memory at {_size(top)} actors, {label.lstrip('… ')}",
                          f"{peak:.0f} MB" if peak else "", "< 2048 MB", None if not peak else peak < 2048))
    small, large = min(sizes["sirene_sizes"]), max(sizes["sirene_sizes"])
    a, b = runner.find(SIRENE_READ, small), runner.find(SIRENE_READ, large)
    growth = b.peak_mb / a.peak_mb if a and b and a.peak_mb and b.peak_mb else None
    out.append(Budget(f"SIRENE peak memory, {_size(large)} vs {_size(small)} establishments (streamed)",
                      "" if growth is None else f"{growth:.2f}× ({b.peak_mb:.0f} MB)" if b and b.peak_mb else "",
                      "≤ 1.2×", None if growth is None else growth <= 1.2))
    out.append(absolute(f"SIRENE, {_size(large)} establishments filtered to one département", b, 60.0))
    shown = max(sizes["map_sizes"])
    out.append(absolute(f"interactive map in Chromium, {_size(shown)} actors: first render", runner.find(BROWSER_FIRST, shown),
                        1.0))
    out.append(absolute(f"interactive map in Chromium, {_size(shown)} actors: a zoom frame (median)",
                        runner.find(BROWSER_ZOOM, shown), 0.05))
    out.append(absolute("`ptce serve` on Pôle Sud, started until its first page", runner.find(SERVE_START), 2.0))
    out.append(absolute(f"a form round trip of `ptce serve`, {_size(sizes['serve_actors'])} actors",
                        runner.find(SERVE_TRIP, sizes["serve_actors"]), 0.3))
    out.append(absolute("a form round trip of `ptce serve` on Pôle Sud", runner.find(SERVE_TRIP_POLE_SUD), 0.3))
    return out


# --- reports ------------------------------------------------------------------------------


def machine() -> list[tuple[str, str]]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    versions = []
    for dist in ("pydantic", "pydantic-core", "networkx", "python-igraph", "nx-parallel", "ruamel.yaml", "ruamel.yaml.clib",
                 "matplotlib", "numpy", "scipy", "cookiecutter", "Jinja2"):
        try:
            versions.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{dist} not installed")
    # ruamel.yaml.clib's extension module is libyaml's parser, which ptce-kit's loader uses.
    libyaml = "with libyaml" if importlib.util.find_spec("_ruamel_yaml") else "without libyaml"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return [
        ("CPU", f"{cpu}, {os.cpu_count()} logical cores (nproc)"),
        ("memory", memory),
        ("system", f"{platform.system()} {platform.release()}"),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("libraries", ", ".join(versions) + f" ({libyaml})"),
        ("load average at start", f"{load:.2f} (the cores are shared with other work)"),
    ]


def _row_cells(r: Result, runner: Runner) -> list[str]:
    base = runner.find(r.baseline, r.size) or runner.find(r.baseline) if r.baseline else None
    ratio = ""
    found = compared(r, base) if base is not None else None
    if found is not None:
        ratio = f"{found:.2f}×"
    cpu = _seconds(r.cpu_median) if r.cpu_median is not None and not (r.unavailable or r.failed) else ""
    if not cpu and r.process_cpu_median is not None and not (r.unavailable or r.failed):
        cpu = f"{_seconds(r.process_cpu_median)} (process)"
    if r.unavailable:
        time_cell, mem, runs = "not available", "", ""
    elif r.failed:
        time_cell, mem, runs = "FAILED", "", ""
    else:
        time_cell, mem, runs = _seconds(r.median), f"{r.peak_mb:.0f}" if r.peak_mb else "", str(len(r.seconds))
    note = r.note or (r.unavailable or r.failed or "")
    return [r.section, r.label, _size(r.size), time_cell, cpu, mem, runs, ratio, note.replace("|", "/")]


def load_average() -> float:
    """The machine's load average over the last minute (nan where the system has none)."""
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def section_runs(runner: Runner, chosen: tuple[str, ...], command: str) -> dict[str, dict[str, Any]]:
    """This run's sections as stored: the date, the command, each section's length and load, and the results."""
    date = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    return {name: {"date": date, "command": command, "minutes": round(runner.minutes.get(name, float("nan")), 1),
                   "load": round(runner.loads.get(name, float("nan")), 2),
                   "results": [asdict(r) for r in runner.results if r.section == name]}
            for name in chosen}


def read_store(path: Path) -> dict[str, dict[str, Any]]:
    """The stored sections of earlier runs (none when the file is absent)."""
    if not path.exists():
        return {}
    return cast("dict[str, dict[str, Any]]", json.loads(path.read_text(encoding="utf-8"))["sections"])


def write_store(path: Path, sections: dict[str, dict[str, Any]]) -> None:
    """Write the store atomically, sections in the order of :data:`SECTIONS`, in a fixed order (a stable diff)."""
    ordered = {name: sections[name] for name in SECTIONS if name in sections}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"sections": ordered}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def merged_results(sections: dict[str, dict[str, Any]]) -> list[Result]:
    """Every stored section's results, in the order of :data:`SECTIONS`."""
    return [Result(**row) for name in SECTIONS if name in sections for row in sections[name]["results"]]


def markdown(runner: Runner, found: list[Budget], quick: bool, seconds: float, options: str = "",
             runs: dict[str, dict[str, Any]] | None = None) -> str:
    """The generated block; ``options`` are the run's own (``--sections``, ``--repeat``), shown in its first line.

    ``runs`` are the stored sections (with their dates, commands and loads) when the block is made from several runs.
    """
    command = " ".join(x for x in ("python benchmarks/run.py", "--quick" if quick else "", options) if x)
    if runs:
        lines = [BEGIN, "", "Each section as last measured (`benchmarks/results.json`); the load average is the "
                 "machine's when the section started (2 cores).", "",
                 "| section | measured | command | minutes | load |", "| --- | --- | --- | ---: | ---: |"]
        lines += [f"| {name} | {r['date']} | `{r['command']}` | {r['minutes']} | {r['load']} |"
                  for name, r in ((n, runs[n]) for n in SECTIONS if n in runs)]
        lines += ["", "| machine | |", "| --- | --- |"]
    else:
        lines = [BEGIN, "", f"Run of `{command}` "
                 f"on {time.strftime('%Y-%m-%d')} ({seconds / 60:.1f} minutes in all).", "", "| machine | |", "| --- | --- |"]
    lines += [f"| {k} | {v} |" for k, v in machine() if not (runs and k == "load average at start")]
    lines += ["", "### Budgets", "", "Budgets of seconds are judged on the work's CPU time where the case measures it "
              "(shown first, the wall time in brackets): the cores are shared, and on a loaded machine the wall time "
              "counts the other work.", "", "| budget | measured | target | |", "| --- | --- | --- | --- |"]
    lines += [f"| {b.name} | {b.measured} | {b.target} | {b.verdict} |" for b in found]
    lines += ["", "### Cases", "",
              "Median wall time of the work (the child process's whole life for commands), median CPU "
              "time of the work (cases timed inside their process; for commands, the whole process's, "
              "marked *process*), peak memory of the process (MB), runs, and the ratio to the baseline of "
              "the same section and size: of the work's CPU times when both were timed inside, else of "
              "both whole processes' CPU times (the machine's cores are shared with other work).", "",
              "| section | case | actors | median | CPU | peak MB | runs | vs baseline | note |",
              "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    lines += ["| " + " | ".join(_row_cells(r, runner)) + " |" for r in runner.results]
    lines += ["", END]
    return "\n".join(lines)


def write_report(path: Path, block: str) -> None:
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = (old or "# Performance\n\n") + "\n" + block + "\n"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def print_table(runner: Runner, found: list[Budget]) -> None:
    print("\nBudgets")
    width = max(len(b.name) for b in found)
    for b in found:
        print(f"  {b.name:<{width}}  {b.measured:>32}  {b.target:>16}  {b.verdict}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one run each (for the test suite)")
    parser.add_argument("--output", type=Path, default=None,
                        help="Markdown file to write (default: docs/performance.md, none with --quick)")
    parser.add_argument("--repeat", type=int, default=None, help="runs per case (3; 1 with --quick)")
    parser.add_argument("--long", type=float, default=20.0, help="a case whose first run takes longer runs once")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds before one run is stopped")
    parser.add_argument("--jobs", type=int, default=1,
                        help="sections run at once: to check that the cases run, not to measure (default 1)")
    parser.add_argument("--fresh", action="store_true",
                        help="report this run's sections alone, and store only them (default: keep the other stored sections)")
    parser.add_argument("--store", type=Path, default=None,
                        help=f"where each section's results are kept (default: {STORE.relative_to(ROOT)}; none with --quick)")
    parser.add_argument("--sections", default=",".join(SECTIONS),
                        help=f"comma-separated sections to run (default: all of {', '.join(SECTIONS)})")
    args = parser.parse_args(argv)
    sizes = dict(QUICK if args.quick else FULL)
    repeat = args.repeat or sizes["repeat"]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ptce-bench-") as work:
        runner = Runner(repeat, args.long, args.timeout, Path(work))
        print("case                                                       actors   median  peak  runs", flush=True)
        chosen = tuple(x.strip() for x in args.sections.split(",") if x.strip())
        unknown = sorted(set(chosen) - set(SECTIONS))
        if unknown:
            parser.error(f"unknown section(s) {', '.join(unknown)}: choose among {', '.join(SECTIONS)}")
        run_all(runner, sizes, chosen, jobs=args.jobs)
    options = " ".join([*([f"--sections {args.sections}"] if set(chosen) != set(SECTIONS) else []),
                        *([f"--repeat {args.repeat}"] if args.repeat else [])])
    store = args.store or (None if args.quick else STORE)
    runs = None
    if store:
        command = " ".join(x for x in ("python benchmarks/run.py", options) if x)
        runs = {**({} if args.fresh else read_store(store)),
                **section_runs(runner, chosen, command)}
        write_store(store, runs)
        runner.results = merged_results(runs)
    found = budgets(runner, sizes)
    print_table(runner, found)
    output = args.output or (None if args.quick else ROOT / "docs" / "performance.md")
    if output:
        write_report(output, markdown(runner, found, args.quick, time.perf_counter() - started, options, runs))
        print(f"\nwrote {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
