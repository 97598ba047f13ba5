"""The comparison of many poles: the table's values, ranks and z-scores, files and figure."""

from __future__ import annotations

import csv
import io
import math
from html.parser import HTMLParser

import pytest

from ptce_kit.comparison import compare, numeric_columns, plot_comparison, write_table
from ptce_kit.errors import PoleError
from ptce_kit.io import save_pole
from ptce_kit.network import pole_measures, to_graph
from ptce_kit.synth import synthetic_pole

AT = "2030"


@pytest.fixture(scope="module")
def poles(pole_sud):
    return [pole_sud, synthetic_pole(12, seed=1), synthetic_pole(30, seed=2)]


@pytest.fixture(scope="module")
def rows(poles):
    return compare(poles, criteria_at=AT)


def test_one_row_per_pole_with_the_right_values_for_pole_sud(rows, pole_sud):
    assert [r["pole"] for r in rows] == ["pole-sud", "synthetic-1-12", "synthetic-2-30"]
    sud = rows[0]
    # From the fiche: 18 actors of whom one is announced; 9 ESS enterprises.
    assert sud["actors"] == 17 and sud["prospective"] == 1
    assert sud["ess_share"] == pytest.approx(9 / 17)
    assert (sud["family_enterprises"], sud["family_collectivities"], sud["family_research"], sud["family_other"]) \
        == (9, 3, 4, 1)
    assert sud["category_enterprise"] == 0 and sud["category_higher_education"] == 2
    assert (sud["partnerships"], sud["ties_mutualisation"], sud["ties_cooperation"], sud["ties_partnership"]) \
        == (11, 5, 3, 3)
    assert sud["projects"] == 6 and sud["jobs_indicators"] == 100 and sud["jobs_projects"] is None
    assert sud["governance_form"] == "informal"
    assert (sud["criteria_definition"], sud["criteria_state_call"]) == ("warn", "fail")
    assert sud["criteria_scic"] is None  # an informal pole: the SCIC rules do not apply
    assert "decret.legal-person" in sud["criteria_failed"].split()
    # The network measures are those of ptce_kit.network, not measured again.
    m = pole_measures(to_graph(pole_sud))
    assert sud["density"] == m["density"] and sud["cross_family_share"] == m["cross_family_share"]
    assert sud["pivot_connectivity_loss"] == m["pivot_dependence"]["connectivity_loss"]
    assert sud["anchoring_within_territory"] is None  # Pôle Sud's fiche gives no actor's commune


def test_ranks_and_z_scores(rows):
    for column in numeric_columns(rows):
        values = [r[column] for r in rows]
        known = [v for v in values if v is not None]
        mean = sum(known) / len(known)
        sd = math.sqrt(sum((v - mean) ** 2 for v in known) / len(known))
        for r in rows:
            v = r[column]
            if v is None:
                assert r[f"{column}_rank"] is None and r[f"{column}_z"] is None
                continue
            assert r[f"{column}_rank"] == 1 + sum(w > v for w in known)
            assert r[f"{column}_z"] == pytest.approx((v - mean) / sd if sd else 0.0, abs=1e-6)
    assert [r["actors_rank"] for r in rows] == [2, 3, 1]
    # A column missing for one pole ranks the others only.
    assert rows[0]["anchoring_within_territory_rank"] is None
    assert {rows[1]["anchoring_within_territory_rank"], rows[2]["anchoring_within_territory_rank"]} <= {1, 2}
    assert "governance_form_rank" not in rows[0] and "pole_z" not in rows[0]


def test_compare_at_a_date(pole_sud):
    early = synthetic_pole(20, seed=3)
    founded = int(early.founded)
    [before] = compare([early], at=str(founded))
    [after] = compare([early], at=str(founded + 8))
    assert before["actors"] < after["actors"]


def test_csv_xlsx_md_html(rows, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    write_table(rows, tmp_path / "t.csv", sep=";")
    text = (tmp_path / "t.csv").read_text(encoding="utf-8-sig")
    table = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert [r["name"] for r in table] == ["Pôle Sud", "Pôle synthétique 1", "Pôle synthétique 2"]
    assert table[0]["actors"] == "17" and table[0]["anchoring_within_territory"] == ""
    assert list(table[0]) == list(rows[0])
    # French decimals with ';' (Excel in French reads 0,25 as a number, 0.25 as text)
    assert table[0]["density"] == repr(rows[0]["density"]).replace(".", ",") and "," in table[0]["density"]

    write_table(rows, tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    header = [c.value for c in ws[1]]
    assert header == list(rows[0])
    assert ws.cell(2, header.index("actors") + 1).value == 17
    first = (tmp_path / "t.xlsx").read_bytes()
    write_table(rows, tmp_path / "t.xlsx")
    assert (tmp_path / "t.xlsx").read_bytes() == first

    write_table(rows, tmp_path / "t.md")
    md = (tmp_path / "t.md").read_text(encoding="utf-8")
    assert md.startswith("| measure | Pôle Sud | Pôle synthétique 1 | Pôle synthétique 2 |")
    assert "| actors present | 17 (#2, z=" in md

    write_table(rows, tmp_path / "t.html")
    cells = []

    class Cells(HTMLParser):
        def handle_data(self, data):
            cells.append(data)

    Cells().feed((tmp_path / "t.html").read_text(encoding="utf-8"))
    assert "Pôle Sud" in cells and any(c.startswith("17 (#2, z=") for c in cells)

    with pytest.raises(PoleError, match="cannot write a table as '.txt'"):
        write_table(rows, tmp_path / "t.txt")


def test_figure_is_written_and_deterministic(rows, tmp_path):
    for suffix in ("png", "svg"):
        a, b = tmp_path / f"a.{suffix}", tmp_path / f"b.{suffix}"
        plot_comparison(rows, a)
        plot_comparison(rows, b)
        assert a.read_bytes() == b.read_bytes() and a.stat().st_size > 5000
    svg = (tmp_path / "a.svg").read_text(encoding="utf-8")
    assert "Pôle Sud" in svg or "P\u00f4le Sud" in svg
    with pytest.raises(PoleError):
        plot_comparison(rows, tmp_path / "a.gif")


def test_figure_colours_families_as_the_maps_do(rows, tmp_path):
    from ptce_kit.model import FAMILY_COLOURS, Family

    assert set(FAMILY_COLOURS) == {f.value for f in Family}
    plot_comparison(rows, tmp_path / "f.svg")
    svg = (tmp_path / "f.svg").read_text(encoding="utf-8").lower()
    for family, colour in FAMILY_COLOURS.items():
        assert f"fill: {colour.lower()}" in svg, family


def test_ptce_compare_reads_folders_and_reports_unreadable_files_without_stopping(ptce, pole_sud_path, tmp_path):
    folder = tmp_path / "poles"
    folder.mkdir()
    for seed in range(5):
        save_pole(synthetic_pole(8 + seed, seed=seed), folder / f"s{seed}.yaml")
    (folder / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    sub = folder / "sud"
    sub.mkdir()
    (sub / "pole.yaml").write_bytes(pole_sud_path.read_bytes())
    out, fig = tmp_path / "table.csv", tmp_path / "fig.png"
    done = ptce("compare", folder, "-o", out, "--plot", fig)
    assert done.returncode == 1  # one file could not be read…
    assert "broken.yaml" in done.stderr and "1 of 7 files could not be read" in done.stderr
    assert "Traceback" not in done.stderr
    # French poles: the table opens in a French spreadsheet (';', decimal commas).
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert len(rows) == 6 and "pole-sud" in {r["pole"] for r in rows}  # …but the others are all there
    assert any("," in r["density"] for r in rows) and not any("." in r["density"] for r in rows)
    assert fig.stat().st_size > 5000
    (folder / "broken.yaml").unlink()
    done = ptce("compare", folder, pole_sud_path)
    assert done.returncode == 0, done.stderr
    assert "Pôle Sud" in done.stdout


def test_ptce_compare_with_nothing_readable(ptce, tmp_path):
    (tmp_path / "x.yaml").write_text("id: [\n", encoding="utf-8")
    done = ptce("compare", tmp_path / "x.yaml", "-o", tmp_path / "t.csv")
    assert done.returncode == 1 and "no table written" in done.stderr
    assert not (tmp_path / "t.csv").exists()
    assert ptce("compare", tmp_path / "empty-dir-missing").returncode == 1


def test_ptce_kit_compare_is_callable_however_it_was_imported():
    # ptce_kit.compare is the function even after its module, ptce_kit.comparison, was imported.
    code = ("from ptce_kit.comparison import write_table\n"
            "import ptce_kit\n"
            "from ptce_kit.synth import synthetic_pole\n"
            "print(len(ptce_kit.compare([synthetic_pole(5), synthetic_pole(6)], criteria_at='2030')))\n")
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "2", done.stderr


def test_the_scic_column_is_filled_for_a_scic():
    scics = [p for p in (synthetic_pole(15, seed=s) for s in range(12)) if p.governance.form.value == "scic"]
    assert scics
    [row] = compare(scics[:1], criteria_at=AT)
    # Synthetic SCICs give no categories of associates nor capital shares: unknown, not a guess.
    assert row["criteria_scic"] == "unknown"
