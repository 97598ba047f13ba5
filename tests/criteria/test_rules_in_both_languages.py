"""Every branch of every rule speaks French with ``fr`` and English with ``en`` (issue 17, item 2).

Each profile is run over the small poles that reach each branch of the rules (the cases of
test_criteria_rules.py, and the branches of the SCIC rules, the territory, the ESS status of
commercial companies, ceased actors and State support they do not reach); the report, in
Markdown and as JSON, is read with the word lists of tests/i18n.
"""

from __future__ import annotations

import copy
import functools
import importlib.util
from pathlib import Path
from typing import Any

import pytest
from criteria_poles import AT, GOOD, actor
from test_criteria_rules import CASES, chain, drop_actor, set_, set_actor

from ptce_kit.criteria import Finding, Rule, check, register_rule, unregister_rule
from ptce_kit.criteria.status import ess_status, legal_personality
from ptce_kit.i18n import render
from ptce_kit.model import Actor, Pole

PROFILES = ["definition", "state-call", "scic", "emerging", "signals"]
STATE = {"name": "État", "kind": "state"}
ROLE_ENTITY = ["pivot", "scic-employees", "legal-entity"]


@functools.cache
def _word_check() -> Any:
    """``offending(text, lang)`` of tests/i18n/test_no_other_language.py (one word check for every output)."""
    path = Path(__file__).resolve().parents[1] / "i18n" / "test_no_other_language.py"
    spec = importlib.util.spec_from_file_location("_word_lists", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.offending


def _categories(*cats: dict[str, Any]):
    return set_(("governance", "associate_categories"), list(cats))


# Branches the verdict cases of test_criteria_rules.py do not reach.
MORE = [
    # art9.territory: the EPCI, départements, a région alone
    set_("territory", {"name": "Romans", "communes": [{"code": "26281", "name": "Romans-sur-Isère"}],
                       "epci": {"siren": "200068781"}}),
    set_("territory", {"name": "Agglo", "epci": {"siren": "200068781"}}),
    set_("territory", {"name": "Drôme", "departements": [{"code": "26", "name": "Drôme"},
                                                         {"code": "07", "name": "Ardèche"}]}),
    set_("territory", {"name": "AURA", "region": {"code": "84", "name": "Auvergne-Rhône-Alpes"}}),
    lambda d: [a.pop("commune", None) for a in d["actors"]],
    # the ESS status: a commercial company by its statutes (met, broken, partly read), declared, disowned forms
    set_actor("asso", category="enterprise", legal_form_code="5710",
              statutes={"social_utility": True, "development_fund_share": 20, "retained_share": 50}),
    set_actor("asso", category="enterprise", legal_form_code="5710", statutes={"retained_share": 10}),
    set_actor("asso", category="enterprise", legal_form_code="5710", statutes={"social_utility": True}),
    set_actor("asso", category="enterprise", legal_form_code="5710", ess=True),
    set_actor("hub", ess=False),
    set_actor("firm", ess=True, legal_form_code="7210"),
    set_actor("asso", legal_form_code=None, legal_form="association non déclarée"),
    # legal personality: collective actors, units, venues, forms in words, an unknown code
    set_actor("lab", collective={"count": 25}),
    set_actor("lab", part_of="town"),
    set_actor("lab", legal_form="SARL SCOP"),
    set_actor("lab", legal_person=False, legal_form_code="9220"),
    set_actor("lab", legal_form_code="9999"),
    # ceased actors: within the period judged, and before it
    set_actor("asso", ceased="2024"),
    set_actor("asso", ceased="2020", ceased_how="dissolved"),
    # decret.legal-person: associations, declared or not
    set_(("governance", "form"), "association"),
    chain(set_(("governance", "form"), "association"),
          set_(("governance", "legal_acts"), [{"kind": "déclaration en préfecture", "since": "2015"}])),
    # decret.not-yet-supported: undecided, a call the format does not know, complete with none won
    set_("support", [{"funder": STATE, "call": "ptce-2015", "outcome": "pending"}]),
    set_("support", [{"funder": STATE, "call": "appel régional", "outcome": "laureate"}]),
    chain(set_("support", [{"funder": STATE, "call": "ptce-2015", "outcome": "not-retained"}]),
          set_("support_complete", True)),
    # scic.form: the variable capital from the statutes
    chain(set_actor("hub", roles=ROLE_ENTITY, legal_form_code="5785"),
          set_(("governance", "statutes"), {"variable_capital": True})),
    chain(set_actor("hub", roles=ROLE_ENTITY, legal_form_code="5785"),
          set_(("governance", "statutes"), {"variable_capital": False})),
    set_actor("hub", roles=ROLE_ENTITY, legal_form_code="9220"),
    # scic.categories and scic.public-capital from governance.associate_categories
    _categories({"name": "Salariés", "kind": "employees", "members": ["hub"], "capital_share": 30},
                {"name": "Usagers", "kind": "users", "members": ["asso"], "capital_share": 30},
                {"name": "Collectivités", "kind": "public", "members": ["town"], "capital_share": 40}),
    _categories({"name": "Usagers", "kind": "users", "members": ["asso"]},
                {"name": "Collectivités", "kind": "public", "members": ["town", "lab"], "capital_share": 60}),
    _categories({"name": "Collectivités", "kind": "public", "members": ["town"]}),
    _categories({"name": "Personne", "kind": "users", "count": 0}),
    _categories({"name": "Salariés", "kind": "employees", "members": ["hub"], "capital_share": 100}),
    set_("indicators", [{"name": "Part", "min": 30, "max": 70, "unit": "capital_percent", "actor": "town",
                         "source": "statuts"}]),
    # scic.colleges: a weight the statutes leave unknown, a single college too heavy
    set_(("governance", "colleges"), [{"name": "A", "weight": 40}, {"name": "B", "weight": "unknown"},
                                      {"name": "C", "weight": 30}]),
    # signals: prospective actors only, no pivot tie
    set_actor("lab", status="prospective"),
]

POLES = [change for _, change, _ in CASES] + MORE


def _pole(change: Any) -> Pole:
    data = copy.deepcopy(GOOD)
    if change is not None:
        change(data)
    return Pole.model_validate(data)


def _data_words(pole: Pole) -> list[str]:
    """The pole's own words (names, places, what it quotes), which are data and stay as written."""
    words = [pole.name] + [a.name for a in pole.actors] + [p.name for p in pole.projects]
    words += [b.name for b in pole.governance.bodies] + [c.name for c in pole.governance.colleges]
    words += [c.name for c in pole.governance.associate_categories] + [act.kind for act in pole.governance.legal_acts]
    if pole.territory is not None:
        words += [pole.territory.name] + [c.name for c in pole.territory.communes]
        if (epci := pole.territory.epci) is not None:  # the reference geography's name of it, too
            words += [epci.name, epci.reference.name if epci.reference else None]
    return sorted(filter(None, words), key=len, reverse=True)


def _readable(report: Any, pole: Pole, lang: str) -> str:
    """What a reader reads of a report in ``lang``: the Markdown less the sources' lines, and the JSON's sentences."""
    markdown = "\n".join(line for line in report.to_markdown(lang).splitlines()
                         if not (line.startswith("*") and line.endswith("*")))
    data = report.to_dict(lang)
    sentences = [c["conclusion"] for c in data["conclusions"].values()]
    sentences += [f"{r['message']}\n{r['hint'] or ''}\n{r['title']}\n{r['explanation']}" for r in data["results"]]
    text = markdown + "\n" + "\n".join(sentences)
    for words in _data_words(pole):
        text = text.replace(words, " ")
    return text


@functools.cache
def _checked(index: int) -> tuple[Pole, Any]:
    """The pole ``index`` of :data:`POLES` and its report over every profile (checked once for both tests)."""
    pole = _pole(POLES[index])
    return pole, check(pole, PROFILES, at=AT)


@pytest.mark.parametrize("index", range(len(POLES)))
def test_every_branch_of_every_profile_is_in_one_language(index):
    pole, report = _checked(index)
    offending = _word_check()
    for lang in ("fr", "en"):
        text = _readable(report, pole, lang)
        assert not offending(text, lang), (lang, offending(text, lang), text)


def test_the_poles_reach_every_verdict_of_every_rule():
    # The poles above are the ones that reach the branches: each rule meets at least two verdicts.
    seen: dict[str, set[str]] = {}
    for index in range(len(POLES)):
        for r in _checked(index)[1].results:
            seen.setdefault(r.rule.id, set()).add(r.verdict.value)
    assert all(len(v) >= 2 for k, v in seen.items() if k not in {"art9.innovation", "art9.sustainable-development"})
    assert seen["scic.public-capital"] == {"pass", "warn", "fail", "unknown"}
    assert seen["scic.colleges"] == {"pass", "fail", "unknown"}


def _actor(**fields: Any) -> Actor:
    return Actor.model_validate({"id": "x", "name": "X", "category": "enterprise", **fields})


@pytest.mark.parametrize("fields", [
    {"legal_person": True, "legal_form_code": "7210"}, {"legal_person": False, "legal_form_code": "5710"},
    {"collective": {"count": 3}}, {"part_of": "y"}, {"operator": {"actor": "y", "contract": "lease"}}, {"category": "person"},
    {"legal_form_code": "9999"}, {"legal_form_code": "5710"}, {"legal_form": "association non déclarée"},
    {"legal_form": "SARL"}, {},
])
def test_what_the_law_makes_of_an_actor_is_said_in_both_languages(fields):
    offending = _word_check()
    for answer in (legal_personality(_actor(**fields)), ess_status(_actor(**fields))):
        for lang in ("fr", "en"):
            for text in filter(None, (answer.reason, answer.note)):
                said = render(text, lang)
                assert said and not offending(said, lang), (lang, said)
        assert render(answer.reason, "fr") != render(answer.reason, "en")


def test_a_network_rule_gives_its_own_words_per_language(pole_sud):
    def has_body(ctx):
        return Finding("pass", "one body", {"fields": ["governance.bodies"]})

    rule = register_rule(Rule(id="reseau.body", source="Charte", title_id="A body",
                              explanation_id="The pole has a body.", profile="reseau-test", function=has_body,
                              wordings={"fr": ("Une instance", "Le pôle a une instance.")}))
    try:
        result = check(pole_sud, "reseau-test", at="2015").results[0].to_dict("fr")
        assert (result["title"], result["explanation"]) == ("Une instance", "Le pôle a une instance.")
        assert (rule.title("en"), rule.explanation("en")) == ("A body", "The pole has a body.")
    finally:
        unregister_rule("reseau.body")


def test_figures_and_lists_follow_french_typography():
    reserves = _pole(set_(("governance", "statutes"), {"reserves_share": 40}))
    [result] = [r for r in check(reserves, "scic", at=AT).results if r.rule.id == "scic.reserves"]
    # Percentages as format_percent writes them: a no-break space before « % » in French, none in English.
    assert render(result.finding.message, "fr") == ("les statuts mettent 40\u00a0% des excédents en réserves "
                                                    "impartageables, moins de 57,5\u00a0%")
    assert render(result.finding.message, "en").endswith("into indivisible reserves, less than 57.5%")
    lacking = _pole(chain(drop_actor("lab"), drop_actor("asso"), set_actor("town", category="person")))
    [members] = [r for r in check(lacking, "state-call", at=AT).results if r.rule.id == "decret.members"]
    assert " ; " in render(members.finding.message, "fr") and " ; " not in render(members.finding.message, "en")


COTEAUX = Path(__file__).resolve().parents[2] / "examples" / "coteaux_fictif" / "pole.yaml"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_check_table_of_a_scic_is_in_one_language(ptce, lang):
    # The fictitious SCIC reaches the SCIC rules' statutes, categories and capital branches in the terminal table.
    from ptce_kit.io import load_pole

    pole = load_pole(COTEAUX)
    result = ptce("check", COTEAUX, *(a for p in PROFILES for a in ("--profile", p)), "--at", "2024",
                  "--lang", lang, env={"COLUMNS": "2000"})
    assert result.returncode in (0, 1), result.stderr
    text = "\n".join(line for line in result.stdout.splitlines() if "sources" not in line)
    for words in _data_words(pole):
        text = text.replace(words, " ")
    assert "scic.categories" in text and "scic.public-capital" in text
    assert not _word_check()(text, lang), (_word_check()(text, lang), text)
