"""The networks' observatory: many poles, one static site (map of France, table, pages, figures).

>>> from ptce_kit.observatory import build_site  # doctest: +SKIP
>>> build_site(["a/pole.yaml", "b/pole.yaml"], "site", lang="fr")  # doctest: +SKIP

See :mod:`ptce_kit.observatory.site` for what the site holds and how it is kept up to date.
"""

from __future__ import annotations

from .site import CACHE_VERSION, COLOUR_COLUMNS, SiteReport, build_site

__all__ = ["build_site", "SiteReport", "CACHE_VERSION", "COLOUR_COLUMNS"]
