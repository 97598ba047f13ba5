"""Read and write pole data files (YAML or JSON), with located errors and atomic writes."""

from __future__ import annotations

import difflib
import json
import os
import stat
from pathlib import Path
from typing import Any

from ..errors import FileProblemError, PoleError, Problem, ValidationProblemError
from ..files import atomic_write, output_folder
from .locate import PositionIndex

__all__ = [
    "POLE_FILE_NAMES",
    "MAX_FILE_BYTES",
    "find_pole_file",
    "read_bytes",
    "read_text",
    "parse_text",
    "pole_from_data",
    "load_pole",
    "dump_pole",
    "save_pole",
    "atomic_write",
]

#: The names ``find_pole_file`` looks for in a pole's folder, in this order.
POLE_FILE_NAMES = ("pole.yaml", "pole.yml", "pole.json")
#: Larger files are refused before parsing, so that a wrong or hostile file fails at
#: once instead of after minutes of parsing; a pole of 10^4 actors is about 4 MB.  Set
#: the environment variable ``PTCE_MAX_FILE_MB`` to read larger files.
MAX_FILE_BYTES = 32 * 1024 * 1024
#: Deepest nesting of mappings and lists accepted; a pole's own data is about 6 deep.
MAX_DEPTH = 64
#: Values (scalars, lists, mappings) a document may hold once its YAML aliases are
#: expanded, beyond one per character of text: this stops "billion laughs" bombs.
MAX_ALIAS_EXPANSION = 100_000


def _max_file_bytes() -> int:
    value = os.environ.get("PTCE_MAX_FILE_MB", "")
    return int(value) * 1024 * 1024 if value.isdigit() and int(value) > 0 else MAX_FILE_BYTES


def find_pole_file(path: str | os.PathLike[str]) -> Path:
    """The data file for ``path``: the file itself, or ``pole.yaml``/``pole.json`` in a folder."""
    path = Path(path)
    if path.is_dir():
        for name in POLE_FILE_NAMES:
            if (path / name).is_file():
                return path / name
        raise FileProblemError.single(
            "this folder holds no pole data file",
            file=path,
            hint=f"put the pole's data in {path / 'pole.yaml'}, or give the file's path",
        )
    return path


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a data file, or a ``FileProblemError`` that says what to do.

    Folders, pipes, devices, symlink loops and files larger than ``MAX_FILE_BYTES`` are
    refused before anything is read.
    """
    path = Path(path)
    name = str(path)
    limit = _max_file_bytes()
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise FileProblemError.single(
                "this is a folder, not a file", file=name, hint="give the path of pole.yaml inside it"
            )
        if not stat.S_ISREG(info.st_mode):
            # A pipe or a device would block or never end.
            raise FileProblemError.single(
                "this is not a regular file (a pipe, a device or a socket)", file=name,
                hint="give the path of a pole.yaml or pole.json file",
            )
        if info.st_size > limit:
            raise _too_large(name, info.st_size, limit)
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
        if len(raw) > limit:
            raise _too_large(name, len(raw), limit)
    except FileNotFoundError:
        raise FileProblemError.single("no such file", file=name, hint="check the path") from None
    except PermissionError:
        raise FileProblemError.single(
            "the file cannot be read (permission denied)", file=name, hint="check its permissions"
        ) from None
    except OSError as exc:
        raise FileProblemError.single(
            f"the file cannot be read ({exc.strerror or exc})", file=name,
            hint="check the path (a link that points to itself, or a file on a missing disk?)",
        ) from None
    return raw


def read_text(path: str | os.PathLike[str]) -> str:
    """The UTF-8 text of a file, or a ``FileProblemError`` that says what to do.

    The checks of :func:`read_bytes` apply; binary files and text in another encoding
    than UTF-8 are refused with the line where the problem is.
    """
    name = str(path)
    raw = read_bytes(path)
    if b"\x00" in raw[:8192]:
        raise FileProblemError.single(
            "this is a binary file, not YAML or JSON text", file=name, hint="give the pole's pole.yaml"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FileProblemError(
            [Problem(
                "the file is not UTF-8 text (it may have been saved as Latin-1 or Windows-1252)",
                file=name, line=line,
                hint="re-save it as UTF-8 in your editor (e.g. 'Save with encoding… UTF-8')",
            )],
            summary="the file is not UTF-8 text",
        ) from None
    return text


def _too_large(name: str, size: int, limit: int) -> FileProblemError:
    return FileProblemError.single(
        f"the file is too large ({size / (1024 * 1024):.0f} MB; the limit is {limit // (1024 * 1024)} MB)",
        file=name,
        hint="check that this is the right file; to read a larger pole, set PTCE_MAX_FILE_MB",
    )


def _is_json(path: Path, text: str) -> bool:
    return path.suffix.lower() == ".json" or (path.suffix.lower() not in {".yaml", ".yml"} and text.lstrip().startswith("{"))


def parse_text(text: str, *, file: str | os.PathLike[str] = "<input>", as_json: bool = False,
               loader: Any = None) -> Any:
    """Parse YAML 1.2 or JSON text to plain Python data, or raise ``FileProblemError``.

    Whatever the text, the result is plain data no deeper than ``MAX_DEPTH`` and without
    alias bombs or cycles, or a ``FileProblemError``: never another exception.  ``loader``
    is another ruamel.yaml ``YAML`` instance to read with (the editor's round-trip one).

    Examples
    --------
    >>> parse_text("id: demo\\nname: Demo\\n")
    {'id': 'demo', 'name': 'Demo'}
    >>> parse_text("a: &x [1]\\nb: &y [*x, *x]\\nc: [*y, *y]")["c"]
    [[[1], [1]], [[1], [1]]]
    """
    name = str(file)
    if as_json:
        data = _parse_json(text, name)
        # JSON has no aliases: no cycle, no bomb; only the depth is left to check.
        _check_depth(data, name)
    else:
        data = _parse_yaml(text, name, loader)
        _check_shape(data, text, name)
    return data


def _parse_json(text: str, name: str) -> Any:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)  # in C; the loop below runs only when a key was repeated
        if len(result) != len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    raise _DuplicateJsonKey(key)
                seen.add(key)
        return result

    try:
        return json.loads(text, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as exc:
        raise FileProblemError(
            [Problem(f"JSON syntax error: {exc.msg}", file=name, line=exc.lineno, column=exc.colno,
                     hint="check the commas, quotes and brackets around this place")],
            summary="the file is not valid JSON",
        ) from None
    except _DuplicateJsonKey as exc:
        raise FileProblemError(
            [Problem(f"JSON error: the key {exc.key!r} appears twice in the same object", file=name,
                     line=_second_json_key_line(text, exc.key),
                     hint="a key appears twice in the same mapping: remove or rename one of them")],
            summary="the file is not valid JSON",
        ) from None
    except RecursionError:
        raise _too_deep(name) from None
    except ValueError as exc:  # e.g. a number of more than 4300 digits
        raise FileProblemError.single(f"JSON error: {_short(str(exc), 200)}", file=name) from None


class _DuplicateJsonKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _second_json_key_line(text: str, key: str) -> int | None:
    import re

    found = [m.start() for m in re.finditer(re.escape(json.dumps(key)) + r"\s*:", text)]
    return text[: found[1]].count("\n") + 1 if len(found) > 1 else None


#: Open flow brackets (``[``, ``{``) beyond which a YAML text is refused unread: the YAML
#: scanner slows down with the square of the nesting, so that a few thousand brackets
#: would take seconds before the depth check could say anything.
MAX_FLOW_BRACKETS = 256
_BRACKETS = None


def _flow_depth_exceeds(text: str, limit: int) -> bool:
    """Whether ``[``/``{`` ever run more than ``limit`` deeper than their closing brackets.

    Brackets inside strings count too: a real pole never comes near the limit, and a
    false alarm would need hundreds of unclosed brackets in its text.

    Examples
    --------
    >>> _flow_depth_exceeds("a: [[1], {b: [2]}]", 3), _flow_depth_exceeds("a: [[[[1]]]]", 3)
    (False, True)
    """
    import re

    global _BRACKETS
    if _BRACKETS is None:
        _BRACKETS = re.compile(r"[\[\]{}]")
    depth = 0
    for match in _BRACKETS.finditer(text):
        if match.group() in "[{":
            depth += 1
            if depth > limit:
                return True
        elif depth:
            depth -= 1
    return False


def _parse_yaml(text: str, name: str, loader: Any = None) -> Any:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    if _flow_depth_exceeds(text, MAX_FLOW_BRACKETS):
        raise _too_deep(name)
    from . import yaml_events

    try:
        if loader is None and yaml_events.available():
            try:
                return yaml_events.load_events(text)
            except yaml_events.Unsupported:
                pass  # rare YAML (tags, merge keys…): ruamel.yaml's loader below
        return (loader or _yaml_loader()).load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "syntax error").strip()
        hint = "check the indentation and the quotes around this place"
        if "duplicate key" in problem:
            hint = "a key appears twice in the same mapping: remove or rename one of them"
        elif "\t" in _line_of(text, mark.line if mark else None):
            hint = "YAML does not allow tabs for indentation: use spaces"
        raise FileProblemError(
            [Problem(f"YAML syntax error: {_short(problem, 200)}", file=name,
                     line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None, hint=hint)],
            summary="the file is not valid YAML",
        ) from None
    except RecursionError:
        raise _too_deep(name) from None
    except YAMLError as exc:
        raise FileProblemError.single(f"YAML error: {_short(str(exc), 200)}", file=name) from None
    except Exception as exc:  # noqa: BLE001 - the parser's odd corners (huge integers…) are the user's input
        if "integer string conversion" in str(exc):
            raise FileProblemError.single(
                "a number in the file has more than 4300 digits", file=name,
                hint="check the numbers of this file: put an identifier or a long code in quotes",
            ) from None
        raise FileProblemError.single(
            f"YAML error: {_short(str(exc) or type(exc).__name__, 200)}", file=name,
            hint="check the values of this file: one of them cannot be read",
        ) from None


def _too_deep(name: str) -> FileProblemError:
    return FileProblemError.single(
        f"the data is nested too deeply (more than {MAX_DEPTH} levels)", file=name,
        hint="a pole's data is a few levels deep: check the brackets and the indentation",
    )


def _check_depth(data: Any, name: str) -> None:
    """Refuse data nested deeper than ``MAX_DEPTH``: a walk level by level, over containers only.

    Examples
    --------
    >>> _check_depth({"a": [{"b": 1}]}, "pole.json")
    >>> _check_depth([[[[]]]] * 2, "pole.json")
    """
    level = [data] if isinstance(data, (dict, list)) else []
    depth = 1
    while level:
        if depth > MAX_DEPTH:
            raise _too_deep(name)
        below: list[Any] = []
        for node in level:
            below += [c for c in (node.values() if isinstance(node, dict) else node) if isinstance(c, (dict, list))]
        level = below
        depth += 1


def _check_shape(data: Any, text: str, name: str) -> None:
    """Refuse cycles, nesting deeper than ``MAX_DEPTH`` and alias expansion bombs.

    One walk without recursion; lists and mappings shared through YAML aliases are sized
    once, so that a bomb is measured without being expanded.
    """
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    # (node, depth, children done?)
    stack: list[tuple[Any, int, bool]] = [(data, 1, False)]
    limit = len(text) + MAX_ALIAS_EXPANSION
    while stack:
        node, depth, done = stack.pop()
        if not isinstance(node, (dict, list)):
            continue
        key = id(node)
        if done:
            on_path.discard(key)
            children = node.values() if isinstance(node, dict) else node
            total = 1 + sum(sizes.get(id(c), 1) for c in children)
            if total > limit:
                raise FileProblemError.single(
                    "the file's aliases (*name) expand to too much data: this looks like an alias bomb",
                    file=name, hint="write the data out instead of repeating it through '&anchor' and '*alias'",
                )
            sizes[key] = total
            continue
        if key in on_path:
            raise FileProblemError.single(
                "the data contains itself (a YAML alias inside its own anchor)", file=name,
                hint="remove the '*alias' that points back to its enclosing '&anchor'",
            )
        if key in sizes:
            continue
        if depth > MAX_DEPTH:
            raise _too_deep(name)
        on_path.add(key)
        stack.append((node, depth, True))
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, depth + 1, False) for child in children)


def _short(text: str, width: int = 60) -> str:
    """``text`` cut to ``width`` characters, so that one huge value does not flood a message."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _yaml_loader(*, pure: bool | None = None) -> Any:
    """A safe YAML 1.2 loader that keeps dates as text.

    Dates are checked by the model, which can say *which* field holds an impossible
    date such as 2014-02-30, and which accepts partial dates (2014, 2014-07).

    The parser is libyaml's, through ruamel.yaml.clib, when it is installed (about six
    times faster on a large pole), else ruamel's own; both resolve values the same way
    (YAML 1.2), which a test checks.  ``pure`` forces one or the other.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import SafeConstructor

    class _Constructor(SafeConstructor):
        pass

    _Constructor.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)
    if pure is None:
        pure = not _has_clib()
    yaml = YAML(typ="safe", pure=pure)
    yaml.Constructor = _Constructor
    return yaml


def _has_clib() -> bool:
    """Whether ruamel.yaml found libyaml's parser (ruamel.yaml.clib's ``_ruamel_yaml``)."""
    from ruamel.yaml import main

    return getattr(main, "CParser", None) is not None


def _line_of(text: str, index: int | None) -> str:
    lines = text.splitlines()
    return lines[index] if index is not None and 0 <= index < len(lines) else ""


def _message(err: dict[str, Any]) -> tuple[str, str | None]:
    """A user's message and hint for one pydantic error."""
    from ..model.identifiers import explain

    kind = err["type"]
    msg = str(err["msg"])
    loc = err["loc"]
    if kind in {"identifier", "insee_code"} and not isinstance(err.get("input"), str):
        kind = "string_type"  # a number where an id is expected: quoting it is the fix
    msg = explain(kind, err.get("input")) or msg
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    msg = _short(msg, 300)
    if kind == "extra_forbidden":
        return f"unknown field {loc[-1]!r}", None
    if kind == "missing":
        return f"the field {loc[-1]!r} is required", f"add '{loc[-1]}:' here"
    if kind in {"enum", "literal_error"}:
        expected = err.get("ctx", {}).get("expected", "")
        return f"{_short(repr(err.get('input')))} is not allowed here", f"use one of {expected}"
    if kind == "string_type":
        return f"expected text, found {_short(repr(err.get('input')))}", "put the value in quotes"
    if kind == "list_type":
        return "expected a list", "write the items under this key, each on a line starting with '- '"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return "expected a mapping (key: value lines)", None
    return msg, None


def _did_you_mean(model: Any, loc: tuple[str | int, ...]) -> str | None:
    """For an unknown key, the closest field name of the model at that place."""
    from pydantic import BaseModel

    from ..model.privacy import record_type

    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if isinstance(current, type) and issubclass(current, BaseModel) else None
        if field is None:
            return None
        current = record_type(field.annotation)
        if current is None:
            return None
    names = list(current.model_fields) if isinstance(current, type) else []
    close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    return f"the fields allowed here are: {', '.join(names)}" if names else None


def pole_from_data(data: Any, *, file: str | os.PathLike[str] = "<input>", text: str | None = None,
                   depth_checked: bool = True) -> Any:
    """Validate parsed data as a :class:`~ptce_kit.model.Pole`, locating every problem.

    ``depth_checked=False`` says the data comes from JSON whose depth was not checked yet:
    it is checked before any problem is located.
    """
    from pydantic import ValidationError

    from ..model import FORMAT, Pole
    from ..model.pole import reference_errors

    name = str(file)
    if data is None:
        raise ValidationProblemError.single(
            "the file is empty", file=name, hint="start from examples/pole_sud/pole.yaml or run 'ptce new'"
        )
    if not isinstance(data, dict):
        raise ValidationProblemError.single(
            f"expected a mapping of fields at the top of the file, found {type(data).__name__}",
            file=name, line=1, hint="the file starts with 'format: ptce/1' then 'id:', 'name:'…",
        )
    version = data.get("format")
    if version is not None and version != FORMAT:
        if not depth_checked:
            _check_depth(data, name)
        raise ValidationProblemError.single(
            f"unknown format version {version!r}: this ptce-kit reads {FORMAT!r}",
            file=name, path=("format",), line=_locate(text, ("format",))[0],
            hint=f"write 'format: {FORMAT}', or upgrade ptce-kit if the file comes from a newer one",
        )
    try:
        return Pole.model_validate(data)
    except ValidationError as exc:
        if not depth_checked:
            _check_depth(data, name)
        index = PositionIndex(text) if text is not None else None
        problems = []
        errors = exc.errors(include_url=False)
        if not any(e["type"] == "unknown_reference" for e in errors):
            # Field errors stop pydantic before the cross-reference checks; run those on
            # the raw data so that the user sees every problem in one go.
            seen = {tuple(e["loc"]) for e in errors}
            errors += [
                {"type": "unknown_reference", "loc": e["loc"], "msg": e["type"].message(), "input": e["input"]}
                for e in reference_errors(data) if tuple(e["loc"]) not in seen
            ]
        for err in errors:
            loc = tuple(err["loc"])
            message, hint = _message(err)
            if err["type"] == "extra_forbidden":
                hint = _did_you_mean(Pole, loc)
            line, column = index.locate(loc) if index else (None, None)
            problems.append(Problem(message, path=loc, file=name, line=line, column=column, hint=hint))
        raise ValidationProblemError(problems, summary=f"{name} is not a valid pole") from None


def _locate(text: str | None, path: tuple[str | int, ...]) -> tuple[int | None, int | None]:
    return PositionIndex(text).locate(path) if text is not None else (None, None)


def load_pole(path: str | os.PathLike[str]) -> Any:
    """Read a pole from a YAML or JSON file, or from a folder holding ``pole.yaml``.

    Raises :class:`~ptce_kit.errors.PoleError` listing every problem of the file, each
    with its line, column and field path.
    """
    from ..model.base import gc_paused

    file = find_pole_file(path)
    text = read_text(file)
    with gc_paused():  # parsed data holds no cycle: see gc_paused
        if _is_json(file, text):
            # A pole's fields are all typed, so that data deep enough to harm is never a
            # valid pole: its depth is checked only when validation fails (a walk saved).
            data = _parse_json(text, str(file))
            return pole_from_data(data, file=file, text=text, depth_checked=False)
        return pole_from_data(parse_text(text, file=file), file=file, text=text)


def _plain(pole: Any) -> dict[str, Any]:
    data = pole.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    # The version always comes first, so that a reader knows what it is reading.
    return {"format": pole.format, **{k: v for k, v in data.items() if k != "format"}}


def dump_pole(pole: Any, *, fmt: str = "yaml", schema: str | None = None) -> str:
    """The text of a pole in ``yaml`` or ``json``; deterministic, fields in model order.

    ``schema`` is a path or URL written as the ``yaml-language-server`` comment, so that
    editors complete and check the file.
    """
    data = _plain(pole)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt != "yaml":
        raise ValueError(f"unknown format {fmt!r}: use 'yaml' or 'json'")
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    def literal(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: literal(v) for k, v in node.items()}
        if isinstance(node, list):
            return [literal(v) for v in node]
        if isinstance(node, str) and "\n" in node and _block_safe(node):
            # Block style keeps long narrative text readable in the file.
            return LiteralScalarString(node)
        if isinstance(node, str) and not all(ch.isprintable() for ch in node):
            # Line separators (NEL, U+2028…) and control characters survive only escaped.
            return DoubleQuotedScalarString(node)
        return node

    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    buffer = io.StringIO()
    if schema:
        buffer.write(f"# yaml-language-server: $schema={schema}\n")
    yaml.dump(literal(data), buffer)
    return buffer.getvalue()


def _block_safe(text: str) -> bool:
    """Whether a literal block (``|``) gives back exactly this text.

    Trailing spaces, leading blank lines and unusual characters are kept only by the
    quoted style, so those strings are left to it.
    """
    lines = text.split("\n")
    return (
        text == text.strip()
        and not text.startswith("#")
        and all(line == line.rstrip() for line in lines)
        and all(ch == "\n" or ch.isprintable() for ch in text)
    )


def save_pole(pole: Any, path: str | os.PathLike[str], *, schema: str | None = None) -> Path:
    """Write a pole to ``path`` (YAML, or JSON when the name ends in ``.json``), atomically."""
    path = Path(path)
    fmt = "json" if path.suffix.lower() == ".json" else "yaml"
    atomic_write(path, dump_pole(pole, fmt=fmt, schema=schema))
    return path
