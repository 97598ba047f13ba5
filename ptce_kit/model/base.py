"""The base every model of the data format shares, and the marker for personal data."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from ..i18n import Message, render

__all__ = ["Record", "PersonalField", "Provenance", "PERSONAL_MARK", "error_at", "raise_errors", "gc_paused",
           "SharedFieldsSet", "share_fields_set", "FREEZE_AT_LEAST"]

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

    def __setattr__(self, name: str, value: Any) -> None:
        # A fields set shared with other records (share_fields_set) is read-only: this
        # record takes its own copy before pydantic adds the name it sets.
        if type(self.__pydantic_fields_set__) is SharedFieldsSet:
            object.__setattr__(self, "__pydantic_fields_set__", set(self.__pydantic_fields_set__))
        super().__setattr__(name, value)


class SharedFieldsSet(set[str]):
    """The fields set of many records of one model that were given the same fields.

    Read-only: a record about to change copies it first (``Record.__setattr__``), and
    ``copy`` gives a plain set, so that no record's set ever changes through another.
    """

    __slots__ = ()

    def _read_only(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("this fields set is shared by several records: it cannot be changed")

    add = discard = remove = pop = clear = _read_only
    update = intersection_update = difference_update = symmetric_difference_update = _read_only
    __ior__ = __iand__ = __isub__ = __ixor__ = _read_only

    def __copy__(self) -> set[str]:
        return set(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> SharedFieldsSet:
        return self  # read-only: sharing it is safe

    def __reduce__(self) -> tuple[type[SharedFieldsSet], tuple[tuple[str, ...]]]:
        return (SharedFieldsSet, (tuple(self),))


def share_fields_set(records: Iterable[BaseModel],
                     shared: dict[tuple[type, frozenset[str]], SharedFieldsSet] | None = None) -> None:
    """Let records of the same model given the same fields share one fields set.

    pydantic keeps a set of the fields given for each record (``model_fields_set``,
    what ``exclude_unset`` reads): at 10^5 actors and 2·10^5 ties, a few hundred bytes
    each, a fifth of the models' memory.  Records of one model given the same fields
    get one read-only :class:`SharedFieldsSet`, interned in ``shared`` (a new dict when
    not given; pass the same dict to share across calls).  Nested records are left as
    they are.

    Examples
    --------
    >>> from ptce_kit.model import Actor
    >>> a, b = Actor(id="a", name="A", category="other"), Actor(id="b", name="B", category="other")
    >>> share_fields_set([a, b])
    >>> a.model_fields_set is b.model_fields_set, sorted(a.model_fields_set)
    (True, ['category', 'id', 'name'])
    >>> a.name = "A2"
    >>> a.model_fields_set is b.model_fields_set
    False
    """
    if shared is None:
        shared = {}
    setter = object.__setattr__
    for record in records:
        own = record.__pydantic_fields_set__
        key = (type(record), frozenset(own))
        one = shared.get(key)
        if one is None:
            one = shared[key] = SharedFieldsSet(own)
        setter(record, "__pydantic_fields_set__", one)


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


#: A paused block that leaves at least this many new objects tracked by the cyclic
#: collector freezes them (``gc.freeze``): see :func:`gc_paused`.
FREEZE_AT_LEAST = 100_000


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building many acyclic objects.

    Reference counting still frees everything that is dropped; only the search for
    cycles waits, and resumes (if it was on) when the block ends, even on error.

    A block that ends normally with at least :data:`FREEZE_AT_LEAST` more tracked objects
    than it started with (a pole of 10^5 actors leaves millions) moves every tracked
    object to the collector's permanent generation (``gc.freeze``): the collections that
    follow no longer walk them all once more, which took seconds after loading a
    national pole.  Frozen objects are still freed by reference counting when dropped;
    only a garbage cycle already waiting when the block ends would be kept, and the
    objects of a pole hold none.  Small blocks (every pole of a few thousand actors)
    freeze nothing.

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
    before = gc.get_count()[0]
    try:
        yield
        if gc.get_count()[0] - before >= FREEZE_AT_LEAST:
            gc.freeze()
    finally:
        gc.enable()
