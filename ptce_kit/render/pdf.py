"""PDF from a document's standalone HTML, through WeasyPrint (the ``pdf`` extra)."""

from __future__ import annotations

from ..errors import PoleError

__all__ = ["html_to_pdf"]


def html_to_pdf(html: str) -> bytes:
    """The PDF of a standalone HTML page (A4, by its print stylesheet).

    The bytes depend on the page only: WeasyPrint takes the creation date from the
    page's ``dcterms.created`` meta element, which ptce-kit writes only when asked
    for a date.
    """
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # not installed (ImportError), or Pango missing (OSError)
        raise PoleError.single(
            f"PDF output needs WeasyPrint, which cannot be loaded here: {exc}",
            hint="install it with: python -m pip install 'ptce-kit[pdf]' "
                 "(and Pango, e.g. apt-get install libpango-1.0-0 libpangoft2-1.0-0)",
        ) from None
    return bytes(HTML(string=html).write_pdf())
