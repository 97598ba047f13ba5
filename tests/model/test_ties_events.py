"""Partnerships with unknown participants, durations and chains; one-off events (issue 16, item 7)."""

from __future__ import annotations

import pytest
from format_b_helpers import problems, round_trip, write

from ptce_kit.io import load_pole
from ptce_kit.model import EventKind
from ptce_kit.model.ties import duration_months

TIES = """\
partnerships:
  - id: groupement
    actors: [atelier]
    kind: mutualisation
    resources: [staff]
    participants_known: false
    participants: 6
    duration: 3 ans
  - id: filiere
    actors: [usine, atelier, mairie]
    kind: cooperation
    chain: true
events:
  - id: don
    date: 2012-06
    kind: gift
    from: usine
    to: atelier
    description: L'usine donne ses machines à sa fermeture.
    source: Fiche
  - {date: 2016, kind: takeover, from: atelier, to: usine}
"""


def test_ties_and_events_are_read(tmp_path):
    pole = load_pole(write(tmp_path, TIES))
    shared, chain = pole.partnerships
    assert shared.actors == ["atelier"] and not shared.participants_known and shared.participants == 6
    assert duration_months(shared.duration) == 36
    assert chain.chain and chain.actors == ["usine", "atelier", "mairie"]
    gift, takeover = pole.events
    assert (gift.kind, gift.from_, gift.to, gift.date) == (EventKind.GIFT, "usine", "atelier", "2012-06")
    assert takeover.id is None and takeover.kind is EventKind.TAKEOVER
    assert pole.partnerships == [shared, chain]  # events are not partnerships


def test_ties_and_events_are_written_back_unchanged(tmp_path):
    round_trip(tmp_path, TIES)
    from ptce_kit.io import dump_pole

    assert "from: usine" in dump_pole(load_pole(write(tmp_path, TIES)))  # the key users write, not from_


@pytest.mark.parametrize(("text", "months"), [("3 ans", 36), ("18 mois", 18), ("2 years", 24), ("1,5 an", 18),
                                              ("6 months", 6), ("26 semaines", 6)])
def test_durations_in_words(text, months):
    assert duration_months(text) == pytest.approx(months)


@pytest.mark.parametrize(("tie", "path", "words"), [
    ("{id: t, actors: [atelier], kind: cooperation}", "partnerships[0].actors", "participants_known: false"),
    ("{id: t, actors: [atelier, mairie], kind: cooperation, participants: 1}", "partnerships[0].participants",
     "1 participants, but 'actors' already names 2"),
    ("{id: t, actors: [atelier, mairie], kind: cooperation, duration: longtemps}", "partnerships[0].duration",
     "'longtemps' is not a duration"),
    ("{id: t, actors: [atelier, mairie], kind: cooperation, chain: true, directed: true, source: atelier, "
     "target: mairie}", "partnerships[0].chain", "a chain already has its direction"),
    ("{id: t, actors: [atelier, mairie], kind: cooperation, chain: true, participants_known: false}",
     "partnerships[0].chain", "cannot have 'participants_known: false'"),
])
def test_bad_ties_are_located(tmp_path, tie, path, words):
    found = problems(tmp_path, f"partnerships:\n  - {tie}\n")
    assert [(p, n) for p, n, _ in found] == [(path, 9)]
    assert words in found[0][2]


def test_bad_events_are_located(tmp_path):
    found = problems(tmp_path, """\
        partnerships:
          - {id: bail, actors: [atelier, mairie], kind: mutualisation}
        events:
          - {id: bail, date: 2012, kind: gift, from: usine, to: atelier}
          - {date: 2013, kind: gift, from: usin, to: atelier}
          - {date: 2014, kind: gift, from: usine, to: usine}
          - {date: 2015, kind: fire, from: usine, to: atelier}
        """)
    by_path = {path: (line, message) for path, line, message in found}
    # Pole-wide checks (ids) wait for the fields to be right; each event's own checks do not.
    assert set(by_path) == {"events[1].from", "events[2].to", "events[3].kind"}, found
    assert by_path["events[2].to"] == (13, "'from' and 'to' must be two different actors")
    assert by_path["events[1].from"] == (12, "'usin' is not the id of any actor: did you mean 'usine'?")
    assert by_path["events[3].kind"][0] == 14
    found = problems(tmp_path, """\
        partnerships:
          - {id: bail, actors: [atelier, mairie], kind: mutualisation}
        events:
          - {id: bail, date: 2012, kind: gift, from: usine, to: atelier}
          - {id: don, date: 2012, kind: gift, from: usine, to: atelier}
          - {id: don, date: 2014, kind: gift, from: usine, to: mairie}
        """)
    assert [(p, n) for p, n, _ in found] == [("events[0].id", 11), ("events[2].id", 13)]
    assert "already a partnership's" in found[0][2] and "already used by events[1]" in found[1][2]
    assert problems(tmp_path, "events:\n  - {date: 2014, kind: gift, from: usine, to: usine}\n") == [
        ("events[0].to", 9, "'from' and 'to' must be two different actors")]
