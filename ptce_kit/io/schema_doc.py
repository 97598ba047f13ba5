"""The field-by-field reference of the data format, generated from the models.

``docs/format.md`` embeds this text between two markers, and a test keeps it equal to
what the models say, so the reference never drifts from the code.
"""

from __future__ import annotations

import enum
import types
import typing
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = ["format_reference", "BEGIN", "END"]

BEGIN = "<!-- BEGIN generated reference: python -m ptce_kit.io.schema_doc -->"
END = "<!-- END generated reference -->"


def _type_name(annotation: Any) -> str:
    from pydantic import BaseModel

    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type_name(args[0]) if args[0] is not str else _annotated_name(annotation)
    if origin in (typing.Union, types.UnionType):
        names = [_type_name(a) for a in args if a is not type(None)]
        return " or ".join(names)
    if origin is list:
        return f"list of {_type_name(args[0])}"
    if origin is typing.Literal:
        return ", ".join(f"`{a}`" for a in args)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return "one of " + ", ".join(f"`{m.value}`" for m in annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    return {str: "text", int: "integer", float: "number", bool: "true/false"}.get(annotation, getattr(annotation, "__name__", str(annotation)))


def _annotated_name(annotation: Any) -> str:
    return _metadata_name(typing.get_args(annotation)[1:])


def _metadata_name(metadata: Any) -> str:
    """The user's name of an identifier type, from the validators it carries."""
    from ..model import identifiers as ids

    names = {ids.check_slug: "id", ids.check_insee_code: "INSEE code", ids.check_siren: "SIREN",
             ids.check_siret: "SIRET", ids._partial_date: "date"}
    for item in metadata:
        func = item.check if isinstance(item, ids.Shaped) else getattr(item, "func", None)
        if func in names:
            return names[func]
        if func is getattr(ids, "_check_legal_form_code", None):
            return "INSEE legal-form code"
    return "text"


def _models() -> list[type[BaseModel]]:
    from pydantic import BaseModel

    from ..model import Pole

    seen: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.append(model)
        for field in model.model_fields.values():
            stack = [field.annotation]
            while stack:
                item = stack.pop()
                if isinstance(item, type) and issubclass(item, BaseModel):
                    visit(item)
                stack.extend(typing.get_args(item))

    visit(Pole)
    return seen


def format_reference() -> str:
    """Markdown tables: one section per part of the format, one row per field."""
    from pydantic_core import PydanticUndefined

    from ..model.base import PERSONAL_MARK

    out = [BEGIN, ""]
    for model in _models():
        out.append(f"### {model.__name__}")
        out.append("")
        doc = (model.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
        if doc:
            out += [doc, ""]
        out.append("| field | type | required | description |")
        out.append("| --- | --- | --- | --- |")
        for name, field in model.model_fields.items():
            required = "yes" if field.is_required() else ""
            description = field.description or ""
            extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
            if extra.get(PERSONAL_MARK):
                description = f"**personal data.** {description}".strip()
            default = field.default
            if not field.is_required() and default not in (None, PydanticUndefined) and not isinstance(default, list):
                shown = default.value if isinstance(default, enum.Enum) else default
                if not (isinstance(shown, bool) and shown is False) and not hasattr(shown, "model_fields"):
                    description = f"{description.rstrip('.')}. Default: `{shown}`.".lstrip(". ")
            kind = _type_name(field.annotation)
            if field.annotation is str:
                kind = _metadata_name(field.metadata)
            out.append(f"| `{name}` | {kind} | {required} | {description.strip()} |")
        out.append("")
    out.append(END)
    return "\n".join(out) + "\n"


if __name__ == "__main__":  # pragma: no cover - regenerates the reference in docs/format.md
    import pathlib
    import re
    import sys

    target = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "docs/format.md")
    text = target.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END) + "\n", re.S)
    target.write_text(pattern.sub(lambda _: format_reference(), text), encoding="utf-8")
