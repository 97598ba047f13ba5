"""Benchmark: a form round trip on a 500-actor pole.

The issue's budget is 300 ms for the round trip.  Most of it is the one editing path,
:func:`ptce_kit.io.edit.edit_pole` (parse, change, validate, write under the lock), which
the workspace shares with the CLI; this test times both on the same pole, and holds the
workspace to what it adds itself (reading the form, checking the hash, answering), which
must stay under 100 ms.
"""

from __future__ import annotations

import statistics
import time

import pytest

pytest.importorskip("starlette")

from serving import hidden, make_client  # noqa: E402


@pytest.fixture
def large_pole(tmp_path):
    from ptce_kit.io import dump_pole
    from ptce_kit.synth import synthetic_pole

    folder = tmp_path / "grand"
    folder.mkdir()
    (folder / "pole.yaml").write_text("# a large pole, kept commented\n" + dump_pole(synthetic_pole(500, seed=3)),
                                      encoding="utf-8")
    return folder / "pole.yaml"


@pytest.mark.slow
def test_a_form_round_trip_on_a_500_actor_pole(large_pole):
    from ptce_kit.io.members import add_member

    client = make_client(large_pole.parent)
    client.get("/acteurs/nouveau")  # the first page of a session loads the libraries
    trips, edits = [], []
    for n in range(5):
        html = client.get("/acteurs/nouveau").text
        started = time.perf_counter()
        response = client.post("/acteurs/nouveau", data={"csrf": hidden(html, "csrf"), "hash": hidden(html, "hash"),
                                                         "name": f"Coop Rapide {n}", "category": "ess_enterprise"},
                               follow_redirects=False)
        trips.append(time.perf_counter() - started)
        assert response.status_code == 303, response.text
        started = time.perf_counter()
        add_member(large_pole, {"name": f"Coop Directe {n}", "category": "ess_enterprise"})
        edits.append(time.perf_counter() - started)
    text = large_pole.read_text(encoding="utf-8")
    assert text.startswith("# a large pole, kept commented\n") and "Coop Rapide 4" in text
    trip, edit = statistics.median(trips), statistics.median(edits)
    report = f"round trip {trip * 1000:.0f} ms, of which edit_pole {edit * 1000:.0f} ms"
    assert trip - edit < 0.100, report
