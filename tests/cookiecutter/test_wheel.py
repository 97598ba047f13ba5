"""The wheel ships the whole template, where ``ptce_kit.scaffold.template_dir`` looks first."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_wheel_holds_every_file_of_the_template(tmp_path):
    pytest.importorskip("hatchling")
    if not (ROOT / "templates").is_dir():
        pytest.skip("the wheel also packs templates/, which the documents issue adds")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path)], check=True, capture_output=True, timeout=300)
    (wheel,) = tmp_path.glob("*.whl")
    packed = {name for name in zipfile.ZipFile(wheel).namelist() if "/_data/cookiecutter-ptce/" in name}
    tracked = subprocess.run(["git", "ls-files", "-z", "cookiecutter-ptce"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout.strip("\0").split("\0")
    assert tracked
    assert {f"ptce_kit/_data/{name}" for name in tracked} == packed
