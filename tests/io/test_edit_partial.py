"""The editing path's shortcuts for a process that edits one file again and again (``ptce serve``).

A long list changed in a few items is composed around those items only; each version of
the file is read and validated once; ``expected_hash`` refuses a file changed meanwhile.
Each shortcut must write exactly what the full round trip writes.
"""

from __future__ import annotations

import pytest

import ptce_kit.io.edit as edit_module
from ptce_kit.errors import PoleError
from ptce_kit.io import members


@pytest.fixture(scope="module")
def pole_text():
    from ptce_kit.io import dump_pole
    from ptce_kit.synth import synthetic_pole

    pole = synthetic_pole(40, seed=5)
    return "# kept comment\n" + dump_pole(pole), [a.id for a in pole.actors]


def _edits(ids):
    middle, last = ids[len(ids) // 2], ids[-1]
    return {
        "add": lambda f: members.add_member(f, {"name": "Coop Nouvelle", "category": "ess_enterprise"}),
        "update-middle": lambda f: members.update_member(f, middle, {"name": "Renommée", "presence": "meetings"}),
        "update-first-two": lambda f: members.update_member(f, ids[1], {"name": "Deuxième"}),
        "remove-middle": lambda f: members.remove_member(f, middle, cascade=True),
        "remove-last": lambda f: members.remove_member(f, last, cascade=True),
    }


def _commented(text: str, ids: list[str]) -> str:
    """The pole with comments and blank lines between actors, and a comment at the end of an item's line."""
    for n, actor_id in enumerate(ids):
        if n % 3 == 0:
            text = text.replace(f"  - id: {actor_id}\n", f"\n  # about {actor_id}\n  - id: {actor_id}  # kept\n", 1)
    return text


@pytest.mark.parametrize("name", ["add", "update-middle", "update-first-two", "remove-middle", "remove-last"])
def test_a_long_list_changed_in_a_few_items_is_written_as_the_round_trip_writes_it(tmp_path, monkeypatch, pole_text,
                                                                                    name):
    text, ids = pole_text
    parts = []
    sequence_part = edit_module._sequence_part

    def spy(*args):
        found = sequence_part(*args)
        parts.append(found is not None)
        return found

    monkeypatch.setattr(edit_module, "_sequence_part", spy)
    results = {}
    for threshold in (10**9, 0):  # the round trip alone, then the fast path
        monkeypatch.setattr(edit_module, "FAST_EDIT_LINES", threshold)
        file = tmp_path / str(threshold) / "pole.yaml"
        file.parent.mkdir()
        file.write_text(text, encoding="utf-8")
        _edits(ids)[name](file)
        results[threshold] = file.read_bytes()
    assert results[0] == results[10**9]
    if name != "update-first-two":  # a change in the first items composes the whole list
        assert True in parts


@pytest.mark.parametrize("name", ["add", "update-middle", "remove-middle", "remove-last"])
def test_composing_around_the_changed_items_writes_what_composing_the_whole_list_writes(tmp_path, monkeypatch,
                                                                                       pole_text, name):
    """With comments and blank lines between the items, and at the end of their lines."""
    text, ids = pole_text
    text = _commented(text, ids)
    assert text.count("# about") >= 10
    monkeypatch.setattr(edit_module, "FAST_EDIT_LINES", 0)
    results = {}
    for part in (True, False):
        if not part:
            monkeypatch.setattr(edit_module, "_sequence_part", lambda *args: None)
        file = tmp_path / str(part) / "pole.yaml"
        file.parent.mkdir()
        file.write_text(text, encoding="utf-8")
        _edits(ids)[name](file)
        results[part] = file.read_bytes()
    assert results[True] == results[False]
    assert results[True].count(b"# about") >= text.count("# about") - 1


def test_a_file_changed_meanwhile_is_refused_by_its_hash_and_nothing_is_written(tmp_path, pole_text):
    text, ids = pole_text
    file = tmp_path / "pole.yaml"
    file.write_text(text, encoding="utf-8")
    seen = edit_module.file_digest(file.read_bytes())
    members.update_member(file, ids[3], {"name": "Changé ailleurs"})  # the CLI, while a form is open
    after = file.read_bytes()
    with pytest.raises(edit_module.FileChanged) as caught:
        members.remove_member(file, ids[5], cascade=True, expected_hash=seen)
    assert file.read_bytes() == after
    assert "Changé ailleurs" in caught.value.text and caught.value.expected == seen
    edit = members.remove_member(file, ids[5], cascade=True, expected_hash=edit_module.file_digest(after))
    assert edit.written and ids[5] not in [a.id for a in edit.pole.actors]


def test_a_version_known_valid_is_not_trusted_once_the_file_changed(tmp_path, monkeypatch, pole_text):
    text, ids = pole_text
    monkeypatch.setattr(edit_module, "FAST_EDIT_LINES", 0)
    file = tmp_path / "pole.yaml"
    file.write_text(text, encoding="utf-8")
    first = members.update_member(file, ids[2], {"name": "Une fois"})
    assert first.data is not None and first.data["actors"][2]["name"] == "Une fois"
    # Broken by hand: an actor's category is no longer a category.
    broken = file.read_text(encoding="utf-8").replace("category: ess_enterprise", "category: licorne", 1)
    assert broken != file.read_text(encoding="utf-8")
    file.write_text(broken, encoding="utf-8")
    with pytest.raises(PoleError):
        members.update_member(file, ids[2], {"name": "Deux fois"})
    assert file.read_text(encoding="utf-8") == broken
