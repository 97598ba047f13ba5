"""The wheel ships the compiled catalogs, byte for byte those the checkout reads (``pip install .``)."""

from __future__ import annotations

import gettext
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ptce_kit.i18n import LANGUAGES, LOCALE_DIR

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_wheel_ships_the_compiled_catalogs(tmp_path):
    pytest.importorskip("hatchling")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path)], check=True, capture_output=True, timeout=300)
    (wheel,) = tmp_path.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        for lang in LANGUAGES:
            packed = archive.read(f"ptce_kit/locale/{lang}/LC_MESSAGES/ptce.mo")
            assert packed == (LOCALE_DIR / lang / "LC_MESSAGES" / "ptce.mo").read_bytes()
            catalog = gettext.GNUTranslations(io.BytesIO(packed))
            assert catalog.gettext("no such file") == {"fr": "fichier introuvable", "en": "no such file"}[lang]
