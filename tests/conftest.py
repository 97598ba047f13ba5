"""Shared fixtures: the project's paths and running ``ptce`` as a user would.

``ptce`` (and :func:`run_ptce`) run the command line in this process, through the same
entry point as the ``ptce`` script (:func:`ptce_kit.cli.main`, which turns every outcome
into an exit status), with their own standard streams, environment and working directory:
starting a Python process per call made the suite minutes slower.  ``ptce_subprocess``
(and :func:`run_ptce_subprocess`) start a real ``python -m ptce_kit`` for the tests that
need one: start-up and import time, tracebacks, signals, locks held by other processes.
"""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

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
    full_env = {**os.environ, **(env or {})}
    full_env["PYTHONPATH"] = os.pathsep.join([str(ROOT), full_env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    full_env.pop("PTCE_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "ptce_kit", *map(str, args)],
        cwd=cwd, input=input, env=full_env, capture_output=True, text=True, timeout=timeout,
    )


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

    from ptce_kit.cli import _common, main

    if env and "PYTHONPATH" in env:
        raise ValueError("PYTHONPATH only takes effect in a new interpreter: use ptce_subprocess")
    argv = [os.fspath(arg) for arg in args]
    # As in a subprocess whose output is a pipe: the width is COLUMNS, else 80; no debug mode.
    overrides: dict[str, str | None] = {"COLUMNS": os.environ.get("COLUMNS", "80"), "PTCE_DEBUG": None,
                                        **(env or {})}
    runner = CliRunner()
    here = os.getcwd()
    _common._consoles.clear()
    try:
        with runner.isolation(input=input, env=overrides) as (stdout, stderr, _output):
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
    finally:
        os.chdir(here)
        _common._consoles.clear()
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
