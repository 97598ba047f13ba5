"""Block-style YAML text of plain data, fast enough for poles of 10^5 actors (not a test).

The benchmarks need the same pole as JSON and as YAML.  ptce-kit's own writer
(``dump_pole``, ruamel.yaml round-trip) takes minutes at that size, so this writes the
same block layout directly: mappings and lists indented by two, a list's mappings
starting on the dash line, strings plain when they read as text in both YAML 1.1 and
1.2 and double-quoted otherwise (JSON's escapes are YAML's).  ``tests/test_benchmarks.py``
checks that ptce-kit reads it back to the same data.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["yaml_text"]

# Letters first, then letters, digits, spaces and a few marks: never a number, a date,
# an indicator (- ? : , [ ] { } # & * ! | > ' " % @ `) or a comment.
_PLAIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ0-9 '’._-]*[A-Za-zÀ-ÖØ-öø-ÿ0-9.’]|[A-Za-z]")
# Words that some YAML version reads as booleans or null.
_WORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def _empty(value: Any) -> str:
    return "{}" if isinstance(value, dict) else "[]"


def _emit(node: Any, indent: int, out: list[str]) -> None:
    pad = " " * indent
    items = node.items() if isinstance(node, dict) else ((None, item) for item in node)
    for key, value in items:
        # A mapping's key, or a list's dash.
        lead = f"{pad}{_scalar(key)}:" if isinstance(node, dict) else f"{pad}-"
        if isinstance(value, dict) and value and key is None:
            # A list's mapping starts on the dash line.
            start = len(out)
            _emit(value, indent + 2, out)
            out[start] = f"{pad}- {out[start][indent + 2:]}"
        elif isinstance(value, (dict, list)) and value:
            out.append(lead)
            _emit(value, indent + 2, out)
        elif isinstance(value, (dict, list)):
            out.append(f"{lead} {_empty(value)}")
        else:
            out.append(f"{lead} {_scalar(value)}")


def yaml_text(data: dict[str, Any]) -> str:
    """The block-style YAML text of ``data`` (dicts, lists, strings, numbers, booleans, None).

    Examples
    --------
    >>> print(yaml_text({"id": "p", "founded": "2014", "actors": [{"id": "a", "tags": ["x y"]}]}), end="")
    id: p
    founded: "2014"
    actors:
      - id: a
        tags:
          - x y
    """
    out: list[str] = []
    _emit(data, 0, out)
    return "\n".join(out) + "\n"
