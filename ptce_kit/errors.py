"""Errors a user can cause, each carrying located problems.

Every problem names the file, the line and column (when known), the field path and
what to do about it, so that a volunteer editing ``pole.yaml`` by hand can fix it
without reading Python.  Only the CLI turns these errors into exit codes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Self

__all__ = ["Problem", "PoleError", "format_path"]


def format_path(path: tuple[str | int, ...]) -> str:
    """Render a field path the way a user reads it.

    Examples
    --------
    >>> format_path(("actors", 3, "siret"))
    'actors[3].siret'
    >>> format_path(())
    '(top level)'
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, and where.

    ``line`` and ``column`` are 1-based, as editors show them.
    """

    message: str
    path: tuple[str | int, ...] = ()
    file: str | None = None
    line: int | None = None
    column: int | None = None
    hint: str | None = None

    def location(self) -> str:
        """``file:line:column``, with whatever parts are known."""
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        text = f"{self.location()}: {format_path(self.path)}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def to_dict(self) -> dict[str, object]:
        """A JSON-friendly form, for ``--json`` output."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": format_path(self.path),
            "message": self.message,
            "hint": self.hint,
        }


@dataclass
class PoleError(Exception):
    """Raised when an input cannot be used; carries every problem found at once."""

    problems: list[Problem] = field(default_factory=list)
    summary: str = "the pole data is not valid"

    def __post_init__(self) -> None:
        super().__init__(self.summary)

    def __str__(self) -> str:
        lines = [f"{self.summary} ({len(self.problems)} problem{'s' * (len(self.problems) != 1)})"]
        lines.extend(str(p) for p in self.problems)
        return "\n".join(lines)

    @classmethod
    def single(
        cls, message: str, *, file: str | os.PathLike[str] | None = None, hint: str | None = None,
        path: tuple[str | int, ...] = (), line: int | None = None, column: int | None = None,
    ) -> Self:
        """An error with one problem, for the common case."""
        problem = Problem(message=message, path=path, file=str(file) if file is not None else None,
                          line=line, column=column, hint=hint)
        return cls([problem], summary=message)


class FileProblemError(PoleError):
    """The file itself cannot be read or parsed (missing, not text, bad syntax)."""


class ValidationProblemError(PoleError):
    """The file parses but its content breaks a rule of the data format."""
