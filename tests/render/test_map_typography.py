"""The map's French text is typeset as the documents' (issue 19): a no-break space before « : »,
a narrow one before « ; ! ? », no-break spaces inside « », in the static map (PNG, SVG) and the
interactive page alike; the catalogs keep their plain space, set at render time.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from ptce_kit.i18n import pgettext
from ptce_kit.model import Pole
from ptce_kit.render.map_text import text
from ptce_kit.render.typography import NBSP, NNBSP, french_spacing

SVG = "{http://www.w3.org/2000/svg}"


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def _pole() -> Pole:
    return Pole(id="p", name="Pôle Sud", sources=["« La fiche » : Pôle Sud, 2014"], actors=[
        {"id": "a", "name": "Groupe Archer", "category": "ess_enterprise"},
        {"id": "b", "name": "Adie", "category": "ess_enterprise"}],
        partnerships=[{"id": "t", "actors": ["a", "b"], "kind": "cooperation", "topic": "Permanences"}])


def test_every_french_word_of_the_map_is_typeset_as_the_documents_are():
    words = text("fr")
    strings = _strings({k: v for k, v in words.items() if k != "colon"})
    assert strings
    for s in strings:
        assert french_spacing(s) == s, s
        assert not re.search(r" [:;!?]", s), s
    assert words["title"] == "{name}" + NBSP + ": carte de la coopération"
    assert words["colon"] == NBSP + ": "


def test_the_catalogs_keep_their_plain_space_and_english_is_left_as_it_is():
    assert pgettext("map", "{name}: cooperation map", "fr") == "{name} : carte de la coopération"
    english = text("en")
    assert english["colon"] == ": " and english["title"] == "{name}: cooperation map"
    assert not any(NBSP in s or NNBSP in s for s in _strings(english))


def test_the_data_put_into_a_french_map_text_is_typeset_too():
    words = text("fr")
    assert words["source"].format(source="« La fiche » : 2014") == \
        f"Source{NBSP}: «{NBSP}La fiche{NBSP}»{NBSP}: 2014"
    assert words["title"].format(name="Pôle Sud !") == f"Pôle Sud{NNBSP}!{NBSP}: carte de la coopération"


def test_the_svg_map_s_title_and_source_are_typeset(tmp_path):
    from ptce_kit.render.maps import draw_map

    svg = draw_map(_pole(), tmp_path / "carte.svg")
    texts = ["".join(t.itertext()) for t in ET.parse(svg).getroot().iter(f"{SVG}text")]
    assert f"Pôle Sud{NBSP}: carte de la coopération" in texts
    assert f"Source{NBSP}: «{NBSP}La fiche{NBSP}»{NBSP}: Pôle Sud, 2014" in texts
    assert not any(re.search(r"\w :", t) for t in texts), texts


def test_the_interactive_page_gets_the_typeset_words():
    from ptce_kit.render.interactive import interactive_html

    page = interactive_html(_pole())
    assert f"<title>Pôle Sud{NBSP}: carte de la coopération</title>" in page
    # the page's own words, which its script puts between a kind of tie and its topic
    assert '"colon": ' + json.dumps(NBSP + ": ", ensure_ascii=False) in page


def test_the_map_s_font_has_the_narrow_no_break_space():
    # The static map draws U+202F (before « ; ! ? ») with its font: DejaVu Sans has the glyph,
    # so the map keeps the documents' narrow space rather than a wider one.
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    from ptce_kit.render.map_drawing import figure_style

    font = FT2Font(font_manager.findfont(figure_style()["font.family"]))
    assert {0x202F, 0x00A0} <= set(font.get_charmap())
