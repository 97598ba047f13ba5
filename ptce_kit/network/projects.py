"""The actors–projects graph (two-mode) and its projection onto the actors.

A pole's joint projects tie actors too: two actors running the same workshop cooperate
even when no partnership is written down.  The two-mode graph keeps both kinds of nodes
(``bipartite`` = 0 for actors, 1 for projects, as :mod:`networkx.algorithms.bipartite`
expects); the projection ties two actors by the number of projects they share.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..model import Pole
from ..model.ties import active_between

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["PROJECT_PREFIX", "actor_project_graph", "actor_projection"]

#: Project nodes are named ``project:<id>``: actor and project ids live apart in the file.
PROJECT_PREFIX = "project:"


def actor_project_graph(pole: Pole, *, at: str | None = None, include_personal_data: bool = False) -> nx.Graph:
    """The two-mode graph of actors and the projects they take part in.

    Actor nodes carry the attributes of :func:`~ptce_kit.network.to_graph` and
    ``bipartite=0``; project nodes (``project:<id>``) carry ``kind="project"``,
    ``name``, ``status``, ``start``, ``end``, ``jobs`` and ``bipartite=1``.  With ``at``,
    only the members then and the projects under way then (unknown dates: always).

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> pole = Pole(id="p", name="P", actors=[
    ...     {"id": "a", "name": "A", "category": "ess_enterprise"},
    ...     {"id": "b", "name": "B", "category": "local_authority"}],
    ...   projects=[{"id": "shoes", "name": "Shoe workshop", "actors": ["a", "b"]},
    ...             {"id": "alone", "name": "Nobody's"}])
    >>> B = actor_project_graph(pole)
    >>> sorted(B["project:shoes"]), B.nodes["project:alone"]["bipartite"]
    (['a', 'b'], 1)
    """
    import networkx as nx

    from .build import to_graph

    actors = to_graph(pole, at=at, include_personal_data=include_personal_data)
    B = nx.Graph()
    B.graph.update(actors.graph)
    B.add_nodes_from((n, {**d, "bipartite": 0}) for n, d in actors.nodes(data=True))
    for project in pole.projects:
        if at is not None and not active_between(project.start, project.end, at):
            continue
        node = PROJECT_PREFIX + project.id
        B.add_node(node, kind="project", name=project.name,
                   status=project.status.value if project.status else None,
                   start=project.start, end=project.end, jobs=project.jobs, bipartite=1)
        B.add_edges_from((actor, node) for actor in project.actors if actor in actors)
    return B


def actor_projection(pole_or_graph: Pole | nx.Graph, **options: Any) -> nx.Graph:
    """Actors tied by the projects they share; ``weight`` = number of shared projects.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> pole = Pole(id="p", name="P", actors=[
    ...     {"id": "a", "name": "A", "category": "ess_enterprise"},
    ...     {"id": "b", "name": "B", "category": "local_authority"},
    ...     {"id": "c", "name": "C", "category": "research_centre"}],
    ...   projects=[{"id": "x", "name": "X", "actors": ["a", "b"]},
    ...             {"id": "y", "name": "Y", "actors": ["a", "b", "c"]}])
    >>> P = actor_projection(pole)
    >>> P["a"]["b"]["weight"], P["a"]["c"]["weight"]
    (2, 1)
    """
    from networkx.algorithms import bipartite

    B = actor_project_graph(pole_or_graph, **options) if isinstance(pole_or_graph, Pole) else pole_or_graph
    actors = [n for n, d in B.nodes(data=True) if d.get("bipartite") == 0]
    return bipartite.weighted_projected_graph(B, actors)
