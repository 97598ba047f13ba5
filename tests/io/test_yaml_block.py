"""The line-by-line reader of plain block YAML (ptce_kit.io.yaml_block) gives libyaml's data, or steps aside."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ptce_kit.errors import PoleError
from ptce_kit.io import dump_pole, load_pole, yaml_block, yaml_events
from ptce_kit.io.files import parse_text

pytestmark = pytest.mark.skipif(not yaml_events.available(), reason="ruamel.yaml.clib is not installed")

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "data" / "hostile"

SCALARS = [
    "yes", "true", "True", "FALSE", "null", "Null", "~", "010", "0o10", "0x1F", "0b101", "-0", "+12", "1_000",
    "12:30", ".inf", "-.INF", ".nan", ".5", "-.5", "5.", "1e3", "1.e3", "2014", "2014-07-31", "a b", "é", "0.",
    "-", "-x", "--", "---", "...", "-1", "+", ".", "1..2", "e3", "http://x.org/a?b=c", "a:b", "a: b", "a:", "a #b",
    "a#b", "#c", "&a", "*a", "!t x", "|", ">", "%x", "@x", "`x", "[]", "{}", "[a]", "{a: 1}", "[", "x, y", "'q'",
    "'it''s'", "'a'b'", "''", '""', '"a\\"b"', '"\\u00e9\\t\\x41\\\\"', '"\\ud800"', '"\\q"', '"a', "'a", "a'",
    '"tab\\there"', "<<", "=", "?", "? x", ":x", "x:", "1" * 4400,
]


def _events(text: str):
    """What the events path gives: the data, or the name of its error ("left": left to ruamel.yaml)."""
    try:
        return repr(yaml_events.load_events(text))
    except yaml_events.Unsupported:
        return "left"
    except Exception as exc:  # noqa: BLE001 - a syntax error, a huge number…
        return type(exc).__name__


def _block(text: str):
    try:
        return repr(yaml_block.load_block(text))
    except yaml_block.NotPlain:
        return None


def _same_or_aside(text: str) -> bool:
    """The block reader reads what the events read, to the same data, or steps aside."""
    block = _block(text)
    return block is None or block == _events(text)


@pytest.mark.parametrize("scalar", SCALARS)
def test_each_value_reads_as_the_events_read_it_or_is_left_to_them(scalar):
    for text in (f"a: {scalar}\n", f"- {scalar}\n", f"{scalar}: v\n", f"k:\n  - {scalar}\n", f"- k: {scalar}\n"):
        assert _same_or_aside(text), text


def test_what_programs_write_is_read_here():
    from ptce_kit.synth import synthetic_pole

    for pole in (load_pole(ROOT / "examples" / "pole_sud" / "pole.yaml"), synthetic_pole(120, seed=3)):
        text = dump_pole(pole)
        assert _block(text) is not None
        assert _block(text) == _events(text)
    # Pôle Sud as written by hand (comments, blank lines, block scalars…): same data either way.
    assert _same_or_aside((ROOT / "examples" / "pole_sud" / "pole.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("text", [
    "a: 1\na: 2\n",                                   # a duplicate key: ruamel.yaml's located error
    "a:\n  - x\n  - y\nb: 1\n", "a:\n- x\n- y\nb: 1\n",  # a sequence under its key or beside it
    "- id: a\n  k:\n  - 1\n- b\n", "- id: a\n  k:\n- b\n", "-\n  a: 1\n- \n",
    "a: 1\n  b: 2\n", "a:\n    b: 1\n  c: 2\n", "- a\n  b\n", "a: b\n c\n",  # wrong indentation, continued values
    "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: [1, 2]\n", "a: |\n  t\n", "a: 'x\n  y'\n", "a: 1 # c\n",
    "# c\n\na: 1\n\n  # c\nb:\n  - 2\n", "a: 1   \nb:   x\n", "a: 1\r\nb: 2\r\n", "a: 1\rb: 2\n",
    "a:\tb\n", "\ufeffa: 1\n", "a: \x85\n", "---\na: 1\n", "a: 1\n...\n", "%YAML 1.2\n---\na: 1\n",
    "", "\n", "# only\n", "  a: 1\n  b: 2\n", "'a b': 1\n\"c\": 2\n", "- - a\n", "-  a\n", "a:b: c\n",
    "true: 1\n1: 2\nnull: 3\n", "a: 1\nb:\n", "x" * 1200 + ": 1\n",
])
def test_corners_read_the_same_or_are_left_to_the_events(text):
    assert _same_or_aside(text)


def _yaml(value, indent=""):
    """Block YAML, containers below their key or dash, or mappings on the dash's line."""
    if isinstance(value, dict):
        return "\n" + "".join(f"{indent}{k}:{_yaml(v, indent + '  ')}" for k, v in value.items()) if value else " {}\n"
    if isinstance(value, list):
        out = []
        for v in value:
            if isinstance(v, dict) and v:
                body = _yaml(v, indent + "  ")
                out.append(f"{indent}- " + body[1 + len(indent) + 2:])  # "- key: …" on the dash's line
            else:
                out.append(f"{indent}-{_yaml(v, indent + '  ')}")
        return "\n" + "".join(out) if value else " []\n"
    return f" {value}\n"


scalars = st.sampled_from(SCALARS[:-1]) | st.from_regex(r"[-+]?[0-9_.eExob]{1,7}", fullmatch=True) \
    | st.text(alphabet="abcé0123 -._~:#'\"\\", min_size=1, max_size=8).map(str.strip).filter(bool)
keys = st.sampled_from(["a", "b", "id", "1", "true", "null", "0x1", "k-1", "'q k'", '"d"'])
documents = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                         | st.dictionaries(keys, inner, max_size=4), max_leaves=12)


@settings(max_examples=400, deadline=None)
@given(documents)
def test_generated_documents_read_the_same(document):
    text = _yaml(document).lstrip("\n")
    assert _same_or_aside(text), text


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=":- \n[]{},&*!?#'\"|>abc01~.<=%\t\\", max_size=40))
def test_any_text_gives_the_same_data_or_is_left_to_the_events(text):
    assert _same_or_aside(text)


def test_a_big_generated_pole_is_read_without_libyaml(monkeypatch):
    from ptce_kit.synth import synthetic_pole

    text = dump_pole(synthetic_pole(300, seed=1))
    expected = parse_text(text)

    def refuse(*args, **kwargs):
        raise AssertionError("libyaml's events were used")

    monkeypatch.setattr(yaml_events, "load_checked", refuse)
    assert parse_text(text) == expected


@pytest.mark.parametrize("name", ["alias-bomb", "self-alias", "huge-integer", "duplicate-keys", "syntax", "tabs"])
def test_the_hardened_reader_still_refuses_with_the_line(name):
    path = HOSTILE / f"{name}.yaml"
    text = path.read_text(encoding="utf-8")
    with pytest.raises(PoleError) as caught:
        parse_text(text, file=path)
    problem = caught.value.problems[0]
    assert problem.file == str(path)
    assert problem.line is not None or name in ("alias-bomb",)


def test_a_duplicate_key_in_plain_block_yaml_is_located_as_before():
    text = "format: ptce/1\nid: demo\nname: Demo\nactors:\n  - id: a\n    name: A\n    name: B\n"
    with pytest.raises(PoleError) as caught:
        parse_text(text, file="pole.yaml")
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (7, 5) and problem.code == "PTCE-E012" and "twice" in problem.message


def test_nesting_past_the_bound_is_still_refused():
    text = "".join("  " * i + "k:\n" for i in range(80)) + "  " * 80 + "k: 1\n"
    with pytest.raises(PoleError, match="nested too deeply"):
        parse_text(text)


@pytest.mark.parametrize("text", ["a: 1\n\n", "a: 1\n\n\n", "a:\n  b: 1\n\n", "partnerships:\n\n", "a:\n\n\n"])
def test_trailing_blank_lines_are_read_as_libyaml_reads_them(text):
    # A file ending in a blank line (an editor's habit) once made the fast reader fail.
    from ptce_kit.io.files import parse_text

    assert parse_text(text) == __import__("yaml").safe_load(text)


# Lines that repeat, in every place a line can stand: the reader keeps a line's reading at its
# second sight and looks it up afterwards; what it reads must not depend on where it was seen.
lines = st.sampled_from(["a: 1", "a: x", "b: []", "b: {}", "a:", "- x", "- 1", "- []", "- a: 1", "- a:", "-",
                         "c: 'q'", "- b: x", "a: 1 # c", "- - x", "d: &y 1", "a: b: c"])
repeated = st.lists(st.tuples(st.integers(0, 3), lines), min_size=1, max_size=24).map(
    lambda rows: "".join("  " * depth + line + "\n" for depth, line in rows))


@settings(max_examples=600, deadline=None)
@given(repeated)
def test_documents_of_repeated_lines_read_the_same(text):
    assert _same_or_aside(text), text


@settings(max_examples=200, deadline=None)
@given(st.lists(documents, min_size=2, max_size=5))
def test_the_same_records_again_read_the_same(records):
    # A list of records written twice: the second copy is read from the lines already seen.
    text = _yaml(records + records).lstrip("\n")
    assert _same_or_aside(text), text


def test_each_empty_list_or_mapping_is_its_own_object():
    data = yaml_block.load_block("a:\n  x: []\n  y: {}\nb:\n  x: []\n  y: {}\nc:\n  - []\n  - []\n  - {}\n  - {}\n")
    assert data == yaml_events.load_events("a:\n  x: []\n  y: {}\nb:\n  x: []\n  y: {}\nc:\n  - []\n  - []\n  - {}\n  - {}\n")
    assert data["a"]["x"] is not data["b"]["x"] and data["a"]["y"] is not data["b"]["y"]
    assert data["c"][0] is not data["c"][1] and data["c"][2] is not data["c"][3]


def test_a_duplicate_key_on_lines_seen_before_is_still_located():
    # "  k: v" is kept at its second sight; written twice in one mapping it is still a duplicate.
    text = "format: ptce/1\nid: demo\nname: Demo\nactors:\n  - id: a\n    k: v\n  - id: b\n    k: v\n" \
           "  - id: c\n    k: v\n    k: v\n"
    with pytest.raises(yaml_block.NotPlain):
        yaml_block.load_block(text)
    with pytest.raises(PoleError) as caught:
        parse_text(text, file="pole.yaml")
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (11, 5) and problem.code == "PTCE-E012"


def test_a_big_generated_pole_reads_as_the_events_read_it():
    from ptce_kit.synth import synthetic_pole

    text = dump_pole(synthetic_pole(400, seed=5))
    assert yaml_block.load_block(text) == yaml_events.load_events(text)
