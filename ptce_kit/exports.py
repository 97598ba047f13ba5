"""The registry of export formats behind ``ptce export --to FORMAT``.

Each exporter is ``function(pole, path, *, include_personal_data=False, ...)`` and
writes one file (atomically, through :func:`ptce_kit.io.atomic_write`).  It names every
option it takes (``sep``, ``at``…), so that a misspelt one is a ``TypeError``; ``ptce
export`` passes it only those, and refuses an option given for a format that has none.
Exports are meant for sharing, so personal data stays out unless ``include_personal_data``
is true.
Modules register their formats here by name, pointing at the function lazily so that
nothing heavy is imported until a format is used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

__all__ = ["EXPORTERS", "get_exporter", "export_formats"]

#: format name -> ("module:function", one-line description)
EXPORTERS: dict[str, tuple[str, str]] = {
    "graphml": ("ptce_kit.network.formats:write_graphml", "cooperation graph as GraphML (igraph, Gephi, Cytoscape)"),
    "gexf": ("ptce_kit.network.formats:write_gexf", "cooperation graph as GEXF 1.3 (Gephi, with its timeline)"),
    "json": ("ptce_kit.network.formats:write_node_link", "cooperation graph as node-link JSON (d3)"),
    "csv": ("ptce_kit.network.formats:write_csv", "cooperation graph as nodes + edges CSV tables (Excel)"),
    "geojson": ("ptce_kit.io.geojson:export_geojson", "GeoJSON of the actors with coordinates (QGIS, GoGoCarto)"),
    "jsonld": ("ptce_kit.io.linked_data:export_jsonld", "JSON-LD linked data (W3C ORG, ESSGlobal, schema.org)"),
    "turtle": ("ptce_kit.io.linked_data:export_turtle", "Turtle linked data (W3C ORG, ESSGlobal, schema.org)"),
    "members-csv": ("ptce_kit.io.spreadsheet:export_members_csv", "members' spreadsheet as CSV, read back by ptce import"),
    "members-xlsx": ("ptce_kit.io.spreadsheet:export_members_xlsx", "members' spreadsheet as XLSX, read back by ptce import"),
}


def export_formats() -> list[str]:
    """The names ``ptce export --to`` accepts, sorted."""
    return sorted(EXPORTERS)


def get_exporter(name: str) -> Callable[..., Any]:
    """The exporter function for a format name; ``KeyError`` if there is none."""
    module, _, attribute = EXPORTERS[name][0].partition(":")
    exporter: Callable[..., Any] = getattr(importlib.import_module(module), attribute)
    return exporter
