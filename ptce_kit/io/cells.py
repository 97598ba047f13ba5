"""The text of one spreadsheet cell, the same way in every CSV ptce-kit writes.

Two things a CSV meant for Excel or LibreOffice must get right, whatever the table:

* **text is text**: a cell starting with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage
  return) is run as a formula when the file is opened (CSV injection); a leading
  apostrophe keeps it text.  Numbers are not text and keep their sign.
* **numbers read as numbers**: with ``;`` between cells, the separator of a French
  spreadsheet, the decimal mark is the comma too.

Examples
--------
>>> [spreadsheet_cell(v, sep=";") for v in ("=1+1", "Adie", -1.5, 3, True, None)]
["'=1+1", 'Adie', '-1,5', '3', 'true', '']
"""

from __future__ import annotations

from typing import Any

__all__ = ["formula_safe", "spreadsheet_cell"]

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(text: str) -> str:
    """``text`` with a leading apostrophe when a spreadsheet would run it as a formula.

    >>> formula_safe("=HYPERLINK(\\"x\\")"), formula_safe("Groupe Archer")
    ('\\'=HYPERLINK("x")', 'Groupe Archer')
    """
    return "'" + text if text[:1] in _FORMULA_STARTS else text


def spreadsheet_cell(value: Any, *, sep: str = ",") -> str:
    """One cell: empty for ``None``, ``true``/``false``, numbers with the decimal mark of
    ``sep`` (a comma with ``;``), any other value as formula-safe text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value).replace(".", "," if sep == ";" else ".")
    return formula_safe(str(value))
