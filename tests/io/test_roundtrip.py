"""load → save → load gives an equal pole, for any pole (property test)."""

from __future__ import annotations


from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ptce_kit.io import load_pole, save_pole
from ptce_kit.model import Category, Pole, Presence, Resource, TieKind
from ptce_kit.reference import geo

#: Current and former communes' codes of the COG, Corsica and overseas included.
COMMUNE_CODES = sorted(geo.known_commune_codes())

slugs = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?", fullmatch=True)
texts = st.text(
    # Control characters and non-characters are refused by the model (issue 14).
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    min_size=1, max_size=40
).filter(lambda s: s.strip())
multiline = st.lists(texts, min_size=1, max_size=4).map("\n".join)
years = st.integers(1990, 2030)


@st.composite
def partial_dates(draw):
    year = draw(years)
    kind = draw(st.sampled_from(["y", "m", "d"]))
    if kind == "y":
        return f"{year:04d}"
    month = draw(st.integers(1, 12))
    if kind == "m":
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{draw(st.integers(1, 28)):02d}"


@st.composite
def poles(draw):
    ids = draw(st.lists(slugs, min_size=2, max_size=7, unique=True))
    actors = []
    for actor_id in ids:
        actor = {"id": actor_id, "name": draw(texts), "category": draw(st.sampled_from(list(Category))).value}
        if draw(st.booleans()):
            actor["presence"] = draw(st.sampled_from(list(Presence))).value
        if draw(st.booleans()):
            actor["ess"] = draw(st.booleans())
        if draw(st.booleans()):
            actor["joined"] = draw(partial_dates())
        if draw(st.booleans()):
            actor["description"] = draw(multiline)
        if draw(st.booleans()):
            actor["contacts"] = [{"name": draw(texts), "email": "x@example.org", "phone": draw(st.from_regex(r"0[1-9]( \d\d){4}", fullmatch=True))}]
        if draw(st.booleans()):
            # Real codes only: a code that names no commune is refused (ptce_kit.reference.geo).
            actor["commune"] = draw(st.sampled_from(COMMUNE_CODES))
        actors.append(actor)
    partnerships = []
    for n in range(draw(st.integers(0, 4))):
        members = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=4, unique=True))
        tie = {"id": f"t{n}", "actors": members, "kind": draw(st.sampled_from(list(TieKind))).value,
               "resources": draw(st.lists(st.sampled_from(list(Resource)), unique=True, max_size=3))}
        if draw(st.booleans()):
            tie.update(directed=True, source=members[0], target=members[1])
        if draw(st.booleans()):
            tie["topic"] = draw(texts)
        if draw(st.booleans()):
            tie["weight"] = draw(st.floats(0.1, 100, allow_nan=False))
        partnerships.append(tie)
    data = {
        "id": draw(slugs), "name": draw(texts), "actors": actors, "partnerships": partnerships,
        "pivot": draw(st.sampled_from(ids)),
        "narrative": {"argument": draw(multiline)},
        "indicators": [{"name": draw(texts), "value": draw(st.integers(0, 10**6)), "source": draw(texts)}],
    }
    if draw(st.booleans()):
        data["founded"] = draw(partial_dates())
    return Pole.model_validate(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pole=poles(), fmt=st.sampled_from(["yaml", "json"]))
def test_save_then_load_gives_an_equal_pole(tmp_path, pole, fmt):
    path = tmp_path / f"pole.{fmt}"
    save_pole(pole, path)
    again = load_pole(path)
    assert again == pole
    # and saving again gives the same bytes: files can live in git
    first = path.read_bytes()
    save_pole(again, path)
    assert path.read_bytes() == first


def test_pole_sud_round_trips(tmp_path, pole_sud):
    path = tmp_path / "pole.yaml"
    save_pole(pole_sud, path, schema="pole.schema.json")
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=pole.schema.json\nformat: ptce/1\n")
    assert load_pole(path) == pole_sud


def test_save_is_atomic_and_keeps_no_temporary_file(tmp_path, pole_sud):
    path = tmp_path / "pole.yaml"
    path.write_text("old content", encoding="utf-8")
    path.chmod(0o600)
    save_pole(pole_sud, path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pole.yaml"]
    assert path.stat().st_mode & 0o777 == 0o600
