"""``to_graph`` writes networkx's adjacency straight: the very graph ``add_node`` and
``add_edge`` build (same node order, attributes and their order, edge keys and data)."""

from __future__ import annotations

import pytest

from ptce_kit.model import ActorStatus
from ptce_kit.model.ties import active_between
from ptce_kit.network import build
from ptce_kit.network.build import _TEXT, actor_attributes, partnership_pairs, to_graph
from ptce_kit.synth import synthetic_pole


def reference_build(pole, at, kind_set, family_set, directed, include_prospective, include_personal_data):
    """The builder as it was: one ``add_node`` per actor, one ``add_edge`` per tie."""
    import networkx as nx

    G = nx.MultiDiGraph() if directed else nx.MultiGraph()
    territory = pole.territory
    G.graph.update({
        "pole": pole.id, "name": pole.name, "pivot": pole.pivot, "at": at,
        "communes": [c.code for c in territory.communes if c.code] if territory else [],
    })
    for actor in pole.actors:
        if at is not None and not actor.active_at(at):
            continue
        if at is None and actor.status is ActorStatus.PROSPECTIVE and not include_prospective:
            continue
        if family_set is not None and actor.family.value not in family_set:
            continue
        G.add_node(actor.id, **actor_attributes(
            actor, pivot=actor.id == pole.pivot, include_personal_data=include_personal_data))
    for p in pole.partnerships:
        if kind_set is not None and p.kind.value not in kind_set:
            continue
        if at is not None and not active_between(p.since, p.until, at):
            continue
        attrs = {
            "partnership": p.id, "kind": _TEXT[p.kind], "topic": p.topic,
            "resources": [_TEXT[r] for r in p.resources], "since": p.since, "until": p.until,
            "weight": float(p.weight) if p.weight is not None else 1.0, "directed": p.directed or p.chain,
        }
        if not p.participants_known:
            attrs["participants_known"] = False
        if p.participants is not None:
            attrs["participants"] = p.participants
        if p.duration is not None:
            attrs["duration"] = p.duration
        if p.chain:
            attrs["chain"] = attrs["arrow"] = True
        for order, (u, v) in enumerate(partnership_pairs(p, directed=directed), start=1):
            if u in G and v in G:
                if p.chain:
                    G.add_edge(u, v, key=p.id, order=order, **attrs, **{"from": u, "to": v})
                else:
                    G.add_edge(u, v, key=p.id, **attrs)
    return G


def _snapshot(G):
    """Everything of a graph, in its own order (attribute order included)."""
    adjacency = [(u, [(v, [(k, list(d.items())) for k, d in keys.items()]) for v, keys in nbrs.items()])
                 for u, nbrs in G.adj.items()]
    pred = ([(u, [(v, list(keys)) for v, keys in nbrs.items()]) for u, nbrs in G.pred.items()]
            if G.is_directed() else None)
    return (type(G), G.graph, [(n, list(d.items())) for n, d in G.nodes(data=True)],
            [(u, v, k, list(d.items())) for u, v, k, d in G.edges(keys=True, data=True)], adjacency, pred)


OPTIONS = [{}, {"directed": True}, {"at": "2014"}, {"kinds": ["cooperation"]}, {"families": ["enterprises", "research"]},
           {"include_prospective": True, "include_personal_data": True}, {"structure": True, "include_events": True},
           {"directed": True, "structure": True, "include_events": True}]


@pytest.mark.parametrize("options", OPTIONS, ids=[",".join(o) or "default" for o in OPTIONS])
def test_the_bulk_builder_builds_the_very_same_graph(pole_sud, monkeypatch, options):
    poles = [pole_sud, synthetic_pole(300, seed=3), synthetic_pole(400, seed=5, ties_per_actor=4)]
    for pole in poles:
        new = to_graph(pole, **options)
        with monkeypatch.context() as m:
            m.setattr(build, "_build", reference_build)
            old = to_graph(pole, **options)
        assert _snapshot(new) == _snapshot(old)


def test_each_edge_has_its_own_attribute_dict(pole_sud):
    G = to_graph(pole_sud)
    clique = [d for *_, d in G.edges(data=True) if d["partnership"] == next(
        p.id for p in pole_sud.partnerships if len(p.actors) > 2)]
    assert len(clique) > 1
    clique[0]["weight"] = 99.0
    assert all(d["weight"] != 99.0 for d in clique[1:])
