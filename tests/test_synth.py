"""Synthetic poles: valid, realistic, deterministic, and saying they are synthetic."""

from __future__ import annotations

from collections import Counter

import pytest

from ptce_kit.criteria import check
from ptce_kit.io import load_pole
from ptce_kit.model import ActorStatus, Family, TieKind
from ptce_kit.network import pole_measures, to_graph
from ptce_kit.synth import synthetic_pole


@pytest.mark.parametrize("n", [4, 5, 9, 40, 150])
@pytest.mark.parametrize("seed", [0, 1, 7])
def test_synthetic_poles_are_valid_and_have_the_shape_of_a_pole(n, seed):
    pole = synthetic_pole(n, seed=seed)
    assert len(pole.actors) == n
    pivot = pole.pivot_actor
    assert pivot is not None and pivot.ess and "pivot" in pivot.roles
    categories = Counter(a.category.value for a in pole.actors)
    assert categories["ess_enterprise"] >= 2 and categories["enterprise"] >= 1 and categories["local_authority"] >= 1
    # Every present actor cooperates with someone: nobody is left without a tie.
    G = to_graph(pole)
    assert all(G.degree(v) > 0 for v in G)
    assert pole.founded and all(p.since for p in pole.partnerships)
    assert pole.projects


def test_large_synthetic_pole_has_realistic_proportions_and_all_three_kinds_of_ties():
    pole = synthetic_pole(400, seed=11)
    families = Counter(a.family for a in pole.actors)
    share = {f: families[f] / 400 for f in Family}
    assert 0.42 < share[Family.ENTERPRISES] < 0.62
    assert 0.12 < share[Family.COLLECTIVITIES] < 0.28
    assert 0.12 < share[Family.RESEARCH] < 0.28
    assert share[Family.OTHER] < 0.15
    assert {p.kind for p in pole.partnerships} == set(TieKind)
    statuses = Counter(a.status for a in pole.actors)
    assert statuses[ActorStatus.PROSPECTIVE] > 0 and statuses[ActorStatus.PARTNER] > 0
    assert any(a.left for a in pole.actors) and any(p.until for p in pole.partnerships)
    m = pole_measures(to_graph(pole))
    assert m["pivot_dependence"]["connectivity_loss"] > 0.3
    assert 0.2 < m["cross_family_share"] < 0.9
    assert 0.5 < m["territorial_anchoring"]["within_territory"] <= 1.0


def test_same_seed_same_pole_other_seed_other_pole():
    assert synthetic_pole(30, seed=5) == synthetic_pole(30, seed=5)
    assert synthetic_pole(30, seed=5) != synthetic_pole(30, seed=6)


def test_too_small_is_refused():
    with pytest.raises(ValueError, match="at least 4 actors"):
        synthetic_pole(3)


def test_synthetic_pole_meets_the_definition():
    report = check(synthetic_pole(25, seed=2), "definition", at="2035")
    assert not report.failed


def test_ptce_synth_writes_the_same_file_twice_and_says_it_is_synthetic(ptce, tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    for path in (a, b):
        done = ptce("synth", "--actors", "15", "--seed", "4", "-o", path)
        assert done.returncode == 0, done.stderr
    assert a.read_bytes() == b.read_bytes()
    pole = load_pole(a)
    assert "SYNTHÉTIQUE" in pole.description and "synthetic" in pole.sources[0].lower()
    assert all(a.siret is None and not a.contacts for a in pole.actors)
    assert ptce("validate", a).returncode == 0
    assert ptce("synth", "--actors", "2", "-o", tmp_path / "c.yaml").returncode == 2


def test_default_shape_is_unchanged_byte_for_byte():
    # Files generated before ties_per_actor existed must come out the same (but for the
    # explicit 'form: informal' that save_pole writes since issue 21, and the explicit
    # 'status: member' it writes since a status not given means "not stated").
    import hashlib

    from ptce_kit.io import dump_pole

    text = dump_pole(synthetic_pole(150, seed=7))
    assert hashlib.sha256(text.encode()).hexdigest() == "18e5bdde5a8cbe24ae27d9fde640d3308871f5204ebd716e2e221a8c1db80b27"
    before = text.replace("governance:\n  form: informal\n", "governance:\n", 1).replace("    status: member\n", "")
    assert hashlib.sha256(before.encode()).hexdigest() == "079be1d9263d314b22feaba0330a610ffc5a468626d1e66d58176c1398d40361"


@pytest.mark.parametrize("per_actor", [3, 4.5, 5])
def test_network_shape_has_the_asked_ties_per_actor_and_hubs(per_actor):
    pole = synthetic_pole(3000, seed=2, ties_per_actor=per_actor)
    assert abs(2 * len(pole.partnerships) / 3000 - per_actor) < 0.1
    assert all(len(p.actors) == 2 for p in pole.partnerships)
    assert {p.kind for p in pole.partnerships} == set(TieKind)
    G = to_graph(pole)
    degrees = sorted((d for _, d in G.degree()), reverse=True)
    # Preferential attachment: hubs far above the mean, and every present actor tied.
    assert degrees[0] > 5 * per_actor and degrees[-1] >= 1
    assert "ties_per_actor" in pole.sources[0]
    assert synthetic_pole(300, seed=2, ties_per_actor=per_actor) == synthetic_pole(300, seed=2, ties_per_actor=per_actor)


def test_ties_per_actor_out_of_range_is_refused():
    with pytest.raises(ValueError, match="ties_per_actor"):
        synthetic_pole(10, ties_per_actor=0)
