"""Widths of the interactive map's labels, from DejaVu Sans' advance widths (the page's font).

A label's width is the sum of its characters' advances (kerning left out: a few tenths of a
pixel), each the unhinted advance FreeType gives for the font matplotlib ships
(``linearHoriAdvance``), at :data:`FONT_PX` page units.  The advances of the characters
French and English names use (Latin-1, Latin Extended-A, typographic punctuation and
spaces) are recorded in ``_assets/label_advances.json`` by
``scripts/record_label_advances.py``, so that a page is laid out without importing
matplotlib; another character is measured on the font itself, once.

>>> width = TextWidth()
>>> width("Groupe Archer") < width("Groupe Archer", "bold")
True
>>> round(width("é"), 3) == round(width("e"), 3)
True
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

__all__ = ["FONT_PX", "RECORDED", "TextWidth", "measure_advance"]

FONT_PX = 11.0  # label font size in page units (map.css and map.js)
#: The code points whose advances are recorded, by ranges (first, last) included.
RECORDED = ((0x20, 0x7E), (0xA0, 0x17F), (0x2010, 0x203A), (0x20AC, 0x20AC), (0x2122, 0x2122))
_WEIGHTS = ("normal", "bold")
_FALLBACK = 0.62  # of the font size: the width of a character the font lacks


@cache
def _fonts() -> dict[str, Any]:
    """DejaVu Sans in both weights, opened with matplotlib's FreeType at :data:`FONT_PX`."""
    from matplotlib import ft2font
    from matplotlib.font_manager import FontProperties, findfont

    fonts = {}
    for weight in _WEIGHTS:
        font = ft2font.FT2Font(findfont(FontProperties(family="DejaVu Sans", weight=weight)))
        font.set_size(FONT_PX, 72)
        fonts[weight] = font
    return fonts


def measure_advance(char: str, weight: str = "normal") -> int | None:
    """The advance of ``char`` in ``weight``, in 1/65536 of a page unit, measured on the font.

    None for a character the font cannot load (its width is then :data:`_FALLBACK` of the size).
    """
    from matplotlib import ft2font

    # matplotlib 3.10 named the flags LoadFlags; older ones have module constants.
    flags = ft2font.LoadFlags.NO_HINTING if hasattr(ft2font, "LoadFlags") else getattr(ft2font, "LOAD_NO_HINTING")
    try:
        return int(_fonts()[weight].load_char(ord(char), flags=flags).linearHoriAdvance)
    except (RuntimeError, ValueError):
        return None


@cache
def _recorded() -> dict[tuple[str, str], float]:
    raw = json.loads(files("ptce_kit.render").joinpath("_assets", "label_advances.json").read_text(encoding="utf-8"))
    return {(weight, chr(int(code, 16))): _page_units(advance)
            for weight in _WEIGHTS for code, advance in raw[weight].items()}


def _page_units(advance: int | None) -> float:
    return advance / 65536 if advance is not None else FONT_PX * _FALLBACK


class TextWidth:
    """The width of a label in page units: ``TextWidth()(text, weight)``."""

    def __init__(self) -> None:
        self._advance = dict(_recorded())

    def __call__(self, name: str, weight: str = "normal") -> float:
        total = 0.0
        advance = self._advance
        for char in name:
            key = (weight, char)
            if key not in advance:
                advance[key] = _page_units(measure_advance(char, weight))
            total += advance[key]
        return total
