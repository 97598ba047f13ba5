"""Public support and labels (issue 16, item 2): read, located errors, round trip."""

from __future__ import annotations

from format_b_helpers import problems, round_trip, write

from ptce_kit.io import load_pole
from ptce_kit.model import BodyKind, LabelKind, Outcome, OutsideBody

SUPPORT = """\
support:
  - funder: {name: "État", kind: state}
    call: ptce-2015
    amount: {value: 50000}
    since: 2016
    outcome: laureate
    source: Liste des lauréats 2015
  - funder: mairie
    to: atelier
    programme: Subvention de fonctionnement
    amount: {value: 8000, currency: CHF}
  - funder: {name: Fonds social européen, kind: eu}
    to: demo
labels:
  - {kind: esus, holder: atelier, since: 2018-03, source: Arrêté préfectoral}
  - {kind: fabrique-de-territoire}
  - {kind: other, name: Label Laine de France, holder: demo}
"""


def test_support_with_an_outside_funder_that_is_no_member(tmp_path):
    pole = load_pole(write(tmp_path, SUPPORT))
    state, town, fund = pole.support
    assert state.funder == OutsideBody(name="État", kind=BodyKind.STATE)
    assert "État" not in [a.name for a in pole.actors]  # an outside funder is never a member
    assert state.to is None and state.state_call_year == 2015 and state.outcome is Outcome.LAUREATE
    assert state.amount is not None and (state.amount.value, state.amount.currency) == (50000, "EUR")
    assert town.funder == "mairie" and town.to == "atelier" and town.amount.currency == "CHF"
    assert town.outcome is Outcome.UNKNOWN and town.state_call_year is None
    assert fund.to == "demo"  # the pole's own id
    assert [label.kind for label in pole.labels] == [LabelKind.ESUS, LabelKind.FABRIQUE_DE_TERRITOIRE, LabelKind.OTHER]
    assert pole.labels[2].holder == "demo"


def test_support_and_labels_are_written_back_unchanged(tmp_path):
    round_trip(tmp_path, SUPPORT + "support_complete: true\n")


def test_bad_support_values_are_located(tmp_path):
    found = problems(tmp_path, """\
        support:
          - funder: {name: Région, kind: regio}
          - funder: mairi
            to: nobody
            amount: {value: 10, currency: euros}
            outcome: won
        labels:
          - {kind: other, holder: atelier}
          - {kind: esus, holder: ateliers}
        """)
    by_path = {path: (line, message) for path, line, message in found}
    assert by_path["support[0].funder.body.kind"][0] == 9
    assert "'regio'" in by_path["support[0].funder.body.kind"][1]
    assert by_path["support[1].funder"] == (10, "'mairi' is not the id of any actor: did you mean 'mairie'?")
    assert by_path["support[1].to"][0] == 11 and "'nobody' is not the id of any actor" in by_path["support[1].to"][1]
    assert "ISO 4217" in by_path["support[1].amount.currency"][1] and by_path["support[1].amount.currency"][0] == 12
    assert by_path["support[1].outcome"][0] == 13
    assert by_path["labels[0].name"][1] == "a label of kind 'other' needs its 'name' in words"
    assert "did you mean 'atelier'?" in by_path["labels[1].holder"][1]


def test_removing_a_funder_names_where_it_is_referred_to(tmp_path):
    from ptce_kit.io.members import actor_references
    from ptce_kit.io.files import parse_text, read_text

    path = write(tmp_path, SUPPORT)
    refs = [loc for loc, _ in actor_references(parse_text(read_text(path)), "mairie")]
    assert ("support", 1, "funder") in refs
    assert ("labels", 0, "holder") in [loc for loc, _ in actor_references(parse_text(read_text(path)), "atelier")]


def test_support_dates_in_order(tmp_path):
    assert problems(tmp_path, """\
        support:
          - funder: mairie
            since: 2018
            until: 2016
        """) == [("support[0].until", 11, "'until' (2016) is before 'since' (2018)")]


def test_removing_an_actor_with_cascade_takes_its_support_labels_and_events(tmp_path, ptce):
    from format_b_helpers import write as write_pole

    path = write_pole(tmp_path, SUPPORT + "events:\n  - {date: 2012, kind: gift, from: usine, to: mairie}\n")
    refused = ptce("member", "remove", path, "mairie")
    assert refused.returncode == 1 and "support[1].funder" in refused.stdout + refused.stderr
    done = ptce("member", "remove", path, "mairie", "--cascade")
    assert done.returncode == 0, done.stderr
    pole = load_pole(path)
    assert [s.funder for s in pole.support] == [OutsideBody(name="État", kind=BodyKind.STATE),
                                                OutsideBody(name="Fonds social européen", kind=BodyKind.EU)]
    assert pole.events == []
