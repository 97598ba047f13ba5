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
from .io import load_pole, save_pole
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

__version__ = "0.1.0"

# name -> module that defines it, imported on first access (PEP 562).
_LAZY: dict[str, str] = {
    "to_graph": "ptce_kit.network",
    "to_simple_graph": "ptce_kit.network",
    "analyse": "ptce_kit.network",
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


__all__ = [
    "Actor", "ActorStatus", "Category", "Family", "Governance", "Indicator", "Partnership",
    "Pole", "PoleError", "Presence", "Problem", "Project", "TieKind", "__version__",
    "load_pole", "save_pole", *_LAZY,
]
