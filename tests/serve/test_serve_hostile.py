"""A pole whose every text is hostile HTML: every page of the workspace shows it as text."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

pytest.importorskip("starlette")

from serving import make_client  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "render"))
from hostile import hostile_pole  # noqa: E402

#: Markup that would run or load something if a page let the data through unescaped.
LIVE = re.compile(r"<script>(?:alert|x\(|y\(|n\()|<img src=x|<svg onload|<iframe>|<b>Pôle</b>|<u>Board</u>|<i>C</i>")


@pytest.fixture
def hostile_client(tmp_path):
    from ptce_kit.io import save_pole

    folder = tmp_path / "hostile"
    folder.mkdir()
    save_pole(hostile_pole(), folder / "pole.yaml")
    return make_client(folder)


@pytest.mark.parametrize("page", ["/", "/criteres", "/acteurs", "/acteurs/a0", "/acteurs/a7", "/acteurs/a0/supprimer",
                                  "/partenariats", "/partenariats/t", "/projets", "/projets/p", "/indicateurs",
                                  "/indicateurs/1", "/gouvernance", "/documents", "/carte", "/acteurs?q=%3Cscript%3E"])
def test_hostile_text_is_shown_as_text_on_every_page(hostile_client, page):
    response = hostile_client.get(page)
    assert response.status_code == 200, page
    assert not LIVE.search(response.text), LIVE.search(response.text).group(0)
    assert "&lt;" in response.text or page in ("/documents", "/carte")
