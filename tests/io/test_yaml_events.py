"""The event-built data (ptce_kit.io.yaml_events) is ruamel.yaml's data, on every kind of text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml.error import YAMLError

from ptce_kit.io import yaml_events
from ptce_kit.io.files import yaml_loader, parse_text

pytestmark = pytest.mark.skipif(not yaml_events.available(), reason="ruamel.yaml.clib is not installed")

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
FILES = sorted(p for p in HOSTILE.glob("*.yaml") if "alias" not in p.stem)
ROOT = Path(__file__).resolve().parents[2]

# Plain scalars on the borders of the YAML 1.2 core schema (and of YAML 1.1's).
TRICKY_SCALARS = [
    "yes", "no", "on", "off", "y", "true", "True", "TRUE", "tRue", "false", "null", "Null", "NULL", "nULL", "~",
    "010", "0o10", "0o", "0x1F", "0x_1f", "0b101", "0b", "-0", "+12", "1_000", "_1", "1__0", "12:30", "1:20:30",
    ".inf", "-.INF", "+.Inf", ".nan", ".NaN", "-.nan", ".5", "-.5", "5.", "1e3", "1E+3", "1.0e-3", "1.e3", ".1e3",
    "2014", "2014-07", "2014-07-31", "2014-7-3 1:02:03", "2014-02-30", "2014-07-31T10:00:00Z", "=", "<<x",
    "a b", "é", "0.", "-", "0_0", "0o8", "0x", "+", ".", "..", "1..2", "1e", "e3",
]


def _with_ruamel(text: str):
    try:
        data = yaml_loader(pure=False).load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return (type(exc).__name__, mark.line if mark else None)
    except (ValueError, RecursionError) as exc:
        return type(exc).__name__
    return repr(data)  # repr: NaN equals NaN, and key order counts


def _with_events(text: str):
    try:
        try:
            data = yaml_events.load_events(text)
        except yaml_events.Unsupported:
            return _with_ruamel(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return (type(exc).__name__, mark.line if mark else None)
    except (ValueError, RecursionError) as exc:
        return type(exc).__name__
    return repr(data)


@pytest.mark.parametrize("scalar", TRICKY_SCALARS)
def test_each_plain_scalar_resolves_as_ruamel_resolves_it(scalar):
    for text in (f"a: {scalar}\n", f"- {scalar}\n", f"[{scalar}]\n", f"{{k: {scalar}}}\n", f"{scalar}: v\n"):
        assert _with_events(text) == _with_ruamel(text), text


@pytest.mark.parametrize("path", FILES + [ROOT / "examples" / "pole_sud" / "pole.yaml"], ids=lambda p: p.stem)
def test_files_read_the_same(path):
    text = path.read_text(encoding="utf-8", errors="replace")
    assert _with_events(text) == _with_ruamel(text)


@pytest.mark.parametrize("text", [
    "a: &x [1, {b: 2}]\nc: *x\n",                    # aliases share the anchored value
    "a: 1\na: 2\n",                                  # duplicate keys: the same error, same line
    "a: 1\nb:\n  c: 1\n  c: 2\n",
    "1: yes\ntrue: -\n",                            # 1 == True, then a syntax error: which first?
    "a:\n  x: 1\n  x: 2\na: 3\n",                    # two duplicates: ruamel reports the outer one
    "a: +_\nb: 1\nb: 2\n",                         # a number that is none, then a duplicate
    "? [a, b]\n: v\n",                               # a sequence as a key: left to ruamel
    "a: !!str 12\nb: !!int '7'\n",                   # explicit tags: left to ruamel
    "base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n",  # merge keys: left to ruamel
    "%YAML 1.1\n---\na: yes\n",                      # YAML 1.1: left to ruamel
    "a: 1\n---\nb: 2\n",                             # two documents: ruamel's error
    "a: *nowhere\n",                                 # an undefined alias: ruamel's error
    "", "# only a comment\n", "--- \n...\n", "just text\n", "- a\n- - b\n  - c\n",
    "a: |\n  two\n  lines\nb: >\n  folded\n  text\nc: 'it''s'\nd: \"\\u00e9\\t\"\n",
])
def test_corners_read_the_same(text):
    assert _with_events(text) == _with_ruamel(text)


def test_an_alias_to_its_own_ancestor_is_still_refused():
    from ptce_kit.errors import PoleError

    with pytest.raises(PoleError, match="contains itself"):
        parse_text("a: &x\n  b: *x\n")


def _yaml(value, indent=""):
    """Block YAML of generated data, each nested container on the lines below its key or dash."""
    if isinstance(value, dict):
        return "\n" + "".join(f"{indent}{k}:{_yaml(v, indent + '  ')}" for k, v in value.items()) if value else " {}\n"
    if isinstance(value, list):
        return "\n" + "".join(f"{indent}-{_yaml(v, indent + '  ')}" for v in value) if value else " []\n"
    return f" {value}\n"


scalars = st.sampled_from(TRICKY_SCALARS) | st.from_regex(r"[-+]?[0-9_.eExob]{1,7}", fullmatch=True) \
    | st.text(alphabet="abcé0123 -._~", min_size=1, max_size=8).map(str.strip).filter(bool)
keys = st.sampled_from(["a", "b", "id", "1", "true", "null", "0x1", "k-1"])
documents = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                         | st.dictionaries(keys, inner, max_size=4), max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(documents)
def test_generated_documents_read_the_same(document):
    text = _yaml(document).lstrip()
    assert _with_events(text) == _with_ruamel(text), text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=":- \n[]{},&*!?#'\"|>abc01~.<=%\t", max_size=40))
def test_any_text_gives_the_same_data_or_the_same_error(text):
    assert _with_events(text) == _with_ruamel(text)
