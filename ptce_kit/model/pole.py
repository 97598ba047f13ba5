"""The pole: the aggregate of everything else, where cross-references are checked."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Annotated, Any, Final, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_core import InitErrorDetails

from ..errors import Invalid
from ..i18n import Message, N_
from .actors import Actor, Category, Family
from .base import Provenance, Record, error_at, gc_paused, raise_errors
from .governance import Governance
from .text import Figure, Line, Name, RequiredLine, Text
from .identifiers import PartialDate, Slug, earliest, latest
from .privacy import resolve_field
from .territory import Site, Territory
from .ties import Partnership, Project

__all__ = ["ACTOR_REFERENCE_PATHS", "find_actor_refs", "reference_errors", "FORMAT", "Language", "Indicator", "Narrative", "NARRATIVE_SECTIONS", "Pole", "Privacy", "pole_to_data"]

#: The version of the data format this release reads and writes.
FORMAT: Final = "ptce/1"


class Language(StrEnum):
    FR = "fr"
    EN = "en"


class Privacy(Record):
    """Fields this pole holds personal data in, beyond contacts (which are always personal)."""

    personal_fields: list[str] = Field(
        default_factory=list,
        description="Further fields holding personal data, as dotted paths such as 'actors.description'; "
                    "exports meant for sharing leave them out",
    )

    @field_validator("personal_fields")
    @classmethod
    def _known_fields(cls, paths: list[str]) -> list[str]:
        for path in paths:
            info = resolve_field(Pole, path)
            if info.is_required():
                raise Invalid(Message("{path!r} is a required field: it cannot be left out of shared files; "
                                      "declare an optional field instead", path=path), code="PTCE-E125")
        return paths


class Indicator(Record):
    """A figure about the pole or one of its actors, always with its source."""

    name: Annotated[Name, Field(description="What is counted")]
    value: Figure = Field(description="The figure")
    unit: Line | None = Field(None, description="e.g. jobs, people, shareholders, euros")
    approximate: bool = Field(False, description="The source says 'about', 'nearly'…")
    period: Line | None = Field(None, description="The period the figure covers, in words, e.g. '4 years'")
    year: Annotated[int, Field(ge=1800, le=2200)] | None = Field(None, description="The year the figure is for")
    actor: Slug | None = Field(None, description="The actor the figure is about, if not the whole pole")
    source: Annotated[RequiredLine, Field(description="Where the figure comes from")]


class Narrative(Record):
    """Free-text sections of the pole's fiche, in the order the fiche gives them."""

    summary: Text | None = Field(None, description="One sentence that sums the pole up")
    presentation: Text | None = Field(None, description="Présentation de l'initiative (quoi ?)")
    argument: Text | None = Field(None, description="Argumentaire")
    development_conditions: Text | None = Field(None, description="Conditions du développement")
    figures: Text | None = Field(None, description="Données chiffrées")
    success_factors: Text | None = Field(None, description="Facteurs de succès")
    why_ptce: Text | None = Field(None, description="Pourquoi créer des PTCE")
    impacts: Text | None = Field(None, description="Impacts de l'initiative")
    organisation: Text | None = Field(None, description="L'organisation")
    actors: Text | None = Field(None, description="Les acteurs (qui ?)")
    partners: Text | None = Field(None, description="Les partenaires")
    message_public: Text | None = Field(None, description="Message à l'opinion")
    message_decision_makers: Text | None = Field(None, description="Message aux décideurs")
    message_ess: Text | None = Field(None, description="Message à ceux qui font l'ESS")
    proposals: Text | None = Field(None, description="Proposition pour influencer les décideurs")
    provenance: Text | None = Provenance()


#: Narrative section names, in the fiche's order (``provenance`` is not a section).
NARRATIVE_SECTIONS: tuple[str, ...] = tuple(n for n in Narrative.model_fields if n != "provenance")


#: Every place of a pole that holds an actor id ("*": each item of a list).
ACTOR_REFERENCE_PATHS: tuple[tuple[str, ...], ...] = (
    ("pivot",),
    ("partnerships", "*", "actors", "*"),
    ("projects", "*", "actors", "*"),
    ("governance", "bodies", "*", "members", "*"),
    ("governance", "colleges", "*", "members", "*"),
    ("governance", "legal_acts", "*", "parties", "*"),
    ("governance", "facilitation", "by"),
    ("indicators", "*", "actor"),
)


def find_actor_refs(node: Any) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """``(path, id)`` for every actor reference in a pole, a model or its raw data.

    Working on raw data too lets a file with other errors still get its broken
    references reported in the same run.
    """

    def walk(item: Any, pattern: tuple[str, ...], path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
        if not pattern:
            if isinstance(item, str):
                yield path, item
            return
        head, rest = pattern[0], pattern[1:]
        if head == "*":
            if isinstance(item, list):
                for i, child in enumerate(item):
                    yield from walk(child, rest, (*path, i))
            return
        child = item.get(head) if isinstance(item, dict) else getattr(item, head, None)
        if child is not None:
            yield from walk(child, rest, (*path, head))

    for pattern in ACTOR_REFERENCE_PATHS:
        yield from walk(node, pattern, ())


def _actor_ids(node: Any) -> list[Any]:
    """Every actor reference of a pole model, without its place (see :func:`find_actor_refs`)."""
    ids: list[Any] = []
    for pattern in ACTOR_REFERENCE_PATHS:
        level = [node]
        for head in pattern:
            if head == "*":
                level = [child for item in level if isinstance(item, list) for child in item]
            else:
                level = [child for item in level if (child := getattr(item, head, None)) is not None]
        ids += [value for value in level if isinstance(value, str)]
    return ids


def reference_errors(data: Any) -> list[InitErrorDetails]:
    """Broken actor references in raw pole data (a dict), however invalid the rest is."""
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        return []
    known = [a["id"] for a in data["actors"] if isinstance(a, dict) and isinstance(a.get("id"), str)]
    ids = set(known)
    return [_ref_error(loc, ref, known) for loc, ref in find_actor_refs(data) if ref not in ids]


def _ref_error(loc: tuple[str | int, ...], ref: str, known: Iterable[str]) -> InitErrorDetails:
    import difflib

    close = difflib.get_close_matches(ref, list(known), n=1)
    fix = (Message("did you mean {close!r}?", close=close[0]) if close
           else Message("add an actor with id {ref!r} or fix the id", ref=ref))
    return error_at(loc, Message("{ref!r} is not the id of any actor: {fix}", ref=ref, fix=fix), ref,
                    "unknown_reference", code="PTCE-E200")


class Pole(Record):
    """A Pôle Territorial de Coopération Économique, as described by its data file."""

    format: Literal["ptce/1"] = Field(FORMAT, description="Version of the data format")
    id: Slug = Field(description="Identifier of the pole, e.g. pole-sud (used in file names and URLs)")
    name: Annotated[Name, Field(description="Short name, e.g. 'Pôle Sud'")]
    long_name: Name | None = Field(None, description="Full name, e.g. 'Pôle de coopération économique Sud Rhône-Alpes'")
    language: Language = Field(Language.FR, description="Language of the generated documents")
    founded: PartialDate | None = Field(None, description="When the pole was founded")
    description: Text | None = Field(None, description="What the pole is, in a few sentences")
    territory: Territory | None = Field(None, description="The territory the pole serves")
    site: Site | None = Field(None, description="The shared place, if the pole has one")
    pivot: Slug | None = Field(None, description="Id of the pivot structure (structure porteuse)")
    actors: list[Actor] = Field(default_factory=list, description="Members, partners and prospective members")
    partnerships: list[Partnership] = Field(default_factory=list, description="Continuing ties between actors")
    projects: list[Project] = Field(default_factory=list, description="Joint economic and social activities")
    governance: Governance = Field(default_factory=Governance, description="How the pole governs itself")
    indicators: list[Indicator] = Field(default_factory=list, description="Figures, each with its source")
    narrative: Narrative = Field(default_factory=Narrative, description="Free-text sections of the pole's fiche (Markdown)")
    sources: list[Line] = Field(
        default_factory=list, description="Documents the data was transcribed from"
    )
    privacy: Privacy = Field(default_factory=Privacy, description="Personal data the pole declares (RGPD)")

    @model_validator(mode="wrap")
    @classmethod
    def _in_one_go(cls, data: Any, handler: Any) -> Pole:
        # A pole of 10^5 actors is millions of new objects and no reference cycle: the
        # cyclic garbage collector would scan the growing heap again and again for
        # nothing (a third of the validation time at that size).  It resumes after.
        with gc_paused():
            pole: Pole = handler(data)
            return pole

    @model_validator(mode="after")
    def _cross_references(self) -> Pole:
        # Written for poles of 10^5 actors: whole-list operations first, the loops that
        # name each problem only when there is one.
        errors: list[InitErrorDetails] = []
        index: dict[str, int] = {}
        for kind, items in (("actors", self.actors), ("partnerships", self.partnerships),
                            ("projects", self.projects)):
            ids = [item.id for item in items]
            first = {item_id: i for i, item_id in reversed(list(enumerate(ids)))}
            if len(first) < len(ids):
                errors += [error_at((kind, i, "id"),
                                    Message("the id {id!r} is already used by {other}: give each one its own id",
                                            id=item_id, other=f"{kind}[{first[item_id]}]"),
                                    item_id, "duplicate_id", code="PTCE-E201")
                           for i, item_id in enumerate(ids) if first[item_id] != i]
            if kind == "actors":
                index = first
        if not index.keys() >= set(_actor_ids(self)):
            # Only now the places of the broken references: building every path costs.
            errors += [_ref_error(loc, ref, index) for loc, ref in self.iter_actor_refs() if ref not in index]
        siret_of: dict[str, int] = {}
        for i, actor in enumerate(self.actors):
            if actor.siret:
                first_with = siret_of.setdefault(actor.siret, i)
                if first_with != i:
                    errors.append(error_at(
                        ("actors", i, "siret"),
                        Message("the SIRET {siret} is already that of {other} ({name!r}): an establishment is one actor",
                                siret=actor.siret, other=f"actors[{first_with}]", name=self.actors[first_with].id),
                        actor.siret, "duplicate_siret", code="PTCE-E204",
                        hint=N_("an establishment is one actor: merge the two, or fix the SIRET of one")))
        college_of: dict[str, str] = {}
        for i, college in enumerate(self.governance.colleges):
            for j, ref in enumerate(college.members):
                other = college_of.setdefault(ref, college.name)
                if other != college.name:
                    errors.append(error_at(
                        ("governance", "colleges", i, "members", j),
                        Message("{ref!r} is already in the college {other!r}: a member belongs to one college",
                                ref=ref, other=other),
                        ref, "two_colleges", code="PTCE-E202"))
        left = {actor.id: actor.left for actor in self.actors if actor.left}
        for i, p in enumerate(self.partnerships if left else ()):
            # Actors often cooperated before they joined, so only a tie that starts after
            # one of its actors left the pole is a contradiction.
            if not p.since:
                continue
            for ref in p.actors:
                if ref in left and earliest(p.since) > latest(left[ref]):
                    errors.append(error_at(
                        ("partnerships", i, "since"),
                        Message("the tie starts ({since}) after {ref!r} left the pole ({left})",
                                since=p.since, ref=ref, left=left[ref]),
                        p.since, "tie_after_leaving", code="PTCE-E203"))
        raise_errors("Pole", errors)
        return self

    # --- convenience -------------------------------------------------------------

    def actor(self, actor_id: str) -> Actor:
        """The actor with this id; ``KeyError`` naming the id if there is none."""
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        raise KeyError(f"no actor with id {actor_id!r} in pole {self.id!r}")

    @property
    def pivot_actor(self) -> Actor | None:
        return self.actor(self.pivot) if self.pivot else None

    def actors_by_category(self) -> dict[Category, list[Actor]]:
        """Actors grouped by category, in the order of :class:`Category`."""
        groups: dict[Category, list[Actor]] = {c: [] for c in Category}
        for actor in self.actors:
            groups[actor.category].append(actor)
        return {c: a for c, a in groups.items() if a}

    def actors_by_family(self) -> dict[Family, list[Actor]]:
        """Actors grouped by family, in the order of :class:`Family`."""
        groups: dict[Family, list[Actor]] = {f: [] for f in Family}
        for actor in self.actors:
            groups[actor.family].append(actor)
        return {f: a for f, a in groups.items() if a}

    def members_at(self, when: str) -> list[Actor]:
        """Actors who had joined and not left at the partial date ``when``."""
        return [a for a in self.actors if a.active_at(when)]

    def partnerships_at(self, when: str) -> list[Partnership]:
        """Partnerships alive at ``when`` between actors who were members then."""
        present = {a.id for a in self.members_at(when)}
        return [p for p in self.partnerships if p.active_at(when) and set(p.actors) <= present]

    def iter_actor_refs(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        """Every place an actor id is referenced, as ``(path, id)`` pairs."""
        return find_actor_refs(self)

    def college_of(self, actor_id: str) -> str | None:
        """The name of the college an actor belongs to, if colleges exist."""
        for college in self.governance.colleges:
            if actor_id in college.members:
                return college.name
        return None

    def counts(self) -> dict[str, dict[str, int]]:
        """Numbers for summaries: actors by family and category, ties by kind."""
        return {
            "families": dict(Counter(a.family.value for a in self.actors)),
            "categories": dict(Counter(a.category.value for a in self.actors)),
            "partnerships": dict(Counter(p.kind.value for p in self.partnerships)),
        }


def pole_to_data(pole: Pole) -> dict[str, Any]:
    """The pole as plain data, as a file holds it: ``format`` first, defaults and empty fields left out."""
    data = pole.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    # The version always comes first, so that a reader knows what it is reading.
    return {"format": pole.format, **{k: v for k, v in data.items() if k != "format"}}
