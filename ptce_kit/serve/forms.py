"""The workspace's forms, made from the format's own models.

Each scalar field of a record (text, number, date, yes/no, a choice of codes, a list of
identifiers or of codes) gets a form field; a list of nested records (an actor's contacts,
presences and owners, a pole's colleges, bodies and decisions…) gets a table of rows, one
per record and an empty one to add, whose cells are the nested record's scalar fields
(``contacts.0.email``).  A single nested record whose fields are all scalar (an actor's
coordinates, its statutes, a body's cadence) gives one form field per field of it, named
``group.field`` (``cadence.every``).  What the form does not show is kept as it is.  What a form sends is turned back into the record's values by
:func:`parse_form`; the checks are the model's own (through
:func:`ptce_kit.io.members.check_record` and ``edit_pole``).
"""

from __future__ import annotations

import enum
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal, get_args, get_origin

from .words import typed_code

__all__ = ["FormField", "Rows", "form_fields", "parse_form", "form_values", "problems_by_field", "merge_rows", "grouped"]

#: Fields never shown in a form: the record's provenance is written by importers.
HIDDEN = frozenset({"provenance"})


@dataclass(frozen=True)
class FormField:
    """One field of a form: its key, widget kind, codes to choose from, and whether it is required."""

    name: str
    kind: Literal["text", "textarea", "number", "date", "bool", "choice", "codes", "ids", "records"]
    required: bool
    #: The codes to choose from; for a number or a list of ids, the words it may be instead ("unknown", "all").
    choices: tuple[str, ...] = ()
    description: str = ""
    #: The fields of each nested record (``records`` only).
    fields: tuple[FormField, ...] = ()


@dataclass
class Rows:
    """What a form sent for a list of nested records: each row's values, its empty fields, and whether it goes."""

    rows: list[tuple[dict[str, Any], list[str], bool]]


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The annotation without ``None`` and ``Annotated``; whether ``None`` was allowed."""
    optional = False
    while True:
        origin = get_origin(annotation)
        if origin is typing.Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(get_args(annotation))
            if len(args) != 1:
                return annotation, optional
            annotation = args[0]
        else:
            return annotation, optional


def _field(name: str, info: Any, *, nested: bool = True) -> FormField | None:
    annotation, _optional = _unwrap(info.annotation)
    origin = get_origin(annotation)
    required = info.is_required()
    description = info.description or ""
    if origin in (typing.Union, types.UnionType):
        return _union_field(name, annotation, required, description)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return FormField(name, "choice", required, tuple(str(m.value) for m in annotation), description)
    if origin is Literal:
        return FormField(name, "choice", required, tuple(str(a) for a in get_args(annotation)), description)
    if annotation is bool:
        return FormField(name, "bool", required, (), description)
    if annotation in (int, float):
        return FormField(name, "number", required, (), description)
    if origin is list:
        item, _ = _unwrap(get_args(annotation)[0])
        if isinstance(item, type) and issubclass(item, enum.Enum):
            return FormField(name, "codes", required, tuple(str(m.value) for m in item), description)
        if item is str:
            return FormField(name, "ids", required, (), description)
        if nested and isinstance(item, type) and hasattr(item, "model_fields"):
            return FormField(name, "records", required, (), description, tuple(form_fields(item, nested=False)))
        return None
    if annotation is str:
        schema = str(info.json_schema_extra or "") + description
        if "YYYY" in schema or "partial date" in schema.lower() or name in _DATE_NAMES:
            return FormField(name, "date", required, (), description)
        kind: Literal["text", "textarea"] = "textarea" if name == "description" else "text"
        return FormField(name, kind, required, (), description)
    return None


def _union_field(name: str, annotation: Any, required: bool, description: str) -> FormField | None:
    """A number or a word (a college's weight, or 'unknown'), a list of ids or a word (a body's members, or 'all')."""
    words: list[str] = []
    others = []
    for arg in get_args(annotation):
        arg, _ = _unwrap(arg)
        if get_origin(arg) is Literal:
            words += [str(a) for a in get_args(arg)]
        elif arg is not type(None):
            others.append(arg)
    if len(others) != 1:
        return None
    [other] = others
    if other in (int, float):
        return FormField(name, "number", required, tuple(words), description)
    if get_origin(other) is list and _unwrap(get_args(other)[0])[0] is str:
        return FormField(name, "ids", required, tuple(words), description)
    return None


def _date_names() -> frozenset[str]:
    from ..io.edit import DATE_FIELDS

    return DATE_FIELDS


_DATE_NAMES = _date_names()


def form_fields(model: Any, *, nested: bool = True) -> list[FormField]:
    """The form fields of a model (``Actor``, ``Partnership``, ``Project``…), in the model's order.

    Examples
    --------
    >>> from ptce_kit.model import Actor
    >>> fields = {f.name: f for f in form_fields(Actor)}
    >>> fields["category"].kind, fields["joined"].kind, fields["siret"].kind, fields["contacts"].kind
    ('choice', 'date', 'text', 'records')
    >>> [f.name for f in fields["owners"].fields]
    ['actor', 'share']
    """
    found = []
    for name, info in model.model_fields.items():
        if name in HIDDEN:
            continue
        field = _field(name, info, nested=nested)
        if field is not None:
            found.append(field)
        else:
            found += _group(name, info)
    return found


def _group(name: str, info: Any) -> list[FormField]:
    """The fields of a single nested record (``cadence``: ``cadence.every``, ``cadence.unit``), if all are scalar."""
    import dataclasses

    annotation, _optional = _unwrap(info.annotation)
    if not (isinstance(annotation, type) and hasattr(annotation, "model_fields")):
        return []
    inner = [(sub, _field(sub, sub_info, nested=False)) for sub, sub_info in annotation.model_fields.items()
             if sub not in HIDDEN]
    if any(field is None for _sub, field in inner):
        return []
    # Each is optional in the form: the record as a whole may be left empty (the model checks the rest).
    return [dataclasses.replace(field, name=f"{name}.{sub}", required=False) for sub, field in inner
            if field is not None]


def parse_form(fields: list[FormField], form: Any, prefix: str = "") -> tuple[dict[str, Any], list[str]]:
    """The values a form sent, as the record's data; and the names of the fields left empty.

    Empty fields are not values: a new record leaves them out, an edited one removes them.
    A number that does not read as one is passed on as text, for the model to refuse it
    beside its field.  A list of nested records gives :class:`Rows` (see :func:`merge_rows`);
    ``prefix`` is the start of the names of a row's fields.

    Examples
    --------
    >>> from ptce_kit.model import Actor
    >>> values, empty = parse_form(form_fields(Actor), {"name": " Coop ", "ess": "yes", "roles": "founder, tenant"})
    >>> values["name"], values["ess"], values["roles"], "siret" in empty
    ('Coop', True, ['founder', 'tenant'], True)
    """
    values: dict[str, Any] = {}
    empty: list[str] = []
    for field in fields:
        if field.kind == "records":
            count = form.get(f"{prefix}{field.name}.rows")
            if count is None or not str(count).isdigit():
                continue  # not in the form: left as it is
            rows = []
            for index in range(min(int(str(count)), 500)):
                here = f"{prefix}{field.name}.{index}."
                row_values, row_empty = parse_form(list(field.fields), form, prefix=here)
                rows.append((row_values, row_empty, form.get(f"{here}remove") == "yes"))
            values[field.name] = Rows(rows)
            continue
        if field.kind == "codes":
            chosen = [v for v in _getlist(form, prefix + field.name) if v]
            if chosen:
                values[field.name] = chosen
            else:
                empty.append(field.name)
            continue
        raw = form.get(prefix + field.name)
        text = raw.strip() if isinstance(raw, str) else ""
        if field.kind == "textarea" and isinstance(raw, str):
            text = raw.replace("\r\n", "\n").strip()
        if not text:
            empty.append(field.name)
            continue
        typed = typed_code(text, field.choices) if field.kind in ("number", "ids") and field.choices else None
        if typed is not None:
            values[field.name] = typed  # 'unknown' for a weight, 'all' for a body's members (« inconnu », « tous »)
        elif field.kind == "bool":
            values[field.name] = text == "yes" if text in ("yes", "no") else text
        elif field.kind == "number":
            try:
                number = float(text.replace(",", ".").replace("\u202f", "").replace(" ", ""))
                values[field.name] = int(number) if number.is_integer() else number
            except ValueError:
                values[field.name] = text
        elif field.kind == "ids":
            values[field.name] = [part.strip() for part in text.split(",") if part.strip()]
        else:
            values[field.name] = text
    return values, empty


def _getlist(form: Any, name: str) -> list[str]:
    if hasattr(form, "getlist"):
        return [str(v) for v in form.getlist(name)]
    value = form.get(name)
    return [str(v) for v in value] if isinstance(value, list) else ([str(value)] if value else [])


def form_values(record: dict[str, Any]) -> dict[str, Any]:
    """A record's data as the form shows it (lists of ids joined by commas, yes/no for booleans)."""
    shown: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            shown[key] = [form_values(dict(v)) for v in value]
        elif isinstance(value, Rows):
            shown[key] = [form_values(v) for v, _empty, removed in value.rows if v and not removed]
        elif isinstance(value, dict):
            shown.update({f"{key}.{sub}": v for sub, v in form_values(dict(value)).items()})  # a group's fields
        elif isinstance(value, bool):
            shown[key] = "yes" if value else "no"
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            shown[key] = value
        elif value is None:
            continue
        else:
            shown[key] = value if isinstance(value, (list, dict)) else str(value)
    return shown


def problems_by_field(problems: list[Any], prefix: tuple[str | int, ...] = (), groups: frozenset[str] = frozenset()
                      ) -> tuple[dict[str, list[Any]], list[Any]]:
    """Problems grouped by the form field they are about, and those about no field of the form.

    ``prefix`` is the record's place in the file (``("actors", 3)``) for problems of the
    whole pole; problems of the record alone have paths starting at its fields.  ``groups``
    names the single nested records shown as fields (``coordinates``: ``coordinates.lat``).
    """
    by_field: dict[str, list[Any]] = {}
    other = []
    for problem in problems:
        path = tuple(problem.path)
        if prefix and path[:len(prefix)] == prefix:
            path = path[len(prefix):]
        elif prefix and path and path[0] in ("actors", "partnerships", "projects"):
            other.append(problem)
            continue
        if len(path) >= 3 and isinstance(path[0], str) and isinstance(path[1], int) and isinstance(path[2], str):
            cell = f"{path[0]}.{path[1]}.{path[2]}"  # a cell of a row
            if path[2] in groups and len(path) >= 4 and isinstance(path[3], str):
                cell += f".{path[3]}"
            by_field.setdefault(cell, []).append(problem)
        elif len(path) >= 2 and path[0] in groups and isinstance(path[1], str):
            by_field.setdefault(f"{path[0]}.{path[1]}", []).append(problem)  # a field of a group
        elif path and isinstance(path[0], str):
            by_field.setdefault(path[0], []).append(problem)
        else:
            other.append(problem)
    return by_field, other


def merge_rows(old: list[Any], rows: Rows) -> list[dict[str, Any]]:
    """The nested records after a form: ``old`` (plain data) with each row's changes; new rows after them.

    A row changes the record of its place: its empty fields go, its values replace the
    record's, the record's fields the form does not show stay.  A row marked to go, or left
    empty where no record was, gives no record.

    Examples
    --------
    >>> old = [{"name": "Ana", "email": "a@x.fr", "since": "2020"}, {"name": "Bo"}]
    >>> merge_rows(old, Rows([({"name": "Ana"}, ["email"], False), ({}, [], True), ({"name": "Cy"}, [], False)]))
    [{'name': 'Ana', 'since': '2020'}, {'name': 'Cy'}]
    """
    merged = []
    for index, (values, empty, removed) in enumerate(rows.rows):
        base = dict(old[index]) if index < len(old) and isinstance(old[index], dict) else {}
        if removed or (not values and index >= len(old)):
            continue
        merged_row = grouped(base, values, empty)
        if merged_row:
            merged.append(merged_row)
    merged += [dict(item) for item in old[len(rows.rows):]]
    return merged


def grouped(record: dict[str, Any], values: dict[str, Any], empty: list[str]) -> dict[str, Any]:
    """``record`` (plain) with a form's values and empty fields, a group's (``cadence.every``) inside it.

    >>> grouped({"name": "AG", "cadence": {"every": 1, "unit": "year"}}, {"cadence.every": 2}, ["cadence.unit"])
    {'name': 'AG', 'cadence': {'every': 2}}
    >>> grouped({"name": "AG", "cadence": {"every": 1}}, {}, ["cadence.every"])
    {'name': 'AG'}
    """
    out = dict(record)
    for key in empty:
        group, _, sub = key.partition(".")
        if sub and isinstance(out.get(group), dict):
            out[group] = {k: v for k, v in out[group].items() if k != sub}
            if not out[group]:
                del out[group]
        elif not sub:
            out.pop(key, None)
    for key, value in values.items():
        group, _, sub = key.partition(".")
        if sub:
            held = out.get(group)
            out[group] = {**(held if isinstance(held, dict) else {}), sub: value}
        else:
            out[key] = value
    return out
