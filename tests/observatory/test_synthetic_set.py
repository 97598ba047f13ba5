"""``ptce synth --poles``: a set of poles spread over France that follows the published figures."""

from __future__ import annotations

import statistics

from ptce_kit.cli import main as cli_main
from ptce_kit.comparison import indicator_total
from ptce_kit.io import load_pole
from ptce_kit.synth import SURVEY_2017, synthetic_pole, synthetic_poles


def _run(argv: list[str]) -> int:
    try:
        return cli_main(argv) or 0
    except SystemExit as exit_info:
        return int(exit_info.code or 0)


def test_every_figure_says_where_it_comes_from():
    for name, figure in SURVEY_2017.items():
        assert figure["source"] and isinstance(figure["found"], bool), name
        if not figure["found"]:
            assert "not found" in figure["source"] or "no figure found" in figure["source"], name


def test_a_set_of_160_follows_the_figures():
    poles = synthetic_poles(160, seed=0)
    assert len({p.id for p in poles}) == 160
    below = [p for p in poles if p.territory and (p.territory.communes or p.territory.epci)
             and not (p.territory.departement or p.territory.region)]
    assert 0.70 <= len(below) / 160 <= 0.88  # 79 % below the département
    jobs = [indicator_total(p)["value"] for p in poles]
    assert 70 <= statistics.mean(jobs) <= 135  # about 100 direct jobs
    formal = [p for p in poles if p.governance.form.value != "informal"]
    assert 0.38 <= len(formal) / 160 <= 0.62  # one in two (neutral assumption)
    sizes = [len(p.actors) for p in poles]
    assert min(sizes) >= 4 and max(sizes) <= 200 and 14 <= statistics.mean(sizes) <= 26
    departements = {d.code for p in poles for d in p.territory.derived_departements()}
    assert len(departements) > 40  # spread over France, not one territory
    assert all("synthetic" in p.sources[0].lower() for p in poles)


def test_the_set_is_the_same_for_the_same_seed_and_one_pole_is_unchanged():
    assert synthetic_poles(4, seed=3) == synthetic_poles(4, seed=3)
    assert synthetic_poles(4, seed=3) != synthetic_poles(4, seed=4)
    # the one-pole synthesis keeps its territory and shape (tests and benchmarks rely on it)
    assert synthetic_pole(20, seed=1).territory.commune_codes() == ["26281", "26057"]


def test_cli_writes_a_folder_of_valid_poles(tmp_path, capsys):
    out = tmp_path / "poles"
    assert _run(["synth", "--poles", "3", "-o", str(out), "--seed", "2"]) == 0
    files = sorted(out.glob("pole-*.yaml"))
    assert [f.name for f in files] == ["pole-001.yaml", "pole-002.yaml", "pole-003.yaml"]
    assert [load_pole(f).id for f in files] == [p.id for p in synthetic_poles(3, seed=2)]


def test_cli_poles_into_a_file_is_refused(tmp_path, capsys):
    target = tmp_path / "pole.yaml"
    target.write_text("mine\n", encoding="utf-8")
    assert _run(["synth", "--poles", "3", "-o", str(target)]) == 1
    assert "--poles writes a folder" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "mine\n"
