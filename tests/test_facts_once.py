"""Each fact of ptce-kit is written in one place (issue 15, item 5).

The tests here fail when a second copy of a fact comes back: a second ZIP rewriter,
a second palette, a second member-table layout…  The behaviour each fact gives is
tested next to the module that owns it; these tests keep the copies from drifting.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

import ptce_kit
from ptce_kit.files import ZIP_EPOCH, deterministic_zip

PACKAGE = Path(ptce_kit.__file__).parent


def _sources_matching(pattern: str) -> list[str]:
    regex = re.compile(pattern)
    return sorted(str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                  if regex.search(p.read_text(encoding="utf-8")))


def _archive(*members: tuple[str, bytes, int]) -> bytes:
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w") as archive:
        for name, content, compression in members:
            info = zipfile.ZipInfo(name, date_time=(2024, 5, 6, 7, 8, 9))
            info.compress_type = compression
            info.external_attr = 0o600 << 16
            archive.writestr(info, content)
    return raw.getvalue()


def test_deterministic_zip_dates_every_member_alike_and_keeps_order_and_compression():
    data = _archive(("mimetype", b"application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED),
                    ("content.xml", b"<doc>" + b"x" * 500 + b"</doc>", zipfile.ZIP_DEFLATED))
    fixed = deterministic_zip(data)
    with zipfile.ZipFile(io.BytesIO(fixed)) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == ["mimetype", "content.xml"]
        assert [i.compress_type for i in infos] == [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]
        assert {i.date_time for i in infos} == {ZIP_EPOCH}
        assert {(i.external_attr >> 16, i.create_system) for i in infos} == {(0o644, 3)}
        assert archive.read("content.xml") == b"<doc>" + b"x" * 500 + b"</doc>"
    # the same content made another day gives the same bytes
    later = _archive(("mimetype", b"application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED),
                     ("content.xml", b"<doc>" + b"x" * 500 + b"</doc>", zipfile.ZIP_DEFLATED))
    assert deterministic_zip(later) == fixed


def test_deterministic_zip_takes_a_date_and_an_edit_of_the_members():
    data = _archive(("a.xml", b"<when>now</when>", zipfile.ZIP_DEFLATED), ("b.xml", b"<b/>", zipfile.ZIP_DEFLATED))
    fixed = deterministic_zip(data, date_time=(2026, 3, 1, 0, 0, 0),
                              edit=lambda name, content: content.replace(b"now", b"then") if name == "a.xml" else content)
    with zipfile.ZipFile(io.BytesIO(fixed)) as archive:
        assert archive.read("a.xml") == b"<when>then</when>" and archive.read("b.xml") == b"<b/>"
        assert {i.date_time for i in archive.infolist()} == {(2026, 3, 1, 0, 0, 0)}


def test_one_zip_rewriter_for_odt_docx_and_xlsx():
    assert _sources_matching(r"zipfile\.ZipInfo\(") == ["files.py"]


def test_office_outputs_go_through_the_one_rewriter(monkeypatch):
    pytest.importorskip("odf")
    pytest.importorskip("docx")
    pytest.importorskip("openpyxl")
    from ptce_kit import files
    from ptce_kit import cells
    from ptce_kit.render import office

    seen: list[bytes] = []
    real = files.deterministic_zip

    def spy(data: bytes, **kwargs):
        seen.append(data[:2])
        return real(data, **kwargs)

    monkeypatch.setattr(files, "deterministic_zip", spy)
    monkeypatch.setattr(office, "deterministic_zip", spy, raising=False)
    office.markdown_to_odt("# Title\n\ntext\n")
    office.markdown_to_docx("# Title\n\ntext\n")
    cells.xlsx_bytes(cells.new_workbook())
    assert seen == [b"PK"] * 3


# --- write failures: atomic_write says them, once ----------------------------------------------

def _handlers_around_atomic_write() -> list[str]:
    import ast

    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "files.py" and path.parent == PACKAGE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Try):
                continue
            calls = {n.func.id if isinstance(n.func, ast.Name) else getattr(n.func, "attr", "")
                     for stmt in node.body for n in ast.walk(stmt) if isinstance(n, ast.Call)}
            caught = {ast.unparse(h.type) for h in node.handlers if h.type is not None}
            if "atomic_write" in calls and any("OSError" in c for c in caught):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return found


def test_no_second_message_for_a_failed_write():
    # atomic_write raises a PoleError naming the file and what to do; a wrapper catching
    # OSError around it is dead code with a second, drifting message.
    assert _handlers_around_atomic_write() == []


def test_a_failed_write_names_the_file_and_the_fix(pole_sud, tmp_path):
    from ptce_kit.comparison import compare, write_table
    from ptce_kit.errors import PoleError
    from ptce_kit.io.linked_data import export_jsonld
    from ptce_kit.io.spreadsheet import export_members_csv

    missing = tmp_path / "missing"
    writers = {
        "table.csv": lambda p: write_table(compare([pole_sud]), p),
        "pole.jsonld": lambda p: export_jsonld(pole_sud, p),
        "members.csv": lambda p: export_members_csv(pole_sud, p),
    }
    for name, write in writers.items():
        with pytest.raises(PoleError) as caught:
            write(missing / name)
        problem = caught.value.problems[0]
        assert problem.file == str(missing / name), name
        assert "nothing was written" in problem.message and f"mkdir -p {missing}" in problem.hint, name
    assert not missing.exists()


# --- the members' table: one layout for the registry and the spreadsheet -------------------------

@pytest.mark.parametrize("lang", ["fr", "en"])
def test_registry_columns_are_the_spreadsheets_in_its_order_and_words(pole_sud, lang):
    from ptce_kit.io.spreadsheet import COLUMNS, member_rows
    from ptce_kit.render.documents import registry_csv, registry_table

    pole = pole_sud.model_copy(update={"language": type(pole_sud.language)(lang)})
    # The documents typeset their headers' apostrophes (« Date d’adhésion »); the words are the spreadsheet's.
    registry = [name.replace("’", "'") for name in registry_table(pole, lang=lang)["columns"]]
    spreadsheet = member_rows(pole)[0]
    family = {"fr": "Famille", "en": "Family"}[lang]
    # The registry's own columns: the family, then, last, support, labels and the actor's life.
    own = {"fr": ["Soutiens reçus", "Labels et agréments", "Vie de la structure"],
           "en": ["Support received", "Labels and agreements", "Life of the organisation"]}[lang]
    assert registry[-3:] == own
    shared = [name for name in registry if name != family and name not in own]
    # every shared column has the spreadsheet's header, and they come in its order
    assert shared == [name for name in spreadsheet if name in shared]
    assert len(shared) == len(registry) - 4 >= 14
    by_header = {(c.fr if lang == "fr" else c.en): c.key for c in COLUMNS}
    keys = [by_header[name] for name in shared]
    assert registry.index(family) == keys.index("category") + 1
    # the CSV of the registry holds the same cells as the spreadsheet in the shared columns
    rows = registry_csv(pole, lang=lang, sep=",").decode("utf-8-sig").splitlines()
    # (typeset as the documents' headers: the same words, « Date d’adhésion »)
    assert [name.replace("’", "'") for name in rows[0].split(",")[: len(registry)]] == registry
    sheet = {row[0]: dict(zip(spreadsheet, row)) for row in member_rows(pole)[1:]}
    header_of = {key: name for name, key in by_header.items()}
    for row in registry_table(pole, lang=lang, iso_dates=True)["rows"]:
        cells = dict(zip(registry, row))
        for key in ("id", "name", "siren", "siret", "joined", "left", "college"):
            assert cells[header_of[key]] == sheet[row[0]][header_of[key]], (row[0], key)


# --- reading a CSV: one decoding and one separator for members' sheets and SIRENE extracts -------

SIRENE_HEADER = ("siren;siret;denominationUniteLegale;categorieJuridiqueUniteLegale;"
                 "economieSocialeSolidaireUniteLegale;codeCommuneEtablissement\n")


def test_a_sirene_extract_saved_as_utf16_by_a_spreadsheet_is_read(tmp_path):
    from ptce_kit.io.sirene import read_sirene

    extract = tmp_path / "extrait.csv"
    extract.write_bytes((SIRENE_HEADER + "000000026;00000002600013;Café Épsilon;5710;O;26057\n").encode("utf-16"))
    (record,) = read_sirene(extract)
    assert (record.siret, record.name, record.commune) == ("00000002600013", "Café Épsilon", "26057")


def test_a_binary_file_given_as_sirene_extract_is_named_as_such(tmp_path):
    from ptce_kit.errors import FileProblemError
    from ptce_kit.io.sirene import read_sirene

    extract = tmp_path / "photo.csv"
    extract.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    with pytest.raises(FileProblemError) as caught:
        read_sirene(extract)
    assert caught.value.problems[0].file == str(extract) and "INSEE" in caught.value.problems[0].hint


def test_one_csv_decoder():
    assert _sources_matching(r'decode\("cp1252"') == ["cells.py"]
