"""The French pages of the documentation: complete, truthful about what is French, in their language."""

from __future__ import annotations

import importlib.util
import re
import typing
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def _hooks():
    spec = importlib.util.spec_from_file_location("mkdocs_hooks_under_test", ROOT / "tools" / "mkdocs_hooks.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _records() -> dict[str, list[str]]:
    """Every record of the format, from the pole down, with its fields (the models' own names)."""
    from pydantic import BaseModel

    from ptce_kit.model import Pole

    found: dict[str, list[str]] = {}

    def visit(model: type[BaseModel]) -> None:
        if model.__name__ in found:
            return
        found[model.__name__] = list(model.model_fields)
        for field in model.model_fields.values():
            stack = [field.annotation]
            while stack:
                item = stack.pop()
                if isinstance(item, type) and issubclass(item, BaseModel):
                    visit(item)
                stack.extend(typing.get_args(item))

    visit(Pole)
    return found


def _sections(text: str) -> dict[str, str]:
    """The text of each record's section of format.fr.md, by the record's name: ### … (`Actor`) {#actor}."""
    parts = re.split(r"(?m)^### .*\(`(\w+)`\).*$", text)
    return dict(zip(parts[1::2], parts[2::2]))


def test_the_french_format_reference_names_every_field():
    sections = _sections((DOCS / "format.fr.md").read_text(encoding="utf-8"))
    missing = []
    for record, fields in _records().items():
        if record not in sections:
            missing.append(f"the record {record}")
            continue
        rows = set(re.findall(r"(?m)^\| `(\w+)` \|", sections[record]))
        missing += [f"{record}.{name}" for name in fields if name not in rows]
    assert missing == [], f"docs/format.fr.md has no French line for: {', '.join(missing)}"


def test_the_check_of_the_french_reference_sees_a_missing_field():
    text = (DOCS / "format.fr.md").read_text(encoding="utf-8")
    sections = _sections(re.sub(r"(?m)^\| `siret` \|.*\n", "", text))
    assert "siret" not in re.findall(r"(?m)^\| `(\w+)` \|", sections["Actor"])
    assert "siret" in _records()["Actor"]


def _french_pages() -> list[Path]:
    hooks = _hooks()
    pages = []
    for page in sorted(DOCS.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        meta = {"lang": "fr"} if re.match(r"---\n(?:.*\n)*?lang: fr\n(?:.*\n)*?---\n", text) else {}
        if hooks.page_language(page.relative_to(DOCS).as_posix(), meta) == "fr":
            pages.append(page)
    return pages


def test_the_founders_pages_are_in_french():
    names = {p.relative_to(DOCS).as_posix() for p in _french_pages()}
    assert {"index.md", "founders.fr.md", "paths/founders.fr.md", "editing.fr.md", "privacy.fr.md",
            "format.fr.md"} <= names


def _has_french_version(target: Path) -> bool:
    if target.name.endswith(".fr.md"):
        return target.is_file()
    french = target.with_name(target.name.removesuffix(".md") + ".fr.md")
    if french.is_file():
        return True
    return target.is_file() and target.read_text(encoding="utf-8").startswith("---\nlang: fr\n")


@pytest.mark.parametrize("page", _french_pages(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_no_french_page_calls_english_a_page_that_exists_in_french(page: Path):
    text = page.read_text(encoding="utf-8")
    wrong = []
    for match in re.finditer(r"\]\(([^)#\s]+\.md)(?:#[^)]*)?\)[^\n.;]{0,40}?\((?:en|in) anglais\)", text):
        target = (page.parent / match.group(1)).resolve()
        if _has_french_version(target):
            wrong.append(match.group(0))
    assert wrong == []


def test_the_english_mark_check_catches_a_stale_mark():
    assert _has_french_version(DOCS / "editing.md") and _has_french_version(DOCS / "founders.md")
    assert not _has_french_version(DOCS / "maps.md")


@pytest.mark.parametrize(("src_uri", "meta", "language"), [
    ("editing.fr.md", None, "fr"),
    ("paths/founders.fr.md", {}, "fr"),
    ("index.en.md", None, "en"),
    ("index.md", {"lang": "fr"}, "fr"),
    ("founders.md", {"lang": "FR"}, "fr"),
    ("analysis.md", None, "en"),
    ("analysis.md", {"lang": "de"}, "en"),  # a language the site has no interface for
])
def test_a_page_s_language(src_uri, meta, language):
    assert _hooks().page_language(src_uri, meta) == language


@pytest.mark.parametrize("page", _french_pages(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_french_pages_link_the_french_version_of_a_page(page: Path):
    text = page.read_text(encoding="utf-8")
    english = []
    for match in re.finditer(r"\]\(([^)#\s]+\.md)(?:#[^)]*)?\)", text):
        target = (page.parent / match.group(1)).resolve()
        french = target.with_name(target.name.removesuffix(".md") + ".fr.md")
        if not target.name.endswith(".fr.md") and french.is_file():
            english.append(match.group(1))
    assert english == [], f"link the French version (name.fr.md) of: {', '.join(english)}"
