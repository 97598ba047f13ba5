"""Every sentence of the charter and the fiche is true of every pole, or drawn from its data.

One small pole per statement the documents used to make without data (issue 19), under
``tests/data/documents/``: each test renders it and checks the sentence that was wrong.
"""

from __future__ import annotations

import re
from pathlib import Path

from ptce_kit.io import load_pole
from ptce_kit.model import Pole
from ptce_kit.render.documents import render_markdown
from ptce_kit.render.typography import NBSP

DATA = Path(__file__).resolve().parents[1] / "data" / "documents"


def _pole(name: str) -> Pole:
    return load_pole(DATA / f"{name}.yaml")


def _plain(text: str) -> str:
    """Markdown without escapes, with ordinary spaces (no-break spaces are typography)."""
    return re.sub(r"[\u00a0\u202f]", " ", text.replace("\\", ""))


def _charter(name: str, **options: object) -> str:
    return _plain(render_markdown(_pole(name), "charter", **options))


def _section(text: str, heading: str) -> str:
    """The text under a heading (``## …`` or ``### …``), up to the next heading of the same level or above."""
    level = heading.split(" ")[0]
    start = text.index(heading) + len(heading)
    ends = [m.start() for m in re.finditer(r"^#{1,%d} " % len(level), text[start:], re.MULTILINE)]
    return text[start:start + ends[0]] if ends else text[start:]


def _article(text: str, title: str) -> str:
    match = re.search(r"^## Article \d+ : " + re.escape(title) + "$", text, re.MULTILINE)
    assert match, f"no article {title!r}"
    return _section(text, match.group(0))


def test_no_decision_rule_leaves_a_blank_not_a_consensus():
    charter = _charter("no-decision-rule")
    assert "recherchent l’accord de tous" not in charter
    assert "Les décisions communes sont prises selon la règle suivante : [règle de décision à préciser]." in charter
    joining = _article(charter, "Adhésion, retrait et exclusion")
    assert "examinée par l’Assemblée des membres, qui se prononce selon la règle suivante : " \
           "[règle de décision à préciser]" in joining
    english = _plain(render_markdown(_pole("no-decision-rule"), "charter", lang="en"))
    assert "seek everyone’s agreement" not in english and "[decision rule to be specified]" in english


def test_a_scic_without_college_data_is_not_told_one_associate_one_vote():
    charter = _charter("scic-without-colleges")
    assert "Chaque associé dispose d’une voix" not in charter
    scic = _article(charter, "Société coopérative d’intérêt collectif")
    assert "[règle de vote à préciser]" in scic
    assert "au moins trois catégories d’associés" in scic  # what the law requires of every SCIC


def test_purpose_quotes_article_9_and_states_the_intent():
    for name in ("definition-met", "definition-not-met"):
        purpose = _article(_charter(name), "Objet")
        assert "Les signataires entendent former ensemble un pôle territorial de coopération économique" in purpose
        assert "« Les pôles territoriaux de coopération économique sont constitués par le regroupement sur un " \
               "même territoire d’entreprises de l’économie sociale et solidaire" in purpose
        assert "porteurs d’un développement local durable. »" in purpose


def test_purpose_asserts_the_definition_only_when_the_check_passes():
    from ptce_kit.criteria import Verdict, check

    failing = _article(_charter("definition-not-met"), "Objet")
    assert "est un pôle territorial de coopération économique au sens" not in failing
    assert "répond à cette définition" not in failing
    # Every missing condition is one the data does not establish: the charter does not say it unmet.
    assert "Les données du pôle ne permettent pas encore d’établir que toutes les conditions de cette " \
           "définition sont remplies" in failing
    assert "ne remplit pas" not in failing
    # what is missing, in the law's words: the data does not establish it (a warning), it does not show it unmet
    assert "« qui s’associent à des entreprises » : condition non établie, faute de données qui la montrent" in failing
    assert "« au service de projets économiques et sociaux »" in failing

    met = _pole("definition-met")
    verdicts = {r.rule.id: r.verdict for r in check(met, "definition").results}
    assert not {Verdict.FAIL, Verdict.WARN} & set(verdicts.values())
    passing = _article(_plain(render_markdown(met, "charter")), "Objet")
    assert "Au vu de ses données, Pôle Complet répond à cette définition, sous réserve des points que les " \
           "données ne tranchent pas" in passing
    assert "« innovants socialement ou technologiquement »" in passing
    assert "ne remplit pas" not in passing
    heading = _plain(render_markdown(met, "charter")).split("## Préambule")[0]
    assert "\nPôle territorial de coopération économique (article 9" in heading
    assert "\nProjet de pôle territorial de coopération économique" in _charter("definition-not-met")


def test_partners_without_membership_do_not_contradict_the_purpose():
    charter = _charter("definition-not-met")
    partners = _section(charter, "### Partenaires associés")
    assert "la Mairie de Die" not in partners or "sans en être membre" in partners
    assert "**Mairie de Die**" in partners and "sans en être membre" in partners
    # The purpose quotes the law (« en lien avec des collectivités territoriales ») and
    # never says the pole gathers local authorities or research bodies as members.
    purpose = _article(charter, "Objet")
    outside_quote = re.sub(r"« Les pôles territoriaux.*?»", "", purpose, flags=re.DOTALL)
    assert not re.search(r"regroupe[^.]*collectivités territoriales", outside_quote)
    assert not re.search(r"regroupe[^.]*(centres|organismes) de recherche", outside_quote)


def test_an_employers_group_is_mutualisation():
    charter = _charter("employers-group")
    assert "Aucune action de ce type" not in charter
    mutualisation = _section(charter, "### Mutualisation")
    assert "Les acteurs du pôle partagent des moyens : personnel." in mutualisation
    assert "**Salariés à temps partagé**" in mutualisation
    assert "**GE Vallées Emploi** : groupement d’employeurs ; il met des salariés à la disposition de ses membres." \
        in mutualisation


def test_a_kind_of_tie_without_data_is_left_out():
    charter = _charter("partner-without-tie")
    cooperation = _article(charter, "Les formes de la coopération")
    assert "### Partenariat" in cooperation
    assert "### Mutualisation" not in cooperation and "### Coopération" not in cooperation


def test_a_resident_who_left_is_not_hosted_at_the_current_place():
    charter = _charter("former-site")
    premises = _section(charter, "### Locaux")
    assert "Y a ses locaux : la Tisserie Coopérative." in premises
    assert "Imprimerie" not in premises
    joining = _article(charter, "Adhésion, retrait et exclusion")
    assert "A quitté le pôle : l’Ancienne Imprimerie (juin 2020)." in joining


def test_a_site_the_pole_has_left_hosts_nobody():
    pole = _pole("former-site")
    # ``until`` on a site comes with dated sites (another part of the format): set as data would.
    pole = pole.model_copy(update={"site": pole.site.model_copy(update={"until": "2022"})})
    charter = _plain(render_markdown(pole, "charter"))
    assert "Les membres partagent un lieu" not in charter and "### Locaux" not in charter


def test_a_postal_address_is_not_a_shared_place():
    charter = _charter("postal-address")
    assert "partagent un lieu" not in charter
    assert "Moyens partagés" not in charter
    assert "Adresse du pôle : 12 avenue de la Gare." in _article(charter, "Objet")


def test_the_pivot_is_not_a_member_since_of_itself():
    charter = _charter("pivot-member-since")
    members = _article(charter, "Membres et engagements")
    pivot_line = next(line for line in members.splitlines() if "**Association Porteuse**" in line)
    assert "membre depuis" not in pivot_line and "structure porteuse du pôle" in pivot_line
    other = next(line for line in members.splitlines() if "**Coopérative Verte**" in line)
    assert "membre depuis septembre 2016" in other


def test_only_partners_with_a_partnership_are_said_to_take_part_in_them():
    partners = _section(_charter("partner-without-tie"), "### Partenaires associés")
    engaged, rest = partners.split("aucun partenariat ne l’y lie encore")
    assert "L’acteur suivant est engagé dans les partenariats du pôle sans en être membre :" in engaged
    assert "**Département de la Drôme**" in engaged and "Université" not in engaged
    assert "**Université Grenoble Alpes**" in rest


def _with_ceased(pole: Pole, actor_id: str, **fields: str) -> Pole:
    """``pole`` where an actor has the fields of its own end (``ceased`` …), whether or not the model has them."""
    data = pole.model_dump(mode="json", exclude_none=True)
    for actor in data["actors"]:
        if actor["id"] == actor_id:
            actor.update(fields)
    try:
        return Pole.model_validate(data)
    except ValueError:
        for actor in pole.actors:
            if actor.id == actor_id:
                for key, value in fields.items():
                    object.__setattr__(actor, key, value)
        return pole


def test_an_actor_that_ceased_to_exist_has_not_left_the_pole():
    pole = _with_ceased(_pole("ceased-actor"), "rhone-alpes", ceased="2015-12-31", ceased_how="merged",
                        successor="aura")
    charter = _plain(render_markdown(pole, "charter"))
    assert "quitté" not in charter
    assert "La Région Rhône-Alpes a fusionné avec la Région Auvergne-Rhône-Alpes le 31 décembre 2015." in charter
    members = _article(charter, "Membres et engagements")
    assert "Région Rhône-Alpes**" not in members and "**Région Auvergne-Rhône-Alpes**" in members
    english = _plain(render_markdown(pole, "charter", lang="en"))
    assert "left the pole" not in english
    assert "Région Rhône-Alpes merged with Région Auvergne-Rhône-Alpes on December 31, 2015." in english


# --- signatures and the clauses of a signable charter ---------------------------------

def _table(text: str, header: str) -> list[list[str]]:
    """The rows of the Markdown table whose header line starts with ``header``."""
    lines = text[text.index(header):].splitlines()[2:]
    rows = []
    for line in lines:
        if not line.startswith("| "):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def _signature_rows(charter: str) -> list[list[str]]:
    return _table(_section(charter, "## Signatures"), "| Membre | Représenté par |")


def test_signature_lines_are_for_legal_persons_and_natural_persons_only():
    charter = _charter("signatories")
    rows = _signature_rows(charter)
    assert [r[0] for r in rows] == ["Scop Menuiserie", "Commune de Die", "Claire Martin"]
    assert rows[0][1:3] == ["……………………", "……………………"]  # Représenté par, Qualité: to fill
    assert rows[2][1] == "en son nom propre"
    signatures = _section(charter, "## Signatures")
    # a grouping without legal personality never signs; a partner is not a member
    assert "Éleveurs" not in signatures and "Banque" not in signatures
    # a member whose legal form is unknown is named, to settle before signing
    assert "Forme juridique à préciser avant la signature" in signatures
    assert _table(signatures, "| Membre | Forme juridique |") == [
        ["Organismes de formation", "[forme juridique à préciser]"]]
    assert "en [nombre à préciser] exemplaires originaux" in signatures


def test_signature_count_gives_the_number_of_originals():
    pole = _pole("signatories")
    pole = pole.model_copy(update={"actors": [a for a in pole.actors if a.id != "formation"]})
    charter = _plain(render_markdown(pole, "charter", date="2025-05-01"))
    assert "Fait à Die, le 1er mai 2025, en 3 exemplaires originaux, un pour chaque signataire." in charter


def test_the_charter_has_the_clauses_a_signable_charter_has():
    charter = _charter("no-decision-rule", date="2025-05-01")
    duration = _article(charter, "Prise d’effet et durée")
    assert "La présente charte prend effet le 1er mai 2025, [pour une durée de … ans, ou pour une durée indéterminée : à choisir]" in duration
    assert "[date de prise d’effet à préciser]" in _article(_charter("no-decision-rule"), "Prise d’effet et durée")
    revision = _article(charter, "Révision")
    assert "examiné par l’Assemblée des membres, qui se prononce selon la règle suivante : " \
           "[règle de décision à préciser]" in revision
    disputes = _article(charter, "Règlement des différends")
    assert "Avant toute action en justice, ils recourent à une médiation, confiée à [médiateur à préciser]." \
        in disputes
    joining = _article(charter, "Adhésion, retrait et exclusion")
    assert "peut se retirer du pôle" in joining and "en être exclu par l’Assemblée des membres" in joining
    # The member is the one invited to present its observations, not the body that excludes it.
    assert "peut, après avoir été invité à présenter ses observations, en être exclu" in joining
    numbers = [int(n) for n in re.findall(r"^## Article (\d+) ", charter, re.MULTILINE)]
    assert numbers == list(range(1, len(numbers) + 1))


def test_an_unstated_form_is_a_blank():
    charter = _plain(render_markdown(Pole(id="p", name="P"), "charter"))
    assert "Forme du pôle : [forme juridique du pôle à préciser]." in charter
    assert "organisation informelle" not in charter
    fiche = _plain(render_markdown(Pole(id="p", name="P"), "fiche"))
    assert "[forme juridique du pôle à préciser]" in fiche and "a fait le choix" not in fiche


# --- grammar from data ------------------------------------------------------------------

def test_names_take_their_article_from_the_data():
    charter = _charter("definition-not-met")
    assert "acteurs du territoire du Pays Diois" in charter
    assert "**Collecte des encombrants** : la Mairie de Die, au bénéfice de la Recyclerie du Diois." in charter
    pivot = _plain(render_markdown(Pole(id="p", name="Pôle Sud", pivot="archer", actors=[
        {"id": "archer", "name": "Groupe Archer", "category": "ess_enterprise", "status": "member", "article": "le"}]), "charter"))
    assert "au sein de Pôle Sud, dont le Groupe Archer est la structure porteuse" in pivot
    english = _plain(render_markdown(_pole("definition-not-met"), "charter", lang="en"))
    assert "Mairie de Die, for Recyclerie du Diois" in english


def test_counts_agree_in_number():
    registry = _plain(render_markdown(_pole("no-decision-rule"), "registry"))
    assert "2 membres, aucun partenaire et aucun acteur pressenti." in registry
    assert "0 acteur" not in registry
    one = _plain(render_markdown(_pole("pivot-member-since").model_copy(update={"actors": _pole(
        "pivot-member-since").actors[:1]}), "registry", lang="en"))
    assert "1 member, no partner and no prospective actor." in one
    members = _article(_charter("pivot-member-since"), "Membres et engagements")
    assert "Le pôle réunit 2 membres, présentés ci-dessous" in members


def test_agreement_follows_the_gender_and_number_of_the_data():
    pole = Pole(id="p", name="P", site={"name": "La Halle"}, actors=[
        {"id": "a", "name": "Scop Tisserande", "category": "ess_enterprise", "status": "member", "article": "la", "presence": "resident",
         "roles": ["founder"]},
        {"id": "b", "name": "AMAP du Val", "category": "ess_enterprise", "status": "member", "article": "les", "gender": "f",
         "number": "plural", "presence": "office_hours"},
        {"id": "c", "name": "Atelier", "category": "ess_enterprise", "status": "member", "presence": "resident"}])
    members = _article(_plain(render_markdown(pole, "charter")), "Membres et engagements")
    assert "**Scop Tisserande** (entreprise de l’ESS ; fondatrice ; implantation au pôle)" in members
    # One noun phrase for every actor: no « y » without antecedent, nothing to agree (findings 15, 16).
    assert "**AMAP du Val** (entreprise de l’ESS ; permanences au pôle)" in members
    assert "**Atelier** (entreprise de l’ESS ; implantation au pôle)" in members
    premises = _section(_plain(render_markdown(pole, "charter")), "### Locaux")
    assert "- Y ont leurs locaux : la Scop Tisserande et Atelier." in premises
    assert "- Y tiennent des permanences : les AMAP du Val." in premises


def test_french_typography_is_kept_around_blanks():
    charter = render_markdown(_pole("no-decision-rule"), "charter")
    assert f"suivante{NBSP}: [règle de décision à préciser]." in charter


def test_a_funder_is_a_financeur_in_french():
    pole = Pole(id="p", name="P", actors=[
        {"id": "f", "name": "Fondation du Val", "category": "other", "status": "member", "article": "la", "roles": ["funder", "founder"]}])
    members = _article(_plain(render_markdown(pole, "charter")), "Membres et engagements")
    assert "**Fondation du Val** (financeur, fondatrice)" in members  # « autre » would repeat its heading
    assert "funder" not in members


def test_the_purpose_isjudged_at_a_date_of_the_data_not_today():
    from ptce_kit.render.documents import judged_at

    pole = _pole("former-site")
    assert judged_at(pole, None) == "2020-07-01"  # the day after the last event (left: 2020-06)
    assert judged_at(pole, "2025-05-01") == "2025-05-01"
    assert judged_at(_pole("no-decision-rule"), None) is None


def test_the_registry_agrees_presence_with_the_actor():
    from ptce_kit.render.documents import registry_table

    table = registry_table(_pole("signatories"))
    presence = table["columns"].index("Présence")
    scop = next(row for row in table["rows"] if row[0] == "scop")
    assert scop[presence] == "implantation au pôle"  # la Scop Menuiserie: the same words for every actor
    unknown = registry_table(Pole(id="p", name="P", actors=[
        {"id": "s", "name": "Scop VTD", "category": "ess_enterprise", "status": "member", "presence": "resident"}]))
    assert unknown["rows"][0][presence] == "implantation au pôle"  # no gender in the data: no agreement


def test_dates_take_the_words_french_needs():
    charter = _charter("ceased-actor")
    assert "**Région Auvergne-Rhône-Alpes** (collectivité territoriale), membre depuis le 1er janvier 2016." in charter
    assert "membre depuis 1er" not in charter


def test_an_ended_tie_is_not_a_current_form_of_cooperation():
    pole = _pole("partner-without-tie")
    data = pole.model_dump(mode="json", exclude_none=True)
    data["partnerships"].append({"id": "ancienne", "actors": ["universite", "coop"], "kind": "cooperation",
                                 "topic": "Étude de marché", "since": "2018", "until": "2019"})
    charter = _plain(render_markdown(Pole.model_validate(data), "charter"))
    cooperation = _article(charter, "Les formes de la coopération")
    assert "### Coopération" not in cooperation  # its only tie has ended
    ended = cooperation.split("Ce partenariat a pris fin :")[1]
    assert "**Étude de marché** : l’Université Grenoble Alpes et la Coopérative Verte, de 2018 à 2019." \
        in ended
