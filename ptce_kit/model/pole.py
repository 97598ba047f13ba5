"""The pole: the aggregate of everything else, where cross-references are checked."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from enum import StrEnum
from itertools import chain
from functools import partial
from operator import attrgetter, is_not
from typing import Annotated, Any, Final, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_core import InitErrorDetails

from ..errors import Invalid
from ..i18n import Message, N_
from .actors import Actor, Category, Family
from .base import Provenance, Record, error_at, gc_paused, raise_errors
from .governance import Governance
from .grammar import Article, Gender, Number, article_field, gender_field, number_field
from .text import Figure, Line, Name, RequiredLine, Text
from .identifiers import PartialDate, Slug, earliest, latest
from .privacy import resolve_field
from .support import Label, Support
from .territory import PoleSite, Site, Territory, commune_code_errors
from .ties import Event, Partnership, Project
from .variants import Variant, resolve_path, same_value

__all__ = ["ACTOR_REFERENCE_PATHS", "find_actor_refs", "reference_errors", "FORMAT", "Language", "Indicator",
           "IndicatorScope", "Narrative", "NARRATIVE_SECTIONS", "Pole", "Privacy", "pole_to_data"]

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


class IndicatorScope(StrEnum):
    """What a figure is about."""

    TERRITORY = "territory"
    POLE = "pole"
    ACTOR = "actor"


class Indicator(Record):
    """A figure about the territory, the pole or one of its actors, always with its source.

    A series by year is several indicators with the same name (and unit, scope and actor),
    each with its own ``year``: they are never added up, a comparison takes the latest.
    """

    name: Annotated[Name, Field(description="What is counted")]
    value: Figure | None = Field(None, description="The figure (or give 'min' and 'max', or 'at_least')")
    min: Figure | None = Field(None, description="With 'max': the lower bound of a range (\"30 to 35 tonnes\")")
    max: Figure | None = Field(None, description="With 'min': the upper bound of a range")
    at_least: Figure | None = Field(None, description="A lower bound only (\"more than 3 M€\"), instead of 'value'")
    unit: Line | None = Field(None, description="e.g. jobs, people, shareholders, euros")
    approximate: bool = Field(False, description="The source says 'about', 'nearly'…")
    period: Line | None = Field(None, description="The period the figure covers, in words, e.g. '4 years'")
    year: Annotated[int, Field(ge=1800, le=2200)] | None = Field(None, description="The year the figure is for")
    scope: IndicatorScope | None = Field(
        None, description="territory, pole or actor: what the figure is about (actor when 'actor' is set, else pole)")
    actor: Slug | None = Field(None, description="The actor the figure is about, if not the whole pole")
    source: Annotated[RequiredLine, Field(description="Where the figure comes from")]

    @model_validator(mode="after")
    def _shape(self) -> Indicator:
        errors = []
        shapes = [name for name, given in (("value", self.value is not None), ("min/max", self.min is not None
                  or self.max is not None), ("at_least", self.at_least is not None)) if given]
        if not shapes:
            errors.append(error_at(("value",), N_("an indicator needs its figure: 'value', or 'min' and 'max' "
                                                  "for a range, or 'at_least' for a lower bound"), code="PTCE-E132"))
        elif len(shapes) > 1:
            errors.append(error_at((shapes[1].split("/")[0],), Message(
                "give the figure one way: {shapes}, not several",
                shapes=", ".join(f"'{shape}'" for shape in shapes)), code="PTCE-E132"))
        elif (self.min is None) != (self.max is None):
            errors.append(error_at(("max" if self.max is None else "min",),
                                   N_("a range needs both 'min' and 'max' (for a lower bound alone, write 'at_least')"),
                                   code="PTCE-E132"))
        elif self.min is not None and self.max is not None and self.max < self.min:
            errors.append(error_at(("max",), Message("'max' ({max}) is below 'min' ({min})", max=f"{self.max:g}",
                                                     min=f"{self.min:g}"), self.max, code="PTCE-E132"))
        if self.scope is IndicatorScope.ACTOR and not self.actor:
            errors.append(error_at(("actor",), N_("an indicator with 'scope: actor' needs the 'actor' it is about"),
                                   code="PTCE-E101"))
        elif self.actor and self.scope is not None and self.scope is not IndicatorScope.ACTOR:
            errors.append(error_at(
                ("scope",), Message("the indicator names the actor {actor!r}, so its scope is 'actor', not {scope!r}: "
                                    "leave out 'actor' for a figure about the {scope}", actor=self.actor,
                                    scope=self.scope.value), self.scope.value, code="PTCE-E128"))
        raise_errors("Indicator", errors)
        return self

    @property
    def about(self) -> IndicatorScope:
        """The scope, derived when not given: ``actor`` if an actor is named, else ``pole``."""
        return self.scope or (IndicatorScope.ACTOR if self.actor else IndicatorScope.POLE)

    @property
    def bounds(self) -> tuple[float, float | None]:
        """``(low, high)``: equal for a figure, the range's bounds, or ``(at_least, None)``."""
        if self.min is not None:
            return self.min, self.max
        if self.value is not None:
            return self.value, self.value
        assert self.at_least is not None  # the model requires one of the two
        return self.at_least, None

    def series_key(self) -> tuple[str, str, str, str]:
        """What makes two indicators points of one series: name, unit, scope and actor."""
        return (self.name.casefold(), (self.unit or "").casefold(), self.about.value, self.actor or "")


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
    ("actors", "*", "successor"),
    ("actors", "*", "part_of"),
    ("actors", "*", "owners", "*", "actor"),
    ("actors", "*", "operator", "actor"),
    ("governance", "associate_categories", "*", "members", "*"),
    ("support", "*", "funder"),
    ("events", "*", "from"),
    ("events", "*", "to"),
    ("support", "*", "to"),
    ("labels", "*", "holder"),
)

#: Model attributes whose key in files differs (``from`` is a Python keyword).
_ATTRIBUTE_OF: dict[str, str] = {"from": "from_"}
#: Reference paths that may also hold the pole's own id (support to the pole, a label it holds).
_POLE_OR_ACTOR: frozenset[str] = frozenset({"support", "labels"})


def _may_be_pole(loc: tuple[str | int, ...], ref: str, pole_id: Any) -> bool:
    return bool(loc) and loc[0] in _POLE_OR_ACTOR and loc[-1] in ("to", "holder") and ref == pole_id


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
        child = item.get(head) if isinstance(item, dict) else getattr(item, _ATTRIBUTE_OF.get(head, head), None)
        if child is not None:
            yield from walk(child, rest, (*path, head))

    for pattern in ACTOR_REFERENCE_PATHS:
        yield from walk(node, pattern, ())


_ID, _SIRET = attrgetter("id"), attrgetter("siret")


_not_none = partial(is_not, None)


def _is_list(value: Any) -> bool:
    return isinstance(value, list)


def _actor_ids(node: Any, pole_id: str | None = None) -> Iterator[Any]:
    """Every actor reference of a pole model, without its place (see :func:`find_actor_refs`),
    less the pole's own id where it may stand for the pole (``pole_id``, see :func:`_may_be_pole`).

    Whole lists at a time (``map``, ``filter``, ``chain`` run in C): one pass over the
    references of a pole of 10^5 actors, no Python frame per reference.  Values that are
    not strings are yielded too (a body's member from outside the pole is a record).
    """
    found: list[Iterable[Any]] = []
    for pattern in ACTOR_REFERENCE_PATHS:
        level: Iterable[Any] = (node,)
        for head in pattern:
            if head == "*":  # the items of lists only ("members: all" is not a list of ids)
                level = chain.from_iterable(filter(_is_list, level))
            else:
                level = filter(_not_none, map(attrgetter(_ATTRIBUTE_OF.get(head, head)), level))
        if pole_id is not None and pattern[0] in _POLE_OR_ACTOR and pattern[-1] in ("to", "holder"):
            level = filter(pole_id.__ne__, level)
        found.append(level)
    return chain.from_iterable(found)


def reference_errors(data: Any) -> list[InitErrorDetails]:
    """Broken actor references in raw pole data (a dict), however invalid the rest is."""
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        return []
    known = [a["id"] for a in data["actors"] if isinstance(a, dict) and isinstance(a.get("id"), str)]
    ids = set(known)
    return [_ref_error(loc, ref, known) for loc, ref in find_actor_refs(data)
            if ref not in ids and not _may_be_pole(loc, ref, data.get("id"))]


def _ref_error(loc: tuple[str | int, ...], ref: str, known: Iterable[str]) -> InitErrorDetails:
    import difflib

    close = difflib.get_close_matches(ref, list(known), n=1)
    fix = (Message("did you mean {close!r}?", close=close[0]) if close
           else Message("add an actor with id {ref!r} or fix the id", ref=ref))
    return error_at(loc, Message("{ref!r} is not the id of any actor: {fix}", ref=ref, fix=fix), ref,
                    "unknown_reference", code="PTCE-E200")


#: The validation context key that defers :meth:`Pole.check_cross_references`: the
#: caller puts the pole's big lists in place, then runs it (``model.slices``).
LISTS_PENDING = "ptce_lists_pending"


class Pole(Record):
    """A Pôle Territorial de Coopération Économique, as described by its data file."""

    format: Literal["ptce/1"] = Field(FORMAT, description="Version of the data format")
    id: Slug = Field(description="Identifier of the pole, e.g. pole-sud (used in file names and URLs)")
    name: Annotated[Name, Field(description="Short name, e.g. 'Pôle des Coopérations'")]
    long_name: Name | None = Field(None, description="Full name, e.g. 'Pôle territorial de coopération économique du Val'")
    language: Language = Field(Language.FR, description="Language of the generated documents")
    founded: PartialDate | None = Field(None, description="When the pole was founded")
    description: Text | None = Field(None, description="What the pole is, in a few sentences")
    territory: Territory | None = Field(None, description="The territory the pole serves")
    site: Site | None = Field(None, description="The shared place, if the pole has one")
    sites: list[PoleSite] = Field(
        default_factory=list, description="The pole's places over time, when it has several or moved")
    pivot: Slug | None = Field(None, description="Id of the pivot structure (structure porteuse)")
    actors: list[Actor] = Field(default_factory=list, description="Members, partners and prospective members")
    partnerships: list[Partnership] = Field(default_factory=list, description="Continuing ties between actors")
    projects: list[Project] = Field(default_factory=list, description="Joint economic and social activities")
    governance: Governance = Field(default_factory=Governance, description="How the pole governs itself")
    indicators: list[Indicator] = Field(default_factory=list, description="Figures, each with its source")
    support: list[Support] = Field(
        default_factory=list, description="Support the pole or its actors received or applied for (funders, calls)")
    support_complete: bool = Field(
        False, description="'support' lists every public support the pole applied for: a State call not "
                           "listed was not answered")
    labels: list[Label] = Field(default_factory=list, description="Labels and agreements held (ESUS, SIAE…)")
    events: list[Event] = Field(
        default_factory=list, description="One-off events between actors (a gift, a takeover), not continuing ties")
    variants: list[Variant] = Field(
        default_factory=list, description="Facts the sources disagree on: every value with its source, and the chosen one")
    narrative: Narrative = Field(default_factory=Narrative, description="Free-text sections of the pole's fiche (Markdown)")
    sources: list[Line] = Field(
        default_factory=list, description="Documents the data was transcribed from"
    )
    privacy: Privacy = Field(default_factory=Privacy, description="Personal data the pole declares (RGPD)")
    article: Article | None = article_field()
    gender: Gender | None = gender_field()
    number: Number | None = number_field()

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
    def _cross_references(self, info: ValidationInfo) -> Pole:
        if not (info.context and info.context.get(LISTS_PENDING)):
            self.check_cross_references()
        return self

    def check_cross_references(self) -> None:
        """Raise a ``ValidationError`` naming every broken reference and rule across records.

        Run by validation; :mod:`ptce_kit.model.slices` runs it itself once it has put its
        lists of already validated records in place (validated with the context
        ``{LISTS_PENDING: True}``, which skips it).
        """
        # Written for poles of 10^5 actors: whole-list operations first, the loops that
        # name each problem only when there is one.
        errors: list[InitErrorDetails] = []
        index: dict[str, int] = {}
        for kind, items in (("actors", self.actors), ("partnerships", self.partnerships),
                            ("projects", self.projects)):
            ids = list(map(_ID, items))
            # Each id once (the usual case): the dict built in C is each id's first place.
            first = dict(zip(ids, range(len(ids))))
            if len(first) < len(ids):
                first = {item_id: i for i, item_id in reversed(list(enumerate(ids)))}
                errors += [error_at((kind, i, "id"),
                                    Message("the id {id!r} is already used by {other}: give each one its own id",
                                            id=item_id, other=f"{kind}[{first[item_id]}]"),
                                    item_id, "duplicate_id", code="PTCE-E201")
                           for i, item_id in enumerate(ids) if first[item_id] != i]
            if kind == "actors":
                index = first
        try:
            complete = all(map(index.__contains__, _actor_ids(self, self.id)))
        except TypeError:  # a place that holds a record, not an id (a body's member from outside)
            complete = all(ref in index for ref in _actor_ids(self, self.id) if isinstance(ref, str))
        if not complete:
            # Only now the places of the broken references: building every path costs.
            errors += [_ref_error(loc, ref, index) for loc, ref in self.iter_actor_refs()
                       if ref not in index and not _may_be_pole(loc, ref, self.id)]
        siret_of: dict[str, int] = {}
        sirets = [siret for siret in map(_SIRET, self.actors) if siret]
        for i, actor in enumerate(self.actors if len(set(sirets)) < len(sirets) else ()):
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
        errors += self._series_errors() + self._event_errors() + self._variant_errors()
        left = {actor.id: actor.left for actor in self.actors if actor.left}
        ceased = {actor.id: actor.ceased for actor in self.actors if actor.ceased}
        gone = left.keys() | ceased.keys()
        for i, p in enumerate(self.partnerships if left or ceased else ()):
            # Actors often cooperated before they joined, so only a tie that starts after
            # one of its actors left the pole (or ceased to exist) is a contradiction.
            if not p.since or gone.isdisjoint(p.actors):
                continue
            starts = earliest(p.since)
            for ref in p.actors:
                if ref in left and starts > latest(left[ref]):
                    errors.append(error_at(
                        ("partnerships", i, "since"),
                        Message("the tie starts ({since}) after {ref!r} left the pole ({left})",
                                since=p.since, ref=ref, left=left[ref]),
                        p.since, "tie_after_leaving", code="PTCE-E203"))
                elif ref in ceased and starts > latest(ceased[ref]):
                    errors.append(error_at(
                        ("partnerships", i, "since"),
                        Message("the tie starts ({since}) after {ref!r} ceased to exist ({ceased})",
                                since=p.since, ref=ref, ceased=ceased[ref]),
                        p.since, "tie_after_leaving", code="PTCE-E209"))
        errors += self._structure_errors(index)
        errors += commune_code_errors(self)
        raise_errors("Pole", errors)

    def _structure_errors(self, index: dict[str, int]) -> list[InitErrorDetails]:
        """Sites and presences, units inside units, associates in one category each."""
        errors: list[InitErrorDetails] = []
        site_ids: dict[str, int] = {}
        for i, site in enumerate(self.sites):
            if site.id in site_ids:
                errors.append(error_at(("sites", i, "id"), Message(
                    "the id {id!r} is already used by {other}: give each one its own id", id=site.id,
                    other=f"sites[{site_ids[site.id]}]"), site.id, "duplicate_id", code="PTCE-E201"))
            site_ids.setdefault(site.id, i)
        for i, actor in enumerate(self.actors):
            if not actor.presences and actor.part_of is None:
                continue
            for j, item in enumerate(actor.presences):
                if item.site not in site_ids:
                    message = (Message("{site!r} is not the id of any of the pole's sites: use one of {ids}",
                                       site=item.site, ids=", ".join(sorted(site_ids))) if site_ids
                               else Message("{site!r} is not the id of any of the pole's sites: describe the pole's "
                                            "places in 'sites' (each with an id)", site=item.site))
                    errors.append(error_at(("actors", i, "presences", j, "site"), message, item.site,
                                           "unknown_reference", code="PTCE-E205"))
            if actor.part_of is not None and actor.part_of in index:
                # A unit inside a unit is fine; a circle of units is not.
                seen = {actor.id}
                parent: str | None = actor.part_of
                while parent is not None and parent in index and parent not in seen:
                    seen.add(parent)
                    parent = self.actors[index[parent]].part_of
                if parent == actor.id:
                    errors.append(error_at(("actors", i, "part_of"), Message(
                        "{id!r} is, through 'part_of', a unit of itself: one of the actors of this circle is not a "
                        "unit", id=actor.id), actor.part_of, code="PTCE-E206"))
        category_of: dict[str, str] = {}
        for i, category in enumerate(self.governance.associate_categories):
            for j, ref in enumerate(category.members):
                other = category_of.setdefault(ref, category.name)
                if other != category.name:
                    errors.append(error_at(
                        ("governance", "associate_categories", i, "members", j),
                        Message("{ref!r} is already in the category {other!r}: an associate belongs to one category",
                                ref=ref, other=other), ref, "two_categories", code="PTCE-E207"))
        return errors

    def _series_errors(self) -> list[InitErrorDetails]:
        """A series has one figure per year: the same indicator twice for one year is a conflict."""
        seen: dict[tuple[Any, ...], int] = {}
        errors = []
        for i, indicator in enumerate(self.indicators):
            if indicator.year is None:
                continue
            first = seen.setdefault((*indicator.series_key(), indicator.year), i)
            if first != i:
                errors.append(error_at(
                    ("indicators", i, "year"),
                    Message("{first} already gives {name!r} for {year}: a series has one figure per year (keep "
                            "disagreeing sources in 'variants')", first=f"indicators[{first}]", name=indicator.name,
                            year=indicator.year), indicator.year, "duplicate_year", code="PTCE-E208"))
        return errors

    def _event_errors(self) -> list[InitErrorDetails]:
        if not self.events:
            return []
        ties = {p.id for p in self.partnerships}
        seen: dict[str, int] = {}
        errors = []
        for i, event in enumerate(self.events):
            if event.id is None:
                continue
            first = seen.setdefault(event.id, i)
            if first != i:
                errors.append(error_at(("events", i, "id"), Message(
                    "the id {id!r} is already used by {other}: give each one its own id", id=event.id,
                    other=f"events[{first}]"), event.id, "duplicate_id", code="PTCE-E201"))
            elif event.id in ties:
                errors.append(error_at(("events", i, "id"), Message(
                    "the id {id!r} is already a partnership's: give the event its own id", id=event.id),
                    event.id, "duplicate_id", code="PTCE-E201"))
        return errors

    def _variant_errors(self) -> list[InitErrorDetails]:
        errors = []
        for i, variant in enumerate(self.variants):
            found, value, problem = resolve_path(self, variant.field)
            if not found:
                errors.append(error_at(("variants", i, "field"), Message(
                    "{field!r} names no field of the pole: {problem}", field=variant.field, problem=problem),
                    variant.field, "unknown_field", code="PTCE-E210"))
            elif value is not None and variant.chosen is not None and not same_value(value, variant.chosen):
                errors.append(error_at(
                    ("variants", i, "chosen"), Message(
                        "the chosen value {chosen!r} is not the value of {field} ({value!r}): make them the same",
                        chosen=variant.chosen, field=variant.field, value=value),
                    variant.chosen, "variant_mismatch", code="PTCE-E210"))
        return errors

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
        """Actors who had joined and not left (nor ceased to exist) at the partial date ``when``."""
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
    # A form derived from the history is not written back: the file keeps what it said.
    derived = "form" not in pole.governance.model_fields_set
    data = pole.model_dump(mode="json", exclude_none=True, exclude_defaults=True,
                           exclude={"governance": {"form"}} if derived else None)
    # The version always comes first, so that a reader knows what it is reading.
    return {"format": pole.format, **{k: v for k, v in data.items() if k != "format"}}
