"""A pole in a few numbers: what ``ptce show`` prints."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .criteria.status import count_ess_enterprises
from .i18n import Message, N_, plural_message
from .model import Category, Family, Pole, TieKind

__all__ = ["summarize", "cadence_words"]

_EVERY_ONE = {"day": N_("every day"), "week": N_("every week"), "month": N_("every month"), "year": N_("every year")}


def cadence_words(every: int, unit: str) -> Message:
    """How often a body meets, in words: ``every month``, ``every 2 months`` (« tous les 2 mois »).

    Examples
    --------
    >>> cadence_words(1, "year").render("fr"), cadence_words(2, "month").render("fr")
    ('tous les ans', 'tous les 2 mois')
    >>> cadence_words(3, "week").render("en")
    'every 3 weeks'
    """
    if every == 1:
        return Message(_EVERY_ONE[unit])
    if unit == "day":
        return plural_message("every {n} day", "every {n} days", every)
    if unit == "week":
        return plural_message("every {n} week", "every {n} weeks", every)
    if unit == "month":
        return plural_message("every {n} month", "every {n} months", every)
    return plural_message("every {n} year", "every {n} years", every)


def summarize(pole: Pole) -> dict[str, Any]:
    """The short summary of a pole, as plain data (JSON-ready, stable order).

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> pole = Pole(id="p", name="P", actors=[
    ...     {"id": "a", "name": "A", "category": "ess_enterprise"},
    ...     {"id": "b", "name": "B", "category": "local_authority"}],
    ...     partnerships=[{"id": "t", "actors": ["a", "b"], "kind": "cooperation"}])
    >>> s = summarize(pole)
    >>> s["actors"]["by_family"]
    {'enterprises': 1, 'collectivities': 1}
    >>> s["partnerships"]["by_kind"]
    {'cooperation': 1}
    >>> s["actors"]["ess"]  # an ESS enterprise by its category; the authority is not an enterprise
    1
    """
    families = Counter(a.family for a in pole.actors)
    categories = Counter(a.category for a in pole.actors)
    kinds = Counter(p.kind for p in pole.partnerships)
    # The actors part of the pole now: not those that left or whose own life ended (ceased,
    # merged), as the charter and the registry count them.
    # An actor whose status is not stated is counted apart ("unstated"), never as a member.
    statuses = Counter(a.status.value if a.status else "unstated" for a in pole.actors if not (a.left or a.ceased))
    gov = pole.governance
    territory = pole.territory
    return {
        "id": pole.id,
        "name": pole.name,
        "long_name": pole.long_name,
        "territory": territory.name if territory else None,
        "communes": [c.name for c in territory.communes] if territory else [],
        "pivot": pole.pivot_actor.name if pole.pivot_actor else None,
        "actors": {
            "total": len(pole.actors),
            "by_status": dict(sorted(statuses.items())),
            # Listed, but no longer part of the pole: left, or ceased to exist.
            "ended": sum(1 for a in pole.actors if a.left or a.ceased),
            "by_family": {f.value: families[f] for f in Family if families[f]},
            "by_category": {c.value: categories[c] for c in Category if categories[c]},
            # The same definition as ptce check's (ptce_kit.criteria.status), over every actor listed.
            "ess": count_ess_enterprises(pole.actors),
        },
        "partnerships": {
            "total": len(pole.partnerships),
            "by_kind": {k.value: kinds[k] for k in TieKind if kinds[k]},
        },
        "projects": [{"id": p.id, "name": p.name, "status": p.status.value if p.status else None} for p in pole.projects],
        "governance": {
            # The form the file states ("unstated" when it says none: not an informal group).
            "form": gov.stated_form.value if gov.stated_form else "unstated",
            "legal_acts": [a.kind for a in gov.legal_acts],
            "bodies": [
                {
                    "name": b.name,
                    # In the reader's language (``ptce show`` prints it as it is).
                    "cadence": cadence_words(b.cadence.every, b.cadence.unit).render() if b.cadence else None,
                    "format": b.format,
                }
                for b in gov.bodies
            ],
            "colleges": [{"name": c.name, "weight": c.weight} for c in gov.colleges],
            "facilitation": (
                (pole.actor(gov.facilitation.by).name if gov.facilitation.by else None)
                if gov.facilitation else None
            ),
        },
        "indicators": len(pole.indicators),
    }
