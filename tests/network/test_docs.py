"""docs/analysis.md shows what ptce-kit really computes on Pôle Sud."""

from __future__ import annotations

import re
from pathlib import Path

from ptce_kit.network import analyse, layer_summary

DOC = Path(__file__).resolve().parents[2] / "docs" / "analysis.md"


def test_the_analyse_table_in_the_docs_is_the_real_output(ptce, pole_sud_path):
    done = ptce("analyse", pole_sud_path, env={"COLUMNS": "80"})
    assert done.returncode == 0, done.stderr
    printed = "\n".join(line.rstrip() for line in done.stdout.splitlines())
    blocks = re.findall(r"```text\n(.*?)\n```", DOC.read_text(encoding="utf-8"), flags=re.S)
    assert printed in blocks


def test_the_figures_quoted_in_the_docs(pole_sud):
    text = DOC.read_text(encoding="utf-8")
    result = analyse(pole_sud)
    archer, p = result["actors"][0], result["pole"]
    roles = (archer["coordinator"], archer["consultant"], archer["representative"],
             archer["gatekeeper"], archer["liaison"])
    assert roles == (42, 16, 60, 60, 34)
    assert f"{archer['brokerage']} times" in text and f"{archer['brokerage'] // 2} open triads" in text
    assert "42 as\n  coordinator" in text and "16 as consultant" in text and "34 as liaison" in text
    assert f"({archer['constraint']:.3f})" in text
    assert f"size ({archer['effective_size']:.3f} of its {archer['degree']} partners)" in text
    assert archer["effective_size"] == max(r["effective_size"] or 0 for r in result["actors"])
    assert f"({round(p['cross_family_share'] * 32)} of {p['ties']})" in text
    assert f"{p['cross_family_share']:.0%} of the ties" in text.replace(" %", "%")
    assert f"by family is {p['ei_index_family']:.3f}".replace("-", "−") in text
    assert f"modularity {p['modularity']:.3f}" in text
    dep = p["pivot_dependence"]
    assert f"of the {dep['pairs_connected_before']} pairs" in text and f"only {dep['pairs_connected_after']} can" in text
    overlap = layer_summary(pole_sud)["overlap"]["mutualisation/cooperation"]
    assert f"{overlap:.0%} of the pairs in either" in text.replace(" %", "%")


def test_the_brokerage_z_scores_quoted_in_the_docs(pole_sud):
    from ptce_kit.network import brokerage_expected, to_simple_graph

    text = " ".join(DOC.read_text(encoding="utf-8").split())
    G = to_simple_graph(pole_sud)
    shuffle = brokerage_expected(G)["groupe-archer"]["liaison"]
    sna = brokerage_expected(G, null="sna")["groupe-archer"]["liaison"]
    assert f"chance would give {shuffle['expected']:.1f} (z ≈ {shuffle['z']:.1f})" in text
    assert f"a liaison {sna['expected']:.1f} times, its z is {sna['z']:.1f}" in text
