"""Every refusal and warning of the format for real poles, in one language: codes, not sentences.

One small pole file per kind of error of the format's newer parts (an actor's life and structure,
sites and presences, colleges and associates, the form history, indicators, partnerships, events,
variants, support and labels, France's reference geography), run through ``ptce validate`` with
``--lang fr``, ``--lang en`` and the locale: each gives its stable code, and no word of the
other language (the word lists of :mod:`tests.i18n.test_no_other_language`).
"""

from __future__ import annotations

import copy
import json

import pytest

from test_no_other_language import LANG_ENV, offending

BASE = {
    "format": "ptce/1", "id": "essai", "name": "Essai",
    "territory": {"name": "Diois", "communes": [{"code": "26113", "name": "Die"}]},
    "actors": [{"id": "a", "name": "A", "category": "ess_enterprise"},
               {"id": "b", "name": "B", "category": "enterprise"},
               {"id": "c", "name": "C", "category": "local_authority"}],
    "partnerships": [{"id": "t", "actors": ["a", "b"], "kind": "cooperation"}],
}


def _actor(**fields):
    return lambda d: d["actors"][0].update(fields)


def _tie(**fields):
    return lambda d: d["partnerships"][0].update(fields)


def _set(key, value):
    return lambda d: d.__setitem__(key, value)


def _territory(**fields):
    return lambda d: d["territory"].update(fields)


#: (name, change to BASE, the code ptce validate gives, "error" or "warning")
CASES = [
    ("ceased-before-created", _actor(created="2015", ceased="2012"), "PTCE-E121", "error"),
    ("joined-before-created", _actor(created="2015", joined="2012"), "PTCE-E121", "error"),
    ("left-after-ceased", _actor(joined="2010", ceased="2012", left="2014"), "PTCE-E121", "error"),
    ("joined-after-ceased", _actor(ceased="2012", joined="2014"), "PTCE-E121", "error"),
    ("ceased-how-without-ceased", _actor(ceased_how="merged"), "PTCE-E126", "error"),
    ("own-successor", _actor(ceased="2012", successor="a"), "PTCE-E127", "error"),
    ("legal-person-unit", _actor(part_of="b", legal_person=True), "PTCE-E128", "error"),
    ("legal-person-collective", _actor(collective={"count": 3}, legal_person=True), "PTCE-E128", "error"),
    ("legal-person-natural", lambda d: d["actors"][0].update(category="person", legal_person=True),
     "PTCE-E128", "error"),
    ("unit-of-itself", _actor(part_of="a"), "PTCE-E127", "error"),
    ("unit-circle", lambda d: (d["actors"][0].update(part_of="b"), d["actors"][1].update(part_of="a")),
     "PTCE-E206", "error"),
    ("runs-itself", _actor(operator={"actor": "a", "contract": "lease"}), "PTCE-E127", "error"),
    ("owns-itself", _actor(owners=[{"actor": "a"}]), "PTCE-E127", "error"),
    ("owner-twice", _actor(owners=[{"actor": "b", "share": 10}, {"actor": "b", "share": 5}]), "PTCE-E122", "error"),
    ("owners-shares", _actor(owners=[{"actor": "b", "share": 60}, {"actor": "c", "share": 50}]), "PTCE-E129", "error"),
    ("contact-dates", _actor(contacts=[{"name": "X", "since": "2015", "until": "2012"}]), "PTCE-E121", "error"),
    ("operator-dates", _actor(operator={"actor": "b", "contract": "lease", "since": "2015", "until": "2012"}),
     "PTCE-E121", "error"),
    ("naf", _actor(naf="8899B"), "PTCE-E133", "error"),
    ("naf-2025", _actor(naf_2025="88 99"), "PTCE-E133", "error"),
    ("rna", _actor(rna="261000123"), "PTCE-E134", "error"),
    ("presence-unknown-site", _actor(presences=[{"site": "gare", "presence": "resident"}]), "PTCE-E205", "error"),
    ("presence-dates", lambda d: (d.update(sites=[{"id": "gare", "name": "Gare"}]), d["actors"][0].update(
        presences=[{"site": "gare", "presence": "resident", "since": "2015", "until": "2012"}])), "PTCE-E121", "error"),
    ("site-twice", _set("sites", [{"id": "gare", "name": "G"}, {"id": "gare", "name": "H"}]), "PTCE-E201", "error"),
    ("site-dates", _set("sites", [{"id": "gare", "name": "G", "since": "2015", "until": "2012"}]), "PTCE-E121", "error"),
    ("tie-after-ceased", lambda d: (d["actors"][1].update(ceased="2012"), d["partnerships"][0].update(since="2015")),
     "PTCE-E209", "error"),
    ("college-count", _set("governance", {"colleges": [{"name": "A", "members": ["a", "b"], "count": 1}]}),
     "PTCE-E131", "error"),
    ("college-known-count", _set("governance", {"colleges": [{"name": "A", "members": ["a"], "members_known": True,
                                                               "count": 4}]}), "PTCE-E131", "error"),
    ("college-weight-word", _set("governance", {"colleges": [{"name": "A", "weight": "beaucoup"}]}),
     "PTCE-E138", "error"),
    ("associates-count", _set("governance", {"associate_categories": [{"name": "U", "kind": "users",
                                                                        "members": ["a", "b"], "count": 1}]}),
     "PTCE-E131", "error"),
    ("associates-capital", _set("governance", {"associate_categories": [
        {"name": "U", "kind": "users", "capital_share": 70}, {"name": "S", "kind": "employees", "capital_share": 40}]}),
     "PTCE-E129", "error"),
    ("associate-two-categories", _set("governance", {"associate_categories": [
        {"name": "U", "kind": "users", "members": ["a"]}, {"name": "S", "kind": "employees", "members": ["a"]}]}),
     "PTCE-E207", "error"),
    ("form-history-order", _set("governance", {"form_history": [{"form": "scic", "since": "2016"},
                                                                 {"form": "association", "since": "2011"}]}),
     "PTCE-E121", "error"),
    ("form-history-open", _set("governance", {"form_history": [{"form": "association", "since": "2011"},
                                                                {"form": "scic", "since": "2016"}]}),
     "PTCE-E121", "error"),
    ("form-history-overlap", _set("governance", {"form_history": [
        {"form": "association", "since": "2011", "until": "2017"}, {"form": "scic", "since": "2016"}]}),
     "PTCE-E121", "error"),
    ("form-history-until", _set("governance", {"form_history": [{"form": "association", "since": "2016",
                                                                  "until": "2011"}]}), "PTCE-E121", "error"),
    ("form-against-history", _set("governance", {"form": "gie", "form_history": [{"form": "scic", "since": "2016"}]}),
     "PTCE-E128", "error"),
    ("indicator-no-figure", _set("indicators", [{"name": "Emplois", "source": "S"}]), "PTCE-E132", "error"),
    ("indicator-two-ways", _set("indicators", [{"name": "Emplois", "value": 3, "at_least": 2, "source": "S"}]),
     "PTCE-E132", "error"),
    ("indicator-half-range", _set("indicators", [{"name": "Emplois", "min": 3, "source": "S"}]), "PTCE-E132", "error"),
    ("indicator-range-order", _set("indicators", [{"name": "Emplois", "min": 5, "max": 3, "source": "S"}]),
     "PTCE-E132", "error"),
    ("indicator-scope-actor", _set("indicators", [{"name": "Emplois", "value": 3, "scope": "actor", "source": "S"}]),
     "PTCE-E101", "error"),
    ("indicator-scope-against-actor", _set("indicators", [{"name": "Emplois", "value": 3, "scope": "pole",
                                                           "actor": "a", "source": "S"}]), "PTCE-E128", "error"),
    ("indicator-series-twice", _set("indicators", [{"name": "Emplois", "value": 3, "year": 2020, "source": "S"},
                                                   {"name": "Emplois", "value": 4, "year": 2020, "source": "T"}]),
     "PTCE-E208", "error"),
    ("tie-alone", _tie(actors=["a"]), "PTCE-E139", "error"),
    ("tie-participants", _tie(participants=1), "PTCE-E131", "error"),
    ("tie-duration", _tie(duration="longtemps"), "PTCE-E136", "error"),
    ("chain-directed", _tie(chain=True, directed=True, source="a", target="b"), "PTCE-E128", "error"),
    ("chain-unknown-participants", _tie(chain=True, participants_known=False), "PTCE-E128", "error"),
    ("event-to-itself", _set("events", [{"date": "2019", "kind": "gift", "from": "a", "to": "a"}]),
     "PTCE-E127", "error"),
    ("event-twice", _set("events", [{"id": "don", "date": "2019", "kind": "gift"},
                                    {"id": "don", "date": "2020", "kind": "gift"}]), "PTCE-E201", "error"),
    ("event-a-tie-id", _set("events", [{"id": "t", "date": "2019", "kind": "gift"}]), "PTCE-E201", "error"),
    ("variant-path-shape", _set("variants", [{"field": "Actors / joined", "values": [
        {"value": 1, "source": "S"}, {"value": 2, "source": "T"}]}]), "PTCE-E137", "error"),
    ("variant-no-field", _set("variants", [{"field": "actors[zz].joined", "values": [
        {"value": "2010", "source": "S"}, {"value": "2011", "source": "T"}]}]), "PTCE-E210", "error"),
    ("variant-not-among", _set("variants", [{"field": "founded", "chosen": "2009", "values": [
        {"value": "2010", "source": "S"}, {"value": "2011", "source": "T"}]}]), "PTCE-E210", "error"),
    ("variant-not-the-value", lambda d: d.update(founded="2011", variants=[{"field": "founded", "chosen": "2010",
        "values": [{"value": "2010", "source": "S"}, {"value": "2011", "source": "T"}]}]), "PTCE-E210", "error"),
    ("support-currency", _set("support", [{"funder": {"name": "État", "kind": "state"}, "amount": {"value": 10,
                                                                                      "currency": "euros"}}]), "PTCE-E135", "error"),
    ("support-dates", _set("support", [{"funder": {"name": "État", "kind": "state"}, "since": "2015",
                                        "until": "2012"}]), "PTCE-E121", "error"),
    ("label-other-unnamed", _set("labels", [{"kind": "other"}]), "PTCE-E101", "error"),
    ("label-dates", _set("labels", [{"kind": "esus", "since": "2015", "until": "2012"}]), "PTCE-E121", "error"),
    ("commune-unknown", _territory(communes=[{"code": "26999", "name": "Nulle part"}]), "PTCE-E130", "error"),
    ("commune-postal-code", _territory(communes=[{"code": "26150", "name": "Die"}]), "PTCE-W131", "warning"),
    ("commune-country", _actor(commune="99134"), "PTCE-E130", "error"),
    ("actor-postal-code", _actor(commune="26400"), "PTCE-E130", "error"),
    ("departement-shape", _territory(departement={"code": "Drôme", "name": "Drôme"}), "PTCE-E130", "error"),
    ("college-count-word", _set("governance", {"colleges": [{"name": "A", "count": "beaucoup"}]}), "PTCE-E106",
     "error"),
    ("variant-one-value", _set("variants", [{"field": "founded", "values": [{"value": "2010", "source": "S"}]}]),
     "PTCE-E108", "error"),
    ("departement-unknown", _territory(departement={"code": "98", "name": "Drôme"}), "PTCE-E130", "error"),
    ("departement-both", _territory(departement={"code": "26", "name": "Drôme"},
                                    departements=[{"code": "26", "name": "Drôme"}]), "PTCE-E128", "error"),
    ("region-unknown", _territory(region={"code": "99", "name": "Nulle"}), "PTCE-E130", "error"),
    ("epci-unknown", _territory(epci={"siren": "732829320"}), "PTCE-E130", "error"),
    ("epci-empty", _territory(epci={}), "PTCE-E101", "error"),
    ("former-commune", _actor(commune="26029"), "PTCE-W130", "warning"),
    ("commune-without-code", _territory(communes=[{"name": "Die"}]), "PTCE-W132", "warning"),
    ("commune-without-code-unknown", _territory(communes=[{"name": "Diee"}]), "PTCE-W132", "warning"),
    ("commune-wrong-name", _territory(communes=[{"code": "26113", "name": "Crest"}]), "PTCE-W131", "warning"),
    ("commune-outside-departement", _territory(departement={"code": "38", "name": "Isère"}), "PTCE-W133", "warning"),
    ("commune-outside-region", _territory(region={"code": "93", "name": "Provence-Alpes-Côte d'Azur"}),
     "PTCE-W133", "warning"),
    ("commune-outside-epci", _territory(epci={"siren": "200040459"}), "PTCE-W133", "warning"),
    ("departement-wrong-name", _territory(departement={"code": "26", "name": "Isère"}), "PTCE-W131", "warning"),
    ("former-region", _territory(region={"code": "82", "name": "Rhône-Alpes"}), "PTCE-W131", "warning"),
    ("epci-wrong-name", _territory(epci={"siren": "242600534", "name": "CC du Vercors"}), "PTCE-W134", "warning"),
    ("epci-without-siren", _territory(epci={"name": "CC du Diois"}), "PTCE-W134", "warning"),
]


@pytest.fixture(scope="module")
def poles(tmp_path_factory):
    folder = tmp_path_factory.mktemp("format-errors")
    files = {}
    for name, change, _, _ in CASES:
        data = copy.deepcopy(BASE)
        change(data)
        files[name] = folder / f"{name}.yaml"
        files[name].write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return files


@pytest.fixture(scope="module")
def reports(poles):
    """``ptce validate --json`` of every case: its errors' and warnings' codes."""
    from tests.conftest import run_ptce

    result = run_ptce("validate", "--json", *poles.values(), env={"PTCE_LANG": "en"})
    by_file = {entry["file"]: entry for entry in json.loads(result.stdout)}
    return {name: by_file[str(path)] for name, path in poles.items()}


def test_the_base_pole_is_valid(ptce, tmp_path):
    pole = tmp_path / "pole.yaml"
    pole.write_text(json.dumps(BASE), encoding="utf-8")
    result = ptce("validate", "--json", pole)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["warnings"] == []


@pytest.mark.parametrize(("name", "code", "kind"), [(n, c, k) for n, _, c, k in CASES], ids=[c[0] for c in CASES])
def test_each_kind_of_problem_has_its_code(reports, name, code, kind):
    report = reports[name]
    found = [p["code"] for p in report.get("problems" if kind == "error" else "warnings") or []]
    assert code in found, report
    assert None not in found and "PTCE-E199" not in found, report
    if kind == "warning":
        assert report["valid"], report


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("how", ["option", "locale"])
def test_every_problem_is_in_one_language(ptce, poles, lang, how):
    args = ["validate", *poles.values()] + (["--lang", lang] if how == "option" else [])
    result = ptce(*args, env=LANG_ENV[lang] if how == "locale" else {"PTCE_LANG": "en" if lang == "fr" else "fr"})
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert output.count("[PTCE-E") >= sum(kind == "error" for *_, kind in CASES)
    assert output.count("[PTCE-W") >= sum(kind == "warning" for *_, kind in CASES)
    wrong = offending(_without_place_names(output), lang)
    assert not wrong, (wrong, output)


def _without_place_names(text):
    """``text`` without the names of France's places, which are data in both languages (« CC du Diois »)."""
    from ptce_kit.reference import geo

    names = {geo.commune(code).name for dep in ("26", "38") for code in geo.commune_codes(departement=dep)}
    names |= {e.name for e in geo.epcis()} | {d.name for d in geo.departements()} | {r.name for r in geo.regions()}
    names |= {name for _, (name, _) in geo.FORMER_REGIONS.items()}
    for name in sorted(names, key=len, reverse=True):
        if " " in name or "-" in name:
            text = text.replace(name, " ")
    return text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_import_rejections_of_the_reference_geography_are_in_one_language(ptce, tmp_path, pole_sud_path, lang):
    # Rows refused by the format's newer checks (a postal code, a country, a code no commune has, a SIRET
    # of another SIREN): message and hint in the reader's language.
    import shutil

    pole = tmp_path / "pole.yaml"
    shutil.copy(pole_sud_path, pole)
    sheet = tmp_path / "membres.csv"
    sheet.write_text("Nom;Catégorie;Commune;SIREN;SIRET\n"
                     "Atelier Un;Scop;26400;;\nAtelier Deux;Scop;99134;;\nAtelier Trois;Scop;26999;;\n"
                     "Atelier Quatre;Scop;;732829320;55203253400646\n", encoding="utf-8")
    result = ptce("import", sheet, "--into", pole, "--dry-run", "--lang", lang)
    assert result.returncode == 1
    assert result.stderr.count("\n") >= 5
    wrong = offending(_without_place_names(result.stderr), lang)
    assert not wrong, (wrong, result.stderr)
