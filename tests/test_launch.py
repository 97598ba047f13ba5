"""The ``ptce`` program's entry point: ``ptce build``'s map drawer forked before anything is imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from ptce_kit.launch import wants_drawer
from ptce_kit.parallel import available_jobs

ROOT = Path(__file__).resolve().parents[1]

needs_two_cores = pytest.mark.skipif(available_jobs() < 2, reason="the drawer needs two cores and fork")


def _program(argv: list[str], tmp_path: Path, *, before_fork: str = "") -> subprocess.CompletedProcess[str]:
    """Run the ``ptce`` program's entry point on ``argv``, ``before_fork`` registered as an at-fork hook."""
    code = ("import os, sys\n" + before_fork +
            f"sys.argv = ['ptce'] + {argv!r}\n"
            "from ptce_kit.launch import script\n"
            "script()\n")
    # Output to files, not pipes: a drawer still alive would hold a pipe open, and the run
    # would wait for it rather than end with the program.
    out, err = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    with out.open("w") as stdout, err.open("w") as stderr:
        done = subprocess.run([sys.executable, "-c", code], stdout=stdout, stderr=stderr, cwd=ROOT, timeout=120,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    return subprocess.CompletedProcess(done.args, done.returncode, out.read_text(), err.read_text())


def test_only_a_build_on_several_processes_wants_the_drawer():
    assert wants_drawer(["build"]) and wants_drawer(["build", "examples/pole_sud", "-o", "out", "--jobs", "2"])
    for argv in (["build", "-h"], ["build", "--jobs=1"], ["build", "-j1"], ["build", "--jobs", "1"],
                 ["new", "build"], [], ["--help", "build"]):
        assert not wants_drawer(argv), argv


@needs_two_cores
def test_ptce_build_forks_before_it_imports_the_command_line(tmp_path):
    seen = tmp_path / "seen.json"
    hook = ("import json\n"
            "def _seen():\n"
            f"    if not os.path.exists({str(seen)!r}):\n"
            f"        open({str(seen)!r}, 'w').write(json.dumps(sorted(m for m in sys.modules if m.startswith(\n"
            "            ('ptce_kit', 'click', 'matplotlib', 'networkx', 'pydantic')))))\n"
            "os.register_at_fork(before=_seen)\n")
    done = _program(["build", "examples/pole_sud", "-o", str(tmp_path / "out")], tmp_path, before_fork=hook)
    assert done.returncode == 0, done.stderr
    assert json.loads(seen.read_text()) == ["ptce_kit", "ptce_kit.launch", "ptce_kit.parallel"]
    assert (tmp_path / "out" / "carte.png").stat().st_size > 10_000


def _alive_with(marker: str) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker in (entry / "cmdline").read_bytes().decode("utf-8", "replace"):
                    found.append(entry.name)
            except OSError:  # ended meanwhile
                pass
    return found


@needs_two_cores
@pytest.mark.parametrize("argv", [["build", "{missing}"], ["build", "examples/pole_sud", "--formats", "{missing}"]])
def test_a_build_that_fails_first_stops_its_drawer(tmp_path, argv):
    marker = f"ptce-test-{uuid.uuid4().hex}"
    done = _program([a.format(missing=marker) for a in argv] + ["-o", str(tmp_path / "out")], tmp_path)
    assert done.returncode in (1, 2) and "Traceback" not in done.stderr
    # The drawer (a fork: the same command line) ended with the program, not after it.
    assert _alive_with(marker) == []
