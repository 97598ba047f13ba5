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
            message, hint = _message(err)
            problems.append(Problem(message, path=tuple(err["loc"]), hint=hint))
        raise PoleError(problems, summary=f"the {what} is not valid, so nothing was written") from None


def _ids(items: Any) -> list[str]:
    return [str(item.get("id")) for item in items or [] if isinstance(item, Mapping)]


def _find(data: Any, kind: str, item_id: str) -> int:
    ids = _ids(data.get(kind))
    if item_id in ids:
        return ids.index(item_id)
    close = difflib.get_close_matches(item_id, ids, n=1)
    singular = kind[:-1]
    raise PoleError.single(
        f"there is no {singular} with id {item_id!r}",
        hint=f"did you mean {close[0]!r}?" if close else f"the {kind} are: {', '.join(ids) or 'none yet'}",
    )


def _list(data: Any, key: str) -> Any:
    from ..model import Pole

    from ruamel.yaml.comments import CommentedSeq

    if data.get(key) is None:
        set_key(data, key, CommentedSeq(), list(Pole.model_fields))  # block style: one record a line
    return data[key]


def put_in_college(data: Any, actor_id: str, college: str | None) -> list[str]:
    """Make ``actor_id`` a member of the college named ``college`` (and of no other).

    ``None`` leaves the colleges as they are; ``""`` takes the actor out of every college.
    """
    if college is None:
        return []
    notes = []
    colleges = (data.get("governance") or {}).get("colleges") or []
    names = [str(c.get("name")) for c in colleges]
    if college and college not in names:
        close = difflib.get_close_matches(college, names, n=1)
        raise PoleError.single(
            f"there is no college named {college!r}",
            hint=(f"did you mean {close[0]!r}?" if close else
                  f"the colleges are: {', '.join(names)}" if names else
                  "describe the colleges under governance.colleges first"),
        )
    for c in colleges:
        members = c.get("members")
        inside = members is not None and actor_id in members
        if c.get("name") == college and not inside:
            if members is None:
                set_key(c, "members", to_node([actor_id]), ["name", "members", "weight"])
            else:
                members.append(actor_id)
            notes.append(f"{actor_id} joins the college {college!r}")
        elif c.get("name") != college and inside:
            members.remove(actor_id)
            notes.append(f"{actor_id} leaves the college {c.get('name')!r}")
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
        raise PoleError.single(f"a {kind[:-1]} with id {record['id']!r} already exists",
                               hint="choose another --id, or change the existing one")
    check_record(model, record, f"new {kind[:-1]}")
    order = list(model.model_fields)
    items.append(to_node({k: record[k] for k in sorted(record, key=order.index)}))
    return str(record["id"])


def add_member(path: PathLike, fields: Mapping[str, Any], *, college: str | None = None,
               dry_run: bool = False) -> Edit:
    """Add an actor to ``pole.yaml``; its id is made from its name when not given."""
    from ..model import Actor

    def change(data: Any) -> list[str]:
        actor_id = append_record(data, "actors", Actor, fields, str(fields.get("name") or ""))
        return [f"added {actor_id}", *put_in_college(data, actor_id, college)]

    return edit_pole(path, change, dry_run=dry_run)


def update_member(path: PathLike, actor_id: str, fields: Mapping[str, Any], *,
                  unset: Iterable[str] = (), college: str | None = None, dry_run: bool = False) -> Edit:
    """Change fields of an actor; ``unset`` names fields to remove."""
    from ..model import Actor

    def change(data: Any) -> list[str]:
        actor = data["actors"][_find(data, "actors", actor_id)]
        order = list(Actor.model_fields)
        notes = []
        unknown = [k for k in [*fields, *unset] if k not in order]
        if unknown:
            raise PoleError([Problem(f"unknown field {k!r}", hint=_field_hint(k, order)) for k in unknown],
                            summary="unknown field")
        if "id" in fields and fields["id"] != actor_id:
            raise PoleError.single("an actor's id cannot be changed here: other records refer to it",
                                   hint="add a new member, move the references, then remove the old one")
        for key in unset:
            if key in actor:
                del actor[key]
                notes.append(f"{actor_id}: removed {key}")
        notes += [f"{actor_id}: {key} = {fields[key]}" for key in update_member_node(actor, fields)]
        check_record(Actor, as_plain(actor), f"member {actor_id!r}")
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


def _field_hint(key: str, names: list[str]) -> str:
    close = difflib.get_close_matches(key, names, n=1)
    return f"did you mean {close[0]!r}?" if close else f"the fields are: {', '.join(names)}"


def actor_references(data: Any, actor_id: str) -> list[tuple[tuple[str | int, ...], str]]:
    """Where ``actor_id`` is referred to in a pole's data, as ``(path, description)``."""
    from ..model import Pole

    pole = Pole.model_validate(as_plain(data))
    found = []
    for path, ref in pole.iter_actor_refs():
        if ref != actor_id:
            continue
        label = {"pivot": "the pole (as its pivot)", "indicators": "an indicator"}.get(str(path[0]), format_path(path))
        if path[0] in {"partnerships", "projects"}:
            label = f"{str(path[0])[:-1]} {getattr(pole, str(path[0]))[int(path[1])].id!r}"
        elif path[:2] == ("governance", "colleges"):
            label = f"college {pole.governance.colleges[int(path[2])].name!r}"
        elif path[:2] == ("governance", "bodies"):
            label = f"body {pole.governance.bodies[int(path[2])].name!r}"
        elif path[:2] == ("governance", "legal_acts"):
            label = f"legal act {pole.governance.legal_acts[int(path[2])].kind!r}"
        elif path[:2] == ("governance", "facilitation"):
            label = "the facilitation (as its provider)"
        found.append((path, label))
    return found


def remove_member(path: PathLike, actor_id: str, *, cascade: bool = False, dry_run: bool = False) -> Edit:
    """Remove an actor; refused while other records refer to it, unless ``cascade``.

    With ``cascade`` the references go too: the actor leaves partnerships, projects,
    colleges, bodies and legal acts; a partnership left with fewer than two actors (or
    without its source or target) is removed, as are indicators about the actor, the
    support it gave or got, the labels it holds and the events it took part in, and the
    pivot or facilitator field that names it.
    """

    def change(data: Any) -> list[str]:
        index = _find(data, "actors", actor_id)
        refs = actor_references(data, actor_id)
        if refs and not cascade:
            raise PoleError(
                [Problem(f"{actor_id!r} is referred to by {label}", path=p, line=position(data, p))
                 for p, label in refs],
                summary=f"{actor_id!r} cannot be removed: {len(refs)} record(s) refer to it "
                        "(remove them first, or run again with --cascade)",
            )
        notes = _cascade(data, actor_id, [p for p, _ in refs])
        del data["actors"][index]
        return [*notes, f"removed {actor_id}"]

    return edit_pole(path, change, dry_run=dry_run)


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
            notes.append(f"removed {format_path(path)} (was {actor_id})")
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
        notes.append(f"removed {actor_id} from {format_path(container_path)}")
    for i, tie in enumerate(data.get("partnerships") or []):
        fewest = 1 if tie.get("participants_known") is False else 2
        if len(tie.get("actors") or []) < fewest or actor_id in (tie.get("source"), tie.get("target")):
            drop["partnerships"].add(i)
    for kind in ("partnerships", *_WHOLE_RECORDS):
        for i in sorted(drop[kind], reverse=True):
            label = data[kind][i].get("id") or data[kind][i].get("name") or data[kind][i].get("kind")
            del data[kind][i]
            notes.append(f"removed {kind[:-1]} {label!r}, which was about {actor_id}")
    return notes


def add_partnership(path: PathLike, fields: Mapping[str, Any], *, dry_run: bool = False) -> Edit:
    """Add a partnership; its id is made from its kind and first two actors when not given."""
    from ..model import Partnership

    base = "-".join([str(fields.get("kind") or "tie"), *map(str, list(fields.get("actors") or [])[:2])])

    def change(data: Any) -> list[str]:
        return [f"added partnership {append_record(data, 'partnerships', Partnership, fields, base)}"]

    return edit_pole(path, change, dry_run=dry_run)


def end_partnership(path: PathLike, tie_id: str, until: str, *, dry_run: bool = False) -> Edit:
    """Record that a partnership ended at the partial date ``until``."""
    from ..model import Partnership

    def change(data: Any) -> list[str]:
        tie = data["partnerships"][_find(data, "partnerships", tie_id)]
        set_key(tie, "until", date_node(until), list(Partnership.model_fields))
        check_record(Partnership, as_plain(tie), f"partnership {tie_id!r}")
        return [f"partnership {tie_id} ended {until}"]

    return edit_pole(path, change, dry_run=dry_run)


def add_project(path: PathLike, fields: Mapping[str, Any], *, dry_run: bool = False) -> Edit:
    """Add a joint project; its id is made from its name when not given."""
    from ..model import Project

    def change(data: Any) -> list[str]:
        return [f"added project {append_record(data, 'projects', Project, fields, str(fields.get('name') or ''))}"]

    return edit_pole(path, change, dry_run=dry_run)
