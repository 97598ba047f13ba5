"""Find the line and column of a field path in the text of a YAML or JSON file.

Files are loaded with a fast parser that keeps no positions; only when something is
wrong do we parse the text again, with ruamel.yaml's round-trip loader (which reads
JSON too, JSON being YAML 1.2), to point at the exact place.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["PositionIndex"]


class PositionIndex:
    """Positions of the nodes of one document, for any number of look-ups."""

    def __init__(self, text: str) -> None:
        self._root: Any = None
        try:
            from ruamel.yaml import YAML
            from ruamel.yaml.constructor import RoundTripConstructor

            class _Constructor(RoundTripConstructor):
                pass

            # Keep dates as text: an impossible date must not hide every position.
            _Constructor.add_constructor(
                "tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str
            )
            yaml = YAML(typ="rt")
            yaml.Constructor = _Constructor
            yaml.allow_duplicate_keys = True
            self._root = yaml.load(text)
        except Exception:  # noqa: BLE001 - positions are a courtesy; never fail on them
            self._root = None

    def locate(self, path: Sequence[str | int]) -> tuple[int | None, int | None]:
        """1-based ``(line, column)`` of the deepest existing node on ``path``.

        For a missing key this is the mapping that should hold it, which is where the
        user has to add it.
        """
        node = self._root
        where: tuple[int | None, int | None] = (None, None)
        if node is None:
            return where
        lc = getattr(node, "lc", None)
        if lc is not None:
            where = (lc.line + 1, lc.col + 1)
        for part in path:
            lc = getattr(node, "lc", None)
            try:
                if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
                    if lc is not None:
                        line, col = lc.item(part)
                        where = (line + 1, col + 1)
                    node = node[part]
                elif isinstance(node, dict) and part in node:
                    if lc is not None:
                        line, col = lc.key(part)
                        where = (line + 1, col + 1)
                    node = node[part]
                else:
                    break
            except (KeyError, IndexError, TypeError, AttributeError):
                break
        return where
