"""The table of export formats behind ``ptce export --to FORMAT``.

Each exporter is ``function(pole, path, *, include_personal_data=False, ...)`` and
writes one file (atomically, through :func:`ptce_kit.io.atomic_write`).  It names every
option it takes (``sep``, ``at``…), so that a misspelt one is a ``TypeError``; ``ptce
export`` passes it only those, and refuses an option given for a format that has none.
Exports are meant for sharing, so personal data stays out unless ``include_personal_data``
is true.
Each format names the function that writes it, behind a ``lambda`` so that nothing heavy
is imported until that format is used.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from .i18n import N_

__all__ = ["EXPORTERS", "get_exporter", "export_formats"]


def _formats() -> ModuleType:
    from .network import formats

    return formats


def _geojson() -> ModuleType:
    from .io import geojson

    return geojson


def _linked_data() -> ModuleType:
    from .io import linked_data

    return linked_data


def _spreadsheet() -> ModuleType:
    from .io import spreadsheet

    return spreadsheet


#: format name -> (the exporter, imported when asked for; one-line description, a message id)
EXPORTERS: dict[str, tuple[Callable[[], Callable[..., Any]], str]] = {
    "graphml": (lambda: _formats().write_graphml, N_("cooperation graph as GraphML (igraph, Gephi, Cytoscape)")),
    "gexf": (lambda: _formats().write_gexf, N_("cooperation graph as GEXF 1.3 (Gephi, with its timeline)")),
    "json": (lambda: _formats().write_node_link, N_("cooperation graph as node-link JSON (d3)")),
    "csv": (lambda: _formats().write_csv, N_("cooperation graph as nodes + edges CSV tables (Excel)")),
    "geojson": (lambda: _geojson().export_geojson, N_("GeoJSON of the actors with coordinates (QGIS, GoGoCarto)")),
    "jsonld": (lambda: _linked_data().export_jsonld, N_("JSON-LD linked data (W3C ORG, ESSGlobal, schema.org)")),
    "turtle": (lambda: _linked_data().export_turtle, N_("Turtle linked data (W3C ORG, ESSGlobal, schema.org)")),
    "members-csv": (lambda: _spreadsheet().export_members_csv, N_("members' spreadsheet as CSV, read back by ptce import")),
    "members-xlsx": (lambda: _spreadsheet().export_members_xlsx,
                     N_("members' spreadsheet as XLSX, read back by ptce import")),
}


def export_formats() -> list[str]:
    """The names ``ptce export --to`` accepts, sorted."""
    return sorted(EXPORTERS)


def get_exporter(name: str) -> Callable[..., Any]:
    """The exporter function for a format name; ``KeyError`` if there is none."""
    return EXPORTERS[name][0]()
