"""What a pole declares about personal data beyond the fields the format marks itself."""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator

from .base import Record

__all__ = ["Privacy", "resolve_field", "record_type"]


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
            fix = f"did you mean {close[0]!r}?" if close else f"the fields of {where} are: {', '.join(fields)}"
            raise ValueError(f"{dotted!r} names no field ({part!r} is not a field of {where}): {fix}")
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
        from .pole import Pole

        for path in paths:
            info = resolve_field(Pole, path)
            if info.is_required():
                raise ValueError(
                    f"{path!r} is a required field: it cannot be left out of shared files; "
                    "declare an optional field instead"
                )
        return paths
