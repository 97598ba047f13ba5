"""Issue 14, item 1: no command writes over its input, a pole file, the key or a file it did not make.

Each case ran on main and destroyed the file given with ``-o``; here it must be refused
with exit status 1, a message naming the file and ``--force`` (or, for the command's own
input, another file), and the file must be left exactly as it was.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ptce_kit.cli import main

ROOT = Path(__file__).resolve().parents[2]
POLE_SUD = ROOT / "examples" / "pole_sud" / "pole.yaml"


@pytest.fixture
def pole(tmp_path: Path) -> Path:
    path = tmp_path / "pole.yaml"
    shutil.copyfile(POLE_SUD, path)
    return path


def refused(capsys, argv: list[str], target: Path, *, words: tuple[str, ...], named: Path | None = None) -> None:
    """Run ``ptce ARGV``: it must exit 1 naming ``named`` (``target``) and leave ``target`` unchanged."""
    before = target.read_bytes()
    status = main([str(a) for a in argv])
    err = capsys.readouterr().err
    assert status == 1, err
    named = named or target
    assert f"cannot write {named}" in err or f"cannot write into {named}" in err
    for word in words:
        assert word in err
    assert "internal error" not in err and "Traceback" not in err
    assert target.read_bytes() == before


EXPORTS = ["graphml", "gexf", "json", "geojson", "jsonld", "turtle", "members-csv", "members-xlsx"]


@pytest.mark.parametrize("fmt", EXPORTS)
def test_export_onto_its_own_input_is_refused_even_with_force(capsys, pole, fmt):
    refused(capsys, ["export", pole, "--to", fmt, "-o", pole], pole, words=("own input",))
    refused(capsys, ["export", pole, "--to", fmt, "-o", pole, "--force"], pole, words=("own input",))


def test_export_csv_into_a_folder_does_not_replace_a_user_table(capsys, pole, tmp_path):
    folder = tmp_path / "tables"
    folder.mkdir()
    nodes = folder / "nodes.csv"
    nodes.write_text("my,own\n1,2\n")
    refused(capsys, ["export", pole, "--to", "csv", "-o", folder], nodes, words=("not made by", "--force"))
    assert not (folder / "edges.csv").exists()


def test_export_onto_another_pole_file_needs_force(capsys, pole, tmp_path):
    other = tmp_path / "other.yaml"
    shutil.copyfile(POLE_SUD, other)
    refused(capsys, ["export", pole, "--to", "graphml", "-o", other], other, words=("pole's data file", "--force"))
    assert main(["export", str(pole), "--to", "graphml", "-o", str(other), "--force"]) == 0
    assert b"<graphml" in other.read_bytes()


def test_a_file_named_pole_json_is_a_pole_file(capsys, pole, tmp_path):
    target = tmp_path / "sub" / "pole.json"
    target.parent.mkdir()
    target.write_text("{}\n")
    refused(capsys, ["export", pole, "--to", "json", "-o", target], target, words=("pole's data file",))


def test_export_onto_a_file_it_did_not_make_needs_force(capsys, pole, tmp_path):
    notes = tmp_path / "graph.graphml"
    notes.write_text("my own notes, not a graph\n")
    refused(capsys, ["export", pole, "--to", "graphml", "-o", notes], notes, words=("not made by", "--force"))
    # A GEXF file is not a GraphML one: a GraphML export does not take it for its own.
    gexf = tmp_path / "graph.gexf"
    assert main(["export", str(pole), "--to", "gexf", "-o", str(gexf)]) == 0
    refused(capsys, ["export", pole, "--to", "graphml", "-o", gexf], gexf, words=("not made by",))


@pytest.mark.parametrize("fmt", EXPORTS + ["csv"])
def test_export_run_twice_replaces_its_own_output(capsys, pole, tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    assert main(["export", str(pole), "--to", fmt, "-o", str(target)]) == 0
    assert main(["export", str(pole), "--to", fmt, "-o", str(target)]) == 0, capsys.readouterr().err


def test_members_csv_of_the_user_is_not_replaced(capsys, pole, tmp_path):
    sheet = tmp_path / "membres.csv"
    sheet.write_text("Nom,Téléphone\nAlice,06 00 00 00 00\n", encoding="utf-8")
    refused(capsys, ["export", pole, "--to", "members-csv", "-o", sheet], sheet, words=("--force",))


@pytest.mark.parametrize("option", [[], ["--html"]])
def test_map_onto_the_pole_file_is_refused(capsys, pole, option):
    suffix = ["-o", pole.with_suffix(".yaml")]
    refused(capsys, ["map", pole, *suffix, *option], pole, words=("own input",))


def test_map_onto_a_user_file_needs_force_and_replaces_its_own(capsys, pole, tmp_path):
    photo = tmp_path / "carte.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n a holiday photo")
    refused(capsys, ["map", pole, "-o", photo], photo, words=("not made by", "--force"))
    page = tmp_path / "carte.html"
    assert main(["map", str(pole), "--html", "-o", str(page)]) == 0
    assert main(["map", str(pole), "--html", "-o", str(page)]) == 0


def test_synth_onto_a_pole_file_needs_force(capsys, pole, tmp_path):
    refused(capsys, ["synth", "-o", pole], pole, words=("pole's data file", "--force"))
    mine = tmp_path / "synthetic.yaml"
    assert main(["synth", "--actors", "6", "-o", str(mine)]) == 0
    # Its own earlier output is replaced without --force.
    assert main(["synth", "--actors", "8", "-o", str(mine)]) == 0
    assert main(["synth", "--actors", "6", "-o", str(pole), "--force"]) == 0
    assert "SYNTHÉTIQUE" in pole.read_text(encoding="utf-8")


def test_schema_onto_a_pole_file_is_refused(capsys, pole, tmp_path):
    refused(capsys, ["schema", "-o", pole], pole, words=("pole's data file", "--force"))
    target = tmp_path / "pole.schema.json"
    assert main(["schema", "-o", str(target)]) == 0
    assert main(["schema", "-o", str(target)]) == 0


def test_schema_dash_is_the_standard_output(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["schema", "-o", "-"]) == 0
    assert '"$defs"' in capsys.readouterr().out
    assert not (tmp_path / "-").exists()


def test_anonymize_onto_the_secret_is_refused_even_with_force(capsys, pole):
    secret = pole.parent / ".ptce-secret"
    assert main(["anonymize", str(pole), "-o", str(pole.parent / "copy.yaml")]) == 0
    refused(capsys, ["anonymize", pole, "-o", secret], secret, words=("own input",))
    refused(capsys, ["anonymize", pole, "-o", secret, "--force"], secret, words=("own input",))


def test_anonymize_onto_another_pole_key_needs_force(capsys, pole, tmp_path):
    other = tmp_path / "elsewhere" / ".ptce-secret"
    other.parent.mkdir()
    other.write_text("0" * 64 + "\n")
    refused(capsys, ["anonymize", pole, "-o", other], other, words=("key of the pseudonyms", "--force"))
    copy = tmp_path / "copy.yaml"
    assert main(["anonymize", str(pole), "-o", str(copy)]) == 0
    assert main(["anonymize", str(pole), "-o", str(copy)]) == 0  # its own earlier copy


def test_compare_table_and_plot_onto_an_input_or_a_user_file_are_refused(capsys, pole, tmp_path):
    other = tmp_path / "other.yaml"
    shutil.copyfile(POLE_SUD, other)
    refused(capsys, ["compare", pole, other, "-o", other], other, words=("own input",))
    target = tmp_path / "table.csv"
    target.write_text("my,own,table\n")
    refused(capsys, ["compare", pole, other, "-o", target], target, words=("not made by",))
    figure = tmp_path / "plot.png"
    figure.write_bytes(b"\x89PNG\r\n\x1a\n not ours")
    refused(capsys, ["compare", pole, other, "--plot", figure], figure, words=("not made by",))


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".md", ".html"])
def test_compare_run_twice_replaces_its_own_table(capsys, pole, tmp_path, suffix):
    table, plot = tmp_path / f"table{suffix}", tmp_path / "plot.svg"
    for _ in range(2):
        assert main(["compare", str(pole), "-o", str(table), "--plot", str(plot)]) == 0, capsys.readouterr().err


def test_build_into_a_folder_of_the_user_needs_force(capsys, pole, tmp_path):
    site = tmp_path / "docs"
    site.mkdir()
    (site / "index.md").write_text("# my documentation\n")
    refused(capsys, ["build", pole, "-o", site, "--formats", "md"], site / "index.md", words=("--force",),
            named=site)
    assert sorted(p.name for p in site.iterdir()) == ["index.md"]
    assert main(["build", str(pole), "-o", str(site), "--formats", "md", "--force", "-j", "1"]) == 0
    assert (site / "index.md").read_text() == "# my documentation\n"


def test_build_run_again_needs_no_force(capsys, pole, tmp_path):
    # The Makefile of a generated pole runs 'ptce build . -o docs' after every change.
    out = tmp_path / "docs"
    for _ in range(2):
        assert main(["build", str(pole.parent), "-o", str(out), "--formats", "md", "-j", "1"]) == 0, \
            capsys.readouterr().err
    assert (out / "charte.md").is_file()


def test_build_knows_its_folder_by_its_map_not_by_its_file_names(capsys, pole, tmp_path):
    out = tmp_path / "docs"
    assert main(["build", str(pole), "-o", str(out), "--formats", "md", "-j", "1"]) == 0
    (out / "carte.png").write_bytes(b"\x89PNG\r\n\x1a\n a map drawn by someone else")
    for name in ("carte.svg", "carte.html"):
        (out / name).unlink()
    refused(capsys, ["build", pole, "-o", out, "--formats", "md", "-j", "1"], out / "charte.md",
            words=("--force",), named=out)


def test_a_json_pole_under_another_name_is_a_pole_file(capsys, pole, tmp_path):
    from ptce_kit.io import dump_pole, load_pole

    copy = tmp_path / "sauvegarde.json"
    copy.write_text(dump_pole(load_pole(pole), fmt="json"), encoding="utf-8")
    assert '"format": "ptce/' in copy.read_text(encoding="utf-8")
    refused(capsys, ["export", pole, "--to", "json", "-o", copy], copy, words=("pole's data file",))
