"""The direct YAML writer gives ruamel.yaml's bytes, or declines.

``save_pole`` writes whole files through :func:`ptce_kit.io.yaml_emit.emit_block_yaml`
(issue 23: 19 s for 10^4 actors through ruamel.yaml's dumper).  Its contract is the same
text as ruamel.yaml's round-trip dumper; these tests compare the two on real poles and
on a seeded corpus of awkward strings, numbers and shapes.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from ptce_kit.io import dump_pole, load_pole, parse_text
from ptce_kit.io.files import _plain, _block_safe, ruamel_block_yaml
from ptce_kit.io.yaml_emit import emit_block_yaml
from ptce_kit.synth import synthetic_pole

ROOT = Path(__file__).resolve().parents[2]

# Pieces that exercise every branch of ruamel.yaml's scalar analysis and resolver.
PIECES = [
    "a", "Z", "é", "Ç", "0", "7", "12", "-", "+", ".", ",", ":", ": ", " :", "#", " #", "'", '"',
    "\\", "/", "?", "!", "&", "*", "%", "@", "`", "|", ">", "[", "]", "{", "}", " ", "  ",
    "\t", "\n", "\n\n", "\xa0", "\u202f", "\u2028", "\x85", "\ufeff", "\x07", "\u00e9\u0301",
    "yes", "no", "true", "False", "null", "~", "<<", "=", "0x1F", "1e3", "1.5", ".inf", "2015-03-01",
    "2015-03", "Groupe Archer", "l'Adie", "SCOP SA", "26281", "12345678901234", "🙂", "\U0001f600",
]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 5)))


def _value(rng: random.Random, depth: int = 0) -> object:
    roll = rng.random()
    if depth < 3 and roll < 0.15:
        return {_word(rng) or "k": _value(rng, depth + 1) for _ in range(rng.randint(0, 3))}
    if depth < 3 and roll < 0.3:
        return [_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if roll < 0.36:
        return rng.choice([True, False, None])
    if roll < 0.42:
        return rng.randint(-10**12, 10**12)
    if roll < 0.5:
        return rng.choice([0.0, -0.0, 1.5, 1e-5, 1e20, 45.04, 5.05, float("inf"), float("-inf"),
                           rng.uniform(-180, 180), rng.random() * 10 ** rng.randint(-8, 20)])
    return _word(rng)


@pytest.mark.parametrize("seed", range(40))
def test_same_bytes_as_ruamel_on_a_seeded_corpus(seed: int) -> None:
    rng = random.Random(seed)
    written = 0
    for number in range(60):
        data = {f"key{number}": _value(rng)}
        fast = emit_block_yaml(data, literal=_block_safe)
        if fast is None:  # declined: dump_pole then uses ruamel.yaml itself
            assert _needs_ruamel(data), data
        else:
            assert fast == ruamel_block_yaml(data), data
            written += 1
    # Most values are written directly (a writer that declined everything would pass above).
    assert written >= 40


def _needs_ruamel(node: object, in_list: bool = False) -> bool:
    """Whether ``node`` holds a shape the direct writer leaves to ruamel.yaml."""
    if isinstance(node, dict):
        return (not node and in_list) or any(
            not isinstance(k, str) or not k.isprintable() or len(k) > 120 or _needs_ruamel(v)
            for k, v in node.items())
    if isinstance(node, list):
        return any(isinstance(v, list) or v is None or v == {} or (isinstance(v, str) and "\n" in v and _block_safe(v))
                   or _needs_ruamel(v, in_list=True) for v in node)
    return False


def test_the_writer_declines_only_rare_shapes() -> None:
    # Strings of every kind in ordinary places are written directly, not handed back.
    rng = random.Random(1)
    data = {"actors": [{"id": f"a{n}", "name": _word(rng) or "x", "note": _word(rng)} for n in range(300)]}
    assert emit_block_yaml(data, literal=_block_safe) == ruamel_block_yaml(data)
    # A list inside a list is laid out by ruamel.yaml.
    assert emit_block_yaml({"a": [[1, 2]]}, literal=_block_safe) is None


@pytest.mark.parametrize("pole_file", ["examples/pole_sud/pole.yaml", "examples/coteaux_fictif/pole.yaml", "tests/data/sirene/fictional_pole.yaml"])
def test_real_poles_are_written_directly_and_identically(pole_file: str) -> None:
    path = ROOT / pole_file
    if not path.exists():
        pytest.skip(f"{pole_file} is not in this checkout")
    data = _plain(load_pole(path))
    fast = emit_block_yaml(data, literal=_block_safe)
    assert fast is not None
    assert fast == ruamel_block_yaml(data)


def test_synthetic_pole_round_trips_through_the_direct_writer() -> None:
    pole = synthetic_pole(400, seed=11)
    data = _plain(pole)
    text = emit_block_yaml(data, literal=_block_safe)
    assert text is not None and text == ruamel_block_yaml(data)
    assert parse_text(dump_pole(pole)) == data


def test_literal_blocks_and_quoting_match() -> None:
    data = {"narrative": {"summary": "Une ligne.\n\nDeux : « oui ».", "odd": " lead\ntrail "},
            "actors": [{"id": "a", "description": "l'Adie: microcrédit\nsuite", "siret": "12345678901234",
                        "tab": "a\tb", "nbsp": "a\xa0: b", "roles": ["pivot", "yes", "'q'"]}]}
    fast = emit_block_yaml(data, literal=_block_safe)
    assert fast is not None and fast == ruamel_block_yaml(data)
    assert "  summary: |-\n    Une ligne.\n\n    Deux : « oui ».\n" in fast
