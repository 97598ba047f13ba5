"""Every command that edits a pole file in place keeps what the user wrote.

Each command is run on the same commented pole file, written with LF line ends, with
CRLF line ends and with a UTF-8 byte-order mark.  The lines the change does not need to
touch must come out byte for byte (line ends included), new lines take the file's line
end, the byte-order mark stays, and the file still validates.  With ``--dry-run`` the
file is not touched at all and the diff is printed.
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

import pytest

from ptce_kit.cli import COMMANDS, cli, main
from ptce_kit.io import load_pole

SIRENE = Path(__file__).resolve().parents[1] / "data" / "sirene"
SIRENE_EXTRACT = SIRENE / "extract.csv"

# Comments at the top, between items, inside items and at the end of lines; every line unique
# (but blank ones), so that a line the change may touch can be named by its text.
POLE = """\
# Pôle Exemple: kept by hand, comments everywhere.
# yaml-language-server: $schema=../schema/pole.schema.json
format: ptce/1
id: pole-exemple   # the pole's id, never changed
name: Pôle Exemple
founded: 2012-03

pivot: scop-alpha
actors:
  # --- founders ---
  - id: scop-alpha  # the pivot
    name: Scop Alpha
    category: ess_enterprise
    ess: true
    legal_form: SARL SCOP
    siren: "000000018"
    siret: "00000001800010"
    roles: [pivot, founder]
    joined: 2012
  # --- members who left ---
  - id: asso-beta
    name: Association Bêta    # renamed in 2015
    category: ess_enterprise
    joined: 2013-09-01
    left: 2019-06
    commune: '26057'
    contacts:
      - name: Camille Exemple
        email: camille@beta.example.org
  # --- partners ---
  - id: commune-gamma
    name: Commune Gamma
    category: local_authority
    status: partner     # not a member
  - id: labo-delta
    name: Laboratoire Delta
    category: research_centre
    status: prospective
partnerships:
  - id: locaux   # shared premises
    actors: [scop-alpha, asso-beta]
    kind: mutualisation
    since: 2013-09
  - id: developpement
    actors: [scop-alpha,   commune-gamma]
    kind: cooperation
    since: 2015   # the first agreement
projects:
  - id: atelier
    name: Atelier partagé
    actors: [scop-alpha, asso-beta]
    start: 2014
# end of file: the last comment
"""

#: The members' spreadsheet of ``ptce import``: one new member, one existing one completed.
MEMBERS_CSV = (
    "Identifiant;Nom;Catégorie;Statut;Site web\n"
    "epsilon;Association Epsilon;ess_enterprise;member;\n"
    "labo-delta;Laboratoire Delta;research_centre;prospective;https://delta.example.org\n"
)


#: name -> (arguments after the command, with POLE for the file; the lines of POLE the change
#: may rewrite or remove, every other line of POLE must stay as it is).
EDITS: dict[str, tuple[list[str], set[str]]] = {
    "member add": (["member", "add", "POLE", "--name", "Société Zêta", "--category", "enterprise",
                    "--joined", "2021"], set()),
    "member update": (["member", "update", "POLE", "asso-beta", "--commune", "26281",
                       "--website", "https://beta.example.org", "--presence", "resident"], {"    commune: '26057'"}),
    "member remove": (["member", "remove", "POLE", "labo-delta"], {
        "  - id: labo-delta", "    name: Laboratoire Delta", "    category: research_centre",
        "    status: prospective"}),
    "partnership add": (["partnership", "add", "POLE", "--actors", "asso-beta,labo-delta",
                         "--kind", "cooperation", "--since", "2016"], set()),
    "partnership end": (["partnership", "end", "POLE", "developpement", "--until", "2020"], set()),
    "project add": (["project", "add", "POLE", "--name", "Cantine commune", "--actors",
                     "scop-alpha,commune-gamma", "--start", "2022"], set()),
    "import": (["import", "MEMBERS", "--into", "POLE"], set()),
    "import-sirene": (["import-sirene", str(SIRENE_EXTRACT), "--into", "POLE"], set()),
    # INSEE's own files, establishments beside their units: new fields on scop-alpha, new actors.
    "import-sirene [stock files]": (["import-sirene", str(SIRENE / "StockEtablissement_extrait.csv"),
                                     str(SIRENE / "StockUniteLegale_extrait.csv"), "--into", "POLE",
                                     "--departement", "26"], set()),
    # --update rewrites the value SIRENE says otherwise, and that line only.
    "import-sirene [update]": (["import-sirene", str(SIRENE / "StockEtablissement_extrait.csv"),
                                str(SIRENE / "StockUniteLegale_extrait.csv"), "--into", "POLE", "--commune", "26281",
                                "--update"], {"    legal_form: SARL SCOP"}),
    "purge": (["purge", "POLE", "--left-before", "2020"], {
        "    contacts:", "      - name: Camille Exemple", "        email: camille@beta.example.org"}),
}

VARIANTS = {
    "lf": (b"", b"\n"),
    "crlf": (b"", b"\r\n"),
    "bom": (b"\xef\xbb\xbf", b"\n"),
    "bom-crlf": (b"\xef\xbb\xbf", b"\r\n"),
}


def _write_pole(folder: Path, variant: str) -> tuple[Path, bytes]:
    bom, newline = VARIANTS[variant]
    raw = bom + POLE.encode("utf-8").replace(b"\n", newline)
    path = folder / "pole.yaml"
    path.write_bytes(raw)
    (folder / "members.csv").write_text(MEMBERS_CSV, encoding="utf-8")
    return path, raw


def _run(args: list[str], folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    argv = [str(folder / "pole.yaml") if a == "POLE" else str(folder / "members.csv") if a == "MEMBERS" else a
            for a in args]
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _raw_lines(raw: bytes) -> list[bytes]:
    return raw.splitlines(keepends=True)


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("name", list(EDITS))
def test_an_edit_keeps_every_line_it_does_not_need(name, variant, tmp_path, capsys):
    args, may_touch = EDITS[name]
    path, original = _write_pole(tmp_path, variant)
    bom, newline = VARIANTS[variant]

    # --dry-run: the diff, and not one byte written.
    status, out, err = _run([*args, "--dry-run"], tmp_path, capsys)
    assert status == 0, err
    assert path.read_bytes() == original
    assert out.startswith("--- pole.yaml\n+++ pole.yaml (changed)\n"), out
    assert "\r" not in out and "\ufeff" not in out

    status, out, err = _run(args, tmp_path, capsys)
    assert status == 0, err
    assert "could not be kept line by line" not in err
    new = path.read_bytes()
    assert new != original
    assert new.startswith(bom) and not new[len(bom):].startswith(b"\xef\xbb\xbf")
    body_old, body_new = _raw_lines(original[len(bom):]), _raw_lines(new[len(bom):])
    # Every line of the original is in the new file, unchanged (its line end too), except
    # those the change needs; the lines it adds end as the file's lines do.
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, body_old, body_new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        for line in body_old[i1:i2]:
            assert line.decode("utf-8").rstrip("\r\n") in may_touch, (
                f"{name} on {variant}: the untouched line {line!r} was changed or removed")
        for line in body_new[j1:j2]:
            assert line.endswith(newline) and (newline == b"\r\n" or not line.endswith(b"\r\n")), (
                f"{name} on {variant}: a new line does not end with the file's line end: {line!r}")
    load_pole(path)  # still a valid pole
    # The same change as on a plain LF file: only the layout differs between the variants.
    if variant != "lf":
        plain = tmp_path / "plain"
        plain.mkdir()
        _write_pole(plain, "lf")
        assert _run(args, plain, capsys)[0] == 0
        assert new[len(bom):].replace(b"\r\n", b"\n") == (plain / "pole.yaml").read_bytes()


def test_every_editing_command_is_in_the_test():
    """A new command with --dry-run edits a file in place: it must be in EDITS above (``name [variant]``)."""
    import click

    editing = set()
    for name in COMMANDS:
        command = cli.get_command(click.Context(cli), name)
        commands = command.commands.items() if isinstance(command, click.Group) else [("", command)]
        for sub, leaf in commands:
            if any("--dry-run" in getattr(p, "opts", ()) for p in leaf.params):
                editing.add(f"{name} {sub}".strip())
    assert editing == {name.split(" [")[0] for name in EDITS}


def test_import_sirene_keeps_a_crlf_file_byte_for_byte(tmp_path, capsys):
    """The defect of issue 20: import-sirene re-spaced a line and mixed the line ends."""
    path, original = _write_pole(tmp_path, "crlf")
    status, _, err = _run(["import-sirene", str(SIRENE_EXTRACT), "--into", "POLE"], tmp_path, capsys)
    assert status == 0, err
    new = path.read_bytes()
    assert b"actors: [scop-alpha,   commune-gamma]\r\n" in new
    assert b"name: Association B\xc3\xaata    # renamed in 2015\r\n" in new
    assert re.search(rb"[^\r]\n", new) is None  # every line ends with CRLF
    assert new.startswith(original.split(b"actors:\r\n")[0])


def test_import_sirene_waits_for_the_lock(tmp_path, capsys, monkeypatch):
    """import-sirene takes the file's lock like every other edit."""
    from ptce_kit.io.edit import file_lock

    path, original = _write_pole(tmp_path, "lf")
    monkeypatch.setenv("PTCE_LOCK_TIMEOUT", "0.2")
    with file_lock(path):
        status, _, err = _run(["import-sirene", str(SIRENE_EXTRACT), "--into", "POLE"], tmp_path, capsys)
    assert status == 1 and "being edited by another command" in err
    assert path.read_bytes() == original


# --- a JSON pole file ----------------------------------------------------------------

def _json_pole(text: str) -> str:
    """POLE as JSON indented by 4, its keys not in the format's order (``name`` after ``actors``…)."""
    from ptce_kit.io import parse_text

    data = parse_text(text)
    data = {**{k: v for k, v in data.items() if k != "name"}, "name": data["name"]}
    data["actors"] = [{**{k: v for k, v in a.items() if k != "id"}, "id": a["id"]} for a in data["actors"]]
    return json.dumps(data, ensure_ascii=False, indent=4) + "\n"


def _json_may_touch(lines: set[str]) -> set[str]:
    """The lines of the JSON file that match the YAML lines a change may touch."""
    from ptce_kit.io import parse_text

    touched = set()
    for line in lines:
        key, _, value = line.strip().lstrip("- ").partition(":")
        value = parse_text(value) if value.strip() else None
        touched.add(f'"{key}": [' if value is None else f'"{key}": {json.dumps(value, ensure_ascii=False)}')
    return touched


@pytest.mark.parametrize("suffix", [".json", ".data"])
@pytest.mark.parametrize("name", list(EDITS))
def test_a_json_pole_keeps_its_key_order_and_indentation(name, suffix, tmp_path, capsys):
    args, may_touch = EDITS[name]
    original = _json_pole(POLE)
    path = tmp_path / f"pole{suffix}"
    path.write_text(original, encoding="utf-8")
    (tmp_path / "members.csv").write_text(MEMBERS_CSV, encoding="utf-8")
    argv = [str(path) if a == "POLE" else str(tmp_path / "members.csv") if a == "MEMBERS" else a for a in args]
    status = main(argv)
    err = capsys.readouterr().err
    assert status == 0, err
    assert "could not be kept line by line" not in err
    new = path.read_text(encoding="utf-8")
    allowed = _json_may_touch(may_touch)
    old_lines, new_lines = original.splitlines(), new.splitlines()
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        for line in old_lines[i1:i2] if tag != "equal" else ():
            # A line may only gain or lose the comma before the next item, or be one the change needs.
            kept = line.rstrip(",")
            assert kept in new_lines or kept + "," in new_lines or kept.strip() in allowed \
                or kept.strip() in {"{", "}", "[", "]"}, f"{name}: the untouched line {line!r} was changed"
    assert all(not line.strip() or re.match(r"(    )*\S", line) for line in new_lines)  # still indented by 4
    before, after = json.loads(original), json.loads(new)
    assert [k for k in after if k in before] == list(before)
    for actor in after["actors"]:
        old = next((a for a in before["actors"] if a["id"] == actor["id"]), None)
        if old is not None:
            assert [k for k in actor if k in old] == [k for k in old if k in actor]
    load_pole(path)


@pytest.mark.parametrize("style", [
    {"indent": "\t"},
    {"indent": 3, "separators": (",", ":")},
    {"indent": None},
    {"indent": None, "separators": (",", ":")},
    {"indent": 2, "ensure_ascii": True},
    {"indent": 4, "end": ""},
])
def test_a_json_pole_keeps_its_own_style(style, tmp_path, capsys):
    from ptce_kit.io import parse_text

    style = dict(style)
    end = style.pop("end", "\n")
    path = tmp_path / "pole.json"
    original = json.dumps(parse_text(POLE), **{"ensure_ascii": False, **style}) + end
    path.write_text(original, encoding="utf-8")
    status = main(["member", "add", str(path), "--name", "Société Zêta", "--category", "enterprise"])
    err = capsys.readouterr().err
    assert status == 0, err
    assert "could not be kept line by line" not in err
    data = parse_text(original)
    data["actors"].append({"id": "societe-zeta", "name": "Société Zêta", "category": "enterprise"})
    assert path.read_text(encoding="utf-8") == json.dumps(data, **{"ensure_ascii": False, **style}) + end


@pytest.mark.parametrize("name", list(EDITS))
def test_the_fast_path_of_large_files_edits_alike(name, tmp_path, capsys, monkeypatch):
    """A large file is edited by its changed parts only: the result is the same file."""
    args, _ = EDITS[name]
    slow, fast = tmp_path / "slow", tmp_path / "fast"
    for folder in (slow, fast):
        folder.mkdir()
        _write_pole(folder, "bom-crlf")
    assert _run(args, slow, capsys)[0] == 0
    monkeypatch.setenv("PTCE_FAST_EDIT_LINES", "10")
    status, _, err = _run(args, fast, capsys)
    assert status == 0, err
    assert (fast / "pole.yaml").read_bytes() == (slow / "pole.yaml").read_bytes()
