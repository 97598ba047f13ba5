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
