"""Writing files without losing anything the user has: atomic writes, output folders, the guard.

Every file ptce-kit writes goes through :func:`atomic_write` (or, for a file too large to
hold in memory, :func:`atomic_writer`, which streams it), and every path a person
gives with ``-o`` goes first through :func:`check_output`:

* a command never writes over its own input, even when told to (``--force``);
* without ``force`` it never writes over a pole's data file, the key of the pseudonyms
  (``.ptce-secret``), or any existing file it did not make itself (the caller says how
  to recognise its own outputs, with ``ours``);
* only regular files are written: a symbolic link, a pipe, a device or a folder at the
  path is refused, never replaced;
* a write that fails (disk full, folder missing or read-only…) raises a ``PoleError``
  naming the file and what to do, and leaves neither a half-written file nor a
  temporary one behind.

This module is on the ground floor: it imports only the standard library and
:mod:`ptce_kit.errors`.
"""

from __future__ import annotations

import dataclasses
import errno
import io
import os
import re
import stat
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from .errors import PoleError, Problem
from .i18n import Message, N_

__all__ = [
    "POLE_FILE_NAMES",
    "SECRET_FILE_NAME",
    "ZIP_EPOCH",
    "atomic_write",
    "atomic_writer",
    "check_output",
    "deterministic_zip",
    "output_folder",
    "is_pole_file",
    "read_head",
]

#: The names of a pole's data file.
POLE_FILE_NAMES = ("pole.yaml", "pole.yml", "pole.json")
#: The key of the pseudonyms (see :mod:`ptce_kit.privacy`): never written over.
SECRET_FILE_NAME = ".ptce-secret"

#: The date of every member of an archive ptce-kit writes, unless one is given: the
#: earliest a ZIP can hold.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)

#: Bytes read from an existing file to recognise what it is.
_HEAD_BYTES = 1 << 16
_FORMAT_LINE = re.compile(rb"""(?m)^(?:format\s*:\s*["']?ptce/|[\s{]*"format"\s*:\s*"ptce/)""")
_FORCE_HINT = N_("choose another file name, delete or move the file first, or add --force to write over it")


def read_head(path: str | os.PathLike[str], size: int = _HEAD_BYTES) -> bytes:
    """The first ``size`` bytes of a regular file (``b""`` when it cannot be read)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return b""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return b""
        return os.read(fd, size)
    except OSError:
        return b""
    finally:
        os.close(fd)


def is_pole_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a pole's data file: named ``pole.yaml``/``pole.json``, or holding ``format: ptce/…``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = Path(tmp) / "copy.yaml"
    ...     _ = p.write_text("# kept\\nformat: ptce/1\\nid: x\\n")
    ...     is_pole_file(p), is_pole_file(Path(tmp) / "pole.yaml")
    (True, True)
    """
    path = Path(path)
    return path.name.lower() in POLE_FILE_NAMES or bool(_FORMAT_LINE.search(read_head(path, 1 << 20)))


def _kind_of(mode: int) -> str | None:
    """What a non-regular file is, as a person names it (``None`` for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return N_("a symbolic link")
    if stat.S_ISDIR(mode):
        return N_("a folder")
    if stat.S_ISFIFO(mode):
        return N_("a named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return N_("a device")
    if stat.S_ISSOCK(mode):
        return N_("a socket")
    return N_("not a regular file")  # pragma: no cover - other kinds of node


def _same_file(a: os.stat_result, path: Path) -> bool:
    try:
        b = path.stat()
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _refuse(path: str | os.PathLike[str], reason: str, hint: str, code: str = "PTCE-E400") -> PoleError:
    """The error of a path that may not be written: the summary names it, the problem says why."""
    return PoleError([Problem(reason, file=str(path), hint=hint, code=code)],
                     summary=Message("cannot write {path}", path=str(path)))


def check_output(path: str | os.PathLike[str], *, inputs: Iterable[str | os.PathLike[str]] = (),
                 ours: Callable[[Path], bool] | None = None, force: bool = False,
                 folder: bool = False) -> Path:
    """Check that a command may write ``path``, or raise a ``PoleError`` saying why not.

    Parameters
    ----------
    path : path-like
        Where the command would write (``-o``).
    inputs : iterable of path-like
        The files the command reads: never written over, even with ``force``.
    ours : callable, optional
        ``ours(path)`` tells whether an existing file is an earlier output of the same
        command (a GraphML file for a GraphML export, a CSV with our header…); such a
        file is replaced without ``force``.  Without it, any existing file needs ``force``.
    force : bool
        Write over an existing regular file the command did not make (``--force``); a
        command's own input, links, pipes, devices and folders are refused all the same.
    folder : bool
        ``path`` is a folder to write into (created if missing) rather than a file.

    Returns
    -------
    Path
        ``path``, as a ``Path``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     mine = Path(tmp) / "notes.txt"
    ...     _ = mine.write_text("my own notes")
    ...     try:
    ...         check_output(mine)
    ...     except PoleError as error:
    ...         print("refused:", "--force" in error.problems[0].hint)
    ...     check_output(mine, force=True) == mine
    refused: True
    True
    """
    text = os.fspath(path)
    if text == "":
        raise PoleError.single(N_("no output file given (the name is empty)"), code="PTCE-E401",
                               hint=N_("give with -o the name of the file to write"))
    path = Path(text)
    if text == "-":
        raise _refuse(path, N_("this command cannot write to the standard output ('-')"),
                      N_("give with -o the name of a file"))
    if text.endswith(os.sep) and not folder:
        raise _refuse(path, N_("the name ends with a '/', which names a folder"), N_("give the name of a file"))
    parent = path.parent
    if not parent.is_dir():
        what = N_("the folder {folder} is not a folder") if parent.exists() else N_("the folder {folder} does not exist")
        raise _refuse(path, Message(what, folder=str(parent)),
                      Message("create it first (mkdir -p {folder}) or choose another path", folder=str(parent)),
                      "PTCE-E402")
    try:
        info = path.lstat()
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise _refuse(path, exc.strerror or str(exc), N_("check the path")) from None
    kind = _kind_of(info.st_mode)
    if folder:
        if stat.S_ISDIR(info.st_mode) or (stat.S_ISLNK(info.st_mode) and path.is_dir()):
            return path
        raise _refuse(path, Message("it is {kind}, not a folder", kind=Message(kind or N_("a file"))),
                      N_("give the name of a folder (a new one is created)"))
    if kind is not None:
        hint = (N_("give the name of a file, not of a folder") if kind == "a folder"
                else N_("give the path of a regular file; ptce never writes through links, pipes or devices"))
        raise _refuse(path, Message("it is {kind}, not a regular file", kind=Message(kind)), hint)
    for source in inputs:
        if _same_file(info, Path(source)):
            raise _refuse(path, N_("it is the command's own input, which would be lost"),
                          N_("write the output to another file"))
    if force:
        return path
    if path.name == SECRET_FILE_NAME:
        raise _refuse(path, N_("it is the key of the pseudonyms, which cannot be made again"), _FORCE_HINT)
    if ours is not None and ours(path):
        return path
    if is_pole_file(path):
        raise _refuse(path, N_("it is a pole's data file"), _FORCE_HINT)
    raise _refuse(path, N_("the file exists and was not made by this command"), _FORCE_HINT)


def output_folder(path: str | os.PathLike[str]) -> Path:
    """Create the folder generated files go into (and its parents), or say why it cannot be.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     output_folder(Path(tmp) / "out" / "docs").is_dir()
    True
    """
    out = Path(path)
    if os.fspath(path) == "":
        raise PoleError.single(N_("no output folder given (the name is empty)"), code="PTCE-E401",
                               hint=N_("give with -o the folder to write into"))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise PoleError.single(Message("cannot create the output folder {folder}: a file of that name is in the way",
                                       folder=str(out)), file=out, code="PTCE-E402",
                               hint=N_("give with -o a folder, not a file")) from None
    except OSError as exc:
        raise PoleError.single(Message("cannot create the output folder {folder}: {reason}", folder=str(out),
                                       reason=exc.strerror or str(exc)), file=out, code="PTCE-E402",
                               hint=N_("give with -o a folder you may write into")) from None
    return out


def _write_error(path: Path, exc: OSError) -> PoleError:
    """The ``PoleError`` of a write that failed, with what to do about it."""
    code = exc.errno
    reason: str
    hint: str
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        reason, hint = N_("the disk is full"), N_("free some space (or write elsewhere) and run the command again")
    elif code in (errno.EACCES, errno.EPERM):
        reason, hint = N_("permission denied"), N_("write into a folder you may write to, or check its permissions")
    elif code == errno.EROFS:
        reason, hint = N_("the disk is read-only"), N_("write the file somewhere else")
    elif code == errno.ENOENT:
        reason, hint = N_("the folder does not exist"), Message("create it first (mkdir -p {folder})", folder=str(path.parent))
    elif code in (errno.EISDIR, errno.ENOTDIR):
        reason, hint = N_("a folder is in the way"), N_("give the name of a file inside an existing folder")
    elif code == errno.ENAMETOOLONG:
        reason, hint = N_("the name is too long"), N_("choose a shorter file name")
    else:
        reason, hint = exc.strerror or str(exc), N_("check the path and the disk, then run the command again")
    return _refuse(path, Message("{reason}; nothing was written", reason=Message(reason)), hint, "PTCE-E403")


def _keep_owner_and_mode(fd: int, info: os.stat_result | None) -> None:
    """Give the new file the mode (and, when allowed, the owner and group) of the one it replaces."""
    if info is None:
        os.fchmod(fd, 0o644)
        return
    if hasattr(os, "fchown"):
        try:
            os.fchown(fd, info.st_uid, info.st_gid)
        except PermissionError:
            try:  # not root: at least the group, when we belong to it
                os.fchown(fd, -1, info.st_gid)
            except PermissionError:
                pass
    os.fchmod(fd, stat.S_IMODE(info.st_mode))


def atomic_write(path: str | os.PathLike[str], content: str | bytes) -> None:
    """Write a file so that readers see the old or the new content, never a half.

    The content goes to a temporary file in the same folder, is flushed to disk, then
    renamed over the target, which keeps its mode, owner and group.  A target with
    other hard links is written in place instead (a rename would split the link): its
    old content is first saved next to it as ``.NAME.ptce-backup``, put back if the
    write fails, and removed once the new content is on disk.

    Links, pipes, devices and folders at ``path`` are refused.  Any failure raises a
    ``PoleError`` naming the file; no temporary file is left behind.
    """
    path = Path(path)
    info = _target_state(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    if info is not None:
        if info.st_nlink > 1:
            _write_in_place(path, data, info)
            return
    fd, tmp = _temporary_beside(path)
    try:
        try:
            _keep_owner_and_mode(fd, info)
            _write_all(fd, data)  # flushed to disk there
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _write_error(path, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def atomic_writer(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Stream a file's bytes so that readers see the old or the new content, never a half.

    :func:`atomic_write` for content too large to hold in memory at once (a national
    graph's GraphML): the ``with`` block writes into a binary file opened on a temporary
    file in the same folder; when the block ends without an error, the file is flushed
    to disk and renamed over ``path``, which keeps its mode, owner and group.  When the
    block raises, the temporary file is removed and the target is left as it was.  A
    target with other hard links is written in place through :func:`atomic_write` once
    the content is complete.

    Links, pipes, devices and folders at ``path`` are refused; a failure raises a
    ``PoleError`` naming the file, and no temporary file is left behind.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     target = Path(tmp) / "big.txt"
    ...     with atomic_writer(target) as out:
    ...         _ = out.write(b"one ")
    ...         _ = out.write(b"two")
    ...     target.read_text(), sorted(p.name for p in Path(tmp).iterdir())
    ('one two', ['big.txt'])
    """
    path = Path(path)
    info = _target_state(path)
    fd, tmp = _temporary_beside(path)
    try:
        try:
            _keep_owner_and_mode(fd, info)
            out = io.BufferedWriter(_Descriptor(fd), buffer_size=1 << 20)
            try:
                yield out
                out.flush()
            finally:
                out.close()
            os.fsync(fd)
        finally:
            os.close(fd)
        if info is not None and info.st_nlink > 1:
            _write_in_place(path, Path(tmp).read_bytes(), info)
            Path(tmp).unlink()
        else:
            os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _write_error(path, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _temporary_beside(path: Path) -> tuple[int, str]:
    """A new temporary file in ``path``'s folder (so that the final rename stays on one disk)."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise _write_error(path, exc) from None


def _target_state(path: Path) -> os.stat_result | None:
    """What is at ``path`` now (``None``: nothing), after refusing an empty name and anything
    but a regular file: ptce never writes through links, pipes or devices."""
    if os.fspath(path) in ("", "."):
        raise PoleError.single(N_("no output file given (the name is empty)"), code="PTCE-E401",
                               hint=N_("give the name of the file to write"))
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _write_error(path, exc) from None
    kind = _kind_of(info.st_mode)
    if kind is not None:
        raise _refuse(path, f"it is {kind}, not a regular file",
                      "give the path of a regular file; ptce never writes through links, pipes or devices")
    return info


class _Descriptor(io.RawIOBase):
    """A file descriptor written with ``os.write``, as :func:`atomic_write` writes: one path to the
    disk, so a full disk (``ENOSPC``) is met, and told, the same way by every writer."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        return os.write(self._fd, data)


def _write_in_place(path: Path, data: bytes, info: os.stat_result) -> None:
    """Write a hard-linked file through its own inode, with a backup of the old content."""
    backup = path.with_name(f".{path.name}.ptce-backup")
    try:
        old = path.read_bytes()
    except OSError as exc:
        raise _write_error(path, exc) from None
    atomic_write(backup, old)
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        backup.unlink(missing_ok=True)
        raise _write_error(path, exc) from None
    try:
        if (os.fstat(fd).st_dev, os.fstat(fd).st_ino) != (info.st_dev, info.st_ino):
            raise _refuse(path, N_("the file changed while it was written"), N_("run the command again"))
        try:
            _write_all(fd, data)
        except OSError as exc:
            error = _write_error(path, exc)
            try:
                _write_all(fd, old)
            except OSError:
                error.problems[0] = dataclasses.replace(
                    error.problems[0], hint=Message("its old content is kept in {backup}: copy it back over {name}",
                                                    backup=str(backup), name=path.name))
                raise error from None
            backup.unlink(missing_ok=True)
            raise error from None
    finally:
        os.close(fd)
    backup.unlink(missing_ok=True)


def _write_all(fd: int, data: bytes) -> None:
    os.lseek(fd, 0, os.SEEK_SET)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    os.ftruncate(fd, len(data))
    os.fsync(fd)


def deterministic_zip(data: bytes, *, date_time: tuple[int, int, int, int, int, int] = ZIP_EPOCH,
                      edit: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """The same ZIP archive (ODT, DOCX, XLSX…) with nothing of when or where it was made.

    Every member is dated ``date_time`` and marked as a Unix file of mode 0644, so that
    the same data gives the same bytes on any machine, any day.  The members keep their
    order and compression: an OpenDocument's ``mimetype`` stays first and stored.

    Parameters
    ----------
    data : bytes
        The archive, as a library wrote it.
    date_time : tuple of int
        ``(year, month, day, hour, minute, second)`` of every member; 1980 at the earliest.
    edit : callable, optional
        ``edit(name, content)`` returns a member's new content (to fix a date written
        inside a document's properties, for instance).

    Returns
    -------
    bytes
        The rewritten archive.

    Examples
    --------
    >>> import io
    >>> raw = io.BytesIO()
    >>> with zipfile.ZipFile(raw, "w") as archive:
    ...     archive.writestr("a.txt", "hello")
    >>> fixed = deterministic_zip(raw.getvalue())
    >>> zipfile.ZipFile(io.BytesIO(fixed)).getinfo("a.txt").date_time
    (1980, 1, 1, 0, 0, 0)
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if edit is not None:
                content = edit(info.filename, content)
            member = zipfile.ZipInfo(info.filename, date_time=date_time)
            member.compress_type = info.compress_type
            member.external_attr = 0o644 << 16
            member.create_system = 3  # Unix, whatever the system that writes it
            target.writestr(member, content)
    return out.getvalue()
