"""User text cannot inject HTML or break tables, in any output format."""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

import pytest


def _need_weasyprint() -> None:
    # WeasyPrint raises OSError, not ImportError, when the system's Pango is missing.
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        pytest.skip(f"WeasyPrint cannot be loaded: {exc}")

sys.path.insert(0, str(Path(__file__).parent))
from hostile import HOSTILE_NAMES, hostile_pole  # noqa: E402

from ptce_kit.render import markdown as md
from ptce_kit.render.documents import registry_csv, render_html, render_markdown, write_documents

DANGEROUS = {"script", "img", "iframe", "svg", "b", "u", "i", "s", "a"}


def _permissive_html(markdown: str) -> str:
    """Markdown as a permissive renderer (raw HTML on, like many forges) shows it."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)


def _elements(html: str) -> list[str]:
    import lxml.html

    return [el.tag for el in lxml.html.fragment_fromstring(html, create_parent="div").iter()]


@pytest.mark.parametrize("document", ["charter", "registry", "fiche"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_markdown_injects_no_html_even_when_raw_html_is_allowed(document, lang):
    text = render_markdown(hostile_pole(), document, lang=lang, include_personal_data=True)
    elements = _elements(_permissive_html(text))
    assert not set(elements) & DANGEROUS, set(elements)  # "a": no link from "[link](javascript:…)"
    assert elements.count("h1") == 1  # the title, not the narrative's "<h1>"


def test_registry_markdown_table_keeps_its_columns():
    from markdown_it import MarkdownIt

    pole = hostile_pole()
    text = render_markdown(pole, "registry", include_personal_data=True)
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    rows, cells = [], 0
    for token in tokens:
        if token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            rows.append(cells)
    assert rows == [16] * (1 + len(pole.actors))  # the registry's own columns the data is silent in are left out
    # every hostile name is shown as its own literal text, in the name column
    import lxml.html

    tree = lxml.html.fragment_fromstring(md.to_html(text), create_parent="div")
    names = [tr.findall("td")[1].text_content() for tr in tree.iter("tr") if tr.findall("td")]
    assert names == HOSTILE_NAMES


@pytest.mark.parametrize("document", ["charter", "registry", "fiche"])
def test_html_escapes_user_text(document):
    import html5lib
    import lxml.etree

    pole = hostile_pole()
    text = render_markdown(pole, document, include_personal_data=True)
    page = render_html(text, lang="fr")
    html5lib.HTMLParser(strict=True).parse(page)  # well formed HTML5
    tree = lxml.etree.fromstring(page.encode("utf-8"))  # and well formed XML
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    tags = {el.tag for el in tree.iter() if isinstance(el.tag, str)}
    assert tags.isdisjoint({"script", "img", "iframe", "svg", "u", "i", "a"}), tags
    title = tree.find(".//title")
    assert title is not None and "<b>Pôle</b>" in title.text
    body = "".join(tree.find(".//main").itertext())
    for name in HOSTILE_NAMES if document != "fiche" else []:
        assert re.sub(r"\s", "", name) in re.sub(r"\s", "", body)
    assert ns  # the page is plain HTML, no namespace needed


def test_csv_keeps_names_and_defuses_formulas():
    pole = hostile_pole()
    for sep in (",", ";"):
        rows = list(csv.reader(io.StringIO(registry_csv(pole, sep=sep).decode("utf-8-sig")), delimiter=sep))
        assert all(len(r) == 18 for r in rows)
        names = [r[1] for r in rows[1:]]
        expected = ["'" + n if n.startswith("=") else n for n in HOSTILE_NAMES]
        assert names == expected


def test_office_documents_keep_names_as_text(tmp_path: Path):
    import docx
    from odf import opendocument, table, teletype

    pole = hostile_pole()
    write_documents(pole, tmp_path, formats=["odt", "docx"], include_personal_data=True)
    odt = opendocument.load(tmp_path / "registre-complet.odt")
    rows = odt.getElementsByType(table.TableRow)
    names = [teletype.extractText(r.getElementsByType(table.TableCell)[1]) for r in rows[1:]]
    assert names == HOSTILE_NAMES
    assert all(len(r.getElementsByType(table.TableCell)) == 16 for r in rows)
    word = docx.Document(tmp_path / "registre-complet.docx")
    grid = word.tables[0]
    assert [grid.cell(i, 1).text for i in range(1, len(grid.rows))] == HOSTILE_NAMES
    assert len(grid.columns) == 16


def test_pdf_shows_names_as_text(tmp_path: Path):
    _need_weasyprint()
    pypdf = pytest.importorskip("pypdf")
    write_documents(hostile_pole(), tmp_path, formats=["pdf"])
    text = "".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "charte.pdf").pages)
    flat = re.sub(r"\s", "", text)
    assert "<script>alert('x')</script>" in flat
    assert "Pipe|Coop" in flat


def _numbers_pole():
    from ptce_kit.model import Pole

    return Pole(id="numbers", name="Numbers", language="en",
                actors=[{"id": "a", "name": "A", "category": "ess_enterprise"}],
                indicators=[{"name": "Jobs", "value": 40.5, "unit": "jobs", "source": "count"},
                            {"name": "Temperature", "value": -3, "source": "reading"}])


def test_english_numbers_read_as_numbers_in_every_format(tmp_path: Path):
    """English decimals used to come out as ``40\\.5`` in Markdown (escaped as if a list item)."""
    import docx
    from odf import opendocument, teletype, text as odf_text

    pole = _numbers_pole()
    markdown = render_markdown(pole, "fiche", lang="en")
    assert "Jobs: 40.5 jobs" in markdown and "Temperature: -3" in markdown
    assert "\\." not in markdown and "\\-3" not in markdown
    page = render_html(markdown, lang="en")
    assert "40.5 jobs" in page and "-3" in page
    write_documents(pole, tmp_path, lang="en", formats=["odt", "docx"])
    odt = opendocument.load(tmp_path / "profile.odt")
    odt_text = " ".join(teletype.extractText(p) for p in odt.getElementsByType(odf_text.P))
    assert "40.5 jobs" in odt_text and "\\" not in odt_text
    word = " ".join(p.text for p in docx.Document(tmp_path / "profile.docx").paragraphs)
    assert "40.5 jobs" in word and "\\" not in word


def test_numbers_at_the_start_of_a_line_stay_literal():
    # What would open a list or a heading is still escaped; what would not is written as it is.
    assert md.to_html(md.escape("1. not a list")) == "<p>1. not a list</p>\n"
    assert md.to_html(md.escape("- nor this")) == "<p>- nor this</p>\n"
    assert md.to_html(md.escape("## nor a heading")) == "<p>## nor a heading</p>\n"
    assert md.escape("40.5 t") == "40.5 t" and md.escape("#2 of 3") == "#2 of 3"
