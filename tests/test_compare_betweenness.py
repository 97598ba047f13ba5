"""``ptce compare`` measures the betweenness with igraph: networkx's values, the same bytes (issue 21).

The table keeps the betweenness centralization to 12 significant digits
(:func:`ptce_kit.comparison.settled`), so that the CSV, XLSX, Markdown and HTML tables are
the same whichever engine computed it, and the same from one run to the next.
"""

from __future__ import annotations

import networkx as nx
import pytest

from ptce_kit import comparison
from ptce_kit.comparison import betweenness_engine, compare, settled, write_table
from ptce_kit.io import save_pole
from ptce_kit.network import to_graph
from ptce_kit.network.engines import betweenness, simple
from ptce_kit.network.measures import anchor_to_territory, betweenness_centralization
from ptce_kit.synth import synthetic_pole, synthetic_poles

pytest.importorskip("igraph")

AT = "2030"


def _simple(pole):  # type: ignore[no-untyped-def]
    """The simple undirected graph the table measures (its row's graph, collapsed)."""
    return simple(anchor_to_territory(to_graph(pole, at=AT), pole))


def _poles(pole_sud):  # type: ignore[no-untyped-def]
    return [pole_sud, synthetic_pole(4, seed=1), synthetic_pole(60, seed=5), synthetic_pole(200, seed=8),
            *synthetic_poles(6, seed=9)]


def test_igraph_gives_networkx_values_on_pole_sud_and_synthetic_poles(pole_sud):
    for pole in _poles(pole_sud):
        U = _simple(pole)
        assert type(U) is nx.Graph and len(U) >= 4
        a = betweenness(U, engine="networkx")
        for b in (comparison._betweenness(comparison._bare_simple(U), "igraph"), betweenness(U, engine="igraph")):
            assert list(a) == list(b), pole.id
            worst = max(abs(a[v] - b[v]) for v in a)
            assert worst <= 1e-9, (pole.id, worst)
        assert comparison._betweenness(U, "networkx") == a
        assert any(a.values()), pole.id  # a graph where someone lies between others: the check can fail
        x, y = (betweenness_centralization(U, engine=e) for e in ("networkx", "igraph"))
        assert x is not None and y is not None and abs(x - y) <= 1e-9, pole.id
        assert settled(x) == settled(y), pole.id


@pytest.fixture(scope="module")
def runs(pole_sud):  # type: ignore[no-untyped-def]
    """The table by networkx, by igraph, and by igraph again (a second run)."""
    poles = _poles(pole_sud)
    return [compare(poles, criteria_at=AT, engine=e) for e in ("networkx", "igraph", "igraph")]


def test_the_engines_give_the_same_rows(runs, pole_sud):
    by_networkx, by_igraph, _ = runs
    assert by_networkx == by_igraph
    sud = by_igraph[0]
    exact = betweenness_centralization(_simple(pole_sud), engine="networkx")
    assert sud["betweenness_centralization"] == settled(exact) == pytest.approx(exact, rel=1e-11)
    # 12 significant digits at most, whichever engine
    assert all(len(repr(r["betweenness_centralization"]).lstrip("0.").replace(".", "").rstrip("0")) <= 12
               for r in by_igraph if r["betweenness_centralization"])


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".html", ".md"])
def test_the_tables_are_the_same_bytes_whichever_engine_and_run(runs, tmp_path, suffix):
    if suffix == ".xlsx":
        pytest.importorskip("openpyxl")
    written = []
    for n, rows in enumerate(runs):
        path = tmp_path / f"table-{n}{suffix}"
        write_table(rows, path)
        written.append(path.read_bytes())
    assert written[0] == written[1] == written[2]


def test_ptce_compare_writes_the_same_csv_whichever_engine(tmp_path, monkeypatch):
    from ptce_kit.cli import main as cli_main

    folder = tmp_path / "poles"
    folder.mkdir()
    for i, pole in enumerate(synthetic_poles(12, seed=3)):
        save_pole(pole, folder / f"pole-{i:02d}.yaml")
    out = {}
    for engine, threshold in (("networkx", 10**9), ("igraph", 1)):
        monkeypatch.setattr(comparison, "IGRAPH_FROM", threshold)
        assert betweenness_engine(12) == engine
        target = tmp_path / f"{engine}.csv"
        try:
            code = cli_main(["compare", str(folder), "--at", AT, "-o", str(target)]) or 0
        except SystemExit as exit_info:
            code = int(exit_info.code or 0)
        assert code == 0
        out[engine] = target.read_bytes()
    assert out["networkx"] == out["igraph"]


def test_auto_chooses_igraph_for_many_poles_only(monkeypatch):
    assert betweenness_engine(comparison.IGRAPH_FROM - 1) == "networkx"
    assert betweenness_engine(comparison.IGRAPH_FROM) == "igraph"
    assert betweenness_engine(None) == "igraph"
    assert betweenness_engine(1, "igraph") == "igraph"
    with pytest.raises(ValueError):
        betweenness_engine(3, "fast")
    monkeypatch.setattr("ptce_kit.network.engines._igraph_installed", lambda: False)
    assert betweenness_engine(500) == "networkx"


def test_read_one_at_a_time_the_first_poles_go_to_networkx(monkeypatch):
    used: list[str] = []
    real = comparison._row

    def spy(pole, **kw):  # type: ignore[no-untyped-def]
        used.append(kw["engine"])
        return real(pole, **kw)

    monkeypatch.setattr(comparison, "_row", spy)
    monkeypatch.setattr(comparison, "IGRAPH_FROM", 3)
    compare(iter(synthetic_poles(4, seed=2)), criteria_at=AT)
    assert used == ["networkx", "networkx", "igraph", "igraph"]
    used.clear()
    compare(synthetic_poles(4, seed=2), criteria_at=AT)
    assert used == ["igraph"] * 4


def test_settled_keeps_twelve_digits_and_no_noise():
    assert settled(0.123456789012345678) == 0.123456789012
    assert settled(1 / 3) == 0.333333333333
    assert settled(2.5e-17) == 0.0 and settled(-2.5e-17) == 0.0
    assert settled(0.0) == 0.0 and settled(1.0) == 1.0 and settled(None) is None
    # a cycle-like graph where every actor is as central: the sum that should be 0
    G = nx.circulant_graph(30, [1, 3])
    for engine in ("networkx", "igraph"):
        assert settled(betweenness_centralization(G, engine=engine)) == 0.0



def test_the_table_measures_the_simple_graph_of_to_simple_graph(pole_sud):
    from ptce_kit.comparison import _bare_simple
    from ptce_kit.network import to_simple_graph

    for pole in _poles(pole_sud):
        G = anchor_to_territory(to_graph(pole, at=AT), pole)
        full, bare = to_simple_graph(G), _bare_simple(G)
        assert list(bare) == list(full) and list(bare.edges()) == list(full.edges()), pole.id
        assert all(list(bare[u]) == list(full[u]) for u in full), pole.id
        assert bare.graph == full.graph
