"""Issue 14, re-checked as an attacker would: failures the first round of fixes missed.

A full disk is made real here, not simulated: the command runs in a child process whose
file-size limit (``RLIMIT_FSIZE``) is a few hundred bytes, so every write that goes past
it fails with ``EFBIG``, wherever it happens, in ptce-kit's own code or in a library's
(openpyxl's temporary sheets, cookiecutter's replay file).  Standard error is a pipe, so
the messages themselves are not cut short.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
POLE_SUD = ROOT / "examples" / "pole_sud" / "pole.yaml"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_FSIZE as on Linux")

#: Runs ``ptce`` with file writes limited to argv[1] bytes (EFBIG past it, not a signal).
_LIMITED = (
    "import resource, runpy, signal, sys\n"
    "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
    "limit = int(sys.argv[1])\n"
    "resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))\n"
    "sys.argv = ['ptce', *sys.argv[2:]]\n"
    "runpy.run_module('ptce_kit', run_name='__main__')\n"
)


def ptce_on_a_full_disk(*args: str | os.PathLike[str], cwd: Path, limit: int = 1000,
                        timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(cwd), "TMPDIR": str(cwd), "PYTHONDONTWRITEBYTECODE": "1"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.pop("PTCE_DEBUG", None)
    env.pop("COOKIECUTTER_CONFIG", None)
    return subprocess.run([sys.executable, "-c", _LIMITED, str(limit), *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


def assert_clear_failure(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copyfile(POLE_SUD, tmp_path / "pole.yaml")
    return tmp_path


@pytest.mark.parametrize("argv", [
    ("export", "pole.yaml", "--to", "members-xlsx", "-o", "members.xlsx"),
    ("compare", "pole.yaml", "-o", "table.xlsx"),
], ids=["members-xlsx", "compare-xlsx"])
def test_an_xlsx_output_on_a_full_disk_is_a_clear_message(folder, argv):
    result = ptce_on_a_full_disk(*argv, cwd=folder)
    assert_clear_failure(result, "nothing was written", str(folder))
    assert not (folder / argv[-1]).exists()
    assert (folder / "pole.yaml").read_bytes() == POLE_SUD.read_bytes()


def test_an_xlsx_output_is_still_written_with_room(folder):
    result = ptce_on_a_full_disk("export", "pole.yaml", "--to", "members-xlsx", "-o", "members.xlsx",
                                 cwd=folder, limit=10_000_000)
    assert result.returncode == 0, result.stderr
    assert (folder / "members.xlsx").read_bytes()[:2] == b"PK"


def test_ptce_new_on_a_full_disk_is_a_clear_message_and_leaves_no_half_folder(tmp_path):
    out = tmp_path / "poles"
    out.mkdir()
    result = ptce_on_a_full_disk("new", "--no-input", "--no-build", "-o", out, "pole_name=Pôle du Val", cwd=tmp_path)
    assert_clear_failure(result, "cannot make the pole's folder", "nothing was kept")
    assert list(out.iterdir()) == []


def test_member_add_to_a_large_json_pole_is_fast(tmp_path):
    """A 5,000-actor pole kept as JSON: the edit path placed the change with a line diff
    that is quadratic on JSON's many alike lines (about 400 s, far past the 30 s lock wait)."""
    import time

    pole = tmp_path / "pole.json"
    room = 10**10
    made = ptce_on_a_full_disk("synth", "--actors", "5000", "-o", pole, cwd=tmp_path, limit=room)
    assert made.returncode == 0, made.stderr
    before = pole.read_text(encoding="utf-8")
    began = time.monotonic()
    try:
        added = ptce_on_a_full_disk("member", "add", pole, "--name", "Atelier Nouveau", "--category", "enterprise",
                                    cwd=tmp_path, limit=room, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("ptce member add took more than 30 s on a 5,000-actor JSON pole")
    elapsed = time.monotonic() - began
    assert added.returncode == 0, added.stderr
    assert elapsed < 10, f"{elapsed:.1f} s"  # about 1.5 s; slack for a shared machine
    after = pole.read_text(encoding="utf-8")
    assert '"name": "Atelier Nouveau"' in after
    # Only the new actor's lines were added: every line of the file before is kept, in order.
    old_lines, new_lines = before.splitlines(), after.splitlines()
    assert len(new_lines) > len(old_lines)
    kept = iter(new_lines)
    assert all(line in kept for line in old_lines)


def test_import_of_an_xlsx_with_one_far_cell_does_not_hang(folder):
    """One cell at XFD1048576 made openpyxl pad the sheet to 16 384 x 1 048 576 cells."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Identifiant", "Nom", "Catégorie"])
    sheet.append(["atelier-loin", "Atelier Loin", "enterprise"])
    sheet.cell(row=1_048_576, column=16_384, value="loin")
    book.save(folder / "membres.xlsx")
    try:
        result = ptce_on_a_full_disk("import", "membres.xlsx", "--into", "pole.yaml", "--dry-run", cwd=folder,
                                     limit=10**10, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("ptce import of a 6 kB XLSX ran for more than 60 s")
    assert result.returncode == 0, result.stderr
    assert "Atelier Loin" in result.stdout
    assert "internal error" not in result.stderr


def test_an_xlsx_with_too_many_filled_rows_is_refused(folder, monkeypatch):
    openpyxl = pytest.importorskip("openpyxl")
    import ptce_kit.io.spreadsheet as spreadsheet
    from ptce_kit.errors import PoleError

    monkeypatch.setattr(spreadsheet, "MAX_XLSX_ROWS", 3)
    book = openpyxl.Workbook()
    for i in range(5):
        book.active.append([f"membre-{i}", f"Membre {i}"])
    book.save(folder / "membres.xlsx")
    with pytest.raises(PoleError, match="more than 3 filled rows"):
        spreadsheet.read_rows(folder / "membres.xlsx")
