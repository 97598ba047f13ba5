"""MkDocs hooks of the ptce-kit site (``hooks:`` in mkdocs.yml).

The guides link to files of the repository outside ``docs/`` (the JSON Schema, the
Pôle Sud example, the researcher's notebook) with relative links that also work on a
code forge, such as ``../schema/pole.schema.json``.  MkDocs only knows the files of
``docs/``, so these hooks copy each linked repository file into the site under
``repo/`` and point the link at the copy: the offline site ships what it links to.  A
link to a file that does not exist is left alone, and ``mkdocs build --strict`` fails on
it as on any broken link.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

# [text](target) and [text](target "title"); the target stops at a space or ')'.
LINK = re.compile(r"(\]\()([^)\s]+)")
PREFIX = "repo"


def _repository_target(page_src: str, target: str, docs_dir: Path) -> tuple[str, str] | None:
    """(path inside the repository, #fragment) of a relative link leaving docs/, else None."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith(("#", "/")):
        return None
    path, _, fragment = target.partition("#")
    repo = docs_dir.parent
    resolved = (docs_dir / posixpath.dirname(page_src) / path).resolve()
    if resolved.is_relative_to(docs_dir.resolve()) or not resolved.is_relative_to(repo.resolve()):
        return None
    if not resolved.is_file():
        return None
    return resolved.relative_to(repo.resolve()).as_posix(), fragment


def on_files(files: Any, config: Any) -> Any:
    from mkdocs.structure.files import File

    docs_dir = Path(config["docs_dir"])
    wanted: set[str] = set()
    for file in files.documentation_pages():
        text = Path(file.abs_src_path).read_text(encoding="utf-8")
        for match in LINK.finditer(text):
            found = _repository_target(file.src_uri, match.group(2), docs_dir)
            if found:
                wanted.add(found[0])
    for rel in sorted(wanted):
        uri = f"{PREFIX}/{rel}"
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, abs_src_path=str(docs_dir.parent / rel)))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    docs_dir = Path(config["docs_dir"])

    def rewrite(match: re.Match[str]) -> str:
        found = _repository_target(page.file.src_uri, match.group(2), docs_dir)
        if not found:
            return match.group(0)
        rel, fragment = found
        target = posixpath.relpath(f"{PREFIX}/{rel}", posixpath.dirname(page.file.src_uri) or ".")
        return match.group(1) + target + (f"#{fragment}" if fragment else "")

    return LINK.sub(rewrite, markdown)


# Docstrings cross-reference in Sphinx style (:func:`~ptce_kit.network.to_graph`), which
# mkdocstrings renders as the role's name followed by the code.  Drop the role and hand the
# name to mkdocs-autorefs, which links it when that object is documented on the site and
# leaves the code as it is otherwise ("optional").
ROLE = re.compile(r":(?:py:)?(func|class|meth|mod|attr|data|obj|exc|math):<code>(~?)([^<]+)</code>")


def _role(match: re.Match[str]) -> str:
    role, short, name = match.groups()
    if role == "math":
        return f"<code>{name}</code>"
    title = name.rsplit(".", 1)[-1] if short else name
    return f'<autoref identifier="{_defined_at(name)}" optional><code>{title}</code></autoref>'


def _defined_at(name: str) -> str:
    """Where a name of the package's public API is defined, for autorefs to find it.

    ``ptce_kit.load_pole`` is loaded on first use (``_LAZY`` of ``ptce_kit/__init__.py``),
    so the static analysis of mkdocstrings does not see it in ``ptce_kit``: give autorefs
    the module that defines it (``ptce_kit.io.load_pole``).
    """
    from ptce_kit import _LAZY

    package, _, attribute = name.rpartition(".")
    return f"{_LAZY[attribute]}.{attribute}" if package == "ptce_kit" and attribute in _LAZY else name


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    return ROLE.sub(_role, html)
