"""The cookiecutter-ptce template run by real cookiecutter, as plain cookiecutter users run it."""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

import pytest

from ptce_kit.io import load_pole, schema_text
from ptce_kit.model import Category, GovernanceForm

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "cookiecutter-ptce"
NAME = "Pôle d'Économie & Solidarité du Val-d'Oise"
PROJECT_FILES = {".cruft.json", ".gitignore", "Makefile", "README.md", "pole.schema.json", "pole.yaml",
                 "pyproject.toml"}
LEFTOVERS = ("{{", "}}", "{%", "%}", "cookiecutter.")


def text_files(files: dict[str, bytes]) -> dict[str, str]:
    return {name: data.decode("utf-8") for name, data in files.items() if b"\x00" not in data}


def test_pole_sud_s_answers_no_input(tmp_path, run_cookiecutter, files_of, ptce, pole_sud_answers):
    answers = [f"{key}={'yes' if value is True else value}" for key, value in pole_sud_answers.items()]
    result = run_cookiecutter(TEMPLATE, "--no-input", "-o", tmp_path, *answers)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["pole-sud"]
    project = tmp_path / "pole-sud"
    files = files_of(project)
    assert {name for name in files if not name.startswith("docs/")} == PROJECT_FILES
    # The post-gen hook builds the documents with ptce-kit, which is installed here.
    assert {"docs/charte.md", "docs/registre.csv", "docs/fiche.html", "docs/carte.png",
            "docs/carte.html"} <= set(files)
    for name, text in text_files(files).items():
        if name.startswith("docs/"):
            continue  # built by ptce build, not rendered by the template (inlined JS has braces)
        for leftover in LEFTOVERS:
            assert leftover not in text, f"{leftover!r} left in {name}"
    pole_yaml = files["pole.yaml"].decode()
    assert pole_yaml.startswith("# yaml-language-server: $schema=pole.schema.json\n")
    assert files["pole.schema.json"].decode() == schema_text()
    checked = ptce("validate", project / "pole.yaml", env={"PTCE_LANG": "en"})
    assert checked.returncode == 0, checked.stderr
    assert "valid (18 actors, 11 partnerships, 0 projects)" in checked.stdout
    built = ptce("build", project, "-o", tmp_path / "rebuilt")
    assert built.returncode == 0, built.stderr


def test_pole_sud_s_answers_make_the_pole_sud_example(tmp_path, generate, pole_sud, pole_sud_answers):
    pole = load_pole(generate(tmp_path, hooks=False, **pole_sud_answers))
    assert (pole.id, pole.name, pole.long_name) == (pole_sud.id, pole_sud.name, pole_sud.long_name)
    assert pole.pivot == pole_sud.pivot
    assert pole.territory.communes[0] == pole_sud.territory.communes[0]
    assert pole.territory.departement == pole_sud.territory.departement
    assert pole.territory.region.name == pole_sud.territory.region.name
    assert pole.governance.bodies[0].cadence == pole_sud.governance.bodies[0].cadence
    assert pole.governance.form == pole_sud.governance.form


def _without_example_mark(text: str) -> str:
    prefix = "Exemple repris de Pôle Sud (fiche du pôle), à remplacer par vos propres données : "
    assert text.startswith(prefix), text
    return text[len(prefix):]


def test_example_members_are_pole_sud_s_own(tmp_path, generate, pole_sud, pole_sud_answers):
    """The example members are a faithful copy of the Pôle Sud example, marked as such."""
    pole = load_pole(generate(tmp_path, hooks=False, **pole_sud_answers))
    copied = [a for a in pole.actors if a.id != pole.pivot]
    original = [a for a in pole_sud.actors if a.id != pole_sud.pivot]
    assert [a.model_copy(update={"provenance": _without_example_mark(a.provenance)}) for a in copied] == original
    assert [p.model_copy(update={"provenance": _without_example_mark(p.provenance)})
            for p in pole.partnerships] == pole_sud.partnerships
    assert any("Pôle Sud" in source for source in pole.sources)


def test_examples_follow_the_founders_pivot(tmp_path, generate):
    pole = load_pole(generate(tmp_path, hooks=False, pivot_name="Maison de l'ESS du Val", __slug="pole-val",
                              with_examples=True))
    assert pole.pivot == "maison-de-l-ess-du-val"
    assert "groupe-archer" not in {a.id for a in pole.actors}
    hosted = next(p for p in pole.partnerships if p.id == "hebergement-residents")
    assert hosted.actors[0] == "maison-de-l-ess-du-val"


MATRIX = list(itertools.product(
    ["later", "informal", "association", "scic", "gie", "cooperative"], ["fr", "en"], [True, False]))


@pytest.mark.parametrize(("legal_form", "language", "with_examples"), MATRIX)
def test_every_choice_gives_a_valid_pole(tmp_path, generate, legal_form, language, with_examples):
    # The rendering is what varies with the choices; the hooks are the same for all and
    # are tested above and below.
    project = generate(tmp_path, hooks=False, legal_form=legal_form, language=language,
                       with_examples=with_examples, meeting_cadence_weeks="4", pivot_name="Mairie",
                       pivot_category="local_authority")
    pole = load_pole(project)
    if legal_form == "later":  # not stated: no form written, none read back
        assert pole.governance.stated_form is None
        assert "\n  form:" not in (project / "pole.yaml").read_text(encoding="utf-8")
    else:
        assert pole.governance.stated_form == GovernanceForm(legal_form)
    assert pole.language.value == language
    assert pole.governance.bodies[0].cadence.every == 4
    assert pole.pivot_actor.category is Category.LOCAL_AUTHORITY and not pole.pivot_actor.ess
    assert len(pole.actors) == (18 if with_examples else 1)
    assert len(pole.partnerships) == (11 if with_examples else 0)
    meeting = {"fr": "Rencontre des membres", "en": "Members' meeting"}[language]
    assert pole.governance.bodies[0].name == meeting


def test_accents_apostrophes_and_ampersands_survive(tmp_path, generate, files_of):
    project = generate(tmp_path, pole_name=NAME, long_name=f"{NAME} « coopérer » \\ \"ensemble\"",
                       pivot_name="La Coop & Cie", territory_name="Val-d'Oise", departement_name="Val-d'Oise",
                       commune_name="Cergy", commune_insee="95127", region_name="Île-de-France")
    assert project.name == "pole-d-economie-solidarite-du-val-d-oise"
    pole = load_pole(project)
    assert pole.name == NAME
    assert pole.long_name == f"{NAME} « coopérer » \\ \"ensemble\""
    assert pole.pivot_actor.name == "La Coop & Cie"
    assert pole.territory.departement.code == "95"
    files = text_files(files_of(project))
    for name in ("pole.yaml", "README.md", ".cruft.json"):
        assert NAME in files[name] or NAME in json.dumps(json.loads(files[name]), ensure_ascii=False), name
    assert json.loads(files[".cruft.json"])["context"]["cookiecutter"]["pole_name"] == NAME
    assert files["README.md"].startswith(f"# {NAME}\n")


BAD = [
    ("__slug=Pas Bon", "ne peut pas servir d’identifiant"),
    ("__slug=../evil", "ne doit pas sortir du dossier de destination"),
    ("commune_insee=2614", "n’est pas un code INSEE de commune"),
    ("meeting_cadence_weeks=0", "n’est pas une cadence de réunion"),
]


@pytest.mark.parametrize(("answer", "message"), BAD)
def test_bad_answers_stop_plain_cookiecutter(tmp_path, run_cookiecutter, answer, message):
    out = tmp_path / "out"
    out.mkdir()
    result = run_cookiecutter(TEMPLATE, "--no-input", "-o", out, answer)
    assert result.returncode != 0
    assert "Le pôle n’a pas été créé" in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert list(out.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize(("slug", "folder"), [("../evil", "-evil"), ("..", "pole"), ("a\\..\\b", "a-..-b")])
def test_the_folder_is_made_inside_the_output_dir_before_any_check(tmp_path, generate, slug, folder):
    # Without the hooks nothing refuses the answer: the folder's name alone must keep it inside.
    project = generate(tmp_path / "out", hooks=False, __slug=slug)
    assert project == tmp_path / "out" / folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_two_generations_are_byte_identical(tmp_path, generate, files_of):
    answers = {"pole_name": NAME, "territory_name": "Val", "commune_name": "Cergy", "commune_insee": "95127",
               "pivot_name": "Maison", "with_examples": True}
    first = generate(tmp_path / "a", **answers)
    second = generate(tmp_path / "b", **answers)
    assert files_of(first) == files_of(second)


def _hide_ptce_kit(tmp_path: Path) -> dict[str, str]:
    """An environment where ``import ptce_kit`` fails, as on a machine without ptce-kit."""
    shadow = tmp_path / "shadow" / "ptce_kit"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('ptce-kit is not installed here')\n")
    return {"PYTHONPATH": str(shadow.parent)}


def test_plain_cookiecutter_without_ptce_kit(tmp_path, run_cookiecutter, files_of, ptce):
    env = _hide_ptce_kit(tmp_path)
    result = run_cookiecutter(TEMPLATE, "--no-input", "-o", tmp_path / "out", "pole_name=Pôle Sud", env=env)
    assert result.returncode == 0, result.stderr
    assert "ptce-kit n’est pas installé" in result.stderr
    project = tmp_path / "out" / "pole-sud"
    files = files_of(project)
    # No build, no check; the schema comes from the checkout the template sits in.
    assert set(files) == PROJECT_FILES
    assert files["pole.schema.json"].decode() == schema_text()
    assert json.loads(files[".cruft.json"])["context"]["cookiecutter"]["_ptce_kit_version"] is None
    checked = ptce("validate", project)
    assert checked.returncode == 0, checked.stderr


def test_without_ptce_kit_unsafe_identifiers_are_still_refused(tmp_path, run_cookiecutter):
    env = _hide_ptce_kit(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    result = run_cookiecutter(TEMPLATE, "--no-input", "-o", out, "__slug=../evil", env=env)
    assert result.returncode != 0
    assert "ne peut pas servir d’identifiant" in result.stderr
    assert list(out.iterdir()) == []
    assert not (tmp_path / "evil").exists()


def test_the_template_answers_only_choices_the_model_knows():
    from ptce_kit.model import Language
    from ptce_kit.scaffold import questions

    choices = {q.key: [v for v, _ in q.choices] for q in questions() if q.kind == "choice"}
    assert set(choices["pivot_category"]) <= {c.value for c in Category}
    assert set(choices["legal_form"]) == {f.value for f in GovernanceForm} - {"other"} | {"later"}
    assert set(choices["language"]) == {lang.value for lang in Language}
    config = json.loads((TEMPLATE / "cookiecutter.json").read_text(encoding="utf-8"))
    prompts = config["__prompts__"]
    for question in questions():
        assert question.key in prompts, f"{question.key} has no French prompt"
        for value, label in question.choices:
            assert label != value, f"{question.key}={value} has no French label"


def test_generation_writes_nothing_outside_the_output_dir(tmp_path, generate):
    before = set(os.listdir(tmp_path))
    generate(tmp_path / "out")
    assert set(os.listdir(tmp_path)) - before == {"out"}


def test_git_keeps_the_pseudonym_key_and_temporary_files_out(tmp_path, generate):
    import subprocess

    folder = Path(generate(tmp_path, hooks=False))
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    names = [".ptce-secret", ".pole.yaml.x1y2.tmp", "pole.yaml", "docs/charte.md"]
    ignored = subprocess.run(["git", "-C", str(folder), "check-ignore", *names],
                             capture_output=True, text=True).stdout.split()
    assert ignored == [".ptce-secret", ".pole.yaml.x1y2.tmp"]


@pytest.mark.parametrize("with_examples", [True, False])
def test_an_english_pole_gets_english_guidance(tmp_path, generate, with_examples):
    french_words = ("« ", " : ", "Ce dossier", "les données", "Remplacez", "Les ", "vérifie", "Sans make")
    guidance = {}
    for language in ("fr", "en"):
        project = Path(generate(tmp_path / language, hooks=False, language=language, with_examples=with_examples,
                                pivot_name="Maison"))
        comments = [line for name in ("pole.yaml", "Makefile", ".gitignore")
                    for line in (project / name).read_text(encoding="utf-8").splitlines() if line.lstrip().startswith("#")]
        guidance[language] = "\n".join(comments) + "\n" + (project / "README.md").read_text(encoding="utf-8")
    assert "## What it holds" in guidance["en"] and "## Ce qu'il contient" in guidance["fr"]
    assert "the only file to keep up to date" in guidance["en"]
    for word in french_words:
        assert word not in guidance["en"], word
        assert word in guidance["fr"], word  # the words are French guidance's own


def test_without_ptce_kit_a_missing_name_is_said_so(tmp_path, run_cookiecutter):
    env = _hide_ptce_kit(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    result = run_cookiecutter(TEMPLATE, "--no-input", "-o", out, env=env)
    assert result.returncode != 0
    assert "pole_name : la réponse est vide" in result.stderr
    assert "__slug" not in result.stderr  # not the identifier's problem: the name's
    assert list(out.iterdir()) == []
