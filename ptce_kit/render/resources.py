"""Where the bundled templates are: in the wheel, or in the source checkout."""

from __future__ import annotations

from pathlib import Path

__all__ = ["templates_dir"]


def templates_dir() -> Path:
    """The folder of the bundled templates.

    An installed wheel carries them as ``ptce_kit/_data/templates``; an editable install
    or a source checkout reads the repository's top-level ``templates/``.

    Examples
    --------
    >>> (templates_dir() / "page.html.j2").is_file()
    True
    """
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "_data" / "templates", package.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"ptce-kit's templates are missing: looked in {package / '_data' / 'templates'} and "
        f"{package.parent / 'templates'}; reinstall ptce-kit"
    )
