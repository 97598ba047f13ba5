"""``ptce new``: the founders' command, run as they run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ptce_kit.io import load_pole

ROOT = Path(__file__).resolve().parents[2]
NAME = "Pôle d'Économie & Solidarité du Val-d'Oise"


def test_new_no_input_makes_a_pole_folder(tmp_path, ptce):
    result = ptce("new", "--no-input", "-o", tmp_path / "x", "pole_name=Pôle Nord")
    assert result.returncode == 0, result.stderr
    project = tmp_path / "x" / "pole-nord"
    assert f"créé : {project}" in result.stderr
    assert "Le dossier du pôle est prêt" in result.stderr
    assert load_pole(project).name == "Pôle Nord"
    assert (project / "docs" / "charte.md").is_file()  # the post-gen hook built the documents
    checked = ptce("validate", project)
    assert checked.returncode == 0, checked.stderr


def test_each_answer_is_checked_as_typed(tmp_path, ptce):
    answers = [
        NAME,           # 1 pole name
        "",             #   its article: none (Enter alone)
        "-",            # 2 no long name
        "Val-d'Oise",   # 3 territory
        "Cergy",        # 4 commune
        "9500",         # 5 a postal-code-like typo: re-asked
        "95127",        #   then right
        "",             # 6 département: none (there is no default)
        "Île-de-France",  # 7 région
        "La Coop & Cie",  # 8 pivot
        "9",            # 9 no such choice: re-asked
        "enterprise",   #   a value works as well as a number
        "4",            # 10 scic
        "0",            # 11 cadence 0: re-asked
        "53",           #    too rare: re-asked
        "4",            #    then right
        "2",            # 12 English
        "peut-être",    # 13 not yes or no: re-asked
        "non",          #    then no examples
    ]
    result = ptce("new", "-o", tmp_path, "--no-build", input="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stderr
    assert "« 9500 » n’est pas un code INSEE de commune [PTCE-E611]" in result.stderr
    assert "« 9 » n’est pas un choix possible [PTCE-E610]" in result.stderr
    assert "« 0 » n’est pas une cadence de réunion [PTCE-E611]" in result.stderr
    assert "« 53 » n’est pas une cadence de réunion [PTCE-E611]" in result.stderr
    assert "« peut-être » n’est pas une réponse par oui ou non [PTCE-E610]" in result.stderr
    assert "identifiant du pôle et nom de son dossier : pole-d-economie-solidarite-du-val-d-oise" in result.stderr
    pole = load_pole(tmp_path / "pole-d-economie-solidarite-du-val-d-oise")
    assert (pole.name, pole.long_name, pole.language.value) == (NAME, None, "en")
    assert pole.territory.communes[0].code == "95127"
    assert pole.territory.departement is None  # left empty: nothing invented
    assert pole.pivot_actor.name == "La Coop & Cie"
    assert pole.pivot_actor.category.value == "enterprise"
    assert pole.governance.form.value == "scic"
    assert pole.governance.bodies[0].cadence.every == 4
    assert len(pole.actors) == 1


@pytest.mark.parametrize(("answer", "message"), [
    ("slug=Pas Bon", "« Pas Bon » ne peut pas servir d’identifiant [PTCE-E611]"),
    ("slug=../evil", "« ../evil » contient « / », « \\ » ou « .. »"),
    ("commune_insee=2614", "« 2614 » n’est pas un code INSEE de commune [PTCE-E611]"),
    ("meeting_cadence_weeks=0", "« 0 » n’est pas une cadence de réunion [PTCE-E611]"),
    ("pole_name=Pôle {{ cookiecutter.x }}", "que le modèle de projet lirait comme des instructions [PTCE-E600]"),
])
def test_bad_answers_fail_in_french_and_write_nothing(tmp_path, ptce, answer, message):
    result = ptce("new", "--no-input", "-o", tmp_path / "out", answer, env={"PTCE_LANG": "fr"})
    assert result.returncode == 1
    assert "les réponses ne permettent pas de créer le pôle" in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("answer", "message"), [
    ("nom_du_pole=Pôle Nord", "« nom_du_pole » n’est pas une question du modèle [PTCE-E601]"),
    ("_extensions=[\"os.system\"]", "« _extensions » n’est pas une question du modèle [PTCE-E601]"),
])
def test_a_key_that_is_no_question_is_command_line_misuse(tmp_path, ptce, answer, message):
    result = ptce("new", "--no-input", "-o", tmp_path / "out", answer, env={"PTCE_LANG": "fr"})
    assert result.returncode == 2  # the command line is wrong (a recorded answers file would be the data: 1)
    assert message in result.stderr and "Usage : ptce new" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_pivot_named_like_an_example_member_is_refused(tmp_path, ptce):
    result = ptce("new", "--no-input", "-o", tmp_path, "pole_name=Pôle Val", "pivot_name=Adie", "with_examples=oui")
    assert result.returncode == 1
    assert "déjà pris par un membre de l’exemple de Pôle Sud [PTCE-E612]" in result.stderr
    assert ptce("new", "--no-input", "--no-build", "-o", tmp_path, "pole_name=Pôle Val",
                "pivot_name=Adie").returncode == 0


def test_a_clashing_pivot_name_is_asked_again(tmp_path, ptce):
    # A name, no article, no territory (its four questions are skipped), the pivot "Adie", which is an
    # example member's id, the defaults, then "oui" to the example members.
    answers = ["Pôle Val", "", "", "", "Adie", "", "", "", "", "oui", "Maison de l'ESS"]
    result = ptce("new", "-o", tmp_path, "--no-build", input="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stderr
    assert "« adie », déjà pris par un membre de l’exemple de Pôle Sud" in result.stderr
    pole = load_pole(tmp_path / "pole-val")
    assert pole.pivot == "maison-de-l-ess" and len(pole.actors) == 18


def test_misuse_exits_2(tmp_path, ptce):
    result = ptce("new", "--no-input", "-o", tmp_path, "pole_name", env={"PTCE_LANG": "en"})
    assert result.returncode == 2
    assert "an answer is written KEY=VALUE [PTCE-E613]" in result.stderr


def test_an_existing_folder_is_left_alone(tmp_path, ptce):
    existing = tmp_path / "pole-nord"
    existing.mkdir()
    (existing / "notes.txt").write_text("à garder\n", encoding="utf-8")
    result = ptce("new", "--no-input", "--no-build", "-o", tmp_path, "pole_name=Pôle Nord", env={"PTCE_LANG": "fr"})
    assert result.returncode == 1
    assert "[PTCE-E404]" in result.stderr and "le dossier du pôle existe déjà" in result.stderr and "Traceback" not in result.stderr
    assert [p.name for p in existing.iterdir()] == ["notes.txt"]


def test_ptce_new_and_plain_cookiecutter_make_the_same_folder(tmp_path, ptce, run_cookiecutter, files_of):
    answers = [f"pole_name={NAME}", "territory_name=Val-d'Oise", "commune_name=Cergy", "commune_insee=95127",
               "legal_form=gie"]
    made = ptce("new", "--no-input", "--no-build", "-o", tmp_path / "a", *answers)
    assert made.returncode == 0, made.stderr
    plain = run_cookiecutter(ROOT / "cookiecutter-ptce", "--no-input", "-o", tmp_path / "b", *answers, "_build=no")
    assert plain.returncode == 0, plain.stderr
    folder = "pole-d-economie-solidarite-du-val-d-oise"
    assert files_of(tmp_path / "a" / folder) == files_of(tmp_path / "b" / folder)


def test_replay_remakes_the_folder_from_its_recorded_answers(tmp_path, ptce, files_of):
    made = ptce("new", "--no-input", "--no-build", "-o", tmp_path / "a", f"pole_name={NAME}", "slug=pesvo",
                "with_examples=no", "language=en")
    assert made.returncode == 0, made.stderr
    first = tmp_path / "a" / "pesvo"
    again = ptce("new", "--replay", first / ".cruft.json", "--no-build", "-o", tmp_path / "b")
    assert again.returncode == 0, again.stderr
    assert files_of(tmp_path / "b" / "pesvo") == files_of(first)


def test_replay_of_cookiecutter_s_own_replay_file(tmp_path, ptce, run_cookiecutter, files_of, cookiecutter_home):
    plain = run_cookiecutter(ROOT / "cookiecutter-ptce", "--no-input", "-o", tmp_path / "a", "pole_name=Pôle Test",
                             "with_examples=no", "_build=no")
    assert plain.returncode == 0, plain.stderr
    replay = cookiecutter_home.parent / "replay" / "cookiecutter-ptce.json"
    again = ptce("new", "--replay", replay, "--no-build", "-o", tmp_path / "b")
    assert again.returncode == 0, again.stderr
    assert files_of(tmp_path / "b" / "pole-test") == files_of(tmp_path / "a" / "pole-test")


def test_replay_of_a_file_without_answers(tmp_path, ptce):
    (tmp_path / "answers.json").write_text('{"template": "x"}', encoding="utf-8")
    result = ptce("new", "--replay", tmp_path / "answers.json", "-o", tmp_path)
    assert result.returncode == 1
    assert "[PTCE-E601]" in result.stderr and "ce fichier ne contient pas de réponses enregistrées" in result.stderr


def test_config_file_defaults_are_checked_too(tmp_path, ptce):
    config = tmp_path / "config.yaml"
    config.write_text(
        f"replay_dir: {tmp_path / 'replay'}\ndefault_context:\n  pole_name: Pôle Nord\n  territory_name: Métropole\n"
        "  commune_name: Lille\n  commune_insee: '59350'\n",
        encoding="utf-8")
    result = ptce("new", "--no-input", "--no-build", "--config-file", config, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert load_pole(tmp_path / "out" / "pole-nord").territory.communes[0].code == "59350"
    config.write_text("default_context:\n  commune_insee: '123'\n", encoding="utf-8")
    result = ptce("new", "--no-input", "--config-file", config, "-o", tmp_path / "bad")
    assert result.returncode == 1
    assert "« 123 » n’est pas un code INSEE de commune" in result.stderr


def test_ptce_new_is_loaded_lazily(ptce):
    listed = ptce("--help")
    assert "new" in listed.stdout
    code = ("import sys, ptce_kit, ptce_kit.cli.new, ptce_kit.scaffold; "
            "print(sorted(m for m in ('cookiecutter', 'jinja2') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"


def test_the_recorded_answers_are_cruft_s_format(tmp_path, generate):
    project = generate(tmp_path, pole_name=NAME)
    state = json.loads((project / ".cruft.json").read_text(encoding="utf-8"))
    assert set(state) == {"template", "commit", "checkout", "context", "directory", "skip"}
    answers = state["context"]["cookiecutter"]
    assert answers["pole_name"] == NAME and answers["__slug"] == project.name
    assert state["skip"] == ["pole.yaml", "docs", ".cruft.json"]  # pyproject.toml's list, for cruft too
    # Nothing that depends on where the template or the folder lives.
    assert str(tmp_path) not in json.dumps(state) and str(ROOT) not in json.dumps(state)
