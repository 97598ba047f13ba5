"""Read and write pole data files (YAML or JSON), with located errors and atomic writes."""

from __future__ import annotations

import difflib
import json
import os
import stat
from pathlib import Path
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from ..errors import FileProblemError, PoleError, Problem, ValidationProblemError
from ..files import atomic_write, output_folder
from ..i18n import Message, N_, plural_message
from .locate import PositionIndex

if TYPE_CHECKING:
    import re

    from pydantic_core import PydanticCustomError

    from ..model import Pole

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
    "write_export",
]

#: The names ``find_pole_file`` looks for in a pole's folder, in this order.
POLE_FILE_NAMES = ("pole.yaml", "pole.yml", "pole.json")
#: Larger files are refused before parsing, so that a wrong or hostile file fails at
#: once instead of after minutes of parsing; a pole of 10^4 actors is about 4 MB.  Set
#: the environment variable ``PTCE_MAX_FILE_MB`` to read larger files.
MAX_FILE_BYTES = 32 * 1024 * 1024
#: Deepest nesting of mappings and lists accepted; a pole's own data is about 6 deep.
MAX_DEPTH = 64
#: Characters a document may hold once its YAML aliases are expanded, beyond those of its
#: text: each alias counts the characters of the text it repeats (its anchor's, aliases
#: inside included), and a list or mapping one more.  This stops "billion laughs" bombs,
#: of many small values or of one long text repeated.
MAX_ALIAS_EXPANSION = 1_000_000


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
            N_("this folder holds no pole data file"),
            file=path, code="PTCE-E001",
            hint=Message("put the pole's data in {path}, or give the file's path", path=str(path / "pole.yaml")),
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
                N_("this is a folder, not a file"), file=name, hint=N_("give the path of pole.yaml inside it"),
                code="PTCE-E002",
            )
        if not stat.S_ISREG(info.st_mode):
            # A pipe or a device would block or never end.
            raise FileProblemError.single(
                N_("this is not a regular file (a pipe, a device or a socket)"), file=name,
                hint=N_("give the path of a pole.yaml or pole.json file"), code="PTCE-E003",
            )
        if info.st_size > limit:
            raise _too_large(name, info.st_size, limit)
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
        if len(raw) > limit:
            raise _too_large(name, len(raw), limit)
    except FileNotFoundError:
        raise FileProblemError.single(N_("no such file"), file=name, hint=N_("check the path"), code="PTCE-E004") from None
    except PermissionError:
        raise FileProblemError.single(
            N_("the file cannot be read (permission denied)"), file=name, hint=N_("check its permissions"),
            code="PTCE-E005",
        ) from None
    except OSError as exc:
        raise FileProblemError.single(
            Message("the file cannot be read ({reason})", reason=exc.strerror or str(exc)), file=name,
            hint=N_("check the path (a link that points to itself, or a file on a missing disk?)"), code="PTCE-E005",
        ) from None
    return raw


def read_text(path: str | os.PathLike[str]) -> str:
    """The UTF-8 text of a file, or a ``FileProblemError`` that says what to do.

    The checks of :func:`read_bytes` apply; binary files and text in another encoding
    than UTF-8 are refused with the line where the problem is.
    """
    name = str(path)
    raw = read_bytes(path)
    encoding = _utf16_or_32(raw)
    if encoding:
        raise FileProblemError.single(
            Message("the file is saved as {encoding}, not UTF-8", encoding=encoding), file=name,
            hint=N_("save it as UTF-8 in your editor (e.g. 'Save with encoding… UTF-8')"), code="PTCE-E007",
        )
    zero = raw.find(b"\x00")
    if 0 <= zero < 8192:
        raise FileProblemError.single(
            N_("this is a binary file, not YAML or JSON text"), file=name, hint=N_("give the pole's pole.yaml"),
            code="PTCE-E008",
        )
    if zero >= 0:
        raise FileProblemError(
            [Problem(N_("the file holds a NUL character (byte 0), which text never holds"), file=name,
                     line=raw.count(b"\n", 0, zero) + 1, code="PTCE-E008",
                     hint=N_("remove it (it often comes from a damaged copy or a file pasted from a binary document)"))],
            summary=N_("the file is not text"),
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FileProblemError(
            [Problem(
                N_("the file is not UTF-8 text (it may have been saved as Latin-1 or Windows-1252)"),
                file=name, line=line, code="PTCE-E007",
                hint=N_("re-save it as UTF-8 in your editor (e.g. 'Save with encoding… UTF-8')"),
            )],
            summary=N_("the file is not UTF-8 text"),
        ) from None
    return text


#: Byte order marks of the encodings a text editor may save in instead of UTF-8, longest first.
_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"), (b"\xff\xfe", "UTF-16"),
         (b"\xfe\xff", "UTF-16"))


def _utf16_or_32(raw: bytes) -> str | None:
    """``"UTF-16"`` or ``"UTF-32"`` for text in those encodings (with a byte order mark, or
    ASCII-looking text with every other byte zero), else ``None``.

    Examples
    --------
    >>> _utf16_or_32("id: x".encode("utf-16")), _utf16_or_32("id: x".encode("utf-16-le"))
    ('UTF-16', 'UTF-16')
    >>> _utf16_or_32("id: x".encode("utf-32")), _utf16_or_32(b"id: x")
    ('UTF-32', None)
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return encoding
    head = raw[: len(raw[:200]) // 4 * 4]
    if not any(head):  # empty, or nothing but zero bytes: not text at all
        return None
    quarter = len(head) // 4
    if head[1::4] + head[2::4] == bytes(2 * quarter) and (head[3::4] == bytes(quarter) or head[0::4] == bytes(quarter)):
        return "UTF-32"
    if head[1::2] == bytes(2 * quarter) or head[0::2] == bytes(2 * quarter):
        return "UTF-16"
    return None


def _too_large(name: str, size: int, limit: int) -> FileProblemError:
    return FileProblemError.single(
        Message("the file is too large ({size} MB; the limit is {limit} MB)",
                size=f"{size / (1024 * 1024):.0f}", limit=limit // (1024 * 1024)),
        file=name, code="PTCE-E006",
        hint=N_("check that this is the right file; to read a larger pole, set PTCE_MAX_FILE_MB"),
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
        data, checked = _parse_yaml(text, name, loader)
        if not checked:
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
            [Problem(Message("JSON syntax error: {detail}", detail=exc.msg), file=name, line=exc.lineno,
                     column=exc.colno, code="PTCE-E010",
                     hint=N_("check the commas, quotes and brackets around this place"))],
            summary=N_("the file is not valid JSON"),
        ) from None
    except _DuplicateJsonKey as exc:
        raise FileProblemError(
            [Problem(Message("JSON error: the key {key!r} appears twice in the same object", key=exc.key), file=name,
                     line=_second_json_key_line(text, exc.key), code="PTCE-E012",
                     hint=N_("a key appears twice in the same mapping: remove or rename one of them"))],
            summary=N_("the file is not valid JSON"),
        ) from None
    except RecursionError:
        raise _too_deep(name) from None
    except ValueError as exc:  # e.g. a number of more than 4300 digits
        if _find_huge_number(text):
            raise _huge_number(name, text) from None
        raise FileProblemError.single(Message("JSON error: {detail}", detail=_short(str(exc), 200)), file=name,
                                      code="PTCE-E010") from None


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
    if text.count("[") + text.count("{") <= limit:
        return False  # too few brackets to open that deep: counted at memchr speed, not scanned
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


#: A ``%YAML`` directive for another version than 1.2, at the start of a line.
_OLD_YAML = None


def _refuse_old_yaml(text: str, name: str) -> None:
    """Refuse a ``%YAML 1.1`` (or 1.0) document: its values read differently (``yes``, ``010``…)."""
    import re

    global _OLD_YAML
    if "%YAML" not in text:
        return
    if _OLD_YAML is None:
        _OLD_YAML = re.compile(r"^%YAML[ \t]+1\.[01]\b", re.M)
    found = _OLD_YAML.search(text)
    if found:
        raise FileProblemError(
            [Problem(Message("the file declares '{directive}': ptce-kit reads YAML 1.2 only", directive=found.group()),
                     file=name, line=text.count("\n", 0, found.start()) + 1, column=1, code="PTCE-E013",
                     hint=Message("remove the '{directive}' line; then check values such as yes/no/on/off (text in "
                                  "YAML 1.2: write true/false) and numbers with a leading 0", directive=found.group()))],
            summary=N_("the file is not YAML 1.2"),
        )


def _parse_yaml(text: str, name: str, loader: Any = None) -> tuple[Any, bool]:
    """The data of a YAML text, and whether its shape (depth, cycles, aliases) was checked."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    if _flow_depth_exceeds(text, MAX_FLOW_BRACKETS):
        raise _too_deep(name)
    _refuse_old_yaml(text, name)
    from . import yaml_block, yaml_events

    if loader is None:
        try:
            # Plain block YAML, as programs write it, line by line (no alias: shape checked).
            return yaml_block.load_block(text), True
        except yaml_block.NotPlain:
            pass  # anything else, errors included: libyaml's events below say what they say
    try:
        if loader is None and yaml_events.available():
            try:
                data, aliased = yaml_events.load_checked(text, MAX_DEPTH, len(text) + MAX_ALIAS_EXPANSION)
                # Without an alias to a list or mapping, the events saw the whole shape.
                return data, not aliased
            except yaml_events.Unsupported:
                pass  # rare YAML (tags, merge keys…): ruamel.yaml's loader below
            except yaml_events.Refused as exc:
                raise _refused(exc.reason, name, exc.line, text) from None
        return (loader or yaml_loader()).load(text), False
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "syntax error").strip()
        detail, own_hint = _parser_words(_short(problem, 200), exc.context if exc.problem else None,
                                         exc.context_mark, exc.problem_mark)
        hint = own_hint or N_("check the indentation and the quotes around this place")
        code = "PTCE-E011"
        if "duplicate key" in problem:
            hint = N_("a key appears twice in the same mapping: remove or rename one of them")
            code = "PTCE-E012"
        elif "\t" in _line_of(text, mark.line if mark else None):
            hint = N_("YAML does not allow tabs for indentation: use spaces")
        raise FileProblemError(
            [Problem(Message("YAML syntax error: {detail}", detail=detail), file=name,
                     line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None, hint=hint,
                     code=code)],
            summary=N_("the file is not valid YAML"),
        ) from None
    except RecursionError:
        raise _too_deep(name) from None
    except YAMLError as exc:
        raise FileProblemError.single(Message("YAML error: {detail}", detail=_short(str(exc), 200)), file=name,
                                      code="PTCE-E011") from None
    except FileProblemError:
        raise
    except _HugeInteger as exc:
        raise _huge_number(name, text, exc.line) from None
    except Exception as exc:  # noqa: BLE001 - the parser's odd corners (huge integers…) are the user's input
        if "integer string conversion" in str(exc):
            raise _huge_number(name, text) from None
        said = str(exc) or type(exc).__name__
        unread: str | Message = (N_("a value tagged !!int or !!float is not a number") if "invalid literal for" in said
                                 else Message("the parser says {detail!r}", detail=_short(said, 200)))
        raise FileProblemError.single(
            Message("YAML error: {detail}", detail=unread), file=name,
            hint=N_("check the values of this file: one of them cannot be read"), code="PTCE-E011",
        ) from None


def _too_deep(name: str, line: int | None = None) -> FileProblemError:
    return FileProblemError.single(
        Message("the data is nested too deeply (more than {depth} levels)", depth=MAX_DEPTH), file=name, line=line,
        hint=N_("a pole's data is a few levels deep: check the brackets and the indentation"), code="PTCE-E014",
    )


def _alias_bomb(name: str, line: int | None = None) -> FileProblemError:
    return FileProblemError.single(
        N_("the file's aliases (*name) expand to too much data: this looks like an alias bomb"), file=name,
        line=line, hint=N_("write the data out instead of repeating it through '&anchor' and '*alias'"),
        code="PTCE-E015",
    )


def _cycle(name: str, line: int | None = None) -> FileProblemError:
    return FileProblemError.single(
        N_("the data contains itself (a YAML alias inside its own anchor)"), file=name, line=line,
        hint=N_("remove the '*alias' that points back to its enclosing '&anchor'"), code="PTCE-E016",
    )


def _find_huge_number(text: str) -> re.Match[str] | None:
    """The first run of more digits than Python converts to a number (4300), or ``None``."""
    import re

    return re.search(r"[0-9][0-9_]{4300,}", text)


def _huge_number(name: str, text: str | None = None, line: int | None = None) -> FileProblemError:
    found = _find_huge_number(text) if text is not None and line is None else None
    column = None
    if found and text is not None:
        line = text.count("\n", 0, found.start()) + 1
        column = found.start() - text.rfind("\n", 0, found.start())
    return FileProblemError.single(
        N_("a number in the file has more than 4300 digits"), file=name, line=line, column=column,
        hint=N_("check the numbers of this file: put an identifier or a long code in quotes"), code="PTCE-E017",
    )


def _refused(reason: str, name: str, line: int | None, text: str) -> FileProblemError:
    """The error for a :class:`~ptce_kit.io.yaml_events.Refused` reason."""
    if reason == "huge_integer":
        return _huge_number(name, text, line)
    return {"alias_bomb": _alias_bomb, "cycle": _cycle, "too_deep": _too_deep}[reason](name, line)


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
    once, so that a bomb is measured without being expanded.  A value counts one, a text
    (key or value) one more than its characters: one long text aliased many times is a
    bomb too.
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
            total = 1
            for part in ((node.values(), node.keys()) if isinstance(node, dict) else (node,)):
                for c in part:
                    total += sizes[id(c)] if isinstance(c, (dict, list)) else len(c) + 1 if isinstance(c, str) else 1
            if total > limit:
                raise _alias_bomb(name)
            sizes[key] = total
            continue
        if key in on_path:
            raise _cycle(name)
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


def yaml_loader(*, pure: bool | None = None) -> Any:
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
        def construct_yaml_int(self, node: Any) -> Any:
            from .yaml_events import MAX_INT_BITS

            value = super().construct_yaml_int(node)
            if value.bit_length() > MAX_INT_BITS:  # 0xFFFF…: more digits than Python writes back
                raise _HugeInteger(node.start_mark.line + 1)
            return value

        def flatten_mapping(self, node: Any) -> Any:
            # Beside a merge key '<<', ruamel.yaml's safe loader keeps the last of two equal
            # keys without a word; its round-trip loader (the editor's) refuses them: so here.
            _refuse_duplicates_beside_merge(self, node)
            return super().flatten_mapping(node)

    _Constructor.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)
    _Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.construct_yaml_int)
    if pure is None:
        pure = not has_libyaml()
    yaml = YAML(typ="safe", pure=pure)
    yaml.Constructor = _Constructor
    return yaml


class _HugeInteger(Exception):
    """An integer of the YAML text is too large to be written back as text; ``line`` is 1-based."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def _refuse_duplicates_beside_merge(constructor: Any, node: Any) -> None:
    """Raise a located "duplicate key" error for a key written twice in a mapping holding ``<<``."""
    from ruamel.yaml.constructor import ConstructorError
    from ruamel.yaml.nodes import ScalarNode

    if not any(key.tag == "tag:yaml.org,2002:merge" for key, _ in node.value):
        return
    seen: dict[Any, Any] = {}
    for key, _ in node.value:
        if not isinstance(key, ScalarNode) or key.tag == "tag:yaml.org,2002:merge":
            continue
        value = constructor.construct_object(key)
        try:
            first = seen.setdefault(value, key)
        except TypeError:
            continue
        if first is not key:
            raise ConstructorError("while constructing a mapping", node.start_mark,
                                   f'found duplicate key "{value}"', key.start_mark)


def has_libyaml() -> bool:
    """Whether ruamel.yaml found libyaml's parser (ruamel.yaml.clib's ``_ruamel_yaml``)."""
    from ruamel.yaml import main

    return getattr(main, "CParser", None) is not None


def _line_of(text: str, index: int | None) -> str:
    lines = text.splitlines()
    return lines[index] if index is not None and 0 <= index < len(lines) else ""


def _shown(value: Any) -> str | Message:
    """``repr(value)`` cut short, also for an integer too long to be written (``0xFFFF…``)."""
    if isinstance(value, int) and value.bit_length() > 1000:
        return Message("a number of about {digits} digits", digits=int(value.bit_length() * 0.30103))
    return _short(repr(value))


#: The code of each kind of pydantic error that :func:`_message` does not name otherwise.
_CODES_OF_KINDS = {
    "extra_forbidden": "PTCE-E100", "missing": "PTCE-E101", "enum": "PTCE-E102", "literal_error": "PTCE-E102",
    "string_type": "PTCE-E103", "string_too_long": "PTCE-E104", "string_too_short": "PTCE-E105",
    "finite_number": "PTCE-E106", "float_parsing": "PTCE-E106", "float_type": "PTCE-E106",
    "int_parsing": "PTCE-E106", "int_type": "PTCE-E106", "int_from_float": "PTCE-E106",
    "less_than_equal": "PTCE-E107", "greater_than_equal": "PTCE-E107", "less_than": "PTCE-E107",
    "greater_than": "PTCE-E107", "list_type": "PTCE-E108", "model_type": "PTCE-E109", "dict_type": "PTCE-E109",
    "model_attributes_type": "PTCE-E109", "identifier": "PTCE-E110", "insee_code": "PTCE-E111",
    "partial_date": "PTCE-E115", "control_character": "PTCE-E116", "control_character_text": "PTCE-E116",
    "web_address": "PTCE-E117", "unknown_reference": "PTCE-E200", "duplicate_id": "PTCE-E201",
}

#: The YAML parsers' complaints (libyaml's and ruamel.yaml's own words, which differ), each as
#: (what it means, in a message id; the hint that fixes it, or ``None`` for the general one).
_PARSER_WORDS: dict[str, tuple[str, str | None]] = {
    "mapping values are not allowed": (
        N_("a ':' followed by a space is not allowed here"),
        N_("put a value that holds ': ' in quotes (name: \"Pôle: Sud\"), or check that the line is not "
           "indented further than the ones above")),
    "could not find expected ':'": (
        N_("could not find the expected ':' after a key"),
        N_("write the key, then ': ' and the value; or close the quotes opened on this line")),
    "found character '\\t' that cannot start any token": (N_("found a tab, which cannot start any token"), None),
    "found a tab character": (N_("found a tab in the indentation"), None),
    "expected <block end>, but found '<block sequence start>'": (
        N_("a list item is not aligned with the lines above"),
        N_("start every item of a list with '- ' at the same indentation")),
    "did not find expected '-' indicator": (
        N_("a list item is not aligned with the lines above"),
        N_("start every item of a list with '- ' at the same indentation")),
    "expected <block end>, but found '-'": (
        N_("a list item is not aligned with the lines above"),
        N_("start every item of a list with '- ' at the same indentation")),
    "expected <block end>, but found '<block mapping start>'": (
        N_("a line is not aligned with the lines above"),
        N_("indent the keys of one record by the same number of spaces")),
    "did not find expected key": (
        N_("a line is not aligned with the lines above"),
        N_("indent the keys of one record by the same number of spaces")),
    "expected ',' or ']'": (
        N_("a list in brackets [ ] is not closed, or two of its items have no comma between them"),
        N_("close the list with ']' and separate its items with commas")),
    "did not find expected ',' or ']'": (
        N_("a list in brackets [ ] is not closed, or two of its items have no comma between them"),
        N_("close the list with ']' and separate its items with commas")),
    "expected ',' or '}'": (
        N_("a mapping in braces is not closed, or two of its entries have no comma between them"),
        N_("close the mapping with a closing brace and separate its entries with commas")),
    "did not find expected ',' or '}'": (
        N_("a mapping in braces is not closed, or two of its entries have no comma between them"),
        N_("close the mapping with a closing brace and separate its entries with commas")),
    "found unexpected end of stream": (
        N_("the file ends in the middle of a value"),
        N_("close the quotes or the brackets opened earlier (the place is given with the message)")),
    "found unknown escape character": (
        N_("a backslash in double quotes starts an unknown escape sequence"),
        N_("write the text in single quotes, or double the backslash")),
    "found undefined alias": (
        N_("an alias (*name) refers to no anchor (&name)"),
        N_("put the value in quotes if the '*' is part of the text")),
    "found character that cannot start any token": (
        N_("found a character that cannot start any token"),
        N_("put the value in quotes (a value cannot start with @ or `)")),
    "found character": (
        N_("found a character that cannot start any token"),
        N_("put the value in quotes (a value cannot start with @ or `)")),
    "block sequence entries are not allowed": (
        N_("a list item ('- ') is not allowed here"),
        N_("put the items of a list on their own lines, under their key")),
    "did not find expected node content": (
        N_("a value is missing, or starts with a character YAML reserves"),
        N_("put the value in quotes")),
    "expected the node content": (
        N_("a value is missing, or starts with a character YAML reserves"),
        N_("put the value in quotes")),
    "but found another document": (
        N_("the file holds a second YAML document (after a line '---')"),
        N_("a pole file holds one document: remove the second '---' line, or merge what follows it")),
    "did not find expected <document start>": (
        N_("text follows the end of the data"),
        N_("remove what follows the data, or indent it under its key")),
    "expected '<document start>'": (
        N_("text follows the end of the data"),
        N_("remove what follows the data, or indent it under its key")),
    "could not determine a constructor for the tag": (
        N_("a value carries a YAML tag (!…) ptce-kit does not read"),
        N_("remove the tag before the value: pole files are plain YAML")),
    "syntax error": (N_("syntax error"), None),
}

#: Where the parser was when it complained (its context), as the reader looks for it.
_PARSER_CONTEXTS = {
    "while parsing a flow sequence": N_("in the list in brackets opened at line {line}, column {column}"),
    "while parsing a flow mapping": N_("in the mapping in braces opened at line {line}, column {column}"),
    "while scanning a quoted scalar": N_("in the text in quotes opened at line {line}, column {column}"),
    "while parsing a quoted scalar": N_("in the text in quotes opened at line {line}, column {column}"),
    "while scanning a double-quoted scalar": N_("in the text in quotes opened at line {line}, column {column}"),
    "while scanning a single-quoted scalar": N_("in the text in quotes opened at line {line}, column {column}"),
    "while scanning a simple key": N_("in the key that starts at line {line}, column {column}"),
    "while parsing a block mapping": N_("in the keys that start at line {line}, column {column}"),
    "while parsing a block collection": N_("in the list that starts at line {line}, column {column}"),
}


def _parser_words(problem: str, context: str | None = None, context_mark: Any = None,
                  problem_mark: Any = None) -> tuple[str | Message, str | None]:
    """A parser's complaint in the user's language, with where it began, and its own hint (or ``None``).

    A complaint this table does not know is quoted as the parser wrote it, after words the
    user reads in their language.
    """
    import re

    duplicate = re.match(r'found duplicate key "(.*?)" with value', problem)
    if duplicate:
        return Message("the key {key!r} appears twice in the same mapping", key=duplicate.group(1)), None
    said: str | Message | None = None
    hint: str | None = None
    for words, (msgid, fix) in _PARSER_WORDS.items():
        if problem.startswith(words):
            said, hint = Message(msgid), fix
            break
    if said is None:
        said = Message("the parser says {detail!r}", detail=problem)
    where = _PARSER_CONTEXTS.get((context or "").strip())
    if where and context_mark is not None and (problem_mark is None or context_mark.line != problem_mark.line):
        said = Message("{problem} ({where})", problem=said,
                       where=Message(where, line=context_mark.line + 1, column=context_mark.column + 1))
    return said, hint


def _message(err: Mapping[str, Any]) -> tuple[str | Message, str | Message | None, str]:
    """A user's message, hint and problem code for one pydantic error."""
    from ..errors import Invalid
    from ..model.identifiers import explain

    kind = err["type"]
    ctx = err.get("ctx") or {}
    if ctx.get("ptce_message") is not None:  # a rule of the model: its own message, hint and code
        return ctx["ptce_message"], ctx.get("ptce_hint"), ctx.get("ptce_code") or _CODES_OF_KINDS.get(kind, "PTCE-E199")
    if isinstance(ctx.get("error"), Invalid):  # a check of the model that raised its refusal
        refusal = ctx["error"]
        return refusal.message, refusal.hint, refusal.code or "PTCE-E199"
    msg = str(err["msg"])
    loc = err["loc"]
    value = err.get("input")
    if kind in {"identifier", "insee_code"} and not isinstance(value, str):
        kind = "string_type"  # a number where an id is expected: quoting it is the fix
    if kind == "string_unicode" and isinstance(value, str):
        kind = "control_character_text"  # a lone surrogate, which Rust cannot hold: named by the check
    if kind in {"control_character", "control_character_text", "web_address"} and not isinstance(value, str):
        kind = "string_type"
    code = _CODES_OF_KINDS.get(kind, "PTCE-E199")
    explained = explain(kind, value)
    if explained is not None:
        return explained.message, explained.hint, explained.code or code
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    msg = _short(msg, 300)
    if kind == "extra_forbidden":
        return Message("unknown field {name!r}", name=_short(loc[-1]) if isinstance(loc[-1], str) else loc[-1]), None, code
    if kind == "missing":
        return (Message("the field {name!r} is required", name=loc[-1]),
                Message("add '{name}:' here", name=loc[-1]), code)
    if kind in {"enum", "literal_error"}:
        expected = ctx.get("expected", "")
        return (Message("{value} is not allowed here", value=_shown(err.get("input"))),
                Message("use one of {expected}", expected=_or_list(expected)), code)
    if kind == "string_type":
        return (Message("expected text, found {value}", value=_shown(err.get("input"))),
                N_("put the value in quotes"), code)
    if kind == "string_too_long" and isinstance(value, str):
        return (Message("the text is too long ({length} characters; at most {limit} here)",
                        length=f"{len(value):,}".replace(",", " "),
                        limit=f"{ctx.get('max_length'):,}".replace(",", " ")),
                N_("shorten it; a long text belongs in a 'description' or in the narrative"), code)
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return N_("the text is empty"), N_("write it, or remove the line if the field is optional"), code
    if kind in {"finite_number", "float_parsing"} or (kind == "float_type" and isinstance(value, int)):
        return (Message("{value} is not a usable number", value=_shown(value)),
                N_("write a figure such as 12 or 3.5"), code)
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return (Message("{value} is not a whole number", value=_shown(value)),
                N_("write a whole number such as 12"), code)
    if kind in {"too_short", "too_long"} and isinstance(value, (list, dict)):
        bound = ctx.get("min_length" if kind == "too_short" else "max_length")
        return (plural_message("expected at least {n} item, found {found}", "expected at least {n} items, found {found}",
                               int(bound or 0), found=len(value)) if kind == "too_short" else
                plural_message("expected at most {n} item, found {found}", "expected at most {n} items, found {found}",
                               int(bound or 0), found=len(value)),
                None, "PTCE-E108")
    if kind == "string_pattern_mismatch":
        if loc and loc[-1] == "code" and any(part in {"departement", "departements", "region"} for part in loc):
            return (Message("{value} is not a département or région code: write 2 or 3 digits, or 2A or 2B",
                            value=_shown(value)), N_("e.g. 26 for the Drôme, 84 for Auvergne-Rhône-Alpes"), "PTCE-E130")
        return (Message("{value} is not written as this field expects", value=_shown(value)),
                N_("see docs/format.md for the field"), code)
    if kind in {"less_than_equal", "greater_than_equal", "less_than", "greater_than"}:
        bound = next(iter(ctx.values()), None)
        message = {"less_than_equal": N_("{value} is out of range: it should be at most {bound}"),
                   "less_than": N_("{value} is out of range: it should be below {bound}"),
                   "greater_than_equal": N_("{value} is out of range: it should be at least {bound}"),
                   "greater_than": N_("{value} is out of range: it should be above {bound}")}[kind]
        hint = {"less_than_equal": N_("write a number at most {bound}"), "less_than": N_("write a number below {bound}"),
                "greater_than_equal": N_("write a number at least {bound}"),
                "greater_than": N_("write a number above {bound}")}[kind]
        return Message(message, value=_shown(value), bound=bound), Message(hint, bound=bound), code
    if kind == "list_type":
        return N_("expected a list"), N_("write the items under this key, each on a line starting with '- '"), code
    if ctx.get("hint"):
        # A reference-data check (commune, EPCI codes): its message and hint, one code for them.
        return msg, str(ctx["hint"]), "PTCE-E130" if kind == "reference_geo" else code
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return N_("expected a mapping (key: value lines)"), None, code
    if kind in {"bool_parsing", "bool_type"}:
        return (Message("{value} is not true or false", value=_shown(value)),
                N_("write true or false (or leave the field out when it is not known)"), "PTCE-E102")
    return msg, None, code


def _or_list(expected: str) -> str | Message:
    """pydantic's ``'a', 'b' or 'c'`` with the ``or`` in the reader's language."""
    head, sep, last = str(expected).rpartition(" or ")
    return Message("{items} or {last}", items=head, last=last) if sep else expected


def _did_you_mean(model: Any, loc: tuple[str | int, ...]) -> Message | None:
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
    names = list(current.model_fields) if isinstance(current, type) and issubclass(current, BaseModel) else []
    close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
    if close:
        return Message("did you mean {close!r}?", close=close[0])
    return Message("the fields allowed here are: {fields}", fields=", ".join(names)) if names else None


def pole_from_data(data: Any, *, file: str | os.PathLike[str] = "<input>", text: str | None = None,
                   depth_checked: bool = True) -> Pole:
    """Validate parsed data as a :class:`~ptce_kit.model.Pole`, locating every problem.

    ``depth_checked=False`` says the data comes from JSON whose depth was not checked yet:
    it is checked before any problem is located.
    """
    from pydantic import ValidationError

    from ..model import FORMAT, Pole
    from ..model.pole import reference_errors
    from ..model.territory import raw_commune_code_errors

    name = str(file)
    if data is None:
        raise ValidationProblemError.single(
            N_("the file is empty"), file=name, hint=N_("start from examples/pole_sud/pole.yaml or run 'ptce new'"),
            code="PTCE-E020",
        )
    if not isinstance(data, dict):
        raise ValidationProblemError.single(
            Message("expected a mapping of fields at the top of the file, found {found}", found=type(data).__name__),
            file=name, line=1, hint=N_("the file starts with 'format: ptce/1' then 'id:', 'name:'…"), code="PTCE-E021",
        )
    version = data.get("format")
    if version is not None and version != FORMAT:
        if not depth_checked:
            _check_depth(data, name)
        raise ValidationProblemError.single(
            Message("unknown format version {version!r}: this ptce-kit reads {format!r}",
                    version=_short(version) if isinstance(version, str) else version, format=FORMAT),
            file=name, path=("format",), line=_locate(text, ("format",))[0], code="PTCE-E022",
            hint=Message("write 'format: {format}', or upgrade ptce-kit if the file comes from a newer one", format=FORMAT),
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
                {"type": "unknown_reference", "loc": e["loc"], "msg": cast("PydanticCustomError", e["type"]).message(),
                 "input": e["input"], "ctx": cast("PydanticCustomError", e["type"]).context or {}}
                for e in reference_errors(data) if tuple(e["loc"]) not in seen
            ]
            errors += [  # commune codes that name no commune, with their hint
                {"type": "reference_geo", "loc": e["loc"], "msg": cast("PydanticCustomError", e["type"]).message(),
                 "input": e["input"], "ctx": cast("PydanticCustomError", e["type"]).context or {}}
                for e in raw_commune_code_errors(data) if tuple(e["loc"]) not in seen
            ]
        places = index.locate_all(tuple(e["loc"]) for e in errors) if index else [(None, None)] * len(errors)
        for err, (line, column) in zip(errors, places):
            loc = tuple(err["loc"])
            message, hint, code = _message(err)
            if err["type"] == "extra_forbidden":
                hint = _did_you_mean(Pole, loc)
            problems.append(Problem(message, path=loc, file=name, line=line, column=column, hint=hint, code=code))
        raise ValidationProblemError(problems, summary=Message("{name} is not a valid pole", name=name)) from None


def _locate(text: str | None, path: tuple[str | int, ...]) -> tuple[int | None, int | None]:
    return PositionIndex(text).locate(path) if text is not None else (None, None)


def load_pole(path: str | os.PathLike[str]) -> Pole:
    """Read a pole from a YAML or JSON file, or from a folder holding ``pole.yaml``.

    Raises :class:`~ptce_kit.errors.PoleError` listing every problem of the file, each
    with its line, column and field path.

    A valid file is validated a slice at a time (:mod:`ptce_kit.model.slices`), its text
    dropped once parsed; only when it is not valid is it read and parsed again, to
    locate every problem in its text.
    """
    from ..model import FORMAT
    from ..model.base import gc_paused
    from ..model.slices import SlicedValidationFailed, validate_consuming

    file = find_pole_file(path)
    text: str | None = read_text(file)
    with gc_paused():  # parsed data holds no cycle: see gc_paused
        data, as_json = _parse_pole_text(file, cast("str", text))
        if not isinstance(data, dict) or data.get("format", FORMAT) != FORMAT:
            # Refused before validation, with the line of the problem.
            return pole_from_data(data, file=file, text=text, depth_checked=not as_json)
        text = None  # a national pole's text is 100 MB: not kept while validating
        try:
            return validate_consuming(data)
        except SlicedValidationFailed:
            pass
        # Not valid: validated again in one go from the text read anew, so that every
        # problem is found and located as if it had been validated whole the first time.
        data = None
        text = read_text(file)
        data, as_json = _parse_pole_text(file, text)
        return pole_from_data(data, file=file, text=text, depth_checked=not as_json)


def _parse_pole_text(file: Path, text: str) -> tuple[Any, bool]:
    """The parsed data of a pole file's text, and whether it was JSON.

    A pole's fields are all typed, so that JSON data deep enough to harm is never a valid
    pole: its depth is checked only when validation fails (a walk saved).
    """
    if _is_json(file, text):
        return _parse_json(text, str(file)), True
    return parse_text(text, file=file), False


def _plain(pole: Pole) -> dict[str, Any]:
    from ..model import GovernanceForm, pole_to_data

    data = pole_to_data(pole)
    governance = pole.governance
    if "form" in governance.model_fields_set and governance.form is GovernanceForm.INFORMAL:
        # An explicit 'form: informal' is the format's default, which pole_to_data leaves out:
        # written, it stays apart from a pole that says nothing of its form (Governance.stated_form).
        section = {"form": governance.form.value, **data.get("governance", {})}
        if "governance" in data:
            data["governance"] = section
        else:  # the section held nothing else: put it back at its place among the fields
            fields = list(type(pole).model_fields)
            place = fields.index("governance")
            keys = list(data)
            at = next((i for i, k in enumerate(keys) if k in fields and fields.index(k) > place), len(keys))
            data = {**{k: data[k] for k in keys[:at]}, "governance": section, **{k: data[k] for k in keys[at:]}}
    return data


def dump_pole(pole: Pole, *, fmt: str = "yaml", schema: str | None = None) -> str:
    """The text of a pole in ``yaml`` or ``json``; deterministic, fields in model order.

    ``schema`` is a path or URL written as the ``yaml-language-server`` comment, so that
    editors complete and check the file.
    """
    data = _plain(pole)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt != "yaml":
        raise ValueError(f"unknown format {fmt!r}: use 'yaml' or 'json'")
    from .yaml_emit import emit_block_yaml

    # The direct writer gives ruamel.yaml's text about fifty times faster; it declines
    # (None) the few shapes whose layout only ruamel.yaml knows.
    text = emit_block_yaml(data, literal=_block_safe)
    if text is None:
        text = ruamel_block_yaml(data)
    return (f"# yaml-language-server: $schema={schema}\n" if schema else "") + text


def ruamel_block_yaml(data: dict[str, Any]) -> str:
    """``data`` as ruamel.yaml's round-trip dumper writes it in a pole file.

    The reference for :func:`ptce_kit.io.yaml_emit.emit_block_yaml`, which must give the
    same bytes; multi-line strings that a literal block keeps exactly are written as
    blocks, strings with line separators or control characters double-quoted.
    """
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


def save_pole(pole: Pole, path: str | os.PathLike[str], *, schema: str | None = None) -> Path:
    """Write a pole to ``path`` (YAML, or JSON when the name ends in ``.json``), atomically."""
    path = Path(path)
    fmt = "json" if path.suffix.lower() == ".json" else "yaml"
    atomic_write(path, dump_pole(pole, fmt=fmt, schema=schema))
    return path


def write_export(path: str | os.PathLike[str], text: str) -> None:
    """Write an export atomically (``atomic_write`` turns a failure into a ``PoleError``)."""
    atomic_write(path, text)
