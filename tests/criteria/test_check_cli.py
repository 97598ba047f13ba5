"""``ptce check`` as users run it: Pôle Sud, the formats, exit codes and a plugin rule."""

from __future__ import annotations

import json
import textwrap

from ptce_kit.criteria import Verdict, check


def test_pole_sud_does_not_yet_establish_the_definition_of_art_9_and_says_why(ptce, pole_sud_path):
    done = ptce("check", pole_sud_path, "--at", "2015")
    assert done.returncode == 0, done.stderr
    # A warning (no enterprise besides the ESS core is stated) is not a pass: not established, not met.
    assert "→ the data does not yet establish that the definition of art. 9 of loi n° 2014-856 is met" in done.stdout
    assert "art9.ess-core" in done.stdout and "9 ESS enterprises form the core" in done.stdout
    # The fiche leaves open which partners are non-ESS enterprises: the only one is announced.
    assert "association-chefs-entreprise-za" in done.stdout and "warn" in done.stdout


def test_pole_sud_is_not_eligible_to_state_calls_and_is_told_what_it_would_take(ptce, pole_sud_path):
    done = ptce("check", pole_sud_path, "--profile", "state-call", "--format", "json", "--at", "2015")
    assert done.returncode == 1, done.stderr
    [report] = json.loads(done.stdout)
    results = {r["rule"]: r for r in report["results"]}
    legal = results["decret.legal-person"]
    assert legal["verdict"] == "fail"
    assert "informal" in legal["message"] and "legal person" in legal["message"]
    assert "association" in legal["hint"] and "SCIC" in legal["hint"] and "GIE" in legal["hint"]
    assert legal["source"].startswith("Décret n° 2015-431") and "art. 3, 1°" in legal["source"]
    assert report["failed"] is True
    assert report["conclusions"]["state-call"]["verdict"] == "fail"


def test_pole_sud_report_in_python(pole_sud):
    report = check(pole_sud, at="2015")
    assert report.profiles == ("definition",) and not report.failed
    verdicts = {r.rule.id: r.verdict for r in report.results}
    assert verdicts["art9.other-enterprises"] is Verdict.WARN
    assert verdicts["art9.sustainable-development"] is Verdict.UNKNOWN
    assert [v for v in verdicts.values() if v is Verdict.FAIL] == []


def test_markdown_and_french_explanations(ptce, pole_sud_path):
    done = ptce("check", pole_sud_path, "--format", "md", "--lang", "fr", "--at", "2015")
    assert done.returncode == 0
    # French headings around the French titles (issue 17: they were English).
    assert done.stdout.startswith("# Pôle Sud : critères des PTCE")
    assert "### À SURVEILLER · Associées à des entreprises (`art9.other-enterprises`)" in done.stdout
    assert "**Conclusion :** les données n’établissent pas encore que la définition de l’art. 9" in done.stdout
    assert "Un PTCE est d’abord le regroupement d’entreprises" in done.stdout


def test_several_files_and_an_unreadable_one(ptce, pole_sud_path, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [\n", encoding="utf-8")
    done = ptce("check", pole_sud_path, bad, "--format", "json", "--at", "2015")
    assert done.returncode == 1
    assert [r["pole"] for r in json.loads(done.stdout)] == ["pole-sud"]
    assert "bad.yaml" in done.stderr and "Traceback" not in done.stderr


def test_misuse_exits_2(ptce, pole_sud_path):
    done = ptce("check", pole_sud_path, "--profile", "nope")
    assert done.returncode == 2 and "unknown profile 'nope'" in done.stderr
    done = ptce("check", pole_sud_path, "--at", "yesterday")
    assert done.returncode == 2 and "--at" in done.stderr


def test_a_scic_gets_the_scic_profile_by_default(tmp_path, ptce, pole_sud_path):
    text = pole_sud_path.read_text(encoding="utf-8").replace("  form: informal", "  form: scic")
    path = tmp_path / "pole.yaml"
    path.write_text(text, encoding="utf-8")
    done = ptce("check", path, "--format", "json", "--at", "2015")
    [report] = json.loads(done.stdout)
    assert report["profiles"] == ["definition", "scic"]
    assert {r["rule"]: r["verdict"] for r in report["results"]}["scic.categories"] == "unknown"


def test_a_network_adds_its_own_rule_through_the_entry_point(tmp_path, ptce_subprocess, pole_sud_path):
    # A real installed distribution, as pip leaves it: a module and its dist-info.
    (tmp_path / "mynetwork_rules.py").write_text(textwrap.dedent('''
        from ptce_kit.criteria import Finding, Rule

        def _meets(ctx):
            n = len(ctx.pole.governance.bodies)
            return Finding("pass" if n else "fail", f"{n} governing bodies", {"fields": ["governance.bodies"]})

        RULES = [Rule(id="reseau.instances", source="Charte du réseau régional, art. 2",
                      title_id="A governing body", explanation_id="The pole has at least one body.",
                      wordings={"fr": ("Une instance de gouvernance", "Le pôle a au moins une instance.")},
                      profile="reseau", function=_meets)]
    '''), encoding="utf-8")
    info = tmp_path / "mynetwork_rules-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: mynetwork-rules\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[ptce_kit.criteria]\nreseau = mynetwork_rules:RULES\n", encoding="utf-8")
    # A new interpreter, so that the distribution is found on its path.
    done = ptce_subprocess("check", pole_sud_path, "--profile", "reseau", "--profile", "definition", "--format",
                           "json", env={"PYTHONPATH": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    [report] = json.loads(done.stdout)
    assert report["profiles"] == ["reseau", "definition"]
    first = report["results"][0]
    assert (first["rule"], first["verdict"], first["message"]) == ("reseau.instances", "pass", "1 governing bodies")


def test_scic_rules_asked_of_a_pole_that_is_not_a_scic_do_not_apply(pole_sud):
    report = check(pole_sud, "scic", at="2015")
    assert not report.failed
    assert {r.finding.applies for r in report.results} == {False}
    assert report.conclusion("scic") == "the SCIC rules of loi n° 47-1775 do not apply to this pole"
    assert report.to_dict()["results"][0]["applies"] is False


def test_the_conclusion_says_not_established_as_the_charter_does(pole_sud_path):
    """A warning does not make the definition met: ``ptce check`` and the charter say the same."""
    from ptce_kit.io import load_pole
    from ptce_kit.render.documents import render_markdown

    pole = load_pole(pole_sud_path)
    report = check(pole, "definition")
    assert Verdict.WARN in {r.verdict for r in report.results}
    assert not any(r.verdict is Verdict.FAIL for r in report.results)
    assert report.conclusion("definition", "fr").startswith(
        "les données n’établissent pas encore que la définition de l’art. 9 de la loi n° 2014-856 est remplie")
    assert report.conclusion("definition", "en").startswith("the data does not yet establish that the definition")
    assert "ne permettent pas encore d’établir" in render_markdown(pole, "charter", lang="fr")


def test_legal_acts_and_kinds_of_associates_are_said_in_french(ptce, pole_sud_path):
    from pathlib import Path

    french = ptce("--lang", "fr", "check", pole_sud_path).stdout
    assert "actes juridiques : bail" in french and "lease" not in french
    coteaux = Path(pole_sud_path).parents[1] / "coteaux_fictif" / "pole.yaml"
    scic = ptce("--lang", "fr", "check", coteaux, "--profile", "scic", "--format", "md").stdout
    assert "(usagers)" in scic and "(users)" not in scic and "(employees)" not in scic
    english = ptce("--lang", "en", "check", coteaux, "--profile", "scic", "--format", "md").stdout
    assert "(users)" in english


def test_a_pole_with_no_actor_yet_is_not_judged_failing():
    """A pole just made (no actor listed) is not shown failing art. 9: its data says nothing yet."""
    from ptce_kit.model import Pole
    from ptce_kit.render.documents import render_markdown

    pole = Pole(id="neuf", name="Pôle Neuf")
    report = check(pole, "definition")
    verdicts = {r.rule.id: r.verdict for r in report.results}
    for rule in ("art9.ess-core", "art9.other-enterprises", "art9.local-partners", "art9.common-strategy"):
        assert verdicts[rule] is Verdict.UNKNOWN, (rule, verdicts[rule])
    assert Verdict.FAIL not in verdicts.values()
    assert report.conclusion("definition", "fr").startswith("les données n’établissent pas encore")
    purpose = render_markdown(pole, "charter", lang="fr").split("## Article 2")[0]
    purpose = purpose.replace("\xa0", " ").replace("\u202f", " ")
    assert "non remplie" not in purpose and "ne remplit pas" not in purpose
    assert "en décideraient les acteurs du pôle (champ `actors`)" in purpose
    # The judgements stay the members'; a missing datum is not one of them.
    judged = purpose.split("Les membres apprécient eux-mêmes")[1]
    assert "« innovants socialement ou technologiquement »" in judged and "le regroupement" not in judged
