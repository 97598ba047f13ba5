"""The rules: one record per criterion, each with its legal source, the text it applies and its explanation.

Profiles
--------
``definition``
    Loi n° 2014-856 du 31 juillet 2014 relative à l'économie sociale et solidaire, art. 9,
    first paragraph: what a PTCE is.  The default profile.
``state-call``
    Décret n° 2015-431 du 15 avril 2015 relatif aux appels à projets des pôles
    territoriaux de coopération économique, art. 3: who may answer a State call.
``scic``
    Loi n° 47-1775 du 10 septembre 1947 portant statut de la coopération, titre II ter
    (art. 19 quinquies to 19 sexdecies), when the pole is itself a SCIC (applied by default
    then).  Articles are cited as numbered by loi n° 2014-856, art. 33, which amended
    19 quinquies and 19 septies; a legal database shows 19 septies under a later number
    (19 octodecies) since a renumbering that could not be confirmed against the
    consolidated text here.
``emerging``
    The State's « PTCE émergents » call for expressions of interest (AMI, phase 1, from
    12 May 2021): territorial dynamics that may become a PTCE, informal ones included.
    Its published conditions could not be read here: the profile follows how the call is
    publicly described (see :data:`EMERGING_CALL`).
``signals``
    Not law: structure signals that networks watch, reported as ``warn``.

Conventions read from the data file (documented in docs/networks.md)
---------------------------------------------------------------------
* ESS status and legal personality are derived in :mod:`ptce_kit.criteria.status`
  (legal form first, then ``ess`` or the category); unknown counts neither way.
* SCIC categories of associates are actor roles ``scic-employees``, ``scic-producers``,
  ``scic-beneficiaries``, ``scic-volunteers``, ``scic-public``, ``scic-contributors``.
* The pole's own legal person, when it is incorporated, is the actor with the role
  ``legal-entity`` (its ``legal_form_code`` gives the SCIC's form).
* A share of a SCIC's capital is an indicator with ``unit: capital_percent`` and the
  ``actor`` who holds it.

Every rule returns ``unknown`` rather than a guess when the data file does not say, with
the fields that would decide (:attr:`Finding.missing`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Self
from datetime import timedelta

from ..grammar import departement_article
from ..i18n import Figure, Message, N_, Named, When, current, gettext, of_name, plural_message
from ..model import Actor, BodyKind, Category, Family, GovernanceForm, Outcome, OutsideBody, ProjectStatus, earliest, latest
from ..reference import legal_form
from .core import Context, Finding, Rule, Verdict
from .status import count_ess_enterprises, ess_status, is_ess_enterprise, is_other_enterprise, legal_personality

__all__ = [
    "LOI_ESS", "DECRET_PTCE", "LOI_COOP", "SIGNAL", "EMERGING_CALL",
    "is_ess_enterprise", "is_other_enterprise", "count_ess_enterprises", "SCIC_ROLES", "CAPITAL_UNIT",
    "LEGAL_ENTITY_ROLE", "BUILT_IN_RULES", "rules_table",
]

LOI_ESS = "Loi n° 2014-856 du 31 juillet 2014 relative à l'économie sociale et solidaire, art. 9, al. 1"
DECRET_PTCE = ("Décret n° 2015-431 du 15 avril 2015 relatif aux appels à projets des pôles "
               "territoriaux de coopération économique, art. 3")
LOI_COOP = "Loi n° 47-1775 du 10 septembre 1947 portant statut de la coopération, titre II ter"
SIGNAL = N_("Not law: a structure signal that networks of PTCE watch")
EMERGING_CALL = ("Appel à manifestation d'intérêt national et permanent « PTCE émergents », phase 1 "
                 "(secrétariat d'État chargé de l'ESS, 12 mai 2021)")

#: The text of art. 9, al. 1 the definition's rules quote, piece by piece.
ART9_TEXT = ("Les pôles territoriaux de coopération économique sont constitués par le regroupement sur un "
             "même territoire d'entreprises de l'économie sociale et solidaire, au sens de l'article 1er de "
             "la présente loi, qui s'associent à des entreprises, en lien avec des collectivités "
             "territoriales et leurs groupements, des centres de recherche, des établissements "
             "d'enseignement supérieur et de recherche, des organismes de formation ou toute autre "
             "personne physique ou morale pour mettre en œuvre une stratégie commune et continue de "
             "mutualisation, de coopération ou de partenariat au service de projets économiques et sociaux "
             "innovants socialement ou technologiquement et porteurs d'un développement local durable.")
_ART9_NOTE = ("The consolidated text of art. 9 could not be read here with the search tool: the wording is "
              "the one published in the JORF of 1 August 2014, to check on Légifrance before quoting it.")
_DECRET_NOTE_3_4 = ("Légifrance's text of art. 3 was read up to 2° only; this condition and its item number "
                    "come from summaries of the décret published with it (JORF of 17 April 2015).")

#: Actor roles naming the SCIC category of associates an actor belongs to.
SCIC_ROLES = {
    "scic-employees": "salariés", "scic-producers": "producteurs", "scic-beneficiaries": "bénéficiaires",
    "scic-volunteers": "bénévoles", "scic-public": "personnes publiques", "scic-contributors": "autres contributeurs",
}
#: Indicator unit of a share of the SCIC's capital, in percent.
CAPITAL_UNIT = "capital_percent"
#: Actor role of the pole's own legal person (its legal form code gives the SCIC's form).
LEGAL_ENTITY_ROLE = "legal-entity"

#: Categories art. 9 names besides enterprises ("en lien avec …").
_ART9_OTHERS = (Category.LOCAL_AUTHORITY, Category.PUBLIC_BODY, Category.RESEARCH_CENTRE,
                Category.HIGHER_EDUCATION, Category.TRAINING_BODY, Category.PERSON, Category.OTHER)
_LEGAL_PERSON_FORMS = (GovernanceForm.SCIC, GovernanceForm.GIE, GovernanceForm.COOPERATIVE)


def _ids(actors: list[Actor]) -> list[str]:
    return [a.id for a in actors]


def _names(actors: list[Actor]) -> str:
    return ", ".join(a.name for a in actors)


def rule(id: str, source: str, profile: str, title: str, explanation: str, *, text: str = "",
         note: str = "") -> Callable[[Callable[[Context], Finding]], Rule]:
    """Make the decorated function a rule with this record (listed in :data:`BUILT_IN_RULES`).

    ``title`` and ``explanation`` are message ids (marked with :func:`~ptce_kit.i18n.N_`): their
    French and English wordings are in the catalogs.
    """

    def wrap(function: Callable[[Context], Finding]) -> Rule:
        return Rule(id=id, source=source, profile=profile, title_id=title, explanation_id=explanation,
                    function=function, text=" ".join(text.split()), note=" ".join(note.split()))

    return wrap


def _enterprises(actors: list[Actor]) -> list[Actor]:
    return [a for a in actors if a.family is Family.ENTERPRISES]


# --- definition: loi 2014-856, art. 9 -------------------------------------------------


def _no_actor_yet(ctx: Context) -> Finding | None:
    """Unknown, not failed, for a pole whose file describes no actor yet (a pole just made with
    ``ptce new``): an empty list says nothing of who is in the pole."""
    if ctx.pole.actors:
        return None
    return Finding(Verdict.UNKNOWN, N_("the data file describes no actor yet"), {"fields": ["actors"]},
                   N_("add the pole's actors (ptce member add, or ptce import a spreadsheet)"), missing=("actors",))


@rule("art9.ess-core", LOI_ESS, "definition",
      N_("ESS enterprises at the core"),
      N_("A PTCE is first a grouping of enterprises of the social and solidarity economy as "
         "defined by art. 1 of the law. The rule counts the enterprises whose ESS status is "
         "established (by their legal form, art. 1, II, 1°, or declared) and surely present at the"
         " date of the check: two or more pass, one alone warns (the law speaks of enterprises, "
         "plural), none fails. An unknown ESS status, or an uncertain presence (joined or left "
         "within the period), counts neither way: when the verdict hangs on it, it is unknown."),
      text="« le regroupement sur un même territoire d'entreprises de l'économie sociale et solidaire, "
           "au sens de l'article 1er de la présente loi »", note=_ART9_NOTE)
def _ess_core(ctx: Context) -> Finding:
    if (empty := _no_actor_yet(ctx)) is not None:
        return empty
    ess = [a for a in _enterprises(ctx.certain) if is_ess_enterprise(a)]
    counted = {a.id for a in ess}  # ids: comparing actors field by field is costly on large poles
    doubtful = [a for a in _enterprises(ctx.present) if a.id not in counted and ess_status(a).value is not False]
    pivot = ctx.pole.pivot_actor
    evidence = {"actors": _ids(ess), "fields": ["actors[].category", "actors[].ess", "actors[].legal_form_code"]}
    pivot_note: str = ""
    if pivot is not None:
        evidence["fields"].append("pivot")
        pivot_note = (Message("; the pivot, {name}, is one of them", name=Named(pivot)) if is_ess_enterprise(pivot)
                      else Message("; but the pivot, {name}, is not known to be an ESS enterprise", name=Named(pivot)))
    # TRANSLATORS: an actor's name, then what a reader should know about its ESS status.
    notes = [Message("{name}: {note}", name=a.name, note=n) for a in ess if (n := ess_status(a).note)]
    noted: str = Message(" ({notes})", notes=_Joined(notes)) if notes else ""
    if len(ess) >= 2:
        return Finding(Verdict.PASS, Message("{n} ESS enterprises form the core ({names}){pivot_note}{noted}", n=len(ess),
                                             names=_names(ess), pivot_note=pivot_note, noted=noted), evidence)
    if len(ess) + len(doubtful) >= 2:
        evidence["actors"] += _ids(doubtful)
        # TRANSLATORS: {of_names} is "of A, B" in English, « du A, de la B » in French (« de » with its article).
        return Finding(Verdict.UNKNOWN, plural_message("{n} enterprise known to be of the ESS; the ESS status or the presence "
                                                       "{of_names} is not known",
                                                       "{n} enterprises known to be of the ESS; the ESS status or the "
                                                       "presence {of_names} is not known", len(ess),
                                                       of_names=of_name(doubtful)),
                       evidence, N_("give their legal_form_code (or ess: true/false), and their joined/left dates"),
                       missing=("actors[].legal_form_code", "actors[].ess", "actors[].left"))
    if len(ess) == 1:
        return Finding(Verdict.WARN, Message("only one ESS enterprise ({name}) is part of the pole{pivot_note}",
                                             name=ess[0].name, pivot_note=pivot_note),
                       evidence, N_("a PTCE groups several ESS enterprises"))
    return Finding(Verdict.FAIL, N_("no ESS enterprise is part of the pole"), evidence,
                   N_("mark the ESS enterprises with their legal_form_code, or category: ess_enterprise and ess: true"))


@rule("art9.other-enterprises", LOI_ESS, "definition",
      N_("Associated with enterprises"),
      N_("The ESS enterprises \"associate with enterprises\". Art. 9 does not say these are outside "
         "the ESS: décret n° 2015-431 (art. 3, 2°) requires that, for State calls (rule "
         "decret.members). The rule passes when a present enterprise joins the ESS core (outside "
         "the ESS, or of unknown status); when every present enterprise is of the ESS, or the "
         "others are only prospective, it warns; with no enterprise at all, it fails."),
      text="« qui s'associent à des entreprises »", note=_ART9_NOTE)
def _other_enterprises(ctx: Context) -> Finding:
    if (empty := _no_actor_yet(ctx)) is not None:
        return empty
    present = [a for a in _enterprises(ctx.present) if not is_ess_enterprise(a)]
    coming = [a for a in _enterprises(ctx.prospective) if not is_ess_enterprise(a)]
    evidence = {"actors": _ids(present + coming), "fields": ["actors[].category", "actors[].status"]}
    if present:
        return Finding(Verdict.PASS, plural_message("{n} enterprise besides the ESS core takes part: {names}",
                                                    "{n} enterprises besides the ESS core take part: {names}",
                                                    len(present), names=_names(present)), evidence)
    if coming:
        return Finding(Verdict.WARN,
                       Message("no enterprise besides the ESS core is part of the pole yet; only announced: {names} "
                               "({field}: {value})", names=_names(coming), field=_STATUS, value=_status("prospective")),
                       evidence,
                       N_("when they join, set their status to member or partner; list any other "
                          "enterprise the pole works with"))
    if _enterprises(ctx.present):
        return Finding(Verdict.WARN, N_("every enterprise of the pole is of the ESS: art. 9 does not say the "
                                        "associated enterprises must be outside it, but no enterprise joins the ESS core"),
                       {"actors": _ids(_enterprises(ctx.present)), "fields": ["actors[].category", "actors[].ess"]},
                       N_("list the other enterprises the pole works with (category: enterprise)"))
    return Finding(Verdict.FAIL, N_("the pole has no enterprise at all"), {"fields": ["actors[].category"]},
                   N_("add the enterprises of the pole (category: ess_enterprise or enterprise)"))


@rule("art9.local-partners", LOI_ESS, "definition",
      N_("In link with authorities, research, training…"),
      N_("The grouping is made \"in link with local authorities and their groupings, research "
         "centres, higher-education and research establishments, training bodies or any other "
         "natural or legal person\". The rule passes when at least one such actor is present and "
         "tied by a partnership; present but untied, it warns; none, it fails."),
      text="« en lien avec des collectivités territoriales et leurs groupements, des centres de recherche, des "
           "établissements d'enseignement supérieur et de recherche, des organismes de formation ou toute autre "
           "personne physique ou morale »", note=_ART9_NOTE)
def _local_partners(ctx: Context) -> Finding:
    if (empty := _no_actor_yet(ctx)) is not None:
        return empty
    others = [a for a in ctx.present if a.category in _ART9_OTHERS]
    if not others:
        return Finding(Verdict.FAIL, N_("no local authority, research centre, university, training body or other "
                                        "person is linked to the pole"), {"fields": ["actors[].category"]},
                       N_("add the authorities, research and training partners the pole works with"))
    G = ctx.graph
    tied = [a for a in others if a.id in G and G.degree(a.id) > 0]
    evidence = {"actors": _ids(tied or others), "fields": ["actors[].category", "partnerships"]}
    by_cat = _Joined([_Label("category", c) for c in sorted({a.category.value for a in tied})], ", ")
    if tied:
        return Finding(Verdict.PASS, plural_message("{n} partner other than enterprises is tied to the pole "
                                                    "({categories}): {names}",
                                                    "{n} partners other than enterprises are tied to the pole "
                                                    "({categories}): {names}", len(tied), categories=by_cat,
                                                    names=_names(tied)), evidence)
    return Finding(Verdict.WARN, Message("{names} are listed but no partnership ties them to the pole",
                                         names=_names(others)), evidence,
                   N_("record the partnerships that link them to the enterprises"))


@rule("art9.territory", LOI_ESS, "definition",
      N_("On one territory"),
      N_("The grouping is made \"on one territory\". The rule wants a named territory; when the "
         "actors' communes are known it measures the share of ties within the territory "
         "(territorial anchoring) and warns below one half. The territory holds its communes, "
         "those of its EPCI and of its départements (those of its région when it gives nothing "
         "finer), from INSEE's Code officiel géographique; an unknown commune stays unknown. "
         "Without a territory the file does not say: unknown."),
      text='« le regroupement sur un même territoire »', note=_ART9_NOTE)
def _territory(ctx: Context) -> Finding:
    territory = ctx.pole.territory
    if territory is None:
        return Finding(Verdict.UNKNOWN, N_("the data file names no territory"), {"fields": ["territory"]},
                       N_("describe the territory (name, communes with their INSEE codes, or its EPCI's SIREN)"),
                       missing=("territory",))
    fields = ["territory.name"] + [f"territory.{name}" for name in ("communes", "epci", "departement", "departements",
                                                                    "region") if getattr(territory, name)]
    evidence: dict[str, Any] = {"fields": fields}
    extent = territory.extent()
    # TRANSLATORS: a territory's name, then what it covers, e.g. " (2 communes)".
    where = Message("{name}{extent}", name=Named(territory), extent=_extent_words(territory, extent))
    listed = {c.code for c in territory.communes if c.code}
    if extent and extent != listed:
        from ..network.measures import territorial_anchoring

        anchoring = territorial_anchoring(ctx.graph, sorted(extent))
    else:
        anchoring = ctx.territorial_anchoring
    share = anchoring["within_territory"]
    if share is None:
        return Finding(Verdict.PASS, Message("the pole is on one territory: {where}; the actors' communes are not given, "
                                             "so how local the ties are is not measured", where=where), evidence)
    evidence["fields"].append("actors[].commune")
    text = plural_message("{share} of the {n} tie with known communes stays within {where}",
                          "{share} of the {n} ties with known communes stay within {where}",
                          anchoring["ties_with_communes"], share=Figure(share, percent=True, digits=0), where=where)
    if share < 0.5:
        return Finding(Verdict.WARN, text, evidence, N_("check the territory's communes and the actors' communes"))
    return Finding(Verdict.PASS, text, evidence)


def _extent_words(territory: Any, extent: frozenset[str]) -> str | Message:
    """`` (2 communes)``, `` (2 communes, with the EPCI … and the Drôme: 363 communes)``…"""
    from ..reference import geo

    parts: list[Message] = []
    if territory.epci is not None:
        parts.append(Message("the EPCI {name}", name=territory.epci.reference.name if territory.epci.reference
                             else territory.epci.name))
    areas = [territory.departement] if territory.departement is not None else list(territory.departements)
    parts += [Message("the {name} département", name=_OfPlace(a.name, departement_article(a.code, a.name)))
              for a in areas]
    if not territory.communes and not parts and territory.region is not None:
        parts.append(Message("the région {name}", name=territory.region.name))
    current = sum(1 for code in extent if (c := geo.commune(code)) is not None and c.part_of is None)
    listed = len(territory.communes)
    communes = plural_message("{n} commune", "{n} communes", current)
    if not parts:
        return plural_message(" ({n} commune)", " ({n} communes)", listed) if listed else ""
    areas_words = _Both(parts)
    if listed:
        return Message(" ({listed}, with {areas}: {current})", areas=areas_words, current=communes,
                       listed=plural_message("{n} commune", "{n} communes", listed))
    return Message(" ({areas}: {current})", areas=areas_words, current=communes)


#: The field ``status`` as the reader names it (« statut »), beside one of its values (:func:`_status`).
_STATUS = Message(N_("status"))


def _status(value: str) -> Message:
    """A value of ``status`` as the reader says it (« statut : pressenti »).

    >>> _STATUS.render("fr"), _status("prospective").render("en"), _status("prospective").render("fr")
    ('statut', 'prospective', 'pressenti')
    """
    from ..model.vocabulary import LABELS

    return Message(LABELS["status"][value])


class _OfPlace(Named):
    """A place after « de » in French, with the article of its name (« de la Drôme », « de l’Isère »,
    « du Rhône », « de Paris »); the bare name in English ("the Drôme département").

    >>> m = Message("the {name} département", name=_OfPlace("Drôme", "la"))
    >>> m.render("fr"), m.render("en"), Message("the {name} département", name=_OfPlace("Isère", "l'")).render("fr")
    ('le département de la Drôme', 'the Drôme département', 'le département de l’Isère')
    """

    __slots__ = ()

    def __init__(self, name: str, article: str | None) -> None:
        super().__init__(of_name(name, article).things, "of")

    def render(self, lang: str | None = None) -> str:
        if (lang or current()) == "fr":
            return super().render("fr")
        return str(getattr(self.things[0], "name", self.things[0]))

    def __reduce__(self) -> Any:
        place = self.things[0]
        return (_OfPlace, (str(getattr(place, "name", place)), getattr(place, "article", None)))


class _Both(Message):
    """Messages joined by « et » / "and", each written in the language of the message around them."""

    parts: list[Message]

    def __new__(cls, parts: list[Message]) -> Self:
        self = super().__new__(cls, "{parts}", parts=" and ".join(parts))
        self.parts = parts
        return self

    def render(self, lang: str | None = None) -> str:
        return gettext(" and ", lang).join(part.render(lang) for part in self.parts)


@rule("art9.common-strategy", LOI_ESS, "definition",
      N_("A common and continuing strategy"),
      N_("The actors carry out \"a common and continuing strategy of mutualisation, cooperation or "
         "partnership\". Evidence: partnerships of these kinds, active at the date of the check, "
         "between present actors; continuity shows in a body meeting at a given cadence or in "
         "legal acts. Ties with nothing showing continuity warn; no active tie fails."),
      text="« pour mettre en œuvre une stratégie commune et continue de mutualisation, de coopération ou de "
           "partenariat »", note=_ART9_NOTE)
def _common_strategy(ctx: Context) -> Finding:
    if (empty := _no_actor_yet(ctx)) is not None:
        return empty
    G = ctx.graph
    active = sorted({d["partnership"] for *_, d in G.edges(data=True)})
    kinds = sorted({d["kind"] for *_, d in G.edges(data=True)})
    if not active:
        return Finding(Verdict.FAIL, Message("no partnership between present actors is active {at}", at=When(ctx.at, "on")),
                       {"fields": ["partnerships"]}, N_("record the pole's partnerships (kind, actors, since)"))
    gov = ctx.pole.governance
    cadenced = [i for i, b in enumerate(gov.bodies) if b.cadence]
    fields = [f"governance.bodies[{i}].cadence" for i in cadenced]
    fields += ["governance.legal_acts"] if gov.legal_acts else []
    evidence = {"partnerships": active, "fields": fields}
    text = plural_message("{n} active partnership ({kinds})", "{n} active partnerships ({kinds})", len(active),
                          kinds=_Joined([_Label("kind", k) for k in kinds], ", "))
    if not fields:
        return Finding(Verdict.WARN, Message("{text}, but nothing shows the strategy is common and continuing "
                                             "(no body meeting at a cadence, no legal act)", text=text), evidence,
                       N_("record the body where members meet and how often (governance.bodies[].cadence)"))
    shows: list[str] = []
    if cadenced:
        c = gov.bodies[cadenced[0]].cadence
        assert c is not None
        body = gov.bodies[cadenced[0]].name
        if c.unit == "day":
            meets = plural_message("{body} meets every {n} day", "{body} meets every {n} days", c.every, body=body)
        elif c.unit == "week":
            meets = plural_message("{body} meets every {n} week", "{body} meets every {n} weeks", c.every, body=body)
        elif c.unit == "month":
            meets = plural_message("{body} meets every {n} month", "{body} meets every {n} months", c.every, body=body)
        else:
            meets = plural_message("{body} meets every {n} year", "{body} meets every {n} years", c.every, body=body)
        shows.append(meets)
    if gov.legal_acts:
        shows.append(Message("legal acts: {acts}", acts=_acts([a.kind for a in gov.legal_acts])))
    return Finding(Verdict.PASS, Message("{text}; continuity: {shows}", text=text, shows=_Joined(shows)), evidence)


@rule("art9.projects", LOI_ESS, "definition",
      N_("Serving economic and social projects"),
      N_("The strategy serves \"economic and social projects\". The rule counts the file's projects "
         "that are not abandoned: at least one active, completed or without status passes; only "
         "planned ones warn; only abandoned ones fail. A file that lists no project does not say: "
         "unknown."),
      text='« au service de projets économiques et sociaux »', note=_ART9_NOTE)
def _projects(ctx: Context) -> Finding:
    alive = [p for p in ctx.pole.projects if p.status is not ProjectStatus.ABANDONED]
    real = [p for p in alive if p.status is not ProjectStatus.PLANNED]
    evidence = {"projects": [p.id for p in alive], "fields": ["projects"]}
    if real:
        return Finding(Verdict.PASS, plural_message("{n} project: {names}", "{n} projects: {names}", len(real),
                                                    names=", ".join(p.name for p in real)),
                       evidence)
    if alive:
        return Finding(Verdict.WARN, Message("only planned projects: {names}", names=", ".join(p.name for p in alive)),
                       evidence)
    if ctx.pole.projects:
        return Finding(Verdict.FAIL, Message("every project of the data file is abandoned: {names}",
                                             names=", ".join(p.name for p in ctx.pole.projects)),
                       {"projects": [p.id for p in ctx.pole.projects], "fields": ["projects[].status"]},
                       N_("list the pole's current projects"))
    return Finding(Verdict.UNKNOWN, N_("the data file lists no project, so it does not say what the strategy serves"),
                   {"fields": ["projects"]}, N_("list the pole's projects (name, actors, status)"), missing=("projects",))


_INNOVATION_WORDS = r"innov|innovat|expériment|experiment|alternati"


def _passages(ctx: Context, words: str) -> tuple[list[str], list[str]]:
    """Narrative sections (and the sentences) where a pattern appears, for a reader to judge."""
    pattern = re.compile(words, re.IGNORECASE)
    fields: list[str] = []
    quotes: list[str] = []
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
        return Finding(Verdict.UNKNOWN, Message("the data file does not say whether {what}", what=Message(what)), {},
                       N_("a person who knows the pole must judge it; describe it in the narrative"),
                       missing=("narrative", "description"))
    return Finding(Verdict.UNKNOWN, Message("a person must judge whether {what}; the text speaks of it: {quotes}",
                                            what=Message(what), quotes=" ".join(quotes)),
                   {"fields": fields}, N_("read these passages; ptce-kit does not judge free text"),
                   missing=tuple(fields))


#: The separator of a list of clauses (French typography puts a space before the semicolon).
# TRANSLATORS: between the items of a list of clauses: "a; b" (« a ; b »).
_CLAUSES = N_("; ")


class _Joined(Message):
    """Messages joined by ``; `` (or ``separator``), each written in the language of the message around them."""

    parts: Sequence[str]
    separator: str

    def __new__(cls, parts: Sequence[str], separator: str = _CLAUSES) -> Self:
        self = super().__new__(cls, "{parts}", parts=separator.join(parts))
        self.parts, self.separator = parts, separator
        return self

    def render(self, lang: str | None = None) -> str:
        separator = gettext(self.separator, lang) if self.separator == _CLAUSES else self.separator
        return separator.join(part.render(lang) if isinstance(part, Message) else part for part in self.parts)


#: The kinds of a pole's legal acts (``governance.legal_acts[].kind``) the format names, as a
#: reader says them (« bail », « statuts »); any other kind is the pole's own word.
_ACT_KINDS = {"lease": N_("lease"), "statutes": N_("statutes"), "agreement": N_("agreement")}
#: The kinds of a SCIC's categories of associates, as a reader says them.
_ASSOCIATE_KINDS = {"employees": N_("employees"), "producers": N_("producers"), "users": N_("users"),
                    "volunteers": N_("volunteers"), "public": N_("public bodies"), "other": N_("other associates")}


def _acts(kinds: Sequence[str]) -> Message:
    """Legal acts' kinds, each in the reader's words, joined by commas."""
    return _Joined([Message(_ACT_KINDS[k]) if k in _ACT_KINDS else k for k in kinds], ", ")


class _Label(Message):
    """A value of the vocabulary (a category, a kind of tie) as the reader's language names it."""

    field: str
    value: str

    def __new__(cls, field: str, value: str) -> Self:
        self = super().__new__(cls, "{value}", value=value)
        self.field, self.value = field, value
        return self

    def render(self, lang: str | None = None) -> str:
        from ..model.vocabulary import label

        return label(self.field, self.value, lang)


@rule("art9.innovation", LOI_ESS, "definition",
      N_("Socially or technologically innovative projects"),
      N_("The projects are \"socially or technologically innovative\". That is a judgement, not a "
         "datum: the rule always answers unknown and points to the passages of the narrative that "
         "speak of it, for a person to decide."),
      text='« innovants socialement ou technologiquement »', note=_ART9_NOTE)
def _innovation(ctx: Context) -> Finding:
    return _for_a_reader(ctx, _INNOVATION_WORDS, N_("the projects are innovative"))


@rule("art9.sustainable-development", LOI_ESS, "definition",
      N_("Carrying local sustainable development"),
      N_("The projects \"carry local sustainable development\". The file only says so in its "
         "narrative: the rule answers unknown rather than guess, and quotes the passages that "
         "speak of it."),
      text="« et porteurs d'un développement local durable »", note=_ART9_NOTE)
def _sustainable(ctx: Context) -> Finding:
    return _for_a_reader(ctx, r"durable|sustainab|développement local|local development",
                         N_("the projects carry local sustainable development"))


# --- state-call: décret 2015-431, art. 3 -----------------------------------------------


@rule("decret.legal-person", DECRET_PTCE + ", 1°", "state-call",
      N_("A private-law legal person"),
      N_("To answer a State call for projects the pole must be \"a private-law legal person\". An "
         "informal pole (leases, meetings) is not: it would have to incorporate as a declared "
         "association (loi du 1er juillet 1901), a SCIC, a GIE or another cooperative, then record"
         " it in governance.form and add its statutes. An association is a legal person only once "
         "declared: without a declaration among governance.legal_acts the file does not say "
         "(unknown)."),
      text="« Peuvent répondre à un appel à projets tout pôle territorial de coopération économique qui "
           "remplit l'ensemble des conditions suivantes : 1° C'est une personne morale de droit privé »")
def _legal_person(ctx: Context) -> Finding:
    gov = ctx.pole.governance
    evidence = {"fields": ["governance.form"] + (["governance.legal_acts"] if gov.legal_acts else [])}
    statutes = [a for a in gov.legal_acts if "statut" in a.kind.lower()]
    if gov.form in _LEGAL_PERSON_FORMS:
        if not statutes:
            return Finding(Verdict.PASS, Message("the pole is a {form}, a private-law legal person "
                                                 "(its statutes are not recorded in governance.legal_acts)",
                                                 form=gov.form.value), evidence)
        return Finding(Verdict.PASS, Message("the pole is a {form}, a private-law legal person", form=gov.form.value),
                       evidence)
    if gov.form is GovernanceForm.ASSOCIATION:
        declared = [a for a in gov.legal_acts if re.search(r"d[ée]clar|journal officiel|\bJOAFE\b", a.kind, re.I)]
        if declared:
            return Finding(Verdict.PASS, N_("the pole is a declared association, a private-law legal person"), evidence)
        return Finding(Verdict.UNKNOWN, N_("the pole is an association, but the file does not say it was declared "
                                           "(an association non déclarée is not a legal person)"), evidence,
                       N_("record its declaration in governance.legal_acts (kind: déclaration)"),
                       missing=("governance.legal_acts",))
    if gov.form is GovernanceForm.OTHER:
        return Finding(Verdict.UNKNOWN, N_("the pole's form is 'other': the file does not say whether it is a "
                                           "private-law legal person"), evidence, N_("give its legal form in governance.form"),
                       missing=("governance.form",))
    acts: Message = _acts([a.kind for a in gov.legal_acts]) if gov.legal_acts else Message("none")
    return Finding(Verdict.FAIL, Message("the pole is informal (legal acts: {acts}): it is not a legal person, so it "
                                         "cannot answer a State call as such", acts=acts), evidence,
                   N_("incorporate the pole as an association (loi 1901), a SCIC or a GIE with its members, "
                      "then set governance.form and add the statutes to governance.legal_acts"))


def _three_valued(known: list[Actor], maybe: list[Actor]) -> bool | None:
    return True if known else (None if maybe else False)


@rule("decret.members", DECRET_PTCE + ", 2°", "state-call",
      N_("Three legal persons: an ESS enterprise, an enterprise outside the ESS, another person"),
      N_("The pole is made of three or more legal persons, among them at least one ESS enterprise "
         "(art. 1 of loi 2014-856), one enterprise whose statutes are not those of the ESS (or a "
         "group of enterprises most of whose members are not) and one other person named in art. 9"
         " (authority, research, higher education, training…). Only actors surely present whose "
         "legal personality follows (legal_person, or the legal form) count: a natural person, a "
         "collective (collective), a unit of another actor (part_of), a venue run by an operator "
         "(operator), an association non déclarée do not; a legal form not given makes the point "
         "unknown. An unknown ESS status is neither ESS nor non-ESS. The format does not describe "
         "the members of a group of enterprises: such a group counts as an enterprise outside the "
         "ESS when the file says so (ess: false)."),
      text="« 2° Il est constitué de trois personnes morales ou plus, dont au moins : une entreprise de "
           "l'économie sociale et solidaire au sens de l'article 1er de la loi du 31 juillet 2014 susvisée ; "
           "une entreprise dont les statuts ne relèvent pas de l'économie sociale et solidaire ou un "
           "groupement d'entreprises dès lors que la majorité de ses membres ne relèvent pas de l'économie "
           "sociale et solidaire ; une autre personne mentionnée à l'article 9 de la même loi »",
      note="Légifrance's text of 2° was read up to « au sens de l'article 1er de la lo[i] »; the rest of the "
           "item is worded as the summaries published with the décret give it.")
def _members(ctx: Context) -> Finding:
    # An actor whose status is not stated may or may not be one of the pole's members: it
    # counts neither for the three legal persons nor against them (its status decides).
    unstated = {a.id for a in ctx.present if a.status is None}
    sure = {a.id for a in ctx.certain} - unstated  # ids: comparing actors field by field is costly on large poles
    lp = {a.id: legal_personality(a).value for a in ctx.present}
    legal = [a for a in ctx.certain if lp[a.id] is True and a.id not in unstated]
    maybe_legal = [a for a in ctx.present if lp[a.id] is None or (lp[a.id] is True and a.id not in sure)]
    ess_of = {a.id: ess_status(a).value for a in ctx.present}
    ents = _enterprises(ctx.present)
    ess = [a for a in _enterprises(legal) if ess_of[a.id] is True]
    other = [a for a in _enterprises(legal) if ess_of[a.id] is False]
    ess_ids, other_ids = {a.id for a in ess}, {a.id for a in other}
    ess_maybe = [a for a in ents if a.id not in ess_ids and lp[a.id] is not False and ess_of[a.id] is not False]
    other_maybe = [a for a in ents if a.id not in other_ids and lp[a.id] is not False and ess_of[a.id] is not True]
    # The most telling other person first: an authority before "other".
    art9 = sorted((a for a in legal if a.category in _ART9_OTHERS), key=lambda a: _ART9_OTHERS.index(a.category))
    art9_maybe = [a for a in maybe_legal if a.category in _ART9_OTHERS]
    coming = [a for a in _enterprises(ctx.prospective) if ess_status(a).value is not True]
    checks: list[tuple[str, bool | None, list[Actor]]] = [
        (Message("three legal persons (known: {n})", n=len(legal)), True if len(legal) >= 3 else
         (None if len(legal) + len(maybe_legal) >= 3 else False), maybe_legal),
        (Message("an ESS enterprise"), _three_valued(ess, ess_maybe), ess_maybe),
        (Message("an enterprise outside the ESS ({names} is only prospective)", names=_names(coming)) if coming
         else Message("an enterprise outside the ESS"), _three_valued(other, other_maybe), other_maybe),
        (Message("another person named in art. 9"), _three_valued(art9, art9_maybe), art9_maybe),
    ]
    evidence = {"actors": _ids(ess[:1] + other[:1] + art9[:1]),
                "fields": ["actors[].category", "actors[].status", "actors[].legal_form_code", "actors[].ess"]}
    missing = [what for what, ok, _ in checks if ok is False]
    open_points = [(what, maybe) for what, ok, maybe in checks if ok is None]
    if missing:
        evidence["actors"] += _ids(coming)
        also: str = (Message("; not settled by the data: {points}", points=_Joined([w for w, _ in open_points]))
                     if open_points else "")
        return Finding(Verdict.FAIL, Message("the pole lacks {what}{also}", what=_Joined(missing), also=also), evidence,
                       Message("bring these members into the pole ({field}: {value}) before answering a call",
                               field=_STATUS, value=_status("member")))
    if open_points:
        evidence["actors"] += [i for _, maybe in open_points for i in _ids(maybe)]
        points = [Message("{what} ({names}{more} may be)", what=w, names=_names(m[:4]), more="…" if len(m) > 4 else "")
                  for w, m in open_points]
        fields: tuple[str, ...] = ("actors[].legal_form_code", "actors[].legal_person", "actors[].ess", "actors[].left")
        hint = N_("give each member its legal_form_code (INSEE catégorie juridique) or legal_person, ess, "
                  "and joined/left dates")
        if unstated:  # whether they are members at all comes first
            fields = ("actors[].status", *fields)
            hint = N_("give each actor its status (member, partner or prospective), and each member its "
                      "legal_form_code (INSEE catégorie juridique) or legal_person, ess, and joined/left dates")
        return Finding(Verdict.UNKNOWN, Message("the data does not settle {points}", points=_Joined(points)), evidence,
                       hint, missing=fields)
    return Finding(Verdict.PASS, Message("{n} legal persons, including {ess} (ESS), {other} (enterprise outside the ESS) "
                                         "and {art9}", n=len(legal), ess=ess[0].name, other=other[0].name,
                                         art9=art9[0].name), evidence)


@rule("decret.project", DECRET_PTCE + ", 3°", "state-call",
      N_("An innovative project defined on a territory"),
      N_("The pole serves a socially or technologically innovative project defined on a territory "
         "of activity. It takes a project that is not abandoned and a named territory; without "
         "them the file does not say (unknown), and if every project is abandoned the rule fails. "
         "Being innovative is a judgement: at best the rule answers unknown, quoting the passages "
         "that speak of it."),
      text="« 3° Il est au service d'un projet socialement ou technologiquement innovant, défini sur un "
           "territoire d'activité »", note=_DECRET_NOTE_3_4)
def _project(ctx: Context) -> Finding:
    alive = [p for p in ctx.pole.projects if p.status is not ProjectStatus.ABANDONED]
    if ctx.pole.projects and not alive:
        return Finding(Verdict.FAIL, N_("every project of the data file is abandoned"),
                       {"projects": [p.id for p in ctx.pole.projects], "fields": ["projects[].status"]},
                       N_("list the project the pole serves"))
    missing = ([] if alive else ["projects"]) + ([] if ctx.pole.territory else ["territory"])
    if missing:
        gives_no = (N_("the data file gives no project and no territory") if len(missing) == 2
                    else N_("the data file gives no project") if missing == ["projects"]
                    else N_("the data file gives no territory"))
        return Finding(Verdict.UNKNOWN, gives_no, {"fields": missing},
                       N_("list the pole's projects and describe its territory"), missing=tuple(missing))
    judged = _for_a_reader(ctx, _INNOVATION_WORDS, N_("the project is innovative"))
    assert ctx.pole.territory is not None  # a missing territory was answered above
    return Finding(Verdict.UNKNOWN, plural_message("{n} project on {territory}; {judged}", "{n} projects on {territory}; {judged}",
                                                   len(alive), territory=Named(ctx.pole.territory), judged=judged.message),
                   {"projects": [p.id for p in alive], "fields": ["territory", *judged.evidence.get("fields", [])]},
                   judged.hint, missing=judged.missing)


@rule("decret.not-yet-supported", DECRET_PTCE + ", 4°", "state-call",
      N_("Not already supported by a previous call"),
      N_("Under the décret, a pole already supported by the State in a previous call for projects "
         "may not apply again. The rule reads the support given to the pole (support): being "
         "laureate of one of the State's PTCE calls (call: ptce-2013, ptce-2015, ptce-2021, "
         "ptce-2023) of a year before the check's fails; an earlier application whose outcome is "
         "pending or unknown, or State support through a call the format does not know, makes the "
         "point unknown. With no laureate, the rule passes when the file says its list is complete"
         " (support_complete: true), and answers unknown otherwise."),
      text="« 4° Il n'a pas déjà bénéficié d'un soutien de l'État dans le cadre d'un précédent appel à "
           "projets »",
      note=_DECRET_NOTE_3_4)
def _not_yet_supported(ctx: Context) -> Finding:
    pole = ctx.pole
    year = earliest(ctx.at).year
    to_pole = [(i, s) for i, s in enumerate(pole.support) if s.to in (None, pole.id)]
    earlier = [(i, s) for i, s in to_pole if s.state_call_year is not None and s.state_call_year < year]
    won = [(i, s) for i, s in earlier if s.outcome is Outcome.LAUREATE]
    if won:
        i, s = won[0]
        return Finding(Verdict.FAIL, Message("the pole was laureate of the State's call {call} (support[{i}]): it "
                                             "was already supported by a previous call", call=s.call, i=i),
                       {"fields": [f"support[{j}].outcome" for j, _ in won]},
                       N_("a pole already supported cannot answer a State call again"))
    undecided = [(i, s) for i, s in earlier if s.outcome in (Outcome.PENDING, Outcome.UNKNOWN)]
    if undecided:
        fields = tuple(f"support[{i}].outcome" for i, _ in undecided)
        return Finding(Verdict.UNKNOWN, Message("the outcome of the pole's application to the State's call {calls} "
                                                "is not given", calls=", ".join(str(s.call) for _, s in undecided)),
                       {"fields": list(fields)}, N_("give the outcome: laureate or not-retained"), missing=fields)
    unknown_calls = [(i, s) for i, s in to_pole if s.call and s.state_call_year is None
                     and isinstance(s.funder, OutsideBody) and s.funder.kind is BodyKind.STATE
                     and s.outcome is not Outcome.NOT_RETAINED]
    if unknown_calls:
        fields = tuple(f"support[{i}].call" for i, _ in unknown_calls)
        return Finding(Verdict.UNKNOWN, Message("the State supported the pole through {call!r}, which is not one of "
                                                "the State's PTCE calls the format knows", call=unknown_calls[0][1].call),
                       {"fields": list(fields)},
                       N_("if it was a PTCE call, write its call as ptce-2013, ptce-2015, ptce-2021 or ptce-2023"),
                       missing=fields)
    if not pole.support_complete:
        return Finding(Verdict.UNKNOWN, N_("the data file lists no earlier State PTCE call won by the pole, but does "
                                           "not say that its list of support is complete"), {"fields": ["support"]},
                       N_("list the State calls the pole answered in 'support' and set 'support_complete: true'"),
                       missing=("support", "support_complete"))
    answered = ", ".join(str(s.call) for _, s in earlier) or Message("none")
    return Finding(Verdict.PASS, Message("the pole was laureate of no earlier State PTCE call (calls answered: "
                                         "{answered}; the list of support is declared complete)", answered=answered),
                   {"fields": ["support", "support_complete"]})


# --- scic: loi 47-1775, titre II ter ---------------------------------------------------


def _not_scic(ctx: Context) -> Finding | None:
    form = ctx.pole.governance.form
    if form is GovernanceForm.SCIC:
        return None
    from ..model.vocabulary import LABELS

    return Finding(Verdict.UNKNOWN, Message("not applicable: the pole is not a SCIC (its governance form: {form})",
                                            form=Message(LABELS["form"][form.value])),
                   {"fields": ["governance.form"]}, applies=False)


@rule("scic.form", LOI_COOP + ", art. 19 quinquies, al. 1", "scic",
      N_("An SA, an SAS or a SARL with variable capital"),
      N_("A SCIC is a société anonyme, a société par actions simplifiée or a SARL with variable "
         "capital. The rule reads the catégorie juridique (legal_form_code) of the actor with the "
         "role legal-entity (the pole's own legal person): SARL, SA or SAS pass, any other form "
         "fails; a SARL or SA whose code does not say cooperative warns. Variable capital does not"
         " show in the code: check it in the statutes."),
      text="« Les sociétés coopératives d'intérêt collectif sont des sociétés anonymes, des sociétés par "
           "actions simplifiées ou des sociétés à responsabilité limitée à capital variable »",
      note="Wording of 19 quinquies as amended by loi n° 2014-856, art. 33, 1° (which inserted « des sociétés "
           "par actions simplifiées »); the consolidated text was not read here.")
def _scic_form(ctx: Context) -> Finding:
    if (na := _not_scic(ctx)) is not None:
        return na
    entity = next((a for a in ctx.pole.actors if LEGAL_ENTITY_ROLE in a.roles), None)
    if entity is None or not entity.legal_form_code:
        return Finding(Verdict.UNKNOWN, N_("the data file does not give the SCIC's own catégorie juridique"),
                       {"fields": ["actors[].roles"]},
                       Message("add the pole's legal person as an actor with the role {role} and its legal_form_code",
                               role=LEGAL_ENTITY_ROLE), missing=("actors[].roles (legal-entity)", "actors[].legal_form_code"))
    code = entity.legal_form_code
    form = legal_form(code)
    evidence = {"actors": [entity.id], "fields": ["actors[].legal_form_code"]}
    label = f"{form.label} ({code})" if form else code
    if code[:2] not in {"54", "55", "56", "57"}:
        return Finding(Verdict.FAIL, Message("{name} is a {form}, not an SA, an SAS or a SARL", name=entity.name,
                                             form=label), evidence,
                       N_("a SCIC takes the form of an SA, an SAS or a SARL with variable capital"))
    if code[:2] != "57" and not (form and form.kind == "cooperative"):
        return Finding(Verdict.WARN, Message("{name} is a {form}: the form fits, but the code does not say cooperative",
                                             name=entity.name, form=label), evidence,
                       N_("check the catégorie juridique registered with INSEE"))
    statutes = ctx.pole.governance.statutes
    variable = statutes.variable_capital if statutes is not None else None
    if variable is False:
        return Finding(Verdict.FAIL, Message("{name} is a {form} whose capital is not variable", name=entity.name,
                                             form=label),
                       {**evidence, "fields": [*evidence["fields"], "governance.statutes.variable_capital"]},
                       N_("a SCIC's capital is variable: check the statutes"))
    if variable is None:
        return Finding(Verdict.PASS, Message("{name} is a {form}: an SA, SAS or SARL (variable capital: see the statutes, "
                                             "governance.statutes.variable_capital)", name=entity.name, form=label),
                       evidence)
    return Finding(Verdict.PASS, Message("{name} is a {form} with variable capital: an SA, SAS or SARL",
                                         name=entity.name, form=label),
                   {**evidence, "fields": [*evidence["fields"], "governance.statutes.variable_capital"]})


_SEPTIES_NOTE = ("Checked against the article's chronology on doctrine.fr (JORFTEXT000000684004, "
                 "LEGIARTI000006288886): versions of 1987, 2001, 2014 (rewritten by loi n° 2014-856, art. 33, 2°) "
                 "and 2022 (loi n° 2022-217, art. 221, which added two sentences to al. 4 on advances in current "
                 "account); since the renumbering the article is 19 octodecies. Légifrance itself was not read.")

#: The kind of a SCIC category of associates (``governance.associate_categories[].kind``) and
#: the actor role (:data:`SCIC_ROLES`) that says the same.
_KIND_ROLE = {"employees": "scic-employees", "producers": "scic-producers", "users": "scic-beneficiaries",
              "volunteers": "scic-volunteers", "public": "scic-public", "other": "scic-contributors"}


@rule("scic.categories", LOI_COOP + ", art. 19 septies, al. 2", "scic",
      N_("At least three categories of associates"),
      N_("A SCIC \"has at least three categories of associates, among which necessarily the persons"
         " who habitually benefit from its activities and the employees or, when it has none, the "
         "producers\". The rule reads governance.associate_categories (kind: employees, producers, "
         "users, volunteers, public, other); a category counted at zero associates (count: 0), or "
         "none of whose named members is present, does not count. Without them it reads the "
         "actors' roles scic-employees, scic-producers, scic-beneficiaries, scic-volunteers, "
         "scic-public, scic-contributors; with neither, the file does not say (unknown)."),
      text="« La société coopérative d'intérêt collectif comprend au moins trois catégories d'associés, parmi "
           "lesquelles figurent obligatoirement les personnes qui bénéficient habituellement, à titre gratuit ou "
           "onéreux, des activités de la coopérative et les salariés ou, en l'absence de personnes salariées au "
           "sein de la société, les producteurs de biens ou de services de la coopérative »",
      note=_SEPTIES_NOTE)
def _scic_categories(ctx: Context) -> Finding:
    if (na := _not_scic(ctx)) is not None:
        return na
    categories = ctx.pole.governance.associate_categories
    present = {a.id for a in ctx.present}
    holders: dict[str, list[str]] = {}
    names: Mapping[str, str | Message]
    if categories:
        fields = ["governance.associate_categories"]
        for c in categories:
            if c.empty or (c.members and not set(c.members) & present and not c.count):
                continue
            holders.setdefault(_KIND_ROLE[c.kind], []).extend(m for m in c.members if m in present)
        names = {_KIND_ROLE[c.kind]: Message("{name} ({kind})", name=c.name, kind=Message(_ASSOCIATE_KINDS[c.kind]))
                 for c in categories}
    else:
        fields = ["actors[].roles"]
        for a in ctx.present:
            for role in a.roles:
                if role in SCIC_ROLES:
                    holders.setdefault(role, []).append(a.id)
        names = SCIC_ROLES
    evidence = {"actors": [i for ids in holders.values() for i in ids], "fields": fields}
    if not holders:
        if categories:
            return Finding(Verdict.FAIL, N_("no category of associates of the SCIC has an associate present"),
                           evidence, N_("admit associates, or correct governance.associate_categories"))
        return Finding(Verdict.UNKNOWN, N_("the data file does not say which categories of associates the SCIC has"),
                       {"fields": ["governance.associate_categories", "actors[].roles"]},
                       N_("describe them in governance.associate_categories (name, kind, members or count)"),
                       missing=("governance.associate_categories",))
    cats = sorted(holders)
    missing: list[Message] = []
    if len(cats) < 3:
        missing.append(Message("at least three categories (has {n}: {names})", n=len(cats),
                               names=_Joined([names[c] for c in cats], ", ")))
    if "scic-beneficiaries" not in holders:
        missing.append(Message("the beneficiaries ({which})",
                               which="kind: users" if categories else "scic-beneficiaries"))
    if "scic-employees" not in holders and "scic-producers" not in holders:
        missing.append(Message("the employees, or the producers when it has no employees ({which})",
                               which="kind: employees / producers" if categories else "scic-employees / scic-producers"))
    if missing:
        return Finding(Verdict.FAIL, Message("the SCIC lacks {what}", what=_Joined(missing)), evidence,
                       N_("admit associates of the missing categories, or record them"))
    return Finding(Verdict.PASS, plural_message("{n} category of associates: {names}", "{n} categories of associates: {names}",
                                                len(cats), names=_Joined([names[c] for c in cats], ", ")), evidence)


@rule("scic.public-capital", LOI_COOP + ", art. 19 septies, al. 4", "scic",
      N_("Local authorities: at most 50 % of the capital"),
      N_("Local authorities, their groupings and territorial public establishments may hold "
         "together up to 50 % of a SCIC's capital (raised from 20 % to 50 % by loi 2014-856). The "
         "rule reads the capital share (capital_share) of the categories of associates of kind "
         "public (governance.associate_categories); without them, indicators with unit "
         "capital_percent tied to an actor. Actors of category local_authority count; public_body "
         "actors, or a public category whose members are not all named local authorities, count "
         "only if they are territorial public establishments, which the file does not say: if they"
         " push the total over 50 %, the rule warns. A public category without a capital share "
         "makes the point unknown."),
      text="« Les collectivités territoriales, leurs groupements et les établissements publics territoriaux "
           "peuvent détenir ensemble jusqu'à 50 % du capital de chacune des sociétés coopératives d'intérêt "
           "collectif »",
      note=_SEPTIES_NOTE)
def _scic_capital(ctx: Context) -> Finding:
    if (na := _not_scic(ctx)) is not None:
        return na
    category: dict[str | None, Category] = {a.id: a.category for a in ctx.pole.actors}
    public_cats = [(i, c) for i, c in enumerate(ctx.pole.governance.associate_categories) if c.kind == "public"]
    if public_cats:
        unknown = [i for i, c in public_cats if c.capital_share is None]
        if unknown:
            return Finding(Verdict.UNKNOWN, N_("the capital share of the public associates is not given"),
                           {"fields": [f"governance.associate_categories[{i}]" for i in unknown]},
                           N_("give the category's capital_share, in percent"),
                           missing=tuple(f"governance.associate_categories[{i}].capital_share" for i in unknown))
        sure = [(i, c) for i, c in public_cats
                if c.members and all(category.get(m) is Category.LOCAL_AUTHORITY for m in c.members)
                and (c.count is None or c.count == len(c.members))]
        held = sum(c.capital_share or 0 for _, c in sure)
        with_public = sum(c.capital_share or 0 for _, c in public_cats)
        most = held  # the categories' shares are exact figures
        evidence = {"actors": [m for _, c in public_cats for m in c.members],
                    "fields": [f"governance.associate_categories[{i}].capital_share" for i, _ in public_cats]}
    else:
        shares = [(i, ind) for i, ind in enumerate(ctx.pole.indicators) if ind.unit == CAPITAL_UNIT and ind.actor]
        if not shares:
            categories = ctx.pole.governance.associate_categories
            if categories and all(c.capital_share is not None for c in categories) and not any(
                    category.get(m) in (Category.LOCAL_AUTHORITY, Category.PUBLIC_BODY)
                    for c in categories for m in c.members):
                return Finding(Verdict.PASS, N_("no category of public associates: local authorities hold none of "
                                                "the capital"), {"fields": ["governance.associate_categories"]})
            return Finding(Verdict.UNKNOWN, N_("the data file gives no share of the capital"),
                           {"fields": ["governance.associate_categories", "indicators"]},
                           N_("give the capital_share of each category of associates in "
                              "governance.associate_categories (kind: public for local authorities)"),
                           missing=("governance.associate_categories[].capital_share",))
        local = [(i, ind) for i, ind in shares if category.get(ind.actor) is Category.LOCAL_AUTHORITY]
        public = [(i, ind) for i, ind in shares if category.get(ind.actor) is Category.PUBLIC_BODY]
        # A share given as a range or a lower bound counts at its least; its most decides "unknown".
        held = sum(ind.bounds[0] for _, ind in local)
        with_public = held + sum(ind.bounds[0] for _, ind in public)
        most = sum(math.inf if ind.bounds[1] is None else ind.bounds[1] for _, ind in local)
        evidence = {"actors": [ind.actor for _, ind in local + public if ind.actor],
                    "fields": [f"indicators[{i}]" for i, _ in local + public]}
    limit = _percent(50)
    if held > 50:
        return Finding(Verdict.FAIL, Message("local authorities hold {held} of the capital, more than {limit}",
                                             held=_percent(held), limit=limit), evidence,
                       Message("bring the local authorities' share down to {limit} or less", limit=limit))
    if most > 50:
        return Finding(Verdict.UNKNOWN, Message("local authorities hold at least {held} of the capital, perhaps more "
                                                "than {limit} (a share is given as a range or a lower bound)",
                                                held=_percent(held), limit=limit), evidence,
                       N_("give their shares as exact values"), missing=tuple(evidence["fields"]))
    if with_public > 50:
        return Finding(Verdict.WARN, Message("local authorities hold {held}, {with_public} with other public bodies: "
                                             "check whether these are territorial public establishments",
                                             held=_percent(held), with_public=_percent(with_public)), evidence)
    return Finding(Verdict.PASS, Message("local authorities and public bodies hold {with_public} of the capital "
                                         "(at most {limit})", with_public=_percent(with_public), limit=limit), evidence)


def _percent(value: float, digits: int = 2) -> Figure:
    """A figure given in percent (``57.5``) written as a percentage in the reader's language.

    « 57,5 % » in French (a no-break space before the sign), "57.5%" in English
    (:func:`~ptce_kit.i18n.format_percent`).

    >>> _percent(57.5).render("en"), _percent(57.5).render("fr") == "57,5\u00a0%"
    ('57.5%', True)
    """
    return Figure(value / 100, percent=True, digits=digits)


def _statutes_fact(ctx: Context, field: str, asked: str, hint: str) -> tuple[Any, Finding | None]:
    """A fact of ``governance.statutes``, or the ``unknown`` finding that names its field."""
    statutes = ctx.pole.governance.statutes
    value = getattr(statutes, field) if statutes is not None else None
    if value is None:
        return None, Finding(Verdict.UNKNOWN, Message("the data file does not say {asked}", asked=Message(asked)),
                             {"fields": [f"governance.statutes.{field}"]}, hint,
                             missing=(f"governance.statutes.{field}",))
    return value, None


@rule("scic.purpose", LOI_COOP + ", art. 19 quinquies, al. 1", "scic",
      N_("A purpose of collective interest with a social utility"),
      N_("A SCIC's purpose is the production or supply of goods and services of collective "
         "interest with a social utility. Only the statutes say so: the rule reads "
         "governance.statutes.collective_interest (true: pass; false: fail) and stays unknown "
         "until someone has read it in the statutes; the purpose itself may be copied into "
         "governance.statutes.purpose."),
      text="« Elles ont pour objet la production ou la fourniture de biens et de services d'intérêt collectif, "
           "qui présentent un caractère d'utilité sociale »",
      note="Wording of 19 quinquies as given by secondary sources (the consolidated text was not read here).")
def _scic_purpose(ctx: Context) -> Finding:
    if (na := _not_scic(ctx)) is not None:
        return na
    value, unknown = _statutes_fact(
        ctx, "collective_interest", N_("whether the statutes give a purpose of collective interest with a social utility"),
        N_("read the statutes' purpose and set governance.statutes.collective_interest (and copy it into purpose)"))
    if unknown is not None:
        return unknown
    evidence = {"fields": ["governance.statutes.collective_interest"]}
    if value:
        return Finding(Verdict.PASS, N_("the statutes give a purpose of collective interest with a social utility"),
                       evidence)
    return Finding(Verdict.FAIL, N_("the statutes give no purpose of collective interest with a social utility"),
                   evidence, N_("a SCIC's statutes must give such a purpose"))


#: The least share of a SCIC's yearly surpluses put into indivisible reserves, in percent.
SCIC_RESERVES_SHARE = 57.5


@rule("scic.reserves", LOI_COOP + ", art. 19 nonies", "scic",
      N_("At least 57.5 % of surpluses to indivisible reserves"),
      N_("A SCIC puts at least 57.5 % of its yearly surpluses into indivisible reserves (15 % to "
         "the legal reserve, and at least half of the rest to statutory reserves). The rule reads "
         "the share the statutes provide (governance.statutes.reserves_share, in percent): 57.5 or"
         " more passes, less fails; without it, unknown. What the SCIC actually puts in reserve "
         "each year shows in its accounts, not here."),
      text="[au moins 57,5 % des excédents mis en réserves impartageables ; libellé de l'article non lu ici]",
      note="The 57.5 % figure is the one the ESS networks and the 2018 parliamentary debates on the SCICs' "
           "tax treatment (CGI art. 209, VIII) cite for art. 19 nonies; the article's own wording was not read "
           "here, so its text is given as a paraphrase in brackets.")
def _scic_reserves(ctx: Context) -> Finding:
    if (na := _not_scic(ctx)) is not None:
        return na
    share, unknown = _statutes_fact(
        ctx, "reserves_share", N_("what share of the surpluses the statutes put into indivisible reserves"),
        N_("set governance.statutes.reserves_share, in percent, from the statutes' article on surpluses"))
    if unknown is not None:
        return unknown
    evidence = {"fields": ["governance.statutes.reserves_share"]}
    if share >= SCIC_RESERVES_SHARE:
        return Finding(Verdict.PASS, Message("the statutes put {share} of the surpluses into indivisible reserves "
                                             "(at least {least})", share=_percent(share),
                                             least=_percent(SCIC_RESERVES_SHARE)), evidence)
    return Finding(Verdict.FAIL, Message("the statutes put {share} of the surpluses into indivisible reserves, less "
                                         "than {least}", share=_percent(share), least=_percent(SCIC_RESERVES_SHARE)),
                   evidence, Message("a SCIC puts at least {least} of its surpluses into indivisible reserves",
                                     least=_percent(SCIC_RESERVES_SHARE)))


@rule("scic.colleges", LOI_COOP + ", art. 19 octies", "scic",
      N_("Voting colleges: one, or three to ten, each 10 to 50 %"),
      N_("Without colleges, a SCIC votes \"one associate, one vote\", which the law allows: one "
         "declared college passes. When the statutes provide colleges, there are at least three, "
         "none may hold more than 50 % nor less than 10 % of the votes (hence ten at most), and "
         "capital does not weigh the votes. The rule checks the count and the weights only when "
         "the colleges are described (governance.colleges); colleges without weights have as many "
         "votes each; a file silent on colleges does not say (unknown)."),
      text="« Les statuts peuvent prévoir que les associés sont répartis en fonction de leur participation à "
           "l'activité de la coopérative ou de leur contribution à son développement, en trois ou plusieurs "
           "collèges. Chaque collège dispose d'un nombre égal de voix à l'assemblée générale, à moins que les "
           "statuts n'en disposent autrement. Dans ce cas, les statuts déterminent la répartition des "
           "associés dans chacun des collèges et le nombre de voix dont disposent les collèges au sein de "
           "ladite assemblée, sans toutefois qu'un collège puisse détenir à lui seul plus de 50 % du total "
           "des droits de vote ou que sa part dans le total des droits de vote puisse être inférieure à 10 % »",
      note="Wording of 19 octies as given by secondary sources; its consolidated text (and any renumbering) "
           "could not be read here. That capital does not weigh the votes follows from art. 1 and 9 of the "
           "loi of 1947 (one associate, one vote), not checked by the rule: the format has no field for it.")
def _scic_colleges(ctx: Context) -> Finding:
    if (na := _not_scic(ctx)) is not None:
        return na
    colleges = ctx.pole.governance.colleges
    if not colleges:
        return Finding(Verdict.UNKNOWN, N_("the data file does not say whether the statutes provide voting colleges"),
                       {"fields": ["governance.colleges"]},
                       N_("describe the colleges (or a single one, for one associate, one vote) in governance.colleges"),
                       missing=("governance.colleges",))
    n = len(colleges)
    evidence = {"fields": [f"governance.colleges[{i}].weight" for i in range(n)]}
    if n == 1:
        return Finding(Verdict.PASS, Message("one college ({name}): one associate, one vote", name=colleges[0].name),
                       {"fields": ["governance.colleges"]})
    if n == 2:
        return Finding(Verdict.FAIL, N_("2 colleges: when the statutes provide colleges, they are three or more"),
                       evidence, N_("add a college, or go back to one associate, one vote"))
    if n > 10:
        return Finding(Verdict.FAIL, Message("{n} colleges: with each at {least} of the votes or more, there can be ten "
                                             "at most", n=n, least=_percent(10)), evidence, N_("merge colleges"))
    if all(c.weight is None for c in colleges):  # the model wants a weight for every college or none
        return Finding(Verdict.PASS, Message("{n} colleges with as many votes each ({share}), as the law provides "
                                             "unless the statutes say otherwise", n=n, share=_percent(100 / n, 1)),
                       evidence)
    weights = [(c.name, c.known_weight) for c in colleges]
    wrong = [Message("{name} has {weight}", name=name, weight=_percent(w))
             for name, w in weights if w is not None and not 10 <= w <= 50]
    if wrong:
        return Finding(Verdict.FAIL, Message("{wrong} (each college must hold {least} to {most} of the votes)",
                                             wrong=_Joined(wrong), least=_percent(10), most=_percent(50)),
                       evidence, N_("rebalance the colleges in the statutes"))
    unknown = [i for i, c in enumerate(colleges) if c.weight == "unknown"]
    if unknown:
        return Finding(Verdict.UNKNOWN, Message("{n} colleges, but the weight of {names} is not known", n=n,
                                                names=", ".join(colleges[i].name for i in unknown)), evidence,
                       N_("give each college's weight, in percent, as the statutes set it"),
                       missing=tuple(f"governance.colleges[{i}].weight" for i in unknown))
    return Finding(Verdict.PASS, Message("{n} colleges, each between {least} and {most} of the votes: {weights}", n=n,
                                         least=_percent(10), most=_percent(50),
                                         weights=_Joined([Message("{name} {weight}", name=name, weight=_percent(w))
                                                          for name, w in weights if w is not None], ", ")),
                   evidence)


# --- emerging: the State's « PTCE émergents » call ------------------------------------------

_EMERGING_NOTE = ("The call's own text (AMI of 12 May 2021) was not read here: the conditions follow how the "
                  "State and the CRESS describe its phase 1 (« identifier les dynamiques territoriales "
                  "émergentes pouvant prendre la forme d'un PTCE »), informal dynamics included.")


@rule("emerging.territorial-dynamic", EMERGING_CALL, "emerging",
      N_("A dynamic on a territory"),
      N_("Phase 1 of the call looks for \"emerging territorial dynamics that may take the form of a"
         " PTCE\": a named territory and present actors tied by at least one active partnership. An"
         " informal pole may answer."),
      text="« identifier les dynamiques territoriales émergentes pouvant prendre la forme d'un PTCE »",
      note=_EMERGING_NOTE)
def _emerging_dynamic(ctx: Context) -> Finding:
    if ctx.pole.territory is None:
        return Finding(Verdict.UNKNOWN, N_("the data file names no territory"), {"fields": ["territory"]},
                       N_("describe the territory"), missing=("territory",))
    active = sorted({d["partnership"] for *_, d in ctx.graph.edges(data=True)})
    if not active:
        return Finding(Verdict.FAIL, Message("no partnership between present actors is active {at}", at=When(ctx.at, "on")),
                       {"fields": ["partnerships"]}, N_("record the ties the dynamic is made of"))
    return Finding(Verdict.PASS, plural_message("{n} active partnership on {territory}", "{n} active partnerships on {territory}",
                                                len(active), territory=Named(ctx.pole.territory)),
                   {"partnerships": active, "fields": ["territory"]})


@rule("emerging.towards-ptce", EMERGING_CALL, "emerging",
      N_("The families of a future PTCE"),
      N_("To \"take the form of a PTCE\", the dynamic already gathers at least one ESS enterprise "
         "and at least one partner named in art. 9 (authority, research, training, other person); "
         "the other enterprises may be only prospective. An unknown ESS status makes the point "
         "unknown."),
      text="« pouvant prendre la forme d'un PTCE » (loi n° 2014-856, art. 9)", note=_EMERGING_NOTE)
def _emerging_families(ctx: Context) -> Finding:
    ess = [a for a in _enterprises(ctx.present) if is_ess_enterprise(a)]
    ess_maybe = [a for a in _enterprises(ctx.present) if ess_status(a).value is None]
    others = [a for a in ctx.present if a.category in _ART9_OTHERS]
    evidence = {"actors": _ids(ess[:3] + others[:3]), "fields": ["actors[].category", "actors[].ess"]}
    if not others:
        return Finding(Verdict.FAIL, N_("no local authority, research, training body or other partner takes part"),
                       evidence, N_("bring in the partners named in art. 9"))
    if not ess:
        if ess_maybe:
            # TRANSLATORS: {of_names} is "of A, B" in English, « du A, de la B » in French (« de » with its article).
            return Finding(Verdict.UNKNOWN, Message("the ESS status {of_names} is not known", of_names=of_name(ess_maybe)),
                           evidence, N_("give their legal_form_code or ess"),
                           missing=("actors[].ess", "actors[].legal_form_code"))
        return Finding(Verdict.FAIL, N_("no ESS enterprise takes part"), evidence, N_("a PTCE starts from ESS enterprises"))
    # TRANSLATORS: {ess} is "2 ESS enterprises", {others} is "3 other partners" (the messages below).
    return Finding(Verdict.PASS, Message("{ess} and {others} named in art. 9",
                                         ess=plural_message("{n} ESS enterprise", "{n} ESS enterprises", len(ess)),
                                         others=plural_message("{n} other partner", "{n} other partners",
                                                               len(others))), evidence)


# --- signals: what networks watch -----------------------------------------------------------

#: ``pivot_dependence["connectivity_loss"]`` from which the pole "falls apart" without its pivot.
PIVOT_LOSS_THRESHOLD = 0.5


def _without_ties(ctx: Context) -> list[str]:
    """Present actors with no active tie at the date: the one count both signals use."""
    G = ctx.graph
    return sorted(v for v in G if G.degree(v) == 0)


@rule("signal.pivot-dependence", SIGNAL, "signals",
      N_("Dependence on the pivot"),
      N_("If the pivot structure went, would the pole hold? The rule reads the network measure "
         "pivot_dependence: when at least half of the pairs of actors that reach each other would "
         "no longer do so without the pivot, it warns."))
def _pivot(ctx: Context) -> Finding:
    dep = ctx.pivot_dependence
    if ctx.pole.pivot is None or dep is None:
        return Finding(Verdict.UNKNOWN, N_("the data file names no pivot present in the pole"), {"fields": ["pivot"]},
                       missing=("pivot",))
    loss = dep["connectivity_loss"]
    evidence = {"actors": [dep["pivot"]], "fields": ["pivot", "partnerships"]}
    if loss is None:
        return Finding(Verdict.UNKNOWN, N_("no pair of other actors is connected, so dependence is not measured"),
                       evidence, missing=("partnerships",))
    alone = [v for v in _without_ties(ctx) if v != dep["pivot"]]
    pieces = dep["components_after"] - len(alone)
    already: str = (plural_message("; {n} other actor already has no active tie (see signal.isolated-members)",
                                   "; {n} other actors already have no active tie (see signal.isolated-members)",
                                   len(alone)) if alone else "")
    text = Message("without {pivot}, {loss} of the connected pairs of actors lose each other: the actors tied today "
                   "split into {pieces}, {isolated} of them left with no tie{already}",
                   pivot=Named(ctx.pole.pivot_actor) if ctx.pole.pivot_actor else dep["pivot"],
                   loss=Figure(loss, percent=True, digits=0),
                   pieces=plural_message("{n} piece", "{n} pieces", pieces), isolated=dep["isolated_after"],
                   already=already)
    if loss >= PIVOT_LOSS_THRESHOLD:
        return Finding(Verdict.WARN, text, evidence, N_("encourage ties between members that do not go through the pivot"))
    return Finding(Verdict.PASS, text, evidence)


@rule("signal.research-training", SIGNAL, "signals",
      N_("A research or training partner"),
      N_("Networks expect a pole to have a link with research or training (research centre, higher"
         " education, training body); without one, the rule warns."))
def _research(ctx: Context) -> Finding:
    research = [a for a in ctx.present if a.family is Family.RESEARCH]
    if not research:
        return Finding(Verdict.WARN, N_("no research, higher-education or training partner"),
                       {"fields": ["actors[].category"]},
                       N_("look for a laboratory, a university or a training body on the territory"))
    return Finding(Verdict.PASS, plural_message("{n} research or training partner: {names}",
                                                "{n} research or training partners: {names}", len(research),
                                                names=_names(research)), {"actors": _ids(research)})


@rule("signal.stale-ties", SIGNAL, "signals",
      N_("Ties active within the last year"),
      N_("A pole none of whose partnerships has been active for more than a year may be dormant. A"
         " partnership is active at a date if it has started (since) and not ended (until); a "
         "lease signed after the date of the check does not count. The rule takes the latest end "
         "of the partnerships that had started and warns when it is more than a year before the "
         "date of the check."))
def _stale(ctx: Context) -> Finding:
    started = [p for p in ctx.pole.partnerships if p.since is None or earliest(p.since) <= latest(ctx.at)]
    if not started:
        later = [p.id for p in ctx.pole.partnerships]
        return Finding(Verdict.WARN, Message("the pole has no partnership begun {at}", at=When(ctx.at, "by")) if later
                       else N_("the pole has no partnership at all"),
                       {"partnerships": later, "fields": ["partnerships[].since"] if later else ["partnerships"]})
    ties = started
    open_ties = [p.id for p in ties if p.until is None or latest(p.until) >= earliest(ctx.at)]
    if open_ties:
        return Finding(Verdict.PASS, plural_message("{n} partnership is active {at}", "{n} partnerships are active {at}",
                                                    len(open_ties), at=When(ctx.at, "on")),
                       {"partnerships": open_ties})
    last = max(ties, key=lambda p: latest(p.until or "1"))
    ended = latest(last.until or "1")
    evidence = {"partnerships": [last.id], "fields": ["partnerships[].until"]}
    if ended < earliest(ctx.at) - timedelta(days=365):
        return Finding(Verdict.WARN, Message("no partnership active for more than a year: the last one ({id}) ended "
                                             "{until}", id=last.id, until=When(str(last.until), "when")), evidence,
                       N_("record the pole's current ties, or say the pole has stopped"))
    return Finding(Verdict.PASS, Message("the last partnership ({id}) ended {until}, less than a year ago", id=last.id,
                                         until=When(str(last.until), "when")), evidence)


@rule("signal.isolated-members", SIGNAL, "signals",
      N_("Members with no tie"),
      N_("A member no active partnership ties to the others is in the pole without cooperating. "
         "The rule lists the present actors isolated in the cooperation graph at the date of the "
         "check."))
def _isolated(ctx: Context) -> Finding:
    G = ctx.graph
    alone = _without_ties(ctx)
    if alone:
        names = ", ".join(G.nodes[v]["name"] for v in alone)
        return Finding(Verdict.WARN, plural_message("{n} actor has no active tie: {names}", "{n} actors have no active tie: {names}",
                                                len(alone), names=names),
                       {"actors": alone}, N_("record their partnerships, or ask whether they still take part"))
    return Finding(Verdict.PASS, Message("every one of the {n} present actors has at least one active tie", n=len(G)), {})


@rule("signal.example-members", SIGNAL, "signals",
      N_("Members that are the pole's own"),
      N_("ptce new can copy the members and partnerships of Pôle Sud, ptce-kit's example, as a "
         "model to replace; each says so at the start of its provenance. While any is left, the "
         "pole describes another pole's members and its documents present them as its own: the "
         "rule warns."))
def _example_members(ctx: Context) -> Finding:
    from .examples import example_members, example_partnerships, example_warning

    found = example_warning(ctx.pole)
    if found is None:
        return Finding(Verdict.PASS, N_("no actor or partnership is still copied from the Pôle Sud example"), {})
    message, hint = found
    evidence = {"actors": example_members(ctx.pole), "partnerships": example_partnerships(ctx.pole),
                "fields": ["actors[].provenance", "partnerships[].provenance"]}
    return Finding(Verdict.WARN, message, evidence, hint)


#: The rules of the law, in the order a check applies them (profile by profile).
BUILT_IN_RULES: tuple[Rule, ...] = (
    _ess_core,
    _other_enterprises,
    _local_partners,
    _territory,
    _common_strategy,
    _projects,
    _innovation,
    _sustainable,
    _legal_person,
    _members,
    _project,
    _not_yet_supported,
    _scic_form,
    _scic_purpose,
    _scic_categories,
    _scic_capital,
    _scic_reserves,
    _scic_colleges,
    _emerging_dynamic,
    _emerging_families,
    _pivot,
    _research,
    _stale,
    _isolated,
    _example_members,
)


def rules_table(profiles: tuple[str, ...] = ("definition", "state-call", "scic", "emerging", "signals")) -> str:
    """The Markdown table of the built-in rules: id, source (article and item), the text's condition.

    docs/networks.md holds this table between ``<!-- rules-table -->`` markers; a test keeps
    the two the same.
    """
    lines = ["| rule | profile | source | the condition, as the text states it | not verified here |",
             "| --- | --- | --- | --- | --- |"]
    for r in [r for p in profiles for r in BUILT_IN_RULES if r.profile == p]:
        cells = [f"`{r.id}`", r.profile, r.source, r.text or "—", r.note or "—"]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"
