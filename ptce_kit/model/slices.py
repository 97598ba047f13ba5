"""Validating a pole's big lists a slice at a time, from parsed data nobody else holds.

A pole of 10^5 actors parsed from JSON is about 300 MB of dicts, and its models as much
again: validated in one go, both are alive whole at the peak.  :func:`validate_consuming`
validates the actors, partnerships and projects :data:`SLICE` records at a time and puts
each slice's models in place of its dicts, which are then freed, so that the parsed tree
shrinks as the models grow; the records of a slice share their fields sets
(:func:`~ptce_kit.model.base.share_fields_set`).  The pole's other fields are validated
last, its lists then put in place and checked across records
(:meth:`~ptce_kit.model.Pole.check_cross_references`).

Only valid data takes this path to the end.  At the first invalid record (or a pole-level
problem such as a broken reference) it raises :class:`SlicedValidationFailed`, and the
caller validates the data again, parsed anew, in one go: every problem is then found and
located exactly as without slices (:func:`ptce_kit.io.files.load_pole`).
"""

from __future__ import annotations

from functools import cache
from typing import Any, cast

from pydantic import BaseModel, TypeAdapter, ValidationError

from .base import SharedFieldsSet, share_fields_set
from .pole import LISTS_PENDING, Pole

__all__ = ["SLICE", "SLICED_LISTS", "SlicedValidationFailed", "validate_consuming"]

#: Records validated at a time: large enough that the per-call cost vanishes, small
#: enough that a slice's dicts and models are a few megabytes.
SLICE = 4096
#: The lists of a pole that hold most of its records.
SLICED_LISTS = ("actors", "partnerships", "projects")


class SlicedValidationFailed(Exception):
    """The data is not a valid pole; validate it again in one go to locate its problems."""


@cache
def _adapter(name: str) -> TypeAdapter[list[BaseModel]]:
    """The validator of the pole's list ``name``, with the very schema of the field."""
    return TypeAdapter(cast("type[list[BaseModel]]", Pole.model_fields[name].annotation))


def validate_consuming(data: Any) -> Pole:
    """Validate parsed pole data, replacing the records of its big lists by their models.

    ``data`` must be held by nobody else: its lists ``actors``, ``partnerships`` and
    ``projects`` are changed in place, each slice of dicts replaced by its models as soon
    as they exist.

    Parameters
    ----------
    data
        Parsed pole data (a dict), as :func:`json.loads` or the YAML reader gives it.

    Returns
    -------
    Pole
        The same pole as ``Pole.model_validate(data)``.

    Raises
    ------
    SlicedValidationFailed
        When the data is not a valid pole (the problems are not located: validate the data
        again, parsed anew, with :func:`ptce_kit.io.files.pole_from_data`).

    Examples
    --------
    >>> data = {"id": "demo", "name": "Demo", "actors": [{"id": "a", "name": "A", "category": "other"}]}
    >>> pole = validate_consuming(data)
    >>> pole.actors[0].id, pole.actors[0] is data["actors"][0]
    ('a', True)
    """
    if not isinstance(data, dict):
        raise SlicedValidationFailed
    shared: dict[tuple[type, frozenset[str]], SharedFieldsSet] = {}
    lists: dict[str, list[Any]] = {}
    for name in SLICED_LISTS:
        items = data.get(name)
        if not isinstance(items, list):
            continue
        adapter = _adapter(name)
        for start in range(0, len(items), SLICE):
            stop = start + SLICE
            try:
                models = adapter.validate_python(items[start:stop])
            except ValidationError:
                raise SlicedValidationFailed from None
            share_fields_set(models, shared)
            items[start:stop] = models  # the slice's dicts are freed here
        lists[name] = items
    # The pole's other fields, with its big lists empty: pydantic would run the records'
    # own after-validators again on every model (it takes a model instance as it is, but
    # not past the validators wrapped around it), a tenth of the whole load.  The lists
    # are put in place once the rest is valid, then checked across records.
    try:
        pole = Pole.model_validate({**data, **dict.fromkeys(lists, ())}, context={LISTS_PENDING: True})
        for name, items in lists.items():
            pole.__dict__[name] = items
        pole.check_cross_references()
    except ValidationError:
        raise SlicedValidationFailed from None
    return pole
