"""``ptce compare`` builds each pole's graph and measures once (issue 23 item 0).

The row's measures are over the pole's whole history; its criteria are judged at a date.
When the two graphs are the same (no actor or tie outside the pole at that date), the
row's graph and measures serve the criteria too, and the verdicts stay those of ``check``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ptce_kit import comparison
from ptce_kit.comparison import criteria_summary
from ptce_kit.io import load_pole
from ptce_kit.synth import synthetic_pole

ROOT = Path(__file__).resolve().parents[1]


def _count_graphs(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    import ptce_kit.network as network
    import ptce_kit.network.build as build

    calls: list[str | None] = []
    real = build.to_graph

    def counting(pole, **options):  # type: ignore[no-untyped-def]
        calls.append(options.get("at"))
        return real(pole, **options)

    monkeypatch.setattr(network, "to_graph", counting)
    monkeypatch.setattr(build, "to_graph", counting)
    return calls


@pytest.mark.parametrize("seed", [5, 6])
def test_each_pole_is_graphed_once(monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    # Synthetic poles have histories: actors who left, ties that ended.
    pole = synthetic_pole(60, seed=seed)
    assert any(a.left for a in pole.actors) and any(p.until for p in pole.partnerships)
    expected = criteria_summary(pole, at="2026-12-02")
    calls = _count_graphs(monkeypatch)
    [row] = comparison.compare([pole], criteria_at="2026-12-02")
    assert calls == ["2026-12-02"]
    assert {k: row[k] for k in expected} == expected
    # The row is the pole at the check's date: its actors and alive ties, not its history.
    assert row["actors"] == len(pole.members_at("2026-12-02"))
    assert row["partnerships"] == sum(1 for p in pole.partnerships
                                      if not (p.until and p.until < "2026") and not (p.since and p.since > "2026"))


def test_criteria_at_another_date_get_their_own_graph(monkeypatch: pytest.MonkeyPatch) -> None:
    pole = load_pole(ROOT / "examples" / "pole_sud" / "pole.yaml")
    expected = criteria_summary(pole, at="2016")
    calls = _count_graphs(monkeypatch)
    [row] = comparison.compare([pole], at="2024", criteria_at="2016")
    assert calls == ["2024", "2016"]
    assert {k: row[k] for k in expected} == expected
