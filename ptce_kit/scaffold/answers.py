"""The rules an answer to the template's questions must follow, and the refusals, coded, in the user's language.

A bad answer raises :class:`~ptce_kit.errors.Invalid` (a :class:`ValueError`) whose message
and hint are catalog messages (:mod:`~ptce_kit.scaffold.wording`) and whose code is stable:
``PTCE-E600`` (template syntax), ``PTCE-E610`` (not one of the accepted words: a menu, yes or
no; the hint lists them), ``PTCE-E611`` (an answer that cannot be used as typed),
``PTCE-E612`` (two answers that do not go together).

Examples
--------
>>> check_answer("commune_insee", "26281")
'26281'
>>> check_answer("legal_form", "association loi 1901"), check_answer("legal_form", "Scop")
('association', 'cooperative')
>>> try:
...     check_answer("meeting_cadence_weeks", "0")
... except ValueError as refused:
...     print(refused.code, refused.message.render("fr"), "/", refused.hint.render("en"))
PTCE-E611 « 0 » n’est pas une cadence de réunion / type a whole number of weeks from 1 to 52, e.g. 6 for a meeting every six weeks
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any, Self

from ..errors import ANSWERS, Invalid, Problem
from ..i18n import Message, gettext
from . import template as _template
from . import wording as w
from .template import ALIASES, DERIVED, NOT_STATED, OPTIONAL, Question

__all__ = ["MAX_CADENCE_WEEKS", "MAX_TEXT", "check_answer", "check_answers", "missing_answers", "derived_answers",
           "departement_code", "bad_character", "choice_names", "accepted_words"]

MAX_CADENCE_WEEKS = 52
MAX_TEXT = 200
JINJA = re.compile(r"\{[{%#]|[}%#]\}")
#: Characters that are not control characters by their category but reorder or hide text.
_INVISIBLE = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff")
#: Unicode categories refused in an answer: controls (with U+0085), line and paragraph
#: separators (U+2028, U+2029: YAML and JavaScript read them as line breaks), surrogates.
_BAD_CATEGORIES = frozenset({"Cc", "Zl", "Zp", "Cs"})
choice_names = w.choice_names


def _refused(message: str, code: str = "PTCE-E611", hint: str | Message | None = None, **params: Any) -> Invalid:
    if hint is not None and not isinstance(hint, Message):
        hint = Message(hint)
    return Invalid(Message(message, **params), code=code, hint=hint)


def departement_code(insee_code: str) -> str | None:
    """The département code of a commune, from its INSEE code (COG).

    Examples
    --------
    >>> departement_code("26281"), departement_code("2A004"), departement_code("97411")
    ('26', '2A', '974')
    >>> departement_code("2614") is None
    True
    """
    from ..model import check_insee_code

    try:
        check_insee_code(insee_code)
    except ValueError:
        return None
    # Overseas communes (97x, 98x) carry a three-character département code.
    return insee_code[:3] if insee_code[:2] in {"97", "98"} else insee_code[:2]


def _text(key: str, value: object) -> str:
    text = str(value).strip()
    if key in OPTIONAL and text in {"", "-"}:
        return ""  # "-" is how a prompt with a default is answered "none"
    if not text:
        raise _refused(w.EMPTY)
    if JINJA.search(text):
        raise _refused(w.TEMPLATE_SYNTAX, "PTCE-E600", w.TEMPLATE_SYNTAX_HINT, text=text)
    if len(text) > MAX_TEXT:
        raise _refused(w.TOO_LONG, hint=w.TOO_LONG_HINT, length=len(text), most=MAX_TEXT)
    return text


def bad_character(text: str) -> str | None:
    r"""The first character of ``text`` that no answer may hold, or ``None``.

    Those are the control characters (``\n``, ``\t``, U+0085…), the line and
    paragraph separators U+2028 and U+2029 (which YAML reads as line breaks, so they
    could add a key to ``pole.yaml``), lone surrogates, and the invisible characters that
    reorder text (bidirectional overrides and isolates, U+FEFF).

    Examples
    --------
    >>> bad_character("Pôle Sud"), bad_character("Pôle\u2028evil: key")
    (None, '\u2028')
    """
    for char in text:
        if char in _INVISIBLE or unicodedata.category(char) in _BAD_CATEGORIES:
            return char
    return None


def _refuse_bad_characters(text: str) -> None:
    char = bad_character(text)
    if char is not None:
        raise _refused(w.BAD_CHARACTER, hint=w.BAD_CHARACTER_HINT, point=f"{ord(char):04X}")


def _slug(value: object) -> str:
    from ..model import check_slug, suggest_slug

    text = str(value).strip()
    suggestion = suggest_slug(text)
    hint = Message(w.SLUG_HINT, suggestion=suggestion)
    if "/" in text or "\\" in text or ".." in text:
        raise _refused(w.SLUG_ESCAPES, hint=hint, text=text)
    try:
        return check_slug(text)
    except ValueError:
        raise _refused(w.SLUG_BAD, hint=hint, text=text) from None


def _insee(value: object) -> str:
    from ..model import check_insee_code

    text = str(value).strip().upper()
    if not text:
        return ""  # no commune yet (check_answers asks for the code when a commune is named)
    try:
        check_insee_code(text)
    except ValueError:
        raise _refused(w.INSEE_BAD, hint=w.INSEE_HINT, text=str(value)) from None
    from ..reference import geo

    if not geo.is_commune_code_known(text):
        # A well-shaped code that names no commune: most often a postal code.
        near = geo.nearest_communes(text, n=3)
        hint = (Message(w.INSEE_GUESS, communes=_Either(tuple(c.label for c in near))) if near
                else Message(w.INSEE_UNKNOWN_HINT))
        raise _refused(w.INSEE_UNKNOWN, hint=hint, text=str(value), vintage=geo.VINTAGE)
    return text


def _cadence(value: object) -> str:
    from pydantic import ValidationError

    from ..model import Cadence

    text = str(value).strip()
    if not text:
        return ""  # no meeting described yet
    bad = _refused(w.CADENCE_BAD, hint=Message(w.CADENCE_HINT, most=MAX_CADENCE_WEEKS), text=text)
    if not text.isdigit():
        raise bad
    try:
        cadence = Cadence(every=int(text), unit="week")
    except ValidationError:
        raise bad from None
    if cadence.every > MAX_CADENCE_WEEKS:
        raise bad
    return str(cadence.every)


def _bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in w.YES_WORDS:
        return True
    if text in w.NO_WORDS:
        return False
    raise _refused(w.YES_NO_BAD, "PTCE-E610", w.YES_NO_HINT, text=str(value))


class _Either(Message):
    """Words joined by "or" in the language of the message around them."""

    words: tuple[str, ...]

    def __new__(cls, words: tuple[str, ...]) -> Self:
        self = super().__new__(cls, "{words}", words=" or ".join(words))
        self.words = words
        return self

    def render(self, lang: str | None = None) -> str:
        joint = " " + gettext("or", lang) + " "
        return joint.join(self.words)


class _Choices(Message):
    """The words a menu accepts, in the language of the message around them: each entry's short label."""

    key: str
    values: tuple[str, ...]

    def __new__(cls, key: str, values: tuple[str, ...]) -> Self:
        self = super().__new__(cls, "{words}", words=", ".join(values))
        self.key, self.values = key, values
        return self

    def render(self, lang: str | None = None) -> str:
        return ", ".join(choice_names(w.choice_label(self.key, value, lang))[1] for value in self.values)


def accepted_words(key: str, values: tuple[str, ...], lang: str | None = None) -> str:
    """The words the menu ``key`` accepts, as a reader of ``lang`` types them (short labels)."""
    return _Choices(key, values).render(lang)


def _choice(question: Question, value: object) -> str:
    from ..model import Category, GovernanceForm, Language

    allowed = {"pivot_category": Category, "legal_form": GovernanceForm, "language": Language}
    text = str(value).strip()
    enum = allowed.get(question.key)
    # The model's values, and the entry that leaves the answer unsaid (legal_form: later).
    known = {m.value for m in enum} | {NOT_STATED.get(question.key, "")} if enum is not None else None
    values = tuple(choice for choice, _ in question.choices if known is None or choice in known)
    if text.isdigit() and 1 <= int(text) <= len(question.choices):  # the menu's number
        number = question.choices[int(text) - 1][0]
        if number in values:
            return number
    found = w.choice_value(question.key, text, values)
    if found is None:  # a template changed by hand: its own labels
        from ..model.vocabulary import normalise

        found = next((choice for choice, label in question.choices if choice in values
                      and normalise(text) in {normalise(choice), *map(normalise, choice_names(label))}), None)
    if found is None:
        raise _refused(w.CHOICE_BAD, "PTCE-E610",
                       Message(w.CHOICE_HINT, count=len(question.choices), words=_Choices(question.key, values)),
                       text=text)
    return found


def check_answer(key: str, value: object) -> Any:
    """The answer to question ``key``, normalised; :class:`~ptce_kit.errors.Invalid` (a ``ValueError``) if bad.

    ``key`` is a question of the template or a derived identifier (``__slug``,
    ``__pivot_id``, or their short names ``slug`` and ``pivot_id``).  The refusal's message
    and hint are written in the reader's language; its code is stable.

    Examples
    --------
    >>> try:
    ...     check_answer("slug", "../evil")
    ... except ValueError as refused:
    ...     print(refused.code, refused.message.render("en"))
    PTCE-E611 '../evil' holds '/', '\\' or '..': an identifier becomes a folder's name and must not leave the destination folder
    >>> check_answer("with_examples", "non"), check_answer("pivot_category", "SCIC")
    (False, 'ess_enterprise')
    """
    key = ALIASES.get(key, key)
    if isinstance(value, (Mapping, list, tuple, set)):
        raise _refused(w.NOT_ONE_VALUE, hint=w.NOT_ONE_VALUE_HINT)
    if isinstance(value, str):
        _refuse_bad_characters(value)
    if key in DERIVED:
        text = str(value).strip()
        if key == "__pivot_id" and not text:
            return ""  # no pivot structure yet: no identifier
        return _slug(text)
    if key == "commune_insee":
        return _insee(value)
    if key == "meeting_cadence_weeks":
        return _cadence(value)
    question = _template.question(key)
    if question is None:
        keys = ", ".join([q.key for q in _template.questions()] + sorted(ALIASES))
        raise _refused(w.NOT_A_QUESTION, "PTCE-E601", Message(w.NOT_A_QUESTION_HINT, keys=keys), key=key)
    if question.kind == "bool":
        return _bool(value)
    if question.kind == "choice":
        return _choice(question, value)
    return _text(key, value)


def _example_actor_ids() -> set[str]:
    """Ids of the Pôle Sud members the template copies as examples (minus its pivot)."""
    text = (_template.template_dir() / "templates" / "exemple-pole-sud-acteurs.yaml").read_text(encoding="utf-8")
    return set(re.findall(r"^  - id: ([a-z0-9_-]+)$", text, flags=re.MULTILINE))


def _problem(refused: Invalid, key: str) -> Problem:
    return Problem(refused.message, path=(key,), file=ANSWERS, code=refused.code, hint=refused.hint)


def check_answers(answers: Mapping[str, Any], *, strict: bool = False) -> list[Problem]:
    """Every problem of a set of answers (empty when they are all good), each with its code.

    Each answer is checked on its own, then the answers that go together: a commune needs
    its INSEE code (and the code its commune), a commune, département or région needs the
    territory's name, the example members need a pivot structure.  In cookiecutter's
    context, keys starting with ``_`` are its own settings, not answers (except the
    derived identifiers ``__slug`` and ``__pivot_id``), and are skipped; with ``strict``
    (answers typed by a user) they are unknown questions.
    """
    problems: list[Problem] = []
    good: dict[str, Any] = {}
    for key, value in answers.items():
        if key.startswith("_") and key not in DERIVED and not strict:
            continue
        if key in DERIVED and not str(value).strip() and not str(answers.get(DERIVED[key]) or "").strip():
            continue  # no name, so no identifier made from it: the name's problem, said once
        try:
            good[ALIASES.get(key, key)] = check_answer(key, value)
        except Invalid as refused:
            problems.append(_problem(refused, key))
    pivot = good.get("__pivot_id")
    if good.get("with_examples") and pivot and pivot != "groupe-archer" and pivot in _example_actor_ids():
        problems.append(_problem(_refused(w.PIVOT_CLASH, "PTCE-E612", w.PIVOT_CLASH_HINT, pivot=pivot), "pivot_name"))
    bad = {ALIASES.get(key, key) for key in answers} - set(good)
    problems += [problem for problem in _joint_problems(good) if problem.path[0] not in bad]
    return problems


def _joint_problems(good: Mapping[str, Any]) -> list[Problem]:
    """What two answers say together: a commune needs its code, a territory its name…

    An answer not given counts as empty (the template's defaults are all empty).
    """
    def given(key: str) -> bool:
        return bool(str(good.get(key) or "").strip())

    def joint(message: str, hint: str, key: str, **params: Any) -> Problem:
        return _problem(_refused(message, "PTCE-E612", hint, **params), key)

    problems = []
    if given("commune_name") and not given("commune_insee"):
        problems.append(joint(w.INSEE_MISSING, w.INSEE_MISSING_HINT, "commune_insee", commune=good["commune_name"]))
    if given("commune_insee") and not given("commune_name"):
        problems.append(joint(w.COMMUNE_MISSING, w.COMMUNE_MISSING_HINT, "commune_name", insee=good["commune_insee"]))
    if any(given(key) for key in ("commune_name", "departement_name", "region_name")) and not given("territory_name"):
        problems.append(joint(w.TERRITORY_MISSING, w.TERRITORY_MISSING_HINT, "territory_name"))
    if given("pivot_name") and "__pivot_id" in good and not given("__pivot_id"):
        problems.append(joint(w.PIVOT_ID_EMPTY, w.PIVOT_ID_EMPTY_HINT, "pivot_id"))
    if good.get("with_examples") and not given("pivot_name"):
        problems.append(joint(w.EXAMPLES_WITHOUT_PIVOT, w.EXAMPLES_WITHOUT_PIVOT_HINT, "with_examples"))
    return problems


def missing_answers(answers: Mapping[str, Any]) -> list[Problem]:
    """A problem for each question that needs an answer (the pole's name) and has none."""
    keys = {ALIASES.get(key, key) for key in answers}
    return [_problem(_refused(w.NAME_MISSING, hint=w.NAME_MISSING_HINT), question.key)
            for question in _template.questions()
            if question.kind == "text" and question.key not in OPTIONAL and question.key not in keys]


def derived_answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    """``answers`` with the identifiers the template derives from the names filled in.

    Examples
    --------
    >>> derived_answers({"pole_name": "Pôle d'Économie & Solidarité", "pivot_name": "Groupe Archer"})["__slug"]
    'pole-d-economie-solidarite'
    """
    from ..model import suggest_slug

    full = {ALIASES.get(k, k): v for k, v in answers.items()}
    for key, source in DERIVED.items():
        if key not in full and source in full:
            # No name (a pivot structure not chosen yet): no identifier either.
            full[key] = suggest_slug(str(full[source])) if str(full[source]).strip() else ""
    return full

