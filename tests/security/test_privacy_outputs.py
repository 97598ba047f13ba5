"""Every command that prints or writes pole content leaves personal data out unless asked.

The pole has a natural person ("Jeanne Unique-Testname"), named in free text too, and a
contact person with an e-mail and a phone; every output file, standard output and
standard error of every command is searched for them.  The people, e-mails and numbers
are fictitious, made for the tests.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

import pytest

POLE = """\
format: ptce/1
id: demo
name: Pôle Démo
pivot: alpha
actors:
  - id: alpha
    name: Alpha SCOP
    category: ess_enterprise
    commune: "26281"
    description: Coopérative fondée avec Jeanne Unique-Testname.
    contacts:
      - name: Paul Contactname
        email: paul.secret@example.org
        phone: "04 99 88 77 66"
  - id: jeanne-unique
    name: Jeanne Unique-Testname
    category: person
    joined: 2015
    website: https://jeanne-unique.example.org
  - id: beta
    name: Beta
    category: enterprise
    joined: 2016
  - id: gamma
    name: Gamma
    category: local_authority
    joined: 2016
partnerships:
  - id: conseil
    actors: [alpha, jeanne-unique]
    kind: cooperation
    since: 2015
    topic: Conseil de Jeanne Unique-Testname
  - id: achats
    actors: [alpha, beta, gamma]
    kind: mutualisation
    since: 2017
projects:
  - id: atelier
    name: Atelier de Jeanne Unique-Testname
    actors: [alpha, jeanne-unique]
governance:
  facilitation:
    by: jeanne-unique
"""

#: What must never reach a shared output (case-insensitive; the id is the person's name too).
PERSONAL = ["Jeanne", "Unique-Testname", "Testname", "jeanne-unique", "Paul Contactname", "Contactname",
            "paul.secret@example.org", "04 99 88 77 66", "jeanne-unique.example.org"]


def readable(path: Path) -> str:
    """The text a file holds, also inside ZIP containers (XLSX, ODT, DOCX) and PDF streams."""
    data = path.read_bytes()
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(path) as archive:
            data = b"".join(archive.read(name) for name in archive.namelist())
    elif data[:5] == b"%PDF-":
        streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S)
        for stream in streams:
            try:
                data += zlib.decompress(stream)
            except zlib.error:
                pass
    return data.decode("utf-8", errors="replace")


def leaks(text: str) -> list[str]:
    return [p for p in PERSONAL if p.lower() in text.lower()]


@pytest.fixture(scope="module")
def pole_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pole")
    file = folder / "pole.yaml"
    file.write_text(POLE, encoding="utf-8")
    return file


def _commands(formats: list[str]) -> list[tuple[str, list[str]]]:
    cases = [
        ("show", ["show", "{pole}"]),
        ("show --json", ["show", "{pole}", "--json"]),
        ("analyse", ["analyse", "{pole}"]),
        ("analyse json", ["analyse", "{pole}", "--format", "json"]),
        ("analyse csv", ["analyse", "{pole}", "--format", "csv"]),
        ("check", ["check", "{pole}", "-p", "definition", "-p", "signals"]),
        ("check json", ["check", "{pole}", "--format", "json"]),
        ("check md", ["check", "{pole}", "--format", "md"]),
        ("diff dates", ["diff", "{pole}", "--from", "2014", "--to", "2018"]),
        ("diff dates json", ["diff", "{pole}", "--from", "2014", "--to", "2018", "--format", "json"]),
        ("diff files", ["diff", "{old}", "{pole}"]),
        ("map svg", ["map", "{pole}", "-o", "{out}/map.svg"]),
        ("map png", ["map", "{pole}", "-o", "{out}/map.png"]),
        ("map pdf", ["map", "{pole}", "-o", "{out}/map.pdf"]),
        ("map html", ["map", "{pole}", "--html", "-o", "{out}/map.html"]),
        ("map years", ["map", "{pole}", "--years", "2015,2018", "-o", "{out}/years.svg"]),
        ("build", ["build", "{pole}", "-o", "{out}/build", "--formats", "md,html,csv,odt,docx", "-j", "1"]),
        ("compare", ["compare", "{pole}", "-o", "{out}/table.csv"]),
        ("compare print", ["compare", "{pole}"]),
    ]
    cases += [(f"export {fmt}", ["export", "{pole}", "--to", fmt, "-o", "{out}/export." + fmt]) for fmt in formats]
    return cases


def _formats() -> list[str]:
    from ptce_kit.exports import export_formats

    return export_formats()


@pytest.mark.parametrize(("label", "argv"), _commands(_formats()), ids=[c[0] for c in _commands(_formats())])
def test_no_personal_data_in_any_output(ptce, tmp_path, pole_file, label, argv):
    old = tmp_path / "old.yaml"
    old.write_text(POLE.replace("  - id: beta\n", "  - id: delta\n    name: Delta\n    category: enterprise\n"
                                "  - id: beta\n"), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    args = [a.format(pole=pole_file, old=old, out=out) for a in argv]
    result = ptce(*args, env={"SOURCE_DATE_EPOCH": "0", "COLUMNS": "200"})
    assert result.returncode in (0, 1), result.stderr  # check may fail a rule: that is not an error
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert leaks(result.stdout) == [], (label, "stdout", result.stdout)
    assert leaks(result.stderr) == [], (label, "stderr", result.stderr)
    written = [p for p in out.rglob("*") if p.is_file()]
    assert written or argv[0] in ("show", "analyse", "check", "diff") or label == "compare print", label
    for path in written:
        assert leaks(readable(path)) == [], (label, path.name)


def test_outputs_keep_the_person_under_a_pseudonym(ptce, tmp_path, pole_file):
    """Left out means renamed, not dropped: the person is still counted and drawn."""
    result = ptce("show", pole_file, "--json")
    assert '"facilitation": "Personne 1"' in result.stdout and "Atelier de Personne 1" in result.stdout
    result = ptce("diff", pole_file, "--from", "2014", "--to", "2018")
    assert "personne-1 (Personne 1)" in result.stdout
    assert ptce("map", pole_file, "-o", tmp_path / "m.svg").returncode == 0
    assert "Personne 1" in (tmp_path / "m.svg").read_text(encoding="utf-8")


@pytest.mark.parametrize("argv", [
    ["show", "{pole}", "--json"],
    ["analyse", "{pole}", "--format", "json"],
    ["check", "{pole}", "--format", "json"],
    ["diff", "{pole}", "--from", "2014", "--to", "2018"],
    ["map", "{pole}", "-o", "{out}/map.svg"],
    ["map", "{pole}", "--html", "-o", "{out}/map.html"],
], ids=["show", "analyse", "check", "diff", "map-svg", "map-html"])
def test_include_personal_data_shows_them(ptce, tmp_path, pole_file, argv):
    args = [a.format(pole=pole_file, out=tmp_path) for a in argv] + ["--include-personal-data"]
    result = ptce(*args)
    assert result.returncode in (0, 1), result.stderr
    text = result.stdout + "".join(readable(p) for p in tmp_path.glob("map.*"))
    assert "Jeanne Unique-Testname" in text


@pytest.mark.parametrize("suffix", ["png", "pdf"])
def test_raster_and_pdf_maps_draw_the_pseudonym_not_the_name(ptce, tmp_path, pole_file, suffix):
    """A PNG or PDF cannot be searched for text: it must be the very map of the pseudonymised pole."""
    from ptce_kit.io import load_pole, save_pole
    from ptce_kit.privacy import strip_personal

    pseudonymised = tmp_path / "pseudo.yaml"
    save_pole(strip_personal(load_pole(pole_file)), pseudonymised)
    assert "Jeanne" not in pseudonymised.read_text(encoding="utf-8")
    env = {"SOURCE_DATE_EPOCH": "0"}
    shared, expected, named = (tmp_path / f"{n}.{suffix}" for n in ("shared", "expected", "named"))
    assert ptce("map", pole_file, "-o", shared, env=env).returncode == 0
    assert ptce("map", pseudonymised, "-o", expected, env=env).returncode == 0
    assert ptce("map", pole_file, "-o", named, "--include-personal-data", env=env).returncode == 0
    assert shared.read_bytes() == expected.read_bytes()
    assert named.read_bytes() != expected.read_bytes()


def test_map_files_of_the_library_strip_by_default(tmp_path, pole_file):
    from ptce_kit.io import load_pole
    from ptce_kit.render.map_files import write_map_files

    written = write_map_files(load_pole(pole_file), tmp_path)
    for path in written:
        assert leaks(readable(path)) == [], path.name


def test_diff_of_two_versions_numbers_persons_alike(ptce, tmp_path):
    """A person added before another must not make the other look renamed."""
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    base = ("format: ptce/1\nid: p\nname: P\nactors:\n{persons}"
            "  - id: a\n    name: A\n    category: enterprise\n")
    marie = "  - id: marie-x\n    name: Marie X\n    category: person\n"
    luc = "  - id: luc-y\n    name: Luc Y\n    category: person\n"
    old.write_text(base.format(persons=marie), encoding="utf-8")
    new.write_text(base.format(persons=luc + marie), encoding="utf-8")
    result = ptce("diff", old, new, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "Marie" not in result.stdout and "Luc" not in result.stdout
    import json

    actors = json.loads(result.stdout)["actors"]
    assert actors["appeared"] == ["personne-2"] and actors["ended"] == [] and actors["changed"] == {}
