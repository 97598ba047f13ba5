"""scripts/build_reference_geo.py: the same table, byte for byte, from the same data; no network.

``decoupage_excerpt/`` is an excerpt (13 communes of the Drôme, the Ain, the Finistère and
Marseille) of the JSON of ``@etalab/decoupage-administratif`` 6.0.0 (Licence Ouverte 2.0).
"""

from __future__ import annotations

import gzip
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "build_reference_geo.py"
EXCERPT = Path(__file__).parent / "decoupage_excerpt"


def _module():
    spec = importlib.util.spec_from_file_location("build_reference_geo", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_table_is_deterministic_from_the_data(tmp_path):
    first, second = tmp_path / "a.tsv.gz", tmp_path / "b.tsv.gz"
    for out in (first, second):
        done = subprocess.run([sys.executable, SCRIPT, "--from-dir", EXCERPT, "-o", out],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    assert first.read_bytes() == second.read_bytes()
    # The data in another order gives the same bytes: the rows are sorted.
    module = _module()
    data = module.read_dir(EXCERPT)
    shuffled = {name: list(reversed(rows)) for name, rows in data.items()}
    assert module.build(shuffled, module.VERSION, module.VINTAGE) == first.read_bytes()


def test_the_table_holds_each_kind_of_row():
    module = _module()
    text = gzip.decompress(module.build(module.read_dir(EXCERPT), "6.0.0", "2026")).decode()
    rows = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    by_kind = {}
    for row in rows:
        by_kind.setdefault(row[0], []).append(row)
    assert ["C", "26281", "Romans-sur-Isère", "26", "200068781", "26100"] == next(
        r for r in by_kind["C"] if r[1] == "26281")[:6]
    assert ["M", "13201", "Marseille 1er Arrondissement", "13055", "13001"] == by_kind["M"][0][:5]
    assert ["L", "01015", "Arbignieu", "d", "01015"] in by_kind["L"]
    assert ["F", "26029", "26136"] in by_kind["F"]  # Beaurières, merged into Val-Maravel
    assert ["E", "200068781", "CA", "CA Valence Romans Agglo"] in by_kind["E"]
    assert ["D", "26", "84", "Drôme", "metro"] in by_kind["D"]
    assert next(r for r in by_kind["C"] if r[1] == "29155")[4] == ""  # Ouessant: no EPCI
    assert "# vintage: COG 2026" in text and "Licence Ouverte 2.0" in text


def test_a_tarball_with_the_wrong_checksum_is_refused():
    module = _module()
    with pytest.raises(SystemExit, match="not the pinned"):
        module.check_integrity(b"not the tarball", module.INTEGRITY)
