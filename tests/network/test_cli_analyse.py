"""``ptce analyse`` as a user runs it."""

from __future__ import annotations

import csv
import io
import json


def test_table_lists_archer_first(ptce, pole_sud_path):
    done = ptce("analyse", pole_sud_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Pôle Sud: cooperation graph"
    first_row = next(line for line in lines if line.startswith("groupe-archer"))
    assert lines.index(first_row) == 3  # title, header, rule, then the most central actor
    assert "0.883" in first_row
    assert "main broker" in done.stdout and "14 of 120 pairs linked" in done.stdout
    assert max(len(line) for line in lines[1:20]) <= 80  # the table fits a terminal


def test_json_has_every_measure(ptce, pole_sud_path):
    done = ptce("analyse", pole_sud_path, "--format", "json", "--engine", "igraph")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["main_broker"] == "groupe-archer"
    assert result["actors"][0]["id"] == "groupe-archer"
    assert result["pole"]["pivot_dependence"]["pairs_connected_after"] == 14
    assert {"liaison", "gatekeeper", "constraint", "pagerank"} <= set(result["actors"][0])


def test_csv_is_one_row_per_actor(ptce, pole_sud_path):
    done = ptce("analyse", pole_sud_path, "--format", "csv", "--sep", ",")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout.removeprefix("\ufeff"))))  # the BOM, for Excel
    assert len(rows) == 17 and rows[0]["id"] == "groupe-archer"
    assert float(rows[0]["betweenness"]) > float(rows[1]["betweenness"])


def test_csv_of_a_french_pole_opens_in_a_french_spreadsheet(ptce, pole_sud_path, tmp_path):
    done = ptce("analyse", pole_sud_path, "--format", "csv")  # Pôle Sud is French: ';' and decimal commas
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("\ufeffid;")
    rows = list(csv.DictReader(io.StringIO(done.stdout.removeprefix("\ufeff")), delimiter=";"))
    assert len(rows) == 17 and "," in rows[0]["betweenness"] and "." not in rows[0]["betweenness"]
    text = pole_sud_path.read_text(encoding="utf-8")
    assert text.count("\nlanguage: fr\n") == 1
    english = tmp_path / "pole.yaml"
    english.write_text(text.replace("\nlanguage: fr\n", "\nlanguage: en\n"), encoding="utf-8")
    done = ptce("analyse", english, "--format", "csv-pole")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("\ufeffmeasure,value")
    forced = ptce("analyse", english, "--format", "csv-pole", "--sep", ";")
    assert forced.stdout.startswith("\ufeffmeasure;value")


def test_at_a_date_and_errors(ptce, pole_sud_path, tmp_path):
    done = ptce("analyse", pole_sud_path, "--at", "2014", "--format", "json")
    assert done.returncode == 0 and json.loads(done.stdout)["pole"]["at"] == "2014"
    bad = ptce("analyse", pole_sud_path, "--at", "next year")
    assert bad.returncode == 1 and "not a real date" in bad.stderr and "Traceback" not in bad.stderr
    assert ptce("analyse", tmp_path / "none.yaml").returncode == 1
    assert ptce("analyse", pole_sud_path, "--format", "xlsx").returncode == 2


def test_a_pole_without_ties(ptce, tmp_path):
    path = tmp_path / "pole.yaml"
    path.write_text("format: ptce/1\nid: empty\nname: Empty\nactors:\n"
                    "  - {id: a, name: A, category: enterprise}\n", encoding="utf-8")
    for fmt in ("table", "json", "csv"):
        done = ptce("analyse", path, "--format", fmt)
        assert done.returncode == 0, done.stderr
    assert json.loads(ptce("analyse", path, "--format", "json").stdout)["main_broker"] is None


def test_igraph_engine_missing_is_a_user_error(monkeypatch, pole_sud_path, capsys):
    from ptce_kit.cli import main
    from ptce_kit.network import engines

    monkeypatch.setattr(engines, "_igraph_installed", lambda: False)
    assert main(["analyse", str(pole_sud_path), "--engine", "igraph"]) == 1
    err = capsys.readouterr().err
    assert "ptce-kit[fast]" in err and "--engine networkx" in err
    assert main(["analyse", str(pole_sud_path), "--format", "json"]) == 0  # auto falls back


def test_null_sna_gives_the_brokerage_z_scores(ptce, pole_sud_path):
    # Groupe Archer as liaison: z 0.08 when the families are shuffled, 19.08 in R's sna
    done = ptce("analyse", pole_sud_path, "--format", "json", "--null", "sna")
    assert done.returncode == 0, done.stderr
    archer = json.loads(done.stdout)["actors"][0]
    assert archer["id"] == "groupe-archer" and round(archer["liaison_z"], 2) == 19.08
    done = ptce("analyse", pole_sud_path, "--format", "csv", "--sep", ",", "--null", "shuffle")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert round(float(rows[0]["liaison_z"]), 2) == 0.08
    assert rows[1]["liaison_z"] == ""  # nobody else brokers: no z under the shuffle model
    table = ptce("analyse", pole_sud_path, "--null", "sna", env={"COLUMNS": "80"})
    assert table.returncode == 0, table.stderr
    z_row = [line for line in table.stdout.splitlines() if line.startswith("groupe-archer")][-1]
    assert z_row.split()[-1] == "19.083" and "R sna" in table.stdout
    # without --null the output stays as it was: no z columns
    plain = ptce("analyse", pole_sud_path, "--format", "csv")
    assert "liaison_z" not in plain.stdout
    wrong = ptce("analyse", pole_sud_path, "--null", "R")
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr


def test_plain_text_table_is_in_the_users_language(ptce, pole_sud_path):
    # Off a terminal the tables are plain text (issue 23): their title and headings translated too.
    done = ptce("analyse", pole_sud_path, "--sample", "5", env={"PTCE_LANG": "fr"})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Pôle Sud : graphe des coopérations"
    assert lines[1].split() == ["acteur", "fam.", "deg", "interm", "prox", "vect", "contr", "comm", "court"]
    pole = next(line for line in lines if line.startswith("pôle "))
    assert pole.split() == ["pôle", "valeur"]
    assert "principal courtier" in done.stdout and "sans la structure porteuse" in done.stdout
    assert "cooperation graph" not in done.stdout and "main broker" not in done.stdout
