"""The browser tests' Chromium: Debian's own browser driven by Playwright, every foreign request aborted.

Shared by the interactive map's tests, the documentation site's and the workspace's.  They
need Playwright (the ``test`` extra) and Debian's ``chromium`` at /usr/bin/chromium (or
``PTCE_CHROMIUM``); Playwright's own browser download is never used.  Without them the
tests are skipped, except under CI (``CI=true``), where they fail: a green CI must have
driven a browser.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

__all__ = ["chromium", "launched", "browser", "offline"]


def chromium() -> str | None:
    """The Chromium to drive: ``PTCE_CHROMIUM``, else Debian's, else one on the ``PATH``; ``None`` without one."""
    named = os.environ.get("PTCE_CHROMIUM")
    if named:
        return named if Path(named).exists() else None
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


@contextlib.contextmanager
def launched() -> Iterator[Any]:
    """A headless Chromium for the block; the test is skipped without one (fails under CI)."""
    reason = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = "Playwright is not installed (pip install -e '.[test]')"
    executable = chromium()
    if reason is None and executable is None:
        where = os.environ.get("PTCE_CHROMIUM") or "/usr/bin/chromium"
        reason = f"no Chromium at {where} (apt-get install -y chromium, or set PTCE_CHROMIUM)"
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run under CI: {reason}")
        pytest.skip(reason)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium shared by a test module (import this fixture into the module)."""
    with launched() as found:
        yield found


def offline(allowed: tuple[str, ...], blocked: list[str]) -> Callable[[Any], None]:
    """A Playwright route handler: requests to addresses starting with ``allowed`` go on, others are
    aborted and their addresses added to ``blocked``."""

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if url.startswith(allowed):
            request_route.continue_()
        else:
            blocked.append(url)
            request_route.abort()

    return route
