"""``cruft create`` then ``cruft update`` on the cookiecutter-ptce template (issue 15).

A template update must never patch the founders' own ``pole.yaml`` (nor ``docs/``, built
from it), even in a folder made by ``cruft create``, which writes its own ``.cruft.json``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("cruft")

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "cookiecutter-ptce"
PROJECT = "{{cookiecutter.__slug | ptce_dirname}}"
GIT = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test",
       "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    config = tmp_path / "cookiecutter.yaml"
    config.write_text(f"replay_dir: {tmp_path / 'replay'}\ncookiecutters_dir: {tmp_path / 'clones'}\n",
                      encoding="utf-8")
    pythonpath = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return {**os.environ, **GIT, "HOME": str(tmp_path), "COOKIECUTTER_CONFIG": str(config),
            "PYTHONPATH": pythonpath}


def _run(*args: object, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([*map(str, args)], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{args}: {result.stdout}\n{result.stderr}"
    return result


def _commit(folder: Path, message: str, env: dict[str, str]) -> None:
    _run("git", "add", "-A", cwd=folder, env=env)
    _run("git", "commit", "-q", "-m", message, cwd=folder, env=env)


def test_cruft_update_leaves_the_founders_pole_yaml_alone(tmp_path, env):
    template = tmp_path / "template"
    shutil.copytree(TEMPLATE, template, ignore=shutil.ignore_patterns("__pycache__"))
    _run("git", "init", "-q", "-b", "main", cwd=template, env=env)
    _commit(template, "template v1", env)

    _run(sys.executable, "-m", "cruft", "create", template, "--no-input", "--output-dir", tmp_path / "poles",
         "--extra-context", json.dumps({"_build": False, "with_examples": False, "pole_name": "Pôle du Val"}), cwd=tmp_path, env=env)
    pole = tmp_path / "poles" / "pole-du-val"
    state = json.loads((pole / ".cruft.json").read_text(encoding="utf-8"))
    assert state["commit"]  # cruft's own .cruft.json, with the template's commit
    _run("git", "init", "-q", "-b", "main", cwd=pole, env=env)
    _commit(pole, "the pole, as created", env)

    # The founders complete their data: a comment of the template is replaced, a line added.
    pole_yaml = pole / "pole.yaml"
    founders = pole_yaml.read_text(encoding="utf-8").replace(
        "# --- Le pôle ---", "# --- Notre pôle, complété le 3 mars ---").replace(
        "language: fr\n", "language: fr\ndescription: Un pôle de la Drôme.\n")
    pole_yaml.write_text(founders, encoding="utf-8")
    _commit(pole, "our data", env)

    # A new version of the template changes the same lines of pole.yaml, and the Makefile.
    template_yaml = template / PROJECT / "pole.yaml"
    template_yaml.write_text(template_yaml.read_text(encoding="utf-8").replace(
        "# --- Le pôle ---", "# --- Le pôle (section révisée) ---").replace(
        "language: {{ cookiecutter.language }}\n", "language: {{ cookiecutter.language }}\nfounded: 2025\n"),
        encoding="utf-8")
    makefile = template / PROJECT / "Makefile"
    makefile.write_text(makefile.read_text(encoding="utf-8") + "\nlint: check\n", encoding="utf-8")
    _commit(template, "template v2", env)

    _run(sys.executable, "-m", "cruft", "update", "--skip-apply-ask", "--allow-untracked-files", cwd=pole, env=env)

    assert pole_yaml.read_text(encoding="utf-8") == founders
    assert sorted(p.name for p in pole.rglob("*.rej")) == []
    assert (pole / "Makefile").read_text(encoding="utf-8").endswith("\nlint: check\n")  # the template's part follows
