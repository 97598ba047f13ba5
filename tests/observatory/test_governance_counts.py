"""The observatory counts a pole informal only when its file says so (issue 21).

A file that describes its bodies but gives no ``form`` says nothing of its legal form: it
is left out of the share of formal poles, never counted informal; an informal pole saved
by ``save_pole`` keeps its ``form: informal`` and is counted.
"""

from __future__ import annotations

import html
import re

from ptce_kit.comparison import compare
from ptce_kit.io import load_pole, save_pole
from ptce_kit.observatory import build_site
from ptce_kit.synth import synthetic_poles

from observatory_data import AT


def test_a_governance_section_without_a_form_is_not_counted_informal(tmp_path):
    import yaml

    drawn = synthetic_poles(6, seed=5)
    formal = next(p for p in drawn if p.governance.form.value != "informal")
    informal = next(p for p in drawn if p.governance.form.value == "informal")
    silent = next(p for p in drawn if p.governance.form.value == "informal" and p.id != informal.id)
    files = [save_pole(p, tmp_path / f"{p.id}.yaml") for p in (formal, informal, silent)]
    assert "\n  form: informal\n" in files[1].read_text(encoding="utf-8")  # written, not left to the default
    data = yaml.safe_load(files[2].read_text(encoding="utf-8"))
    del data["governance"]["form"]  # bodies and leases, but no legal form given
    assert data["governance"]["bodies"]
    files[2].write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    rows = {r["pole"]: r for r in compare([load_pole(f) for f in files], at=AT)}
    assert [rows[p.id]["governance_form"] for p in (formal, informal, silent)] == [
        formal.governance.form.value, "informal", None]
    site = tmp_path / "site"
    build_site(files, site, lang="en", load=load_pole, at=AT)
    page = (site / "figures.html").read_text(encoding="utf-8")
    figure = re.search(r'<section class="figure" data-figure="formal" data-n="(\d+)">.*?</section>', page, re.S)
    assert figure is not None and figure.group(1) == "2"  # the formal and the informal pole; the silent one left out
    assert "50%" in html.unescape(figure.group(0))
    table = (site / "poles.csv").read_bytes().decode("utf-8-sig")
    silent_line = next(line for line in table.splitlines() if line.startswith(silent.id + ","))
    assert ",informal," not in silent_line
