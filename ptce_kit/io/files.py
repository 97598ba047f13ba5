"""Read and write pole data files (YAML or JSON), with located errors and atomic writes."""

from __future__ import annotations

import difflib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from ..errors import FileProblemError, PoleError, Problem, ValidationProblemError
from .locate import PositionIndex

__all__ = [
    "POLE_FILE_NAMES",
    "MAX_FILE_BYTES",
    "find_pole_file",
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
#: Larger files are refused before parsing: a pole of 10^5 actors is about 40 MB.
MAX_FILE_BYTES = 256 * 1024 * 1024


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


def read_text(path: str | os.PathLike[str]) -> str:
    """The UTF-8 text of a file, or a ``FileProblemError`` that says what to do."""
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise FileProblemError.single(
                "this is a folder, not a file", file=name, hint="give the path of pole.yaml inside it"
            )
        if size > MAX_FILE_BYTES:
            raise FileProblemError.single(
                f"the file is too large ({size // (1024 * 1024)} MB; the limit is "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB)",
                file=name,
                hint="split the data, or check that this is the right file",
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FileProblemError.single("no such file", file=name, hint="check the path") from None
    except PermissionError:
        raise FileProblemError.single(
            "the file cannot be read (permission denied)", file=name, hint="check its permissions"
        ) from None
    except OSError as exc:
        raise FileProblemError.single(
            f"the file cannot be read ({exc.strerror or exc})", file=name, hint="check the path"
        ) from None
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


def _is_json(path: Path, text: str) -> bool:
    return path.suffix.lower() == ".json" or (path.suffix.lower() not in {".yaml", ".yml"} and text.lstrip().startswith("{"))


def parse_text(text: str, *, file: str | os.PathLike[str] = "<input>", as_json: bool = False) -> Any:
    """Parse YAML 1.2 or JSON text to plain Python data, or raise ``FileProblemError``."""
    name = str(file)
    if as_json:
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise FileProblemError(
                [Problem(f"JSON syntax error: {exc.msg}", file=name, line=exc.lineno, column=exc.colno,
                         hint="check the commas, quotes and brackets around this place")],
                summary="the file is not valid JSON",
            ) from None
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        return _yaml_loader().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "syntax error").strip()
        hint = "check the indentation and the quotes around this place"
        if "duplicate key" in problem:
            hint = "a key appears twice in the same mapping: remove or rename one of them"
        elif "\t" in _line_of(text, mark.line if mark else None):
            hint = "YAML does not allow tabs for indentation: use spaces"
        raise FileProblemError(
            [Problem(f"YAML syntax error: {problem}", file=name,
                     line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None, hint=hint)],
            summary="the file is not valid YAML",
        ) from None
    except YAMLError as exc:
        raise FileProblemError.single(f"YAML error: {exc}", file=name) from None


def _yaml_loader() -> Any:
    """A safe YAML 1.2 loader that keeps dates as text.

    Dates are checked by the model, which can say *which* field holds an impossible
    date such as 2014-02-30, and which accepts partial dates (2014, 2014-07).
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import SafeConstructor

    class _Constructor(SafeConstructor):
        pass

    _Constructor.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)
    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = _Constructor
    return yaml


def _line_of(text: str, index: int | None) -> str:
    lines = text.splitlines()
    return lines[index] if index is not None and 0 <= index < len(lines) else ""


def _message(err: dict[str, Any]) -> tuple[str, str | None]:
    """A user's message and hint for one pydantic error."""
    kind = err["type"]
    msg = str(err["msg"])
    loc = err["loc"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    if kind == "extra_forbidden":
        return f"unknown field {loc[-1]!r}", None
    if kind == "missing":
        return f"the field {loc[-1]!r} is required", f"add '{loc[-1]}:' here"
    if kind in {"enum", "literal_error"}:
        expected = err.get("ctx", {}).get("expected", "")
        return f"{err.get('input')!r} is not allowed here", f"use one of {expected}"
    if kind == "string_type":
        return f"expected text, found {err.get('input')!r}", "put the value in quotes"
    if kind == "list_type":
        return "expected a list", "write the items under this key, each on a line starting with '- '"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return "expected a mapping (key: value lines)", None
    return msg, None


def _did_you_mean(model: Any, loc: tuple[str | int, ...]) -> str | None:
    """For an unknown key, the closest field name of the model at that place."""
    from pydantic import BaseModel

    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if isinstance(current, type) and issubclass(current, BaseModel) else None
        if field is None:
            return None
        current = _inner_model(field.annotation)
        if current is None:
            return None
    names = list(current.model_fields) if isinstance(current, type) else []
    close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    return f"the fields allowed here are: {', '.join(names)}" if names else None


def _inner_model(annotation: Any) -> Any:
    from typing import get_args

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def pole_from_data(data: Any, *, file: str | os.PathLike[str] = "<input>", text: str | None = None) -> Any:
    """Validate parsed data as a :class:`~ptce_kit.model.Pole`, locating every problem."""
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
        raise ValidationProblemError.single(
            f"unknown format version {version!r}: this ptce-kit reads {FORMAT!r}",
            file=name, path=("format",), line=_locate(text, ("format",))[0],
            hint=f"write 'format: {FORMAT}', or upgrade ptce-kit if the file comes from a newer one",
        )
    try:
        return Pole.model_validate(data)
    except ValidationError as exc:
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
    file = find_pole_file(path)
    text = read_text(file)
    data = parse_text(text, file=file, as_json=_is_json(file, text))
    return pole_from_data(data, file=file, text=text)


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


def atomic_write(path: str | os.PathLike[str], content: str | bytes) -> None:
    """Write a file so that readers see the old or the new content, never a half.

    The content goes to a temporary file in the same folder, is flushed to disk, then
    renamed over the target.
    """
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_pole(pole: Any, path: str | os.PathLike[str], *, schema: str | None = None) -> Path:
    """Write a pole to ``path`` (YAML, or JSON when the name ends in ``.json``), atomically."""
    path = Path(path)
    fmt = "json" if path.suffix.lower() == ".json" else "yaml"
    try:
        atomic_write(path, dump_pole(pole, fmt=fmt, schema=schema))
    except OSError as exc:
        raise PoleError.single(f"cannot write the file ({exc.strerror or exc})", file=path,
                               hint="check that the folder exists and is writable") from None
    return path
