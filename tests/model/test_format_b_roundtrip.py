"""load → save → load gives an equal pole for any support, labels, indicator shapes, ties, events and variants."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ptce_kit.io import load_pole, save_pole
from ptce_kit.model import STATE_PTCE_CALLS, BodyKind, EventKind, LabelKind, Outcome, Pole

IDS = ["atelier", "mairie", "usine", "labo"]
words = st.text(alphabet="abcdefghij éèçàô'-", min_size=1, max_size=20).filter(lambda s: s.strip() == s and s)
years = st.integers(1990, 2030)
dates = st.one_of(years.map(str), st.tuples(years, st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"))
figures = st.one_of(st.integers(0, 10**7), st.floats(0.5, 1e6, allow_nan=False).map(lambda f: round(f, 2)))


@st.composite
def supports(draw):
    funder = draw(st.one_of(st.sampled_from(IDS), st.builds(
        lambda n, k: {"name": n, "kind": k.value}, words, st.sampled_from(list(BodyKind)))))
    item = {"funder": funder, "outcome": draw(st.sampled_from(list(Outcome))).value}
    if draw(st.booleans()):
        item["to"] = draw(st.sampled_from([*IDS, "demo"]))
    if draw(st.booleans()):
        item["amount"] = {"value": draw(figures), "currency": draw(st.sampled_from(["EUR", "CHF"]))}
    if draw(st.booleans()):
        item["call"] = draw(st.one_of(st.sampled_from(list(STATE_PTCE_CALLS)), words))
    if draw(st.booleans()):
        item["since"] = draw(dates)
    return item


@st.composite
def indicators(draw):
    item = {"name": draw(st.sampled_from(["Emplois", "Tonnes", "Structures"])), "source": draw(words),
            "unit": draw(st.sampled_from(["jobs", "tonnes"]))}
    shape = draw(st.sampled_from(["value", "range", "at_least"]))
    if shape == "value":
        item["value"] = draw(figures)
    elif shape == "range":
        low = draw(figures)
        item.update(min=low, max=low + draw(st.integers(0, 100)))
    else:
        item["at_least"] = draw(figures)
    scope = draw(st.sampled_from(["territory", "pole", "actor", None]))
    if scope == "actor" or (scope is None and draw(st.booleans())):
        item["actor"] = draw(st.sampled_from(IDS))
    if scope:
        item["scope"] = scope
    return item


@st.composite
def poles(draw):
    data = {"id": "demo", "name": "Demo", "founded": draw(dates),
            "actors": [{"id": i, "name": i.title(), "category": "ess_enterprise"} for i in IDS]}
    data["support"] = draw(st.lists(supports(), max_size=4))
    data["support_complete"] = draw(st.booleans())
    data["labels"] = [{"kind": k.value, **({"name": "Label"} if k is LabelKind.OTHER else {}),
                       "holder": draw(st.sampled_from([*IDS, "demo"]))}
                      for k in draw(st.lists(st.sampled_from(list(LabelKind)), max_size=3))]
    # One figure per series and year: years are made distinct by the position.
    data["indicators"] = [dict(i, year=2000 + n) for n, i in enumerate(draw(st.lists(indicators(), max_size=5)))]
    chain = draw(st.permutations(IDS))[:draw(st.integers(2, 4))]
    data["partnerships"] = [
        {"id": "chaine", "actors": chain, "kind": "cooperation", "chain": True},
        {"id": "service", "actors": draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=3, unique=True)),
         "kind": "mutualisation", "participants_known": False,
         "duration": draw(st.sampled_from(["3 ans", "18 mois", "2 years", "1,5 an"]))},
    ]
    pair = draw(st.permutations(IDS))[:2]
    data["events"] = [{"date": draw(dates), "kind": draw(st.sampled_from(list(EventKind))).value,
                       "from": pair[0], "to": pair[1], "description": draw(words)}]
    values = draw(st.lists(years, min_size=2, max_size=3, unique=True))
    data["variants"] = [{"field": "founded", "values": [{"value": v, "source": draw(words)} for v in values]}]
    return Pole.model_validate(data)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pole=poles(), fmt=st.sampled_from(["yaml", "json"]))
def test_save_then_load_gives_an_equal_pole(tmp_path, pole, fmt):
    path = tmp_path / f"pole.{fmt}"
    save_pole(pole, path)
    again = load_pole(path)
    assert again == pole
    first = path.read_bytes()
    save_pole(again, path)
    assert path.read_bytes() == first
