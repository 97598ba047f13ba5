"""ODT and DOCX tables get their column widths from their content: LibreOffice Writer then
breaks no word inside a word (issue 19: the registry's 15 equal columns split words mid-word).

The LibreOffice test converts the registry to PDF with ``soffice`` and reads it back with
``pdftotext``; it is skipped, with the reason, where either is missing (the test set-up
script, ``scripts/install-test-deps.sh``, installs both on Debian).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from ptce_kit.render.documents import render_markdown
from ptce_kit.render.markdown import to_blocks
from ptce_kit.render.office import column_widths, markdown_to_docx, markdown_to_odt

pytest.importorskip("odf")
pytest.importorskip("docx")

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "office"


def _registry_rows(pole) -> list[list[list[str]]]:
    tables = [b for b in to_blocks(render_markdown(pole, "registry")) if b.kind == "table"]
    return [[["".join(r[0] for r in cell) for cell in row] for row in t.rows] for t in tables]


def test_columns_are_as_wide_as_their_longest_word_and_fill_the_page(pole_sud):
    for rows in _registry_rows(pole_sud):
        widths, size = column_widths(rows, 26.1)
        assert round(sum(widths), 2) == 26.1 and len(widths) == len(rows[0]) == 15
        assert len(set(widths)) > 5  # not 15 equal columns
        names = [row[1] for row in rows[1:]]
        # the "Nom" column, holding the longest texts, is wider than the ESS column (« oui »)
        assert widths[1] > widths[5], (names, widths)
    # A short table in a portrait page keeps the largest font.
    widths, size = column_widths([["Famille", "Membres"], ["Entreprises", "2"]], 17.4)
    assert size == 10.0 and widths[0] > widths[1]


def test_the_odt_declares_each_columns_width(pole_sud):
    data = markdown_to_odt(render_markdown(pole_sud, "registry"))
    content = zipfile.ZipFile(__import__("io").BytesIO(data)).read("content.xml").decode("utf-8")
    declared = re.findall(r'style:column-width="([0-9.]+)cm"', content)
    assert len(declared) == 15 * 3  # three tables (members, partners, prospective), 15 columns each
    assert len(set(declared)) > 15
    assert "number-columns-repeated" not in content
    assert 'style:font-name="DejaVu Sans"' in content


def test_the_docx_has_a_fixed_layout_with_the_same_widths(pole_sud):
    import io

    import docx

    document = docx.Document(io.BytesIO(markdown_to_docx(render_markdown(pole_sud, "registry"))))
    table = document.tables[0]
    assert not table.autofit
    widths = [c.width for c in table.columns]
    assert len(set(widths)) > 5
    assert all(cell.width == widths[j] for row in table.rows for j, cell in enumerate(row.cells))


def test_only_the_registrys_docx_tables_have_narrow_cell_margins(pole_sud):
    import io

    import docx
    from docx.oxml.ns import qn

    def margins(markdown):
        table = docx.Document(io.BytesIO(markdown_to_docx(markdown))).tables[0]._tbl.tblPr
        found = table.find(qn("w:tblCellMar"))
        order = [child.tag.split("}")[1] for child in table]
        return ({side.tag.split("}")[1]: side.get(qn("w:w")) for side in found} if found is not None else None), order

    wide, order = margins(render_markdown(pole_sud, "registry"))
    assert wide == {"left": "28", "right": "28"}  # 0.05 cm, in twentieths of a point
    assert order.index("tblCellMar") < order.index("tblLook")  # the schema's order
    assert margins("# T\n\n| Famille | Membres |\n| --- | --- |\n| Entreprises | 2 |\n")[0] is None


def _soffice() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer, "
                "or run scripts/install-test-deps.sh")


def _pdf_text(document: Path, out: Path) -> str:
    soffice = _soffice()
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is not installed: apt-get install poppler-utils")
    profile = out / "lo-profile"
    done = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                           "--convert-to", "pdf", "--outdir", str(out), str(document)],
                          capture_output=True, text=True, timeout=180)
    pdf = out / (document.stem + ".pdf")
    assert done.returncode == 0 and pdf.is_file(), done.stderr
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pdf, ARTIFACTS / f"{document.name}.pdf")
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _held(word: str, text: str) -> bool:
    """Whether ``text`` holds ``word`` whole, or broken only after its hyphens or dashes.

    ``pdftotext`` reads a table's lines across its columns: the rest of a word broken
    after a hyphen may come after the first lines of the next cells, and a hyphen that
    ends a line may be dropped and the piece glued to the next cell's text
    (``asso-boisDiois``).  So each piece before a break need only start a word, and the
    last piece be a whole word somewhere.
    """
    pieces = [re.escape(p) for p in word.split("-")]
    if re.search(r"(?<!\w)" + r"-?\s*".join(pieces) + r"(?!\w)", text):
        return True
    # The next cell's first word glued to such a piece of an identifier (``halle-desLa``: the
    # identifier broke after its hyphen, which was dropped): the word is whole all the same.
    if word[:1].isupper() and re.search(r"(?:^|\s)[a-z0-9]+(?:-[a-z0-9]+)*" + r"-?\s*".join(pieces) + r"(?!\w)",
                                         text, re.MULTILINE):
        return True
    parts = re.split(r"(?<=[-\u2013])", word)  # a line may break after a hyphen or an en dash
    for breaks in range(1, 2 ** (len(parts) - 1)):
        segments, current = [], ""
        for i, part in enumerate(parts):
            current += part
            if i == len(parts) - 1 or breaks >> i & 1:
                segments.append(current)
                current = ""
        *heads, last = segments
        if all(re.search(r"(?<!\w)" + re.escape(head[:-1]) + r"[-\u2013]?", text) for head in heads) and re.search(
                r"(?<!\w)" + re.escape(last) + r"(?!\w)", text):
            return True
    return False


def _broken_words(rows: list[list[list[str]]], text: str) -> list[str]:
    """Words of the tables' cells that the PDF's text does not hold whole.

    A line may break at a space or after a hyphen or an en dash (``2019–`` / ``2021``):
    a word cut anywhere else is broken (see :func:`_held`).
    """
    broken = []
    for table in rows:
        for row in table:
            for cell in row:
                for word in cell.split():
                    word = word.strip("()[],;:.«»\u00a0")
                    if len(word) >= 2 and not _held(word, text):
                        broken.append(word)
    return sorted(set(broken))


@pytest.mark.parametrize("fmt", ["odt", "docx"])
def test_libreoffice_breaks_no_word_of_the_registry(pole_sud, tmp_path, fmt):
    text_md = render_markdown(pole_sud, "registry")
    document = tmp_path / f"registre.{fmt}"
    document.write_bytes(markdown_to_odt(text_md) if fmt == "odt" else markdown_to_docx(text_md))
    text = _pdf_text(document, tmp_path)
    assert "Registre des membres" in text
    assert _broken_words(_registry_rows(pole_sud), text) == []


def _registry_with_every_column():
    """The fictitious example, with support received by actors: the registry's 18 columns.

    Support received, labels held and the actors' own life are all present (issue 16), so
    that the widest registry there is goes through LibreOffice.
    """
    from ptce_kit.io import load_pole
    from ptce_kit.model import Pole

    data = load_pole(ROOT / "examples" / "coteaux_fictif" / "pole.yaml").model_dump(
        mode="json", by_alias=True, exclude_none=True)
    data["support"] += [
        {"funder": {"name": "Région Auvergne-Rhône-Alpes", "kind": "region"}, "to": "coop-bois",
         "programme": "Dispositif régional d'accompagnement des filières", "amount": {"value": 125000},
         "since": "2019-03", "until": "2021-12", "outcome": "laureate", "source": "Fictif."},
        {"funder": "commune-die", "to": "ateliers-partages", "programme": "Subvention d'investissement",
         "amount": {"value": 15000}, "since": "2020", "outcome": "laureate", "source": "Fictif."},
        {"funder": {"name": "Fonds social européen", "kind": "eu"}, "to": "scic-coteaux",
         "programme": "FSE+ inclusion", "amount": {"value": 42000}, "since": "2022", "until": "2024",
         "outcome": "laureate", "source": "Fictif."}]
    data["labels"] += [{"kind": "other", "name": "Label Bois des Alpes", "holder": "menuiserie-vercors",
                        "since": "2018", "source": "Fictif."}]
    return Pole.model_validate(data)


def test_the_widest_registry_has_its_18_columns():
    rows = _registry_rows(_registry_with_every_column())
    assert {len(table[0]) for table in rows} == {18}
    assert rows[0][0][-3:] == ["Soutiens reçus", "Labels et agréments", "Vie de la structure"]
    cells = [cell for table in rows for row in table[1:] for cell in row[-3:]]
    assert all(any(c for c in column) for column in zip(*[row[-3:] for table in rows for row in table[1:]]))
    assert any("125" in cell for cell in cells)


@pytest.mark.parametrize("fmt", ["odt", "docx"])
def test_libreoffice_breaks_no_word_of_the_18_column_registry(tmp_path, fmt):
    pole = _registry_with_every_column()
    text_md = render_markdown(pole, "registry")
    document = tmp_path / f"registre-18.{fmt}"
    document.write_bytes(markdown_to_odt(text_md) if fmt == "odt" else markdown_to_docx(text_md))
    text = _pdf_text(document, tmp_path)
    assert "Vie de la structure" in text or "Vie de la" in text
    assert _broken_words(_registry_rows(pole), text) == []


def test_the_check_finds_a_word_broken_inside(pole_sud):
    # The check itself: a word cut in two is found, a break after a hyphen is not.
    rows = [[["Identifiant", "boutique-logement"]]]
    assert _broken_words(rows, "Identifia\nnt boutique-\nlogement") == ["Identifiant"]
    assert _broken_words(rows, "Identifiant boutiquelogement") == []
    # Broken after a hyphen or a dash, the rest after other cells' lines: not broken inside.
    rows = [[["asso-bois-energie", "(mars 2019–décembre 2021)"]]]
    assert _broken_words(rows, "asso-boisDiois Bois\nmars 2019–\nentreprise\nenergie\ndécembre 2021") == []
    assert _broken_words(rows, "asso-bo\nis-energie mars 2019–décem\nbre 2021") == ["2019–décembre",
                                                                                 "asso-bois-energie"]
    # The next cell's first word glued to the piece of an identifier before its dropped hyphen: whole.
    rows = [[["halle-des-coteaux", "La Halle"]]]
    assert _broken_words(rows, "halle-desLa Halle\ncoteaux") == []
    assert _broken_words(rows, "halle-desL\na Halle\ncoteaux") == ["La"]


def _png(width: int, height: int) -> bytes:
    from PIL import Image

    buffer = __import__("io").BytesIO()
    Image.new("RGB", (width, height), (0, 114, 178)).save(buffer, format="PNG")
    return buffer.getvalue()


def _with_figure(png: bytes) -> str:
    import base64

    return ("# Rapport\n\nAvant la figure.\n\n![Une figure bleue](data:image/png;base64,"
            + base64.b64encode(png).decode("ascii") + ")\n\nAprès la figure.\n")


def test_libreoffice_shows_the_figures_an_odt_carries(tmp_path):
    # The ODT's frame is written by hand (odfpy); the DOCX's picture is python-docx's own,
    # checked in the report's tests.
    fmt = "odt"
    png = _png(300, 200)
    text_md = _with_figure(png)
    document = tmp_path / f"figure.{fmt}"
    data = markdown_to_odt(text_md) if fmt == "odt" else markdown_to_docx(text_md)
    assert data == (markdown_to_odt(text_md) if fmt == "odt" else markdown_to_docx(text_md))  # same bytes
    document.write_bytes(data)
    text = _pdf_text(document, tmp_path)
    assert "Avant la figure." in text and "Après la figure." in text
    listed = subprocess.run(["pdfimages", "-list", str(tmp_path / "figure.pdf")], capture_output=True, text=True,
                            check=True).stdout.splitlines()[2:]
    assert [line.split()[3:5] for line in listed] == [["300", "200"]]


def test_an_image_without_its_data_is_written_as_its_text_alternative():
    import docx

    text_md = "# T\n\n![La carte du pôle](carte.png)\n"
    word = docx.Document(__import__("io").BytesIO(markdown_to_docx(text_md)))
    assert [p.text for p in word.paragraphs][1:] == ["La carte du pôle"] and not word.inline_shapes
    content = zipfile.ZipFile(__import__("io").BytesIO(markdown_to_odt(text_md))).read("content.xml").decode()
    assert "La carte du pôle" in content and "draw:frame" not in content


def test_the_fiches_odt_and_docx_carry_the_map(tmp_path):
    import docx

    from ptce_kit.io import load_pole
    from ptce_kit.render.documents import _map_png, write_documents

    pole = load_pole(ROOT / "tests" / "data" / "documents" / "public-support.yaml")
    write_documents(pole, tmp_path, formats=["odt", "docx"], map_beside="carte.png")
    drawn = _map_png(pole, "fr", False)
    assert zipfile.ZipFile(tmp_path / "fiche.odt").read("Pictures/figure-1.png") == drawn
    word = docx.Document(tmp_path / "fiche.docx")
    (shape,) = word.inline_shapes
    assert word.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob == drawn
