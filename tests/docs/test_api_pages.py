"""The API reference covers every module of the library (each named in a '::: module' line)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "ptce_kit"


def _modules() -> set[str]:
    """Every public module, except the command line's (docs/cli.md documents the commands)."""
    names = set()
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            continue
        if any(p.startswith("_") for p in parts) or parts[:2] == ("ptce_kit", "cli"):
            continue
        names.add(".".join(parts))
    return names


def _documented() -> set[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs" / "api").glob("*.md"))
    return set(re.findall(r"(?m)^:::\s+([\w.]+)\s*$", text))


def test_every_module_has_its_api_section():
    missing = sorted(_modules() - _documented())
    assert not missing, f"add a '::: module' line to a page of docs/api/ for: {', '.join(missing)}"


def test_api_pages_name_only_existing_modules():
    # A renamed module would otherwise fail only in the (slower) site build.
    documented = _documented()
    packages = {".".join(p.relative_to(ROOT).parent.parts) for p in PACKAGE.rglob("__init__.py")}
    assert documented <= _modules() | packages, sorted(documented - _modules() - packages)
