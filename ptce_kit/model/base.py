"""The base every model of the data format shares, and the marker for personal data."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from ..i18n import Message, render

__all__ = ["Record", "PersonalField", "Provenance", "PERSONAL_MARK", "error_at", "raise_errors", "gc_paused"]

# The JSON Schema keyword that marks a field as personal data (RGPD).  Exports meant
# for sharing drop every field carrying it unless the user asks for personal data.
PERSONAL_MARK = "x-personal-data"


class Record(BaseModel):
    """A part of a pole's data file: unknown keys are errors, strings are trimmed."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        validate_assignment=True,
        use_enum_values=False,
    )


def Provenance() -> Any:  # noqa: N802 - reads like Field
    """The ``provenance`` field every record has: where its facts come from."""
    return Field(None, description="Where these facts come from: a document, a quote, a person")


def PersonalField(default: Any = None, **kwargs: Any) -> Any:  # noqa: N802 - reads like Field
    """A ``Field`` marked as personal data in the model and in the JSON Schema."""
    extra = dict(kwargs.pop("json_schema_extra", None) or {})
    extra[PERSONAL_MARK] = True
    return Field(default, json_schema_extra=extra, **kwargs)


def error_at(loc: tuple[str | int, ...], message: str | Message, value: object = None, kind: str = "rule", *,
             code: str | None = None, hint: str | Message | None = None) -> InitErrorDetails:
    """One located error, for rules that span several fields.

    The location is the field the user should change, so that the error points at
    its line rather than at the start of the record.  ``message`` and ``hint`` are
    message ids (or :class:`~ptce_kit.i18n.Message`), kept with ``code`` in the error's
    context and written in the reader's language when the problem is shown.
    """
    # Braces in user text would be read as format fields by PydanticCustomError.
    safe = render(message, "en").replace("{", "{{").replace("}", "}}")
    context = {"ptce_message": message, "ptce_code": code, "ptce_hint": hint}
    return InitErrorDetails(type=PydanticCustomError(kind, safe, context), loc=loc, input=value)


def raise_errors(title: str, errors: list[InitErrorDetails]) -> None:
    """Raise every error at once, if there is any."""
    if errors:
        raise ValidationError.from_exception_data(title, errors)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building many acyclic objects.

    Reference counting still frees everything that is dropped; only the search for
    cycles waits, and resumes (if it was on) when the block ends, even on error.

    Examples
    --------
    >>> import gc
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    import gc

    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
