"""The rules: one record per criterion, each with its legal source and explanation.

Profiles
--------
``definition``
    Loi n° 2014-856 du 31 juillet 2014 relative à l'économie sociale et solidaire, art. 9:
    what a PTCE is.  The default profile.
``state-call``
    Décret n° 2015-431 du 15 avril 2015 relatif aux appels à projets des pôles
    territoriaux de coopération économique, art. 3: who may answer a State call.
``scic``
    Loi n° 47-1775 du 10 septembre 1947 portant statut de la coopération, art. 19 septies
    and 19 octies, when the pole is itself a SCIC (applied by default then).  Articles are
    cited as numbered in 2014; a legal database shows 19 septies renumbered since (as 19
    octodecies), which could not be confirmed here.
``signals``
    Not law: structure signals that networks watch, reported as ``warn``.

Conventions read from the data file (documented in docs/networks.md)
---------------------------------------------------------------------
* An actor is an ESS enterprise (loi 2014-856, art. 1) when ``ess: true``, or when its
  category is ``ess_enterprise`` and ``ess`` is left empty; a non-ESS enterprise is an
  actor of category ``enterprise`` whose ``ess`` is not ``true``, or of category
  ``ess_enterprise`` with ``ess: false``.
* SCIC categories of associates are actor roles ``scic-employees``, ``scic-producers``,
  ``scic-beneficiaries``, ``scic-volunteers``, ``scic-public``, ``scic-contributors``.
* A share of a SCIC's capital is an indicator with ``unit: capital_percent`` and the
  ``actor`` who holds it.

Every rule returns ``unknown`` rather than a guess when the data file does not say.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

from ..model import Actor, Category, Family, GovernanceForm, ProjectStatus, earliest, latest
from .core import Context, Finding, Rule, Verdict, register_rule

__all__ = [
    "LOI_ESS", "DECRET_PTCE", "LOI_COOP", "SIGNAL",
    "is_ess_enterprise", "is_other_enterprise", "SCIC_ROLES", "CAPITAL_UNIT",
]

LOI_ESS = "Loi n° 2014-856 du 31 juillet 2014 relative à l'économie sociale et solidaire, art. 9"
DECRET_PTCE = ("Décret n° 2015-431 du 15 avril 2015 relatif aux appels à projets des pôles "
               "territoriaux de coopération économique, art. 3")
LOI_COOP = "Loi n° 47-1775 du 10 septembre 1947 portant statut de la coopération"
SIGNAL = "Not law: a structure signal that networks of PTCE watch"

#: Actor roles naming the SCIC category of associates an actor belongs to.
SCIC_ROLES = {
    "scic-employees": "salariés", "scic-producers": "producteurs", "scic-beneficiaries": "bénéficiaires",
    "scic-volunteers": "bénévoles", "scic-public": "personnes publiques", "scic-contributors": "autres contributeurs",
}
#: Indicator unit of a share of the SCIC's capital, in percent.
CAPITAL_UNIT = "capital_percent"

#: Categories art. 9 names besides enterprises ("en lien avec …").
_ART9_OTHERS = (Category.LOCAL_AUTHORITY, Category.PUBLIC_BODY, Category.RESEARCH_CENTRE,
                Category.HIGHER_EDUCATION, Category.TRAINING_BODY, Category.PERSON, Category.OTHER)
_LEGAL_PERSON_FORMS = (GovernanceForm.ASSOCIATION, GovernanceForm.SCIC, GovernanceForm.GIE,
                       GovernanceForm.COOPERATIVE)


def is_ess_enterprise(actor: Actor) -> bool:
    """An ESS enterprise in the sense of loi 2014-856, art. 1, as far as the file says.

    Examples
    --------
    >>> from ptce_kit.model import Actor
    >>> is_ess_enterprise(Actor(id="a", name="A", category="ess_enterprise"))
    True
    >>> is_ess_enterprise(Actor(id="b", name="B", category="enterprise", ess=True))
    True
    >>> is_ess_enterprise(Actor(id="c", name="C", category="ess_enterprise", ess=False))
    False
    """
    if actor.ess is not None:
        return actor.ess and actor.family is Family.ENTERPRISES
    return actor.category is Category.ESS_ENTERPRISE


def is_other_enterprise(actor: Actor) -> bool:
    """An enterprise whose statutes are not those of the ESS.

    Examples
    --------
    >>> from ptce_kit.model import Actor
    >>> is_other_enterprise(Actor(id="a", name="A", category="enterprise"))
    True
    >>> is_other_enterprise(Actor(id="b", name="B", category="enterprise", ess=True))
    False
    """
    return actor.family is Family.ENTERPRISES and not is_ess_enterprise(actor)


def _ids(actors: list[Actor]) -> list[str]:
    return [a.id for a in actors]


def _names(actors: list[Actor]) -> str:
    return ", ".join(a.name for a in actors)


def rule(id: str, source: str, profile: str, title_fr: str, title_en: str,
         explanation_fr: str, explanation_en: str) -> Callable[[Callable[[Context], Finding]], Rule]:
    """Register the decorated function as a rule with this record."""

    def wrap(function: Callable[[Context], Finding]) -> Rule:
        return register_rule(Rule(id=id, source=source, profile=profile, title_fr=title_fr, title_en=title_en,
                                  explanation_fr=" ".join(explanation_fr.split()),
                                  explanation_en=" ".join(explanation_en.split()), function=function),
                             replace=True)

    return wrap


# --- definition: loi 2014-856, art. 9 -------------------------------------------------


@rule("art9.ess-core", LOI_ESS, "definition",
      "Des entreprises de l'ESS au cœur du pôle", "ESS enterprises at the core",
      """Un PTCE est d'abord le regroupement d'entreprises de l'économie sociale et solidaire au
      sens de l'article 1er de la loi. La règle compte les entreprises de l'ESS présentes
      (membres ou partenaires, pas les acteurs pressentis) : au moins deux passent, une seule
      donne un avertissement (la loi parle d'entreprises au pluriel), aucune échoue. Le pivot
      devrait en être une.""",
      """A PTCE is first a grouping of enterprises of the social and solidarity economy as
      defined by art. 1 of the law. The rule counts the ESS enterprises present (members or
      partners, not prospective actors): two or more pass, one alone warns (the law speaks of
      enterprises, plural), none fails. The pivot should be one of them.""")
def _ess_core(ctx: Context) -> Finding:
    ess = [a for a in ctx.present if is_ess_enterprise(a)]
    pivot = ctx.pole.pivot_actor
    evidence = {"actors": _ids(ess), "fields": ["actors[].category", "actors[].ess"]}
    if not ess:
        return Finding(Verdict.FAIL, "no ESS enterprise is part of the pole", evidence,
                       "mark the ESS enterprises with category: ess_enterprise (and ess: true)")
    pivot_note = ""
    if pivot is not None:
        evidence["fields"].append("pivot")
        pivot_note = (f"; the pivot, {pivot.name}, is one of them" if is_ess_enterprise(pivot)
                      else f"; but the pivot, {pivot.name}, is not an ESS enterprise")
    if len(ess) == 1:
        return Finding(Verdict.WARN, f"only one ESS enterprise ({ess[0].name}) is part of the pole{pivot_note}",
                       evidence, "a PTCE groups several ESS enterprises")
    return Finding(Verdict.PASS, f"{len(ess)} ESS enterprises form the core ({_names(ess)}){pivot_note}", evidence)


@rule("art9.other-enterprises", LOI_ESS, "definition",
      "Associées à d'autres entreprises", "Associated with other enterprises",
      """Les entreprises de l'ESS « s'associent à des entreprises » : la règle cherche des
      entreprises qui ne relèvent pas de l'ESS (catégorie enterprise). Une telle entreprise
      présente passe ; si elles ne sont que pressenties, ou si le statut ESS des entreprises
      n'est pas renseigné, c'est un avertissement (le point reste ouvert) ; aucune entreprise
      hors ESS, même pressentie, échoue.""",
      """The ESS enterprises "associate with enterprises": the rule looks for enterprises
      outside the ESS (category enterprise). One present passes; when they are only
      prospective, the point is open and the rule warns; no non-ESS enterprise at all, not
      even a prospective one, fails.""")
def _other_enterprises(ctx: Context) -> Finding:
    present = [a for a in ctx.present if is_other_enterprise(a)]
    coming = [a for a in ctx.prospective if is_other_enterprise(a)]
    evidence = {"actors": _ids(present + coming), "fields": ["actors[].category", "actors[].status"]}
    if present:
        return Finding(Verdict.PASS, f"{len(present)} non-ESS enterprise(s) take part: {_names(present)}", evidence)
    if coming:
        return Finding(Verdict.WARN,
                       f"no non-ESS enterprise is part of the pole yet; only announced: {_names(coming)} "
                       "(status: prospective)", evidence,
                       "when they join, set their status to member or partner; list any other "
                       "enterprise outside the ESS the pole works with")
    return Finding(Verdict.FAIL, "no enterprise outside the ESS is associated with the pole", evidence,
                   "add the enterprises outside the ESS the pole works with (category: enterprise)")


@rule("art9.local-partners", LOI_ESS, "definition",
      "En lien avec collectivités, recherche, formation…", "In link with authorities, research, training…",
      """Le regroupement se fait « en lien avec des collectivités territoriales et leurs
      groupements, des centres de recherche, des établissements d'enseignement supérieur et de
      recherche, des organismes de formation ou toute autre personne physique ou morale ». La
      règle passe quand au moins un tel acteur est présent et lié par un partenariat ;
      présent mais sans lien, c'est un avertissement ; aucun, un échec.""",
      """The grouping is made "in link with local authorities and their groupings, research
      centres, higher-education and research establishments, training bodies or any other
      natural or legal person". The rule passes when at least one such actor is present and
      tied by a partnership; present but untied, it warns; none, it fails.""")
def _local_partners(ctx: Context) -> Finding:
    others = [a for a in ctx.present if a.category in _ART9_OTHERS]
    if not others:
        return Finding(Verdict.FAIL, "no local authority, research centre, university, training body or other "
                       "person is linked to the pole", {"fields": ["actors[].category"]},
                       "add the authorities, research and training partners the pole works with")
    G = ctx.graph
    tied = [a for a in others if a.id in G and G.degree(a.id) > 0]
    evidence = {"actors": _ids(tied or others), "fields": ["actors[].category", "partnerships"]}
    by_cat = sorted({a.category.value for a in tied})
    if tied:
        return Finding(Verdict.PASS, f"{len(tied)} partners other than enterprises are tied to the pole "
                       f"({', '.join(by_cat)}): {_names(tied)}", evidence)
    return Finding(Verdict.WARN, f"{_names(others)} are listed but no partnership ties them to the pole", evidence,
                   "record the partnerships that link them to the enterprises")


@rule("art9.territory", LOI_ESS, "definition",
      "Sur un même territoire", "On one territory",
      """Le regroupement se fait « sur un même territoire ». La règle demande un territoire
      nommé (territory) ; quand les communes des acteurs sont connues, elle mesure la part des
      liens internes au territoire (ancrage territorial) et avertit sous la moitié. Sans
      territoire, le fichier ne dit rien : inconnu.""",
      """The grouping is made "on one territory". The rule wants a named territory; when the
      actors' communes are known it measures the share of ties within the territory
      (territorial anchoring) and warns below one half. Without a territory the file does not
      say: unknown.""")
def _territory(ctx: Context) -> Finding:
    territory = ctx.pole.territory
    if territory is None:
        return Finding(Verdict.UNKNOWN, "the data file names no territory", {"fields": ["territory"]},
                       "describe the territory (name, communes with their INSEE codes)")
    anchoring = ctx.territorial_anchoring
    evidence = {"fields": ["territory.name"] + (["territory.communes"] if territory.communes else [])}
    where = territory.name + (f" ({len(territory.communes)} communes)" if territory.communes else "")
    share = anchoring["within_territory"]
    if share is None:
        return Finding(Verdict.PASS, f"the pole is on one territory: {where}; the actors' communes are not given, "
                       "so how local the ties are is not measured", evidence)
    evidence["fields"].append("actors[].commune")
    text = f"{share:.0%} of the {anchoring['ties_with_communes']} ties with known communes stay within {where}"
    if share < 0.5:
        return Finding(Verdict.WARN, text, evidence, "check the territory's communes and the actors' communes")
    return Finding(Verdict.PASS, text, evidence)


@rule("art9.common-strategy", LOI_ESS, "definition",
      "Une stratégie commune et continue", "A common and continuing strategy",
      """Les acteurs mettent en œuvre « une stratégie commune et continue de mutualisation, de
      coopération ou de partenariat ». Preuves : des partenariats de ces trois sortes, actifs à
      la date du contrôle, entre acteurs présents ; la continuité se lit dans une instance qui
      se réunit à un rythme donné ou dans des actes juridiques. Des liens sans rien qui montre
      leur continuité donnent un avertissement ; aucun lien actif, un échec.""",
      """The actors carry out "a common and continuing strategy of mutualisation, cooperation
      or partnership". Evidence: partnerships of these kinds, active at the date of the check,
      between present actors; continuity shows in a body meeting at a given cadence or in
      legal acts. Ties with nothing showing continuity warn; no active tie fails.""")
def _common_strategy(ctx: Context) -> Finding:
    G = ctx.graph
    active = sorted({d["partnership"] for *_, d in G.edges(data=True)})
    kinds = sorted({d["kind"] for *_, d in G.edges(data=True)})
    if not active:
        return Finding(Verdict.FAIL, f"no partnership between present actors is active at {ctx.at}",
                       {"fields": ["partnerships"]}, "record the pole's partnerships (kind, actors, since)")
    gov = ctx.pole.governance
    cadenced = [i for i, b in enumerate(gov.bodies) if b.cadence]
    fields = [f"governance.bodies[{i}].cadence" for i in cadenced]
    fields += ["governance.legal_acts"] if gov.legal_acts else []
    evidence = {"partnerships": active, "fields": fields}
    text = f"{len(active)} active partnerships ({', '.join(kinds)})"
    if not fields:
        return Finding(Verdict.WARN, text + ", but nothing shows the strategy is common and continuing "
                       "(no body meeting at a cadence, no legal act)", evidence,
                       "record the body where members meet and how often (governance.bodies[].cadence)")
    shows = []
    if cadenced:
        c = gov.bodies[cadenced[0]].cadence
        assert c is not None
        shows.append(f"{gov.bodies[cadenced[0]].name} meets every {c.every} {c.unit}{'s' * (c.every > 1)}")
    if gov.legal_acts:
        shows.append("legal acts: " + ", ".join(a.kind for a in gov.legal_acts))
    return Finding(Verdict.PASS, f"{text}; continuity: {'; '.join(shows)}", evidence)


@rule("art9.projects", LOI_ESS, "definition",
      "Au service de projets économiques et sociaux", "Serving economic and social projects",
      """La stratégie est « au service de projets économiques et sociaux ». La règle compte les
      projets du fichier qui ne sont pas abandonnés : au moins un en cours, achevé ou sans
      statut passe ; seulement des projets prévus, un avertissement ; aucun, un échec.""",
      """The strategy serves "economic and social projects". The rule counts the file's
      projects that are not abandoned: at least one active, completed or without status
      passes; only planned ones warn; none fails.""")
def _projects(ctx: Context) -> Finding:
    alive = [p for p in ctx.pole.projects if p.status is not ProjectStatus.ABANDONED]
    real = [p for p in alive if p.status is not ProjectStatus.PLANNED]
    evidence = {"projects": [p.id for p in alive], "fields": ["projects"]}
    if real:
        return Finding(Verdict.PASS, f"{len(real)} projects: " + ", ".join(p.name for p in real), evidence)
    if alive:
        return Finding(Verdict.WARN, "only planned projects: " + ", ".join(p.name for p in alive), evidence)
    return Finding(Verdict.FAIL, "the data file lists no economic or social project", {"fields": ["projects"]},
                   "list the pole's projects (name, actors, status)")


def _passages(ctx: Context, words: str) -> tuple[list[str], list[str]]:
    """Narrative sections (and the sentences) where a pattern appears, for a reader to judge."""
    pattern = re.compile(words, re.IGNORECASE)
    fields, quotes = [], []
    texts = [("description", ctx.pole.description)] + [
        (f"narrative.{name}", getattr(ctx.pole.narrative, name)) for name in type(ctx.pole.narrative).model_fields
        if name != "provenance"]
    for name, text in texts:
        if not text or not pattern.search(text):
            continue
        fields.append(name)
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
            if pattern.search(sentence) and len(quotes) < 3:
                quotes.append("« " + " ".join(sentence.split()).strip(" #") + " »")
    return fields, quotes


def _for_a_reader(ctx: Context, words: str, what: str) -> Finding:
    fields, quotes = _passages(ctx, words)
    if not fields:
        return Finding(Verdict.UNKNOWN, f"the data file does not say whether {what}", {},
                       "a person who knows the pole must judge it; describe it in the narrative")
    return Finding(Verdict.UNKNOWN, f"a person must judge whether {what}; the text speaks of it: " + " ".join(quotes),
                   {"fields": fields}, "read these passages; ptce-kit does not judge free text")


@rule("art9.innovation", LOI_ESS, "definition",
      "Des projets innovants socialement ou technologiquement", "Socially or technologically innovative projects",
      """Les projets sont « innovants socialement ou technologiquement ». C'est un jugement, pas
      une donnée : la règle répond toujours « inconnu » et signale les passages du récit qui
      en parlent, pour qu'une personne tranche.""",
      """The projects are "socially or technologically innovative". That is a judgement, not a
      datum: the rule always answers unknown and points to the passages of the narrative that
      speak of it, for a person to decide.""")
def _innovation(ctx: Context) -> Finding:
    return _for_a_reader(ctx, r"innov|innovat|expériment|experiment|alternati", "the projects are innovative")


@rule("art9.sustainable-development", LOI_ESS, "definition",
      "Porteurs d'un développement local durable", "Carrying local sustainable development",
      """Les projets sont « porteurs d'un développement local durable ». Le fichier ne le dit
      que par le récit : la règle répond « inconnu » plutôt que de deviner, et cite les
      passages qui en parlent.""",
      """The projects "carry local sustainable development". The file only says so in its
      narrative: the rule answers unknown rather than guess, and quotes the passages that
      speak of it.""")
def _sustainable(ctx: Context) -> Finding:
    return _for_a_reader(ctx, r"durable|sustainab|développement local|local development",
                         "the projects carry local sustainable development")


# --- state-call: décret 2015-431, art. 3 -----------------------------------------------


@rule("decret.legal-person", DECRET_PTCE + ", 1°", "state-call",
      "Une personne morale de droit privé", "A private-law legal person",
      """Pour répondre à un appel à projets de l'État, le pôle doit être « une personne morale
      de droit privé ». Un pôle informel (de simples baux, des réunions) ne l'est pas : il lui
      faudrait se constituer en association (loi du 1er juillet 1901), en SCIC, en GIE ou en
      autre coopérative, puis l'inscrire dans governance.form et joindre ses statuts.""",
      """To answer a State call for projects the pole must be "a private-law legal person".
      An informal pole (leases, meetings) is not: it would have to incorporate as an
      association (loi du 1er juillet 1901), a SCIC, a GIE or another cooperative, then record
      it in governance.form and add its statutes.""")
def _legal_person(ctx: Context) -> Finding:
    gov = ctx.pole.governance
    evidence = {"fields": ["governance.form"] + (["governance.legal_acts"] if gov.legal_acts else [])}
    if gov.form in _LEGAL_PERSON_FORMS:
        statutes = [a for a in gov.legal_acts if "statut" in a.kind.lower()]
        if not statutes:
            return Finding(Verdict.PASS, f"the pole is a {gov.form.value}, a private-law legal person "
                           "(its statutes are not recorded in governance.legal_acts)", evidence)
        return Finding(Verdict.PASS, f"the pole is a {gov.form.value}, a private-law legal person", evidence)
    if gov.form is GovernanceForm.OTHER:
        return Finding(Verdict.UNKNOWN, "the pole's form is 'other': the file does not say whether it is a "
                       "private-law legal person", evidence, "give its legal form in governance.form")
    acts = ", ".join(a.kind for a in gov.legal_acts) or "none"
    return Finding(Verdict.FAIL, f"the pole is informal (legal acts: {acts}): it is not a legal person, so it "
                   "cannot answer a State call as such", evidence,
                   "incorporate the pole as an association (loi 1901), a SCIC or a GIE with its members, "
                   "then set governance.form and add the statutes to governance.legal_acts")


@rule("decret.members", DECRET_PTCE + ", 2°", "state-call",
      "Trois personnes morales dont une entreprise de l'ESS, une autre entreprise et une autre personne",
      "Three legal persons: an ESS enterprise, another enterprise, another person",
      """Le pôle est constitué de trois personnes morales ou plus, dont au moins une entreprise
      de l'ESS (art. 1er de la loi 2014-856), une entreprise dont les statuts ne relèvent pas
      de l'ESS (ou un groupement d'entreprises dont la majorité des membres n'en relèvent pas)
      et une autre personne nommée à l'article 9 (collectivité, recherche, enseignement
      supérieur, formation…). Les personnes physiques et les acteurs pressentis ne comptent
      pas.""",
      """The pole is made of three or more legal persons, among them at least one ESS
      enterprise (art. 1 of loi 2014-856), one enterprise whose statutes are not those of the
      ESS (or a group of enterprises most of whose members are not) and one other person
      named in art. 9 (authority, research, higher education, training…). Natural persons and
      prospective actors do not count.""")
def _members(ctx: Context) -> Finding:
    legal = [a for a in ctx.present if a.category is not Category.PERSON]
    ess = [a for a in legal if is_ess_enterprise(a)]
    other_ent = [a for a in legal if is_other_enterprise(a)]
    # The most telling other person first: an authority before "other".
    others = sorted((a for a in legal if a.category in _ART9_OTHERS), key=lambda a: _ART9_OTHERS.index(a.category))
    evidence = {"actors": _ids(ess[:1] + other_ent[:1] + others[:1]), "fields": ["actors[].category", "actors[].status"]}
    missing = []
    if len(legal) < 3:
        missing.append(f"three legal persons (only {len(legal)})")
    if not ess:
        missing.append("an ESS enterprise")
    if not other_ent:
        coming = [a for a in ctx.prospective if is_other_enterprise(a)]
        missing.append("an enterprise outside the ESS" + (f" ({_names(coming)} is only prospective)" if coming else ""))
        evidence["actors"] += _ids(coming)
    if not others:
        missing.append("another person named in art. 9")
    if missing:
        return Finding(Verdict.FAIL, "the pole lacks " + "; ".join(missing), evidence,
                       "bring these members into the pole (status: member) before answering a call")
    return Finding(Verdict.PASS, f"{len(legal)} legal persons, including {ess[0].name} (ESS), "
                   f"{other_ent[0].name} (non-ESS enterprise) and {others[0].name}", evidence)


@rule("decret.not-yet-supported", DECRET_PTCE, "state-call",
      "Pas déjà soutenu par un appel précédent", "Not already supported by a previous call",
      """D'après le décret, un pôle déjà soutenu par l'État lors d'un précédent appel à
      projets ne peut pas candidater de nouveau (condition reprise des présentations du décret ;
      son numéro d'alinéa n'a pas pu être vérifié ici). Le format de données n'a pas de champ
      pour cela : la règle répond « inconnu ».""",
      """Under the décret, a pole already supported by the State in a previous call for
      projects may not apply again (condition as reported in summaries of the décret; its
      item number could not be checked here). The data format has no field for it: the rule
      answers unknown.""")
def _not_yet_supported(ctx: Context) -> Finding:
    return Finding(Verdict.UNKNOWN, "the data file does not say whether the pole was supported by a previous "
                   "State call", {}, "check the lists of laureates of the previous calls")


# --- scic: loi 47-1775 -----------------------------------------------------------------


def _not_scic(ctx: Context) -> Finding | None:
    form = ctx.pole.governance.form
    if form is GovernanceForm.SCIC:
        return None
    return Finding(Verdict.UNKNOWN, f"not applicable: the pole is not a SCIC (governance.form: {form.value})",
                   {"fields": ["governance.form"]}, applies=False)


@rule("scic.categories", LOI_COOP + ", art. 19 septies", "scic",
      "Au moins trois catégories d'associés", "At least three categories of associates",
      """Une SCIC « comprend au moins trois catégories d'associés, parmi lesquelles figurent
      obligatoirement les personnes qui bénéficient habituellement […] des activités de la
      coopérative et les salariés ou, en l'absence de personnes salariées […], les
      producteurs ». Le fichier l'indique par les rôles scic-employees, scic-producers,
      scic-beneficiaries, scic-volunteers, scic-public, scic-contributors des acteurs.""",
      """A SCIC "has at least three categories of associates, among which necessarily the
      persons who habitually benefit from its activities and the employees or, when it has
      none, the producers". The file says so through the actors' roles scic-employees,
      scic-producers, scic-beneficiaries, scic-volunteers, scic-public, scic-contributors.""")
def _scic_categories(ctx: Context) -> Finding:
    if (na := _not_scic(ctx)) is not None:
        return na
    holders: dict[str, list[str]] = {}
    for a in ctx.present:
        for role in a.roles:
            if role in SCIC_ROLES:
                holders.setdefault(role, []).append(a.id)
    evidence = {"actors": [i for ids in holders.values() for i in ids], "fields": ["actors[].roles"]}
    if not holders:
        return Finding(Verdict.UNKNOWN, "the data file does not say which categories of associates the SCIC has",
                       {"fields": ["actors[].roles"]},
                       "give each associate a role among " + ", ".join(SCIC_ROLES))
    cats = sorted(holders)
    missing = []
    if len(cats) < 3:
        missing.append(f"at least three categories (has {len(cats)}: {', '.join(cats)})")
    if "scic-beneficiaries" not in holders:
        missing.append("the beneficiaries (scic-beneficiaries)")
    if "scic-employees" not in holders and "scic-producers" not in holders:
        missing.append("the employees, or the producers when it has no employees (scic-employees / scic-producers)")
    if missing:
        return Finding(Verdict.FAIL, "the SCIC lacks " + "; ".join(missing), evidence,
                       "admit associates of the missing categories, or record their roles")
    return Finding(Verdict.PASS, f"{len(cats)} categories of associates: " +
                   ", ".join(SCIC_ROLES[c] for c in cats), evidence)


@rule("scic.public-capital", LOI_COOP + ", art. 19 septies", "scic",
      "Collectivités : au plus 50 % du capital", "Local authorities: at most 50 % of the capital",
      """Les collectivités territoriales, leurs groupements et les établissements publics
      territoriaux peuvent détenir ensemble jusqu'à 50 % du capital d'une SCIC (seuil porté
      de 20 % à 50 % par la loi 2014-856). Les parts se lisent dans les indicateurs
      d'unité capital_percent rattachés à un acteur. Les acteurs de catégorie local_authority
      comptent ; ceux de catégorie public_body ne comptent que s'ils sont des établissements
      publics territoriaux, ce que le fichier ne dit pas : s'ils font passer le total au-delà
      de 50 %, c'est un avertissement.""",
      """Local authorities, their groupings and territorial public establishments may hold
      together up to 50 % of a SCIC's capital (raised from 20 % to 50 % by loi 2014-856).
      Shares are read from indicators with unit capital_percent tied to an actor. Actors of
      category local_authority count; public_body actors count only if they are territorial
      public establishments, which the file does not say: if they push the total over 50 %,
      the rule warns.""")
def _scic_capital(ctx: Context) -> Finding:
    if (na := _not_scic(ctx)) is not None:
        return na
    shares = [(i, ind) for i, ind in enumerate(ctx.pole.indicators) if ind.unit == CAPITAL_UNIT and ind.actor]
    if not shares:
        return Finding(Verdict.UNKNOWN, "the data file gives no share of the capital", {"fields": ["indicators"]},
                       f"record each associate's share as an indicator with unit: {CAPITAL_UNIT} and its actor")
    category = {a.id: a.category for a in ctx.pole.actors}
    local = [(i, ind) for i, ind in shares if category.get(ind.actor) is Category.LOCAL_AUTHORITY]
    public = [(i, ind) for i, ind in shares if category.get(ind.actor) is Category.PUBLIC_BODY]
    held = sum(ind.value for _, ind in local)
    with_public = held + sum(ind.value for _, ind in public)
    evidence = {"actors": [ind.actor for _, ind in local + public if ind.actor],
                "fields": [f"indicators[{i}]" for i, _ in local + public]}
    if held > 50:
        return Finding(Verdict.FAIL, f"local authorities hold {held:g} % of the capital, more than 50 %", evidence,
                       "bring the local authorities' share down to 50 % or less")
    if with_public > 50:
        return Finding(Verdict.WARN, f"local authorities hold {held:g} %, {with_public:g} % with other public "
                       "bodies: check whether these are territorial public establishments", evidence)
    return Finding(Verdict.PASS, f"local authorities and public bodies hold {with_public:g} % of the capital "
                   "(at most 50 %)", evidence)


@rule("scic.colleges", LOI_COOP + ", art. 19 octies", "scic",
      "Collèges de vote : de trois à dix, chacun entre 10 et 50 %", "Voting colleges: three to ten, each 10 to 50 %",
      """Les statuts peuvent répartir les associés en trois collèges ou plus ; sauf disposition
      contraire chaque collège a le même nombre de voix, et aucun ne peut détenir plus de 50 %
      ni moins de 10 % des droits de vote ; il y a donc au plus dix collèges, ce qui découle du
      plancher de 10 %. Sans poids donnés, les collèges sont réputés égaux. Sans collège, la règle ne s'applique pas (une personne, une voix) et passe.""",
      """The statutes may split the associates into three or more colleges; unless they say
      otherwise every college has as many votes, and none may hold more than 50 % or less
      than 10 % of the votes; hence ten colleges at most, which follows from the 10 % floor.
      Without weights the colleges count as equal. Without colleges the rule does not
      apply (one member, one vote) and passes.""")
def _scic_colleges(ctx: Context) -> Finding:
    if (na := _not_scic(ctx)) is not None:
        return na
    colleges = ctx.pole.governance.colleges
    if not colleges:
        return Finding(Verdict.PASS, "no voting colleges: one associate, one vote", {"fields": ["governance.colleges"]})
    n = len(colleges)
    weights = [c.weight if c.weight is not None else 100 / n for c in colleges]
    evidence = {"fields": [f"governance.colleges[{i}].weight" for i in range(n)]}
    problems = [] if n >= 3 else [f"only {n} college{'s' * (n > 1)} (three or more are required)"]
    problems += [f"{c.name} has {w:g} %" for c, w in zip(colleges, weights, strict=True) if not 10 <= w <= 50]
    if problems:
        return Finding(Verdict.FAIL, "; ".join(problems) + " (each college must hold 10 % to 50 % of the votes)",
                       evidence, "rebalance the colleges in the statutes")
    return Finding(Verdict.PASS, f"{n} colleges, each between 10 % and 50 % of the votes: " +
                   ", ".join(f"{c.name} {w:g} %" for c, w in zip(colleges, weights, strict=True)), evidence)


# --- signals: what networks watch -----------------------------------------------------------

#: ``pivot_dependence["connectivity_loss"]`` from which the pole "falls apart" without its pivot.
PIVOT_LOSS_THRESHOLD = 0.5


@rule("signal.pivot-dependence", SIGNAL, "signals",
      "Dépendance au pivot", "Dependence on the pivot",
      """Si la structure pivot disparaissait, le pôle tiendrait-il ? La règle reprend la
      mesure pivot_dependence du réseau de coopération : quand au moins la moitié des paires
      d'acteurs qui se rejoignent ne se rejoindraient plus sans le pivot, c'est un
      avertissement.""",
      """If the pivot structure went, would the pole hold? The rule reads the network measure
      pivot_dependence: when at least half of the pairs of actors that reach each other would
      no longer do so without the pivot, it warns.""")
def _pivot(ctx: Context) -> Finding:
    dep = ctx.pivot_dependence
    if ctx.pole.pivot is None or dep is None:
        return Finding(Verdict.UNKNOWN, "the data file names no pivot present in the pole", {"fields": ["pivot"]})
    loss = dep["connectivity_loss"]
    evidence = {"actors": [dep["pivot"]], "fields": ["pivot", "partnerships"]}
    if loss is None:
        return Finding(Verdict.UNKNOWN, "no pair of other actors is connected, so dependence is not measured", evidence)
    text = (f"without {ctx.pole.pivot_actor.name if ctx.pole.pivot_actor else dep['pivot']}, {loss:.0%} of the "
            f"connected pairs of actors lose each other ({dep['components_after']} pieces, "
            f"{dep['isolated_after']} actors left without a tie)")
    if loss >= PIVOT_LOSS_THRESHOLD:
        return Finding(Verdict.WARN, text, evidence, "encourage ties between members that do not go through the pivot")
    return Finding(Verdict.PASS, text, evidence)


@rule("signal.research-training", SIGNAL, "signals",
      "Un partenaire de recherche ou de formation", "A research or training partner",
      """Les réseaux attendent d'un pôle un lien avec la recherche ou la formation
      (centre de recherche, enseignement supérieur, organisme de formation) ; sans, c'est un
      avertissement.""",
      """Networks expect a pole to have a link with research or training (research centre,
      higher education, training body); without one, the rule warns.""")
def _research(ctx: Context) -> Finding:
    research = [a for a in ctx.present if a.family is Family.RESEARCH]
    if not research:
        return Finding(Verdict.WARN, "no research, higher-education or training partner", {"fields": ["actors[].category"]},
                       "look for a laboratory, a university or a training body on the territory")
    return Finding(Verdict.PASS, f"{len(research)} research or training partners: {_names(research)}",
                   {"actors": _ids(research)})


@rule("signal.stale-ties", SIGNAL, "signals",
      "Des liens actifs depuis moins d'un an", "Ties active within the last year",
      """Un pôle dont aucun partenariat n'est actif depuis plus d'un an est peut-être en
      sommeil. La règle prend la fin la plus récente des partenariats (un partenariat sans date
      de fin est actif) et avertit quand elle remonte à plus d'un an avant la date du
      contrôle.""",
      """A pole none of whose partnerships has been active for more than a year may be
      dormant. The rule takes the latest end of the partnerships (one without an end is
      active) and warns when it is more than a year before the date of the check.""")
def _stale(ctx: Context) -> Finding:
    ties = ctx.pole.partnerships
    if not ties:
        return Finding(Verdict.WARN, "the pole has no partnership at all", {"fields": ["partnerships"]})
    open_ties = [p.id for p in ties if p.until is None or latest(p.until) >= earliest(ctx.at)]
    if open_ties:
        return Finding(Verdict.PASS, f"{len(open_ties)} partnerships are active at {ctx.at}", {"partnerships": open_ties})
    last = max(ties, key=lambda p: latest(p.until or "1"))
    ended = latest(last.until or "1")
    evidence = {"partnerships": [last.id], "fields": ["partnerships[].until"]}
    if ended < earliest(ctx.at) - timedelta(days=365):
        return Finding(Verdict.WARN, f"no partnership active for more than a year: the last one ({last.id}) ended "
                       f"in {last.until}", evidence, "record the pole's current ties, or say the pole has stopped")
    return Finding(Verdict.PASS, f"the last partnership ({last.id}) ended in {last.until}, less than a year ago", evidence)


@rule("signal.isolated-members", SIGNAL, "signals",
      "Des membres sans lien", "Members with no tie",
      """Un membre qu'aucun partenariat actif ne relie aux autres est dans le pôle sans y
      coopérer. La règle liste les acteurs présents isolés dans le réseau de coopération à la
      date du contrôle.""",
      """A member no active partnership ties to the others is in the pole without cooperating.
      The rule lists the present actors isolated in the cooperation graph at the date of the
      check.""")
def _isolated(ctx: Context) -> Finding:
    G = ctx.graph
    alone = [v for v in G if G.degree(v) == 0]
    if alone:
        names = ", ".join(G.nodes[v]["name"] for v in alone)
        return Finding(Verdict.WARN, f"{len(alone)} actors have no active tie: {names}", {"actors": alone},
                       "record their partnerships, or ask whether they still take part")
    return Finding(Verdict.PASS, f"every one of the {len(G)} present actors has at least one active tie", {})
