"""Baseline of ``ptce compare``: read every JSON pole of a folder and build its graph by hand.

    python benchmarks/hand_graphs.py FOLDER
    python benchmarks/hand_graphs.py FOLDER --measures
    python benchmarks/hand_graphs.py FOLDER --measures --yaml

No checks, no measures: the floor under reading many poles.  With ``--measures``, each
graph's degrees, density and exact betweenness too (networkx, on the simple undirected
graph): the hand-written script of issue 21 that ``ptce compare`` is held against (run as a whole process by
``benchmarks/run.py``, as ``ptce compare`` is).  With ``--yaml``, the folder's YAML files
read with PyYAML's C loader (``CSafeLoader``, libyaml): the baseline exactly as issue 21
words it, for poles kept in YAML as their users keep them.
"""

from __future__ import annotations

import json
import sys
from itertools import combinations
from pathlib import Path

import networkx as nx


def graph(path: Path, yaml_files: bool = False) -> nx.MultiGraph:
    if yaml_files:
        import yaml

        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    else:
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
    yaml_files = "--yaml" in sys.argv[2:]
    total = 0
    for p in sorted(Path(sys.argv[1]).glob("*.yaml" if yaml_files else "*.json")):
        G = graph(p, yaml_files)
        total += G.number_of_edges()
        if measures:
            U = nx.Graph(G)
            dict(U.degree())
            nx.density(U)
            nx.betweenness_centrality(U)
    print(f"{total} edges", file=sys.stderr)
