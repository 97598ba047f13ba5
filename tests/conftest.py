"""Shared fixtures: the project's paths and running ``ptce`` as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
POLE_SUD = ROOT / "examples" / "pole_sud" / "pole.yaml"


@pytest.fixture
def pole_sud_path() -> Path:
    return POLE_SUD


@pytest.fixture(scope="session")
def pole_sud():
    from ptce_kit.io import load_pole

    return load_pole(POLE_SUD)


def run_ptce(*args: str | os.PathLike[str], cwd: str | os.PathLike[str] | None = None,
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


@pytest.fixture
def ptce():
    """``ptce(*args)`` runs the CLI in a subprocess and returns the completed process."""
    return run_ptce
