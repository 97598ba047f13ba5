"""Documents and maps rendered from a pole's data.

:mod:`ptce_kit.render.documents` writes the charter, the member registry and the fiche
from the Jinja2 templates of ``templates/``; :mod:`~ptce_kit.render.typography` and
:mod:`~ptce_kit.render.markdown` are the helpers they share.  :mod:`~ptce_kit.render.maps`
draws the static cooperation maps (matplotlib) and :mod:`~ptce_kit.render.interactive`
writes the offline HTML map.  Jinja2, Babel, matplotlib, WeasyPrint and the office
libraries are imported only by the functions that use them.
"""

from __future__ import annotations

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
