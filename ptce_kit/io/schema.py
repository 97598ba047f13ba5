"""The JSON Schema of the data format, generated from the models."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["SCHEMA_ID", "pole_json_schema", "schema_text"]

SCHEMA_ID = "urn:ptce-kit:schema:pole:ptce-1"


def pole_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``pole.yaml``, format ``ptce/1``.

    Editors use it to complete and check the file; networks use it to validate files
    they receive without ptce-kit. Cross-references (ids that must exist) are beyond
    JSON Schema and checked by ``ptce validate`` only.
    """
    from ..model import Pole

    schema = Pole.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "PTCE pole data (format ptce/1)",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def schema_text() -> str:
    """The schema as the text committed in ``schema/pole.schema.json``."""
    return json.dumps(pole_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
