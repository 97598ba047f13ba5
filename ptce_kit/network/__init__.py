"""The cooperation graph of a pole: building it, measuring it, writing it for other tools.

networkx is imported inside the functions that need it, so importing this package is cheap.

>>> from ptce_kit.network import to_graph, to_simple_graph
"""

from __future__ import annotations

from .brokerage import brokerage
from .build import actor_attributes, partnership_pairs, to_graph, to_simple_graph
from .measures import actor_measures, analyse, pole_measures

__all__ = [
    "to_graph", "to_simple_graph", "actor_attributes", "partnership_pairs",
    "brokerage", "actor_measures", "pole_measures", "analyse",
]
