"""The interactive map's label widths: the font's own advances, recorded so that no page imports matplotlib."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ptce_kit.render.label_widths import RECORDED, TextWidth, _recorded, measure_advance

ROOT = Path(__file__).resolve().parents[2]


def test_the_recorded_advances_are_the_font_s():
    recorded = _recorded()
    codes = [code for first, last in RECORDED for code in range(first, last + 1)]
    assert len(recorded) == 2 * len(codes)
    measured = TextWidth()
    for weight in ("normal", "bold"):
        for code in codes:
            advance = measure_advance(chr(code), weight)
            assert recorded[(weight, chr(code))] == (advance / 65536 if advance is not None else 11.0 * 0.62), (
                f"U+{code:04X} {weight}: run scripts/record_label_advances.py")
    assert measured("Communauté d’agglomération « Valence Romans »") > measured("Valence") > 0


def test_a_character_not_recorded_is_measured_on_the_font():
    width = TextWidth()
    assert ("normal", "Ж") not in _recorded()
    assert width("Ж") == measure_advance("Ж") / 65536 > 0
    assert width("ЖЖ", "bold") == 2 * measure_advance("Ж", "bold") / 65536


def test_laying_out_french_labels_imports_no_matplotlib():
    code = ("import json, sys\n"
            "from ptce_kit.render.label_widths import TextWidth\n"
            "w = TextWidth()('Mairie de Bourg-de-Péage – Œuvre « l’Îlot »\u202f!', 'bold')\n"
            "print(json.dumps(['matplotlib' in sys.modules, w > 0]))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [False, True]


def test_the_record_script_finds_the_record_current():
    done = subprocess.run([sys.executable, "scripts/record_label_advances.py", "--check"], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
