"""Fixtures for the cookiecutter-ptce template and ``ptce new``: real cookiecutter, real files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "cookiecutter-ptce"
#: Pôle Sud's own answers, with its members as examples: the template's defaults are
#: neutral (empty), so a test that wants Pôle Sud's folder gives these.
POLE_SUD_ANSWERS = {
    "pole_name": "Pôle Sud", "long_name": "Pôle de coopération économique Sud Rhône-Alpes",
    "territory_name": "Romans-sur-Isère et Bourg-de-Péage", "commune_name": "Romans-sur-Isère",
    "commune_insee": "26281", "departement_name": "Drôme", "region_name": "Auvergne-Rhône-Alpes",
    "pivot_name": "Groupe Archer", "meeting_cadence_weeks": "6", "with_examples": True,
}


@pytest.fixture(autouse=True)
def cookiecutter_home(tmp_path_factory, monkeypatch):
    """Keep cookiecutter's replay files and clones out of the real home; hooks see this checkout."""
    home = tmp_path_factory.mktemp("cookiecutter-home")
    config = home / "config.yaml"
    config.write_text(f"cookiecutters_dir: {home / 'clones'}\nreplay_dir: {home / 'replay'}\n", encoding="utf-8")
    monkeypatch.setenv("COOKIECUTTER_CONFIG", str(config))
    # The founders' language, whatever this machine's locale: a test of English says so (PTCE_LANG=en).
    monkeypatch.setenv("PTCE_LANG", "fr")
    # Hooks run in a subprocess with the same interpreter: put this checkout first.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    return config


@pytest.fixture
def pole_sud_answers() -> dict[str, object]:
    """The answers that make Pôle Sud's own folder (a copy: tests may change it)."""
    return dict(POLE_SUD_ANSWERS)


@pytest.fixture
def generate():
    """``generate(out, **answers)``: the cookiecutter API on the template, no build.

    The pole's name (the one answer without a default) is "Pôle Test" unless given.
    ``hooks=False`` renders the files only (no answer check, schema, .cruft.json): for
    tests of the rendering itself, ten times faster than running the two hook scripts.
    """

    def run(out: Path, build: bool = False, hooks: bool = True, **answers) -> Path:
        from cookiecutter.main import cookiecutter

        extra = {"_build": build, "pole_name": "Pôle Test", **answers}
        return Path(cookiecutter(str(TEMPLATE), no_input=True, extra_context=extra, output_dir=str(out),
                                 accept_hooks=hooks))

    return run


def _run_cookiecutter(*args, env: dict[str, str] | None = None, cwd=None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cookiecutter", *map(str, args)],
        capture_output=True, text=True, env={**os.environ, **(env or {})}, cwd=cwd, timeout=120,
    )


def _files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def run_cookiecutter():
    """Plain ``cookiecutter ARGS`` on the command line, as a user without ``ptce new`` runs it."""
    return _run_cookiecutter


@pytest.fixture
def files_of():
    """``files_of(folder)``: every file under it, by relative path, with its bytes."""
    return _files_of
