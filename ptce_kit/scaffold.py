"""``ptce new``: found a new pole's folder from the cookiecutter-ptce template.

The template (``cookiecutter-ptce/``, shipped in the wheel as ``ptce_kit/_data/``) holds
the questions, their French wording and their defaults; this module holds the rules an
answer must follow.  The defaults are neutral: only the pole's name is needed, an empty
answer puts nothing in ``pole.yaml`` (no example name, place or pivot), and Pôle Sud's
members are copied as a model only when asked.  The template's ``pre_gen_project`` hook
calls :func:`check_answers` and ``ptce new`` calls :func:`check_answer` as each answer is
typed, so both refuse the same answers with the same French message.

Examples
--------
>>> check_answer("commune_insee", "26281")
'26281'
>>> check_answer("meeting_cadence_weeks", "0")
Traceback (most recent call last):
...
ValueError: « 0 » n'est pas une cadence de réunion : tapez un nombre entier de semaines entre 1 et 52, par exemple 6 pour une rencontre toutes les six semaines.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
import threading
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from .errors import PoleError, Problem
from .i18n import Message, N_

__all__ = [
    "TEMPLATE_NAME",
    "Question",
    "template_dir",
    "questions",
    "check_answer",
    "check_answers",
    "missing_answers",
    "choice_names",
    "derived_answers",
    "departement_code",
    "read_answers",
    "user_defaults",
    "bad_character",
    "sandboxed_cookiecutter",
    "new_pole",
]

TEMPLATE_NAME = "cookiecutter-ptce"
#: The identifiers the template derives from the names; they may be given, e.g. ``slug=...``.
DERIVED = {"__slug": "pole_name", "__pivot_id": "pivot_name"}
#: Short names accepted on the command line for the derived identifiers.
ALIASES = {"slug": "__slug", "pivot_id": "__pivot_id"}
MAX_CADENCE_WEEKS = 52
MAX_TEXT = 200
#: Questions that may be left empty: the template then writes nothing in their place, so
#: that a new pole holds only what its founders said (no example name, place or pivot).
OPTIONAL = frozenset({"long_name", "territory_name", "commune_name", "commune_insee", "departement_name",
                      "region_name", "pivot_name", "meeting_cadence_weeks"})
#: A question asked only when the answer it depends on is not empty (``ptce new`` skips it).
ASKED_AFTER = {"commune_name": "territory_name", "commune_insee": "commune_name",
               "departement_name": "territory_name", "region_name": "territory_name",
               "pivot_category": "pivot_name", "with_examples": "pivot_name"}
_JINJA = re.compile(r"\{[{%#]|[}%#]\}")
#: Characters that are not control characters by their category but reorder or hide text.
_INVISIBLE = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff")
#: Unicode categories refused in an answer: controls (with U+0085), line and paragraph
#: separators (U+2028, U+2029: YAML and JavaScript read them as line breaks), surrogates.
_BAD_CATEGORIES = frozenset({"Cc", "Zl", "Zp", "Cs"})
#: The settings of a cookiecutter configuration file (``~/.cookiecutterrc``).
CONFIG_SETTINGS = ("abbreviations", "cookiecutters_dir", "default_context", "replay_dir")
#: Keys that cookiecutter, cruft and the template's hook record in a replay file or a
#: ``.cruft.json`` beside the answers; ``ptce new --replay`` accepts and ignores them.
RECORDED_SETTINGS = frozenset({"_template", "_output_dir", "_repo_dir", "_checkout", "_commit",
                               "_ptce_kit_version"})
_YES = {"1", "true", "t", "yes", "y", "on", "oui", "o"}
_NO = {"0", "false", "f", "no", "n", "off", "non"}


def template_dir() -> Path:
    """The folder of the cookiecutter-ptce template.

    In a wheel it is ``ptce_kit/_data/cookiecutter-ptce``; in a checkout (editable
    install, tests) it is ``cookiecutter-ptce`` next to the package.
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data" / TEMPLATE_NAME, here.parent / TEMPLATE_NAME):
        if (candidate / "cookiecutter.json").is_file():
            return candidate
    raise PoleError.single(
        N_("the cookiecutter-ptce template is missing from this installation of ptce-kit"), code="PTCE-E900",
        hint=N_("reinstall ptce-kit (python -m pip install --force-reinstall ptce-kit)"),
    )


@dataclass(frozen=True)
class Question:
    """One question of the template, as ``cookiecutter.json`` states it."""

    key: str
    prompt: str
    default: str | bool
    kind: Literal["text", "choice", "bool"] = "text"
    #: For a choice: ``(value, label)`` pairs, the default first.
    choices: tuple[tuple[str, str], ...] = ()


@lru_cache(maxsize=4)
def _template_config(template: str) -> dict[str, Any]:
    with open(Path(template) / "cookiecutter.json", encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def questions(template: str | os.PathLike[str] | None = None) -> list[Question]:
    """The questions the template asks, in order, with their French wording.

    Examples
    --------
    >>> [q.key for q in questions()][:3]
    ['pole_name', 'long_name', 'territory_name']
    >>> questions()[0].prompt
    "Nom court du pôle (tel qu'on le dit, accents compris)"
    """
    config = _template_config(str(template or template_dir()))
    prompts = config.get("__prompts__", {})
    found = []
    for key, raw in config.items():
        if key.startswith("_"):
            continue
        prompt = prompts.get(key, key)
        if isinstance(raw, list):
            labels = prompt if isinstance(prompt, dict) else {}
            found.append(Question(
                key, str(labels.get("__prompt__", key) if labels else prompt), str(raw[0]), "choice",
                tuple((str(v), str(labels.get(v, v))) for v in raw),
            ))
        elif isinstance(raw, bool):
            found.append(Question(key, str(prompt), raw, "bool"))
        else:
            found.append(Question(key, str(prompt), str(raw), "text"))
    return found


def _question(key: str) -> Question | None:
    return next((q for q in questions() if q.key == key), None)


def departement_code(insee_code: str) -> str | None:
    """The département code of a commune, from its INSEE code (COG).

    Examples
    --------
    >>> departement_code("26281"), departement_code("2A004"), departement_code("97411")
    ('26', '2A', '974')
    >>> departement_code("2614") is None
    True
    """
    from .model import check_insee_code

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
        raise ValueError("La réponse est vide : tapez un nom, par exemple « Pôle des Coopérations du Val ».")
    if _JINJA.search(text):
        raise ValueError(f"« {text} » contient « {{{{ », « {{% », « {{# » ou leur fermeture, que le "
                         "modèle de projet lirait comme des instructions : retirez ces accolades.")
    if len(text) > MAX_TEXT:
        raise ValueError(f"La réponse est trop longue ({len(text)} caractères, {MAX_TEXT} au plus) : "
                         "gardez un nom court, les détails vont ensuite dans pole.yaml.")
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
        raise ValueError(f"La réponse contient un retour à la ligne, un séparateur de ligne ou un caractère "
                         f"de contrôle (U+{ord(char):04X}) : tapez-la sur une seule ligne, sans ce caractère.")


def _slug(value: object) -> str:
    from .model import check_slug, suggest_slug

    text = str(value).strip()
    suggestion = suggest_slug(text)
    if "/" in text or "\\" in text or ".." in text:
        raise ValueError(
            f"« {text} » contient « / », « \\ » ou « .. » : un identifiant devient un nom de dossier "
            f"et ne doit pas sortir du dossier de destination. Tapez par exemple « {suggestion} »."
        )
    try:
        return check_slug(text)
    except ValueError:
        raise ValueError(
            f"« {text} » ne peut pas servir d'identifiant : tapez des lettres minuscules sans accents, "
            f"des chiffres et des tirets (un seul entre deux mots), par exemple « {suggestion} »."
        ) from None


def _insee(value: object) -> str:
    from .model import check_insee_code

    text = str(value).strip().upper()
    if not text:
        return ""  # no commune yet (check_answers asks for the code when a commune is named)
    try:
        check_insee_code(text)
    except ValueError:
        raise ValueError(
            f"« {value} » n'est pas un code INSEE de commune : il a 5 caractères, des chiffres "
            "(ou 2A / 2B puis 3 chiffres en Corse), par exemple 44109 pour Nantes. "
            "Ce n'est pas le code postal : cherchez la commune dans le Code officiel géographique "
            "sur insee.fr."
        ) from None
    from .reference import geo

    if not geo.is_commune_code_known(text):
        # A well-shaped code that names no commune: most often a postal code.
        near = geo.nearest_communes(text, n=3)
        guess = f" Vouliez-vous dire {' ou '.join(c.label for c in near)} ?" if near else ""
        raise ValueError(
            f"« {value} » n'est le code INSEE d'aucune commune ({geo.VINTAGE}) ; c'est peut-être un code "
            f"postal.{guess} Cherchez la commune dans le Code officiel géographique sur insee.fr."
        )
    return text


def _cadence(value: object) -> str:
    from pydantic import ValidationError

    from .model import Cadence

    text = str(value).strip()
    if not text:
        return ""  # no meeting described yet
    bad = ValueError(
        f"« {text} » n'est pas une cadence de réunion : tapez un nombre entier de semaines entre 1 "
        f"et {MAX_CADENCE_WEEKS}, par exemple 6 pour une rencontre toutes les six semaines."
    )
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
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"« {value} » n'est pas une réponse par oui ou non : tapez oui ou non.")


def _folded(text: str) -> str:
    """``text`` without accents, capitals and extra spaces: how menu answers are compared."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def choice_names(label: str) -> tuple[str, str]:
    """The label of a menu entry and its short name (before " (" or " :"): both may be typed.

    Examples
    --------
    >>> choice_names("SCIC (société coopérative d'intérêt collectif)")
    ("SCIC (société coopérative d'intérêt collectif)", 'SCIC')
    """
    short = re.split(r"\s+\(|\s*:\s", label, maxsplit=1)[0].strip()
    return label, short


def _choice(question: Question, value: object) -> str:
    from .model import Category, GovernanceForm, Language

    allowed = {"pivot_category": Category, "legal_form": GovernanceForm, "language": Language}
    text = str(value).strip()
    enum = allowed.get(question.key)
    known = {m.value for m in enum} if enum is not None else None
    typed = _folded(text)
    for choice, label in question.choices:
        if known is not None and choice not in known:
            continue
        if typed in {_folded(choice), *map(_folded, choice_names(label))}:
            return choice
    shown = " ; ".join(f"{number} ou « {choice_names(label)[1]} »"
                       for number, (_, label) in enumerate(question.choices, 1))
    raise ValueError(f"« {text} » n'est pas un choix possible : tapez {shown}.")


def check_answer(key: str, value: object) -> Any:
    """The answer to question ``key``, normalised; ``ValueError`` with a French message if bad.

    ``key`` is a question of the template or a derived identifier (``__slug``,
    ``__pivot_id``, or their short names ``slug`` and ``pivot_id``).

    Examples
    --------
    >>> check_answer("slug", "../evil")
    Traceback (most recent call last):
    ...
    ValueError: « ../evil » contient « / », « \\ » ou « .. » : un identifiant devient un nom de dossier et ne doit pas sortir du dossier de destination. Tapez par exemple « evil ».
    >>> check_answer("with_examples", "non")
    False
    """
    key = ALIASES.get(key, key)
    if isinstance(value, (Mapping, list, tuple, set)):
        raise ValueError("La réponse est une liste ou un tableau : donnez une seule valeur, un texte ou un nombre.")
    if isinstance(value, str):
        _refuse_bad_characters(value)
    if key == "__pivot_id" and not str(value).strip():
        return ""  # no pivot structure yet (check_answers refuses it beside a pivot's name)
    if key in DERIVED:
        return _slug(value)
    if key == "commune_insee":
        return _insee(value)
    if key == "meeting_cadence_weeks":
        return _cadence(value)
    question = _question(key)
    if question is None:
        known = ", ".join([q.key for q in questions()] + sorted(ALIASES))
        raise ValueError(f"« {key} » n'est pas une question du modèle : les questions sont {known}.")
    if question.kind == "bool":
        return _bool(value)
    if question.kind == "choice":
        return _choice(question, value)
    return _text(key, value)


def _example_actor_ids() -> set[str]:
    """Ids of the Pôle Sud members the template copies as examples (minus its pivot)."""
    text = (template_dir() / "templates" / "exemple-pole-sud-acteurs.yaml").read_text(encoding="utf-8")
    return set(re.findall(r"^  - id: ([a-z0-9_-]+)$", text, flags=re.MULTILINE))


def check_answers(answers: Mapping[str, Any], *, strict: bool = False) -> list[Problem]:
    """Every problem of a set of answers (empty when they are all good).

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
        try:
            good[ALIASES.get(key, key)] = check_answer(key, value)
        except ValueError as exc:
            problems.append(Problem(str(exc), path=(key,), file="answers"))
    pivot = good.get("__pivot_id")
    if good.get("with_examples") and pivot and pivot != "groupe-archer" and pivot in _example_actor_ids():
        problems.append(Problem(
            f"La structure pivot aurait l'identifiant « {pivot} », déjà pris par un membre de "
            "l'exemple de Pôle Sud : donnez-lui un autre nom, ou partez sans les membres d'exemple.",
            path=("pivot_name",), file="answers",
        ))
    bad = {ALIASES.get(key, key) for key in answers} - set(good)
    problems += [problem for problem in _joint_problems(good) if problem.path[0] not in bad]
    return problems


def _joint_problems(good: Mapping[str, Any]) -> list[Problem]:
    """What two answers say together: a commune needs its code, a territory its name…

    An answer not given counts as empty (the template's defaults are all empty).
    """
    def given(key: str) -> bool:
        return bool(str(good.get(key) or "").strip())

    problems = []
    if given("commune_name") and not given("commune_insee"):
        problems.append(Problem(
            f"Il manque le code INSEE de « {good['commune_name']} » : tapez ses 5 caractères (ce n'est pas "
            "le code postal, cherchez la commune dans le Code officiel géographique sur insee.fr), ou "
            "laissez aussi la commune vide pour la décrire plus tard.",
            path=("commune_insee",), file="answers"))
    if given("commune_insee") and not given("commune_name"):
        problems.append(Problem(
            f"Le code INSEE « {good['commune_insee']} » est donné sans le nom de sa commune : donnez "
            "aussi ce nom (commune_name).", path=("commune_name",), file="answers"))
    described = [key for key in ("commune_name", "departement_name", "region_name") if given(key)]
    if described and not given("territory_name"):
        problems.append(Problem(
            "La commune, le département ou la région sont donnés, mais pas le nom du territoire du pôle : "
            "donnez-le aussi (territory_name), par exemple le nom du bassin de vie.",
            path=("territory_name",), file="answers"))
    if given("pivot_name") and "__pivot_id" in good and not given("__pivot_id"):
        problems.append(Problem(
            "L'identifiant de la structure pivot est vide : donnez-en un (pivot_id=…), ou laissez-le "
            "se tirer de son nom.", path=("pivot_id",), file="answers"))
    if good.get("with_examples") and not given("pivot_name"):
        problems.append(Problem(
            "Les membres d'exemple de Pôle Sud se rattachent à la structure pivot, qui n'a pas de nom : "
            "donnez-le (pivot_name=…), ou répondez non aux membres d'exemple.",
            path=("with_examples",), file="answers"))
    return problems


def missing_answers(answers: Mapping[str, Any]) -> list[Problem]:
    """A problem for each question that needs an answer (the pole's name) and has none."""
    keys = {ALIASES.get(key, key) for key in answers}
    return [Problem("Il manque le nom du pôle : donnez-le, par exemple pole_name=\"Pôle des Coopérations du Val\".",
                    path=(question.key,), file="answers")
            for question in questions()
            if question.kind == "text" and question.key not in OPTIONAL and question.key not in keys]


def derived_answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    """``answers`` with the identifiers the template derives from the names filled in.

    Examples
    --------
    >>> derived_answers({"pole_name": "Pôle d'Économie & Solidarité", "pivot_name": "Groupe Archer"})["__slug"]
    'pole-d-economie-solidarite'
    """
    from .model import suggest_slug

    full = {ALIASES.get(k, k): v for k, v in answers.items()}
    for key, source in DERIVED.items():
        if key not in full and source in full:
            # No name (a pivot structure not chosen yet): no identifier either.
            full[key] = suggest_slug(str(full[source])) if str(full[source]).strip() else ""
    return full


def _line_of(text: str | None, key: str, after: int = 0) -> int | None:
    """The 1-based line where ``key`` is written as a mapping key (YAML or JSON), if found."""
    if not text:
        return None
    pattern = re.compile(rf"""^\s*(?:-\s*)?["']?{re.escape(key)}["']?\s*:""")
    for number, line in enumerate(text.splitlines(), 1):
        if number > after and pattern.search(line):
            return number
    return None


def _strings(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every string in ``value`` (keys of mappings included), with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield (*path, str(key)), str(key)
            yield from _strings(item, (*path, str(key)))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _template_syntax_problems(value: Any, path: tuple[str | int, ...], file: str,
                              text: str | None) -> list[Problem]:
    """A problem for each string of ``value`` that holds Jinja syntax (``{{``, ``{%``, ``{#``…)."""
    problems = []
    for where, string in _strings(value, path):
        if _JINJA.search(string):
            key = next((str(part) for part in reversed(where) if isinstance(part, str)), "")
            problems.append(Problem(
                Message("the value of {key!r} contains '{{{{', '{{%' or '{{#' (or their closing), which the "
                        "template would run as code", key=key),
                path=where, file=file, line=_line_of(text, key) if key else None, code="PTCE-E600",
                hint=N_("remove the braces: this file may hold plain answers only"),
            ))
    return problems


def _answer_key_problems(context: Mapping[str, Any], path: tuple[str, ...], file: str, text: str | None, *,
                         ignored: frozenset[str] | set[str] = frozenset()) -> list[Problem]:
    """A problem for each key of ``context`` that is not an answer (nor in ``ignored``)."""
    answers = [q.key for q in questions()]
    accepted = set(answers) | set(DERIVED) | set(ALIASES) | set(ignored)
    after = _line_of(text, path[-1]) or 0 if path else 0
    problems = []
    for key in context:
        if key in accepted:
            continue
        line = _line_of(text, str(key), after)
        if str(key).startswith("_"):
            problems.append(Problem(
                Message("{key!r} is a private setting of the template, not an answer: ptce new refuses it "
                        "rather than pass it on to cookiecutter", key=str(key)),
                path=(*path, str(key)), file=file, line=line, code="PTCE-E601",
                hint=N_("remove it (to choose the identifiers, give slug or pivot_id)"),
            ))
        else:
            problems.append(Problem(
                Message("{key!r} is not a question of the template", key=str(key)),
                path=(*path, str(key)), file=file, line=line, code="PTCE-E601",
                hint=Message("remove it or correct its name; the questions are {keys}",
                             keys=", ".join(answers + sorted(ALIASES))),
            ))
    return problems


def read_answers(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The answers recorded in a project's ``.cruft.json`` or in a cookiecutter replay file.

    Every key of the recorded context is checked: the answers and derived identifiers
    are returned; what cookiecutter, cruft and the template record beside them
    (``_template``, ``_extensions``, ``__prompts__``…) is accepted and ignored; any other
    key, and any value holding template syntax, raises :class:`~ptce_kit.errors.PoleError`.
    """
    from .io import read_text

    text = read_text(path)
    try:
        data = json.loads(text)
        context = data["context"]["cookiecutter"] if "context" in data else data["cookiecutter"]
        if not isinstance(context, dict):
            raise TypeError
    except (ValueError, KeyError, TypeError):
        raise PoleError.single(
            N_("this file holds no recorded answers"), file=path, code="PTCE-E601",
            hint=N_("give the .cruft.json of a pole made by 'ptce new', or a cookiecutter replay file"),
        ) from None
    file = str(path)
    where = ("context", "cookiecutter") if "context" in data else ("cookiecutter",)
    template_settings = {k for k in _template_config(str(template_dir())) if k.startswith("_")}
    problems = _answer_key_problems(context, where, file, text, ignored=RECORDED_SETTINGS | template_settings)
    problems += _template_syntax_problems(context, where, file, text)
    if problems:
        raise PoleError(problems, summary=N_("the recorded answers cannot be used"))
    keys = {q.key for q in questions()} | set(DERIVED)
    return {k: v for k, v in context.items() if k in keys}


def _config_path(config_file: str | os.PathLike[str] | None) -> Path | None:
    """The configuration cookiecutter would read: the one given, ``COOKIECUTTER_CONFIG``, ``~/.cookiecutterrc``."""
    if config_file:
        return Path(config_file)
    if os.environ.get("COOKIECUTTER_CONFIG"):
        return Path(os.environ["COOKIECUTTER_CONFIG"])
    rc = Path(os.path.expanduser("~/.cookiecutterrc"))
    return rc if rc.is_file() else None


def _user_config(config_file: str | os.PathLike[str] | None) -> dict[str, Any]:
    """The user's cookiecutter configuration, every key checked (cookiecutter's defaults without one)."""
    from cookiecutter.config import DEFAULT_CONFIG, get_config
    from cookiecutter.exceptions import ConfigDoesNotExistException, InvalidConfiguration

    path = _config_path(config_file)
    if path is None:
        return {**DEFAULT_CONFIG, "default_context": {}}
    try:
        config = get_config(str(path))
    except (ConfigDoesNotExistException, InvalidConfiguration) as exc:
        raise PoleError.single(Message("cannot use the cookiecutter configuration: {reason}", reason=str(exc)),
                               file=path, code="PTCE-E602") from None
    try:
        text: str | None = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = None
    file = str(path)
    problems = [
        Problem(Message("{key!r} is not a setting of cookiecutter's configuration", key=str(key)), path=(str(key),),
                file=file, line=_line_of(text, str(key)), code="PTCE-E602",
                hint=Message("remove it or correct its name; the settings are {keys}", keys=", ".join(CONFIG_SETTINGS)))
        for key in config if key not in CONFIG_SETTINGS
    ]
    context = config.get("default_context") or {}
    if not isinstance(context, Mapping):
        problems.append(Problem(N_("default_context does not hold answers written as 'key: value'"),
                                path=("default_context",), file=file, code="PTCE-E602",
                                line=_line_of(text, "default_context"),
                                hint=N_("write one answer a line under it, e.g. '  pole_name: Pôle Nord'")))
        context = {}
    problems += _answer_key_problems(context, ("default_context",), file, text)
    problems += _template_syntax_problems(config, (), file, text)
    if not problems:  # each default is an answer: the same rules, located in the file
        after = _line_of(text, "default_context") or 0
        for key, value in context.items():
            try:
                check_answer(str(key), value)
            except ValueError as exc:
                problems.append(Problem(str(exc), path=("default_context", str(key)), file=file,
                                        line=_line_of(text, str(key), after)))
    if problems:
        raise PoleError(problems, summary=N_("the cookiecutter configuration cannot be used"))
    return {**config, "default_context": dict(context)}


def user_defaults(config_file: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The answers set in the ``default_context`` of the user's cookiecutter configuration.

    That is ``config_file``, or else the file named by ``COOKIECUTTER_CONFIG``, or else
    ``~/.cookiecutterrc``, as cookiecutter itself looks for it.  Every key of the file is
    checked: a setting cookiecutter does not have, a key of ``default_context`` that is
    not a question (private keys such as ``__departement_code`` or ``_extensions``
    included) or a value holding template syntax raises :class:`~ptce_kit.errors.PoleError`.
    """
    return dict(_user_config(config_file)["default_context"])


_SANDBOX_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _sandboxed_environment_class() -> type:
    """Cookiecutter's ``StrictEnvironment``, rebuilt on Jinja's immutable sandbox."""
    from cookiecutter.environment import ExtensionLoaderMixin
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class SandboxedStrictEnvironment(ExtensionLoaderMixin, ImmutableSandboxedEnvironment):  # type: ignore[misc]
        """Strict undefined variables and the template's extensions, in Jinja's sandbox."""

        def __init__(self, **kwargs: Any) -> None:
            super().__init__(undefined=StrictUndefined, **kwargs)

    return SandboxedStrictEnvironment


class _NoTraceback(logging.Filter):
    """Keep cookiecutter's log lines but drop the Python traceback it logs with a failed hook."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True


@contextmanager
def sandboxed_cookiecutter() -> Iterator[None]:
    """Make cookiecutter render every template in Jinja's sandbox, for the ``with`` block.

    Cookiecutter builds all its Jinja environments (prompts, file names and contents,
    hooks) through ``cookiecutter.utils.create_env_with_context``; the block swaps the
    environment class that function builds for one on
    :class:`jinja2.sandbox.ImmutableSandboxedEnvironment`, so that an expression such as
    ``cycler.__init__.__globals__`` fails instead of reaching Python.  Plain
    ``cookiecutter`` runs outside the block are not affected; concurrent blocks wait for
    each other.
    """
    import cookiecutter.utils as cookiecutter_utils

    sandboxed = _sandboxed_environment_class()
    hooks_logger = logging.getLogger("cookiecutter.hooks")
    quiet = _NoTraceback()
    with _SANDBOX_LOCK:
        original = cookiecutter_utils.StrictEnvironment
        cookiecutter_utils.StrictEnvironment = sandboxed
        hooks_logger.addFilter(quiet)
        try:
            if not isinstance(cookiecutter_utils.create_env_with_context({}), sandboxed):
                raise PoleError.single(
                    N_("this version of cookiecutter cannot be made to render the template in a sandbox"),
                    code="PTCE-E900",
                    hint=N_("install a cookiecutter version that ptce-kit supports (python -m pip install -U ptce-kit)"),
                )
            yield
        finally:
            cookiecutter_utils.StrictEnvironment = original
            hooks_logger.removeFilter(quiet)


def new_pole(
    answers: Mapping[str, Any] | None = None,
    output_dir: str | os.PathLike[str] = ".",
    *,
    config_file: str | os.PathLike[str] | None = None,
    build: bool = True,
) -> Path:
    """Create a pole's folder in ``output_dir`` from the template; return its path.

    Questions not in ``answers`` take their defaults (those of the user's cookiecutter
    configuration, then the template's).  Every answer and every key of the
    configuration is checked first: a bad one raises
    :class:`~ptce_kit.errors.PoleError`, and nothing is written.  Cookiecutter then gets
    only the checked answers (never the configuration's ``default_context`` itself) and
    renders the template in Jinja's sandbox (:func:`sandboxed_cookiecutter`).
    ``build=False`` skips building the documents.
    """
    from cookiecutter.exceptions import CookiecutterException, FailedHookException, OutputDirExistsException
    from cookiecutter.main import cookiecutter
    from jinja2.exceptions import SecurityError

    config = _user_config(config_file)
    given = {**config["default_context"], **(answers or {})}
    # A question not answered takes the template's default (all empty but the menus').
    full = {**{q.key: q.default for q in questions() if q.key not in given and (q.kind != "text" or q.key in OPTIONAL)},
            **given}
    problems = missing_answers(given) + check_answers(full, strict=True)
    if problems:
        raise PoleError(problems, summary=N_("the answers do not allow the pole to be created"))
    extra = {ALIASES.get(k, k): check_answer(k, v) for k, v in given.items()}
    extra = derived_answers(extra)
    if not build:
        extra["_build"] = False
    output = Path(output_dir)
    slug = str(extra["__slug"])
    existed = (output / slug).exists()
    # Cookiecutter reads its own settings (where clones and replay files go) from a copy
    # of the user's configuration without default_context: the answers are all in extra.
    settings = {k: config[k] for k in ("abbreviations", "cookiecutters_dir", "replay_dir") if k in config}
    try:
        with tempfile.TemporaryDirectory(prefix="ptce-new-") as scratch:
            checked_config = Path(scratch) / "cookiecutter.json"
            checked_config.write_text(json.dumps(settings, ensure_ascii=False), encoding="utf-8")
            with sandboxed_cookiecutter():
                project = cookiecutter(
                    str(template_dir()), no_input=True, extra_context=extra, output_dir=str(output),
                    config_file=str(checked_config),
                )
    except OutputDirExistsException:
        raise PoleError.single(
            N_("the pole's folder already exists: nothing was written or changed"), file=output / str(slug),
            hint=N_("choose another destination folder (-o), another name (or slug=…), or move this folder"),
            code="PTCE-E404",
        ) from None
    except FailedHookException:
        raise PoleError.single(
            N_("the template could not create the pole (see the messages above)"), file=output, code="PTCE-E603",
        ) from None
    except SecurityError as exc:
        if not existed and (output / slug).is_dir():
            shutil.rmtree(output / slug)  # cookiecutter leaves a half-made folder behind
        raise PoleError.single(
            Message("the template tried something the sandbox forbids ({reason}); nothing was made", reason=str(exc)),
            file=template_dir(), code="PTCE-E603",
            hint=N_("use the template shipped with ptce-kit, unchanged (reinstall ptce-kit)"),
        ) from None
    except CookiecutterException as exc:
        raise PoleError.single(Message("cookiecutter failed: {reason}", reason=str(exc)), file=output,
                               code="PTCE-E603") from None
    except OSError as exc:  # a full disk, a folder one may not write into…
        if not existed and (output / slug).is_dir():
            shutil.rmtree(output / slug, ignore_errors=True)
        where = exc.filename or output
        raise PoleError.single(
            Message("cannot make the pole's folder: {reason} ({where}); nothing was kept",
                    reason=exc.strerror or str(exc), where=str(where)), file=output, code="PTCE-E403",
            hint=N_("free some space (or choose another --output-dir you may write into) and run the command again"),
        ) from None
    return Path(project)
