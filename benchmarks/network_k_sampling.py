"""The error of k-sampled betweenness, and the time of each engine (not a test).

Run from the project root:  python benchmarks/network_k_sampling.py [n]

Prints, for a Barabási-Albert graph of n actors (3 ties per new actor, seed 1), over ten
sampling seeds: the worst relative error among the ten most central actors, how many of
the true ten most central are found, and the mean absolute error relative to the mean
betweenness; then the error of closeness and of the pivot's mean distances estimated from
K sources (``ptce analyse --sample K``); then the seconds each engine takes for the exact
betweenness.  The figures in
the docstring of ``ptce_kit.network.engines.betweenness`` and in docs/analysis.md come
from this script.
"""

from __future__ import annotations

import statistics
import sys
import time

import networkx as nx

from ptce_kit.network.engines import betweenness
from ptce_kit.network.measures import actor_measures, pole_measures


def main(n: int = 2000) -> None:
    G = nx.barabasi_albert_graph(n, 3, seed=1)
    betweenness(nx.path_graph(3), engine="igraph")  # import igraph outside the timing
    started = time.perf_counter()
    exact = betweenness(G, engine="igraph")
    igraph_seconds = time.perf_counter() - started
    mean = statistics.mean(exact.values())
    top = sorted(exact, key=exact.get, reverse=True)[:10]
    print(f"{n} actors, {G.number_of_edges()} ties")
    print("k      worst rel. error (top 10)   top 10 found   mean abs. error / mean")
    for k in (50, 100, 200, 500, 1000):
        worst, found, overall = [], [], []
        for seed in range(10):
            est = betweenness(G, k=k, seed=seed, engine="igraph")
            worst.append(max(abs(est[v] - exact[v]) / exact[v] for v in top))
            found.append(len(set(sorted(est, key=est.get, reverse=True)[:10]) & set(top)))
            overall.append(statistics.mean(abs(est[v] - exact[v]) for v in G) / mean)
        print(f"{k:<6} {statistics.mean(worst):>14.1%}   {statistics.mean(found):>17.1f}   {statistics.mean(overall):>18.1%}")
    # closeness and the pivot's mean distances, as `ptce analyse --sample K` estimates them
    M = nx.MultiGraph(G)
    M.graph["pivot"] = 0
    table = {r["id"]: r for r in actor_measures(M, engine="igraph")}
    pivot = pole_measures(M, engine="igraph")["pivot_dependence"]
    print("K      closeness: worst rel. error (mean / worst seed)   pivot's mean distance before / after")
    for k in (50, 100, 200, 500):
        worst, before, after = [], [], []
        for seed in range(10):
            est = {r["id"]: r for r in actor_measures(M, engine="igraph", sample=k, seed=seed)}
            worst.append(max(abs(est[v]["closeness"] / table[v]["closeness"] - 1) for v in G))
            p = pole_measures(M, engine="igraph", sample=k, seed=seed)["pivot_dependence"]
            before.append(abs(p["mean_distance_before"] / pivot["mean_distance_before"] - 1))
            after.append(abs(p["mean_distance_after"] / pivot["mean_distance_after"] - 1))
        print(f"{k:<6} {statistics.mean(worst):>20.1%} / {max(worst):.1%}   "
              f"{statistics.mean(before):>24.1%} / {statistics.mean(after):.1%}")
    started = time.perf_counter()
    betweenness(G, engine="networkx")
    print(f"exact betweenness: networkx {time.perf_counter() - started:.1f} s, igraph {igraph_seconds:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
