"""The rules a check applies: those of the law, then a network's own; and the check itself.

The rules of the law come from one table, :data:`ptce_kit.criteria.rules.BUILT_IN_RULES`;
a network adds its own with :func:`register_rule` or through the ``ptce_kit.criteria``
entry-point group (see :func:`load_plugins`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ..i18n import Message
from ..model import Pole
from .core import Context, Report, Result, Rule
from .rules import BUILT_IN_RULES

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "ENTRY_POINT_GROUP", "register_rule", "unregister_rule", "registered_rules", "profiles", "default_profiles",
    "load_plugins", "check",
]

#: The entry-point group a package uses to add rules (see :func:`load_plugins`).
ENTRY_POINT_GROUP = "ptce_kit.criteria"


# --- the registry ----------------------------------------------------------------------

# The rules of the law first, in the order of their table, then those added.
_RULES: dict[str, Rule] = {rule.id: rule for rule in BUILT_IN_RULES}
_PLUGINS_LOADED = False


def register_rule(rule: Rule, *, replace: bool = False) -> Rule:
    """Add a rule to the registry (a network's own criterion, for instance).

    Raises ``ValueError`` if a rule with that id exists, unless ``replace=True``.  Returns
    the rule, so that it can decorate nothing and be used inline.

    Examples
    --------
    >>> from ptce_kit.criteria import Finding, Rule, register_rule, unregister_rule, check
    >>> from ptce_kit.model import Pole
    >>> def has_site(ctx):
    ...     ok = ctx.pole.site is not None
    ...     return Finding("pass" if ok else "warn", "shared site" if ok else "no shared site",
    ...                    {"fields": ["site"]})
    >>> _ = register_rule(Rule(id="network.site", source="Charte du réseau, § 2",
    ...     title_id="A shared place", explanation_id="The pole has a place.",
    ...     wordings={"fr": ("Un lieu partagé", "Le pôle a un lieu.")},
    ...     profile="my-network", function=has_site))
    >>> check(Pole(id="p", name="P"), ["my-network"]).results[0].verdict.value
    'warn'
    >>> unregister_rule("network.site")
    """
    if not isinstance(rule, Rule):
        raise TypeError(Message("register_rule() takes a Rule, not {kind}", kind=type(rule).__name__))
    if rule.id in _RULES and not replace and _RULES[rule.id] is not rule:
        raise ValueError(Message("a rule with id {id!r} already exists: choose another id or pass replace=True",
                                 id=rule.id))
    _RULES[rule.id] = rule
    return rule


def unregister_rule(rule_id: str) -> None:
    """Remove a rule from the registry (``KeyError`` if there is none with that id)."""
    del _RULES[rule_id]


def load_plugins(*, force: bool = False) -> list[str]:
    """Load the rules that installed packages declare in the ``ptce_kit.criteria`` group.

    A package adds rules by declaring, in its ``pyproject.toml``::

        [project.entry-points."ptce_kit.criteria"]
        my-network = "my_network.rules:RULES"

    The object named may be a :class:`Rule`, an iterable of rules, or a callable
    returning either.  Plugins load once, on the first use of the registry; a plugin
    that fails to load raises ``RuntimeError`` naming it.  Returns the names loaded.
    """
    global _PLUGINS_LOADED
    if _PLUGINS_LOADED and not force:
        return []
    _PLUGINS_LOADED = True
    from importlib.metadata import entry_points

    loaded = []
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        try:
            obj = ep.load()
            if callable(obj) and not isinstance(obj, Rule):
                obj = obj()
            items = [obj] if isinstance(obj, Rule) else list(obj)
            for rule in items:
                register_rule(rule, replace=True)
        except Exception as exc:  # noqa: BLE001 - name the faulty plugin, whatever broke
            raise RuntimeError(Message("the criteria plugin {name!r} ({value}) could not be loaded: {error}",
                                       name=ep.name, value=ep.value, error=str(exc))) from exc
        loaded.append(ep.name)
    return loaded


def _ensure_loaded() -> None:
    load_plugins()


def registered_rules(profiles: Iterable[str] | None = None) -> list[Rule]:
    """The registered rules (of these profiles), in profile then registration order."""
    _ensure_loaded()
    chosen = list(_RULES.values())
    if profiles is not None:
        wanted = list(profiles)
        chosen = [r for p in wanted for r in chosen if r.profile == p]
    return chosen


def profiles() -> list[str]:
    """Every profile name known, built-in ones first."""
    _ensure_loaded()
    seen: dict[str, None] = {}
    for r in _RULES.values():
        seen.setdefault(r.profile, None)
    return list(seen)


_all_profiles = profiles


def default_profiles(pole: Pole) -> list[str]:
    """``definition``, plus ``scic`` when the pole itself is a SCIC."""
    return ["definition", "scic"] if pole.governance.form.value == "scic" else ["definition"]


def check(pole: Pole, profiles: Sequence[str] | str | None = None, *, at: str | None = None,
          graph: nx.MultiGraph | None = None, measures: dict[str, Any] | None = None) -> Report:
    """Check a pole against the rules of the chosen profiles.

    Parameters
    ----------
    pole : Pole
        The pole to check.
    profiles : str or list of str, optional
        Profiles to apply (see :func:`profiles`).  Default: :func:`default_profiles`.
    at : str, optional
        Partial date to judge the pole at (default: today).
    graph, measures : optional
        ``to_graph(pole, at=at)`` and its ``pole_measures``, when the caller already has
        them (they are not computed again).  The graph's date must be the check's.

    Returns
    -------
    Report
        ``report.failed`` is true when a rule fails.

    Raises
    ------
    ValueError
        For an unknown profile, or a graph at another date than the check's.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> report = check(Pole(id="p", name="P"), "state-call", at="2024")
    >>> report.failed, report.results[0].rule.id, report.results[0].verdict.value
    (True, 'decret.legal-person', 'fail')
    >>> from ptce_kit.network import to_graph
    >>> check(Pole(id="p", name="P"), at="2024", graph=to_graph(Pole(id="p", name="P"), at="2020"))
    Traceback (most recent call last):
    ValueError: the graph given is at '2020', the check at '2024'
    """
    chosen = [profiles] if isinstance(profiles, str) else list(profiles or default_profiles(pole))
    known = set(_all_profiles())
    unknown = [p for p in chosen if p not in known]
    if unknown:
        raise ValueError(Message("unknown profile {profiles}: choose among {known}",
                                 profiles=", ".join(map(repr, unknown)), known=", ".join(sorted(known))))
    chosen = list(dict.fromkeys(chosen))
    ctx = Context(pole, at, graph=graph, measures=measures)
    results = tuple(Result(rule, rule.function(ctx)) for rule in registered_rules(chosen))
    return Report(pole=pole.id, name=pole.name, at=ctx.at, profiles=tuple(chosen), results=results)
