"""Names and ids of natural persons in free text: anonymize, purge and shared exports.

The people are fictitious, made for the tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ptce_kit.io import load_pole
from ptce_kit.privacy import NameScrubber, pseudonym

KEY = "e" * 64

POLE = """\
format: ptce/1
id: demo
name: Pôle Démo
actors:
  - id: jean-martin
    name: Jean Martin
    category: person
    left: 2016
  - id: jean-martin-dupont
    name: Jean Martin-Dupont
    category: person
    left: 2016
  - id: martin
    name: Martin SARL
    category: enterprise
    description: "Fondée par JEAN  MARTIN-DUPONT, puis reprise par jean
      martin (voir la fiche jean-martin). Ni Jean Martinez ni Saint-Jean Martin. M. Martin-Dupont signe."
partnerships:
  - id: conseil
    actors: [martin, jean-martin, jean-martin-dupont]
    kind: cooperation
    topic: Jean Martin et Jean Martin-Dupont conseillent Martin SARL
"""


@pytest.fixture
def pole_file(tmp_path: Path) -> Path:
    file = tmp_path / "pole.yaml"
    file.write_text(POLE, encoding="utf-8")
    key = tmp_path / "key"
    key.write_text(KEY + "\n", encoding="ascii")
    key.chmod(0o600)
    return file


def names() -> tuple[tuple[str, str], tuple[str, str]]:
    return pseudonym(KEY.encode(), "jean-martin"), pseudonym(KEY.encode(), "jean-martin-dupont")


def expected_description(martin: tuple[str, str], dupont: tuple[str, str]) -> str:
    return (f"Fondée par {dupont[1]}, puis reprise par {martin[1]} (voir la fiche {martin[0]}). "
            "Ni Jean Martinez ni Saint-Jean Martin. M. Martin-Dupont signe.")


def test_anonymize_replaces_longest_names_first_and_ids(ptce, tmp_path, pole_file):
    out = tmp_path / "copy.yaml"
    result = ptce("anonymize", pole_file, "-o", out, "--secret-file", tmp_path / "key")
    assert result.returncode == 0, result.stderr
    martin, dupont = names()
    copy = load_pole(out)
    assert copy.actor("martin").description == expected_description(martin, dupont)
    assert copy.partnerships[0].topic == f"{martin[1]} et {dupont[1]} conseillent Martin SARL"
    assert copy.partnerships[0].actors == ["martin", martin[0], dupont[0]]  # the enterprise's id is intact
    text = out.read_text(encoding="utf-8")
    assert "-Dupont conseillent" not in text and "jean-martin" not in text.lower()


def test_anonymize_reports_what_free_text_still_holds(ptce, tmp_path, pole_file):
    result = ptce("anonymize", pole_file, "-o", tmp_path / "copy.yaml", "--secret-file", tmp_path / "key")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert any(line.startswith("warning: free text may still name people") for line in lines)
    # The surname alone and the other words of the names, field by field; never the whole name.
    assert "  actors[2].name: Martin" in lines
    assert "  actors[2].description: Jean, Martin, Martin-Dupont" not in lines
    assert "  actors[2].description: Jean, Martin, Dupont" in lines
    assert "  partnerships[0].topic: Martin" in lines


def test_purge_replaces_names_and_ids_in_free_text(ptce, tmp_path, pole_file):
    result = ptce("purge", pole_file, "--left-before", "2020", "--secret-file", tmp_path / "key")
    assert result.returncode == 0, result.stderr
    martin, dupont = names()
    pole = load_pole(pole_file)
    assert pole.actor("martin").description == expected_description(martin, dupont)
    assert pole.partnerships[0].topic == f"{martin[1]} et {dupont[1]} conseillent Martin SARL"
    assert "jean-martin:" in result.stderr and "name and id" in result.stderr
    # What the purge could not clean is said, under the actors it renamed.
    assert "  actors[2].description: Jean, Martin, Dupont" in result.stderr.splitlines()


def test_purge_dry_run_says_the_same(ptce, tmp_path, pole_file):
    result = ptce("purge", pole_file, "--left-before", "2020", "--secret-file", tmp_path / "key", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "warning: free text may still name people" in result.stderr
    assert pole_file.read_text(encoding="utf-8") == POLE


def test_shared_export_replaces_the_id_in_free_text(ptce, tmp_path, pole_file):
    out = tmp_path / "pole.jsonld"
    assert ptce("export", pole_file, "--to", "jsonld", "-o", out).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert "jean-martin" not in text.lower() and "JEAN" not in text
    assert "voir la fiche personne-1" in text and "Fondée par Personne 2" in text


@pytest.mark.parametrize(("text", "expected"), [
    ("Jean Martin-Dupont", "P2"),
    ("jean martin-dupont", "P2"),
    ("Jean\n  Martin", "P1"),
    ("Jean Martin, Jean Martin-Dupont.", "P1, P2."),
    ("Jean Martinez", "Jean Martinez"),
    ("Saint-Jean Martin", "Saint-Jean Martin"),
    ("Jean Martin-Durand", "Jean Martin-Durand"),
    ("Jean Martin_2", "Jean Martin_2"),
    ("(Jean Martin)", "(P1)"),
    ("Élodie Ünal et élodie ünal", "P3 et P3"),
    ("Élodie Ünalé", "Élodie Ünalé"),
    ("voir jean-martin-dupont ou jean-martin", "voir p-2 ou p-1"),
])
def test_name_scrubber(text, expected):
    scrub = NameScrubber({"Jean Martin": "P1", "Jean Martin-Dupont": "P2", "Élodie Ünal": "P3",
                          "jean-martin": "p-1", "jean-martin-dupont": "p-2"})
    assert scrub(text) == expected


def test_scrubbing_stays_linear_in_the_names():
    """Thousands of names: one pattern (a trie), not one pass per name."""
    import time

    scrub = NameScrubber({f"Prénom{i} Nom{i}": f"Personne {i}" for i in range(5000)})
    text = "Réunion avec Prénom4999 Nom4999 et Prénom12 Nom12 à Romans. " * 20
    started = time.perf_counter()
    for _ in range(200):
        result = scrub(text)
    assert time.perf_counter() - started < 5
    assert result.count("Personne 4999") == 20 and "Nom12" not in result


def test_contact_names_left_in_free_text_are_reported(ptce, tmp_path):
    """A contact is removed, but the text that names them is not: anonymize and purge say where."""
    file = tmp_path / "pole.yaml"
    file.write_text(
        "format: ptce/1\nid: p\nname: P\nactors:\n"
        "  - id: a\n    name: A\n    category: enterprise\n    left: 2015\n"
        "    description: Gérée par Lucie   Essai depuis 2010.\n"
        "    contacts:\n      - name: Lucie Essai\n        email: lucie@example.org\n"
        "  - id: b\n    name: B\n    category: enterprise\n", encoding="utf-8")
    result = ptce("anonymize", file, "-o", tmp_path / "copy.yaml", "--secret-file", tmp_path / "key")
    assert result.returncode == 0, result.stderr
    assert "  actors[0].description: Lucie   Essai" in result.stderr.splitlines()
    result = ptce("purge", file, "--left-before", "2020")
    assert result.returncode == 0, result.stderr
    assert "a: removed contacts" in result.stderr
    assert "  actors[0].description: Lucie   Essai" in result.stderr.splitlines()
