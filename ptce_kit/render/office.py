"""ODT (odfpy) and DOCX (python-docx) from a document's Markdown.

French local authorities work with OpenDocument, many others with Word.  Both writers
read the same :func:`~ptce_kit.render.markdown.to_blocks` (headings, paragraphs, list
items, tables, with bold and italic runs), so the three documents look alike in both.
Archives are rewritten with fixed timestamps so that the same data gives the same bytes.
"""

from __future__ import annotations

import io
from typing import Any

from ..errors import PoleError
from ..files import ZIP_EPOCH, deterministic_zip
from .markdown import Block, to_blocks

__all__ = ["markdown_to_odt", "markdown_to_docx", "stable_zip", "is_wide"]

def _missing(library: str, extra: str) -> PoleError:
    return PoleError.single(f"this output needs {library}, which is not installed",
                            hint=f"install it with: python -m pip install 'ptce-kit[{extra}]'")


def _date_tuple(date: str | None) -> tuple[int, int, int, int, int, int]:
    if not date:
        return ZIP_EPOCH
    parts = [int(p) for p in date.split("-")] + [1, 1]
    return (max(parts[0], 1980), parts[1], parts[2], 0, 0, 0)


def stable_zip(data: bytes, date: str | None = None) -> bytes:
    """The same archive with every member dated alike (``date`` or 1980-01-01).

    See :func:`ptce_kit.files.deterministic_zip`.
    """
    return deterministic_zip(data, date_time=_date_tuple(date))


def is_wide(blocks: list[Block]) -> bool:
    """Whether a document has a table of many columns (the registry): printed landscape."""
    return any(b.kind == "table" and len(b.rows[0]) > 8 for b in blocks)


# --- ODT --------------------------------------------------------------------------------

def markdown_to_odt(markdown: str, *, lang: str = "fr", date: str | None = None) -> bytes:
    """An OpenDocument text of a document's Markdown."""
    try:
        from odf.opendocument import OpenDocumentText
        from odf.element import Element
        from odf.style import (ListLevelProperties, MasterPage, PageLayout, PageLayoutProperties,
                               ParagraphProperties, Style, TableCellProperties, TextProperties)
        from odf.table import Table, TableCell, TableColumn, TableRow
        from odf.text import H, List, ListItem, ListLevelStyleBullet, ListStyle, P, Span
    except ImportError:
        raise _missing("odfpy", "office") from None

    # odfpy declares, in every file it writes, each namespace any earlier document of the
    # process used (a class-level dict): start afresh so the bytes depend on this one only.
    Element.namespaces.clear()
    doc = OpenDocumentText()
    blocks = to_blocks(markdown)
    # A4, landscape for the wide registry, on the master page every paragraph uses.
    width, height = ("29.7cm", "21cm") if is_wide(blocks) else ("21cm", "29.7cm")
    layout = PageLayout(name="A4")
    layout.addElement(PageLayoutProperties(pagewidth=width, pageheight=height, margin="1.8cm",
                                           printorientation="landscape" if is_wide(blocks) else "portrait"))
    doc.automaticstyles.addElement(layout)
    doc.masterstyles.addElement(MasterPage(name="Standard", pagelayoutname=layout))
    language, country = ("fr", "FR") if lang == "fr" else ("en", "GB")
    default = Style(name="Standard", family="paragraph")
    default.addElement(TextProperties(language=language, country=country, fontsize="11pt"))
    doc.styles.addElement(default)
    for level, size in ((1, "18pt"), (2, "14pt"), (3, "12pt"), (4, "11pt")):
        # Style names are XML NCNames: LibreOffice spells a space "_20_".
        style = Style(name=f"Heading_20_{level}", displayname=f"Heading {level}", family="paragraph",
                      parentstylename="Standard", defaultoutlinelevel=str(level))
        style.addElement(TextProperties(fontsize=size, fontweight="bold"))
        style.addElement(ParagraphProperties(margintop="0.3cm", marginbottom="0.15cm", keepwithnext="always"))
        doc.styles.addElement(style)
    bold = Style(name="Strong", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    italic = Style(name="Emphasis", family="text")
    italic.addElement(TextProperties(fontstyle="italic"))
    both = Style(name="StrongEmphasis", family="text")
    both.addElement(TextProperties(fontweight="bold", fontstyle="italic"))
    cell_style = Style(name="Cell", family="table-cell")
    cell_style.addElement(TableCellProperties(border="0.5pt solid #888888", padding="0.05cm"))
    for style in (bold, italic, both):
        doc.styles.addElement(style)
    doc.automaticstyles.addElement(cell_style)
    run_styles = {(True, False): bold, (False, True): italic, (True, True): both}
    # A real bulleted list: word processors then indent, wrap and renumber it as a list.
    bullets = ListStyle(name="Bullets")
    bullet = ListLevelStyleBullet(level=1, bulletchar="•")
    bullet.addElement(ListLevelProperties(spacebefore="0.3cm", minlabelwidth="0.5cm"))
    bullets.addElement(bullet)
    doc.automaticstyles.addElement(bullets)

    def fill(element: Any, runs: list[tuple[str, bool, bool]]) -> Any:
        for text, is_bold, is_italic in runs:
            if is_bold or is_italic:
                element.addElement(Span(stylename=run_styles[(is_bold, is_italic)], text=text))
            else:
                element.addText(text)
        return element

    current_list = None
    for number, block in enumerate(blocks):
        if block.kind != "item":
            current_list = None
        if block.kind == "heading":
            doc.text.addElement(fill(H(outlinelevel=block.level, stylename=f"Heading_20_{block.level}"), block.runs))
        elif block.kind == "paragraph":
            doc.text.addElement(fill(P(stylename="Standard"), block.runs))
        elif block.kind == "item":
            if current_list is None:
                current_list = List(stylename=bullets)
                doc.text.addElement(current_list)
            item = ListItem()
            item.addElement(fill(P(stylename="Standard"), block.runs))
            current_list.addElement(item)
        elif block.kind == "table":
            table = Table(name=f"Table{number}")
            table.addElement(TableColumn(numbercolumnsrepeated=len(block.rows[0])))
            for i, row in enumerate(block.rows):
                tr = TableRow()
                for cell in row:
                    tc = TableCell(stylename=cell_style, valuetype="string")
                    runs = [(t, True, it) for t, _, it in cell] if i == 0 else cell
                    tc.addElement(fill(P(stylename="Standard"), runs))
                    tr.addElement(tc)
                table.addElement(tr)
            doc.text.addElement(table)
    buffer = io.BytesIO()
    doc.write(buffer)
    return stable_zip(buffer.getvalue(), date)


# --- DOCX -------------------------------------------------------------------------------

def markdown_to_docx(markdown: str, *, lang: str = "fr", date: str | None = None) -> bytes:
    """A Word document of a document's Markdown."""
    try:
        import datetime

        import docx
        from docx.enum.section import WD_ORIENT
        from docx.shared import Mm
    except ImportError:
        raise _missing("python-docx", "office") from None

    document = docx.Document()
    fixed = datetime.datetime(*_date_tuple(date))
    props = document.core_properties
    props.created = props.modified = fixed
    props.last_printed = fixed
    props.author = props.last_modified_by = "ptce-kit"
    props.language = "fr-FR" if lang == "fr" else "en-GB"
    props.revision = 1

    def fill(paragraph: Any, runs: list[tuple[str, bool, bool]]) -> None:
        for text, is_bold, is_italic in runs:
            run = paragraph.add_run(text)
            run.bold = is_bold or None
            run.italic = is_italic or None

    blocks: list[Block] = to_blocks(markdown)
    section = document.sections[0]  # A4 (python-docx's blank document is US Letter)
    if is_wide(blocks):
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Mm(18)
    for block in blocks:
        if block.kind == "heading":
            props.title = props.title or block.text
            fill(document.add_heading(level=min(block.level, 9)), block.runs)
        elif block.kind == "paragraph":
            fill(document.add_paragraph(), block.runs)
        elif block.kind == "item":
            fill(document.add_paragraph(style="List Bullet"), block.runs)
        elif block.kind == "table":
            table = document.add_table(rows=len(block.rows), cols=len(block.rows[0]))
            table.style = "Table Grid"
            for i, row in enumerate(block.rows):
                for j, cell in enumerate(row):
                    runs = [(t, True, it) for t, _, it in cell] if i == 0 else cell
                    fill(table.cell(i, j).paragraphs[0], runs)
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue(), date)
