"""``ptce member update`` names the field it changed in the reader's words (issue 17).

It printed the format's key (« adie : presence = … ») in French output; English keeps the key,
which is what an English user types.
"""

from __future__ import annotations

import shutil
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "pole_sud" / "pole.yaml"


def test_the_changed_field_is_named_in_french_and_keyed_in_english(ptce, tmp_path):
    pole = tmp_path / "pole.yaml"
    shutil.copy(EXAMPLE, pole)
    french = ptce("--lang", "fr", "member", "update", pole, "adie", "--presence", "résident", "--joined", "03/2015")
    assert french.returncode == 0, french.stderr
    assert "adie : Présence au lieu du pôle = implanté au pôle" in french.stderr
    assert "adie : Date d’entrée dans le pôle = 2015-03" in french.stderr
    assert "presence =" not in french.stderr and "joined =" not in french.stderr
    english = ptce("--lang", "en", "member", "update", pole, "adie", "--presence", "remote")
    assert english.returncode == 0 and "adie: presence = remote" in english.stderr, english.stderr
