"""``ptce new`` leaves no Pôle Sud behind: neutral defaults, French menus, the example flagged while it stays."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from ptce_kit.io import load_pole
from ptce_kit.scaffold import check_answer, questions

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "cookiecutter-ptce"
#: What no key of the template may show a founder: the values behind the menus.
INTERNAL_KEYS = ("ess_enterprise", "local_authority", "public_body", "research_centre", "higher_education",
                 "training_body", "informal", "cooperative", "with_examples", "pole_name", "pivot_category",
                 "pole_article", "l-m", "l-f", "les-m", "les-f")


def pole_sud_words(pole_sud) -> set[str]:
    """Pôle Sud's names, places, codes and ids, as the example states them."""
    words = {pole_sud.name, pole_sud.long_name, pole_sud.territory.name, pole_sud.territory.departement.name,
             pole_sud.territory.region.name, "Romans", "Bourg-de-Péage", "Groupe Archer"}
    for commune in pole_sud.territory.communes:
        words |= {commune.name, commune.code}
    for actor in pole_sud.actors:
        words |= {actor.name, actor.id} | {code for code in (actor.siret, actor.siren) if code}
    for tie in pole_sud.partnerships:
        words.add(tie.id)
    return {word for word in words if word}


def leftovers(folder: Path, words: set[str]) -> list[str]:
    found = []
    patterns = {word: re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])", re.IGNORECASE) for word in words}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:  # a picture: its bytes, for the longer words
            found += [f"{path.name}: {w}" for w in words if len(w) >= 6 and w.encode() in data]
            continue
        found += [f"{path.relative_to(folder)}: {w}" for w, pattern in patterns.items() if pattern.search(text)]
    return found


def test_only_a_name_makes_a_folder_with_nothing_of_pole_sud(tmp_path, ptce, pole_sud):
    result = ptce("new", "--no-input", "-o", tmp_path, "pole_name=Pôle des Coopérations du Val")
    assert result.returncode == 0, result.stderr
    project = tmp_path / "pole-des-cooperations-du-val"
    assert "Pôle Sud" not in result.stderr  # nor in what ptce new says
    assert (project / "docs" / "charte.md").is_file() and (project / "docs" / "carte.png").is_file()
    words = pole_sud_words(pole_sud)
    assert {"Pôle Sud", "Groupe Archer", "26281", "Drôme", "adie", "urscop"} <= words
    # "Organismes de formation", one of Pôle Sud's collective actors, is also the law's own
    # words, which the charter quotes (loi n° 2014-856, art. 9): not a leftover there.
    words.discard("Organismes de formation")
    assert leftovers(project, words) == []
    pole = load_pole(project)
    assert (pole.pivot, pole.territory, pole.long_name, pole.actors, pole.partnerships) == (None, None, None, [], [])
    assert pole.governance.bodies == []  # no meeting cadence was given: none is invented
    # Every line ptce new wrote is French for a French pole.
    assert f"créé : {project}" in result.stderr and "created" not in result.stderr
    checked = ptce("validate", project, env={"PTCE_LANG": "en"})
    assert checked.returncode == 0 and "warning" not in checked.stderr


def test_only_a_name_in_english_leaves_nothing_of_pole_sud_either(tmp_path, ptce, pole_sud):
    # The same with an English founder and English documents: the other words, the same emptiness.
    result = ptce("new", "--lang", "en", "--no-input", "-o", tmp_path, "pole_name=Val Cooperation Pole",
                  "language=English", env={"PTCE_LANG": "fr"})
    assert result.returncode == 0, result.stderr
    project = tmp_path / "val-cooperation-pole"
    words = pole_sud_words(pole_sud) - {"Organismes de formation"}
    assert leftovers(project, words) == []
    assert f"created: {project}" in result.stderr and "créé" not in result.stderr
    assert load_pole(project).language.value == "en"


def test_the_leftover_search_finds_pole_sud(tmp_path, ptce, pole_sud):
    # The same search on a folder made with the example members finds them.
    result = ptce("new", "--no-input", "--no-build", "-o", tmp_path, "pole_name=Pôle Val", "pivot_name=Maison",
                  "with_examples=oui")
    assert result.returncode == 0, result.stderr
    found = leftovers(tmp_path / "pole-val", pole_sud_words(pole_sud))
    assert any(f.startswith("pole.yaml: ") and f.endswith("Urscop (délégation locale)") for f in found)


def test_without_a_name_nothing_is_made(tmp_path, ptce, run_cookiecutter):
    result = ptce("new", "--no-input", "-o", tmp_path / "out")
    assert result.returncode == 1
    assert "(réponses à ptce new): pole_name: il manque le nom du pôle [PTCE-E611]" in result.stderr and 'pole_name="' in result.stderr
    assert not (tmp_path / "out").exists()
    out = tmp_path / "plain"
    out.mkdir()
    plain = run_cookiecutter(TEMPLATE, "--no-input", "-o", out)
    assert plain.returncode != 0 and "pole_name : la réponse est vide" in plain.stderr, plain.stderr
    assert "[PTCE-E611]" in plain.stderr and "__slug" not in plain.stderr
    assert list(out.iterdir()) == []


def test_the_template_s_defaults_are_neutral():
    config = json.loads((TEMPLATE / "cookiecutter.json").read_text(encoding="utf-8"))
    texts = {q.key: q.default for q in questions() if q.kind == "text"}
    assert set(texts.values()) == {""}, texts
    assert config["with_examples"] is False
    prompts = json.dumps(config["__prompts__"], ensure_ascii=False)
    for word in ("Romans", "26281", "Drôme", "Archer", "comme Pôle Sud"):
        assert word not in prompts, word


@pytest.mark.parametrize(("key", "typed", "value"), [
    ("legal_form", "SCIC", "scic"),
    ("legal_form", "scic", "scic"),
    ("legal_form", " Scic ", "scic"),
    ("legal_form", "SCIC (société coopérative d’intérêt collectif)", "scic"),
    ("legal_form", "societe cooperative d’interet collectif", "scic"),
    ("legal_form", "4", "scic"),
    ("legal_form", "Scop", "cooperative"),
    ("legal_form", "association loi 1901", "association"),
    ("legal_form", "ASSOCIATION", "association"),
    ("legal_form", "Other cooperative", "cooperative"),
    ("legal_form", "None for now", "informal"),
    ("legal_form", "SARL", None),
    ("legal_form", "7", None),
    ("pivot_category", "Scop", "ess_enterprise"),
    ("pivot_category", "SCIC", "ess_enterprise"),
    ("pivot_category", "association loi 1901", "ess_enterprise"),
    ("pivot_category", "collectivité", "local_authority"),
    ("pivot_category", "Local authority", "local_authority"),
    ("legal_form", "Association loi 1901", "association"),
    ("legal_form", "GIE", "gie"),
    ("legal_form", "autre cooperative", "cooperative"),
    ("legal_form", "Aucune pour l’instant", "informal"),
    ("pivot_category", "Collectivité territoriale", "local_authority"),
    ("pivot_category", "COLLECTIVITE TERRITORIALE", "local_authority"),
    ("pivot_category", "Établissement d’enseignement supérieur", "higher_education"),
    ("language", "français", "fr"),
    ("language", "Anglais", "en"),
])
def test_menus_take_what_they_print(key, typed, value):
    if value is None:
        with pytest.raises(ValueError):
            check_answer(key, typed)
    else:
        assert check_answer(key, typed) == value


def test_a_refused_choice_lists_the_printed_names_not_the_keys():
    with pytest.raises(ValueError) as caught:
        check_answer("legal_form", "SARL")
    assert caught.value.code == "PTCE-E610"
    french, english = (caught.value.hint.render(lang) for lang in ("fr", "en"))
    assert french == ("tapez un nombre de 1 à 6, ou l’un de ces mots : Pas encore précisée, Aucune pour l’instant, "
                      "Association loi 1901, SCIC, GIE, Autre coopérative")
    assert english == ("type a number from 1 to 6, or one of: Not stated yet, None for now, Association, SCIC, GIE, "
                       "Other cooperative")
    for key in INTERNAL_KEYS:  # English labels say "cooperative" as a word, never a key with "_"
        assert key not in french and ("_" not in key or key not in english), key


def test_an_interactive_session_shows_no_internal_key_and_speaks_french(tmp_path, ptce):
    answers = [
        "",                 # 1 pole name, empty: refused, asked again
        "Pôle Val",         #   then right
        "",                 #   its article: none
        "",                 # 2 no long name
        "Val de Loire",     # 3 territory
        "Cergy",            # 4 commune
        "",                 # 5 its INSEE code, empty: asked again
        "95127",            #   then right
        "",                 # 6 département: none yet
        "",                 # 7 région: none yet
        "La Coop & Cie",    # 8 pivot
        "Collectivité territoriale",  # 9 as printed
        "SCIC",             # 10 exactly as printed
        "",                 # 11 no cadence yet
        "",                 # 12 French
        "",                 # 13 examples: the default is "non"
    ]
    result = ptce("new", "-o", tmp_path, "--no-build", input="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stderr
    assert "la réponse est vide" in result.stderr and "[PTCE-E611]" in result.stderr
    assert "il manque le code INSEE de « Cergy »" in result.stderr
    assert "[non]" in result.stderr and "[oui]" not in result.stderr
    for key in INTERNAL_KEYS:
        assert key not in result.stderr, key
    assert "created" not in result.stderr and "créé : " in result.stderr
    pole = load_pole(tmp_path / "pole-val")
    assert pole.governance.form.value == "scic" and pole.pivot_actor.category.value == "local_authority"
    assert pole.territory.communes[0].code == "95127" and pole.territory.departement is None
    assert len(pole.actors) == 1 and pole.governance.bodies == []


def test_skipped_questions_are_not_asked(tmp_path, ptce):
    # No territory: no commune, code, département or région; no pivot: neither its kind nor
    # the example members (which hang on the pivot).
    answers = ["Pôle Val", "", "", "", "", "", "", ""]
    result = ptce("new", "-o", tmp_path, "--no-build", input="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stderr
    for skipped in ("Commune principale", "Code INSEE", "Département", "Région", "Quel genre de structure",
                    "Recopier les membres"):
        assert skipped not in result.stderr, skipped
    assert "[9/14]" in result.stderr and "[13/14]" in result.stderr
    assert load_pole(tmp_path / "pole-val").actors == []


@pytest.mark.parametrize(("answers", "field", "message"), [
    (["commune_name=Cergy", "territory_name=Val"], "commune_insee", "il manque le code INSEE de « Cergy »"),
    (["commune_insee=95127", "territory_name=Val"], "commune_name", "est donné sans le nom de sa commune"),
    (["commune_name=Cergy", "commune_insee=95127"], "territory_name", "pas le nom du territoire du pôle"),
    (["with_examples=oui"], "with_examples", "répondez non aux membres d’exemple"),
])
def test_answers_that_do_not_go_together_are_refused(tmp_path, ptce, answers, field, message):
    result = ptce("new", "--no-input", "-o", tmp_path / "out", "pole_name=Pôle Val", *answers)
    assert result.returncode == 1
    assert f"(réponses à ptce new): {field}: " in result.stderr and "[PTCE-E612]" in result.stderr, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_pole_still_holding_the_example_is_flagged(tmp_path, ptce):
    made = ptce("new", "--no-input", "--no-build", "-o", tmp_path, "pole_name=Pôle Val", "pivot_name=Maison",
                "with_examples=oui")
    assert made.returncode == 0, made.stderr
    project = tmp_path / "pole-val"
    checked = ptce("validate", project, env={"PTCE_LANG": "en"})
    assert checked.returncode == 0, checked.stderr  # a warning, not an error
    assert "warning:" in checked.stderr and "17 actors" in checked.stderr and "11 partnerships" in checked.stderr
    report = json.loads(ptce("validate", "--json", project).stdout)
    assert report[0]["valid"] and "Pôle Sud" in report[0]["warnings"][0]["message"]
    signals = ptce("check", project, "--profile", "signals", "--format", "json")
    assert signals.returncode == 0, signals.stderr
    [found] = [r for r in json.loads(signals.stdout)[0]["results"] if r["rule"] == "signal.example-members"]
    assert found["verdict"] == "warn" and "adie" in found["evidence"]["actors"]
    # Once the examples are gone, so is the warning.
    removed = [ptce("member", "remove", project / "pole.yaml", actor.id, "--cascade")
               for actor in load_pole(project).actors if actor.id != "maison"]
    assert all(r.returncode == 0 for r in removed), [r.stderr for r in removed if r.returncode]
    again = ptce("validate", project, env={"PTCE_LANG": "en"})
    assert again.returncode == 0 and "warning" not in again.stderr


def test_the_pole_sud_example_itself_is_not_flagged(ptce):
    checked = ptce("validate", ROOT / "examples" / "pole_sud", env={"PTCE_LANG": "en"})
    assert checked.returncode == 0 and "warning" not in checked.stderr


def test_the_mark_is_the_one_the_template_writes():
    from ptce_kit.criteria.examples import EXAMPLE_MARK

    for name in ("exemple-pole-sud-acteurs.yaml", "exemple-pole-sud-partenariats.yaml"):
        text = (TEMPLATE / "templates" / name).read_text(encoding="utf-8")
        provenances = re.findall(r"provenance: >-\n\s+(.*)", text)
        assert provenances and all(p.startswith(EXAMPLE_MARK) for p in provenances), name


def _section(readme: str, title: str) -> str:
    return readme.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize(("language", "editing", "by_hand"), [
    ("fr", "Ajouter les membres et les partenariats", "Modifier les données à la main"),
    ("en", "Adding members and partnerships", "Editing the data by hand"),
])
def test_the_readme_teaches_the_editing_commands_first_and_they_run(tmp_path, ptce, language, editing, by_hand):
    made = ptce("new", "--no-input", "--no-build", "-o", tmp_path, "pole_name=Pôle Val", f"language={language}")
    assert made.returncode == 0, made.stderr
    project = tmp_path / "pole-val"
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert readme.index(f"## {editing}") < readme.index(f"## {by_hand}")
    commands = [line for block in re.findall(r"```sh\n(.*?)```", _section(readme, editing), flags=re.DOTALL)
                for line in block.splitlines() if line.strip()]
    assert [c.split()[1] for c in commands] == ["member", "member", "partnership", "export", "import"]
    for command in commands:
        words = shlex.split(command)
        assert words[0] == "ptce"
        result = ptce(*words[1:], cwd=project)
        assert result.returncode == 0, f"{command}\n{result.stderr}"
    pole = load_pole(project)
    assert len(pole.actors) == 2 and len(pole.partnerships) == 1
    assert ptce("validate", project).returncode == 0
