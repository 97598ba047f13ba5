"""A pole file with a YAML syntax error: the message, where it began and the hint in the user's language.

libyaml (ruamel.yaml.clib) and ruamel.yaml's pure parser word their complaints differently;
both are read here, each case through ``ptce validate`` with ``--lang fr`` and ``--lang en``:
the problem keeps its code and its line, and no word of the other language is left
(the word lists of :mod:`tests.i18n.test_no_other_language`), not even in the hint.
"""

from __future__ import annotations

import pytest

from test_no_other_language import LANG_ENV, offending

#: (name, text after ``format: ptce/1``, the line of the problem, its code)
CASES = [
    ("colon-in-value", "id: demo\nname: Demo: x\n", 3, "PTCE-E011"),
    ("indented-key", "id: demo\n  name: x\n", 3, "PTCE-E011"),
    ("key-out-of-line", "a:\n  - b\n c: d\n", 4, "PTCE-E011"),
    ("item-out-of-line", "actors:\n  - id: a\n    name: A\n   category: x\n", 5, "PTCE-E011"),
    ("item-after-key", "a: b\n- c\n", 3, "PTCE-E011"),
    ("open-bracket", "a: [b\n", 3, "PTCE-E011"),
    ("open-brace", "a: {b: c\n", 3, "PTCE-E011"),
    ("open-quote", 'id: demo\nname: "Demo\nactors: []\n', 5, "PTCE-E011"),
    ("open-single-quote", "a: 'x\n", 3, "PTCE-E011"),
    ("bad-escape", 'a: "x\\q"\n', 2, "PTCE-E011"),
    ("undefined-alias", "a: *nope\n", 2, "PTCE-E011"),
    ("reserved-character", "a: @x\n", 2, "PTCE-E011"),
    ("tab", "a:\n\t- b\n", 3, "PTCE-E011"),
    ("tab-indent", "\tid: demo\n", 2, "PTCE-E011"),
    ("second-document", "a: x\n---\nb\n", 3, "PTCE-E011"),
    ("unknown-tag", "a: &x [1]\nb: *x\nc: !!foo x\n", 4, "PTCE-E011"),
    ("simple-key", "a: |\n x\n  y\nb\n", 6, "PTCE-E011"),
    ("duplicate-key", "id: demo\nid: x\n", 3, "PTCE-E012"),
]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(("name", "text", "line", "code"), CASES, ids=[c[0] for c in CASES])
def test_a_yaml_syntax_error_is_told_in_one_language(ptce, tmp_path, lang, name, text, line, code):
    pole = tmp_path / "pole.yaml"
    pole.write_text("format: ptce/1\n" + text, encoding="utf-8")
    for how in ("option", "locale"):
        result = ptce("validate", pole, *(["--lang", lang] if how == "option" else []),
                      env=LANG_ENV[lang] if how == "locale" else {})
        assert result.returncode == 1
        assert f"pole.yaml:{line}:" in result.stderr and f"[{code}]" in result.stderr, result.stderr
        assert ("conseil" if lang == "fr" else "hint") in result.stderr
        assert not offending(result.stderr, lang), (name, how, offending(result.stderr, lang), result.stderr)


def test_where_an_unclosed_bracket_was_opened_is_said(ptce, tmp_path):
    # The parser stops at the end of the file; the reader looks for the bracket it opened.
    pole = tmp_path / "pole.yaml"
    pole.write_text("format: ptce/1\nid: demo\nterritory: [a, b\nname: x\n", encoding="utf-8")
    result = ptce("validate", pole, "--lang", "fr")
    assert "ouverte ligne 3, colonne 12" in result.stderr, result.stderr
    assert "opened at line 3, column 12" in ptce("validate", pole, "--lang", "en").stderr


@pytest.mark.parametrize("pure", [True, False])
def test_both_parsers_complaints_are_known(pure):
    # libyaml and ruamel.yaml's own parser: each case gives a message of the catalogs, not the parser's words.
    from ruamel.yaml.error import MarkedYAMLError

    from ptce_kit.i18n import Message
    from ptce_kit.io import files

    for name, text, _line, _code in CASES:
        try:
            files.yaml_loader(pure=pure).load("format: ptce/1\n" + text)
        except MarkedYAMLError as exc:
            said, _hint = files._parser_words((exc.problem or exc.context or "").strip(), exc.context,
                                              exc.context_mark, exc.problem_mark)
            assert isinstance(said, Message) and said.msgid != "the parser says {detail!r}", (name, exc.problem)
        else:
            raise AssertionError(f"{name}: no error")
