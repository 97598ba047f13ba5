"""Helpers of the workspace's tests: a copy of Pôle Sud served by a TestClient.

The TestClient speaks to the application as a browser on this computer would: Host
``127.0.0.1:PORT``, the token trade on the first visit, an Origin of the server itself.
Each test gets its own copy of the pole's file (with a comment of its own added), so
that what a request writes, or must not write, is checked on disk.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest


ROOT = Path(__file__).resolve().parents[2]
POLE_SUD = ROOT / "examples" / "pole_sud" / "pole.yaml"
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
TOKEN = "test-token-0123456789abcdefghijklmnopqrstu"
#: A comment of the tests' own, on its own line and at the end of a line, in the copy served.
COMMENT = "# a founder's note: keep this line"


def hidden(html: str, name: str) -> str:
    """The value of the hidden input ``name`` of a page's (first) form."""
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, f"no hidden {name} in the page"
    return found.group(1)


def make_client(target: Path, *, login: bool = True, max_body: int | None = None, **headers: str):
    import warnings

    with warnings.catch_warnings():  # Starlette 1.x suggests httpx2; httpx is what it runs on here
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from ptce_kit.serve.app import create_app

    options = {} if max_body is None else {"max_body": max_body}
    app = create_app(target, token=TOKEN, port=PORT, **options)
    client = TestClient(app, base_url=BASE, headers={"origin": BASE, **headers})
    if login:
        response = client.get(f"/?token={TOKEN}", follow_redirects=False)
        assert response.status_code == 303
    return client


def copy_pole(tmp_path: Path) -> Path:
    target = tmp_path / "copy" / "pole.yaml"
    target.parent.mkdir()
    shutil.copy(POLE_SUD, target)
    return target


def form_data(html: str, action: str | None = None) -> dict[str, Any]:
    """What a browser sends for the page's form (the first, or the one posting to ``action``), untouched.

    Text inputs, hidden inputs and text areas send their value, menus their selected option
    (else the first), checked boxes their value (several under one name: a list).
    """
    from html.parser import HTMLParser

    class Reader(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.data: dict[str, Any] = {}
            self.inside = False
            self.done = False
            self.select: str | None = None
            self.first: str | None = None
            self.chosen = False
            self.area: str | None = None

        def put(self, name: str, value: str) -> None:
            if name in self.data:
                held = self.data[name]
                self.data[name] = [*held, value] if isinstance(held, list) else [held, value]
            else:
                self.data[name] = value

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = {k: v or "" for k, v in attrs}
            if tag == "form" and not self.done and (action is None or a.get("action") == action):
                self.inside = True
            if not self.inside or "name" not in a and tag in ("input", "select", "textarea"):
                return
            if tag == "input":
                kind = a.get("type", "text")
                if kind in ("checkbox", "radio"):
                    if "checked" in a:
                        self.put(a["name"], a.get("value", "on"))
                elif kind not in ("submit", "button", "file"):
                    self.put(a["name"], a.get("value", ""))
            elif tag == "select":
                self.select, self.first, self.chosen = a["name"], None, False
            elif tag == "option" and self.select is not None:
                if self.first is None:
                    self.first = a.get("value", "")
                if "selected" in a and not self.chosen:
                    self.put(self.select, a.get("value", ""))
                    self.chosen = True
            elif tag == "textarea":
                self.area = a["name"]
                self.put(self.area, "")

        def handle_data(self, data: str) -> None:
            if self.area is not None:
                self.data[self.area] += data

        def handle_endtag(self, tag: str) -> None:
            if tag == "select" and self.select is not None:
                if not self.chosen and self.first is not None:
                    self.put(self.select, self.first)
                self.select = None
            elif tag == "textarea":
                self.area = None
            elif tag == "form" and self.inside:
                self.inside, self.done = False, True

    reader = Reader()
    reader.feed(html)
    return reader.data
