"""Baseline of ``ptce compare``: read every JSON pole of a folder and build its graph by hand.

    python benchmarks/hand_graphs.py FOLDER

No checks, no measures: the floor under reading many poles (run as a whole process by
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
    total = sum(graph(p).number_of_edges() for p in sorted(Path(sys.argv[1]).glob("*.json")))
    print(f"{total} edges", file=sys.stderr)
