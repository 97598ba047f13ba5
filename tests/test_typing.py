"""The package says ``Typing :: Typed``: its public API is annotated and mypy --strict agrees.

CI runs ``mypy --strict ptce_kit`` as its own step too (.ci/run); this test lets a
developer see a type error with the rest of the suite.
"""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _annotations(func: object) -> dict[str, str]:
    signature = inspect.signature(func)  # type: ignore[arg-type]
    found = {name: str(p.annotation) for name, p in signature.parameters.items()}
    found["return"] = str(signature.return_annotation)
    return found


@pytest.mark.parametrize(("module", "name", "parameter", "expected"), [
    ("ptce_kit.io", "load_pole", "return", "Pole"),
    ("ptce_kit.io", "pole_from_data", "return", "Pole"),
    ("ptce_kit.io", "save_pole", "pole", "Pole"),
    ("ptce_kit.io", "dump_pole", "pole", "Pole"),
    ("ptce_kit.privacy", "strip_personal", "pole", "Pole"),
    ("ptce_kit.privacy", "strip_personal", "return", "Pole"),
    ("ptce_kit.privacy", "for_sharing", "return", "Pole"),
    ("ptce_kit.privacy", "anonymize", "return", "Pole"),
    ("ptce_kit.io.spreadsheet", "export_members_csv", "pole", "Pole"),
    ("ptce_kit.pipeline", "build", "pole_or_path", "Pole | str | os.PathLike[str]"),
])
def test_public_api_is_typed_with_the_model(module: str, name: str, parameter: str, expected: str) -> None:
    import importlib

    func = getattr(importlib.import_module(module), name)
    assert _annotations(func)[parameter] == expected


def test_annotations_keep_the_model_lazy() -> None:
    """The model classes are named for the type checker only: importing io does not build them."""
    code = ("import sys, ptce_kit.io, ptce_kit.io.edit, ptce_kit.io.spreadsheet, ptce_kit.privacy, ptce_kit.pipeline; "
            "print(sorted(m for m in ('ptce_kit.model', 'pydantic', 'networkx', 'matplotlib') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
