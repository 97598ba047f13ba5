"""The docs' example is a real observatory of synthetic poles, built by the docs build (tools/mkdocs_observatory.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _hook():
    spec = importlib.util.spec_from_file_location("mkdocs_observatory_under_test", ROOT / "tools" / "mkdocs_observatory.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_docs_build_runs_the_hook_and_both_pages_link_to_the_live_example():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    hooks = config.split("\nhooks:\n", 1)[1].split("\n\n", 1)[0]
    assert "  - tools/mkdocs_observatory.py" in hooks.splitlines()
    hook = _hook()
    for page in ("observatory.md", "observatoire.fr.md"):
        text = (ROOT / "docs" / page).read_text(encoding="utf-8")
        for name in hook.SITES.values():
            assert f"]({name}/index.html)" in text, (page, name)
        assert ".png" not in text  # a real page, not a screenshot


def test_the_example_is_a_site_of_synthetic_poles_labelled_as_such(tmp_path, monkeypatch):
    hook = _hook()
    monkeypatch.setattr(hook, "POLES", 3)
    sites = hook.build_example(tmp_path)
    assert set(sites) == {"fr", "en"}
    for lang, site in sites.items():
        index = (site / "index.html").read_text(encoding="utf-8")
        assert index.count('class="pole-dot"') == 3
        notice = "Données SYNTHÉTIQUES" if lang == "fr" else "SYNTHETIC data"
        pages = [site / "index.html", site / "figures.html", site / "sources.html", *site.glob("poles/*/index.html")]
        assert len(pages) == 6 and all(notice in p.read_text(encoding="utf-8") for p in pages)
        # the sources page names the files as a reader would, not a temporary folder
        sources = (site / "sources.html").read_text(encoding="utf-8")
        assert "<code>poles-synthetiques/pole-001.yaml</code>" in sources and str(tmp_path) not in sources
        assert (site / "assets" / "place.js").is_file()
