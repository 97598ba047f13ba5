"""Many poles side by side: one row per pole, the same measures for all, ranks and z-scores.

:func:`compare` builds the table as plain rows (a list of dicts, JSON-ready);
:func:`write_table` writes it as CSV, XLSX, Markdown or HTML; :func:`plot_comparison`
draws the figure (composition and key measures side by side).  Structure measures come
from :mod:`ptce_kit.network` and verdicts from :mod:`ptce_kit.criteria`: nothing is
measured here twice.
"""

from __future__ import annotations

import datetime as _dt
import html
import math
import os
from collections import Counter
from collections.abc import Iterable, Sequence, Sized
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .i18n import Message, N_, current, format_number, format_percent, gettext
from .model import FAMILY_COLOURS, ActorStatus, Category, Family, Indicator, IndicatorScope, Pole, TieKind, check_partial_date
from .model.ties import active_between

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["compare", "betweenness_engine", "settled", "IGRAPH_FROM", "SHARE_COLUMNS", "numeric_columns", "KEY_MEASURES", "TABLE_FORMATS", "write_table", "plot_comparison",
           "criteria_summary", "JOB_UNITS", "indicator_total", "column_label", "cell_words"]

#: Indicator units counted as jobs (compared without case).
JOB_UNITS: tuple[str, ...] = ("jobs", "emplois")

#: Profiles whose verdicts the table reports, one column each (``scic`` is empty for a
#: pole that is not a SCIC: its rules do not apply).
PROFILES: tuple[str, ...] = ("definition", "state-call", "scic", "signals")

#: Shares between 0 and 1 drawn side by side in the figure.
KEY_MEASURES: dict[str, str] = {
    "ess_share": N_("ESS share of actors"),
    "density": N_("density"),
    "degree_centralization": N_("degree centralization"),
    "cross_family_share": N_("cross-family ties"),
    "pivot_connectivity_loss": N_("pivot dependence"),
    "anchoring_within_territory": N_("ties within the territory"),
}

#: The row of each column in the tables people read (Markdown, HTML), as message ids.
COLUMN_WORDS: dict[str, str] = {
    "pole": N_("pole identifier"), "name": N_("name"), "territory": N_("territory"),
    "governance_form": N_("governance form"), "actors": N_("actors present"), "prospective": N_("prospective actors"),
    "ess_share": N_("ESS share of actors"), "partnerships": N_("active partnerships"), "density": N_("density"),
    "degree_centralization": N_("degree centralization"), "betweenness_centralization": N_("betweenness centralization"),
    "components": N_("connected components"), "pivot_connectivity_loss": N_("pivot dependence"),
    "cross_family_share": N_("cross-family ties"), "anchoring_within_territory": N_("ties within the territory"),
    "anchoring_same_commune": N_("ties within one commune"), "projects": N_("projects"),
    "jobs_indicators": N_("jobs (indicators)"), "jobs_indicators_min": N_("jobs (indicators), at least"),
    "jobs_indicators_max": N_("jobs (indicators), at most"), "jobs_indicators_year": N_("jobs (indicators): years"),
    "jobs_territory": N_("jobs on the territory"), "jobs_territory_year": N_("jobs on the territory: years"),
    "jobs_projects": N_("jobs of the projects"),
    "territory_population": N_("population of the territory"),
    "territory_population_year": N_("population of the territory: year"),
    "priority_areas": N_("priority areas of the territory"), "criteria_failed": N_("rules failed"),
    "criteria_definition": N_("criteria: definition (art. 9)"), "criteria_state_call": N_("criteria: State calls"),
    "criteria_scic": N_("criteria: SCIC rules"), "criteria_emerging": N_("criteria: emerging PTCE call"),
    "criteria_signals": N_("criteria: structure signals"),
}


def column_label(column: str, lang: str | None = None) -> str:
    """The name of a column of :func:`compare` as a reader sees it, in ``lang``.

    The CSV and XLSX keep the column keys (``ess_share``), which programs read; Markdown
    and HTML name each row with this label.  A key without a label is shown as it is.

    Examples
    --------
    >>> column_label("ess_share", "fr"), column_label("family_research", "en")
    ("part de l'ESS parmi les acteurs", 'actors: research, higher education and training')
    >>> column_label("ties_cooperation", "fr")
    'partenariats : coopération'
    """
    from .model.vocabulary import label

    if column in COLUMN_WORDS:
        return gettext(COLUMN_WORDS[column], lang)
    prefix, _, value = column.partition("_")
    if prefix == "family" and value in Family._value2member_map_:
        return Message("actors: {family}", family=label("family", value, lang)).render(lang)
    if prefix == "category" and value in Category._value2member_map_:
        return Message("actors: {category}", category=label("category", value, lang)).render(lang)
    if prefix == "ties" and value in TieKind._value2member_map_:
        return Message("partnerships: {kind}", kind=label("kind", value, lang)).render(lang)
    return column


def cell_words(column: str, value: Any, lang: str | None = None) -> Any:
    """A value of the table as a reader sees it: verdicts and governance forms in words, others as they are."""
    if value is None or not isinstance(value, str):
        return value
    if column.startswith("criteria_") and column != "criteria_failed":
        from .criteria.core import VERDICT_WORDS, verdict_word

        return verdict_word(value, lang) if value in VERDICT_WORDS else value
    if column == "governance_form":
        from .model.vocabulary import label

        return label("form", value, lang)
    return value


#: Formats :func:`write_table` writes, by file suffix.
TABLE_FORMATS: tuple[str, ...] = (".csv", ".xlsx", ".md", ".html")


def criteria_summary(pole: Pole, profiles: Sequence[str] = PROFILES, *, at: str | None = None,
                     graph: nx.Graph | None = None, measures: dict[str, Any] | None = None,
                     reports: list[Any] | None = None) -> dict[str, Any]:
    """The worst verdict per profile and the failed rules, from :func:`ptce_kit.criteria.check`.

    ``graph`` and ``measures``, if given, are the pole's graph at ``at`` and its measures,
    passed on to :func:`~ptce_kit.criteria.check` so that it does not compute them again.
    ``reports``, if given, receives the report itself (the observatory shows it without
    judging the pole twice).

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> s = criteria_summary(Pole(id="p", name="P"), ["state-call"], at="2020")
    >>> s["criteria_state_call"], s["criteria_failed"]
    ('fail', 'decret.legal-person decret.members')
    """
    from .criteria import check

    report = check(pole, list(profiles), at=at, graph=graph, measures=measures)
    if reports is not None:
        reports.append(report)
    row: dict[str, Any] = {}
    for profile in profiles:
        applies = any(r.finding.applies for r in report.of_profile(profile))
        verdict = report.verdict(profile) if applies else None
        row[f"criteria_{profile.replace('-', '_')}"] = verdict.value if verdict else None
    row["criteria_failed"] = " ".join(r.rule.id for r in report.results if r.verdict.value == "fail")
    return row


def _latest(points: list[Indicator]) -> tuple[float, float | None, int | None]:
    """One series' figure: its latest year's ``(low, high, year)``, never a sum over years.

    Undated figures count only when the series has no dated one; several of them are the
    sources' different values of one figure, so their span is given.
    """
    dated = [i for i in points if i.year is not None]
    if dated:
        year = max(i.year for i in dated if i.year is not None)
        chosen = [i for i in dated if i.year == year]
    else:
        year, chosen = None, points
    lows = [i.bounds[0] for i in chosen]
    highs = [i.bounds[1] for i in chosen]
    return min(lows), (None if None in highs else max(h for h in highs if h is not None)), year


def indicator_total(pole: Pole, units: Sequence[str] = JOB_UNITS,
                    scopes: Sequence[IndicatorScope] = (IndicatorScope.POLE, IndicatorScope.ACTOR)) -> dict[str, Any]:
    """The total of a pole's indicators in ``units`` about ``scopes``, series by series.

    Each series (indicators of the same name, unit, scope and actor) gives its latest
    year's figure, never the sum of its years; the series are then added up.  A range
    or a lower bound makes the total a range: ``value`` is then ``None`` and ``min``,
    ``max`` (``None`` when unbounded) say what is known.  ``years`` lists the years used.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> pole = Pole(id="p", name="P", indicators=[
    ...     {"name": "Emplois", "value": 40, "unit": "jobs", "year": 2013, "source": "fiche"},
    ...     {"name": "Emplois", "value": 50, "unit": "jobs", "year": 2015, "source": "fiche"},
    ...     {"name": "Emplois ESS", "value": 2392, "unit": "jobs", "scope": "territory", "source": "CRESS"}])
    >>> indicator_total(pole)
    {'value': 50.0, 'min': 50.0, 'max': 50.0, 'years': '2015'}
    """
    wanted = {u.casefold() for u in units}
    series: dict[tuple[str, str, str, str], list[Indicator]] = {}
    for indicator in pole.indicators:
        if (indicator.unit or "").casefold() in wanted and indicator.about in scopes:
            series.setdefault(indicator.series_key(), []).append(indicator)
    if not series:
        return {"value": None, "min": None, "max": None, "years": None}
    figures = [_latest(points) for points in series.values()]
    low = sum(f[0] for f in figures)
    high = None if any(f[1] is None for f in figures) else sum(f[1] for f in figures if f[1] is not None)
    years = sorted({f[2] for f in figures if f[2] is not None})
    return {"value": low if high == low else None, "min": low, "max": high,
            "years": ", ".join(map(str, years)) if years else None}


#: From this many poles on, ``engine="auto"`` measures the betweenness with igraph when it is
#: installed: a tenth of networkx's time per pole, but importing igraph (which imports its
#: drawing modules) costs about as much as measuring ten poles with networkx.
IGRAPH_FROM = 10

#: Significant digits the table keeps of the betweenness centralization (see :func:`settled`).
BETWEENNESS_DIGITS = 12


def betweenness_engine(count: int | None = None, engine: str = "auto") -> str:
    """The engine that measures the betweenness of ``count`` poles: ``"networkx"`` or ``"igraph"``.

    ``"auto"`` is igraph for :data:`IGRAPH_FROM` poles or more when python-igraph is installed
    (the ``fast`` extra), networkx otherwise; ``count=None`` (not known yet) is many.  Both
    engines give the same table, byte for byte (:func:`settled`).

    Examples
    --------
    >>> betweenness_engine(2)
    'networkx'
    >>> betweenness_engine(500, "networkx")
    'networkx'
    """
    if engine != "auto":
        if engine not in ("networkx", "igraph"):
            raise ValueError(Message("engine must be one of {engines}, not {engine!r}",
                                     engines="auto, networkx, igraph", engine=engine))
        return engine
    from .network.engines import _igraph_installed

    return "igraph" if (count is None or count >= IGRAPH_FROM) and _igraph_installed() else "networkx"


def settled(value: float | None) -> float | None:
    """A share from 0 to 1 as the table keeps it whichever engine computed it.

    :data:`BETWEENNESS_DIGITS` significant digits, and 0 below 10^-12: networkx's and
    igraph's betweenness agree to about 10^-15 (floating-point sums in another order), so
    that their last digits, and the noise of a sum that should be 0 (a cycle, where every
    actor is as central), never reach the table's bytes.

    Examples
    --------
    >>> settled(0.1 + 0.2), settled(1.6e-17), settled(None)
    (0.3, 0.0, None)
    """
    if value is None:
        return None
    if abs(value) < 1e-12:
        return 0.0
    return float(f"{value:.{BETWEENNESS_DIGITS}g}")


def _table_measures(G: nx.MultiGraph, engine: str = "auto") -> dict[str, Any]:
    """The measures the table and the criteria read, computed as :func:`~ptce_kit.network.pole_measures` does.

    The same functions on the same graphs, without the ones no column shows (communities,
    modularity, clustering, assortativity, mixing matrices: a third of ``ptce compare``),
    and the pivot's dependence without its mean distances.  Every one of them is
    unweighted: they run on the bare simple graph of ``G`` (:func:`_bare_simple`: the
    nodes and collapsed ties of :func:`~ptce_kit.network.to_simple_graph`, in its order,
    without the weights and lists of partnerships no measure here reads), and the pivot's
    dependence is :func:`~ptce_kit.network.fast.graph_pivot_dependence`, the criteria's own,
    which makes no copy of the graph.  ``engine`` runs the betweenness (see
    :func:`betweenness_engine`); its centralization is kept to :func:`settled` digits, the
    same whichever engine.  The criteria read only ``territorial_anchoring`` and
    ``pivot_dependence`` of the measures they are handed.
    """
    import networkx as nx

    from .network.fast import graph_pivot_dependence
    from .network.measures import (betweenness_centralization, cross_family_share, degree_centralization,
                                   territorial_anchoring)

    U = _bare_simple(G)
    n = len(U)
    return {
        "density": nx.density(U) if n > 1 else None,
        "components": nx.number_connected_components(U) if n else 0,
        "degree_centralization": degree_centralization(U),
        "betweenness_centralization": settled(betweenness_centralization(U, values=_betweenness(U, engine))),
        "cross_family_share": cross_family_share(G, "family"),
        "territorial_anchoring": territorial_anchoring(G),
        "pivot": G.graph.get("pivot"),
        # The table and the criteria read connectivity only: no mean distances (a quarter of the time).
        "pivot_dependence": graph_pivot_dependence(U, G.graph.get("pivot"), distances=False),
    }


def _bare_simple(G: nx.Graph) -> nx.Graph:
    """The simple undirected graph of ``G`` with no edge data: its structure alone.

    The nodes, and each pair of actors tied at least once, in the order of
    :func:`~ptce_kit.network.to_simple_graph` (self-loops kept, as there; a test compares
    both), at a fraction of its cost: that function also sums the ties' weights and lists
    their partnerships and kinds, which unweighted measures never read.  An undirected
    multigraph's adjacency is read directly (the pairs of ``G.edges()``, in their order,
    without iterating over every parallel tie); a directed graph goes through
    ``add_edges_from``.

    Examples
    --------
    >>> import networkx as nx
    >>> U = _bare_simple(nx.MultiGraph([("a", "b"), ("b", "a"), ("b", "c")], pivot="b"))
    >>> list(U.edges(data=True)), U.graph["pivot"]
    ([('a', 'b', {}), ('b', 'c', {})], 'b')
    """
    import networkx as nx

    U = nx.Graph()
    U.graph.update(G.graph)
    if G.is_directed():
        U.add_nodes_from(G)
        U.add_edges_from(G.edges())
        return U
    index = {v: i for i, v in enumerate(G)}
    adjacency: dict[Any, dict[Any, dict[str, Any]]] = {v: {} for v in G}
    # G.edges() yields (u, v) from each node u to its neighbours not yet passed, in the order
    # of u's adjacency: each neighbour v once here, however many ties join them.
    for u, neighbours in G.adj.items():
        own, rank = adjacency[u], index[u]
        for v in neighbours:
            if index[v] >= rank:
                data: dict[str, Any] = {}
                own[v] = data
                adjacency[v][u] = data
    U.add_nodes_from(G)
    U._adj.update(adjacency)  # the graph is new and empty: nothing cached to clear
    return U


def _betweenness(U: nx.Graph, engine: str) -> dict[Any, float]:
    """Each actor's normalized betweenness in the simple undirected graph ``U``, as networkx computes it.

    ``engine`` as :func:`betweenness_engine` decides it.  igraph is called on ``U``'s own
    edges (node ``i`` of igraph is ``U``'s ``i``-th actor), without the graph views that
    :func:`~ptce_kit.network.engines.betweenness` iterates over; its counts of unordered
    pairs are scaled as networkx's (:math:`2 / ((n-1)(n-2))`).  The values agree with
    networkx's to about 10^-15 (tested to 10^-9 on Pôle Sud and synthetic poles).
    """
    chosen = betweenness_engine(None, engine)
    n = len(U)
    if chosen == "networkx" or n < 3:
        from .network.engines import betweenness

        return betweenness(U, engine="networkx")
    import igraph as ig

    index = {v: i for i, v in enumerate(U)}
    edges = [(i, index[v]) for i, neighbours in enumerate(U.adj.values()) for v in neighbours if index[v] >= i]
    raw = ig.Graph(n=n, edges=edges).betweenness(directed=False)
    scale = 1 / ((n - 1) * (n - 2))
    return {v: 2.0 * b * scale for v, b in zip(U, raw, strict=True)}


def governance_form(pole: Pole) -> str | None:
    """The pole's current legal form, ``None`` when its file says nothing of it.

    The format's default form is ``informal``, but a file that gives no ``form`` (and no
    ``form_history``) says nothing: its form is unknown, never counted informal, even when
    it describes its bodies or colleges (:attr:`~ptce_kit.model.governance.Governance.stated_form`).
    An explicit ``form: informal`` is kept by ``save_pole``, so it is still informal after
    a save and a load.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> [governance_form(Pole(id="p", name="P", governance=g)) for g in ({}, {"decision_rule": "consensus"},
    ...                                                                  {"form": "informal"}, {"form": "scic"})]
    [None, None, 'informal', 'scic']
    """
    stated = pole.governance.stated_form
    return None if stated is None else stated.value


def _row(pole: Pole, *, at: str, profiles: Sequence[str], criteria_at: str | None,
         reports: list[Any] | None = None, engine: str = "auto") -> dict[str, Any]:
    from .criteria.rules import is_ess_enterprise
    from .network import to_graph

    present = pole.members_at(at)
    families = Counter(a.family for a in present)
    categories = Counter(a.category for a in present)
    alive = [p for p in pole.partnerships if active_between(p.since, p.until, at)]
    kinds = Counter(p.kind for p in alive)
    from .network.measures import anchor_to_territory

    G = anchor_to_territory(to_graph(pole, at=at), pole)  # the whole territory, as `ptce check` measures it
    m = _table_measures(G, engine)
    dependence = m["pivot_dependence"] or {}
    anchoring = m["territorial_anchoring"]
    jobs = indicator_total(pole)
    territory_jobs = indicator_total(pole, scopes=(IndicatorScope.TERRITORY,))
    project_jobs = [p.jobs for p in pole.projects if p.jobs is not None]
    row: dict[str, Any] = {
        "pole": pole.id,
        "name": pole.name,
        "territory": pole.territory.name if pole.territory else None,
        "governance_form": governance_form(pole),
        "actors": len(present),
        "prospective": sum(a.status is ActorStatus.PROSPECTIVE for a in pole.actors),
        **{f"family_{f.value}": families[f] for f in Family},
        **{f"category_{c.value}": categories[c] for c in Category},
        "ess_share": sum(is_ess_enterprise(a) for a in present) / len(present) if present else None,
        "partnerships": len(alive),
        **{f"ties_{k.value}": kinds[k] for k in TieKind},
        "density": m["density"],
        "degree_centralization": m["degree_centralization"],
        "betweenness_centralization": m["betweenness_centralization"],
        "components": m["components"],
        "pivot_connectivity_loss": dependence.get("connectivity_loss"),
        "cross_family_share": m["cross_family_share"],
        "anchoring_within_territory": anchoring["within_territory"],
        "anchoring_same_commune": anchoring["same_commune"],
        "projects": len(pole.projects),
        "jobs_indicators": jobs["value"],
        "jobs_indicators_min": jobs["min"],
        "jobs_indicators_max": jobs["max"],
        "jobs_indicators_year": jobs["years"],
        "jobs_territory": territory_jobs["value"],
        "jobs_territory_year": territory_jobs["years"],
        "jobs_projects": sum(project_jobs) if project_jobs else None,
        **_territory_columns(pole),
    }
    # The criteria are judged on the graph at ``criteria_at`` (default: the row's date):
    # when that is the row's own date, its graph and measures (the costly part: pivot
    # dependence alone was a quarter of ``ptce compare``) serve again.
    same = criteria_at is None or check_partial_date(criteria_at) == G.graph["at"]
    row.update(criteria_summary(pole, profiles, at=criteria_at or G.graph["at"],
                                graph=G if same else None, measures=m if same else None, reports=reports))
    return row


def _territory_columns(pole: Pole) -> dict[str, Any]:
    """The territory's population (its year) and priority areas: figures of the territory, never the pole's.

    ``priority_areas`` holds the kinds of areas given (``FRR, QPV``), empty when none is.
    """
    territory = pole.territory
    population = territory.population if territory else None
    kinds = sorted({a.kind.value for a in territory.priority_areas}) if territory else []
    return {
        "territory_population": population.value if population else None,
        "territory_population_year": str(population.year) if population else None,
        "priority_areas": ", ".join(kinds) or None,
    }


def numeric_columns(rows: Sequence[dict[str, Any]]) -> list[str]:
    """The columns whose values are numbers (or missing), in table order."""
    if not rows:
        return []
    columns = [c for c in rows[0] if not c.endswith(("_rank", "_z"))]
    return [c for c in columns
            if all(r[c] is None or (isinstance(r[c], int | float) and not isinstance(r[c], bool)) for r in rows)
            and any(r[c] is not None for r in rows)]


def _rank_and_z(rows: list[dict[str, Any]]) -> None:
    """Add ``<col>_rank`` (1 = highest, ties share the best rank) and ``<col>_z`` per numeric column."""
    for column in numeric_columns(rows):
        values = [r[column] for r in rows if r[column] is not None]
        mean = sum(values) / len(values)
        sd = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
        for r in rows:
            v = r[column]
            r[f"{column}_rank"] = None if v is None else 1 + sum(1 for w in values if w > v)
            r[f"{column}_z"] = None if v is None else (round((v - mean) / sd, 6) if sd > 0 else 0.0)


def compare(
    poles: Iterable[Pole],
    *,
    at: str | None = None,
    profiles: Sequence[str] = PROFILES,
    criteria_at: str | None = None,
    engine: str = "auto",
) -> list[dict[str, Any]]:
    """One row per pole, with ranks and z-scores within the set.

    Parameters
    ----------
    poles : iterable of Pole
        The poles to compare (a network's poles, or synthetic ones).
    at : str, optional
        Take every pole as it stood at this partial date: its actors, its graph and its
        measures.  By default, the date the criteria are judged at (``criteria_at``,
        else today): each row describes one pole at one date, the same for its figures
        and for its verdicts, so that its graph is built and measured once.
    profiles : sequence of str
        Criteria profiles reported, one column ``criteria_<profile>`` each (the worst
        verdict of its rules), plus ``criteria_failed`` (the ids of failed rules).
    criteria_at : str, optional
        The date the criteria are judged at (default ``at``, else today).  When it
        differs from ``at``, the criteria get a graph of their own.
    engine : {"auto", "networkx", "igraph"}
        What measures the betweenness (see :func:`betweenness_engine`; ``"auto"``: igraph
        from :data:`IGRAPH_FROM` poles when it is installed).  The table is the same,
        byte for byte, whichever engine: its betweenness centralization keeps 12
        significant digits (:func:`settled`).

    Returns
    -------
    list of dict
        Columns: ``pole``, ``name``, ``territory``, ``governance_form``, ``actors``,
        ``prospective``, ``family_<family>``, ``category_<category>``, ``ess_share``,
        ``partnerships``, ``ties_<kind>`` (partnerships by kind), ``density``,
        ``degree_centralization``, ``betweenness_centralization``, ``components``,
        ``pivot_connectivity_loss``, ``cross_family_share``,
        ``anchoring_within_territory``, ``anchoring_same_commune``, ``projects``,
        ``jobs_indicators`` (indicators in jobs about the pole or its actors: each series'
        latest year, never a sum over years; ``None`` when a range or a lower bound makes
        it uncertain), ``jobs_indicators_min`` and ``jobs_indicators_max`` (what is known:
        equal to it when exact, ``max`` empty for a lower bound), ``jobs_indicators_year``
        (the years used), ``jobs_territory`` and ``jobs_territory_year`` (the territory's
        figures, never counted as the pole's; see :func:`indicator_total`),
        ``jobs_projects`` (sum of projects' jobs), ``territory_population`` and
        ``territory_population_year`` (the territory's inhabitants, never a figure of the
        pole's), ``priority_areas`` (the kinds of the State's priority areas the territory
        lies in, e.g. ``QPV, ZRR``), the criteria columns; then for each numeric column
        ``<col>_rank`` (1 = highest) and ``<col>_z`` (z-score, population standard
        deviation; 0 when all poles are equal).  Missing values are ``None``.

    Examples
    --------
    >>> from ptce_kit.synth import synthetic_pole
    >>> small, large = synthetic_pole(8, seed=1), synthetic_pole(20, seed=3)
    >>> rows = compare([small, large], criteria_at="2030")
    >>> [r["actors"] for r in rows], [r["actors_rank"] for r in rows], [r["actors_z"] for r in rows]
    ([8, 20], [2, 1], [-1.0, 1.0])
    """
    when = check_partial_date(at or criteria_at or _dt.date.today().isoformat())
    if isinstance(poles, Sized):
        chosen = betweenness_engine(len(poles), engine)
        rows = [_row(p, at=when, profiles=profiles, criteria_at=criteria_at, engine=chosen) for p in poles]
    else:
        # Poles read one at a time (``ptce compare``): networkx for the first few, igraph from
        # the IGRAPH_FROM-th on when the set is that large (the same bytes either way).
        rows = [_row(p, at=when, profiles=profiles, criteria_at=criteria_at, engine=betweenness_engine(i + 1, engine))
                for i, p in enumerate(poles)]
    _rank_and_z(rows)
    return rows


# --- writing the table ------------------------------------------------------------------


#: The columns that hold a share from 0 to 1 (of the actors, of the ties, of the pairs of
#: actors that reach each other): people read them as percentages, programs (CSV, XLSX) as
#: the share itself.
SHARE_COLUMNS: frozenset[str] = frozenset({
    "ess_share", "cross_family_share", "anchoring_within_territory", "anchoring_same_commune",
    "pivot_connectivity_loss"})


def _cell(value: Any, column: str | None = None) -> str:
    """A value as the reader's language writes it.

    Three significant digits (« 0,25 », "1,230"); a share of :data:`SHARE_COLUMNS` as a
    percentage with one decimal (« 52,9 % », "52.9%"; :func:`~ptce_kit.i18n.format_percent`).

    Examples
    --------
    >>> from ptce_kit.i18n import use_language
    >>> with use_language("fr"):
    ...     _cell(9 / 17, "ess_share") == "52,9\u00a0%", _cell(0.1234), _cell(None), _cell(3, "actors")
    (True, '0,123', '', '3')
    >>> with use_language("en"):
    ...     _cell(9 / 17, "ess_share"), _cell(0.1234)
    ('52.9%', '0.123')
    """
    if value is None:
        return ""
    if column in SHARE_COLUMNS and isinstance(value, int | float) and not isinstance(value, bool):
        return format_percent(value)
    if isinstance(value, float):
        return format_number(float(f"{value:.3g}"), digits=6)
    return str(value)


def _z(value: float) -> str:
    """A z-score with its sign, in the reader's language: « +0,53 », "-1.2"."""
    return ("+" if value >= 0 else "") + format_number(value, digits=2)


def _csv(rows: Sequence[dict[str, Any]], sep: str) -> bytes:
    from .cells import csv_bytes

    # UTF-8 with a BOM so that Excel reads the accents of French names right.
    return csv_bytes([list(rows[0]) if rows else [], *(r.values() for r in rows)], sep=sep)


def _xlsx(rows: Sequence[dict[str, Any]]) -> bytes:
    from .cells import fill_sheet, new_workbook, xlsx_bytes

    wb = new_workbook()
    from openpyxl.styles import Font

    ws = wb.active
    ws.title = "poles"
    # Text cells are text, never formulas (a pole named '=…' stays a name).
    fill_sheet(ws, [list(rows[0]) if rows else [], *(list(r.values()) for r in rows)])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "C2"
    return xlsx_bytes(wb)


def _transposed(rows: Sequence[dict[str, Any]]) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """For Markdown and HTML: one column per pole, one line per measure, ``value (#rank, z)``, in the reader's words."""
    heads = [str(r["name"]) for r in rows]
    base = [c for c in rows[0] if not c.endswith(("_rank", "_z")) and c != "name"]
    lines = []
    for column in base:
        cells = []
        for r in rows:
            text = _cell(cell_words(column, r[column]), column)
            if r.get(f"{column}_rank") is not None:
                text += f" (#{r[f'{column}_rank']}, z={_z(r[f'{column}_z'])})"
            cells.append(text)
        lines.append((column_label(column), cells))
    return heads, lines


def _markdown(rows: Sequence[dict[str, Any]]) -> str:
    heads, lines = _transposed(rows)

    def esc(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    measure = gettext(N_("measure"))
    out = [f"| {measure} | " + " | ".join(map(esc, heads)) + " |", "|---|" + "---|" * len(heads)]
    out += [f"| {name} | " + " | ".join(map(esc, cells)) + " |" for name, cells in lines]
    note = gettext(N_("Each cell: the value, then (#rank among the poles, z-score) for numbers. "
                      "Made by ptce-kit (ptce compare)."))
    return "\n".join(out) + f"\n\n{note}\n"


def _html(rows: Sequence[dict[str, Any]]) -> str:
    heads, lines = _transposed(rows)
    e = html.escape
    head = "".join(f"<th scope=\"col\">{e(h)}</th>" for h in heads)
    body = "\n".join(f"<tr><th scope=\"row\">{e(n)}</th>" + "".join(f"<td>{e(c)}</td>" for c in cells) + "</tr>"
                     for n, cells in lines)
    title = e(gettext(N_("Comparison of the poles")))
    cells, measure = e(gettext(N_("value (#rank, z-score)"))), e(gettext(N_("measure")))
    return (f"<!DOCTYPE html>\n<html lang=\"{current()}\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{title}</title>\n<style>table{{border-collapse:collapse;font:14px sans-serif}}"
            "th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}th[scope=row]{text-align:left}"
            f"</style>\n</head>\n<body>\n<table>\n<caption>{title} — {cells}"
            f"</caption>\n<thead><tr><th>{measure}</th>{head}</tr></thead>\n<tbody>\n{body}\n"
            "</tbody>\n</table>\n</body>\n</html>\n")


def write_table(rows: Sequence[dict[str, Any]], path: str | os.PathLike[str], *, sep: str | None = None,
                languages: Iterable[str] = ()) -> Path:
    """Write the comparison table; the format follows the suffix (see :data:`TABLE_FORMATS`).

    A CSV table is written by the one CSV writer (:func:`ptce_kit.cells.csv_bytes`: BOM,
    formula-safe text).  ``sep`` defaults to the poles' ``languages`` when they are one,
    else to the messages' language: ``;`` with decimal commas in French, ``,`` in English.

    CSV and XLSX hold one row per pole and every column; Markdown and HTML put one pole
    per column and show each number with its rank and z-score.  Files are written
    atomically and are identical for the same rows.
    """
    from .errors import PoleError
    from .files import atomic_write

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TABLE_FORMATS:
        raise PoleError.single(f"cannot write a table as {suffix or 'a file without suffix'!r}", file=path,
                               hint=f"name the file with one of {', '.join(TABLE_FORMATS)}")
    if not rows:
        raise PoleError.single("no pole to write", file=path)
    content: str | bytes
    if suffix == ".csv":
        if sep is None:
            from .cells import csv_separator
            from .i18n import current

            spoken = set(languages)
            sep = csv_separator(spoken.pop() if len(spoken) == 1 else current())
        content = _csv(rows, sep)
    elif suffix == ".xlsx":
        content = _xlsx(rows)
    elif suffix == ".md":
        content = _markdown(rows)
    else:
        content = _html(rows)
    atomic_write(path, content)  # a failure is a PoleError naming the file and what to do
    return path


# --- the figure ---------------------------------------------------------------------------------


def plot_comparison(rows: Sequence[dict[str, Any]], path: str | os.PathLike[str]) -> Path:
    """Draw composition bars and key measures side by side, one line per pole.

    Left: the actors of each pole by family (stacked bars).  Right: the shares of
    :data:`KEY_MEASURES` (grouped bars, 0 to 1; a missing value is simply not drawn).
    The format follows the suffix (``.png``, ``.svg``, ``.pdf``); output is deterministic.
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    from .errors import PoleError
    from .files import atomic_write

    if not rows:
        raise PoleError.single("no pole to draw", file=path)
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg", "pdf"):
        raise PoleError.single(f"cannot draw a figure as {path.suffix or 'a file without suffix'!r}", file=path,
                               hint="name the figure .png, .svg or .pdf")
    from .model.vocabulary import label as family_words

    def family_label(family: str) -> str:
        return family_words("family", family)

    names = [str(r["name"]) for r in rows]
    n = len(rows)
    families = [f.value for f in Family]
    with plt.rc_context({"svg.hashsalt": "ptce-kit", "font.size": 9}):
        fig, (left, right) = plt.subplots(1, 2, figsize=(11, 2.2 + 0.6 * n), sharey=True,
                                          layout="constrained")
        y = list(range(n))
        start = [0.0] * n
        for family in families:
            values = [r[f"family_{family}"] for r in rows]
            left.barh(y, values, left=start, color=FAMILY_COLOURS[family], label=family_label(family))
            start = [s + v for s, v in zip(start, values, strict=True)]
        left.set_yticks(y, names)
        left.invert_yaxis()
        left.set_title(gettext(N_("Composition: actors by family")))
        height = 0.8 / len(KEY_MEASURES)
        cmap = plt.get_cmap("tab10")
        for k, (column, label) in enumerate(KEY_MEASURES.items()):
            ys = [i - 0.4 + height * (k + 0.5) for i in y]
            values = [r.get(column) for r in rows]
            right.barh([yy for yy, v in zip(ys, values, strict=True) if v is not None],
                       [v for v in values if v is not None], height=height, color=cmap(k), label=gettext(label))
        right.set_xlim(0, 1)
        right.set_title(gettext(N_("Key measures (shares, 0 to 1)")))
        # Legends below both panels, outside them (constrained layout makes room).
        handles = [*left.get_legend_handles_labels()[0], *right.get_legend_handles_labels()[0]]
        labels = [*left.get_legend_handles_labels()[1], *right.get_legend_handles_labels()[1]]
        fig.legend(handles, labels, loc="outside lower center", ncol=5, fontsize=8, frameon=False)
        import io

        buffer = io.BytesIO()
        metadata = {"svg": {"Date": None, "Creator": "ptce-kit"},
                    "pdf": {"Creator": "ptce-kit", "CreationDate": None, "ModDate": None},
                    "png": {"Software": "ptce-kit"}}[fmt]
        fig.savefig(buffer, format=fmt, metadata=metadata, dpi=120)
        plt.close(fig)
    atomic_write(path, buffer.getvalue())
    return path


