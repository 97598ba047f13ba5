"""What the law makes of an actor: legal person or not, ESS enterprise or not — or unknown.

Two questions every rule of the law asks, answered in one place each:

* :func:`legal_personality` — is the actor a *personne morale*?  (décret n° 2015-431,
  art. 3, 2° counts "trois personnes morales ou plus");
* :func:`ess_status` — is the actor an enterprise of the ESS in the sense of loi
  n° 2014-856, art. 1?

Both answer ``True``, ``False`` or ``None`` (unknown) with the field that decided, or the
field that would decide.  Unknown is never counted as yes nor as no.

This module reads the model and the ground floor only; :mod:`ptce_kit.summary` and
:mod:`ptce_kit.comparison` use it too, so that every count of ESS enterprises is the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..i18n import Figure, Message, N_
from ..model import Actor, Category, Family
from ..reference import legal_form

__all__ = [
    "Answer", "legal_personality", "ess_status", "is_ess_enterprise", "is_other_enterprise",
    "count_ess_enterprises",
]


@dataclass(frozen=True)
class Answer:
    """``value`` (``True``, ``False`` or ``None`` for unknown), why, and the fields behind it.

    ``fields`` are the field paths that decided, or, when ``value`` is ``None``, the
    fields that would decide.  ``note`` says what a reader should know (a disagreement
    between two sources, a condition the data cannot verify).
    """

    value: bool | None
    #: A :class:`~ptce_kit.i18n.Message`, written in the reader's language when shown.
    reason: str
    fields: tuple[str, ...] = ()
    note: str | None = None


# Words of a legal form written by hand, e.g. "SARL SCOP", "association loi 1901".
_NOT_DECLARED = re.compile(r"non[ -]d[ée]clar", re.IGNORECASE)
_ESS_FORM_WORDS = re.compile(
    r"\b(scop|scic|sca?coop|coop[ée]rative|coop\b|cuma|mutuelle|mutualit|mutual|fondation|foundation|"
    r"association|asso\b|loi 1901)", re.IGNORECASE)
_COMMERCIAL_WORDS = re.compile(r"\b(sarl|eurl|sas|sasu|sa|snc|sca|scs|sel[a-z]*)\b", re.IGNORECASE)
_NATURAL_PERSON_WORDS = re.compile(r"entrepreneur individuel|micro[- ]entrepr|auto[- ]entrepr|\bEI\b")


def legal_personality(actor: Actor) -> Answer:
    """Whether an actor is a legal person (*personne morale*): derived, never guessed.

    The one place where legal personality is decided, in this order:

    1. ``legal_person``, when the file gives it;
    2. a collective actor (``collective``), a unit inside another actor (``part_of``) and
       a venue run by an operator (``operator``) are not legal persons;
    3. a natural person (category ``person``) is not;
    4. the legal form: INSEE's catégorie juridique (``legal_form_code``), else the words
       of ``legal_form`` (an association non déclarée is not a legal person).

    Otherwise it is unknown, whatever the category: "Collectivités locales" or
    "Étudiants accueillis" may be several bodies, or none.

    Examples
    --------
    >>> from ptce_kit.model import Actor
    >>> legal_personality(Actor(id="a", name="A", category="ess_enterprise", legal_form_code="5458")).value
    True
    >>> legal_personality(Actor(id="b", name="B", category="person")).value
    False
    >>> legal_personality(Actor(id="c", name="Étudiants", category="higher_education")).value is None
    True
    >>> legal_personality(Actor(id="d", name="D", category="other", legal_form="association non déclarée")).value
    False
    >>> legal_personality(Actor(id="e", name="E", category="other", collective={"count": 25})).value
    False
    >>> legal_personality(Actor(id="f", name="F", category="research_centre", part_of="a")).fields
    ('part_of',)
    """
    if actor.legal_person is not None:
        note = None
        if actor.legal_form_code and (form := legal_form(actor.legal_form_code)) is not None \
                and form.legal_person is not None and form.legal_person is not actor.legal_person:
            note = (Message("legal_person says it is a legal person, but its catégorie juridique {code} ({label}) says "
                            "otherwise", code=form.code, label=form.label) if actor.legal_person else
                    Message("legal_person says it is not a legal person, but its catégorie juridique {code} ({label}) "
                            "says otherwise", code=form.code, label=form.label))
        return Answer(actor.legal_person, Message("the file says it is a legal person (legal_person)")
                      if actor.legal_person else Message("the file says it is not a legal person (legal_person)"),
                      ("legal_person",), note)
    if actor.collective is not None:
        return Answer(False, Message("a collective actor, standing for many people or organisations (collective)"),
                      ("collective",))
    if actor.part_of is not None:
        return Answer(False, Message("a unit inside {whole!r}, not a separate legal person (part_of)",
                                     whole=actor.part_of), ("part_of",))
    if actor.operator is not None:
        return Answer(False, Message("a venue run by an operator, a place rather than a legal person (operator)"),
                      ("operator",))
    if actor.category is Category.PERSON:
        return Answer(False, Message("a natural person (category: person)"), ("category",))
    if actor.legal_form_code:
        form = legal_form(actor.legal_form_code)
        if form is None:
            return Answer(None, Message("the catégorie juridique {code} is not in INSEE's list",
                                        code=actor.legal_form_code), ("legal_form_code",))
        if form.legal_person is None:
            return Answer(None, Message("the form {code} ({label}) may or may not be a legal person", code=form.code,
                                        label=form.label), ("legal_form_code",))
        what = Message("a legal person") if form.legal_person else Message("not a legal person")
        return Answer(form.legal_person, Message("{label} ({code}) is {what}", label=form.label, code=form.code,
                                                 what=what), ("legal_form_code",))
    words = actor.legal_form or ""
    if words:
        if _NOT_DECLARED.search(words) or _NATURAL_PERSON_WORDS.search(words):
            return Answer(False, Message("its legal form, {words!r}, is not a legal person", words=words),
                          ("legal_form",))
        if _ESS_FORM_WORDS.search(words) or _COMMERCIAL_WORDS.search(words) or re.search(
                r"\b(gie|soci[ée]t[ée])\b", words, re.IGNORECASE):
            return Answer(True, Message("its legal form, {words!r}, is a legal person", words=words), ("legal_form",))
    return Answer(None, Message("its legal form is not given"), ("legal_form_code", "legal_person"))


def ess_status(actor: Actor) -> Answer:
    """Whether an actor is an ESS enterprise (loi n° 2014-856, art. 1), and on what ground.

    * By form (art. 1, II, 1°): cooperatives, mutuals, associations (déclarées) and
      foundations are of the ESS whatever ``ess`` says; a disagreement is noted.
    * A natural person, a public body, a grouping without legal personality or a civil
      company that is not a cooperative cannot be (art. 1, I: "des personnes morales de
      droit privé"; II, 2° names "sociétés commerciales").
    * A commercial company is of the ESS only under art. 1, II, 2° (social utility in its
      statutes, at least 20 % of profits to a development fund, at least 50 % to retained
      earnings and reserves), read from its ``statutes`` when they say; without them,
      ``ess: true`` (or the category ``ess_enterprise``) is taken as *declared*, and the
      note says the conditions are not verified.  An insertion agreement (SIAE) alone does not make an
      enterprise of the ESS.
    * Otherwise ``ess`` (or the category ``ess_enterprise`` when ``ess`` is empty)
      declares it; with neither, the status is unknown.

    Examples
    --------
    >>> from ptce_kit.model import Actor
    >>> ess_status(Actor(id="a", name="A", category="enterprise", legal_form_code="5458", ess=False)).value
    True
    >>> ess_status(Actor(id="b", name="B", category="enterprise")).value is None
    True
    >>> ess_status(Actor(id="c", name="C", category="enterprise", legal_form_code="5710", ess=True)).note.render("en")
    'declared; the conditions of art. 1, II, 2° (social utility, development fund, reserves) are not verified'
    """
    declared = actor.ess
    if declared is None and actor.category is Category.ESS_ENTERPRISE:
        declared, declared_by = True, "category"
    else:
        declared_by = "ess"
    form = legal_form(actor.legal_form_code) if actor.legal_form_code else None
    kind = form.kind if form else _kind_from_words(actor.legal_form or "")
    field = "legal_form_code" if form else "legal_form"
    label = f"{form.label} ({form.code})" if form else repr(actor.legal_form)
    if kind in {"cooperative", "mutual", "association", "foundation"}:
        note = None
        if declared is False:
            note = Message("{field} says it is not of the ESS, but its form makes it so (art. 1, II, 1°)",
                           field=declared_by)
        return Answer(True, Message("{label} is of the ESS by its form (loi n° 2014-856, art. 1, II, 1°)", label=label),
                      (field,), note)
    if kind in {"natural_person", "no_legal_personality", "public", "civil_company", "foreign"}:
        note = None
        if declared:
            note = Message("{field} says it is of the ESS, but its form cannot be (art. 1, I and II)", field=declared_by)
        return Answer(False, Message("{label} cannot be an ESS enterprise (art. 1: private-law legal persons only, "
                                     "commercial companies under II, 2°)", label=label), (field,), note)
    if kind == "commercial_company":
        by_statutes = _commercial_company_of_the_ess(actor, label)
        if by_statutes is not None:
            return by_statutes
        if declared:
            return Answer(True, Message("{label}, declared of the ESS ({field})", label=label, field=declared_by),
                          (field, declared_by),
                          Message("declared; the conditions of art. 1, II, 2° (social utility, development fund, "
                                  "reserves) are not verified"))
        if declared is False:
            return Answer(False, Message("{label}, declared outside the ESS (ess: false)", label=label), (field, "ess"))
        return Answer(None, Message("{label}: a commercial company is of the ESS only under art. 1, II, 2°, and the "
                                    "file does not say", label=label), ("ess",))
    if declared is not None:
        return Answer(declared, Message("declared of the ESS ({field})", field=declared_by) if declared
                      else Message("declared outside the ESS ({field})", field=declared_by), (declared_by,))
    return Answer(None, Message("the file does not say whether it is of the ESS"), ("ess", "legal_form_code"))


#: Loi n° 2014-856, art. 1, II, 2°, c: the least shares of a commercial company's yearly
#: profits put into its development fund, and carried forward or into compulsory reserves.
DEVELOPMENT_FUND_SHARE, RETAINED_SHARE = 20.0, 50.0

_UNVERIFIED = N_("the other conditions of art. 1 (I: a purpose other than sharing profits, democratic "
                 "governance; II, 2°, c: no redemption of the capital) are not verified")


def _commercial_company_of_the_ess(actor: Actor, label: str) -> Answer | None:
    """A commercial company judged on what its statutes say (art. 1, II, 2°), or ``None`` when they say nothing.

    One condition the statutes break settles it (not of the ESS); all three read and met
    make it of the ESS, the conditions the format cannot hold being noted; some read and
    met, others unread, leave it unknown with the fields that would decide.
    """
    statutes = actor.statutes
    if statutes is None:
        return None
    checks = {
        "statutes.social_utility": (statutes.social_utility, None if statutes.social_utility is None
                                    else statutes.social_utility),
        "statutes.development_fund_share": (statutes.development_fund_share,
                                            None if statutes.development_fund_share is None
                                            else statutes.development_fund_share >= DEVELOPMENT_FUND_SHARE),
        "statutes.retained_share": (statutes.retained_share, None if statutes.retained_share is None
                                    else statutes.retained_share >= RETAINED_SHARE),
    }
    if all(value is None for value, _ in checks.values()):
        return None
    broken = [field for field, (_, met) in checks.items() if met is False]
    if broken:
        return Answer(False, Message("{label}: its statutes do not meet art. 1, II, 2° ({fields})", label=label,
                                     fields=", ".join(broken)), tuple(broken))
    unread = tuple(field for field, (value, _) in checks.items() if value is None)
    if unread:
        return Answer(None, Message("{label}: a commercial company is of the ESS only under art. 1, II, 2°, and its "
                                    "statutes are not read for {fields}", label=label, fields=", ".join(unread)), unread)
    return Answer(True, Message("{label}: its statutes meet art. 1, II, 2° (social utility, development fund at least "
                                "{fund}, at least {retained} retained)", label=label,
                                fund=Figure(DEVELOPMENT_FUND_SHARE / 100, percent=True),
                                retained=Figure(RETAINED_SHARE / 100, percent=True)),
                  tuple(checks), Message(_UNVERIFIED))


def _kind_from_words(words: str) -> str | None:
    if not words:
        return None
    if _NATURAL_PERSON_WORDS.search(words):
        return "natural_person"
    if _NOT_DECLARED.search(words):
        return "no_legal_personality"
    if re.search(r"mutuelle|mutualit|mutual", words, re.IGNORECASE):
        return "mutual"
    if re.search(r"fondation|foundation", words, re.IGNORECASE):
        return "foundation"
    if re.search(r"\b(scop|scic|cuma|coop[ée]rative|coop)\b", words, re.IGNORECASE):
        return "cooperative"
    if re.search(r"\b(association|asso|loi 1901)\b", words, re.IGNORECASE):
        return "association"
    if _COMMERCIAL_WORDS.search(words):
        return "commercial_company"
    return None


def is_ess_enterprise(actor: Actor) -> bool:
    """An enterprise whose ESS status is known to be yes (by form or declared).

    Examples
    --------
    >>> from ptce_kit.model import Actor
    >>> is_ess_enterprise(Actor(id="a", name="A", category="ess_enterprise"))
    True
    >>> is_ess_enterprise(Actor(id="b", name="B", category="enterprise", ess=True))
    True
    >>> is_ess_enterprise(Actor(id="c", name="C", category="ess_enterprise", ess=False))
    False
    >>> is_ess_enterprise(Actor(id="d", name="D", category="local_authority", ess=True))
    False
    """
    return actor.family is Family.ENTERPRISES and ess_status(actor).value is True


def is_other_enterprise(actor: Actor) -> bool:
    """An enterprise known to be outside the ESS (its form, or ``ess: false``); unknown is not.

    Examples
    --------
    >>> from ptce_kit.model import Actor
    >>> is_other_enterprise(Actor(id="a", name="A", category="enterprise", ess=False))
    True
    >>> is_other_enterprise(Actor(id="b", name="B", category="enterprise"))
    False
    """
    return actor.family is Family.ENTERPRISES and ess_status(actor).value is False


def count_ess_enterprises(actors: list[Actor]) -> int:
    """How many of these actors are ESS enterprises: the one count ``ptce show`` and ``ptce check`` use."""
    return sum(1 for a in actors if is_ess_enterprise(a))
