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
    _pages.clear()
    _pages.update((file.src_uri, file) for file in files.documentation_pages())
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



# --- One site, two languages ------------------------------------------------------------
# The site is French first: the founders' pages in French, the English pages beside them.
# A page is in French when its front matter says ``lang: fr`` or its name ends in
# ``.fr.md``, in English when its name ends in ``.en.md``, and otherwise in English (the
# guides that have no French version yet). Material's interface (the html ``lang``, the
# search box and its messages, the buttons) follows the page: the theme's language is set
# for each page while it is rendered, then put back. ``name.md`` and ``name.fr.md`` (or
# ``name.en.md``) are one page in two languages, which Material's language selector links.

LANGUAGE_NAMES = {"fr": "Français", "en": "English"}
SUFFIX = re.compile(r"\.(fr|en)\.md$")
_pages: dict[str, Any] = {}  # src_uri -> File, every page of the site
_site: dict[str, Any] = {}  # the theme's language and extra.alternate as mkdocs.yml sets them


def page_language(src_uri: str, meta: dict[str, Any] | None = None) -> str:
    """The language of the page ``src_uri``: its front matter's ``lang``, else its name's suffix, else English."""
    declared = str((meta or {}).get("lang") or "").strip().lower()
    if declared in LANGUAGE_NAMES:
        return declared
    suffix = SUFFIX.search(src_uri)
    return suffix.group(1) if suffix else "en"


def _unsuffixed(src_uri: str) -> str:
    return SUFFIX.sub(".md", src_uri)


def _versions(page: Any) -> list[dict[str, str]]:
    """Material's ``extra.alternate`` for ``page``: one link to each language version of it."""
    found: dict[str, Any] = {}
    for src_uri, file in sorted(_pages.items()):
        if _unsuffixed(src_uri) == _unsuffixed(page.file.src_uri):
            meta = file.page.meta if getattr(file, "page", None) is not None else {}
            found.setdefault(page_language(src_uri, meta), file)
    if len(found) < 2:
        return []
    return [{"name": LANGUAGE_NAMES[language], "link": found[language].url, "lang": language}
            for language in LANGUAGE_NAMES if language in found]


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    if not _site:
        _site.update(language=config.theme["language"], alternate=config.extra.get("alternate"))
    config.theme["language"] = page_language(page.file.src_uri, page.meta)
    versions = _versions(page)
    if versions:
        config.extra["alternate"] = versions
    else:
        config.extra.pop("alternate", None)
    return context


#: ``<link rel="alternate" hreflang=…>`` in a page's head: Material's script fetches the
#: ``sitemap.xml`` beside each such link, which a browser refuses from the disk (file://);
#: the language selector in the header links the versions without it.
HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[a-z]+">')


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Drop the head's alternate links; put the site's own language back (the 404 page and the rest use it)."""
    output = HEAD_ALTERNATE.sub("", output)
    if _site:
        config.theme["language"] = _site["language"]
        if _site["alternate"] is None:
            config.extra.pop("alternate", None)
        else:
            config.extra["alternate"] = _site["alternate"]
    return output
