"""The documents' templates compiled once, on disk: Jinja's bytecode cache, where ptce-kit keeps it.

Compiling the charter's, the registry's and the fiche's templates (parsing them, writing
their Python code, compiling it) took about a fifth of ``ptce build``'s time, in every
process.  Each compiled template is kept in a file of the user's cache folder and loaded
from there by the next process, as long as the template's text is the same (Jinja compares
a checksum of the source) and Jinja, Python and ptce-kit's code that compiles the templates
are the same (they name the folder: versions and a fingerprint of that code).

Where: ``PTCE_CACHE_DIR`` when set (an empty value turns the cache off), else the user's
cache folder: ``$XDG_CACHE_HOME/ptce-kit`` or ``~/.cache/ptce-kit`` on Linux,
``~/Library/Caches/ptce-kit`` on macOS, ``%LOCALAPPDATA%\\ptce-kit\\Cache`` on Windows.  A
folder that cannot be written (read-only, full disk) only means the templates are
compiled again: a build never fails because of its cache.

Examples
--------
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     cache = bytecode_cache("markdown", environ={"PTCE_CACHE_DIR": folder})
...     cache is not None and cache.directory.startswith(folder)
True
>>> bytecode_cache("markdown", environ={"PTCE_CACHE_DIR": ""}) is None
True
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jinja2 import BytecodeCache

__all__ = ["CACHE_ENV", "cache_root", "bytecode_cache"]

#: The environment variable that chooses the cache folder (empty: no cache).
CACHE_ENV = "PTCE_CACHE_DIR"


def cache_root(environ: Mapping[str, str] | None = None) -> Path | None:
    """ptce-kit's cache folder (see the module's docstring), or ``None`` when turned off.

    ``environ`` stands for ``os.environ`` (the default).

    Examples
    --------
    >>> cache_root({"PTCE_CACHE_DIR": "/somewhere/cache"}).as_posix()
    '/somewhere/cache'
    >>> cache_root({"PTCE_CACHE_DIR": ""}) is None
    True
    """
    environ = os.environ if environ is None else environ
    chosen = environ.get(CACHE_ENV)
    if chosen is not None:
        return Path(chosen).expanduser() if chosen.strip() else None
    if sys.platform == "win32":
        base = environ.get("LOCALAPPDATA")
        return Path(base) / "ptce-kit" / "Cache" if base else Path.home() / "AppData" / "Local" / "ptce-kit" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "ptce-kit"
    xdg = environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache") / "ptce-kit"


def _fingerprint() -> str:
    """What compiled templates depend on besides their text: versions and the compiling code."""
    import jinja2

    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in ("documents.py", "markdown.py", "template_cache.py"):
        # The code generator and the environments' settings live there: a change to them
        # (even without a new version, in a working copy) compiles the templates again.
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(name.encode())
    version = f"{sys.implementation.cache_tag}-jinja{jinja2.__version__}"
    return f"{version}-{digest.hexdigest()[:16]}"


def bytecode_cache(kind: str, *, environ: Mapping[str, str] | None = None) -> BytecodeCache | None:
    """A Jinja bytecode cache for the environments of ``kind`` (``markdown``, ``page``), or ``None``.

    Each kind of environment compiles the same template differently (the documents'
    Markdown escaping, the page's HTML escaping), so each has its own folder.  ``environ``
    stands for ``os.environ`` (the default).
    """
    root = cache_root(environ)
    if root is None:
        return None
    return _quiet_cache(root / "templates" / _fingerprint() / kind)


def _quiet_cache(folder: Path) -> BytecodeCache:
    """Jinja's file cache over ``folder``, which it creates when first written, failing silently."""
    from jinja2 import FileSystemBytecodeCache
    from jinja2.bccache import Bucket

    class QuietCache(FileSystemBytecodeCache):
        def load_bytecode(self, bucket: Bucket) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # unreadable, truncated (pickle, marshal errors): compiled again
                bucket.reset()

        def dump_bytecode(self, bucket: Bucket) -> None:
            try:
                os.makedirs(self.directory, mode=0o700, exist_ok=True)
                super().dump_bytecode(bucket)
            except OSError:  # a cache that cannot be written is no cache, not an error
                pass

        def clear(self) -> None:
            try:
                super().clear()
            except OSError:
                pass

    return QuietCache(os.fspath(folder), "%s.j2c")
