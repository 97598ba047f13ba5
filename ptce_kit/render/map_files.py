"""The map files a pole's folder gets from ``ptce build``: ``carte.png``, ``carte.svg``, ``carte.html``.

In English the files are named ``map.*``.

>>> map_file_names("fr"), map_file_names("en")
(('carte.png', 'carte.svg', 'carte.html'), ('map.png', 'map.svg', 'map.html'))
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .map_text import check_lang

if TYPE_CHECKING:
    from ..model import Pole

__all__ = ["map_file_names", "write_map_files"]


def map_file_names(lang: str) -> tuple[str, str, str]:
    """The names of the static (PNG, SVG) and interactive (HTML) maps in a language."""
    base = "carte" if check_lang(lang) == "fr" else "map"
    return f"{base}.png", f"{base}.svg", f"{base}.html"


def write_map_files(pole: Pole, folder: str | Path, *, lang: str | None = None, layout: str = "spring",
                    include_personal_data: bool = False, jobs: int | None = 1) -> list[Path]:
    """Write the static map (PNG and SVG) and the interactive map (HTML) of a pole into ``folder``.

    ``lang`` defaults to the pole's own language.  Without ``include_personal_data`` the
    maps are drawn from :func:`ptce_kit.privacy.for_sharing` of the pole: natural persons
    labelled ``Personne 1``…, no contact persons.  With ``jobs`` 2 or more (on Linux), the
    SVG and the HTML page are written by a forked process while this one writes the PNG.
    Returns the paths written.
    """
    from ..parallel import side_by_side
    from ..files import output_folder
    from ..privacy import for_sharing
    from .interactive import write_interactive_map
    from .maps import map_figure, save_figure

    pole = for_sharing(pole, include_personal_data=include_personal_data)
    lang = lang or pole.language.value
    folder = output_folder(folder)
    png, svg, page = (folder / name for name in map_file_names(lang))
    # One figure, saved twice: the layout and the label placement are the slow part.
    figure = map_figure(pole, layout=layout, lang=lang)

    def vector_and_page() -> None:
        save_figure(figure, svg)
        write_interactive_map(pole, page, lang=lang, layout=layout, include_personal_data=include_personal_data)

    side_by_side([vector_and_page, lambda: save_figure(figure, png)], jobs=jobs)
    return [png, svg, page]
