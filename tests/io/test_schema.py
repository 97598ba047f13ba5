"""The published JSON Schema: equal to the generated one, and an independent validator agrees."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from ptce_kit.io import parse_text, read_text, schema_text

ROOT = Path(__file__).resolve().parents[2]


def as_json_data(node):
    """What an editor's YAML 1.2 reader sees: dates are strings."""
    if isinstance(node, dict):
        return {k: as_json_data(v) for k, v in node.items()}
    if isinstance(node, list):
        return [as_json_data(v) for v in node]
    if isinstance(node, dt.date):
        return node.isoformat()
    return node


@pytest.fixture(scope="module")
def validator():
    schema = json.loads((ROOT / "schema" / "pole.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_committed_schema_is_the_generated_one():
    committed = (ROOT / "schema" / "pole.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: ptce schema -o schema/pole.schema.json"


def test_schema_validates_the_pole_sud_example(validator, pole_sud_path):
    data = as_json_data(parse_text(read_text(pole_sud_path)))
    errors = sorted(validator.iter_errors(data), key=str)
    assert not errors, errors[0].message if errors else ""


def test_schema_rejects_what_the_model_rejects(validator, pole_sud_path):
    data = as_json_data(parse_text(read_text(pole_sud_path)))
    data["actors"][0]["category"] = "multinational"
    data["actors"][1]["commune"] = "123"
    data["partnerships"][0]["colour"] = "red"
    messages = [e.message for e in validator.iter_errors(data)]
    assert any("multinational" in m for m in messages)
    assert any("123" in m for m in messages)
    assert any("colour" in m for m in messages)


def test_example_points_editors_at_the_schema(pole_sud_path):
    first = pole_sud_path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = (pole_sud_path.parent / first.split("$schema=", 1)[1]).resolve()
    assert target == (ROOT / "schema" / "pole.schema.json").resolve()


def test_personal_fields_are_marked_in_the_schema():
    schema = json.loads(schema_text())
    contact = schema["$defs"]["Contact"]["properties"]
    assert all(contact[f].get("x-personal-data") for f in ("name", "role", "email", "phone"))
    assert not schema["$defs"]["Actor"]["properties"]["name"].get("x-personal-data")
