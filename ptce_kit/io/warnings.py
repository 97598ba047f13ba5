"""Warnings about a valid pole: what ``ptce validate`` reports without refusing the file.

A warning is a :class:`~ptce_kit.errors.Problem` like an error, located in the file (line,
column, field path) with a hint; the file still loads.  Today's source is France's
reference geography (:func:`ptce_kit.model.territory.reference_warnings`: former
communes' codes, names that do not match their code, communes without a code).
"""

from __future__ import annotations

import dataclasses
import os
from typing import TYPE_CHECKING

from ..errors import Problem

if TYPE_CHECKING:
    from ..model import Pole

__all__ = ["pole_warnings"]


def pole_warnings(pole: Pole, file: str | os.PathLike[str] | None = None) -> list[Problem]:
    """Every warning about ``pole``, located in ``file`` (the file it was read from) when given.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> pole = Pole(id="p", name="P", territory={"name": "T", "communes": [{"code": "26281", "name": "Romans"}]})
    >>> [w.message.render("en") for w in pole_warnings(pole)]
    ["'26281' is the INSEE code of Romans-sur-Isère, not of 'Romans'"]
    """
    from ..model.territory import reference_warnings

    found = reference_warnings(pole)
    if not found or file is None:
        return found
    from .files import find_pole_file, read_text
    from .locate import PositionIndex

    path = find_pole_file(file)
    places = PositionIndex(read_text(path)).locate_all(p.path for p in found)
    return [dataclasses.replace(p, file=str(file), line=line, column=column)
            for p, (line, column) in zip(found, places)]
