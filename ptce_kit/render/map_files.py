"""The map files a pole's folder gets from ``ptce build``: ``carte.png``, ``carte.svg``, ``carte.html``.

In English the files are named ``map.*``.

>>> map_file_names("fr"), map_file_names("en")
(('carte.png', 'carte.svg', 'carte.html'), ('map.png', 'map.svg', 'map.html'))
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .map_text import check_lang

if TYPE_CHECKING:
    from ..model import Pole
    from ..parallel import Prepared

__all__ = ["map_file_names", "start_map_files", "write_map_files"]


def map_file_names(lang: str) -> tuple[str, str, str]:
    """The names of the static (PNG, SVG) and interactive (HTML) maps in a language."""
    base = "carte" if check_lang(lang) == "fr" else "map"
    return f"{base}.png", f"{base}.svg", f"{base}.html"


def write_map_files(pole: Pole, folder: str | Path, *, lang: str | None = None, layout: str = "spring",
                    include_personal_data: bool = False, drawer: Prepared | None = None) -> list[Path]:
    """Write the static map (PNG and SVG) and the interactive map (HTML) of a pole into ``folder``.

    ``lang`` defaults to the pole's own language.  Without ``include_personal_data`` the
    maps are drawn from :func:`ptce_kit.privacy.for_sharing` of the pole: natural persons
    labelled ``Personne 1``…, no contact persons.  With a ``drawer``
    (:func:`ptce_kit.render.map_drawing.start_drawer`), the static map is drawn in its process.  Returns the paths
    written: PNG, SVG, HTML.
    """
    return start_map_files(pole, folder, lang=lang, layout=layout, include_personal_data=include_personal_data,
                           drawer=drawer)()


def start_map_files(pole: Pole, folder: str | Path, *, lang: str | None = None, layout: str = "spring",
                    include_personal_data: bool = False,
                    drawer: Prepared | None = None) -> Callable[[], list[Path]]:
    """:func:`write_map_files` in two halves: what can go on while the static map is drawn is free to.

    The map is planned here (:func:`ptce_kit.render.maps.map_plan`) and handed to the
    ``drawer``, which draws it and writes the PNG and the SVG in its own process, while
    this one writes the interactive page; the function returned waits for the drawer and
    returns the three paths.  Without a drawer, the static map is drawn here, at once.
    """
    from ..files import output_folder
    from ..privacy import for_sharing
    from .interactive import write_interactive_map
    from .map_drawing import write_planned_map
    from .maps import map_plan

    pole = for_sharing(pole, include_personal_data=include_personal_data)
    lang = lang or pole.language.value
    folder = output_folder(folder)
    png, svg, page = (folder / name for name in map_file_names(lang))
    # One plan for both static files: the layout and the label placement are the slow part.
    draw = partial(write_planned_map, map_plan(pole, layout=layout, lang=lang), png, svg)
    if drawer is None:
        draw()
    else:
        drawer.send(draw)
    write_interactive_map(pole, page, lang=lang, layout=layout, include_personal_data=include_personal_data)

    def finish() -> list[Path]:
        if drawer is not None:
            drawer.result()
        return [png, svg, page]

    return finish
