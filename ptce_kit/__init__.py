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
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what IDEs and mypy see; at run time, __getattr__ imports on first use
    from .comparison import compare
    from .criteria import check
    from .errors import PoleError, Problem
    from .io import load_pole, save_pole
    from .io.edit import edit_pole
    from .io.geojson import to_geojson
    from .io.linked_data import to_jsonld
    from .io.members import (
        add_member,
        add_partnership,
        add_project,
        end_partnership,
        remove_member,
        update_member,
    )
    from .io.privacy import purge
    from .io.sirene import import_sirene
    from .io.spreadsheet import export_members_csv, export_members_xlsx, import_members
    from .model import (
        Actor,
        ActorStatus,
        Category,
        Family,
        Governance,
        Indicator,
        Partnership,
        Pole,
        Presence,
        Project,
        TieKind,
    )
    from .network import analyse, to_graph, to_simple_graph
    from .pipeline import build
    from .privacy import anonymize, strip_personal
    from .render.documents import registry_csv, render_html, render_markdown, write_documents
    from .render.interactive import write_interactive_map
    from .render.maps import draw_map
    from .scaffold import new_pole

__version__ = "0.1.0"

# name -> module that defines it, imported on first access (PEP 562).  Even the models
# load lazily: building them costs pydantic a tenth of a second, which `ptce --help`
# and scripts that only need one helper should not pay; and the errors, so that the
# ``ptce`` program can fork before it imports anything (:mod:`ptce_kit.launch`).  No module of the package bears
# the name of a function exported here (``build`` lives in ``pipeline``, ``compare`` in
# ``comparison``), so importing a module never hides one of these names.
_LAZY: dict[str, str] = {
    "PoleError": "ptce_kit.errors",
    "Problem": "ptce_kit.errors",
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
    "build": "ptce_kit.pipeline",
    "render_markdown": "ptce_kit.render.documents",
    "render_html": "ptce_kit.render.documents",
    "write_documents": "ptce_kit.render.documents",
    "registry_csv": "ptce_kit.render.documents",
    "check": "ptce_kit.criteria",
    "compare": "ptce_kit.comparison",
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
    "purge": "ptce_kit.io.privacy",
    "draw_map": "ptce_kit.render.maps",
    "write_interactive_map": "ptce_kit.render.interactive",
}


# Hidden from type checkers, which read the names above: for them a misspelt name is an
# error, not ``Any``.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        """Import an exported name on first access and keep it (PEP 562)."""
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module 'ptce_kit' has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = ["__version__", *_LAZY]
