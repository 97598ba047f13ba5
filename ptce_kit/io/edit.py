"""Edit a pole's data file in place, keeping everything the user wrote.

A pole's ``pole.yaml`` is kept for years by volunteers who comment it, order it and
quote it their own way.  :func:`edit_pole` changes it the way a careful person would:

* the file is read and changed as a ruamel.yaml round-trip document, so comments, key
  order, quoting and blank lines stay;
* only the lines the change touches are replaced: the rest of the file is copied byte
  for byte (see :func:`transplant`);
* the result is validated as a :class:`~ptce_kit.model.Pole` before anything is written,
  and an invalid result writes nothing;
* the write is atomic, and a lock file next to the data file makes two commands run at
  once wait for each other instead of losing a change.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import hashlib
import io
import json
import os
import re
import stat
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import PoleError, Problem
from ..i18n import Message, N_
from ..files import atomic_write
from .files import _is_json, find_pole_file, parse_text, pole_from_data, read_text

if TYPE_CHECKING:
    from ..model import Pole

__all__ = [
    "Edit",
    "edit_pole",
    "file_lock",
    "lock_path",
    "transplant",
    "unified_diff",
    "load_document",
    "dump_document",
    "set_key",
    "to_node",
    "LOCK_TIMEOUT",
    "DATE_FIELDS",
    "date_node",
    "position",
    "FileChanged",
    "file_digest",
    "remember_valid",
]

#: Seconds a command waits for another one editing the same file (``PTCE_LOCK_TIMEOUT``).
LOCK_TIMEOUT = 30.0


# --- the lock ----------------------------------------------------------------------

def lock_path(path: str | os.PathLike[str]) -> Path:
    """The lock file of a data file: ``pole.yaml`` → ``pole.yaml.lock``, in the same folder.

    Examples
    --------
    >>> lock_path("poles/sud/pole.yaml").as_posix()
    'poles/sud/pole.yaml.lock'
    """
    path = Path(path)
    return path.with_name(path.name + ".lock")


def _lock_timeout() -> float:
    try:
        return float(os.environ.get("PTCE_LOCK_TIMEOUT", LOCK_TIMEOUT))
    except ValueError:
        return LOCK_TIMEOUT


# Why not the ``filelock`` package (issue 15): its ``UnixFileLock`` opens the lock file with
# ``O_TRUNC``, so a hard link planted at FILE.lock empties the file it points to before
# anything can be checked; it keeps no trace of who holds the lock, so a command that gives
# up waiting could not name the holder; and it refuses links only in its latest releases.
# The flock below is the same mechanism, with those checks around it.
@contextmanager
def file_lock(path: str | os.PathLike[str], *, timeout: float | None = None) -> Iterator[Path]:
    """Hold the lock of a data file for the duration of a ``with`` block.

    The lock is an operating-system lock on ``FILE.lock`` (``flock``), so it is released
    when the process ends, even killed: a stale lock file never blocks anyone.  When
    another process holds it, this waits up to ``timeout`` seconds, then raises a
    ``PoleError`` naming that process.

    The lock file is opened without following links, and refused unless it is a regular
    file with no other name (a link or a hard link planted at ``FILE.lock`` would make
    the lock write into another file).
    """
    path = Path(path)
    lock = lock_path(path)
    wait = _lock_timeout() if timeout is None else timeout
    deadline = time.monotonic() + wait
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        fcntl = None  # type: ignore[assignment]
    while True:
        _check_lock_node(lock, path)
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | (0 if fcntl else os.O_EXCL) | _NOFOLLOW, 0o644)
        except FileExistsError:  # pragma: no cover - Windows: the file itself is the lock
            fd = -1
        except OSError as exc:
            _check_lock_node(lock, path)  # a link or a pipe put there since the check above
            raise PoleError.single(
                Message("cannot create the lock file {name} ({reason})", name=lock.name,
                        reason=exc.strerror or str(exc)), file=lock, code="PTCE-E315",
                hint=N_("the folder of the data file must be writable to edit it"),
            ) from None
        if fd >= 0:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
                os.close(fd)
                raise _bad_lock(lock, path, N_("a hard link to another file") if stat.S_ISREG(info.st_mode)
                                else N_("not a regular file"))
        if fd >= 0 and fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                # The holder before us may have removed the file after we opened it: the
                # lock is only ours if it is on the file the path names now.
                if os.fstat(fd).st_ino == os.stat(lock).st_ino:
                    break
            except (BlockingIOError, FileNotFoundError):
                pass
            os.close(fd)
        elif fd >= 0:  # pragma: no cover - Windows
            break
        if time.monotonic() >= deadline:
            pid = _holder(lock)
            raise PoleError.single(
                Message("{name} is being edited by another command (process {pid}); nothing was changed",
                        name=path.name, pid=pid) if pid else
                Message("{name} is being edited by another command; nothing was changed", name=path.name),
                file=path, code="PTCE-E315",
                hint=Message("wait for it to finish and run this again (if no ptce command is running, delete "
                             "{lock})", lock=str(lock)),
            )
        time.sleep(0.05)
    try:
        try:  # the holder's number, for the message of a command that waits: a full disk may refuse it
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError:
            pass
        yield lock
    finally:
        try:
            os.unlink(lock)
        except OSError:
            pass
        os.close(fd)


#: Open flags that refuse a symbolic link (and never block on a pipe).
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def _bad_lock(lock: Path, path: Path, what: str) -> PoleError:
    return PoleError(
        [Problem(Message("the lock file {name} is {what}; ptce makes its lock files itself, so nothing was changed",
                         name=lock.name, what=Message(what)), file=str(lock), code="PTCE-E315",
                 hint=Message("delete {lock} (someone may have put it there) and run the command again",
                              lock=str(lock)))],
        summary=Message("cannot lock {name} for editing", name=path.name),
    )


def _check_lock_node(lock: Path, path: Path) -> None:
    try:
        info = os.lstat(lock)
    except OSError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise _bad_lock(lock, path, N_("a symbolic link"))
    if not stat.S_ISREG(info.st_mode):
        raise _bad_lock(lock, path, N_("not a regular file (a folder, a pipe or a device)"))
    if info.st_nlink != 1:
        raise _bad_lock(lock, path, N_("a hard link to another file"))


def _holder(lock: Path) -> str:
    """The number of the process holding the lock, when its file says it (else empty)."""
    try:
        pid = lock.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return pid if pid.isdigit() else ""


# --- the round-trip document -------------------------------------------------------

class DateText(str):
    """A date as the user wrote it (``2014-07-01``): text in Python, plain in YAML."""


def _yaml() -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import RoundTripConstructor
    from ruamel.yaml.representer import RoundTripRepresenter

    class Constructor(RoundTripConstructor):
        pass

    class Representer(RoundTripRepresenter):
        pass

    def construct_date(constructor: Any, node: Any) -> DateText:
        # Kept as text: an impossible date must reach the model, which says which field.
        return DateText(constructor.construct_scalar(node))

    def represent_date(representer: Any, value: DateText) -> Any:
        return representer.represent_scalar("tag:yaml.org,2002:timestamp", str(value))

    Constructor.add_constructor("tag:yaml.org,2002:timestamp", construct_date)
    Representer.add_representer(DateText, represent_date)
    yaml = YAML(typ="rt")
    yaml.Constructor = Constructor
    yaml.Representer = Representer
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a line the user wrote
    yaml.allow_unicode = True
    return yaml


def _guess_indent(text: str) -> tuple[int, int, int]:
    """``(mapping, sequence, offset)`` indents of a YAML text, as ruamel.yaml names them."""
    mapping = sequence = offset = None
    previous = ""
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        prev_indent = len(previous) - len(previous.lstrip(" "))
        if previous.rstrip().endswith(":") and indent >= prev_indent:
            if stripped.startswith("- "):  # a list, indented or not ("key:\n- item")
                if sequence is None:
                    offset = indent - prev_indent
                    rest = stripped[2:]
                    sequence = offset + 2 + (len(rest) - len(rest.lstrip(" ")))
            elif mapping is None and indent > prev_indent:
                mapping = indent - prev_indent
        if mapping is not None and sequence is not None:
            break
        previous = line
    mapping = mapping or 2
    if sequence is None:
        sequence, offset = mapping + 2, mapping
    return mapping, sequence, offset or 0


def _json_style(text: str) -> tuple[int | str | None, tuple[str, str], bool]:
    r"""``(indent, separators, ASCII only)`` of a JSON text, so that it is written back alike.

    Examples
    --------
    >>> _json_style('{\n    "id": "p",\n    "name": "P\\u00f4le"\n}\n')
    (4, (',', ': '), True)
    >>> _json_style('{\n\t"id":"p"\n}')
    ('\t', (',', ':'), False)
    >>> _json_style('{"id": "p", "name": "Pôle"}\n')
    (None, (', ', ': '), False)
    """
    indent: int | str | None = None if len(text.strip().splitlines()) == 1 else 2
    for line in text.splitlines()[1:]:
        stripped = line.lstrip(" \t")
        if stripped and len(stripped) < len(line):
            lead = line[:len(line) - len(stripped)]
            indent = lead if "\t" in lead else len(lead)
            break
    separator = ": " if re.search(r'"\s*:\s', text) or not re.search(r'":\S', text) else ":"
    # Non-ASCII written as \uXXXX escapes and never as such: the file is kept in ASCII.
    ascii_only = text.isascii() and re.search(r"\\u00[89a-fA-F][0-9a-fA-F]|\\u0[1-9a-fA-F]|\\u[1-9a-fA-F]",
                                              text) is not None
    items = "," if indent is not None or re.search(r",\S", text) and not re.search(r",\s", text) else ", "
    return indent, (items, separator), ascii_only


class Document:
    """A data file loaded for editing: its text, its data, and how to write it back."""

    def __init__(self, text: str, *, file: Path, as_json: bool) -> None:
        self.text = text
        #: The text with the file's own line ends (``text`` has ``\n`` only).
        self.raw = text
        self.newline = "\n"
        self.bom = False
        self.file = file
        self.as_json = as_json
        self._yaml: Any = None
        if not as_json:
            self._yaml = _yaml()
            mapping, sequence, offset = _guess_indent(text)
            self._yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        # The hardened loader's checks and messages (bombs, syntax…), with the round-trip reader.
        self.data = parse_text(text, file=file, as_json=as_json, loader=self._yaml)

    def dump(self) -> str:
        if self.as_json:
            indent, separators, ascii_only = _json_style(self.text)
            end = "\n" if self.text.endswith("\n") else ""  # a file without a final line end stays so
            return json.dumps(self.data, ensure_ascii=ascii_only, indent=indent, separators=separators) + end
        buffer = io.StringIO()
        self._yaml.dump(self.data, buffer)
        return buffer.getvalue()

    def as_file(self, text: str) -> str:
        """``text`` with the file's most common line end and its byte-order mark."""
        return ("\ufeff" if self.bom else "") + text.replace("\n", self.newline)


def load_document(path: str | os.PathLike[str]) -> Document:
    """Read a data file for editing; a bad file raises the loader's ``PoleError``."""
    file = find_pole_file(path)
    text = read_text(file)
    as_json = _is_json(file, text)
    # Line ends and a byte-order mark are the file's own: kept on writing, line by line.
    document = Document(text.replace("\r\n", "\n"), file=file, as_json=as_json)
    # A file must be valid before it is edited, so that every later error is the edit's.
    pole_from_data(as_plain(document.data), file=file, text=text)
    document.raw = text
    crlf = text.count("\r\n")
    document.newline = "\r\n" if crlf > text.count("\n") - crlf else "\n"
    with file.open("rb") as handle:
        document.bom = handle.read(3) == b"\xef\xbb\xbf"
    return document


def dump_document(document: Document) -> str:
    """The text of a document as it now stands, fully re-serialised."""
    return document.dump()


def to_node(value: Any, *, flow_lists: bool = True) -> Any:
    """Plain data as round-trip nodes: multi-line text as ``|`` blocks, short lists in ``[a, b]``."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(value, dict):
        node = CommentedMap()
        for key, item in value.items():
            node[key] = to_node(date_node(item) if key in DATE_FIELDS else item, flow_lists=flow_lists)
        return node
    if isinstance(value, list):
        seq = CommentedSeq(to_node(item, flow_lists=flow_lists) for item in value)
        if flow_lists and all(not isinstance(item, (dict, list)) for item in value):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString("\n".join(line.rstrip() for line in value.split("\n")))
    return value


#: Fields holding partial dates, written plain (``2015``, ``2015-03-01``) rather than quoted.
DATE_FIELDS = frozenset({"joined", "left", "since", "until", "start", "end", "founded", "date", "created", "ceased"})


def date_node(value: Any) -> Any:
    """A partial date as the user would type it: a year as a number, a full date unquoted.

    Examples
    --------
    >>> date_node("2015"), type(date_node("2015-03-01")).__name__, date_node("2015-03")
    (2015, 'DateText', '2015-03')
    """
    import re

    if isinstance(value, str) and re.fullmatch(r"\d{4}", value):
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return DateText(value)
    return value


def set_key(mapping: Any, key: str, value: Any, order: Sequence[str] = ()) -> None:
    """Set ``mapping[key]``; a new key goes where ``order`` (the model's field order) puts it.

    An existing key keeps its place and its comment.

    Examples
    --------
    >>> from ruamel.yaml.comments import CommentedMap
    >>> m = CommentedMap([("id", "a"), ("category", "enterprise")])
    >>> set_key(m, "name", "A", order=["id", "name", "category"])
    >>> list(m)
    ['id', 'name', 'category']
    >>> d = {"id": "a", "category": "enterprise"}
    >>> set_key(d, "name", "A", order=["id", "name", "category"])
    >>> list(d)
    ['id', 'name', 'category']
    """
    if key in mapping:
        mapping[key] = value
        return
    rank = {name: i for i, name in enumerate(order)}
    mine = rank.get(key, len(rank))
    position = len(mapping)
    for i, existing in enumerate(mapping):
        if rank.get(existing, len(rank)) > mine:
            position = i
            break
    if hasattr(mapping, "insert"):
        mapping.insert(position, key, value)
        return
    # A plain dict (a JSON file): the keys after the place move behind the new one.
    moved = [(k, mapping.pop(k)) for k in list(mapping)[position:]]
    mapping[key] = value
    mapping.update(moved)


def position(data: Any, path: Sequence[str | int]) -> int | None:
    """The 1-based line of ``path`` in the file a round-trip document was loaded from."""
    node, line = data, None
    for part in path:
        lc = getattr(node, "lc", None)
        try:
            if lc is not None:
                line = (lc.item(part) if isinstance(node, list) else lc.key(part))[0] + 1
            node = node[part]
        except (KeyError, IndexError, TypeError, AttributeError):
            break
    return line


# --- keeping untouched lines byte for byte -------------------------------------------

def _is_filler(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _common_ends(a: list[str], b: list[str]) -> tuple[int, int]:
    """The lengths of the common start and the common end of ``a`` and ``b`` (not overlapping)."""
    start = 0
    limit = min(len(a), len(b))
    while start < limit and a[start] == b[start]:
        start += 1
    end = 0
    while end < limit - start and a[len(a) - 1 - end] == b[len(b) - 1 - end]:
        end += 1
    return start, end


def _matching_blocks(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    """``difflib``'s matching blocks of ``a`` and ``b``, the common start and end taken first.

    Matching only the middle keeps a small change to a large file fast: on files of many
    alike lines (JSON's braces) ``difflib`` without its junk heuristic is quadratic.
    """
    start, end = _common_ends(a, b)
    blocks = [(0, 0, start)] if start else []
    middle = difflib.SequenceMatcher(None, a[start:len(a) - end], b[start:len(b) - end], autojunk=False)
    blocks += [(i + start, j + start, size) for i, j, size in middle.get_matching_blocks() if size]
    if end:
        blocks.append((len(a) - end, len(b) - end, end))
    return blocks


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """``difflib``'s opcodes turning ``a`` into ``b``, the common start and end taken first."""
    start, end = _common_ends(a, b)
    codes = [("equal", 0, start, 0, start)] if start else []
    middle = difflib.SequenceMatcher(None, a[start:len(a) - end], b[start:len(b) - end], autojunk=False)
    codes += [(tag, i1 + start, i2 + start, j1 + start, j2 + start) for tag, i1, i2, j1, j2 in middle.get_opcodes()
              if not (tag == "equal" and i1 == i2)]
    if end:
        codes.append(("equal", len(a) - end, len(a), len(b) - end, len(b)))
    return codes


def transplant(original: str, before: str, after: str, *, newline: str = "\n") -> str | None:
    """Apply the change ``before`` → ``after`` to ``original``, line by line.

    ``before`` and ``after`` are the re-serialised document before and after the change;
    ``original`` is the file as the user wrote it, which may differ from ``before`` where
    the serialiser normalises.  Only the lines the change touches are replaced; every
    other line of ``original`` is kept as it is.  Returns ``None`` when a changed line
    cannot be placed in ``original``.

    Two placements follow the way people lay out files: a new item goes before the blank
    lines and comments that end the list it joins (they introduce what follows), and a
    removal keeps the comments that end the removed block, at its level or above.

    ``original`` may end its lines with ``\r\n`` (all, or some of them): each kept line
    keeps its own end, and the new lines end with ``newline``.

    Examples
    --------
    >>> original = "a: 1   # kept\\n\\nb: 2\\n"
    >>> transplant(original, "a: 1 # kept\\n\\nb: 2\\n", "a: 1 # kept\\n\\nb: 3\\n")
    'a: 1   # kept\\n\\nb: 3\\n'
    """
    orig_raw = original.splitlines(keepends=True)
    orig = [line[:-2] + "\n" if line.endswith("\r\n") else line for line in orig_raw]
    old = before.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    where: dict[int, int] = {}  # line of `before` -> line of `original`
    for a, b, size in _matching_blocks(old, orig):
        for k in range(size):
            where[a + k] = b + k
    edits: list[tuple[int, int, list[str]]] = []  # (start, end, lines) over `original`
    for tag, i1, i2, j1, j2 in _opcodes(old, new):
        if tag == "equal":
            continue
        lines = new[j1:j2]
        if newline != "\n":
            lines = [line[:-1] + newline if line.endswith("\n") else line for line in lines]
        if i1 == i2:  # insertion
            if i1 > 0 and i1 - 1 in where:
                start = where[i1 - 1] + 1
            elif i1 in where:
                start = where[i1]
            elif i1 == 0:
                start = 0
            else:
                return None
            # Before the blank lines and comments that close the list, if the new lines
            # start a new item or key (not when they continue a block).
            while start > 0 and _is_filler(orig[start - 1]) and lines and not _is_filler(lines[0]) \
                    and _indent(orig[start - 1]) <= _indent(lines[0]):
                start -= 1
            edits.append((start, start, lines))
            continue
        if any(i not in where for i in range(i1, i2)) or where[i2 - 1] - where[i1] != i2 - 1 - i1:
            return None
        start, end = where[i1], where[i2 - 1] + 1
        if not lines:  # deletion: keep the comments that close the removed block
            first = _indent(orig[start])
            while end > start and _is_filler(orig[end - 1]) and (
                    not orig[end - 1].strip() or _indent(orig[end - 1]) <= first):
                end -= 1
        edits.append((start, end, lines))
    result = list(orig_raw)
    for start, end, lines in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        result[start:end] = lines
    return "".join(result)


def unified_diff(old: str, new: str, name: str = "pole.yaml") -> str:
    """A unified diff from ``old`` to ``new``, as ``--dry-run`` prints it.

    Examples
    --------
    >>> print(unified_diff("a: 1\\n", "a: 2\\n", "p.yaml"), end="")
    --- p.yaml
    +++ p.yaml (changed)
    @@ -1 +1 @@
    -a: 1
    +a: 2
    """
    return "".join(difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True),
        fromfile=name, tofile=f"{name} (changed)",
    ))


# --- one edit, from start to finish --------------------------------------------------

@dataclasses.dataclass
class Edit:
    """What an edit did (or would do, with ``dry_run``)."""

    file: Path
    old: str
    new: str
    pole: Pole
    written: bool
    notes: list[str] = dataclasses.field(default_factory=list)
    #: The file's layout could not be kept line by line, and was re-serialised.
    reformatted: bool = False
    #: The new file's data as plain Python data (validated: it gave :attr:`pole`). Do not change it.
    data: Any = None

    @property
    def changed(self) -> bool:
        return self.old != self.new

    def diff(self) -> str:
        def plain(text: str) -> str:
            return text.lstrip("\ufeff").replace("\r\n", "\n")

        return unified_diff(plain(self.old), plain(self.new), self.file.name)


class FileChanged(PoleError):
    """The file is no longer the version an edit was prepared from (``expected_hash``): nothing was written.

    ``text`` is the file's text as it is now, for showing what changed meanwhile.
    """

    def __init__(self, file: Path, expected: str, found: str, text: str) -> None:
        from ..i18n import Message

        super().__init__([Problem(Message("the file changed on disk since it was read, so nothing was written"),
                                  file=str(file), hint=Message("read it again and make the change anew"))],
                         summary=Message("{file} changed meanwhile", file=file.name))
        self.file, self.expected, self.found, self.text = file, expected, found, text


def file_digest(data: bytes) -> str:
    """The hash an edit is checked against (``expected_hash``): SHA-256 of the file's bytes, in hex."""
    return hashlib.sha256(data).hexdigest()


def edit_pole(path: str | os.PathLike[str], change: Callable[[Any], list[str] | None], *,
              dry_run: bool = False, timeout: float | None = None, expected_hash: str | None = None) -> Edit:
    """Change a pole's data file in place with ``change(data)``, keeping its layout.

    ``change`` receives the file's top mapping (a ruamel.yaml ``CommentedMap``, or a
    ``dict`` for JSON), changes it in place, and returns notes on what it did; it raises
    ``PoleError`` to refuse.  The new file is validated before it is written: an
    invalid result raises ``PoleError`` and writes nothing.  With ``dry_run`` nothing is
    written either; the returned :class:`Edit` holds the diff.

    ``expected_hash`` (see :func:`file_digest`) is the version of the file the change was
    prepared from, such as the one a form was made from: when the file's bytes are no
    longer those, checked under the lock, :class:`FileChanged` is raised and nothing is
    written.
    """
    from contextlib import nullcontext

    file = find_pole_file(path)
    if file.is_symlink():
        # Edit the file the link points to, and leave the link a link.
        file = Path(os.path.realpath(file))
    # A dry run writes nothing, and readers always see a whole file: it needs no lock
    # (and so works in a folder it cannot write to).
    with nullcontext() if dry_run else file_lock(file, timeout=timeout):
        if expected_hash is not None:
            now = file.read_bytes()
            found = file_digest(now)
            if found != expected_hash:
                raise FileChanged(file, expected_hash, found, now.decode("utf-8", errors="replace"))
        fast = _try_fast_edit(file, change)
        if fast is not None:
            return _finish(file, *fast, dry_run=dry_run)
        document = load_document(file)
        before = document.dump()
        notes = _run_change(change, document.data, file)
        after = document.dump()
        expected = as_plain(document.data)
        # Lines keep their own ends (a file may mix CRLF and LF); new lines take the usual one.
        raw = transplant(document.raw, before, after, newline=document.newline) if after != before \
            else document.raw
        new = raw.replace("\r\n", "\n") if raw is not None else None
        if new == document.text:
            data = expected
        else:
            data = _parse_or_none(new, document.as_json) if new is not None else None
        reformatted = data != expected
        if reformatted or raw is None or new is None:
            # The line-by-line placement failed or misplaced something: write the whole
            # document as the serialiser does (comments kept) rather than guess.
            new, data = after, expected
            raw = after.replace("\n", document.newline)
        return _finish(file, "\ufeff" if document.bom else "", document.raw, raw, new, data, notes,
                       dry_run=dry_run, reformatted=reformatted)


def _run_change(change: Callable[[Any], list[str] | None], data: Any, file: Path) -> list[str]:
    try:
        return change(data) or []
    except PoleError as error:
        error.problems = [p if p.file else dataclasses.replace(p, file=str(file)) for p in error.problems]
        raise


def _try_fast_edit(file: Path, change: Callable[[Any], list[str] | None]
                   ) -> tuple[str, str, str, str, Any, list[str]] | None:
    """The fast path for a large YAML file (see :func:`_fast_edit`), or ``None``."""
    text = read_text(file)
    if _is_json(file, text):
        return None
    try:
        threshold = int(os.environ.get("PTCE_FAST_EDIT_LINES", FAST_EDIT_LINES))
    except ValueError:
        threshold = FAST_EDIT_LINES
    if text.count("\n") <= threshold:
        return None
    with file.open("rb") as handle:
        bom = "\ufeff" if handle.read(3) == b"\xef\xbb\xbf" else ""
    plain = text.replace("\r\n", "\n")
    crlf = text.count("\r\n")
    newline = "\r\n" if crlf > text.count("\n") - crlf else "\n"
    result = _fast_edit(file, text, plain, newline, lambda data: _run_change(change, data, file))
    if result is None:
        return None
    raw, data, notes = result
    return bom, text, raw, raw.replace("\r\n", "\n"), data, notes


def _finish(file: Path, bom: str, old_raw: str, raw: str, new: str, data: Any, notes: list[str], *,
            dry_run: bool, reformatted: bool = False) -> Edit:
    """Validate the new text and write it (unless ``dry_run``)."""
    pole = _validate(data, new, file)
    written = False
    if not dry_run and raw != old_raw:
        _check_writable(file)
        atomic_write(file, bom + raw)
        written = True
        if not _is_json(file, new):
            _remember_valid(file, file_digest((bom + raw).encode("utf-8")), data)
    return Edit(file, bom + old_raw, bom + raw, pole, written, notes, reformatted, data)


# --- the versions of files known to be valid ------------------------------------------

#: The data of the last versions of files read or written by an edit and found valid, by file
#: and hash of its bytes: a process that edits one file again and again (``ptce serve``) reads
#: and validates each version once.  Holds plain data that nothing changes (edits change a copy).
_VALID: dict[tuple[str, str], Any] = {}
_VALID_KEPT = 4


def remember_valid(path: str | os.PathLike[str], digest: str, data: Any) -> None:
    """Tell the editing path that the version ``digest`` (:func:`file_digest`) of a YAML file gives ``data``
    (plain, as :func:`~ptce_kit.io.files.parse_text` reads it) and is a valid pole: a process that has
    just read and validated the file (``ptce serve``) spares the next edit doing it again.

    ``data`` must not be changed afterwards (edits change a copy).
    """
    file = Path(os.path.realpath(path))
    if not _is_json(file, ""):
        _remember_valid(file, digest, data)


def _remember_valid(file: Path, digest: str, data: Any) -> None:
    key = (str(file), digest)
    _VALID.pop(key, None)
    _VALID[key] = data
    while len(_VALID) > _VALID_KEPT:
        del _VALID[next(iter(_VALID))]


def _valid_data(file: Path, text: str, digest: str) -> Any:
    """The file's data, parsed and validated (a bad file raises the loader's ``PoleError``), once per version."""
    key = (str(file), digest)
    if key in _VALID:
        return _VALID[key]
    data = parse_text(text, file=file)
    # A file must be valid before it is edited, so that every later error is the edit's.
    pole_from_data(data, file=file, text=text)
    _remember_valid(file, digest, data)
    return data


def _copy_plain(value: Any) -> Any:
    """A copy of plain data (dicts, lists and immutable scalars) to change freely; faster than deepcopy."""
    kind = type(value)
    if kind is dict:
        return {k: _copy_plain(v) for k, v in value.items()}
    if kind is list:
        return [_copy_plain(v) for v in value]
    if value is None or kind in (str, int, float, bool):
        return value
    import copy

    return copy.deepcopy(value)


def _check_writable(file: Path) -> None:
    """Refuse to edit a file its owner made read-only (even as root, who could)."""
    mode = stat.S_IMODE(file.stat().st_mode)
    if mode & 0o222 == 0 or not os.access(file, os.W_OK):
        raise PoleError(
            [Problem(Message("the file is read-only (mode {mode}), so nothing was changed", mode=f"{mode:04o}"),
                     file=str(file), code="PTCE-E316",
                     hint=Message("if it is meant to be edited, make it writable first (chmod u+w {file}) and run "
                                  "the command again", file=str(file)))],
            summary=Message("cannot edit {name}", name=file.name),
        )


# --- the fast path: large YAML files, without a round trip of the whole document -----

#: Files of more lines than this are edited by :func:`_fast_edit` (see there); smaller ones by
#: the round trip alone (``PTCE_FAST_EDIT_LINES`` changes it).  Every file takes the fast path
#: first: it writes what the round trip writes (tests/io/test_edit.py), in a fraction of its time,
#: and hands over to the round trip whenever it cannot place a change.
FAST_EDIT_LINES = 0


_TOP_KEY = re.compile(r"""^(?:[^\s#\-'"{\[?&*!|>%@`][^:#]*|'[^']*'|"[^"]*")\s*:(?:\s|$)""")


class _Fallback(Exception):
    """The fast path cannot place this change: take the round trip."""


def _c_loader() -> Any:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _is_block(node: Any) -> bool:
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return node.style in ("|", ">")
    return not node.flow_style


class _Patcher:
    """Changes between two plain versions of a document, as edits of its lines.

    The original is composed once by the C loader (for the marks: where each node is);
    only the parts that differ are serialised again, by ruamel.yaml with the file's own
    indents, and put in place of their lines.  Anything unusual raises ``_Fallback``.
    """

    def __init__(self, text: str, lines: list[str]) -> None:
        self.text = text
        self.lines = lines
        self.edits: list[tuple[int, int, list[str]]] = []
        self.yaml = _yaml()
        self.yaml.indent(*_guess_indent(text))

    # where things are
    def end(self, node: Any) -> int:
        """The line after the last line of ``node``, blank lines and comments after it left out."""
        mark = node.end_mark
        end: int
        if _is_block(node):
            # The mark is where the next token starts; at the end of a file without a final
            # line end it is at the end of the last line instead.
            last = mark.line < len(self.lines) and mark.column >= len(self.lines[mark.line].rstrip("\n"))
            end = mark.line + (1 if mark.column > 0 and last else 0)
        else:
            end = mark.line + 1
        start = node.start_mark.line
        while end > start + 1 and _is_filler(self.lines[end - 1]):
            end -= 1
        return end

    def dash(self, item: Any) -> tuple[int, int]:
        """The line and column of the ``-`` of a block sequence item."""
        line = item.start_mark.line
        text = self.lines[line]
        column = item.start_mark.column - 1
        while column >= 0 and text[column] == " ":
            column -= 1
        if column < 0 or text[column] != "-" or text[:column].strip():
            raise _Fallback
        return line, column

    # how things are written
    def render(self, value: Any, column: int, *, key: str | None = None) -> list[str]:
        wrapped = {key: value} if key is not None else {"k": [value]}
        buffer = io.StringIO()
        self.yaml.dump(to_node_styled(wrapped), buffer)
        out = buffer.getvalue().splitlines(keepends=True)
        if key is None:
            out = out[1:]
            here = len(out[0]) - len(out[0].lstrip(" "))
        else:
            here = 0
        shift = column - here
        if shift < 0 and any(line.strip() and _indent(line) < -shift for line in out):
            raise _Fallback
        return [(" " * shift + line if shift >= 0 else line[-shift:]) if line.strip() else line for line in out]

    # what changed
    def pair(self, key_node: Any, value_node: Any, key: str, new: Any) -> None:
        start, end = key_node.start_mark.line, self.end(value_node)
        rendered = self.render(_styled(key, new, value_node), key_node.start_mark.column, key=key)
        if end - start == 1:
            rest = self.lines[start][value_node.end_mark.column:]
            if rest.strip().startswith("#"):  # the comment at the end of the line stays
                if len(rendered) == 1:
                    rendered = [rendered[0].rstrip("\n") + rest]
                elif rendered[0].rstrip("\n").endswith(":"):
                    # ``key: []  # note`` that becomes a block: the comment stays on the key's
                    # line, at its column, as the round trip places it.
                    head = rendered[0].rstrip("\n")
                    column = value_node.end_mark.column + len(rest) - len(rest.lstrip())
                    rendered = [head + " " * max(1, column - len(head)) + rest.lstrip(), *rendered[1:]]
                else:
                    raise _Fallback
        self.edits.append((start, end, rendered))

    def mapping(self, node: Any, old: dict[Any, Any], new: dict[Any, Any]) -> None:
        import yaml

        if not isinstance(node, yaml.MappingNode) or not _is_block(node):
            raise _Fallback
        nodes = {}
        for key_node, value_node in node.value:
            nodes[key_node.value] = (key_node, value_node)
        old_keys, new_keys = list(old), list(new)
        kept = [k for k in new_keys if k in old]
        if kept != [k for k in old_keys if k in new] or set(nodes) != set(old_keys):
            raise _Fallback  # keys moved, or a key the composer does not see as text
        column = node.value[0][0].start_mark.column if node.value else None
        for key in old_keys:
            if key not in new:
                key_node, value_node = nodes[key]
                self.edits.append((key_node.start_mark.line, self.end(value_node), []))
            elif old[key] != new[key]:
                self.value(nodes[key][1], old[key], new[key], functools.partial(self.pair, *nodes[key], key))
        previous, run = None, []  # new keys after the same old one go in together, in their order
        for key in [*new_keys, None]:
            if key is not None and key not in old:
                run.append(key)
                continue
            if run:
                if column is None:
                    raise _Fallback
                at = self.end(nodes[previous][1]) if previous is not None else node.value[0][0].start_mark.line
                self.edits.append((at, at, [line for k in run
                                            for line in self.render(_styled(k, new[k], None), column, key=k)]))
                run = []
            previous = key

    def sequence(self, node: Any, old: list[Any], new: list[Any]) -> None:
        import yaml

        if not isinstance(node, yaml.SequenceNode) or not _is_block(node) or not node.value:
            raise _Fallback
        places = [self.dash(item) for item in node.value]
        column = places[0][1]
        if any(c != column for _, c in places):
            raise _Fallback
        # Records are matched by their id, so that a record changed while another is added keeps
        # its lines and comments (the round trip changes it in place); other items by content.
        a, b = _identities(old), _identities(new)
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if tag == "equal":
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                    if old[i] != new[j]:
                        self.value(node.value[i], old[i], new[j],
                                   functools.partial(self.item, node.value[i], column=column))
                continue
            if tag == "replace" and i2 - i1 == j2 - j1:
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                    self.value(node.value[i], old[i], new[j], functools.partial(self.item, node.value[i], column=column))
                continue
            for i in range(i1, i2):
                start = places[i][0]
                if i == len(old) - 1 and i > 0 and i1 == i and j1 == j2:
                    # The last item goes with the comments that introduced it, as in the round trip.
                    start = self.end(node.value[i - 1])
                self.edits.append((start, self.end(node.value[i]), []))
            if j1 < j2:
                at = self.end(node.value[i1 - 1]) if i1 > 0 else places[0][0]
                rendered = [line for j in range(j1, j2) for line in self.render(new[j], column)]
                self.edits.append((at, at, rendered))

    def item(self, item_node: Any, new: Any, column: int) -> None:
        line, _ = self.dash(item_node)
        self.edits.append((line, self.end(item_node), self.render(_styled(None, new, item_node), column)))

    def value(self, node: Any, old: Any, new: Any, replace: Callable[[Any], None]) -> None:
        """Change ``node`` from ``old`` to ``new``: inside it when both are block collections of a kind."""
        if isinstance(old, dict) and isinstance(new, dict) and _is_block(node) and old:
            try:
                mark = len(self.edits)
                self.mapping(node, old, new)
                return
            except _Fallback:
                del self.edits[mark:]
        if isinstance(old, list) and isinstance(new, list) and _is_block(node) and old:
            mark = len(self.edits)
            try:
                self.sequence(node, old, new)
                return
            except _Fallback:
                del self.edits[mark:]
        replace(new)


def _identities(items: list[Any]) -> list[str]:
    """What matches an item of a list with its new version: a record's id, or the whole item."""
    return [f"id:{x['id']}" if isinstance(x, dict) and isinstance(x.get("id"), str)
            else json.dumps(x, sort_keys=True, default=str) for x in items]


def _styled(key: str | None, value: Any, node: Any) -> Any:
    """``value`` as it is written again: dates plain, and flow style where the file had it."""
    import yaml

    if key in DATE_FIELDS:
        value = date_node(value)
    if isinstance(node, yaml.ScalarNode) and node.style in ("'", '"') and isinstance(value, str) \
            and "\n" not in value:
        from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

        return (SingleQuotedScalarString if node.style == "'" else DoubleQuotedScalarString)(value)
    # An empty flow collection (``actors: []``) that gets items is written in block style, as
    # the round trip writes it; a flow collection with items keeps its style.
    flow = node is not None and not isinstance(node, yaml.ScalarNode) and node.flow_style and bool(node.value)
    if flow and isinstance(value, list) and not hasattr(value, "fa"):
        from ruamel.yaml.comments import CommentedSeq

        value = CommentedSeq(value)
        value.fa.set_flow_style()
    elif flow and isinstance(value, dict) and not hasattr(value, "fa"):
        from ruamel.yaml.comments import CommentedMap

        value = CommentedMap(value)
        value.fa.set_flow_style()
    return value


def to_node_styled(value: Any) -> Any:
    """Plain data inside ``value`` as round-trip nodes, keeping the nodes (and styles) already there."""
    if hasattr(value, "fa"):
        return value
    if isinstance(value, dict):
        return {k: to_node_styled(date_node(v) if k in DATE_FIELDS else v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_node_styled(v) for v in value]
    if isinstance(value, str) and "\n" in value:
        return to_node(value)
    return value


def _fast_edit(file: Path, raw: str, text: str, newline: str,
               change: Callable[[Any], list[str] | None]) -> tuple[str, Any, list[str]] | None:
    """Edit a large YAML file by its changed parts only; ``None`` when the round trip must do it.

    The file is read by the C loader, changed as plain data (``change`` works on plain
    dicts and lists as for a JSON file), and only the parts that differ are written
    again.  The result is read back and must give exactly the changed data, or it is
    thrown away for the round trip.
    """
    import yaml

    old = _valid_data(file, text, file_digest(file.read_bytes()))
    new = _copy_plain(old)
    try:
        notes = change(new) or []
    except PoleError as error:
        # Plain data has no line numbers: find those of the fields the refusal names.
        if any(p.path and p.line is None for p in error.problems):
            from .locate import PositionIndex

            index = PositionIndex(text)
            error.problems = [dataclasses.replace(p, line=index.locate(p.path)[0]) if p.path and p.line is None
                              else p for p in error.problems]
        raise
    except Exception:  # noqa: BLE001 - a change written for round-trip nodes only: take the round trip
        return None
    expected = as_plain(new)
    if expected == old:
        return raw, expected, notes
    if not isinstance(old, dict) or not isinstance(expected, dict) or list(old) != list(expected):
        return None  # a top-level key added, removed or moved: the round trip places it
    lines = text.splitlines(keepends=True)
    raw_lines = raw.splitlines(keepends=True)
    if len(raw_lines) != len(lines):
        return None
    # Where each top-level key starts: only the blocks that change are composed and read back.
    starts = [i for i, line in enumerate(lines) if _TOP_KEY.match(line)]
    if len(starts) != len(old):
        return None
    starts.append(len(lines))
    patcher = _Patcher(text, lines)
    changed: list[tuple[str, int, int, int]] = []  # key, first and after-last line, growth in lines
    for (key, value), start, stop in zip(old.items(), starts, starts[1:], strict=False):
        if value == expected[key]:
            continue
        first_edit = len(patcher.edits)
        part = _sequence_part(lines, start, stop, value, expected[key], new[key])
        if part is not None:
            # A long list changed in a few items: only those, and their neighbours, are composed.
            try:
                block = yaml.compose(part[0], Loader=_c_loader())
                if isinstance(block, yaml.MappingNode) and len(block.value) == 1 \
                        and block.value[0][0].value == key:
                    patcher.value(block.value[0][1], part[1], part[2], _no_replace)
                    edits = patcher.edits[first_edit:]
                    if edits and all(start < a <= b <= stop for a, b, _ in edits):
                        changed.append((key, start, stop, sum(len(chunk) - (b - a) for a, b, chunk in edits)))
                        continue
            except (_Fallback, yaml.YAMLError, IndexError, AttributeError):
                pass
            del patcher.edits[first_edit:]
        try:
            block = yaml.compose("\n" * start + "".join(lines[start:stop]), Loader=_c_loader())
            if not isinstance(block, yaml.MappingNode) or len(block.value) != 1:
                return None
            key_node, value_node = block.value[0]
            if key_node.value != key:
                return None
            patcher.value(value_node, value, new[key], functools.partial(patcher.pair, key_node, value_node, key))
        except (_Fallback, yaml.YAMLError, IndexError, AttributeError):
            return None
        edits = patcher.edits[first_edit:]
        if any(not start <= a <= b <= stop for a, b, _ in edits):
            return None
        changed.append((key, start, stop, sum(len(chunk) - (b - a) for a, b, chunk in edits)))
    # From the end of the file back, so that earlier lines keep their numbers; of two insertions at
    # one place, the later one is made first, which leaves them in the order they were made.
    order = sorted(range(len(patcher.edits)), key=lambda k: (patcher.edits[k][0], patcher.edits[k][1], k),
                   reverse=True)
    for start, end, chunk in (patcher.edits[k] for k in order):
        if newline != "\n":
            chunk = [line[:-1] + newline if line.endswith("\n") else line for line in chunk]
        raw_lines[start:end] = chunk
    result = "".join(raw_lines)
    # Read back the changed blocks only: the others are the same text as before.
    shift = 0
    for key, start, stop, grow in changed:
        piece = "".join(raw_lines[start + shift:stop + shift + grow]).replace("\r\n", "\n")
        if _parse_or_none(piece, False) != {key: expected[key]}:
            return None
        shift += grow
    return result, expected, notes


def _no_replace(_value: Any) -> None:
    raise _Fallback


_DASH = re.compile(r"^( *)-(?: |$)")


def _sequence_part(lines: list[str], start: int, stop: int, old: Any, expected: Any, new: Any
                   ) -> tuple[str, list[Any], list[Any]] | None:
    """The text to compose for the changed items of a long top-level block list, and those items.

    The list's items are found by their dashes at the first item's column; the text keeps
    the key's line and the lines from the item before the first change to the item after
    the last one, at their own line numbers (blank lines stand for the others), so that
    the composed marks are those of the whole file.  ``None`` when the list is short, or
    its items cannot be told apart by their lines: the whole block is composed then.
    """
    if not isinstance(old, list) or not isinstance(expected, list) or not isinstance(new, list) or len(old) < 8:
        return None
    head = 0
    while head < min(len(old), len(expected)) and old[head] == expected[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(expected)) - head and old[-1 - tail] == expected[-1 - tail]:
        tail += 1
    if head < 2:
        return None
    first = None
    for number in range(start + 1, stop):
        if not _is_filler(lines[number]):
            first = number
            break
    if first is None:
        return None
    found = _DASH.match(lines[first])
    if found is None:
        return None
    column = len(found.group(1))
    dashes = [number for number in range(first, stop) if lines[number][column:column + 1] == "-"
              and not lines[number][:column].strip() and _DASH.match(lines[number][column:]) is not None]
    if len(dashes) != len(old):
        return None
    begin = head - 1  # the item before the first change: where new items go after
    end = len(old) - tail + 1 if tail >= 2 else len(old)  # and the one after the last change, if any
    until = dashes[end] if end < len(old) else stop
    if until <= dashes[begin]:
        return None
    text = "\n" * start + lines[start] + "\n" * (dashes[begin] - start - 1) + "".join(lines[dashes[begin]:until])
    new_end = len(new) - (len(old) - end)
    return text, old[begin:end], list(new[begin:new_end])


def _parse_or_none(text: str, as_json: bool) -> Any:
    try:
        return parse_text(text, as_json=as_json)
    except PoleError:
        return None


def _validate(data: Any, text: str, file: Path) -> Pole:
    try:
        return pole_from_data(data, file=file, text=text)
    except PoleError as error:
        # The lines are those of a file that was not written: name the fields only.
        problems = [dataclasses.replace(p, line=None, column=None) for p in error.problems]
        raise PoleError(problems, summary=Message("the change would make {name} invalid, so nothing was written",
                                                  name=file.name)) from None


def as_plain(value: Any) -> Any:
    """Round-trip nodes as plain Python data (dicts, lists, str, int, float, bool, None)."""
    kind = type(value)
    if value is None or kind is str or kind is int or kind is float or kind is bool:
        return value
    if kind is dict:
        return {k if type(k) is str else str(k): as_plain(v) for k, v in value.items()}
    if kind is list:
        return [as_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): as_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return value


__all__ += ["Document", "DateText", "as_plain"]

