"""France's reference data, on the ground floor: INSEE's catégories juridiques (here) and
the reference geography (communes, postal codes, EPCI, départements, régions:
:mod:`ptce_kit.reference.geo`, loaded only when asked).

The table ships as ``ptce_kit/reference/categories_juridiques.csv`` (INSEE's level III
list of September 2022, with its vintage and source in its header).  Each code carries
two columns ptce-kit adds: the ``kind`` of form (the four ESS forms of loi n° 2014-856,
art. 1, II, 1° — cooperative, mutual, association, foundation — commercial companies,
public bodies…) and whether the form is a legal person.

This module imports only the standard library.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources

__all__ = [
    "LegalForm", "ESS_FORM_KINDS", "legal_forms", "legal_form", "legal_form_label", "TABLE_VINTAGE",
]

#: The kinds of form that loi n° 2014-856, art. 1, II, 1° makes of the ESS by their form.
ESS_FORM_KINDS = frozenset({"cooperative", "mutual", "association", "foundation"})

#: Which INSEE list the shipped table is.
TABLE_VINTAGE = "INSEE, catégories juridiques, niveau III, septembre 2022"


@dataclass(frozen=True)
class LegalForm:
    """One row of INSEE's table of catégories juridiques (level III).

    ``kind`` is one of ``cooperative``, ``mutual``, ``association``, ``foundation``,
    ``commercial_company``, ``civil_company``, ``public``, ``foreign``,
    ``natural_person``, ``no_legal_personality``, ``other_private``; ``legal_person``
    is ``None`` when the form alone does not say.
    """

    code: str
    label: str
    kind: str
    legal_person: bool | None

    @property
    def ess_form(self) -> bool:
        """Of the ESS by its form (loi n° 2014-856, art. 1, II, 1°)."""
        return self.kind in ESS_FORM_KINDS


@functools.cache
def legal_forms() -> dict[str, LegalForm]:
    """The shipped table of catégories juridiques, by code.

    Examples
    --------
    >>> legal_forms()["5458"].label
    'SARL coopérative de production (SCOP)'
    >>> legal_forms()["9220"].ess_form, legal_forms()["5710"].ess_form, legal_forms()["9223"].kind
    (True, False, 'association')
    >>> legal_forms()["1000"].legal_person, legal_forms()["9210"].legal_person
    (False, False)
    """
    text = resources.files("ptce_kit.reference").joinpath("categories_juridiques.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {r["code"]: LegalForm(r["code"], r["label"], r["kind"],
                                 None if r["legal_person"] == "" else r["legal_person"] == "1") for r in rows}


def legal_form(code: str | None) -> LegalForm | None:
    """The row of a code, or ``None`` when the code is not in INSEE's list."""
    return legal_forms().get(code or "")


def legal_form_label(code: str) -> str | None:
    """INSEE's label of a catégorie juridique, or ``None`` when the code is not in the list.

    Examples
    --------
    >>> legal_form_label("9300")
    'Fondation'
    >>> legal_form_label("5498") is None
    True
    """
    form = legal_forms().get(code)
    return form.label if form else None
