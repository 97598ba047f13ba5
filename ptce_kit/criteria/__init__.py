"""Does a pole meet the definition of a PTCE? One rule per criterion, with its legal source.

>>> from ptce_kit.criteria import check, profiles
>>> profiles()[:5]
['definition', 'state-call', 'scic', 'emerging', 'signals']

See :mod:`ptce_kit.criteria.rules` for the rules of the law and the conventions they read,
:mod:`ptce_kit.criteria.status` for the one derivation of legal personality and ESS status,
and :func:`register_rule` / the ``ptce_kit.criteria`` entry-point group to add a network's
own rules.
"""

from __future__ import annotations

from .core import Context, Finding, Report, Result, Rule, Verdict
from .registry import (
    ENTRY_POINT_GROUP,
    check,
    default_profiles,
    load_plugins,
    profiles,
    register_rule,
    registered_rules,
    unregister_rule,
)
from .status import Answer, count_ess_enterprises, ess_status, is_ess_enterprise, is_other_enterprise, legal_personality

__all__ = [
    "Answer", "count_ess_enterprises", "ess_status", "is_ess_enterprise", "is_other_enterprise", "legal_personality",
    "ENTRY_POINT_GROUP", "Context", "Finding", "Report", "Result", "Rule", "Verdict", "check",
    "default_profiles", "load_plugins", "profiles", "register_rule", "registered_rules", "unregister_rule",
]
