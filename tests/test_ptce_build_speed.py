"""``ptce build`` renders fast: the documents' Jinja environment is built once per language and
templates folder, and a user's edits to their ``--templates`` folder are still seen."""

from __future__ import annotations

import os

from ptce_kit.render.documents import environment, page_environment, render_markdown


def test_the_environment_is_built_once_per_language_and_folder(tmp_path):
    assert environment("fr") is environment("fr")
    assert environment("en") is environment("en")
    assert environment("fr") is not environment("en")
    assert page_environment() is page_environment()
    (tmp_path / "joining.md.j2").write_text("## Adhésion\n", encoding="utf-8")
    assert environment("fr", tmp_path) is environment("fr", tmp_path)
    assert environment("fr", tmp_path) is not environment("fr")


def test_compiled_templates_are_reused_from_one_document_to_the_next(pole_sud):
    render_markdown(pole_sud, "charter")
    env = environment("fr")
    compiled = env.get_template("fr/charter.md.j2")
    render_markdown(pole_sud, "charter")
    assert environment("fr").get_template("fr/charter.md.j2") is compiled


def _touch_later(path):
    """Give ``path`` a modification time clearly after its previous one (coarse file systems)."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def test_an_edited_override_is_seen_by_the_next_render(tmp_path, pole_sud):
    clause = tmp_path / "joining.md.j2"
    clause.write_text("## Article {{ clause.number }} : Entrer\n\nPremière version.\n", encoding="utf-8")
    assert "Première version." in render_markdown(pole_sud, "charter", templates=tmp_path)
    clause.write_text("## Article {{ clause.number }} : Entrer\n\nSeconde version, plus longue.\n",
                      encoding="utf-8")
    _touch_later(clause)
    text = render_markdown(pole_sud, "charter", templates=tmp_path)
    assert "Seconde version, plus longue." in text and "Première version." not in text


def test_an_override_added_or_removed_between_two_renders_is_seen(tmp_path, pole_sud):
    bundled = render_markdown(pole_sud, "charter", templates=tmp_path)
    clause = tmp_path / "fr" / "charter" / "joining.md.j2"
    clause.parent.mkdir(parents=True)
    clause.write_text("## Article {{ clause.number }} : Entrer\n\nNotre règle.\n", encoding="utf-8")
    assert "Notre règle." in render_markdown(pole_sud, "charter", templates=tmp_path)
    clause.unlink()
    assert render_markdown(pole_sud, "charter", templates=tmp_path) == bundled
