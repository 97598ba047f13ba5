"""The records of the criteria: rules, verdicts, findings, the context a rule reads, reports.

A :class:`Rule` is data (an identifier, its legal source, a title and a plain-language
explanation given as message ids, worded in French and English by the catalogs, the profile
it belongs to) plus one function that reads a
:class:`Context` and returns a :class:`Finding`.  The rules of the law live in
:mod:`ptce_kit.criteria.rules`; :mod:`ptce_kit.criteria.registry` holds them with the
rules a network adds, and checks a pole against them.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

from ..i18n import Message, N_, When, current, gettext, ngettext, render
from ..model import ActorStatus, Pole, check_partial_date, earliest, latest

if TYPE_CHECKING:
    import networkx as nx

    from ..model import Actor

__all__ = ["Verdict", "Finding", "Rule", "Result", "Report", "Context"]


class Verdict(StrEnum):
    """What a rule concludes: ``pass``, ``warn``, ``fail`` or ``unknown`` (the data does not say)."""

    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    UNKNOWN = "unknown"

    @property
    def severity(self) -> int:
        """Order of gravity, for summing a profile up: pass < unknown < warn < fail."""
        return {"pass": 0, "unknown": 1, "warn": 2, "fail": 3}[self.value]


@dataclass(frozen=True)
class Finding:
    """What a rule found: its verdict, a sentence saying why, the evidence and what to do.

    ``evidence`` maps a kind of item to the ids or field paths that made the verdict:
    ``actors``, ``partnerships``, ``projects``, ``fields``.
    """

    verdict: Verdict
    message: str
    evidence: dict[str, list[str]] = field(default_factory=dict)
    hint: str | None = None
    #: ``False`` when the rule does not apply to this pole (e.g. SCIC rules on an association).
    applies: bool = True
    #: For ``unknown``: the fields of the data file that would decide (e.g. ``actors[].ess``).
    missing: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "verdict", Verdict(self.verdict))
        object.__setattr__(self, "missing", tuple(dict.fromkeys(self.missing)))
        # Sorted, de-duplicated evidence: reports are compared byte for byte.
        clean = {k: sorted(set(v)) for k, v in sorted(self.evidence.items()) if v}
        object.__setattr__(self, "evidence", clean)


@dataclass(frozen=True)
class Rule:
    """One criterion: a record with its legal source and the function that checks it.

    Parameters
    ----------
    id : str
        Stable identifier, ``<profile-ish prefix>.<name>``, e.g. ``art9.ess-core``.
    source : str
        The legal text (or, for signals, the practice) the rule comes from, with its
        article number.
    title_id : str
        The criterion in a few words: a message id (English), worded in each language by
        the catalogs (:mod:`ptce_kit.i18n`).
    explanation_id : str
        What the rule checks and how, in plain language: a message id, as ``title_id``.
    profile : str
        The group of rules it belongs to (``definition``, ``state-call``, ``scic``,
        ``emerging``, ``signals`` or a network's own).
    function : callable
        ``function(context) -> Finding``.
    text : str, optional
        The condition as the text states it, quoted (the law's French words, in every language).
    note : str, optional
        What could not be verified about the source (a wording read in a summary, an
        article number not confirmed against the consolidated text).
    wordings : mapping, optional
        For a network's rule, whose ids are not in ptce-kit's catalogs: per language, the
        title and the explanation, ``{"fr": ("Un lieu partagé", "Le pôle a un lieu.")}``.
        A language it does not give falls back to the catalogs, then to the ids.
    """

    id: str
    source: str
    title_id: str
    explanation_id: str
    profile: str
    function: Callable[[Context], Finding]
    text: str = ""
    note: str = ""
    wordings: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def title(self, lang: str | None = None) -> str:
        """The criterion in a few words, in ``lang`` (default: the current language)."""
        own = self.wordings.get(lang or current())
        return own[0] if own else gettext(self.title_id, lang)

    def explanation(self, lang: str | None = None) -> str:
        """What the rule checks and how, in ``lang`` (default: the current language)."""
        own = self.wordings.get(lang or current())
        return own[1] if own else gettext(self.explanation_id, lang)

    def to_dict(self, lang: str | None = None) -> dict[str, str]:
        """The rule's record, its title and explanation in ``lang``."""
        return {
            "id": self.id, "source": gettext(self.source, lang), "profile": self.profile,
            "title": self.title(lang), "explanation": self.explanation(lang),
            "text": self.text, "note": self.note,
        }


class Context:
    """What rules read: the pole, the date of the check and the graph, built once.

    ``at`` is the partial date the pole is judged at (today by default): actors who had
    left and ties that had ended by then do not count.
    """

    def __init__(self, pole: Pole, at: str | None = None, *, graph: nx.MultiGraph | None = None,
                 measures: dict[str, Any] | None = None) -> None:
        self.pole = pole
        self.at = check_partial_date(at) if at else _dt.date.today().isoformat()
        # A caller that already built the graph at the same date (ptce_kit.comparison) hands it
        # over with its measures, which are the costly part: they would be computed twice.
        if graph is not None:
            if graph.graph.get("at") != self.at:
                raise ValueError(Message("the graph given is at {graph!r}, the check at {at!r}", graph=graph.graph.get("at"),
                                         at=self.at))
            self.__dict__["graph"] = graph
            if measures is not None:
                self.__dict__["measures"] = measures

    @cached_property
    def present(self) -> list[Actor]:
        """Actors who are part of the pole at ``at`` (members and partners, not prospective)."""
        return self.pole.members_at(self.at)

    @cached_property
    def uncertain(self) -> list[Actor]:
        """Present actors who may not be there at ``at``: ``joined`` or ``left`` falls in the same period.

        ``left: 2024`` (or ``ceased: 2024``) judged at ``2024-06`` may be before or after: such an actor counts
        neither for a condition nor against it, and turns a verdict that hangs on it into
        ``unknown``.
        """
        start, end = earliest(self.at), latest(self.at)
        return [a for a in self.present
                if (a.left and earliest(a.left) <= end) or (a.joined and latest(a.joined) >= start)
                or (a.ceased and earliest(a.ceased) <= end)]

    @cached_property
    def certain(self) -> list[Actor]:
        """Present actors who are surely there at ``at`` (:attr:`present` less :attr:`uncertain`)."""
        doubt = {a.id for a in self.uncertain}
        return [a for a in self.present if a.id not in doubt]

    @cached_property
    def prospective(self) -> list[Actor]:
        return [a for a in self.pole.actors if a.status is ActorStatus.PROSPECTIVE]

    @cached_property
    def graph(self) -> nx.MultiGraph:
        """The cooperation graph at ``at`` (see :func:`ptce_kit.network.to_graph`)."""
        from ..network import to_graph

        return to_graph(self.pole, at=self.at)

    @cached_property
    def measures(self) -> dict[str, Any]:
        """The pole's measures on :attr:`graph` (see :func:`ptce_kit.network.pole_measures`)."""
        from ..network import pole_measures

        return pole_measures(self.graph)

    # The rules read two of the measures: alone they cost a fraction of the whole table,
    # which is computed only when a rule asks for it or a caller hands it over.
    @cached_property
    def territorial_anchoring(self) -> dict[str, Any]:
        """:func:`ptce_kit.network.measures.territorial_anchoring` of :attr:`graph`."""
        if "measures" in self.__dict__:
            return cast("dict[str, Any]", self.measures["territorial_anchoring"])
        from ..network.measures import territorial_anchoring

        return territorial_anchoring(self.graph)

    @cached_property
    def pivot_dependence(self) -> dict[str, Any] | None:
        """:func:`ptce_kit.network.measures.pivot_dependence` of :attr:`graph` (``None`` without a pivot)."""
        if "measures" in self.__dict__:
            return cast("dict[str, Any] | None", self.measures["pivot_dependence"])
        from ..network.fast import graph_pivot_dependence

        # Read from the graph itself (igraph's arrays or its adjacency), not from a copy of it.
        return graph_pivot_dependence(self.graph, self.graph.graph.get("pivot"))


@dataclass(frozen=True)
class Result:
    """A rule and what it found on one pole."""

    rule: Rule
    finding: Finding

    @property
    def verdict(self) -> Verdict:
        return self.finding.verdict

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "rule": self.rule.id, "profile": self.rule.profile, "source": gettext(self.rule.source, lang),
            "title": self.rule.title(lang), "explanation": self.rule.explanation(lang),
            "verdict": self.verdict.value, "message": render(self.finding.message, lang),
            "evidence": self.finding.evidence,
            "hint": render(self.finding.hint, lang) if self.finding.hint is not None else None,
            "applies": self.finding.applies,
            "missing": list(self.finding.missing), "text": self.rule.text, "note": self.rule.note,
        }


#: Per profile: the sentence when it is met, when it is not, when it does not apply (message ids).
#: The rules whose unknown is a judgement left to a person (the law's « innovants », « porteurs
#: d'un développement local durable »), not a datum missing: they never keep a profile from
#: being met, and the charter lists them as the points the members judge for themselves.
JUDGEMENTS = frozenset({"art9.innovation", "art9.sustainable-development"})


def unsettled(result: Result) -> bool:
    """Whether a result shows only that the data does not establish its condition: a warning,
    a failure for want of data, or an unknown that is not a judgement (:data:`JUDGEMENTS`)."""
    if result.verdict is Verdict.WARN:
        return True
    if result.verdict is Verdict.FAIL:
        return bool(result.finding.missing)
    return result.verdict is Verdict.UNKNOWN and result.rule.id not in JUDGEMENTS


#: Each profile's conclusion when its rules pass, fail on the data, do not apply, and when the
#: data does not establish it (a rule warns, or fails for want of data): the charter's
#: purpose clause says the same (:func:`ptce_kit.render.documents.definition_status`).
_PROFILE_WORDS = {
    "definition": (N_("the definition of art. 9 of loi n° 2014-856 is met"),
                   N_("the definition of art. 9 of loi n° 2014-856 is not met"),
                   N_("the definition of art. 9 of loi n° 2014-856 does not apply to this pole"),
                   N_("the data does not yet establish that the definition of art. 9 of loi n° 2014-856 is met")),
    "state-call": (N_("the eligibility to State calls for projects (décret n° 2015-431) is met"),
                   N_("the eligibility to State calls for projects (décret n° 2015-431) is not met"),
                   N_("the eligibility to State calls for projects (décret n° 2015-431) does not apply to this pole"),
                   N_("the data does not yet establish the eligibility to State calls for projects "
                      "(décret n° 2015-431)")),
    "scic": (N_("the SCIC rules of loi n° 47-1775 are met"), N_("the SCIC rules of loi n° 47-1775 are not met"),
             N_("the SCIC rules of loi n° 47-1775 do not apply to this pole"),
             N_("the data does not yet establish that the SCIC rules of loi n° 47-1775 are met")),
    "emerging": (N_("the profile of the State's « PTCE émergents » call (2021) is met"),
                 N_("the profile of the State's « PTCE émergents » call (2021) is not met"),
                 N_("the profile of the State's « PTCE émergents » call (2021) does not apply to this pole"),
                 N_("the data does not yet establish the profile of the State's « PTCE émergents » call (2021)")),
    "signals": (N_("the structure signals show nothing to watch"), N_("the structure signals show points to watch"),
                N_("the structure signals do not apply to this pole"), N_("the structure signals show points to watch")),
}
_OTHER_PROFILE = (N_("the profile {profile!r} is met"), N_("the profile {profile!r} is not met"),
                  N_("the profile {profile!r} does not apply to this pole"),
                  N_("the data does not yet establish that the profile {profile!r} is met"))


#: Each built-in profile's name as a reader sees it (its id stays in JSON and on the command line).
PROFILE_LABELS = {"definition": N_("definition"), "state-call": N_("State calls"), "scic": N_("SCIC"),
                  "emerging": N_("emerging PTCE"), "signals": N_("structure signals")}


def profile_word(profile: str, lang: str | None = None) -> str:
    """A profile's name in the reader's language (``state-call`` → « appels de l’État »); a network's own as it is."""
    return gettext(PROFILE_LABELS[profile], lang) if profile in PROFILE_LABELS else profile


#: The words of the verdicts, as a reader sees them.
VERDICT_WORDS = {"pass": N_("pass"), "warn": N_("warn"), "fail": N_("fail"), "unknown": N_("unknown")}
#: The words of the kinds of evidence a finding lists.
EVIDENCE_WORDS = {"actors": N_("actors"), "fields": N_("fields"), "partnerships": N_("partnerships"),
                  "projects": N_("projects"), "colleges": N_("colleges"), "bodies": N_("bodies")}


def verdict_word(verdict: Verdict | str, lang: str | None = None) -> str:
    """A verdict in the reader's language (``pass`` → ``conforme``)."""
    value = getattr(verdict, "value", verdict)
    return gettext(VERDICT_WORDS.get(str(value), str(value)), lang)


def evidence_word(kind: str, lang: str | None = None) -> str:
    """The name of a kind of evidence in the reader's language (a kind without a word is shown as it is)."""
    return gettext(EVIDENCE_WORDS[kind], lang) if kind in EVIDENCE_WORDS else kind


@dataclass(frozen=True)
class Report:
    """Every result of a check on one pole, with a conclusion per profile."""

    pole: str
    name: str
    at: str
    profiles: tuple[str, ...]
    results: tuple[Result, ...]

    @property
    def failed(self) -> bool:
        """Whether any selected rule fails (``ptce check`` then exits 1)."""
        return any(r.verdict is Verdict.FAIL for r in self.results)

    def of_profile(self, profile: str) -> list[Result]:
        return [r for r in self.results if r.rule.profile == profile]

    def verdict(self, profile: str) -> Verdict | None:
        """The worst verdict among a profile's rules (``None`` if it has no rule here)."""
        results = self.of_profile(profile)
        return max((r.verdict for r in results), key=lambda v: v.severity) if results else None

    def conclusion(self, profile: str, lang: str | None = None) -> str:
        """One sentence on a profile, e.g. "the definition … is met (1 warning)", in ``lang``."""
        results = self.of_profile(profile)
        yes, no, none, not_established = _PROFILE_WORDS.get(profile, _OTHER_PROFILE)
        if results and not any(r.finding.applies for r in results):
            return gettext(none, lang).format(profile=profile)
        applying = [r for r in results if r.finding.applies]
        counts = {v: sum(r.verdict is v for r in applying) for v in Verdict}
        if profile == "signals":
            failing = counts[Verdict.FAIL] + counts[Verdict.WARN]
            words = no if failing else yes
        else:
            # A rule that fails on data the pole has shows the profile unmet; a warning, or a
            # failure for want of data, only shows that the data does not establish it.
            shown_unmet = any(r.verdict is Verdict.FAIL and not r.finding.missing for r in applying)
            failing = counts[Verdict.FAIL] + counts[Verdict.WARN]
            words = no if shown_unmet else (not_established if any(unsettled(r) for r in applying) else yes)
        sentence = gettext(words, lang).format(profile=profile)
        details = []
        if counts[Verdict.FAIL]:
            details.append(ngettext("{n} failed", "{n} failed", counts[Verdict.FAIL], lang).format(n=counts[Verdict.FAIL]))
        if counts[Verdict.WARN]:
            details.append(ngettext("{n} warning", "{n} warnings", counts[Verdict.WARN], lang).format(n=counts[Verdict.WARN]))
        if counts[Verdict.UNKNOWN]:
            n = counts[Verdict.UNKNOWN]
            details.append(ngettext("{n} point the data does not settle", "{n} points the data does not settle", n,
                                    lang).format(n=n))
        if words is yes and counts[Verdict.UNKNOWN] and profile != "signals":
            sentence += gettext(N_(" as far as the data says"), lang)
        return sentence + (f" ({', '.join(details)})" if details else "")

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "pole": self.pole, "name": self.name, "at": self.at, "profiles": list(self.profiles),
            "failed": self.failed,
            "conclusions": {p: {"verdict": (v.value if (v := self.verdict(p)) else None),
                                "conclusion": self.conclusion(p, lang)} for p in self.profiles},
            "results": [r.to_dict(lang) for r in self.results],
        }

    def to_markdown(self, lang: str = "en") -> str:
        """The report as Markdown: a conclusion per profile, then one section per rule."""
        lines = [Message("# {name}: PTCE criteria", name=self.name).render(lang), "",
                 Message("Pole `{pole}`, checked {at}.", pole=self.pole, at=When(self.at, "as of")).render(lang), ""]
        for profile in self.profiles:
            word = profile_word(profile, lang)
            lines += [f"## {word[:1].upper() + word[1:]}", "",
                      Message("**Conclusion:** {conclusion}.", conclusion=self.conclusion(profile, lang)).render(lang), ""]
            for r in self.of_profile(profile):
                source = gettext(r.rule.source, lang)
                lines += [f"### {verdict_word(r.verdict, lang).upper()} · {r.rule.title(lang)} (`{r.rule.id}`)", "",
                          f"*{source}*", "", render(r.finding.message, lang), ""]
                for kind, items in r.finding.evidence.items():
                    # TRANSLATORS: a kind of evidence (actors, fields…), then its items.
                    lines.append("- " + Message("{kind}: {items}", kind=evidence_word(kind, lang),
                                                items=", ".join(f"`{i}`" for i in items)).render(lang))
                if r.finding.evidence:
                    lines.append("")
                if r.finding.missing:
                    fields = [gettext(m, lang) for m in r.finding.missing]
                    lines += [Message("Would be decided by: {fields}",
                                      fields=", ".join(f"`{m}`" for m in fields)).render(lang), ""]
                if r.finding.hint:
                    lines += [Message("What to do: {hint}", hint=render(r.finding.hint, lang)).render(lang), ""]
                lines += [f"> {r.rule.explanation(lang)}", ""]
        return "\n".join(lines).rstrip() + "\n"
