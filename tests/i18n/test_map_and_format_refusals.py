"""The maps' and the formats' refusals: a code, and the reader's language (issue 17).

They were English f-strings inside French output (« cannot draw a map as .txt »), with no
problem code for a program to match.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_no_other_language import offending

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize(("args", "code", "status"), [
    (["map", EXAMPLES / "pole_sud", "-o", "{out}/carte.txt"], "PTCE-E502", 1),
    (["map", EXAMPLES / "pole_sud", "-o", "{out}/carte"], "PTCE-E502", 1),
    (["map", EXAMPLES / "coteaux_fictif", "--layout", "geo", "-o", "{out}/carte.png"], "PTCE-E504", 1),
], ids=["suffix", "no-suffix", "geo-without-coordinates"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_map_refusal_has_its_code_and_speaks_the_readers_language(ptce, tmp_path, args, code, status, lang):
    argv = [str(a).replace("{out}", str(tmp_path)) for a in args]
    done = ptce("--lang", lang, *argv)
    assert done.returncode == status, done.stderr
    assert f"[{code}]" in done.stderr
    assert not offending(done.stderr, lang), done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_unknown_build_format_is_refused_in_the_readers_words(ptce, tmp_path, lang):
    done = ptce("--lang", lang, "build", EXAMPLES / "pole_sud", "--formats", "md,xyz", "-o", tmp_path / "out")
    assert done.returncode == 2
    assert "'xyz'" in done.stderr and "docx" in done.stderr
    assert not offending(done.stderr, lang), done.stderr
    assert ("n’est pas un format" in done.stderr) == (lang == "fr")


def test_the_library_refuses_an_unknown_layout_and_format_with_a_code():
    from ptce_kit.errors import PoleError
    from ptce_kit.io import load_pole
    from ptce_kit.render.documents import write_documents
    from ptce_kit.render.layouts import layout_positions

    pole = load_pole(EXAMPLES / "pole_sud")
    with pytest.raises(PoleError) as wrong_layout:
        layout_positions(__import__("networkx").Graph([(1, 2)]), "circle")
    with pytest.raises(PoleError) as wrong_format:
        write_documents(pole, "/nonexistent-never-written", formats=["rtf"])
    assert [p.code for p in wrong_layout.value.problems] == ["PTCE-E102"]
    assert [p.code for p in wrong_format.value.problems] == ["PTCE-E102"]
