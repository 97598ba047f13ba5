"""Files that are not UTF-8 YAML 1.2: UTF-16/32, a NUL far down, %YAML 1.1, huge numbers, merge keys."""

from __future__ import annotations

import pytest

from ptce_kit.errors import FileProblemError, PoleError
from ptce_kit.io import load_pole, parse_text, pole_from_data
from ptce_kit.io.edit import load_document

POLE = "id: demo\nname: Demo\nactors:\n  - id: a\n    name: A\n    category: other\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le"])
def test_a_utf16_or_utf32_file_is_named_as_such(tmp_path, encoding):
    file = tmp_path / "pole.yaml"
    file.write_bytes(POLE.encode(encoding))
    with pytest.raises(FileProblemError) as caught:
        load_pole(file)
    [problem] = caught.value.problems
    assert f"saved as UTF-{encoding[4:6]}" in problem.message
    assert "UTF-8" in problem.hint and "binary" not in problem.message


def test_a_nul_far_in_the_file_is_reported_with_its_line(tmp_path):
    file = tmp_path / "pole.yaml"
    text = POLE + "sources:\n" + "".join(f"  - source number {i}\n" for i in range(600))
    lines = text.splitlines(keepends=True)
    lines[500] = lines[500].replace("number", "num\x00ber")
    file.write_text("".join(lines), encoding="utf-8")
    assert len("".join(lines[:500]).encode()) > 8192
    with pytest.raises(FileProblemError) as caught:
        load_pole(file)
    [problem] = caught.value.problems
    assert problem.line == 501 and "NUL" in problem.message


def test_a_nul_at_the_start_is_still_a_binary_file(tmp_path):
    file = tmp_path / "pole.yaml"
    file.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(FileProblemError, match="binary"):
        load_pole(file)


def _read(reader: str, tmp_path, text: str) -> None:
    """Read ``text`` as ``ptce validate`` reads a file (``load_pole``), or as the editing commands do."""
    file = tmp_path / "pole.yaml"
    file.write_text(text, encoding="utf-8")
    (load_document if reader == "editor" else load_pole)(file)


@pytest.mark.parametrize("reader", ["validate", "editor"])
def test_yaml_11_is_refused_alike_by_validate_and_the_editor(tmp_path, reader):
    text = "%YAML 1.1\n---\n" + POLE + "    ess: yes\n"
    with pytest.raises(FileProblemError) as caught:
        _read(reader, tmp_path, text)
    [problem] = caught.value.problems
    assert "%YAML 1.1" in problem.message and problem.line == 1 and "true/false" in problem.hint


def test_yaml_12_directive_is_read():
    assert parse_text("%YAML 1.2\n---\n" + POLE)["id"] == "demo"


@pytest.mark.parametrize("reader", ["validate", "editor"])
def test_a_duplicate_key_beside_a_merge_key_is_refused_by_both(tmp_path, reader):
    text = "base: &b {category: other}\nactors:\n  - <<: *b\n    id: a\n    name: A\n    name: B\n"
    with pytest.raises(FileProblemError) as caught:
        _read(reader, tmp_path, text)
    [problem] = caught.value.problems
    assert problem.code == "PTCE-E012" and problem.line == 6


def test_a_merge_key_overridden_by_an_explicit_key_is_fine():
    data = parse_text("base: &b {category: other, name: X}\nm:\n  <<: *b\n  name: A\n")
    assert data["m"] == {"category": "other", "name": "A"}


@pytest.mark.parametrize("suffix", ["yaml", "json", "tagged.yaml"])
def test_a_number_of_more_than_4300_digits_is_located(tmp_path, suffix):
    digits = "9" * 5000
    if suffix == "json":
        text = '{"id": "demo",\n "name": "Demo",\n "indicators": [{"name": "x", "value": ' + digits + ', "source": "s"}]}'
    else:
        text = "id: demo\nname: Demo\nindicators:\n  - {name: x, value: " + digits + ", source: s}\n"
        if suffix.startswith("tagged"):
            text = text.replace("name: Demo", "name: !!str Demo")
    file = tmp_path / f"pole.{suffix}"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(PoleError) as caught:
        load_pole(file)
    [problem] = caught.value.problems
    assert "more than 4300 digits" in problem.message
    assert problem.line == (3 if suffix == "json" else 4)
    assert "Exceeds the limit" not in str(caught.value)


@pytest.mark.parametrize("tagged", [False, True], ids=["events", "ruamel"])
@pytest.mark.parametrize("field", ["name", "founded", "indicator"])
def test_a_hexadecimal_number_too_long_to_write_is_refused_not_a_traceback(tagged, field):
    number = "0x" + "F" * 4000  # about 4800 decimal digits: Python refuses to write it as text
    text = {"name": f"id: demo\nname: {number}\n", "founded": f"id: demo\nname: Demo\nfounded: {number}\n",
            "indicator": f"id: demo\nname: Demo\nindicators:\n  - {{name: x, value: {number}, source: s}}\n"}[field]
    if tagged:
        text = text.replace("id: demo", "id: !!str demo")
    with pytest.raises(PoleError) as caught:
        data = parse_text(text, file="pole.yaml")
        pole_from_data(data, file="pole.yaml", text=text)
    [problem] = caught.value.problems
    assert "more than 4300 digits" in problem.message and problem.line == text.count("\n")
