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


# --- the templates compiled once, on disk (ptce_kit.render.template_cache) -------------------

def _compiles(monkeypatch) -> list[str]:
    """The names of the templates Jinja compiles from now on (not loaded from the disk cache)."""
    import jinja2

    compiled: list[str] = []
    original = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return compiled


def test_a_new_process_loads_the_compiled_templates_from_the_disk(tmp_path, monkeypatch, pole_sud):
    from ptce_kit.render import documents

    monkeypatch.setenv("PTCE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(documents, "_environments", {})
    compiled = _compiles(monkeypatch)
    first = render_markdown(pole_sud, "charter")
    assert "fr/charter.md.j2" in compiled and list((tmp_path / "cache").rglob("*.j2c"))
    compiled.clear()
    monkeypatch.setattr(documents, "_environments", {})  # as a new process: no environment yet
    assert render_markdown(pole_sud, "charter") == first
    assert compiled == []


def test_an_edited_override_is_compiled_again_by_a_new_process(tmp_path, monkeypatch, pole_sud):
    from ptce_kit.render import documents

    monkeypatch.setenv("PTCE_CACHE_DIR", str(tmp_path / "cache"))
    clause = tmp_path / "joining.md.j2"
    clause.write_text("## Article {{ clause.number }} : Entrer\n\nPremière version.\n", encoding="utf-8")
    monkeypatch.setattr(documents, "_environments", {})
    assert "Première version." in render_markdown(pole_sud, "charter", templates=tmp_path)
    clause.write_text("## Article {{ clause.number }} : Entrer\n\nSeconde.\n", encoding="utf-8")
    monkeypatch.setattr(documents, "_environments", {})
    text = render_markdown(pole_sud, "charter", templates=tmp_path)
    assert "Seconde." in text and "Première version." not in text


def test_a_cache_that_cannot_be_written_only_compiles_again(tmp_path, monkeypatch, pole_sud):
    from ptce_kit.render import documents

    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("PTCE_CACHE_DIR", str(blocked / "cache"))
    monkeypatch.setattr(documents, "_environments", {})
    assert render_markdown(pole_sud, "charter").startswith("# ")
    assert blocked.read_text(encoding="utf-8") == "not a folder"


def test_a_truncated_cache_file_is_compiled_again(tmp_path, monkeypatch, pole_sud):
    from ptce_kit.render import documents

    monkeypatch.setenv("PTCE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(documents, "_environments", {})
    first = render_markdown(pole_sud, "charter")
    for path in (tmp_path / "cache").rglob("*.j2c"):
        path.write_bytes(path.read_bytes()[:40])
    monkeypatch.setattr(documents, "_environments", {})
    compiled = _compiles(monkeypatch)
    assert render_markdown(pole_sud, "charter") == first and "fr/charter.md.j2" in compiled


def test_an_empty_ptce_cache_dir_turns_the_cache_off(tmp_path, monkeypatch, pole_sud):
    from ptce_kit.render import documents

    monkeypatch.setenv("PTCE_CACHE_DIR", "")
    monkeypatch.setattr(documents, "_environments", {})
    monkeypatch.chdir(tmp_path)
    assert documents.environment("fr").bytecode_cache is None
    render_markdown(pole_sud, "registry")
    assert list(tmp_path.rglob("*")) == []
