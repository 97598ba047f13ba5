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


PAGES = ("/", "/acteurs", "/acteurs/nouveau", "/acteurs/groupe-archer", "/partenariats", "/partenariats/nouveau",
         "/projets", "/projets/nouveau", "/indicateurs", "/indicateurs/nouveau", "/gouvernance", "/importer", "/carte",
         "/documents", "/criteres")


def _visible(html: str) -> str:
    import re
    from html import unescape

    html = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _phrases(lang: str) -> set[str]:
    """The workspace's own sentences in ``lang`` that the other language says differently (two words or more)."""
    from ptce_kit.i18n import gettext
    from ptce_kit.serve.words import LABELS, WORDS

    from ptce_kit import model
    from ptce_kit.serve.forms import form_fields

    # The format's own English descriptions name some French legal terms (« Société à mission »).
    described = " ".join(f.description for name in ("Actor", "Partnership", "Project", "Indicator", "Governance")
                         for top in form_fields(getattr(model, name)) for f in (top, *top.fields))
    other = "en" if lang == "fr" else "fr"
    found = set()
    for message in [*WORDS.values(), *LABELS.values()]:
        if not isinstance(message, str):  # a counted message: its plural form
            text, elsewhere = message.render(2, lang), message.render(2, other)
        else:
            text, elsewhere = gettext(message, lang), gettext(message, other)
        head = text.split("{")[0].strip(" :.,;(")
        if text != elsewhere and len(head.split()) >= 2 and head not in elsewhere and head not in described:
            found.add(head)
    return found


@pytest.fixture(scope="module")
def pages_client(tmp_path_factory):
    import shutil

    folder = tmp_path_factory.mktemp("pages")
    shutil.copy(POLE_SUD, folder / "pole.yaml")
    return make_client(folder)


@pytest.mark.parametrize(("lang", "other"), [("fr", "en"), ("en", "fr")])
def test_no_page_speaks_the_other_language(pages_client, lang, other):
    foreign = _phrases(other)
    assert len(foreign) > 50  # the check has words to look for
    for address in PAGES:
        answer = pages_client.get(address, headers={"accept-language": lang})
        assert answer.status_code == 200, address
        text = _visible(answer.text)
        assert f'<html lang="{lang}">' in answer.text
        said = sorted(p for p in foreign if p in text)
        assert said == [], f"{address} in {lang} says {said}"


@pytest.mark.parametrize(("lang", "said", "not_said"), [
    ("fr", "Nom court du pôle", "Short name of the pole"),
    ("en", "Short name of the pole", "Nom court du pôle"),
])
def test_the_founding_form_asks_in_the_page_s_language_and_as_a_web_form(empty_folder, lang, said, not_said):
    html = make_client(empty_folder).get("/", headers={"accept-language": lang}).text
    text = _visible(html)
    assert said in text and not_said not in text
    assert "Entrée seule" not in text  # a terminal's way of answering, not a form's
    if lang == "en":
        assert "Enterprise of the social and solidarity economy" in text and "Collectivité territoriale" not in text
    else:
        assert "Collectivité territoriale" in text and "Association loi 1901" in text
    # The same words as ptce new's, from ptce_kit.scaffold.wording: a label and a help a question.
    from ptce_kit.scaffold import questions

    for question in questions(lang=lang):
        assert question.label in text and question.help in text, question.key
        assert question.prompt == question.label or question.prompt not in text  # not the terminal's words


def test_a_size_limit_is_written_as_the_page_language_writes_numbers():
    from ptce_kit.serve.security import _megabytes
    from ptce_kit.serve.words import word

    half = int(2.5 * 1024 * 1024)
    assert word("fr", "error.too_large", limit=_megabytes(half)) == "Envoi trop gros (plus de 2,5 Mo) : refusé."
    assert word("en", "error.too_large", limit=_megabytes(half)) == "Upload too large (over 2.5 MB): refused."
