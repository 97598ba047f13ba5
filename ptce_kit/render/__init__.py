"""Documents and maps rendered from a pole's data.

:mod:`ptce_kit.render.documents` writes the charter, the member registry and the fiche
from the Jinja2 templates of ``templates/``; :mod:`~ptce_kit.render.typography` and
:mod:`~ptce_kit.render.markdown` are the helpers they share.  :mod:`~ptce_kit.render.maps`
plans the static cooperation maps and :mod:`~ptce_kit.render.map_drawing` draws them
(matplotlib); :mod:`~ptce_kit.render.interactive` writes the offline HTML map.  Jinja2,
Babel, matplotlib, WeasyPrint and the office libraries are imported only by the functions
that use them, and the documents' names below only when first asked for: a process that
only draws a map (``ptce build``'s drawer) imports neither the model nor Jinja2.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .documents import (
        DEFAULT_FORMATS,
        DOCUMENTS,
        FORMATS,
        registry_csv,
        registry_table,
        render_html,
        render_markdown,
        write_documents,
    )

__all__ = [
    "DEFAULT_FORMATS", "DOCUMENTS", "FORMATS", "registry_csv", "registry_table",
    "render_html", "render_markdown", "write_documents",
]


def __getattr__(name: str) -> Any:
    # PEP 562: ``from ptce_kit.render import render_markdown`` imports the documents' module then.
    if name in __all__:
        from . import documents

        return getattr(documents, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
