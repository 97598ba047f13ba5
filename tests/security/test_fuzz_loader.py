"""A bounded fuzzing run over the loader: whatever the text, a Pole or a PoleError, quickly.

Hypothesis generates hostile YAML and JSON (mutations of the Pôle Sud example, random
bytes, deep nesting, aliases, control characters, huge numbers); the contract the command
line relies on must hold for each: ``load_pole`` and ``parse_text`` return a pole (or
data) or raise :class:`~ptce_kit.errors.PoleError`, never another exception, and never
take long (each example has a deadline).  Bounded so that the whole file runs in well
under 30 seconds; the subprocess checks then run ``ptce validate`` on a few of the
nastiest files, as a user would.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ptce_kit.errors import PoleError
from ptce_kit.io import load_pole, parse_text, pole_from_data
from ptce_kit.model import Pole

ROOT = Path(__file__).resolve().parents[2]
SUD = (ROOT / "examples" / "pole_sud" / "pole.yaml").read_text(encoding="utf-8")
SUD_JSON = json.dumps(parse_text(SUD), ensure_ascii=False, indent=1)
FUZZ = settings(max_examples=60, deadline=3000, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

# Pieces that have broken a loader somewhere: YAML syntax, aliases, tags, directives,
# control characters, non-characters, surrogates, huge and odd numbers.
HOSTILE = ["&a ", "*a", "<<: *a", "!!python/object:os.system ", "!!binary ", "%YAML 1.1\n---\n", "---\n",
           "[", "]", "{", "}", ": ", "- ", "? ", "|\n", ">\n", "'", '"', "\\", "#", "\t", "\n", "\r",
           "\x00", "\x07", "\x1b", "\x0b", "\x85", "\ufffe", "\ud800", "\u2028", "9" * 5000, ".inf", ".nan",
           "5e-324", "1e999", "-0", "0x_", "0x" + "F" * 4000, "2014-02-30", "javascript:alert(1)", "x" * 70_000, "é", "\ufeff"]


def contract(run):
    """Call ``run``: a Pole, plain data or a PoleError are fine; anything else fails the test."""
    started = time.perf_counter()
    try:
        result = run()
    except PoleError as error:
        assert error.problems, "a PoleError lists its problems"
        for problem in error.problems:
            assert problem.message and len(problem.message) < 2000  # one huge value never floods a message
        result = error
    assert time.perf_counter() - started < 3
    return result


def validated(text: str, *, as_json: bool = False):
    data = parse_text(text, file="pole.yaml", as_json=as_json)
    pole = pole_from_data(data, file="pole.yaml", text=text)
    assert isinstance(pole, Pole)
    return pole


@st.composite
def mutated(draw, base: str):
    text = base
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "duplicate"]))
        piece = draw(st.sampled_from(HOSTILE) | st.text(max_size=8))
        if kind == "insert":
            text = text[:at] + piece + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        elif kind == "replace":
            text = text[:at] + piece + text[at + len(piece):]
        else:
            end = min(len(text), at + draw(st.integers(1, 400)))
            text = text[:at] + text[at:end] * draw(st.integers(2, 30)) + text[end:]
    return text


@FUZZ
@given(mutated(SUD))
def test_mutated_yaml_gives_a_pole_or_a_pole_error(text):
    contract(lambda: validated(text))


@FUZZ
@given(mutated(SUD_JSON))
def test_mutated_json_gives_a_pole_or_a_pole_error(text):
    contract(lambda: validated(text, as_json=True))


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from(["pole.yaml", "pole.json", "pole.txt"]))
def test_random_bytes_give_a_pole_error(tmp_path_factory, raw, name):
    file = tmp_path_factory.mktemp("fuzz") / name
    file.write_bytes(raw)
    contract(lambda: load_pole(file))


@st.composite
def nested(draw):
    """Deep nesting and alias chains, in flow or block style."""
    depth = draw(st.integers(1, 400))
    style = draw(st.sampled_from(["flow", "block", "aliases", "json"]))
    if style == "flow":
        return "id: d\nname: D\nsources: " + "[" * depth + "x" + "]" * draw(st.integers(0, depth)) + "\n"
    if style == "block":
        return "id: d\nname: D\nsources:\n" + "".join("  " * i + "- \n" for i in range(1, depth))
    if style == "json":
        return '{"id": "d", "sources": ' + "[" * depth + "]" * depth + "}"
    width = draw(st.integers(1, 12))
    head = draw(st.sampled_from(["[lol]", "'" + "y" * 1000 + "'", "{a: 1}"]))
    lines = [f"l0: &l0 {head}"]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]" for i in range(1, min(depth, 30))]
    tag = draw(st.sampled_from(["", "!!str "]))  # a tag sends the text to ruamel.yaml's loader
    return f"id: d\nname: {tag}D\n" + "\n".join(lines) + "\n"


@FUZZ
@given(nested())
def test_nesting_and_aliases_give_a_pole_or_a_pole_error(text):
    contract(lambda: validated(text, as_json=text.startswith("{")))


@FUZZ
@given(st.sampled_from(["name", "description", "legal_form", "website", "provenance"]),
       st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=30),
       st.booleans())
def test_any_characters_in_a_field_give_a_pole_or_a_located_error(field, value, as_json):
    data = {"id": "demo", "name": "Demo", "actors": [{"id": "a", "name": "A", "category": "other", field: value}]}
    text = json.dumps(data, indent=1) if as_json else (
        "id: demo\nname: Demo\nactors:\n  - id: a\n    category: other\n"
        + ("" if field == "name" else "    name: A\n") + f"    {field}: {json.dumps(value)}\n")
    outcome = contract(lambda: validated(text, as_json=as_json))
    if isinstance(outcome, PoleError) and outcome.problems[0].path[:2] == ("actors", 0):
        assert outcome.problems[0].line is not None


NASTY = {
    "string-bomb.yaml": "id: d\nname: D\nx: &x " + "y" * 100_000 + "\ny: [" + ", ".join(["*x"] * 2000) + "]\n",
    "controls.json": json.dumps({"id": "d", "name": "D\u0007\u001b\ufffe", "actors": []}),
    "nan.json": '{"id": "d", "name": "D", "indicators": [{"name": "n", "value": NaN, "source": "s"}]}',
    "huge.json": '{"id": "d", "name": "D", "indicators": [{"name": "n", "value": ' + "9" * 6000 + ', "source": "s"}]}',
    "utf16.yaml": "id: d\nname: D\n".encode("utf-16"),
    "yaml11.yaml": "%YAML 1.1\n---\nid: d\nname: D\n",
    "merge-dup.yaml": "b: &b {x: 1}\nid: d\nname: D\nm:\n  <<: *b\n  y: 1\n  y: 2\n",
    "late-nul.yaml": ("id: d\nname: D\nsources:\n" + "  - s\n" * 3000 + "  - \x00\n"),
    "js.yaml": "id: d\nname: D\nactors:\n  - {id: a, name: A, category: other, website: 'javascript:alert(1)'}\n",
    "fine.yaml": "id: d\nname: D\n",
}


@pytest.mark.parametrize("name", sorted(NASTY))
def test_ptce_validate_on_nasty_files_exits_0_or_1_without_a_traceback(ptce_subprocess, tmp_path, name):
    file = tmp_path / name
    content = NASTY[name]
    file.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
    result = ptce_subprocess("validate", file, timeout=60)
    assert result.returncode == (0 if name == "fine.yaml" else 1), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "internal error" not in result.stderr
    if result.returncode:
        assert f"{name}:" in result.stderr  # every refusal names the file (and a line when it has one)
