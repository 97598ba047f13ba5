"""Dotted field paths of the data format, as a pole's ``privacy.personal_fields`` names them.

The :class:`~ptce_kit.model.Privacy` record itself lives with the pole it describes
(:mod:`ptce_kit.model.pole`), which its paths start from.
"""

from __future__ import annotations

from typing import Any

__all__ = ["resolve_field", "record_type"]


def resolve_field(root: Any, dotted: str) -> Any:
    """The pydantic ``FieldInfo`` a dotted path names from ``root``, through lists and records.

    Raises ``ValueError`` with the names allowed where the path goes wrong.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> resolve_field(Pole, "actors.website").is_required()
    False
    """
    import difflib

    from pydantic import BaseModel

    current: Any = root
    info = None
    parts = dotted.split(".")
    for i, part in enumerate(parts):
        fields = current.model_fields if isinstance(current, type) and issubclass(current, BaseModel) else {}
        if part not in fields:
            close = difflib.get_close_matches(part, list(fields), n=1)
            where = ".".join(parts[:i]) or "the top level"
            from ..errors import Invalid
            from ..i18n import Message

            fix = (Message("did you mean {close!r}?", close=close[0]) if close
                   else Message("the fields of {where} are: {fields}", where=where, fields=", ".join(fields)))
            raise Invalid(Message("{dotted!r} names no field ({part!r} is not a field of {where}): {fix}",
                                  dotted=dotted, part=part, where=where, fix=fix), code="PTCE-E125")
        info = fields[part]
        current = record_type(info.annotation)
    return info


def record_type(annotation: Any) -> Any:
    """The record class inside an annotation (``list[Actor]``, ``Site | None``…), or ``None``."""
    from typing import get_args

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = record_type(arg)
        if found is not None:
            return found
    return None
