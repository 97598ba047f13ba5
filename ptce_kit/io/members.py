"""Edit the registry of a pole in place: members, partnerships and projects.

Each function changes ``pole.yaml`` through :func:`~ptce_kit.io.edit.edit_pole`, so the
file keeps its comments and layout, is validated before it is written, is written
atomically and under a lock.  Each returns the :class:`~ptce_kit.io.edit.Edit`.
"""

from __future__ import annotations

import difflib
import os
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import PoleError, Problem, format_path
from ..i18n import Message, N_, plural_message
from ..model.vocabulary import label
from ..model.field_labels import FieldName
from .edit import DATE_FIELDS, Edit, as_plain, date_node, edit_pole, position, set_key, to_node

__all__ = [
    "add_member",
    "update_member",
    "remove_member",
    "add_partnership",
    "end_partnership",
    "add_project",
    "actor_references",
    "new_id",
    "put_in_college",
    "check_record",
    "append_record",
    "update_member_node",
    "record_list",
]

PathLike = str | os.PathLike[str]


def new_id(base: str, taken: Iterable[str]) -> str:
    """An identifier made from ``base`` that is not in ``taken`` (``base``, ``base-2``…).

    Examples
    --------
    >>> new_id("Groupe Archer", ["groupe-archer"])
    'groupe-archer-2'
    """
    from ..model import suggest_slug

    slug = suggest_slug(base)
    taken = set(taken)
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug}-{n}"
    return candidate


def check_record(model: Any, fields: Mapping[str, Any], what: str) -> None:
    """Validate one record on its own, so that errors name the option, not a line."""
    from pydantic import ValidationError

    from .files import _message

    try:
        model.model_validate(dict(fields))
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            message, hint, code = _message(err)
            problems.append(Problem(message, path=tuple(err["loc"]), hint=hint, code=code))
        raise PoleError(problems, summary=Message("the {what} is not valid, so nothing was written",
                                                  what=what if isinstance(what, Message) else Message(what))) from None


def _ids(items: Any) -> list[str]:
    return [str(item.get("id")) for item in items or [] if isinstance(item, Mapping)]


def _find(data: Any, kind: str, item_id: str) -> int:
    ids = _ids(data.get(kind))
    if item_id in ids:
        return ids.index(item_id)
    close = difflib.get_close_matches(item_id, ids, n=1)
    missing = {"actors": N_("there is no actor with id {id!r}"), "partnerships": N_("there is no partnership with id {id!r}"),
               "projects": N_("there is no project with id {id!r}")}[kind]
    listed = {"actors": N_("the actors are: {ids}"), "partnerships": N_("the partnerships are: {ids}"),
              "projects": N_("the projects are: {ids}")}[kind]
    raise PoleError.single(
        Message(missing, id=item_id), code="PTCE-E300",
        hint=Message("did you mean {close!r}?", close=close[0]) if close
        else Message(listed, ids=", ".join(ids) or Message("none yet")),
    )


def _list(data: Any, key: str) -> Any:
    from ..model import Pole

    from ruamel.yaml.comments import CommentedSeq

    if data.get(key) is None:
        set_key(data, key, CommentedSeq(), list(Pole.model_fields))  # block style: one record a line
    return data[key]


def record_list(data: Any, key: str) -> Any:
    """The list ``key`` of the file's top mapping (``indicators``…), made empty, in block style, if missing."""
    return _list(data, key)


def put_in_college(data: Any, actor_id: str, college: str | None) -> list[str]:
    """Make ``actor_id`` a member of the college named ``college`` (and of no other).

    ``None`` leaves the colleges as they are; ``""`` takes the actor out of every college.
    """
    if college is None:
        return []
    notes: list[str] = []
    colleges = (data.get("governance") or {}).get("colleges") or []
    names = [str(c.get("name")) for c in colleges]
    if college and college not in names:
        close = difflib.get_close_matches(college, names, n=1)
        raise PoleError.single(
            Message("there is no college named {name!r}", name=college), code="PTCE-E301",
            hint=(Message("did you mean {close!r}?", close=close[0]) if close else
                  Message("the colleges are: {names}", names=", ".join(names)) if names else
                  N_("describe the colleges under governance.colleges first")),
        )
    for c in colleges:
        members = c.get("members")
        inside = members is not None and actor_id in members
        if c.get("name") == college and not inside:
            if members is None:
                set_key(c, "members", to_node([actor_id]), ["name", "members", "weight"])
            else:
                members.append(actor_id)
            notes.append(Message("{id} joins the college {name!r}", id=actor_id, name=college))
        elif c.get("name") != college and inside:
            members.remove(actor_id)
            notes.append(Message("{id} leaves the college {name!r}", id=actor_id, name=c.get("name")))
    return notes


def append_record(data: Any, kind: str, model: Any, fields: Mapping[str, Any], id_base: str) -> str:
    """Append a new record to the list ``kind`` (actors, partnerships, projects); its id.

    Empty values are left out; a missing id is made from ``id_base``; the record is
    validated on its own first and written with its keys in the model's order.
    """
    items = _list(data, kind)
    record = {k: v for k, v in fields.items() if v is not None}
    if not record.get("id"):
        record["id"] = new_id(id_base, _ids(items))
    elif record["id"] in _ids(items):
        exists = {"actors": N_("an actor with id {id!r} already exists"),
                  "partnerships": N_("a partnership with id {id!r} already exists"),
                  "projects": N_("a project with id {id!r} already exists")}[kind]
        raise PoleError.single(Message(exists, id=record["id"]), code="PTCE-E302",
                               hint=N_("choose another --id, or change the existing one"))
    check_record(model, record, {"actors": N_("new actor"), "partnerships": N_("new partnership"),
                                 "projects": N_("new project")}[kind])
    order = list(model.model_fields)
    items.append(to_node({k: record[k] for k in sorted(record, key=order.index)}))
    return str(record["id"])


def normalised_name(name: str) -> str:
    """A name as two people would both write it: no accents, capitals, punctuation or extra spaces.

    Examples
    --------
    >>> normalised_name("  Groupe  ARCHER, SA ") == normalised_name("groupe archer sa")
    True
    >>> normalised_name("Régie de quartier")
    'regie de quartier'
    """
    import re
    import unicodedata

    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def _digits(value: Any) -> str:
    return "".join(ch for ch in str(value or "") if ch.isdigit())


def duplicates_of(actors: Iterable[Any], fields: Mapping[str, Any]) -> list[Problem]:
    """The actors already in a pole that ``fields`` (a new actor) would repeat, as problems.

    The same SIRET is the same establishment; the same SIREN without a SIRET on either is the
    same legal unit (a second head office); the same name, once accents, capitals and
    punctuation are set aside, is most likely the same actor.
    """
    siret, siren = _digits(fields.get("siret")), _digits(fields.get("siren")) or _digits(fields.get("siret"))[:9]
    name = normalised_name(str(fields.get("name") or ""))
    found = []
    for i, actor in enumerate(actors):
        if not isinstance(actor, Mapping):
            continue
        other_id = actor.get("id")
        other_siret = _digits(actor.get("siret"))
        other_siren = _digits(actor.get("siren")) or other_siret[:9]
        if siret and siret == other_siret:
            found.append(Problem(Message("the actor {id!r} already has the SIRET {siret}", id=other_id, siret=siret),
                                 path=("actors", i, "siret"), code="PTCE-E305",
                                 hint=N_("update that actor with 'ptce member update', or add --allow-duplicate "
                                         "if this really is another actor")))
        elif siren and siren == other_siren and not (siret and other_siret):
            found.append(Problem(Message("the actor {id!r} is already the legal unit with the SIREN {siren}",
                                         id=other_id, siren=siren),
                                 path=("actors", i, "siren"), code="PTCE-E305",
                                 hint=N_("give the SIRET of this other establishment, or add --allow-duplicate")))
        elif name and name == normalised_name(str(actor.get("name") or "")):
            found.append(Problem(Message("the actor {id!r} already has this name ({name!r})", id=other_id,
                                         name=actor.get("name")),
                                 path=("actors", i, "name"), code="PTCE-E305",
                                 hint=N_("update that actor with 'ptce member update', or add --allow-duplicate "
                                         "if this really is another actor")))
    return found


def add_member(path: PathLike, fields: Mapping[str, Any], *, college: str | None = None,
               dry_run: bool = False, allow_duplicate: bool = False) -> Edit:
    """Add an actor to ``pole.yaml``; its id is made from its name when not given.

    An actor that repeats one already there (:func:`duplicates_of`) is refused unless
    ``allow_duplicate``.
    """
    from ..model import Actor

    def change(data: Any) -> list[str]:
        if not allow_duplicate:
            clashes = duplicates_of(data.get("actors") or [], fields)
            for problem in clashes:
                object.__setattr__(problem, "line", position(data, problem.path))
            if clashes:
                raise PoleError(clashes, summary=N_("this actor is already in the pole, so nothing was written"))
        actor_id = append_record(data, "actors", Actor, fields, str(fields.get("name") or ""))
        return [Message("added {id}", id=actor_id), *put_in_college(data, actor_id, college)]

    return edit_pole(path, change, dry_run=dry_run)


def update_member(path: PathLike, actor_id: str, fields: Mapping[str, Any], *,
                  unset: Iterable[str] = (), college: str | None = None, dry_run: bool = False) -> Edit:
    """Change fields of an actor; ``unset`` names fields to remove."""
    from ..model import Actor

    def change(data: Any) -> list[str]:
        actor = data["actors"][_find(data, "actors", actor_id)]
        order = list(Actor.model_fields)
        notes: list[str] = []
        unknown = [k for k in [*fields, *unset] if k not in order]
        if unknown:
            raise PoleError([Problem(Message("unknown field {name!r}", name=k), hint=_field_hint(k, order), code="PTCE-E100")
                             for k in unknown], summary=N_("unknown field"))
        if "id" in fields and fields["id"] != actor_id:
            raise PoleError.single(N_("an actor's id cannot be changed here: other records refer to it"), code="PTCE-E303",
                                   hint=N_("add a new member, move the references, then remove the old one"))
        for key in unset:
            if key in actor:
                del actor[key]
                notes.append(Message("{id}: removed {key}", id=actor_id, key=FieldName(key)))
        # The value in the reader's words where it is one of the vocabulary's (« réunions au pôle »).
        notes += [Message("{id}: {key} = {value}", id=actor_id, key=FieldName(key),
                          value=label(key, fields[key]) if isinstance(fields[key], str) else fields[key])
                  for key in update_member_node(actor, fields)]
        check_record(Actor, as_plain(actor), Message("member {id!r}", id=actor_id))
        return notes + put_in_college(data, actor_id, college)

    return edit_pole(path, change, dry_run=dry_run)


def update_member_node(actor: Any, fields: Mapping[str, Any]) -> list[str]:
    """Set fields of an actor's mapping in place, new keys in the model's order; the keys changed."""
    from ..model import Actor

    order = list(Actor.model_fields)
    changed = []
    for key, value in fields.items():
        if as_plain(actor.get(key)) != value:
            set_key(actor, key, to_node(date_node(value) if key in DATE_FIELDS else value), order)
            changed.append(key)
    return changed


def _field_hint(key: str, names: list[str]) -> Message:
    close = difflib.get_close_matches(key, names, n=1)
    return (Message("did you mean {close!r}?", close=close[0]) if close
            else Message("the fields allowed here are: {fields}", fields=", ".join(names)))


def actor_references(data: Any, actor_id: str) -> list[tuple[tuple[str | int, ...], str]]:
    """Where ``actor_id`` is referred to in a pole's data, as ``(path, description)``."""
    from ..model import Pole

    pole = Pole.model_validate(as_plain(data))
    found = []
    for path, ref in pole.iter_actor_refs():
        if ref != actor_id:
            continue
        label: str = {"pivot": Message("the pole (as its pivot)"),
                      "indicators": Message("an indicator")}.get(str(path[0]), format_path(path))
        if path[0] == "partnerships":
            label = Message("partnership {id!r}", id=pole.partnerships[int(path[1])].id)
        elif path[0] == "projects":
            label = Message("project {id!r}", id=pole.projects[int(path[1])].id)
        elif path[:2] == ("governance", "colleges"):
            label = Message("college {name!r}", name=pole.governance.colleges[int(path[2])].name)
        elif path[:2] == ("governance", "bodies"):
            label = Message("body {name!r}", name=pole.governance.bodies[int(path[2])].name)
        elif path[:2] == ("governance", "legal_acts"):
            label = Message("legal act {kind!r}", kind=pole.governance.legal_acts[int(path[2])].kind)
        elif path[:2] == ("governance", "facilitation"):
            label = Message("the facilitation (as its provider)")
        found.append((path, label))
    return found


def remove_member(path: PathLike, actor_id: str, *, cascade: bool = False, dry_run: bool = False,
                  expected_hash: str | None = None) -> Edit:
    """Remove an actor; refused while other records refer to it, unless ``cascade``.

    With ``cascade`` the references go too: the actor leaves partnerships, projects,
    colleges, bodies and legal acts; a partnership left with fewer than two actors (or
    without its source or target) is removed, as are indicators about the actor, the
    support it gave or got, the labels it holds and the events it took part in, and the
    pivot or facilitator field that names it.

    ``expected_hash`` is the version of the file the removal was asked on (see
    :func:`ptce_kit.io.edit.edit_pole`): a file changed meanwhile raises
    :class:`~ptce_kit.io.edit.FileChanged` and nothing is written.
    """

    def change(data: Any) -> list[str]:
        index = _find(data, "actors", actor_id)
        refs = actor_references(data, actor_id)
        if refs and not cascade:
            raise PoleError(
                [Problem(Message("{id!r} is referred to by {label}", id=actor_id, label=label), path=p,
                         line=position(data, p), code="PTCE-E304")
                 for p, label in refs],
                summary=plural_message("{id!r} cannot be removed: {n} record refers to it "
                                       "(remove it first, or run again with --cascade)",
                                       "{id!r} cannot be removed: {n} records refer to it "
                                       "(remove them first, or run again with --cascade)", len(refs), id=actor_id),
            )
        notes = _cascade(data, actor_id, [p for p, _ in refs])
        del data["actors"][index]
        return [*notes, Message("removed {id}", id=actor_id)]

    return edit_pole(path, change, dry_run=dry_run, expected_hash=expected_hash)


#: Records that go as a whole when the actor they name is removed (an indicator about it, a
#: support it gave or got, a label it holds, an event it took part in).
_WHOLE_RECORDS = ("indicators", "support", "labels", "events")


def _cascade(data: Any, actor_id: str, paths: list[tuple[str | int, ...]]) -> list[str]:
    notes: list[str] = []
    drop: dict[str, set[int]] = defaultdict(set)  # list name -> indices of whole records to remove
    removals: dict[tuple[str | int, ...], list[int]] = defaultdict(list)
    for path in paths:
        if path in {("pivot",), ("governance", "facilitation", "by")}:
            container = data if len(path) == 1 else data["governance"]["facilitation"]
            del container[path[-1]]
            notes.append(Message("removed {path} (was {id})", path=format_path(path), id=actor_id))
        elif path[0] in _WHOLE_RECORDS:
            drop[str(path[0])].add(int(path[1]))
        else:
            removals[path[:-1]].append(int(path[-1]))
    for container_path, indices in removals.items():
        node = data
        for part in container_path:
            node = node[part]
        for i in sorted(indices, reverse=True):
            del node[i]
        notes.append(Message("removed {id} from {path}", id=actor_id, path=format_path(container_path)))
    for i, tie in enumerate(data.get("partnerships") or []):
        fewest = 1 if tie.get("participants_known") is False else 2
        if len(tie.get("actors") or []) < fewest or actor_id in (tie.get("source"), tie.get("target")):
            drop["partnerships"].add(i)
    for kind in ("partnerships", *_WHOLE_RECORDS):
        for i in sorted(drop[kind], reverse=True):
            label = data[kind][i].get("id") or data[kind][i].get("name") or data[kind][i].get("kind")
            del data[kind][i]
            removed = {"partnerships": N_("removed partnership {label!r}, which was about {id}"),
                       "indicators": N_("removed indicator {label!r}, which was about {id}"),
                       "support": N_("removed the support {label!r}, which was about {id}"),
                       "labels": N_("removed the label {label!r}, which was about {id}"),
                       "events": N_("removed the event {label!r}, which was about {id}")}[kind]
            notes.append(Message(removed, label=label, id=actor_id))
    return notes


def add_partnership(path: PathLike, fields: Mapping[str, Any], *, dry_run: bool = False) -> Edit:
    """Add a partnership; its id is made from its kind and first two actors when not given."""
    from ..model import Partnership

    base = "-".join([str(fields.get("kind") or "tie"), *map(str, list(fields.get("actors") or [])[:2])])

    def change(data: Any) -> list[str]:
        return [Message("added partnership {id}", id=append_record(data, "partnerships", Partnership, fields, base))]

    return edit_pole(path, change, dry_run=dry_run)


def end_partnership(path: PathLike, tie_id: str, until: str, *, dry_run: bool = False) -> Edit:
    """Record that a partnership ended at the partial date ``until``."""
    from ..model import Partnership

    def change(data: Any) -> list[str]:
        tie = data["partnerships"][_find(data, "partnerships", tie_id)]
        set_key(tie, "until", date_node(until), list(Partnership.model_fields))
        check_record(Partnership, as_plain(tie), Message("partnership {id!r}", id=tie_id))
        return [Message("partnership {id} ended {until}", id=tie_id, until=until)]

    return edit_pole(path, change, dry_run=dry_run)


def add_project(path: PathLike, fields: Mapping[str, Any], *, dry_run: bool = False) -> Edit:
    """Add a joint project; its id is made from its name when not given."""
    from ..model import Project

    def change(data: Any) -> list[str]:
        return [Message("added project {id}", id=append_record(data, "projects", Project, fields, str(fields.get("name") or "")))]

    return edit_pole(path, change, dry_run=dry_run)
