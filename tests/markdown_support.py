"""Reading generated Markdown in tests: a section under a heading, its tables, its plain text."""

from __future__ import annotations

import re

NBSP = "\u00a0"


def section(text: str, heading: str) -> str:
    """The text under ``heading`` up to the next heading of the same or a higher level."""
    level = heading.split(" ", 1)[0]
    start = text.index(heading + "\n")
    rest = text[start + len(heading) + 1:]
    stop = re.search(rf"^#{{1,{len(level)}}} ", rest, flags=re.M)
    return rest[: stop.start()] if stop else rest


def plain(text: str) -> str:
    """French typography's no-break spaces as plain spaces."""
    return text.replace(NBSP, " ").replace("\u202f", " ")


def table(text: str) -> list[list[str]]:
    """The cells of the Markdown table rows in ``text`` (the separator row left out)."""
    rows = [line for line in text.splitlines() if line.startswith("|")]
    return [[c.strip() for c in row.strip("|").split("|")] for row in rows if not row.startswith("| ---")]
