"""Each rule of the data format, on a bad file: the right problem at the right line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from ptce_kit.errors import PoleError
from ptce_kit.io import load_pole

BASE = """\
format: ptce/1
id: demo
name: Demo
pivot: {pivot}
territory:
  name: Romans
  communes:
    - code: "{commune}"
      name: Romans-sur-Isère
actors:
  - id: archer
    name: Groupe Archer
    category: ess_enterprise
    siren: "{siren}"
    siret: "{siret}"
    joined: {joined}
    left: {left}
  - id: {second_id}
    name: Mairie
    category: local_authority
partnerships:
  - id: t1
    actors: [archer, {tie_actor}]
    kind: {kind}
    since: {since}
    until: {until}
projects:
  - id: p1
    name: Atelier
    actors: [{project_actor}]
    start: {start}
    end: {end}
governance:
  form: {form}
  colleges:
    - name: Fondateurs
      members: [archer]
      weight: {w1}
    - name: Collectivités
      members: [mairie]
      weight: {w2}
  bodies:
    - name: Assemblée
      members: [{body_member}]
      cadence: {{every: {every}, unit: week}}
  facilitation:
    by: {facilitator}
indicators:
  - name: Emplois
    value: 10
    actor: {indicator_actor}
    source: test
"""

GOOD = dict(
    pivot="archer", commune="26281", siren="732829320", siret="73282932000074",
    joined="2010", left="2020", second_id="mairie", tie_actor="mairie", kind="cooperation",
    since="2011", until="2015", project_actor="archer", start="2012", end="2013",
    form="association", w1="60", w2="40", body_member="archer", every="6",
    facilitator="archer", indicator_actor="archer",
)


def write(tmp_path: Path, **changes: str) -> tuple[Path, str]:
    text = BASE.format(**{**GOOD, **changes})
    path = tmp_path / "pole.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line number of the n-th line containing needle."""
    hits = [i + 1 for i, line in enumerate(text.splitlines()) if needle in line]
    return hits[occurrence - 1]


def problems(path: Path):
    with pytest.raises(PoleError) as info:
        load_pole(path)
    return info.value.problems


def test_the_base_file_is_valid(tmp_path):
    path, _ = write(tmp_path)
    pole = load_pole(path)
    assert pole.actor("archer").siret == "73282932000074"
    assert pole.college_of("mairie") == "Collectivités"


# (changes, needle on the line the problem must point at, field path, words of the message)
CASES = {
    "unknown pivot": (dict(pivot="archr"), "pivot: archr", ("pivot",), "did you mean 'archer'"),
    "duplicate actor id": (dict(second_id="archer"), ("- id: archer", 2), ("actors", 1, "id"), "already used"),
    "tie with unknown actor": (dict(tie_actor="nobody"), "actors: [archer, nobody]", ("partnerships", 0, "actors", 1), "not the id of any actor"),
    "project with unknown actor": (dict(project_actor="ghost"), "actors: [ghost]", ("projects", 0, "actors", 0), "not the id of any actor"),
    "body with unknown member": (dict(body_member="ghost"), "members: [ghost]", ("governance", "bodies", 0, "members", 0), "not the id"),
    "unknown facilitator": (dict(facilitator="ghost"), "by: ghost", ("governance", "facilitation", "by"), "not the id"),
    "indicator about unknown actor": (dict(indicator_actor="ghost"), "actor: ghost", ("indicators", 0, "actor"), "not the id"),
    "left before joined": (dict(joined="2020", left="2010"), "left: 2010", ("actors", 0, "left"), "before 'joined'"),
    "until before since": (dict(since="2015", until="2011"), "until: 2011", ("partnerships", 0, "until"), "before 'since'"),
    "end before start": (dict(start="2013", end="2012"), "end: 2012", ("projects", 0, "end"), "before 'start'"),
    "weights not 100": (dict(w2="30"), "colleges:", ("governance", "colleges"), "add up to 90 %"),
    "tie joins one actor twice": (dict(tie_actor="archer"), "actors: [archer, archer]", ("partnerships", 0, "actors"), "listed twice"),
    "bad SIREN checksum": (dict(siren="732829321"), "siren:", ("actors", 0, "siren"), "PTCE-E112"),
    "bad SIRET length": (dict(siret="7328293200007"), "siret:", ("actors", 0, "siret"), "14 digits"),
    "SIRET of another SIREN": (dict(siren="552100554"), "siret:", ("actors", 0, "siret"), "does not belong to the SIREN"),
    "bad commune code": (dict(commune="2628"), 'code: "2628"', ("territory", "communes", 0, "code"), "INSEE commune code"),
    "impossible date": (dict(joined="2014-02-30"), "joined: 2014-02-30", ("actors", 0, "joined"), "not a real date"),
    "unknown kind": (dict(kind="coop"), "kind: coop", ("partnerships", 0, "kind"), "not allowed"),
    "unknown form": (dict(form="club"), "form: club", ("governance", "form"), "not allowed"),
    "cadence zero": (dict(every="0"), "cadence:", ("governance", "bodies", 0, "cadence", "every"), "PTCE-E107"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_rule_names_the_line_and_field(tmp_path, name):
    changes, needle, path_expected, words = CASES[name]
    path, text = write(tmp_path, **changes)
    found = [p for p in problems(path) if p.path == path_expected]
    assert found, f"no problem at {path_expected}: {problems(path)}"
    problem = found[0]
    assert problem.code == words if words.startswith("PTCE-") else words in problem.message
    assert problem.code is not None
    assert problem.file == str(path)
    needle, occurrence = needle if isinstance(needle, tuple) else (needle, 1)
    assert problem.line == line_of(text, needle, occurrence), str(problem)


def test_tie_starting_after_an_actor_left(tmp_path):
    path, text = write(tmp_path, joined="2010", left="2012", since="2014", until="2015")
    [problem] = problems(path)
    assert problem.path == ("partnerships", 0, "since")
    assert "after 'archer' left" in problem.message
    assert problem.line == line_of(text, "since: 2014")


def test_member_in_two_colleges(tmp_path):
    text = BASE.format(**GOOD).replace("members: [mairie]", "members: [mairie, archer]")
    path = tmp_path / "pole.yaml"
    path.write_text(text, encoding="utf-8")
    [problem] = problems(path)
    assert problem.path == ("governance", "colleges", 1, "members", 1)
    assert "one college" in problem.message


def test_every_problem_is_reported_at_once(tmp_path):
    path, _ = write(tmp_path, siren="732829321", commune="123", kind="coop")
    paths = {p.path for p in problems(path)}
    assert {("actors", 0, "siren"), ("territory", "communes", 0, "code"), ("partnerships", 0, "kind")} <= paths


def test_unknown_key_suggests_the_right_one(tmp_path):
    path, text = write(tmp_path)
    text = text.replace("    category: local_authority", "    categroy: local_authority")
    path.write_text(text, encoding="utf-8")
    found = {p.path: p for p in problems(path)}
    typo = found[("actors", 1, "categroy")]
    assert typo.hint == "did you mean 'category'?"
    assert typo.line == line_of(text, "categroy:")
    missing = found[("actors", 1, "category")]
    assert "required" in missing.message


def test_unknown_format_version(tmp_path):
    path, text = write(tmp_path)
    path.write_text(text.replace("format: ptce/1", "format: ptce/9"), encoding="utf-8")
    [problem] = problems(path)
    assert "unknown format version 'ptce/9'" in problem.message
    assert problem.line == 1


def test_yaml_syntax_error_gives_its_line(tmp_path):
    path = tmp_path / "pole.yaml"
    path.write_text("format: ptce/1\nid: x\nname: [unclosed\nactors: []\n", encoding="utf-8")
    [problem] = problems(path)
    assert problem.message.startswith("YAML syntax error")
    assert problem.line is not None and problem.line >= 3


def test_json_is_read_and_located(tmp_path):
    path = tmp_path / "pole.json"
    path.write_text(textwrap.dedent("""\
        {
          "format": "ptce/1",
          "id": "x",
          "name": "X",
          "actors": [
            {"id": "a", "name": "A", "category": "enterprize"}
          ]
        }
        """), encoding="utf-8")
    [problem] = problems(path)
    assert problem.path == ("actors", 0, "category")
    assert problem.line == 6
    path.write_text('{"format": "ptce/1",\n "id": "x",,\n}', encoding="utf-8")
    [problem] = problems(path)
    assert problem.message.startswith("JSON syntax error") and problem.line == 2


def test_duplicate_key_is_a_syntax_error_with_its_line(tmp_path):
    path = tmp_path / "pole.yaml"
    path.write_text("format: ptce/1\nid: x\nname: X\nid: y\n", encoding="utf-8")
    [problem] = problems(path)
    assert problem.code == "PTCE-E012" and problem.line == 4
