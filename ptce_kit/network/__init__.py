"""The cooperation graph of a pole: building it, measuring it, writing it for other tools.

============  ==================================================================
module        what it does
============  ==================================================================
build         :func:`to_graph` (one node per actor, one edge per tie) and
              :func:`to_simple_graph` (parallel ties collapsed, weighted)
history       :func:`snapshots` (the graph year by year) and :func:`diff`
layers        the mutualisation / cooperation / partnership layers compared
projects      the actors-projects two-mode graph and its projection
measures      per-actor and per-pole measures; :func:`analyse` gathers them
brokerage     Gould & Fernandez brokerage roles (brokerage_expected: against chance)
engines       betweenness, closeness, PageRank, eigenvector: networkx or fast
formats       GraphML, GEXF 1.3, node-link JSON, CSV, pandas
============  ==================================================================

networkx is imported inside the functions that need it, so importing this package is
cheap.  docs/analysis.md walks through it on Pôle Sud.

>>> from ptce_kit.network import to_graph, to_simple_graph
"""

from __future__ import annotations

from .brokerage import brokerage, brokerage_expected
from .build import actor_attributes, partnership_pairs, to_graph, to_simple_graph
from .formats import to_dataframes, write_csv, write_gexf, write_graphml, write_node_link
from .history import diff, snapshots
from .layers import layer_summary, layers
from .measures import actor_measures, analyse, pole_measures
from .projects import actor_project_graph, actor_projection

__all__ = [
    "to_graph", "to_simple_graph", "actor_attributes", "partnership_pairs",
    "snapshots", "diff", "actor_project_graph", "actor_projection", "layers", "layer_summary",
    "brokerage", "brokerage_expected", "actor_measures", "pole_measures", "analyse",
    "write_graphml", "write_gexf", "write_node_link", "write_csv", "to_dataframes",
]
