"""PDF from a document's standalone HTML, through WeasyPrint (the ``pdf`` extra).

WeasyPrint loads what a page refers to (images, stylesheets, fonts, attachments) through
a URL fetcher.  Documents hold the pole's text, which is not trusted, so the fetcher
ptce-kit gives it loads nothing from the network or the disk: only ``data:`` URIs and
files of ptce-kit's own packaged resources (its templates and render assets).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import PoleError

__all__ = ["html_to_pdf", "allowed_url"]


def _resource_roots() -> list[Path]:
    from .resources import templates_dir

    return [templates_dir().resolve(), (Path(__file__).parent / "_assets").resolve()]


def allowed_url(url: str) -> bool:
    """Whether a PDF may load ``url``: a ``data:`` URI or a file of ptce-kit's packaged resources.

    Examples
    --------
    >>> from ptce_kit.render.resources import templates_dir
    >>> allowed_url("data:image/png;base64,iVBORw0KGgo="), allowed_url((templates_dir() / "page.html.j2").as_uri())
    (True, True)
    >>> allowed_url("http://127.0.0.1/x.png"), allowed_url("file:///etc/passwd")
    (False, False)
    >>> allowed_url((templates_dir() / ".." / ".." / "etc" / "passwd").as_uri())
    False
    """
    from urllib.parse import unquote, urlsplit
    from urllib.request import url2pathname

    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "data":
        return True
    if scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = Path(url2pathname(unquote(parts.path))).resolve()
    return any(path.is_relative_to(root) for root in _resource_roots()) and path.is_file()


def _refuse(url: str) -> None:
    # WeasyPrint catches this, warns and leaves the resource out of the PDF.
    raise ValueError(f"ptce-kit does not let a document load {url!r}: only its own packaged resources")


def _url_fetcher() -> Any:
    """A WeasyPrint URL fetcher that loads only :func:`allowed_url` URLs.

    WeasyPrint 68 and later take a ``URLFetcher`` object; earlier versions a function.
    """
    import weasyprint

    base = getattr(weasyprint.urls, "URLFetcher", None)
    if base is None:
        def fetch(url: str) -> Any:
            if not allowed_url(url):
                _refuse(url)
            return weasyprint.default_url_fetcher(url)

        return fetch

    class PackagedOnly(base):  # type: ignore[misc, valid-type]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not allowed_url(url):
                _refuse(url)
            return super().fetch(url, headers)

    return PackagedOnly(allow_redirects=False)


def html_to_pdf(html: str) -> bytes:
    """The PDF of a standalone HTML page (A4, by its print stylesheet).

    The bytes depend on the page only: WeasyPrint takes the creation date from the
    page's ``dcterms.created`` meta element, which ptce-kit writes only when asked
    for a date.  Nothing outside ptce-kit's packaged resources is loaded: a reference
    to the network or to another file is left out of the PDF (:func:`allowed_url`).
    """
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # not installed (ImportError), or Pango missing (OSError)
        raise PoleError.single(
            f"PDF output needs WeasyPrint, which cannot be loaded here: {exc}",
            hint="install it with: python -m pip install 'ptce-kit[pdf]' "
                 "(and Pango, e.g. apt-get install libpango-1.0-0 libpangoft2-1.0-0)",
        ) from None
    return bytes(HTML(string=html, url_fetcher=_url_fetcher()).write_pdf())
