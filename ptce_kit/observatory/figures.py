"""National figures: a distribution's median, quartiles and histogram (inline SVG).

Every figure keeps the number of poles it rests on: a pole whose file does not give
the measure is left out, never counted as zero.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Any

__all__ = ["distribution", "share", "histogram_svg"]


def distribution(values: Sequence[float | None]) -> dict[str, Any]:
    """``n``, ``median``, ``q1``, ``q3``, ``min``, ``max`` of the known values (``None`` left out).

    Quartiles by the inclusive method (the median of each half, as a spreadsheet's QUARTILE).

    Examples
    --------
    >>> d = distribution([1, 2, 3, 4, 5, None])
    >>> d["n"], d["median"], d["q1"], d["q3"]
    (5, 3, 2.0, 4.0)
    """
    known = sorted(float(v) if isinstance(v, float) else v for v in values if v is not None)
    if not known:
        return {"n": 0, "median": None, "q1": None, "q3": None, "min": None, "max": None, "values": []}
    if len(known) == 1:
        q1 = q3 = known[0]
    else:
        q1, _, q3 = statistics.quantiles(known, n=4, method="inclusive")
    return {"n": len(known), "median": statistics.median(known), "q1": q1, "q3": q3,
            "min": known[0], "max": known[-1], "values": known}


def share(flags: Sequence[bool | None]) -> dict[str, Any]:
    """``count`` of true among ``n`` known flags, and their ``share`` (``None`` without any)."""
    known = [f for f in flags if f is not None]
    count = sum(1 for f in known if f)
    return {"n": len(known), "count": count, "share": count / len(known) if known else None}


def histogram_svg(values: Sequence[float], *, label: str, lang: str, bins: int = 10, width: int = 320,
                  height: int = 90) -> str:
    """A small histogram of ``values`` as inline SVG (empty string without values)."""
    import html

    if not values:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    counts = [0] * bins
    for v in values:
        counts[min(bins - 1, int((v - low) / span * bins))] += 1
    top = max(counts)
    bar = width / bins
    rects = []
    for i, c in enumerate(counts):
        h = 0 if top == 0 else round((height - 14) * c / top, 2)
        rects.append(f'<rect x="{round(i * bar + 1, 2)}" y="{round(height - 12 - h, 2)}" '
                     f'width="{round(bar - 2, 2)}" height="{h}"><title>{c}</title></rect>')
    ends = (f'<text x="0" y="{height}" class="axis">{_short(low, lang)}</text>'
            f'<text x="{width}" y="{height}" class="axis" text-anchor="end">{_short(high, lang)}</text>')
    return (f'<svg class="histogram" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'role="img" aria-label="{html.escape(label)}">{"".join(rects)}{ends}</svg>')


def _short(value: float, lang: str) -> str:
    text = f"{value:.3g}".replace("-", "\u2212")
    return text.replace(".", ",") if lang == "fr" else text
