"""``ptce new`` writes only what the founders said: no legal form by default, the pole's article when given."""

from __future__ import annotations

import pytest

from ptce_kit.io import load_pole
from ptce_kit.model import GovernanceForm
from ptce_kit.render import render_markdown


def _made(tmp_path, ptce, *answers: str, build: bool = False):
    args = ["new", "--no-input", "-o", tmp_path, *([] if build else ["--no-build"]), *answers]
    result = ptce(*args, env={"PTCE_LANG": "fr"})
    assert result.returncode == 0, result.stderr
    [project] = [p for p in tmp_path.iterdir() if p.is_dir()]
    return project


def test_no_input_writes_no_legal_form_and_no_article(tmp_path, ptce):
    project = _made(tmp_path, ptce, "pole_name=Pôle Val")
    text = (project / "pole.yaml").read_text(encoding="utf-8")
    pole = load_pole(project)
    assert pole.governance.stated_form is None and "\n  form:" not in text
    assert (pole.article, pole.gender, pole.number) == (None, None, None)
    assert "\narticle:" not in text
    # The documents say the form is still to be given, never that the pole is an informal group.
    charter = render_markdown(pole, "charter")
    assert "organisation informelle" not in charter and "forme juridique du pôle à préciser" in charter
    assert ptce("validate", project).returncode == 0


def test_the_informal_group_is_written_when_chosen(tmp_path, ptce):
    project = _made(tmp_path, ptce, "pole_name=Pôle Val", "legal_form=informal")
    assert load_pole(project).governance.stated_form is GovernanceForm.INFORMAL


@pytest.mark.parametrize(("name", "answer", "written", "said"), [
    ("Pôle des Coopérations", "le", ("le", None, None), "Charte de coopération du Pôle des Coopérations"),
    ("Coopérative du Val", "la", ("la", None, None), "Charte de coopération de la Coopérative du Val"),
    ("Archipel", "l-m", ("l'", "m", None), "Charte de coopération de l’Archipel"),
    ("Usine solidaire", "l’, nom féminin", ("l'", "f", None), "Charte de coopération de l’Usine solidaire"),
    ("Fabriques du Val", "les-f", ("les", "f", "plural"), "Charte de coopération des Fabriques du Val"),
    ("Pôle Nord", "aucun", (None, None, None), "Charte de coopération de Pôle Nord"),
])
def test_the_pole_s_article_goes_into_pole_yaml_and_the_documents(tmp_path, ptce, name, answer, written, said):
    project = _made(tmp_path, ptce, f"pole_name={name}", f"pole_article={answer}")
    pole = load_pole(project)
    assert (pole.article, pole.gender, pole.number) == written
    assert said in render_markdown(pole, "charter")


def test_a_built_project_says_the_pole_with_its_article(tmp_path, ptce):
    project = _made(tmp_path, ptce, "pole_name=Coopérative du Val", "pole_article=3", build=True)
    charter = (project / "docs" / "charte.md").read_text(encoding="utf-8")
    assert charter.startswith("# Charte de coopération de la Coopérative du Val")
    assert "de Coopérative du Val" not in charter


def test_a_word_that_is_not_an_article_is_refused_with_the_choices(tmp_path, ptce):
    result = ptce("new", "--no-input", "--no-build", "-o", tmp_path, "pole_name=Pôle Val", "pole_article=du",
                  env={"PTCE_LANG": "fr"})
    assert result.returncode != 0 and "PTCE-E610" in result.stderr
    assert not any(tmp_path.iterdir())


def test_enter_alone_asks_for_no_article_and_no_form(tmp_path, ptce):
    result = ptce("new", "-o", tmp_path, "--no-build", input="Pôle Val\n" + "\n" * 20, env={"PTCE_LANG": "fr"})
    assert result.returncode == 0, result.stderr
    assert "Aucun : le nom se dit seul" in result.stderr and "Pas encore précisée" in result.stderr
    pole = load_pole(tmp_path / "pole-val")
    assert pole.article is None and pole.governance.stated_form is None
