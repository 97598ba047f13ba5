"""Identifiers and small value types: slugs, INSEE codes, SIREN/SIRET, partial dates.

Each type is a plain ``Annotated`` string so that it validates in pydantic models, shows
up in the JSON Schema with its pattern, and can be checked on its own (the cookiecutter
hooks and the spreadsheet import call the same ``check_*`` functions).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, WithJsonSchema

from ..errors import Invalid
from ..i18n import Message, N_

__all__ = [
    "SLUG_PATTERN",
    "Slug",
    "InseeCode",
    "Siren",
    "Siret",
    "LegalFormCode",
    "PartialDate",
    "check_slug",
    "check_insee_code",
    "check_siren",
    "check_siret",
    "check_partial_date",
    "Shaped",
    "explain",
    "earliest",
    "starts_before",
    "latest",
]

# ASCII digits only: ``\d`` would also take Arabic-Indic or Devanagari digits.  ``\Z`` (not
# ``$``, which tolerates a final newline) in the Python checks; pydantic-core's ``$`` is strict.
SLUG_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
_SLUG_RE = re.compile(SLUG_PATTERN[:-1] + r"\Z")
INSEE_PATTERN = r"^(?:[0-9]{5}|2[AB][0-9]{3})$"
_INSEE_RE = re.compile(INSEE_PATTERN[:-1] + r"\Z")
PARTIAL_DATE_PATTERN = r"^[1-9][0-9]{3}(?:-[0-9]{2}(?:-[0-9]{2})?)?$"
_PARTIAL_DATE_RE = re.compile(PARTIAL_DATE_PATTERN[:-1] + r"\Z")
# Dates that are real whatever the month's length: days 01-28 of months 01-12.  Large
# poles hold hundreds of thousands of dates, so the exact check runs only for the rest.
_SURE_DATE_PATTERN = r"^[1-9][0-9]{3}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|1[0-9]|2[0-8]))?)?$"
_SURE_DATE_RE = re.compile(_SURE_DATE_PATTERN[:-1] + r"\Z")


def check_slug(value: str) -> str:
    """Return ``value`` if it is a valid identifier, else raise ``ValueError``.

    Identifiers are lower-case ASCII letters and digits, separated by single
    hyphens or underscores, so that they are safe in file names and URLs.

    Examples
    --------
    >>> check_slug("groupe-archer")
    'groupe-archer'
    >>> check_slug("Groupe Archer")
    Traceback (most recent call last):
    ...
    ptce_kit.errors.Invalid: 'Groupe Archer' is not a valid identifier: use lower-case letters, digits and single hyphens, e.g. 'groupe-archer'
    """
    if not isinstance(value, str) or not _SLUG_RE.match(value):
        raise Invalid(Message("{value!r} is not a valid identifier: use lower-case letters, digits and "
                              "single hyphens, e.g. {suggestion!r}", value=value, suggestion=suggest_slug(str(value))),
                      code="PTCE-E110")
    return value


def suggest_slug(text: str) -> str:
    """A valid identifier derived from free text (accents dropped).

    Examples
    --------
    >>> suggest_slug("Pôle d'Économie & Solidarité")
    'pole-d-economie-solidarite'
    """
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "id"


def check_insee_code(value: str) -> str:
    """Return ``value`` if it is a well-formed INSEE commune code (COG), else raise.

    Five characters: five digits, or ``2A``/``2B`` and three digits for Corsica.

    Examples
    --------
    >>> check_insee_code("26281")
    '26281'
    >>> check_insee_code("2A004")
    '2A004'
    >>> check_insee_code("26100")  # a postal code is not rejected by shape alone
    '26100'
    >>> check_insee_code("2614")
    Traceback (most recent call last):
    ...
    ptce_kit.errors.Invalid: '2614' is not an INSEE commune code: it has 5 characters, digits or 2A/2B then 3 digits (e.g. 26281 for Romans-sur-Isère)
    """
    if not isinstance(value, str) or not _INSEE_RE.match(value):
        raise Invalid(Message("{value!r} is not an INSEE commune code: it has 5 characters, digits or "
                              "2A/2B then 3 digits (e.g. 26281 for Romans-sur-Isère)", value=value), code="PTCE-E111")
    return value


def _digits(value: object) -> str:
    # People paste SIRETs with spaces or dots ("123 456 789 00012"); keep only the digits.
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        raise Invalid(N_("expected a string of digits"), code="PTCE-E103")
    return re.sub(r"[\s.\u00a0-]", "", value)


def _check_registry_number(value: str, kind: str, digits: int) -> str:
    """Validate a SIREN or SIRET with python-stdnum; a ``ValueError`` says what is wrong."""
    import importlib

    from stdnum import exceptions

    module = importlib.import_module(f"stdnum.fr.{kind.lower()}")
    try:
        valid: str = module.validate(_digits(value))
        return valid
    except exceptions.InvalidChecksum:
        # python-stdnum checks Luhn's formula, and La Poste's own rule for its establishments
        # SIRETs (SIREN 356 000 000), which Luhn's would refuse.
        reason = Message("the check digit is wrong (Luhn's formula; La Poste's own rule for its establishments)")
    except exceptions.InvalidLength:
        reason = Message("a {kind} has {digits} digits", kind=kind, digits=digits)
    except exceptions.ValidationError:
        reason = Message("a {kind} has {digits} digits and nothing else", kind=kind, digits=digits)
    raise Invalid(Message("{value!r} is not a valid {kind}: {reason} (check for a typo; find the number on "
                          "annuaire-entreprises.data.gouv.fr)", value=value, kind=kind, reason=reason),
                  code="PTCE-E112" if kind == "SIREN" else "PTCE-E113")


def check_siren(value: str) -> str:
    """Return the compact SIREN if its length and Luhn checksum are right, else raise.

    Examples
    --------
    >>> check_siren("732 829 320")
    '732829320'
    >>> check_siren("732829321")
    Traceback (most recent call last):
    ...
    ptce_kit.errors.Invalid: '732829321' is not a valid SIREN: the check digit is wrong (Luhn's formula; La Poste's own rule for its establishments) (check for a typo; find the number on annuaire-entreprises.data.gouv.fr)
    """
    return _check_registry_number(value, "SIREN", 9)


def check_siret(value: str) -> str:
    """Return the compact SIRET if its length and Luhn checksum are right, else raise.

    Examples
    --------
    >>> check_siret("732 829 320 00074")
    '73282932000074'
    >>> check_siret("73282932000075")
    Traceback (most recent call last):
    ...
    ptce_kit.errors.Invalid: '73282932000075' is not a valid SIRET: the check digit is wrong (Luhn's formula; La Poste's own rule for its establishments) (check for a typo; find the number on annuaire-entreprises.data.gouv.fr)
    """
    return _check_registry_number(value, "SIRET", 14)


def _check_legal_form_code(value: str) -> str:
    if not re.fullmatch(r"\d{4}", value):
        raise Invalid(Message("{value!r} is not an INSEE catégorie juridique: write its 4 digits, e.g. 5458 for a SARL SCOP",
                              value=value), code="PTCE-E114")
    return value


def _normalise_partial_date(value: Any) -> Any:
    # YAML gives a ``date`` for 2014-07-31 and an ``int`` for 2014; store both as text.
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:04d}"
    return value


def check_partial_date(value: str) -> str:
    """Return ``value`` if it is a real ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` date.

    Many facts about a pole are known only to the year ("created in 2010"); a partial
    date records exactly what is known and nothing more.

    Examples
    --------
    >>> check_partial_date("2014-07")
    '2014-07'
    >>> check_partial_date("2014-02-30")
    Traceback (most recent call last):
    ...
    ptce_kit.errors.Invalid: '2014-02-30' is not a real date: write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2014-07-31)
    """
    if isinstance(value, str) and _SURE_DATE_RE.match(value):
        return value  # the common case, settled by one regular expression
    bad = Invalid(Message("{value!r} is not a real date: write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2014-07-31)",
                          value=value), code="PTCE-E115")
    if not isinstance(value, str) or not _PARTIAL_DATE_RE.match(value):
        raise bad
    parts = [int(p) for p in value.split("-")]
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        raise bad
    if len(parts) == 3 and not 1 <= parts[2] <= calendar.monthrange(parts[0], parts[1])[1]:
        raise bad
    return value


def earliest(value: str) -> dt.date:
    """The first day a partial date can mean.

    Examples
    --------
    >>> earliest("2014")
    datetime.date(2014, 1, 1)
    """
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def starts_before(a: str, b: str) -> bool:
    """Whether the partial date ``a`` can begin earlier than ``b`` (``earliest(a) < earliest(b)``).

    Two dates written to the same precision compare as text, without building dates.

    Examples
    --------
    >>> starts_before("2014-05", "2014-06"), starts_before("2014", "2014-01"), starts_before("2015", "2014-12")
    (True, False, False)
    """
    if len(a) == len(b):
        return a < b
    return earliest(a) < earliest(b)


def latest(value: str) -> dt.date:
    """The last day a partial date can mean.

    Examples
    --------
    >>> latest("2016-02")
    datetime.date(2016, 2, 29)
    """
    parts = [int(p) for p in value.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return dt.date(year, month, day)


#: The error type of each :class:`Shaped` check, and the Python check that explains it.
_EXPLAINED: dict[str, Callable[[Any], Any]] = {}


class Shaped:
    """Annotation: a string whose shape pydantic-core checks by a regular expression, in Rust.

    A pole of 10^5 actors holds about a million identifiers and dates: one Python call
    each would be most of the validation time.  Values that the pattern does not settle
    go to ``fallback`` (a Python check) when there is one; a value refused ends as one
    error of type ``error_type`` whose full message (with the value and a suggestion)
    :func:`explain` rebuilds from the Python check.

    Examples
    --------
    >>> from pydantic import TypeAdapter, ValidationError
    >>> ids = TypeAdapter(Slug)
    >>> ids.validate_python("groupe-archer")
    'groupe-archer'
    >>> try:
    ...     ids.validate_python("Groupe Archer")
    ... except ValidationError as exc:
    ...     err = exc.errors()[0]
    >>> err["type"], str(explain(err["type"], err["input"])), explain(err["type"], err["input"]).code
    ('identifier', "'Groupe Archer' is not a valid identifier: use lower-case letters, digits and single hyphens, e.g. 'groupe-archer'", 'PTCE-E110')
    """

    def __init__(self, pattern: str, error_type: str, message: str, check: Callable[[Any], Any],
                 *, fallback: bool = False) -> None:
        self.pattern, self.error_type, self.message = pattern, error_type, message
        self.check, self.fallback = check, fallback
        _EXPLAINED[error_type] = check

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema as cs

        fast = cs.str_schema(pattern=self.pattern)
        if not self.fallback:
            return cs.custom_error_schema(fast, custom_error_type=self.error_type, custom_error_message=self.message)
        slow = cs.no_info_plain_validator_function(self.check)
        return cs.union_schema([fast, slow], mode="left_to_right", custom_error_type=self.error_type,
                               custom_error_message=self.message)


def explain(error_type: str, value: Any) -> Invalid | None:
    """The refusal of a :class:`Shaped` error, with its message and code (``None`` for any other error type)."""
    check = _EXPLAINED.get(error_type)
    if check is None:
        return None
    try:
        check(value)
    except Invalid as exc:
        return exc
    except ValueError as exc:
        return Invalid(str(exc))
    return None


def _partial_date(value: Any) -> str:
    return check_partial_date(_normalise_partial_date(value))


# The shapes are checked in pydantic-core (fast); the Python checks explain a refusal.  The
# JSON Schema states the same shapes, so that editors flag a bad value as it is typed.
Slug = Annotated[
    str,
    Shaped(SLUG_PATTERN, "identifier", "not a valid identifier: use lower-case letters, digits and single hyphens",
           check_slug),
    WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN, "examples": ["maison-des-cooperations"]}),
]
InseeCode = Annotated[
    str,
    Shaped(INSEE_PATTERN, "insee_code", "not an INSEE commune code: 5 digits, or 2A/2B then 3 digits",
           check_insee_code),
    WithJsonSchema({"type": "string", "pattern": INSEE_PATTERN,
                    "description": "INSEE commune code (COG), e.g. 44109"}),
]
Siren = Annotated[
    str,
    BeforeValidator(check_siren),
    WithJsonSchema({"type": "string", "pattern": r"^[0-9][0-9 ]{7,10}[0-9]$",
                    "description": "SIREN: 9 digits with a Luhn checksum"}),
]
Siret = Annotated[
    str,
    BeforeValidator(check_siret),
    WithJsonSchema({"type": "string", "pattern": r"^[0-9][0-9 ]{12,16}[0-9]$",
                    "description": "SIRET: 14 digits with a Luhn checksum"}),
]
LegalFormCode = Annotated[
    str,
    BeforeValidator(lambda v: f"{v:04d}" if isinstance(v, int) and not isinstance(v, bool) else v),
    AfterValidator(_check_legal_form_code),
    WithJsonSchema({
        "anyOf": [{"type": "string", "pattern": r"^\d{4}$"}, {"type": "integer", "minimum": 1000, "maximum": 9999}],
        "description": "INSEE catégorie juridique, level III (4 digits), e.g. 5458 SARL SCOP",
    }),
]
PartialDate = Annotated[
    str,
    # The pattern settles days 01-28 of real months; the 29th-31st, and YAML's integers
    # (2014), go to the Python check.
    Shaped(_SURE_DATE_PATTERN, "partial_date", "not a real date: write YYYY, YYYY-MM or YYYY-MM-DD",
           _partial_date, fallback=True),
    WithJsonSchema({
        "anyOf": [{"type": "string", "pattern": PARTIAL_DATE_PATTERN},
                  {"type": "integer", "minimum": 1000, "maximum": 9999}],
        "description": "A date known to the year, month or day: YYYY, YYYY-MM or YYYY-MM-DD",
        "examples": ["2010", "2014-07", "2014-07-31"],
    }),
]
