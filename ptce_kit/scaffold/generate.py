"""Make a pole's folder from the template: the user's cookiecutter settings and recorded answers, checked; the sandbox."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import Invalid, PoleError, Problem
from ..i18n import Message, N_, current
from . import template as _template
from .answers import JINJA, check_answer, check_answers, derived_answers, missing_answers
from .template import ALIASES, DERIVED, OPTIONAL

__all__ = ["CONFIG_SETTINGS", "RECORDED_SETTINGS", "read_answers", "user_defaults", "sandboxed_cookiecutter",
           "new_pole"]

#: The settings of a cookiecutter configuration file (``~/.cookiecutterrc``).
CONFIG_SETTINGS = ("abbreviations", "cookiecutters_dir", "default_context", "replay_dir")
#: Keys that cookiecutter, cruft and the template's hook record in a replay file or a
#: ``.cruft.json`` beside the answers; ``ptce new --replay`` accepts and ignores them.
RECORDED_SETTINGS = frozenset({"_template", "_output_dir", "_repo_dir", "_checkout", "_commit",
                               "_ptce_kit_version"})


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
        if JINJA.search(string):
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
    answers = [q.key for q in _template.questions()]
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
    from ..io import read_text

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
    template_settings = {k for k in _template.template_config() if k.startswith("_")}
    problems = _answer_key_problems(context, where, file, text, ignored=RECORDED_SETTINGS | template_settings)
    problems += _template_syntax_problems(context, where, file, text)
    if problems:
        raise PoleError(problems, summary=N_("the recorded answers cannot be used"))
    keys = {q.key for q in _template.questions()} | set(DERIVED)
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
            except Invalid as refused:
                problems.append(Problem(refused.message, path=("default_context", str(key)), file=file,
                                        line=_line_of(text, str(key), after), code=refused.code, hint=refused.hint))
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
    full = {**{q.key: q.default for q in _template.questions() if q.key not in given and (q.kind != "text" or q.key in OPTIONAL)},
            **given}
    problems = missing_answers(given) + check_answers(full, strict=True)
    if problems:
        raise PoleError(problems, summary=N_("the answers do not allow the pole to be created"))
    extra = {ALIASES.get(k, k): check_answer(k, v) for k, v in given.items()}
    extra = derived_answers(extra)
    if not build:
        extra["_build"] = False
    extra["_lang"] = current()  # the hooks speak the user's language too
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
                    str(_template.template_dir()), no_input=True, extra_context=extra, output_dir=str(output),
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
            file=_template.template_dir(), code="PTCE-E603",
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
