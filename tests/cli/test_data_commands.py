"""``ptce validate``, ``show`` and ``schema`` run as a user runs them (in this process, the first in a real one)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT


def test_validate_the_example(ptce_subprocess, pole_sud_path):
    result = ptce_subprocess("validate", pole_sud_path)  # python -m ptce_kit, as the ptce script runs
    assert result.returncode == 0, result.stderr
    assert "valid (18 actors" in result.stdout
    assert "Traceback" not in result.stderr


def test_validate_a_folder(ptce, pole_sud_path):
    assert ptce("validate", pole_sud_path.parent).returncode == 0


def test_validate_bad_files_exits_1_listing_every_problem(ptce, tmp_path, pole_sud_path):
    good = pole_sud_path.read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        good.replace("pivot: groupe-archer", "pivot: groupe-archr").replace("kind: cooperation", "kind: coop", 1),
        encoding="utf-8",
    )
    result = ptce("validate", pole_sud_path, bad)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = good.splitlines()
    pivot_line = lines.index("pivot: groupe-archr".replace("archr", "archer")) + 1
    assert f"bad.yaml:{pivot_line}:1: pivot: 'groupe-archr' is not the id of any actor: did you mean 'groupe-archer'?" in result.stderr
    assert "partnerships[4].kind: 'coop' is not allowed here" in result.stderr
    assert "use one of 'mutualisation', 'cooperation' or 'partnership'" in result.stderr


def test_validate_json_output(ptce, tmp_path):
    bad = tmp_path / "pole.yaml"
    bad.write_text("format: ptce/1\nid: Bad Id\nname: X\n", encoding="utf-8")
    result = ptce("validate", "--json", bad)
    assert result.returncode == 1
    [report] = json.loads(result.stdout)
    assert report["valid"] is False
    [problem] = report["problems"]
    assert problem["path"] == "id" and problem["line"] == 2 and "not a valid identifier" in problem["message"]


def test_misuse_exits_2(ptce, tmp_path):
    assert ptce("validate").returncode == 2
    assert ptce("show").returncode == 2
    assert ptce("no-such-command").returncode == 2
    assert ptce("validate", "--no-such-option", tmp_path).returncode == 2


def test_missing_file_and_folder_exit_1_with_a_hint(ptce, tmp_path):
    result = ptce("validate", tmp_path / "nope.yaml")
    assert result.returncode == 1 and "no such file" in result.stderr and "Traceback" not in result.stderr
    result = ptce("show", tmp_path)
    assert result.returncode == 1 and "holds no pole data file" in result.stderr


def test_show_summarises_pole_sud(ptce, pole_sud_path):
    result = ptce("show", pole_sud_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Pôle Sud" in out and "Pivot structure: Groupe Archer" in out
    assert "every 6 weeks, autour d’un repas" in out
    assert "Governance: informal" in out and "legal acts: lease" in out


def test_show_json_counts(ptce, pole_sud_path, pole_sud):
    result = ptce("show", "--json", pole_sud_path)
    summary = json.loads(result.stdout)
    assert summary["actors"]["total"] == len(pole_sud.actors)
    assert summary["actors"]["by_family"] == {
        "enterprises": 10, "collectivities": 3, "research": 4, "other": 1,
    }
    assert sum(summary["partnerships"]["by_kind"].values()) == len(pole_sud.partnerships)
    assert summary["governance"]["bodies"][0]["cadence"] == "every 6 weeks"
    assert summary["pivot"] == "Groupe Archer"


def test_schema_command_prints_and_writes_the_committed_schema(ptce, tmp_path):
    committed = (ROOT / "schema" / "pole.schema.json").read_text(encoding="utf-8")
    assert ptce("schema").stdout == committed
    target = tmp_path / "pole.schema.json"
    assert ptce("schema", "-o", target).returncode == 0
    assert target.read_text(encoding="utf-8") == committed


def test_help_and_import_do_not_load_heavy_libraries():
    code = (
        "import sys\n"
        "from ptce_kit.cli import main\n"
        "import ptce_kit\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('matplotlib', 'networkx', 'cookiecutter', 'pandas', 'jinja2', 'igraph') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr
    assert "validate" in result.stdout


def test_internal_errors_do_not_show_a_traceback(ptce, tmp_path):
    # A directory named like a pole file cannot be read: a user error, never a traceback.
    (tmp_path / "pole.yaml").mkdir()
    result = ptce("validate", tmp_path / "pole.yaml")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr


def test_in_process_runs_say_what_a_real_process_says(ptce, ptce_subprocess, pole_sud_path, tmp_path):
    """The ``ptce`` fixture stands for a real process: same status, same output, byte for byte."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(pole_sud_path.read_text(encoding="utf-8").replace("pivot: groupe-archer", "pivot: nobody"),
                   encoding="utf-8")
    for args in (["--help"], ["show", pole_sud_path], ["validate", bad], ["validate", "--no-such-option"],
                 ["analyse", pole_sud_path]):
        here, real = ptce(*args), ptce_subprocess(*args)
        assert (here.returncode, here.stdout, here.stderr) == (real.returncode, real.stdout, real.stderr), args
    # Each call has its own environment: a narrow COLUMNS wraps the help as in a real process, then no more.
    narrow = ptce("--help", env={"COLUMNS": "60"})
    assert narrow.stdout == ptce_subprocess("--help", env={"COLUMNS": "60"}).stdout
    assert narrow.stdout != ptce("--help").stdout


def test_show_speaks_french_of_legal_acts_and_colleges(ptce, tmp_path, pole_sud_path):
    # The kinds of legal acts in words (« bail », not "lease"); a college's share as a French percentage,
    # and one whose share is not known said so (it crashed the command).
    fr = ptce("show", pole_sud_path, "--lang", "fr", env={"COLUMNS": "160"})
    assert fr.returncode == 0 and "actes juridiques : bail" in fr.stdout and "lease" not in fr.stdout
    coteaux = (ROOT / "examples" / "coteaux_fictif" / "pole.yaml").read_text(encoding="utf-8")
    pole = tmp_path / "pole.yaml"
    pole.write_text(coteaux.replace("weight: 30\n", "weight: unknown\n", 1), encoding="utf-8")
    shown = ptce("show", pole, "--lang", "fr", env={"COLUMNS": "160"})
    assert shown.returncode == 0, shown.stderr
    assert "(part des voix inconnue)" in shown.stdout and "(20\u00a0%)" in shown.stdout
    assert "(20%)" in ptce("show", pole, "--lang", "en", env={"COLUMNS": "160"}).stdout
