"""The documentation site builds strictly (mkdocs build --strict) and works offline."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REMOTE = re.compile(r"^\s*(https?:)?//", re.I)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml"),
         "--site-dir", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr[-5000:]
    return out


class _Assets(HTMLParser):
    """The URLs a page loads by itself: scripts, styles, fonts, icons, inline CSS urls."""

    def __init__(self) -> None:
        super().__init__()
        self.loaded: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and a.get("src"):
            self.loaded.append(a["src"] or "")
        if tag == "link" and a.get("href"):
            self.loaded.append(a["href"] or "")
        if a.get("style"):
            self.loaded += _css_urls(a["style"] or "")
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.loaded += _css_urls(data)


def _css_urls(css: str) -> list[str]:
    urls = re.findall(r"""url\(\s*['"]?([^'")]+)""", css)
    urls += re.findall(r"""@import\s+(?:url\()?\s*['"]([^'"]+)""", css)
    return urls


def _remote_assets(site: Path) -> list[str]:
    found = []
    for page in sorted(site.rglob("*.html")):
        parser = _Assets()
        parser.feed(page.read_text(encoding="utf-8"))
        found += [f"{page.relative_to(site)}: {url}" for url in parser.loaded if REMOTE.match(url)]
    for sheet in sorted(site.rglob("*.css")):
        found += [f"{sheet.relative_to(site)}: {url}" for url in _css_urls(sheet.read_text(encoding="utf-8"))
                  if REMOTE.match(url)]
    return found


@pytest.mark.slow
def test_site_loads_nothing_from_the_network(site: Path):
    assert _remote_assets(site) == []
    # No web font at all: the theme's fonts are the reader's system fonts.
    assert not list(site.rglob("*.woff*")) and "fonts.g" not in (site / "index.html").read_text(encoding="utf-8")


def test_the_offline_check_catches_a_remote_script(tmp_path: Path):
    (tmp_path / "index.html").write_text(
        '<html><head><script src="https://cdn.example.org/x.js"></script>'
        '<link rel="stylesheet" href="//fonts.example.org/css"><style>@import "http://x.org/a.css";</style>'
        '</head><body><a href="https://example.org">a link is fine</a><img src="repo/a.png"></body></html>',
        encoding="utf-8")
    (tmp_path / "a.css").write_text("body { background: url('https://x.org/bg.png') }", encoding="utf-8")
    found = _remote_assets(tmp_path)
    assert len(found) == 4 and not any("example.org\"" in f or f.endswith("example.org") for f in found)


@pytest.mark.slow
def test_site_has_every_path_and_reference(site: Path):
    for page in ("index.html", "index.en.html", "paths/founders.fr.html", "paths/founders.html", "paths/networks.html",
                 "paths/researchers.html", "format.html", "format.fr.html", "editing.fr.html", "privacy.fr.html",
                 "cli.html", "api/network.html"):
        assert (site / page).is_file(), page
    french = (site / "paths" / "founders.fr.html").read_text(encoding="utf-8")
    assert "Fonder un pôle" in french and "données personnelles" in french
    # mkdocstrings rendered the docstrings (not just the '::: module' lines).
    api = (site / "api" / "network.html").read_text(encoding="utf-8")
    assert "::: ptce_kit" not in api and "The cooperation graph of a pole: one node per actor" in api
    # Sphinx-style roles of the docstrings became links (tools/mkdocs_hooks.py), not ':func:' text.
    assert ":func:" not in api
    assert 'href="io.html#ptce_kit.io.files.load_pole"><code>ptce_kit.load_pole</code></a>' in api
    cli_page = (site / "cli.html").read_text(encoding="utf-8")
    assert "ptce validate" in cli_page and "--include-personal-data" in cli_page


@pytest.mark.slow
def test_files_linked_outside_docs_ship_with_the_site(site: Path):
    # ../examples/research.ipynb and ../schema/pole.schema.json are copied, and links point at the copies.
    assert (site / "repo" / "examples" / "research.ipynb").is_file()
    assert (site / "repo" / "schema" / "pole.schema.json").is_file()
    html = (site / "paths" / "researchers.html").read_text(encoding="utf-8")
    assert 'href="../repo/examples/research.ipynb"' in html
    # Search works from the file system: the index is inlined as a script.
    assert (site / "search" / "search_index.js").is_file()


@pytest.mark.slow
@pytest.mark.browser
def test_site_searches_from_the_disk_with_the_network_blocked(site: Path):
    """Opened from file:// in a real Chromium, the site asks nothing of the network and search works.

    Skipped without Playwright or Debian's chromium, except under CI (CI=true), where it fails.
    """
    from tests.browser_support import launched, offline

    blocked: list[str] = []
    errors: list[str] = []
    with launched() as browser:
        context = browser.new_context()
        context.route("**/*", offline(("file:", "data:", "blob:", "about:"), blocked))
        page = context.new_page()
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((site / "paths" / "founders.fr.html").as_uri())
        assert "Fonder un pôle" in page.title()
        # The search worker runs through the vendored file:// shim and the inlined index.
        page.locator("input.md-search__input").first.fill("Archer")
        page.wait_for_selector(".md-search-result__item", timeout=20_000)
        assert page.locator(".md-search-result__item").count() >= 1
    assert blocked == [] and errors == []


#: What Material writes in a page of each language: its html lang, its search box, its language button.
INTERFACE = {
    "fr": ('<html lang="fr"', 'placeholder="Rechercher"', "Aller au contenu", 'aria-label="Effacer"'),
    "en": ('<html lang="en"', 'placeholder="Search"', "Skip to content", 'aria-label="Clear"'),
}


def _french_sources() -> list[Path]:
    """The French pages of docs/: name.fr.md, or a front matter saying lang: fr."""
    docs = ROOT / "docs"
    return sorted(p for p in docs.rglob("*.md")
                  if p.name.endswith(".fr.md") or re.match(r"---\n(?:.*\n)*?lang: fr\n(?:.*\n)*?---\n",
                                                           p.read_text(encoding="utf-8")))


def _built(site: Path, source: Path) -> Path:
    return site / source.relative_to(ROOT / "docs").with_suffix(".html")


@pytest.mark.slow
def test_each_page_s_interface_is_in_the_page_s_language(site: Path):
    french = _french_sources()
    names = {p.relative_to(ROOT / "docs").as_posix() for p in french}
    assert {"index.md", "founders.fr.md", "paths/founders.fr.md", "editing.fr.md", "privacy.fr.md",
            "format.fr.md"} <= names
    for source in french:
        html = _built(site, source).read_text(encoding="utf-8")
        for mark in INTERFACE["fr"]:
            assert mark in html, f"{source.name}: {mark}"
        # The search's own messages are Material's French ones.
        assert "Aucun document trouv\\u00e9" in html or "Aucun document trouvé" in html, source.name
    for page in ("index.en.html", "editing.html", "format.html", "analysis.html", "paths/founders.html",
                 "api/network.html"):
        html = (site / page).read_text(encoding="utf-8")
        for mark in INTERFACE["en"]:
            assert mark in html, f"{page}: {mark}"
    # The pages not rendered from a page (404) take the site's language, French.
    assert INTERFACE["fr"][0] in (site / "404.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_language_selector_links_the_two_versions_of_a_page(site: Path):
    for french, english in (("editing.fr.html", "editing.html"), ("index.html", "index.en.html"),
                            ("paths/founders.fr.html", "paths/founders.html"), ("format.fr.html", "format.html"),
                            ("founders.fr.html", "founders.html")):
        for page, other in ((french, english), (english, french)):
            html = (site / page).read_text(encoding="utf-8")
            target = Path(other).name
            lang = "en" if other == english else "fr"
            assert f'<a href="{target}" hreflang="{lang}" class="md-select__link">' in html, (page, other)
            label = {"fr": "Sélectionner la langue", "en": "Select language"}[("fr" if other == english else "en")]
            assert f'aria-label="{label}"' in html, page
            # No <link rel="alternate"> in the head: Material would fetch a sitemap, refused from the disk.
            assert '<link rel="alternate"' not in html, page
    # A page with no other version has no selector.
    assert "md-select__link" not in (site / "analysis.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_search_finds_french_words_of_the_french_pages(site: Path):
    import json

    text = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("{"):text.rindex("}") + 1])
    assert "fr" in index["config"]["lang"]  # French stemming and stop words
    french = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"]
                      if doc["location"].startswith("editing.fr.html"))
    for word in ("Modifier les données du pôle", "tableur", "adhésion", "Correspondance"):
        assert word in french, word
    privacy = " ".join(doc["text"] + doc["title"] for doc in index["docs"]
                       if doc["location"].startswith("privacy.fr.html"))
    assert "pseudonymisée" in privacy and "durée de conservation" in privacy.lower()
