"""docs/format.md documents every field: its generated reference equals the models."""

from pathlib import Path

from ptce_kit.io.schema_doc import BEGIN, END, format_reference
from ptce_kit.model import Pole

DOC = Path(__file__).resolve().parents[2] / "docs" / "format.md"


def test_reference_in_the_docs_is_up_to_date():
    text = DOC.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END) + 1
    assert text[start:end] == format_reference(), "run: python -m ptce_kit.io.schema_doc docs/format.md"


def test_every_field_has_a_description():
    reference = format_reference()
    undocumented = [row for row in reference.splitlines() if row.startswith("| `") and row.endswith("|  |")]
    assert not undocumented, undocumented
    for name in Pole.model_fields:
        assert f"| `{name}` |" in reference
