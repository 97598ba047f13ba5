"""Sites built once per test session: the bundled examples with synthetic poles, in French and English."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ptce_kit.io import load_pole, save_pole
from ptce_kit.observatory import build_site
from ptce_kit.synth import synthetic_poles

sys.path.insert(0, str(Path(__file__).parent))
from observatory_data import AT, EXAMPLES, ROOT  # noqa: E402,F401


@pytest.fixture(scope="session")
def pole_files(tmp_path_factory) -> list[Path]:
    """The bundled examples and eight synthetic poles (written as files, as users keep them)."""
    folder = tmp_path_factory.mktemp("synthetic")
    files = list(EXAMPLES)
    for i, pole in enumerate(synthetic_poles(8, seed=5)):
        path = folder / f"pole-{i + 1:03d}.yaml"
        save_pole(pole, path)
        files.append(path)
    return files


@pytest.fixture(scope="session")
def sites(pole_files, tmp_path_factory) -> dict[str, Path]:
    out = {}
    for lang in ("fr", "en"):
        site = tmp_path_factory.mktemp(f"site-{lang}")
        build_site(pole_files, site, lang=lang, load=load_pole, at=AT)
        out[lang] = site
    return out
