"""Baseline of ``ptce compare``: read every JSON pole of a folder and build its graph by hand.

    python benchmarks/hand_graphs.py FOLDER
    python benchmarks/hand_graphs.py FOLDER --measures

No checks, no measures: the floor under reading many poles.  With ``--measures``, each
graph's degrees, density and exact betweenness too (networkx, on the simple undirected
graph): the hand-written script of issue 21 that ``ptce compare`` is held against (run as a whole process by
``benchmarks/run.py``, as ``ptce compare`` is).
"""

from __future__ import annotations

import json
import sys
from itertools import combinations
from pathlib import Path

import networkx as nx


def graph(path: Path) -> nx.MultiGraph:
    data = json.loads(path.read_text(encoding="utf-8"))
    G = nx.MultiGraph()
    for actor in data["actors"]:
        G.add_node(actor["id"], **{k: v for k, v in actor.items() if k != "id"})
    for tie in data["partnerships"]:
        attrs = {k: v for k, v in tie.items() if k not in ("id", "actors")}
        for u, v in combinations(tie["actors"], 2):
            G.add_edge(u, v, key=tie["id"], **attrs)
    return G


if __name__ == "__main__":
    measures = "--measures" in sys.argv[2:]
    total = 0
    for p in sorted(Path(sys.argv[1]).glob("*.json")):
        G = graph(p)
        total += G.number_of_edges()
        if measures:
            U = nx.Graph(G)
            dict(U.degree())
            nx.density(U)
            nx.betweenness_centrality(U)
    print(f"{total} edges", file=sys.stderr)
