"""Hostile and broken input: every bad file gives a clear error and exit status 1.

Each case runs through the command line as a user would, and must print a located
``error:`` on standard error, exit with 1, and never show a traceback.  The committed bad
files run in a real process, whose timeout only guards against a hang (an alias bomb expanded for minutes); it is not a
measure of speed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ptce_kit.errors import PoleError
from ptce_kit.io import load_pole, parse_text, pole_from_data
from ptce_kit.model import Actor, Partnership, Pole, Project

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
ROOT = Path(__file__).resolve().parents[2]
HANG_GUARD = 60  # seconds; a hostile file answers in well under one


def assert_clean_failure(result: subprocess.CompletedProcess[str], *expected: str) -> None:
    """Exit 1, an ``error:`` line, the expected words, and nothing of Python's insides."""
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "error:" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "internal error" not in result.stderr
    for words in expected:
        assert words in result.stderr, (words, result.stderr)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("syntax.yaml", "[PTCE-E011]"),
        ("duplicate-keys.yaml", "[PTCE-E012]"),
        ("duplicate-keys.json", "[PTCE-E012]"),
        ("tabs.yaml", "[PTCE-E011]"),
        ("alias-bomb.yaml", "[PTCE-E015]"),
        ("self-alias.yaml", "[PTCE-E016]"),
        ("latin-1.yaml", "[PTCE-E007]"),
        ("empty.yaml", "[PTCE-E020]"),
        ("unknown-key.yaml", "'category'"),
        ("top-list.yaml", "[PTCE-E021]"),
        ("huge-integer.yaml", "[PTCE-E017]"),
    ],
)
def test_committed_bad_files(ptce_subprocess, name, expected):
    # A real process, with a timeout against a hang, and the very output a user would see.
    assert_clean_failure(ptce_subprocess("validate", HOSTILE / name, timeout=HANG_GUARD), expected)


def test_syntax_error_names_line(ptce):
    result = ptce("validate", HOSTILE / "syntax.yaml", timeout=HANG_GUARD)
    assert_clean_failure(result)
    assert "syntax.yaml:4" in result.stderr or "syntax.yaml:2" in result.stderr


def test_latin1_names_line_and_fix(ptce):
    result = ptce("validate", HOSTILE / "latin-1.yaml", timeout=HANG_GUARD)
    assert_clean_failure(result, "latin-1.yaml:2", "UTF-8")


def test_unknown_key_is_located(ptce):
    result = ptce("validate", HOSTILE / "unknown-key.yaml", timeout=HANG_GUARD)
    assert_clean_failure(result, "unknown-key.yaml:6:5", "actors[0].categroy")


def test_file_over_the_size_limit(ptce, tmp_path):
    big = tmp_path / "pole.yaml"
    with big.open("wb") as handle:
        handle.write(b"id: big\nname: Big\nsources:\n")
        line = b"  - " + b"x" * 1020 + b"\n"
        handle.write(line * (50 * 1024))  # 50 MB of valid-looking YAML
    assert big.stat().st_size > 50 * 1024 * 1024
    assert_clean_failure(ptce("validate", big, timeout=HANG_GUARD), "[PTCE-E006]", "PTCE_MAX_FILE_MB")


def test_size_limit_can_be_raised(ptce, tmp_path):
    file = tmp_path / "pole.yaml"
    file.write_text("id: small\nname: Small\nsources: [" + ", ".join(["x" * 100] * 12000) + "]\n")
    assert file.stat().st_size > 1024 * 1024
    assert ptce("validate", file, env={"PTCE_MAX_FILE_MB": "1"}).returncode == 1
    assert ptce("validate", file, env={"PTCE_MAX_FILE_MB": "2"}).returncode == 0


@pytest.mark.parametrize("style", ["flow", "block"])
def test_deep_nesting(ptce, tmp_path, style):
    file = tmp_path / "pole.yaml"
    if style == "flow":
        file.write_text("id: deep\nname: Deep\nsources: " + "[" * 20000 + "]" * 20000 + "\n")
    else:
        file.write_text("id: deep\nname: Deep\nsources:\n" + "".join("  " * i + "- \n" for i in range(1, 400)))
    assert_clean_failure(ptce("validate", file, timeout=HANG_GUARD), "[PTCE-E014]")


def test_deep_json(ptce, tmp_path):
    file = tmp_path / "pole.json"
    file.write_text('{"id": "deep", "name": "Deep", "sources": ' + "[" * 100000 + "]" * 100000 + "}")
    assert_clean_failure(ptce("validate", file, timeout=HANG_GUARD), "[PTCE-E014]")


def test_binary_garbage(ptce, tmp_path):
    file = tmp_path / "pole.yaml"
    file.write_bytes(bytes(range(256)) * 64)
    assert_clean_failure(ptce("validate", file, timeout=HANG_GUARD), "[PTCE-E008]")


def test_binary_without_zero_bytes(ptce, tmp_path):
    file = tmp_path / "pole.yaml"
    file.write_bytes(bytes(range(1, 256)) * 64)
    assert_clean_failure(ptce("validate", file, timeout=HANG_GUARD), "[PTCE-E007]")


def test_control_characters(ptce, tmp_path):
    file = tmp_path / "pole.yaml"
    file.write_text("id: demo\nname: De\x07mo\n")
    assert_clean_failure(ptce("validate", file, timeout=HANG_GUARD), "pole.yaml")


def test_directory_given_as_file(ptce, tmp_path):
    assert_clean_failure(ptce("validate", tmp_path, timeout=HANG_GUARD), "[PTCE-E001]")


def test_directory_named_like_the_file(ptce, tmp_path):
    (tmp_path / "pole.yaml").mkdir()
    assert_clean_failure(ptce("validate", tmp_path / "pole.yaml", timeout=HANG_GUARD))


def test_missing_file(ptce, tmp_path):
    assert_clean_failure(ptce("validate", tmp_path / "nope.yaml", timeout=HANG_GUARD), "[PTCE-E004]")


def test_symlink_loop(ptce, tmp_path):
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    assert_clean_failure(ptce("validate", tmp_path / "a.yaml", timeout=HANG_GUARD), "[PTCE-E005]")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_named_pipe_does_not_block(ptce_subprocess, tmp_path):
    os.mkfifo(tmp_path / "pole.yaml")
    assert_clean_failure(ptce_subprocess("validate", tmp_path / "pole.yaml", timeout=HANG_GUARD), "[PTCE-E003]")


def test_unreadable_file(ptce, tmp_path):
    file = tmp_path / "pole.yaml"
    file.write_text("id: demo\nname: Demo\n")
    file.chmod(0)
    command = [sys.executable, "-m", "ptce_kit", "validate", str(file)]
    if os.geteuid() == 0:
        # Root reads every file: run without the capabilities that let it.
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv to drop the read override")
        caps = "-dac_override,-dac_read_search"
        command = ["setpriv", "--bounding-set", caps, "--inh-caps", caps, *command]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PTCE_DEBUG", None)
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=HANG_GUARD)
    assert_clean_failure(result, "[PTCE-E005]")


# --- wrong types in every field ----------------------------------------------------

WRONG = {"wrong": [1]}  # a mapping: the wrong type for every field of the format

BASE_ACTOR = {"id": "a", "name": "A", "category": "enterprise"}
BASE_TIE = {"id": "t", "actors": ["a", "b"], "kind": "cooperation"}
BASE_PROJECT = {"id": "p", "name": "P"}


def base_pole() -> dict:
    """A valid pole with one record of every kind, so that every field can be made wrong."""
    return {"id": "demo", "name": "Demo",
            "territory": {"name": "T", "communes": [{"code": "26281", "name": "Romans-sur-Isère"}]},
            "site": {"name": "S"},
            "actors": [{**BASE_ACTOR, "contacts": [{"name": "N"}], "coordinates": {"lat": 45.0, "lon": 5.0}},
                       {**BASE_ACTOR, "id": "b", "name": "B"}],
            "partnerships": [dict(BASE_TIE)], "projects": [dict(BASE_PROJECT)],
            "governance": {"legal_acts": [{"kind": "lease"}], "bodies": [{"name": "B", "cadence": {"every": 2}}],
                           "colleges": [{"name": "C"}], "facilitation": {"by": "a"},
                           "decisions": [{"date": "2014", "title": "T"}]},
            "indicators": [{"name": "jobs", "value": 1, "source": "S"}],
            "narrative": {"summary": "S"}, "privacy": {"personal_fields": []}}


def _cases() -> list[tuple[tuple, str]]:
    from ptce_kit.model import (Body, Cadence, College, Commune, Contact, Coordinates, Decision, Facilitation,
                                Governance, Indicator, LegalAct, Narrative, Privacy, Site, Territory)

    where = {
        (): Pole, ("actors", 0): Actor, ("partnerships", 0): Partnership, ("projects", 0): Project,
        ("territory",): Territory, ("territory", "communes", 0): Commune, ("site",): Site,
        ("actors", 0, "contacts", 0): Contact, ("actors", 0, "coordinates"): Coordinates,
        ("governance",): Governance, ("governance", "legal_acts", 0): LegalAct,
        ("governance", "bodies", 0): Body, ("governance", "bodies", 0, "cadence"): Cadence,
        ("governance", "colleges", 0): College, ("governance", "facilitation"): Facilitation,
        ("governance", "decisions", 0): Decision, ("indicators", 0): Indicator, ("narrative",): Narrative,
        ("privacy",): Privacy,
    }
    return [(path, name) for path, model in where.items() for name in model.model_fields]


CASES = _cases()


@pytest.mark.parametrize(("where", "field"), CASES,
                         ids=[".".join(map(str, (*w, f))) for w, f in CASES])
def test_wrong_type_in_every_field(where, field):
    data = base_pole()
    pole_from_data(data)  # valid before the change
    target = data
    for part in where:
        target = target[part]
    target[field] = WRONG
    text = json.dumps(data, indent=1)
    with pytest.raises(PoleError) as caught:
        pole_from_data(parse_text(text, as_json=True), file="pole.json", text=text)
    path = (*where, field)
    problems = caught.value.problems
    assert any(p.path[: len(path)] == path for p in problems), [p.path for p in problems]
    assert all(p.line is not None for p in problems if p.path[: len(path)] == path)


def test_wrong_types_through_cli(ptce, tmp_path):
    data = base_pole()
    data["actors"][0]["joined"] = [2014]
    data["actors"][1]["ess"] = "perhaps"
    data["partnerships"][0]["weight"] = "heavy"
    file = tmp_path / "pole.yaml"
    file.write_text(json.dumps(data))
    result = ptce("validate", file, timeout=HANG_GUARD)
    assert_clean_failure(result, "actors[0].joined", "actors[1].ess", "partnerships[0].weight", "3 problems")


# --- property tests ---------------------------------------------------------------

FIELD_NAMES = sorted(set(Pole.model_fields) | set(Actor.model_fields) | set(Partnership.model_fields))
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=12),
    st.sampled_from(["2014", "2014-02-30", "enterprise", "member", "a", "b", "ptce/1", "26281", "x@y"]),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=6)), inner, max_size=5),
    ),
    max_leaves=30,
)


def load_text(text: str, *, as_json: bool = False):
    """The loader's contract: a valid Pole, or a PoleError; nothing else ever escapes."""
    try:
        pole = pole_from_data(parse_text(text, file="pole.yaml", as_json=as_json), file="pole.yaml", text=text)
    except PoleError as error:
        assert error.problems
        return None
    assert isinstance(pole, Pole)
    return pole


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_random_text_never_escapes(text):
    load_text(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_random_documents_never_escape(data):
    load_text(json.dumps(data, allow_nan=True))
    load_text(json.dumps(data, allow_nan=True), as_json=True)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(FIELD_NAMES), documents, max_size=6),
       st.sampled_from(["actors", "partnerships", "projects", "governance", "territory", "indicators"]))
def test_random_fields_on_a_valid_pole_never_escape(extra, where):
    data = base_pole()
    if isinstance(data.get(where), list):
        data[where] = [*data[where], extra]
    else:
        data[where] = extra
    load_text(json.dumps(data, allow_nan=True))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_pole_sud_never_escapes(data):
    text = (ROOT / "examples" / "pole_sud" / "pole.yaml").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    index = data.draw(st.integers(0, len(lines) - 1))
    lines[index] = data.draw(st.text(max_size=40)) + data.draw(st.sampled_from(["\n", ""]))
    load_text("".join(lines))


def test_pole_sud_still_loads(pole_sud_path):
    assert load_pole(pole_sud_path).id == "pole-sud"


# --- every command that reads a pole meets the same hostile files -----------------------

@pytest.mark.parametrize("command", [
    ["member", "add", "{file}", "--name", "X", "--category", "other"],
    ["member", "remove", "{file}", "x"],
    ["partnership", "add", "{file}", "--actors", "a,b", "--kind", "cooperation"],
    ["project", "add", "{file}", "--name", "P"],
    ["import", "{sheet}", "--into", "{file}"],
    ["anonymize", "{file}", "-o", "{out}"],
    ["purge", "{file}", "--left-before", "2020"],
    ["export", "{file}", "--to", "members-csv", "-o", "{out}"],
])
@pytest.mark.parametrize("name", ["alias-bomb.yaml", "latin-1.yaml"])
def test_editing_commands_refuse_hostile_files(ptce, tmp_path, command, name):
    file = tmp_path / name
    file.write_bytes((HOSTILE / name).read_bytes())
    sheet = tmp_path / "m.csv"
    sheet.write_text("Nom;Catégorie\nX;autre\n", encoding="utf-8")
    args = [a.format(file=file, sheet=sheet, out=tmp_path / "out.yaml") for a in command]
    assert_clean_failure(ptce(*args, timeout=HANG_GUARD), name)
    assert file.read_bytes() == (HOSTILE / name).read_bytes()
    assert not (tmp_path / "out.yaml").exists()


def test_huge_spreadsheet(ptce, tmp_path, pole_sud_path):
    sheet = tmp_path / "m.csv"
    with sheet.open("wb") as handle:
        handle.write(b"Nom;Cat\xe9gorie\n")
        handle.write((b"x" * 1000 + b";autre\n") * (50 * 1024))
    assert_clean_failure(ptce("import", sheet, "--into", pole_sud_path, timeout=HANG_GUARD), "too large")


def test_csv_field_too_large(ptce, tmp_path):
    pole = tmp_path / "pole.yaml"
    pole.write_text("id: d\nname: D\n")
    sheet = tmp_path / "m.csv"
    sheet.write_text('Nom;Description\nX;"' + "y" * 200_000 + '"\n')
    assert_clean_failure(ptce("import", sheet, "--into", pole, timeout=HANG_GUARD), "m.csv")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(header=st.lists(st.sampled_from(["Nom", "Name", "SIRET", "Catégorie", "Commune", "Date d'adhésion",
                                        "Collège", "Présence", "ESS", "Rôles", "Identifiant", "E-mail", "x"]),
                       min_size=1, max_size=6),
       cells=st.lists(st.lists(st.text(max_size=15), max_size=7), max_size=6),
       sep=st.sampled_from([";", ",", "\t"]), encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
def test_random_spreadsheets_never_escape(tmp_path_factory, header, cells, sep, encoding):
    """Any spreadsheet gives an import result or a PoleError; the pole stays valid."""
    from ptce_kit.io.spreadsheet import import_members, read_rows

    folder = tmp_path_factory.mktemp("sheet")
    pole = folder / "pole.yaml"
    pole.write_text("id: d\nname: D\nactors:\n  - id: a\n    name: A\n    category: other\n"
                    "governance:\n  colleges:\n    - name: C\n", encoding="utf-8")
    lines = [sep.join(header)] + [sep.join(c.replace(sep, " ").replace('"', "") for c in row) for row in cells]
    sheet = folder / "m.csv"
    sheet.write_bytes("\n".join(lines).encode(encoding, errors="replace"))
    try:
        result = import_members(sheet, pole)
    except PoleError as error:
        assert error.problems
        return
    # Every row is accounted for exactly once.
    rows = read_rows(sheet)[1]
    assert len(result.added) + len(result.updated) + len(result.unchanged) + len(result.rejected) == len(rows)
    load_pole(pole)  # whatever was imported, the file is valid
