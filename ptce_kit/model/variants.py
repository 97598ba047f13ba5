"""Conflicting sources: two or more values of one fact, each with its source, and the one that counts.

A variant names the fact by its path in the pole, with list items chosen by their id or
their position: ``founded``, ``actors[ateliers].joined``, ``indicators[2].value``.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, Field, WithJsonSchema, model_validator

from ..errors import Invalid
from ..i18n import Message, plural_message
from .base import Provenance, Record, error_at, raise_errors
from .identifiers import Shaped
from .text import Line, RequiredLine, Text

__all__ = ["FIELD_PATH_PATTERN", "FieldPath", "check_field_path", "Scalar", "VariantValue", "Variant", "resolve_path", "same_value"]

#: A value a variant may hold: a number, a text or a yes/no.
Scalar = bool | int | float | str

_STEP = re.compile(r"(?P<name>[a-z_][a-z0-9_]*)(?:\[(?P<key>[a-z0-9_-]+)\])?\Z")
_STEP_PATTERN = r"[a-z_][a-z0-9_]*(?:\[[a-z0-9_-]+\])?"
FIELD_PATH_PATTERN = rf"^{_STEP_PATTERN}(?:\.{_STEP_PATTERN})*$"


def check_field_path(path: str) -> str:
    """Return ``path`` if it has the shape of a field path, else raise ``ValueError``.

    Examples
    --------
    >>> check_field_path("actors[ateliers].joined")
    'actors[ateliers].joined'
    >>> check_field_path("Actors / joined")
    Traceback (most recent call last):
    ...
    ptce_kit.errors.Invalid: 'Actors / joined' is not a field path: write names separated by dots, with a list item by its id or position in brackets, e.g. 'actors[ateliers].joined'
    """
    if not isinstance(path, str) or not all(_STEP.match(step) for step in path.split(".")):
        raise Invalid(Message("{path!r} is not a field path: write names separated by dots, with a list item "
                              "by its id or position in brackets, e.g. 'actors[ateliers].joined'", path=path),
                      code="PTCE-E137")
    return path


#: The path of a field in a pole: ``founded``, ``actors[ateliers].joined``, ``indicators[0].value``.
FieldPath = Annotated[
    str,
    Shaped(FIELD_PATH_PATTERN, "field_path", "not a field path: write e.g. 'actors[ateliers].joined'",
           check_field_path),
    WithJsonSchema({"type": "string", "pattern": FIELD_PATH_PATTERN, "examples": ["founded", "actors[ateliers].joined"]}),
]


class VariantValue(Record):
    """One value of a disputed fact and the source that gives it."""

    value: Scalar = Field(description="The value this source gives")
    source: Annotated[RequiredLine, Field(description="Where this value comes from")]


class Variant(Record):
    """A fact the sources disagree on: every value with its source, and the one that counts."""

    field: Annotated[FieldPath, Field(
        description="Path of the fact in the pole, e.g. 'founded', 'actors[ateliers].joined', "
                    "'indicators[0].value'")]
    values: Annotated[list[VariantValue], Field(min_length=2, description="The values the sources give (two or more)")]
    chosen: Scalar | None = Field(
        None, description="The value that counts (one of 'values'; it must equal the field's value when the field is set)")
    reason: Line | None = Field(None, description="Why this value was chosen")
    provenance: Text | None = Provenance()

    @model_validator(mode="after")
    def _chosen_among_values(self) -> Variant:
        if self.chosen is not None and not any(same_value(v.value, self.chosen) for v in self.values):
            shown = ", ".join(repr(v.value) for v in self.values)
            raise_errors("Variant", [error_at(
                ("chosen",), Message("the chosen value {chosen!r} is not among the values ({values}): choose one of "
                                     "them", chosen=self.chosen, values=shown), self.chosen, code="PTCE-E210")])
        return self


def same_value(a: Any, b: Any) -> bool:
    """Whether two values of a fact are the same: numbers by value, the rest as text.

    Examples
    --------
    >>> same_value(2008, "2008"), same_value(5, 5.0), same_value("2008", "2009")
    (True, True, False)
    """
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return float(a) == float(b)
    return str(a) == str(b)


def resolve_path(root: BaseModel, path: str) -> tuple[bool, Any, Message | str]:
    """Follow a variant's path in a pole: ``(found, value, problem)``.

    ``found`` is false when the path names no field (``problem`` then says why); the value
    is the field's (``None`` when unset, or an enumeration's plain value).
    """
    node: Any = root
    steps = path.split(".")
    for n, step in enumerate(steps):
        match = _STEP.match(step)
        if match is None:
            return False, None, Message("{step!r} is not a field name", step=step)
        name, key = match["name"], match["key"]
        where = ".".join(steps[:n])
        if node is None:
            return False, None, Message("{where} is not set: give it before a variant of its fields", where=where)
        if not isinstance(node, BaseModel) or name not in type(node).model_fields:
            if not where:
                return False, None, Message("the pole has no field {name!r}", name=name)
            return False, None, Message("{where} has no field {name!r}", where=where, name=name)
        node = getattr(node, name)
        if key is None:
            continue
        if not isinstance(node, list):
            return False, None, Message("{where} is not a list: leave out [{key}]",
                                        where=".".join([*steps[:n], name]), key=key)
        if key.isdigit():
            index = int(key)
            if index >= len(node):
                return False, None, plural_message("{name} has {n} item: there is no [{key}]",
                                                   "{name} has {n} items: there is no [{key}]", len(node),
                                                   name=name, key=key)
            node = node[index]
        else:
            found = [item for item in node if getattr(item, "id", None) == key]
            if not found:
                return False, None, Message("no item of {name} has the id {key!r}", name=name, key=key)
            node = found[0]
    if isinstance(node, BaseModel | list):
        return False, None, Message("{path!r} is a group of fields, not one value: name a field inside it", path=path)
    return True, getattr(node, "value", node), ""
