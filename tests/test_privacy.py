"""Personal data: what is personal, anonymised copies, retention purge, shared exports.

The people, e-mails and numbers below are fictitious, made for the tests.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from ptce_kit.errors import PoleError
from ptce_kit.io import load_pole
from ptce_kit.privacy import anonymize, personal_paths, pseudonym, strip_personal


def synthetic_siret(seed: str, establishment: str = "0001") -> str:
    from stdnum import luhn

    siren = seed + luhn.calc_check_digit(seed)
    return siren + establishment + luhn.calc_check_digit(siren + establishment)


PERSON_SIRET = synthetic_siret("55566677")

POLE = f"""\
# Demo pole. Contact of the board: Jeanne Exemple (written in a comment on purpose).
format: ptce/1
id: demo
name: Pôle Démo
actors:
  - id: alpha
    name: Alpha SCOP
    category: ess_enterprise
    description: Coopérative fondée avec Jeanne Exemple.
    contacts:
      - name: Paul Modèle
        role: gérant
        email: paul@example.org
        phone: "04 00 00 00 01"
        legal_representative: true
  - id: jeanne-exemple
    name: Jeanne Exemple
    category: person
    siret: '{PERSON_SIRET}'
    description: Consultante indépendante, habite Romans.
    website: https://jeanne.example.org
    joined: 2015
    left: 2018-06
  - id: beta
    name: Beta
    category: enterprise
    left: 2017
    website: https://beta.example.org
    contacts:
      - name: Lucie Essai
        email: lucie@example.org
  - id: gamma
    name: Gamma
    category: enterprise
    contacts:
      - name: Marc Témoin   # still a member: kept by the purge
        phone: "04 00 00 00 02"
partnerships:
  - id: conseil
    actors: [alpha, jeanne-exemple]
    kind: cooperation
    directed: true
    source: jeanne-exemple
    target: alpha
    since: 2015
    until: 2018
  - id: achats
    actors: [alpha, beta, gamma]
    kind: mutualisation
governance:
  colleges:
    - name: Personnes
      members: [jeanne-exemple]
    - name: Structures
      members: [alpha, beta, gamma]
narrative:
  actors: Jeanne Exemple a rejoint le pôle en 2015.
privacy:
  personal_fields: [actors.website]
"""

PERSONAL_STRINGS = ["Jeanne Exemple", "jeanne-exemple", "Paul Modèle", "paul@example.org", "04 00 00 00 01",
                    "Lucie Essai", "lucie@example.org", "Marc Témoin", "04 00 00 00 02", PERSON_SIRET,
                    "habite Romans", "jeanne.example.org", "beta.example.org"]


@pytest.fixture
def pole_file(tmp_path: Path) -> Path:
    file = tmp_path / "pole.yaml"
    file.write_text(POLE, encoding="utf-8")
    load_pole(file)
    return file


def test_personal_paths_marked_and_declared(pole_file):
    assert personal_paths() == [("actors", "contacts")]
    assert personal_paths(load_pole(pole_file)) == [("actors", "contacts"), ("actors", "website")]


def test_declared_field_must_exist_and_be_optional(ptce, tmp_path):
    file = tmp_path / "pole.yaml"
    file.write_text("id: d\nname: D\nprivacy:\n  personal_fields: [actors.webiste]\n")
    result = ptce("validate", file)
    assert result.returncode == 1 and "did you mean 'website'?" in result.stderr
    assert "pole.yaml:4" in result.stderr
    file.write_text("id: d\nname: D\nprivacy:\n  personal_fields: [actors.name]\n")
    result = ptce("validate", file)
    assert result.returncode == 1 and "required field" in result.stderr


def test_anonymize_through_cli(ptce, tmp_path, pole_file):
    out = tmp_path / "shared" / "pole.yaml"
    out.parent.mkdir()
    result = ptce("anonymize", pole_file, "-o", out)
    assert result.returncode == 0, result.stderr
    secret_file = pole_file.parent / ".ptce-secret"
    assert secret_file.exists() and stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    text = out.read_text(encoding="utf-8")
    for personal in PERSONAL_STRINGS:
        assert personal not in text, personal
    assert text.startswith("# Anonymised copy made by 'ptce anonymize'")
    assert ptce("validate", out).returncode == 0
    copy, original = load_pole(out), load_pole(pole_file)
    new_id, new_name = pseudonym(secret_file.read_text().strip().encode(), "jeanne-exemple")
    person = copy.actor(new_id)
    assert (person.name, person.joined, person.left, person.siret) == (new_name, "2015", "2018-06", None)
    tie = copy.partnerships[0]
    assert (tie.actors, tie.source, tie.target) == (["alpha", new_id], new_id, "alpha")
    assert copy.governance.colleges[0].members == [new_id]
    assert copy.narrative.actors == f"{new_name} a rejoint le pôle en 2015."
    assert copy.actor("alpha").description == f"Coopérative fondée avec {new_name}."
    # Everything that is not personal is intact.
    assert [a.id for a in copy.actors if a.category.value != "person"] == ["alpha", "beta", "gamma"]
    assert len(copy.partnerships) == len(original.partnerships)
    assert all(not a.contacts and a.website is None for a in copy.actors)


def test_pseudonyms_are_stable_and_keyed(tmp_path, pole_file):
    pole = load_pole(pole_file)
    first, again = anonymize(pole, b"a" * 64), anonymize(pole, b"a" * 64)
    other = anonymize(pole, b"b" * 64)
    ids = [a.id for a in first.actors]
    assert ids == [a.id for a in again.actors]
    assert ids != [a.id for a in other.actors]
    assert ids[1].startswith("personne-") and len(ids[1]) == len("personne-") + 10


def test_secret_file_option_and_short_secret(ptce, tmp_path, pole_file):
    secret = tmp_path / "key"
    secret.write_text("short\n")
    secret.chmod(0o600)
    result = ptce("anonymize", pole_file, "-o", tmp_path / "out.yaml", "--secret-file", secret)
    assert result.returncode == 1 and "too short" in result.stderr
    secret.write_text("c" * 64 + "\n")
    assert ptce("anonymize", pole_file, "-o", tmp_path / "out.json", "--secret-file", secret).returncode == 0
    assert pseudonym(b"c" * 64, "jeanne-exemple")[0] in (tmp_path / "out.json").read_text()


def test_strip_personal_for_shared_exports(pole_file):
    shared = strip_personal(load_pole(pole_file))
    assert [a.id for a in shared.actors] == ["alpha", "personne-1", "beta", "gamma"]
    dumped = shared.model_dump_json()
    for personal in PERSONAL_STRINGS:
        assert personal not in dumped, personal


def test_members_export_leaves_personal_data_out(ptce, tmp_path, pole_file):
    out = tmp_path / "m.csv"
    assert ptce("export", pole_file, "--to", "members-csv", "-o", out).returncode == 0
    text = out.read_text(encoding="utf-8-sig")
    for personal in PERSONAL_STRINGS:
        assert personal not in text, personal
    assert ptce("export", pole_file, "--to", "members-csv", "-o", out, "--include-personal-data").returncode == 0
    text = out.read_text(encoding="utf-8-sig")
    assert "Jeanne Exemple" in text and "paul@example.org" in text


def test_purge_removes_what_retention_requires(ptce, pole_file):
    result = ptce("purge", pole_file, "--left-before", "2019")
    # Jeanne is a natural person who left: her pseudonym needs the pole's key.
    assert result.returncode == 1 and "natural person" in result.stderr and "--secret-file" in result.stderr
    assert pole_file.read_text(encoding="utf-8") == POLE
    result = ptce("purge", pole_file, "--left-before", "2018")
    assert result.returncode == 0, result.stderr
    assert "beta: removed contacts, website" in result.stderr
    text = pole_file.read_text(encoding="utf-8")
    assert "Lucie Essai" not in text and "beta.example.org" not in text
    assert "Marc Témoin" in text and "Paul Modèle" in text and "Jeanne Exemple" in text
    import difflib

    old, new = POLE.splitlines(True), text.splitlines(True)
    removed = [line for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
               if tag != "equal" for line in old[i1:i2]]
    assert len(new) == len(old) - 4  # nothing else changed
    assert removed == ["    website: https://beta.example.org\n", "    contacts:\n",
                       "      - name: Lucie Essai\n", "        email: lucie@example.org\n"]


def test_purge_pseudonymises_a_person_who_left(ptce, tmp_path, pole_file):
    secret = tmp_path / "key"
    secret.write_text("d" * 64 + "\n")
    secret.chmod(0o600)
    new_id, new_name = pseudonym(b"d" * 64, "jeanne-exemple")
    result = ptce("purge", pole_file, "--left-before", "2019", "--secret-file", secret, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "jeanne-exemple: removed" in result.stderr and new_id in result.stderr
    assert pole_file.read_text(encoding="utf-8") == POLE
    result = ptce("purge", pole_file, "--left-before", "2019", "--secret-file", secret)
    assert result.returncode == 0, result.stderr
    pole = load_pole(pole_file)
    assert pole.actor(new_id).name == new_name
    assert pole.partnerships[0].source == new_id
    text = pole_file.read_text(encoding="utf-8")
    assert "Jeanne Exemple" not in text.split("\n", 1)[1]  # the comment on line 1 is the user's own
    assert "# Demo pole." in text and "Paul Modèle" in text  # alpha has not left


def test_purge_with_a_missing_key_file(ptce, tmp_path, pole_file):
    result = ptce("purge", pole_file, "--left-before", "2018", "--secret-file", tmp_path / "nope")
    assert result.returncode == 1 and "no pseudonym secret" in result.stderr
    assert pole_file.read_text(encoding="utf-8") == POLE


def test_purge_bad_date(ptce, pole_file):
    result = ptce("purge", pole_file, "--left-before", "last year")
    assert result.returncode == 1 and "--left-before" in result.stderr


def test_anonymize_never_overwrites_the_source(ptce, pole_file):
    result = ptce("anonymize", pole_file.parent, "-o", pole_file)
    assert result.returncode == 1 and "replace the pole's own data file" in result.stderr
    assert pole_file.read_text(encoding="utf-8") == POLE


def test_anonymize_of_a_missing_file(ptce, tmp_path):
    result = ptce("anonymize", tmp_path / "nope.yaml", "-o", tmp_path / "out.yaml")
    assert result.returncode == 1 and "no such file" in result.stderr


def test_purge_without_secret_when_no_person_left(pole_file):
    from ptce_kit.io.privacy import purge

    report = purge(pole_file, "2018", dry_run=True)
    assert report.removed == {"beta": ["contacts", "website"]}
    with pytest.raises(PoleError):
        purge(pole_file, "2019")


@pytest.mark.parametrize("fmt", __import__("ptce_kit.exports", fromlist=["x"]).export_formats())
def test_every_exporter_leaves_contacts_out(ptce, tmp_path, pole_file, fmt):
    """Whatever formats are registered, contact persons stay out of shared files unless asked."""
    out = tmp_path / "out" / f"export.{fmt}"
    out.parent.mkdir()
    result = ptce("export", pole_file, "--to", fmt, "-o", out)
    assert result.returncode == 0, result.stderr
    written = b"".join(p.read_bytes() for p in out.parent.rglob("*") if p.is_file())
    for personal in ["Paul Modèle", "paul@example.org", "04 00 00 00 01", "Lucie Essai", "lucie@example.org",
                     "Marc Témoin"]:
        assert personal.encode() not in written, (fmt, personal)


def test_export_command_strips_declared_fields_and_persons(ptce, tmp_path):
    pole = tmp_path / "pole.yaml"
    pole.write_text(
        "format: ptce/1\nid: p\nname: P\n"
        "privacy:\n  personal_fields: [actors.description]\n"
        "actors:\n"
        "  - id: jeanne\n    name: Jeanne Exemple\n    category: person\n"
        "  - id: a\n    name: A\n    category: enterprise\n    description: Secret note\n"
        "partnerships:\n  - id: t\n    actors: [jeanne, a]\n    kind: cooperation\n",
        encoding="utf-8",
    )
    out = tmp_path / "g.json"
    result = ptce("export", pole, "--to", "json", "-o", out)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "Jeanne" not in text and "Secret note" not in text and "personne-1" in text
    result = ptce("export", pole, "--to", "json", "-o", out, "--include-personal-data")
    assert "Jeanne Exemple" in out.read_text(encoding="utf-8")


def test_build_shares_no_personal_data_unless_asked(tmp_path, pole_file):
    from ptce_kit import build

    shared = build(pole_file, tmp_path / "shared", jobs=1)
    texts = {p.name: p.read_bytes().decode("utf-8") for p in shared if p.suffix != ".png"}
    assert {"charte.md", "registre.csv", "fiche.html", "carte.svg", "carte.html"} <= set(texts)
    for name, text in texts.items():
        for personal in PERSONAL_STRINGS:
            assert personal not in text, (name, personal)
    assert "Personne 1" in texts["registre.md"] and "Alpha SCOP" in texts["registre.md"]
    full = build(pole_file, tmp_path / "full", include_personal_data=True, jobs=1)
    registry = next(p for p in full if p.name == "registre-complet.md").read_text(encoding="utf-8")
    assert "Jeanne Exemple" in registry and "paul@example.org" in registry
