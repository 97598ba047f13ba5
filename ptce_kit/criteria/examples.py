"""Members still copied from the Pôle Sud example: the one test ``ptce validate`` and the signals use.

``ptce new`` can copy Pôle Sud's members and partnerships into a new pole, as a model to
replace (its last question, default "non").  Each copied record says so at the start of
its ``provenance``, with :data:`EXAMPLE_MARK`; a pole that still holds such records
describes Pôle Sud's members, not its own, and its documents would present them as
members.  The Pôle Sud example itself carries no such mark.

Examples
--------
>>> from ptce_kit.model import Pole
>>> pole = Pole.model_validate({"format": "ptce/1", "id": "p", "name": "P", "actors": [
...     {"id": "adie", "name": "Adie", "category": "ess_enterprise",
...      "provenance": EXAMPLE_MARK + ", à remplacer par vos propres données : « … »"},
...     {"id": "ville", "name": "Ville", "category": "local_authority"}]})
>>> example_members(pole)
['adie']
"""

from __future__ import annotations

from ..i18n import Message, N_, plural_message

from ..model import Pole

__all__ = ["EXAMPLE_MARK", "example_members", "example_partnerships", "example_warning"]

#: How the provenance of every record copied from the example begins (the template's
#: ``templates/exemple-pole-sud-*.yaml`` write it; a test keeps the two the same).
EXAMPLE_MARK = "Exemple repris de Pôle Sud (fiche du pôle)"


def _marked(provenance: str | None) -> bool:
    return bool(provenance) and " ".join(str(provenance).split()).startswith(EXAMPLE_MARK)


def example_members(pole: Pole) -> list[str]:
    """Ids of the actors of ``pole`` still copied from the Pôle Sud example, in file order."""
    return [actor.id for actor in pole.actors if _marked(actor.provenance)]


def example_partnerships(pole: Pole) -> list[str]:
    """Ids of the partnerships of ``pole`` still copied from the Pôle Sud example, in file order."""
    return [tie.id for tie in pole.partnerships if _marked(tie.provenance)]


def example_warning(pole: Pole) -> tuple[Message, str] | None:
    """``(message, hint)`` when ``pole`` still holds the example's members or partnerships, else ``None``."""
    actors, ties = example_members(pole), example_partnerships(pole)
    if not actors and not ties:
        return None
    held: list[Message] = []
    if actors:
        names = ", ".join(actors[:3]) + (", …" if len(actors) > 3 else "")
        held.append(plural_message("{n} actor ({names})", "{n} actors ({names})", len(actors), names=names))
    if ties:
        held.append(plural_message("{n} partnership", "{n} partnerships", len(ties)))
    what = held[0] if len(held) == 1 else Message("{first} and {second}", first=held[0], second=held[1])
    return (Message("records still copied from the Pôle Sud example by 'ptce new', as a model to replace: {what}; "
                    "the pole's documents present them as its own", what=what),
            N_("replace them with the pole's own members (ptce member add, ptce import) and remove the examples "
               "(ptce member remove ID --cascade)"))
