"""Every code example of the documentation runs, as a reader would run it (see doc_examples)."""

from __future__ import annotations

from pathlib import Path

import pytest

import doc_examples
from doc_examples import ROOT, run_page

PAGES = sorted(p for p in [*(ROOT / "docs").rglob("*.md"), ROOT / "README.md"] if doc_examples.runnable(p))


def test_the_guides_have_examples_to_run():
    names = {p.relative_to(ROOT).as_posix() for p in PAGES}
    assert {"README.md", "docs/cli.md", "docs/paths/founders.fr.md", "docs/paths/researchers.md", "docs/index.md",
            "docs/editing.fr.md", "docs/privacy.fr.md", "docs/founders.fr.md", "docs/founders.md"} <= names


def _run_pages(pages: list[Path], folders: dict[Path, Path]) -> dict[Path, list[str]]:
    """Each page's problems; a page that breaks the runner fails alone, with its traceback."""
    import traceback

    found = {}
    for page in pages:
        try:
            found[page] = run_page(page, folders[page])
        except Exception:  # noqa: BLE001 - reported as that page's failure
            found[page] = [f"{page}: the examples' runner failed:\n{traceback.format_exc()}"]
    return found


@pytest.fixture(scope="module")
def page_problems(request, tmp_path_factory) -> dict[Path, list[str]]:
    """The problems of every selected page, the pages run in two processes at once.

    Each page runs alone in its own folder, as before; a page's Python blocks change the
    working directory, so the pages are shared between this process and one forked child
    (:func:`ptce_kit.parallel.side_by_side`; one after the other where forking is unsafe),
    the longest pages first, each to the group with less text so far.
    """
    from ptce_kit.parallel import side_by_side

    selected = {item.callspec.params["page"] for item in request.session.items
                if getattr(item, "originalname", None) == "test_examples_of_the_page_run"}
    pages = [page for page in PAGES if page in selected]
    folders = {page: tmp_path_factory.mktemp(page.stem) for page in pages}
    groups: list[list[Path]] = [[], []]
    weights = [0, 0]
    for page in sorted(pages, key=lambda p: -p.stat().st_size):
        lighter = weights.index(min(weights))
        groups[lighter].append(page)
        weights[lighter] += page.stat().st_size
    found: dict[Path, list[str]] = {}
    for answer in side_by_side([lambda group=group: _run_pages(group, folders) for group in groups], jobs=2):
        found.update(answer)
    return found


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_examples_of_the_page_run(page: Path, page_problems: dict[Path, list[str]]):
    problems = page_problems[page]
    assert not problems, "\n\n".join(problems)


def _page(tmp_path: Path, text: str) -> list[str]:
    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    return run_page(page, work)


def test_a_wrong_output_is_reported(tmp_path: Path):
    problems = _page(tmp_path, "```console\n$ ptce validate examples/pole_sud\n✓ examples/pole_sud: invalid\n```\n")
    assert len(problems) == 1 and "printed" in problems[0]


def test_an_unexpected_exit_status_is_reported(tmp_path: Path):
    problems = _page(tmp_path, "```sh\nptce validate missing.yaml\nptce show examples/pole_sud  # exit 1\n```\n")
    assert len(problems) == 2
    assert "exited 1, expected 0" in problems[0] and "exited 0, expected 1" in problems[1]


def test_titled_blocks_are_files_and_poles_are_checked(tmp_path: Path):
    text = (
        '```yaml title="p/pole.yaml"\nformat: ptce/1\nid: p\nname: P\n```\n\n'
        "```console\n$ ptce validate p\n✓ p: valid (0 actors, 0 partnerships, 0 projects)\n```\n\n"
        "```yaml\nformat: ptce/1\nid: Not A Slug\nname: P\n```\n"
    )
    problems = _page(tmp_path, text)
    assert len(problems) == 1 and "not a valid pole" in problems[0]


def test_python_blocks_share_a_namespace_and_doctests_are_checked(tmp_path: Path):
    text = "```python\nx = 40\n```\n\n```python\n>>> x + 2\n42\n>>> y = x\n```\n\n```python\n>>> y\n41\n```\n"
    problems = _page(tmp_path, text)
    assert len(problems) == 1 and "doctest failed" in problems[0] and "41" in problems[0]


def test_install_commands_are_shown_not_run_and_skip_marks_hold(tmp_path: Path):
    text = ("```sh\npython -m pip install nothing-such && ptce show examples/pole_sud\n```\n\n"
            "<!-- docs-test: skip (an example of the mark) -->\n```sh\nfalse\n```\n")
    assert _page(tmp_path, text) == []
