"""Typography of generated documents: French spacing and guillemets, dates and numbers.

French documents follow the Imprimerie nationale's rules: a narrow no-break space
(U+202F) before ``;``, ``!`` and ``?``, a no-break space (U+00A0) before ``:`` and
inside « guillemets ».  Dates and numbers are written by Babel in the document's
language.  Every function here is pure and idempotent, so that text can pass through
it more than once.
"""

from __future__ import annotations

import re

__all__ = ["NBSP", "NNBSP", "french_spacing", "guillemets", "format_partial_date", "format_number",
           "format_duration"]

NBSP = "\u00a0"
NNBSP = "\u202f"

# Only punctuation followed by a space or the end of the text is spaced, so that URLs
# ("https://", "?q=1") and times ("12:30") keep their form.
_AFTER = r"(?=[\s»)\]*_;:!?]|$)"
_BEFORE_TALL = re.compile(r"(?<=[^\s;:!?«\u00a0\u202f\\])[ \t]*([;!?])" + _AFTER)
_BEFORE_COLON = re.compile(r"(?<=[^\s;:!?«\u00a0\u202f\\])[ \t]*:" + _AFTER)
_OPEN = re.compile(r"«[ \t\u202f]*(?=\S)")
_CLOSE = re.compile(r"(?<=\S)[ \t\u202f]*»")
_STRAIGHT = re.compile(r'"([^"\n]+)"')
_NUMERO = re.compile(r"\b([nN][°º]|p\.|art\.)[ \t]+(?=\d)")


def french_spacing(text: str) -> str:
    """Put the no-break spaces French typography wants before ``; : ! ?`` and inside « ».

    Examples
    --------
    >>> french_spacing("Une impasse! Pourquoi? Voici: « oui »;") == (
    ...     "Une impasse\\u202f! Pourquoi\\u202f? Voici\\u00a0: «\\u00a0oui\\u00a0»\\u202f;")
    True
    >>> french_spacing("loi n° 2014-856") == "loi n°\u00a02014-856"
    True
    >>> french_spacing("https://example.org/?q=1 à 12:30")
    'https://example.org/?q=1 à 12:30'
    >>> french_spacing(french_spacing("Quoi ?!")) == "Quoi\\u202f?!"
    True
    """
    text = _BEFORE_TALL.sub(NNBSP + r"\1", text)
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _OPEN.sub("«" + NBSP, text)
    text = _NUMERO.sub(r"\1" + NBSP, text)  # « n° 2014-856 » never splits across lines
    return _CLOSE.sub(NBSP + "»", text)


def guillemets(text: str) -> str:
    """Turn pairs of straight double quotes into « guillemets ».

    Examples
    --------
    >>> guillemets('le "Pôle Sud" et "les autres"') == 'le «\\u00a0Pôle Sud\\u00a0» et «\\u00a0les autres\\u00a0»'
    True
    """
    return _STRAIGHT.sub("«" + NBSP + r"\1" + NBSP + "»", text)


def format_partial_date(value: str | None, lang: str) -> str:
    """A partial date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) written out in ``lang`` (:func:`ptce_kit.i18n.format_date`).

    Examples
    --------
    >>> format_partial_date("2014-07-31", "fr"), format_partial_date("2014-07", "fr")
    ('31 juillet 2014', 'juillet 2014')
    >>> format_partial_date("2014-05-01", "fr"), format_partial_date("2014-05-01", "en")
    ('1er mai 2014', 'May 1, 2014')
    >>> format_partial_date("2014", "en"), format_partial_date(None, "fr")
    ('2014', '')
    """
    from ..i18n import format_date

    return format_date(value, lang)


def format_number(value: float, lang: str) -> str:
    """A number as the document's language writes it (no trailing ``.0``; :func:`ptce_kit.i18n.format_number`).

    Examples
    --------
    >>> format_number(1000.0, "fr") == "1\\u202f000"
    True
    >>> format_number(2.5, "fr"), format_number(1000, "en")
    ('2,5', '1,000')
    """
    from ..i18n import format_number as number

    return number(value, lang, digits=6)


#: The unit of a duration as the data may write it (French or English), by the documents' unit code.
_DURATION_UNITS = {"an": "year", "ans": "year", "année": "year", "années": "year", "year": "year", "years": "year",
                   "mois": "month", "month": "month", "months": "month",
                   "semaine": "week", "semaines": "week", "week": "week", "weeks": "week"}
_DURATION_TEXT = re.compile(r"\s*(?P<n>[0-9]{1,4}(?:[.,][0-9]{1,2})?)\s*(?P<unit>[^\W\d_]+)\s*\Z")


def format_duration(value: str | None, lang: str) -> str:
    """A duration of the data (« 3 ans », "18 months") written in ``lang``: its number as the
    language writes numbers, its unit in the language's words and number (Babel's plural rules).

    The data may write a duration in either language (``duration``, an indicator's
    ``period``): an English document must not say « 3 ans ».  A text that is not a number
    and a unit is returned as it is.

    Examples
    --------
    >>> format_duration("3 ans", "en"), format_duration("3 years", "fr"), format_duration("1,5 an", "en")
    ('3 years', '3 ans', '1.5 years')
    >>> format_duration("1.5 years", "fr"), format_duration("1 mois", "en"), format_duration("2 semaines", "en")
    ('1,5 an', '1 month', '2 weeks')
    >>> format_duration("1200 weeks", "fr") == "1\u202f200 semaines", format_duration("de 2010 à 2014", "en")
    (True, 'de 2010 à 2014')
    """
    from ..grammar import count
    from .vocabulary import label

    text = "" if value is None else str(value)
    match = _DURATION_TEXT.match(text)
    unit = _DURATION_UNITS.get(match["unit"].casefold()) if match else None
    if match is None or unit is None:
        return text
    n = float(match["n"].replace(",", "."))
    return count(n, label(f"{unit}:1", lang), label(unit, lang), lang, number=format_number(n, lang))
