"""examples/research.ipynb runs from top to bottom with this checkout (nbclient)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "examples" / "research.ipynb"


def test_the_notebook_is_stored_without_outputs():
    # Outputs would make every run a diff and could carry stale numbers.
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, (
                f"cell {cell['id']} has outputs: clear them before committing (Jupyter: Edit > Clear All Outputs)")


@pytest.mark.slow
def test_the_notebook_runs_and_draws_its_figures(monkeypatch: pytest.MonkeyPatch):
    import nbformat
    from nbclient import NotebookClient

    # The kernel is a subprocess: it must import this checkout and draw inline figures.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep))
    monkeypatch.delenv("MPLBACKEND", raising=False)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()

    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    figures = [o for o in outputs if "data" in o and "image/png" in o.data]
    assert len(figures) == 4
    text = "\n".join(o.get("text", "") or o.get("data", {}).get("text/plain", "") for o in outputs)
    assert "Pôle Sud: 17 actors" in text and "pivot groupe-archer" in text
    assert "Synthetic: centralised" in text and "Synthetic: meshed" in text
    # The comparison table has a row per pole: Pôle Sud and the three synthetic ones.
    table = next(o.data["text/html"] for o in outputs if "data" in o and "pivot dependence" in o.data.get("text/html", ""))
    assert table.count("Synthetic:") == 3 and "Pôle Sud" in table
