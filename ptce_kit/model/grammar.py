"""What French needs around a name: its article, gender and number (all optional).

Names are written bare in the data (« Groupe Archer »); documents put the article the
data gives (« le Groupe Archer », « du Groupe Archer ») and agree words with the gender
and number (see :mod:`ptce_kit.grammar`).  Without them a name is written as it is.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

__all__ = ["Article", "Gender", "Number", "article_field", "gender_field", "number_field"]


def _article(value: Any) -> Any:
    # « L’ » typed with a French keyboard is « l' »; « Les » at the start of a sentence is « les ».
    if isinstance(value, str):
        return value.strip().lower().replace("\u2019", "'") or None
    return value


Article = Annotated[Literal["le", "la", "l'", "les"], BeforeValidator(_article)]
Gender = Literal["m", "f"]
Number = Literal["singular", "plural"]

ARTICLE_DESCRIPTION = ("Definite article of the name in French: le, la, l' or les "
                       "(e.g. le for 'Comptoir', l' for 'Atelier'); empty: the name stands alone")
GENDER_DESCRIPTION = "Grammatical gender of the name in French: m or f (needed when the article is l' or les)"
NUMBER_DESCRIPTION = "Grammatical number of the name: singular or plural (e.g. plural for 'Jardins partagés' with les)"


def article_field() -> Any:
    return Field(None, description=ARTICLE_DESCRIPTION)


def gender_field() -> Any:
    return Field(None, description=GENDER_DESCRIPTION)


def number_field() -> Any:
    return Field(None, description=NUMBER_DESCRIPTION)
