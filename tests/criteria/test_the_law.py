"""Issue 18, "The law, right": one test per point the review found, each against the text it cites."""

from __future__ import annotations

from criteria_poles import AT, actor

from ptce_kit.criteria import Verdict, check, registered_rules
from ptce_kit.model import Pole


def result(pole, rule_id, at=AT):
    profile = next(r.profile for r in registered_rules() if r.id == rule_id)
    return next(r for r in check(pole, profile, at=at).results if r.rule.id == rule_id)


def test_1_a_group_of_students_is_not_a_legal_person(make):
    """Décret 2015-431, art. 3, 2°: « trois personnes morales ou plus »."""
    from ptce_kit.criteria.status import legal_personality

    def students_instead_of_the_authority_and_the_lab(d):
        d["actors"] = [a for a in d["actors"] if a["id"] not in ("town", "lab")]
        d["actors"].append({"id": "students", "name": "Étudiants en master accueillis", "category": "higher_education"})
        d["partnerships"] = [{"id": "lease", "actors": ["hub", "asso", "firm", "students"], "kind": "mutualisation"}]
        d["indicators"] = []

    pole = make(students_instead_of_the_authority_and_the_lab)
    r = result(pole, "decret.members")
    assert r.verdict is Verdict.UNKNOWN, r.finding.message  # was "pass": the students were the third person
    assert "Étudiants" in r.finding.message and "actors[].legal_form_code" in r.finding.missing
    # One function says it, from the legal form: an association non déclarée, a person, a State service are not.
    assert legal_personality(pole.actor("students")).value is None
    assert legal_personality(actor_of(category="other", legal_form_code="9210")).value is False
    assert legal_personality(actor_of(category="public_body", legal_form_code="7172")).value is False
    assert legal_personality(actor_of(category="person")).value is False
    assert legal_personality(actor_of(category="enterprise", legal_form_code="5710")).value is True


def actor_of(**fields):
    from ptce_kit.model import Actor

    return Actor(id="x", name="X", **fields)


def test_2_each_condition_sits_under_the_text_that_sets_it(make):
    """Art. 9 says only « s'associent à des entreprises »; outside the ESS is the décret's (art. 3, 2°)."""
    only_ess = make(lambda d: actor(d, "firm").update(ess=True, legal_form_code="5710"))
    art9 = result(only_ess, "art9.other-enterprises")
    assert art9.verdict is Verdict.WARN  # was "fail", for a condition art. 9 does not state
    assert art9.rule.source.endswith("art. 9, al. 1") and "entreprises »" in art9.rule.text
    assert "hors" not in art9.rule.text and "ne relèvent pas" not in art9.rule.text
    decret = result(only_ess, "decret.members")
    assert decret.verdict is Verdict.FAIL and "an enterprise outside the ESS" in decret.finding.message
    assert decret.rule.source.endswith("art. 3, 2°") and "ne relèvent pas de l'économie sociale" in decret.rule.text


def test_3_unknown_is_not_false(make):
    # An enterprise whose ESS status is not given is not a non-ESS enterprise.
    unknown_status = make(lambda d: actor(d, "firm").update(ess=None, legal_form_code=None))
    r = result(unknown_status, "decret.members")
    assert r.verdict is Verdict.UNKNOWN and "actors[].ess" in r.finding.missing
    # An enterprise that left in the very period checked may not be there any more.
    leaving = make(lambda d: actor(d, "firm").update(left="2024"))
    r = result(leaving, "decret.members", at="2024-06")
    assert r.verdict is Verdict.UNKNOWN and "actors[].left" in r.finding.missing
    assert result(leaving, "decret.members", at="2025").verdict is Verdict.FAIL
    # No project listed: the file does not say.
    r = result(make(lambda d: d.update(projects=[])), "art9.projects")
    assert r.verdict is Verdict.UNKNOWN and r.finding.missing == ("projects",)
    # Colleges not described: not "one associate, one vote".
    r = result(make(lambda d: d["governance"].update(colleges=[])), "scic.colleges")
    assert r.verdict is Verdict.UNKNOWN and r.finding.missing == ("governance.colleges",)


def test_3_every_unknown_says_which_field_would_decide_it(ptce, pole_sud_path):
    import json

    done = ptce("check", pole_sud_path, "--profile", "definition", "--profile", "state-call", "--format", "json",
                "--at", "2015")
    [report] = json.loads(done.stdout)
    unknown = [r for r in report["results"] if r["verdict"] == "unknown"]
    assert unknown and all(r["missing"] for r in unknown), unknown
    table = ptce("check", pole_sud_path, "--profile", "state-call", "--at", "2015")
    assert table.stdout.count("would be decided by:") == sum(1 for r in unknown if r["profile"] == "state-call")


def test_4_the_form_makes_a_cooperative_of_the_ess_and_a_commercial_company_is_only_declared(make):
    from ptce_kit.criteria.status import ess_status
    from ptce_kit.reference import legal_forms

    scop = actor_of(category="enterprise", legal_form_code="5458", ess=False)
    assert ess_status(scop).value is True and "art. 1, II, 1°" in ess_status(scop).note
    assert legal_forms()["9223"].ess_form  # groupement d'employeurs: an association (code du travail, L1253-2)
    sas = actor_of(category="ess_enterprise", legal_form_code="5710")
    assert ess_status(sas).value is True and "II, 2°" in ess_status(sas).note and "not verified" in ess_status(sas).note
    siae = actor_of(category="enterprise", legal_form="SARL, entreprise d'insertion", roles=["siae"])
    assert ess_status(siae).value is None  # an insertion agreement alone is not the ESS
    pole = make(lambda d: actor(d, "asso").update(legal_form_code="5710", ess=None))
    assert "not verified" in result(pole, "art9.ess-core").finding.message


def test_5_a_single_college_is_one_associate_one_vote(make):
    r = result(make(lambda d: d["governance"].update(colleges=[{"name": "Associés"}])), "scic.colleges")
    assert r.verdict is Verdict.PASS and "one associate, one vote" in r.finding.message
    two = result(make(lambda d: d["governance"].update(colleges=[{"name": "A"}, {"name": "B"}])), "scic.colleges")
    assert two.verdict is Verdict.FAIL


def test_6_the_missing_criteria(make, pole_sud):
    ids = {r.id for r in registered_rules()}
    assert {"decret.project", "scic.form", "emerging.territorial-dynamic", "emerging.towards-ptce"} <= ids
    sarl = make(lambda d: actor(d, "hub").update(roles=["pivot", "scic-employees", "legal-entity"],
                                                  legal_form_code="5460"))
    assert result(sarl, "scic.form").verdict is Verdict.PASS
    association = make(lambda d: actor(d, "asso").update(roles=["scic-beneficiaries", "legal-entity"]))
    assert result(association, "scic.form").verdict is Verdict.FAIL
    # Pôle Sud, an informal pole, meets the emerging-poles profile.
    report = check(pole_sud, "emerging", at="2015")
    assert report.verdict("emerging") is Verdict.PASS and not report.failed


def test_7_one_definition_of_each_count(make):
    # A lease signed after the date of the check is not an active tie.
    later = make(lambda d: [p.update(since="2030") for p in d["partnerships"]])
    r = result(later, "signal.stale-ties")
    assert r.verdict is Verdict.WARN, r.finding.message
    # The pivot signal and the isolated-members signal count the same actors without a tie.
    alone = make(lambda d: d["actors"].append({"id": "solo", "name": "Solo", "category": "person"}))
    pivot, isolated = result(alone, "signal.pivot-dependence"), result(alone, "signal.isolated-members")
    assert isolated.finding.evidence["actors"] == ["solo"]
    assert "1 other actor already has no active tie" in pivot.finding.message
    # ptce show and ptce check count ESS enterprises the same way.
    from ptce_kit.summary import summarize

    pole = Pole(id="p", name="P", actors=[
        {"id": "a", "name": "A", "category": "ess_enterprise"}, {"id": "c", "name": "C", "category": "ess_enterprise"},
        {"id": "t", "name": "T", "category": "local_authority", "ess": True}])
    assert summarize(pole)["actors"]["ess"] == 2
    assert "2 ESS enterprises form the core" in result(pole, "art9.ess-core", at="2024").finding.message


def test_9_pole_emploi_is_france_travail_and_the_fiche_s_words_are_kept(pole_sud):
    agency = pole_sud.actor("pole-emploi")
    assert agency.name.startswith("France Travail")
    assert "« le Pôle emploi y est également très présent »" in agency.provenance
    assert "1er janvier 2024" in agency.provenance  # the provenance is in the pole's language


def test_10_every_rule_of_the_law_cites_article_and_item_and_quotes_the_text():
    for r in registered_rules(["definition", "state-call", "scic"]):
        # The text quoted, or (when its wording could not be read here) said so in brackets.
        assert r.text.startswith("«") or (r.text.startswith("[") and "not read" in (r.note or "")), r.id
        assert "art. " in r.source, r.id
    scic = {r.id: r.source for r in registered_rules(["scic"])}
    assert scic["scic.form"].endswith("art. 19 quinquies, al. 1")
    assert scic["scic.categories"].endswith("art. 19 septies, al. 2")
