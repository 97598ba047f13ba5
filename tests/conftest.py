"""Shared fixtures: the project's paths and running ``ptce`` as a user would.

``ptce`` (and :func:`run_ptce`) run the command line in this process, through the same
entry point as the ``ptce`` script (:func:`ptce_kit.cli.main`, which turns every outcome
into an exit status), with their own standard streams, environment and working directory:
starting a Python process per call made the suite minutes slower.  ``ptce_subprocess``
(and :func:`run_ptce_subprocess`) start a real ``python -m ptce_kit`` for the tests that
need one: start-up and import time, tracebacks, signals, locks held by other processes.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

# Messages in English unless a test asks for another language (ptce-kit follows PTCE_LANG, then
# the locale, and speaks French when nothing is set): tests/i18n checks the languages themselves.
os.environ.setdefault("PTCE_LANG", "en")
# Compiled templates go to a folder of the test run, never to the user's cache (~/.cache/ptce-kit).
os.environ["PTCE_CACHE_DIR"] = _CACHE = tempfile.mkdtemp(prefix="ptce-test-cache-")
atexit.register(shutil.rmtree, _CACHE, True)

ROOT = Path(__file__).resolve().parents[1]
POLE_SUD = ROOT / "examples" / "pole_sud" / "pole.yaml"

#: Warnings a fresh interpreter does not print (Python's default filters ignore them).
_SILENT_BY_DEFAULT = (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning)


@pytest.fixture
def pole_sud_path() -> Path:
    return POLE_SUD


@pytest.fixture(scope="session")
def pole_sud():
    from ptce_kit.io import load_pole

    return load_pole(POLE_SUD)


def run_ptce_subprocess(*args: str | os.PathLike[str], cwd: str | os.PathLike[str] | None = None,
                        input: str | None = None, env: dict[str, str] | None = None,
                        timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``python -m ptce_kit ARGS`` in a subprocess, with this checkout first on the path."""
    full_env = {key: value for key, value in {**os.environ, **(env or {})}.items() if value is not None}
    full_env["PYTHONPATH"] = os.pathsep.join([str(ROOT), full_env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    full_env.pop("PTCE_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "ptce_kit", *map(str, args)],
        cwd=cwd, input=input, env=full_env, capture_output=True, text=True, timeout=timeout,
    )


@contextlib.contextmanager
def _descriptors_captured() -> Iterator[list[bytes]]:
    """Point the file descriptors 1 and 2 at two temporary files; what they got fills the list on exit."""
    written: list[bytes] = []
    with tempfile.TemporaryFile() as fd_out, tempfile.TemporaryFile() as fd_err:
        for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
            if stream is not None:
                stream.flush()
        saved = os.dup(1), os.dup(2)
        try:
            os.dup2(fd_out.fileno(), 1)
            os.dup2(fd_err.fileno(), 2)
            yield written
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
            fd_out.seek(0)
            fd_err.seek(0)
            written += [fd_out.read(), fd_err.read()]


def run_ptce(*args: str | os.PathLike[str], cwd: str | os.PathLike[str] | None = None,
             input: str | None = None, env: dict[str, str] | None = None,
             timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``ptce ARGS`` in this process as the ``ptce`` script would, and return what it did.

    The result has the ``returncode``, ``stdout`` and ``stderr`` of the subprocess it stands
    for.  Standard input, output and error are the runner's; ``env`` overrides the environment
    and ``cwd`` the working directory for the call only; the cached rich consoles are dropped
    before and after, so that each call makes its own on its own streams (and reads
    ``COLUMNS`` again).  Warnings a fresh interpreter would print are written to standard
    error.  ``timeout`` is accepted for the subprocess's signature and not enforced.
    """
    from click import formatting
    from click.testing import CliRunner

    from ptce_kit.cli import main, reset_consoles

    if env and "PYTHONPATH" in env:
        raise ValueError("PYTHONPATH only takes effect in a new interpreter: use ptce_subprocess")
    argv = [os.fspath(arg) for arg in args]
    # As in a subprocess whose output is a pipe: the width is COLUMNS, else 80; no debug mode.
    overrides: dict[str, str | None] = {"COLUMNS": os.environ.get("COLUMNS", "80"), "PTCE_DEBUG": None,
                                        **(env or {})}
    runner = CliRunner()
    here = os.getcwd()
    reset_consoles()
    try:
        # What child processes (cookiecutter's hooks) write goes to the file descriptors 1 and 2.
        with _descriptors_captured() as written, \
                runner.isolation(input=input, env=overrides) as (stdout, stderr, _output):
            formatting.FORCED_WIDTH = None  # click's help follows COLUMNS, as in a real process
            if cwd is not None:
                os.chdir(cwd)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("default")
                try:
                    returncode = main(argv)
                except SystemExit as exc:
                    returncode = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            for warning in caught:
                if not issubclass(warning.category, _SILENT_BY_DEFAULT):
                    sys.stderr.write(warnings.formatwarning(warning.message, warning.category, warning.filename,
                                                            warning.lineno, warning.line))
            sys.stdout.flush()
            sys.stderr.flush()
            out, error = stdout.getvalue(), stderr.getvalue()
        # The children ran before the command's last words: their output comes first.
        out, error = written[0] + out, written[1] + error
    finally:
        os.chdir(here)
        reset_consoles()
    return subprocess.CompletedProcess(["ptce", *argv], returncode, out.decode(runner.charset),
                                       error.decode(runner.charset, "backslashreplace"))


@pytest.fixture
def ptce():
    """``ptce(*args)`` runs the CLI in this process and returns a completed process."""
    return run_ptce


@pytest.fixture
def ptce_subprocess():
    """``ptce_subprocess(*args)`` runs the CLI in a fresh Python process (start-up, tracebacks, locks)."""
    return run_ptce_subprocess


#: The test files that take longest (seconds of one worker, measured with ``--durations`` and a
#: junit report), run first: pytest-xdist hands out whole files in the order they are collected
#: (``--dist loadfile``, see pyproject.toml), and a long file handed out last leaves one worker
#: alone at the end.  A file missing here only runs in its usual place.
LONGEST_FIRST = (
    "tests/docs/test_examples.py",
    "tests/test_benchmarks.py",
    "tests/test_ptce_build.py",
    "tests/docs/test_site.py",
    "tests/serve/test_serve_browser.py",
    "tests/cookiecutter/test_new.py",
    "tests/render/test_maps.py",
    "tests/test_ptce_build_files.py",
    "tests/cookiecutter/test_wording.py",
    "tests/render/test_office.py",
    "tests/render/test_map_scale.py",
    "tests/security/test_injection_documents.py",
    "tests/render/test_interactive.py",
    "tests/security/test_campaign_recheck.py",
    "tests/network/test_build_bulk.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Move the longest files to the front, keeping every file's own order (a stable sort)."""
    rank = {name: place for place, name in enumerate(LONGEST_FIRST)}

    def place(item: pytest.Item) -> int:
        return rank.get(Path(str(item.path)).relative_to(ROOT).as_posix() if item.path.is_relative_to(ROOT) else "",
                        len(rank))

    items.sort(key=place)
