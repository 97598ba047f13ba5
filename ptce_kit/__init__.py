"""ptce-kit: found, run, check and compare French Pôles Territoriaux de Coopération Économique.

The small public API is exported here; heavy parts (graphs, documents, maps) load on
first use so that ``import ptce_kit`` stays fast.

>>> import ptce_kit
>>> pole = ptce_kit.Pole(id="demo", name="Demo")
>>> pole.format
'ptce/1'
"""

from __future__ import annotations

import importlib
from typing import Any

from .errors import PoleError, Problem

__version__ = "0.1.0"

# name -> module that defines it, imported on first access (PEP 562).  Even the models
# load lazily: building them costs pydantic a tenth of a second, which `ptce --help`
# and scripts that only need one helper should not pay.
_LAZY: dict[str, str] = {
    **dict.fromkeys(
        ["Actor", "ActorStatus", "Category", "Family", "Governance", "Indicator",
         "Partnership", "Pole", "Presence", "Project", "TieKind"],
        "ptce_kit.model",
    ),
    "load_pole": "ptce_kit.io",
    "save_pole": "ptce_kit.io",
    "to_graph": "ptce_kit.network",
    "to_simple_graph": "ptce_kit.network",
    "analyse": "ptce_kit.network",
    "import_sirene": "ptce_kit.io.sirene",
    "to_geojson": "ptce_kit.io.geojson",
    "to_jsonld": "ptce_kit.io.linked_data",
    "new_pole": "ptce_kit.scaffold",
    "build": "ptce_kit.build",
    "render_markdown": "ptce_kit.render.documents",
    "render_html": "ptce_kit.render.documents",
    "write_documents": "ptce_kit.render.documents",
    "registry_csv": "ptce_kit.render.documents",
    "check": "ptce_kit.criteria",
    "compare": "ptce_kit.compare",
    "edit_pole": "ptce_kit.io.edit",
    "add_member": "ptce_kit.io.members",
    "update_member": "ptce_kit.io.members",
    "remove_member": "ptce_kit.io.members",
    "add_partnership": "ptce_kit.io.members",
    "end_partnership": "ptce_kit.io.members",
    "add_project": "ptce_kit.io.members",
    "import_members": "ptce_kit.io.spreadsheet",
    "export_members_csv": "ptce_kit.io.spreadsheet",
    "export_members_xlsx": "ptce_kit.io.spreadsheet",
    "strip_personal": "ptce_kit.privacy",
    "anonymize": "ptce_kit.privacy",
    "purge": "ptce_kit.privacy",
    "draw_map": "ptce_kit.render.maps",
    "write_interactive_map": "ptce_kit.render.interactive",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'ptce_kit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = ["PoleError", "Problem", "__version__", *_LAZY]
