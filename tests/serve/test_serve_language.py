"""The library's messages (validation problems, check verdicts) in the page's language, whatever the server's."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("starlette")

from serving import POLE_SUD, hidden, make_client  # noqa: E402


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("mauvais")
    text = POLE_SUD.read_text(encoding="utf-8").replace("  - id: scop-vtd\n", "  - id: scop-vtd\n    siret2: x\n", 1)
    (folder / "pole.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(("server", "page", "said", "not_said"), [
    ("en", "fr", "champ inconnu", "unknown field"),
    ("fr", "en", "unknown field", "champ inconnu"),
])
def test_a_validation_problem_is_said_in_the_page_s_language(bad_folder, monkeypatch, server, page, said, not_said):
    monkeypatch.setenv("PTCE_LANG", server)
    client = make_client(bad_folder)
    html = client.get("/", headers={"accept-language": page}).text
    assert f'<html lang="{page}">' in html
    assert said in html and not_said not in html


def test_a_refusal_beside_a_form_is_said_in_the_page_s_language(tmp_path, monkeypatch):
    import shutil

    monkeypatch.setenv("PTCE_LANG", "en")  # the server's own language is not the page's
    target = tmp_path / "pole.yaml"
    shutil.copy(POLE_SUD, target)
    client = make_client(tmp_path)
    html = client.get("/acteurs/nouveau").text
    before = target.read_bytes()
    answer = client.post("/acteurs/nouveau", data={"csrf": hidden(html, "csrf"), "hash": hidden(html, "hash"),
                                                   "name": "Coop", "category": "ess_enterprise", "id": "scop-vtd"})
    assert answer.status_code == 422 and target.read_bytes() == before
    assert "existe déjà" in answer.text and "already exists" not in answer.text
