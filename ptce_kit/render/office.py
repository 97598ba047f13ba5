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

__all__ = ["markdown_to_odt", "markdown_to_docx", "stable_zip", "is_wide", "column_widths", "png_of", "picture_size",
           "TABLE_FONT"]

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


#: A table of more columns than this is the registry's (printed landscape, narrow cell margins).
_MANY_COLUMNS = 8
#: The left and right margin of a registry's cell, in cm (the ODT's cell padding).
_REGISTRY_CELL_MARGIN_CM = 0.05


def is_wide(blocks: list[Block]) -> bool:
    """Whether a document has a table of many columns (the registry): printed landscape."""
    return any(b.kind == "table" and len(b.rows[0]) > _MANY_COLUMNS for b in blocks)


def _cell_margins(table: Any, cm: float) -> None:
    """Give a python-docx table's cells ``cm`` of left and right margin (``w:tblCellMar``).

    The table's own margins override its style's (Table Grid's 0.19 cm).
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = table._tbl.tblPr
    margins = properties.find(qn("w:tblCellMar"))
    if margins is None:
        margins = OxmlElement("w:tblCellMar")
        # In the schema's order: after tblLayout, before tblLook and the caption.
        following = [properties.find(qn(f"w:{name}")) for name in ("tblLook", "tblCaption", "tblDescription")]
        found = [element for element in following if element is not None]
        if found:
            found[0].addprevious(margins)
        else:
            properties.append(margins)
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(round(cm / 2.54 * 1440)))  # twentieths of a point
        element.set(qn("w:type"), "dxa")
        margins.append(element)


# --- tables: column widths from their content ----------------------------------------------

#: The font of table cells: DejaVu Sans, shipped with matplotlib (measured here) and with
#: most Linux systems; where a word processor lacks it, its substitutes are narrower.
TABLE_FONT = "DejaVu Sans"
#: Table font sizes tried in turn, in points: the largest whose columns hold their longest words.
_TABLE_SIZES = (10.0, 9.0, 8.0, 7.0, 6.5)
_PT_CM = 2.54 / 72
_SAFETY = 1.08  # measured widths, plus room for a word processor's own rounding
_fonts: dict[tuple[bool, float], Any] = {}


def _font(bold: bool, size: float) -> Any:
    """DejaVu Sans (bold or not) at ``size`` points, as a Pillow font; ``None`` if not found."""
    key = (bold, size)
    if key not in _fonts:
        import importlib.util
        from pathlib import Path

        spec = importlib.util.find_spec("matplotlib")
        font = None
        if spec is not None and spec.origin:
            name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
            path = Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf" / name
            try:
                from PIL import ImageFont

                # 100 units per point: the measure is then precise to a hundredth of a point.
                font = ImageFont.truetype(str(path), int(size * 100))
            except (ImportError, OSError):
                font = None
        _fonts[key] = font
    return _fonts[key]


def _width_cm(text: str, bold: bool, size: float) -> float:
    """The printed width of ``text`` in DejaVu Sans at ``size`` points, in centimetres."""
    font = _font(bold, size)
    if font is None:  # no font file to measure: DejaVu Sans averages about 0.62 em a character
        return len(text) * 0.62 * size * _PT_CM * (1.07 if bold else 1.0)
    return float(font.getlength(text)) / 100 * _PT_CM


def _words(text: str) -> list[str]:
    """The pieces a line of a cell may break between: at spaces, and after a hyphen."""
    import re

    return [w for w in re.split(r"[ \t\n]+|(?<=-)", text) if w]


def column_widths(rows: list[list[str]], available: float, *, padding: float = 0.2,
                  header: bool = True) -> tuple[list[float], float]:
    """Widths (cm) for the columns of a table, and the font size (pt) of its cells.

    Each column is at least as wide as its longest word, so that no word has to be broken
    inside; the width left is shared out towards each column's longest line.  The font is
    the largest of :data:`_TABLE_SIZES` at which the longest words fit in ``available``
    centimetres; ``padding`` is what a cell takes beside its text (margins and borders).
    The first row is the header, in bold, unless ``header`` is false.

    Examples
    --------
    >>> widths, size = column_widths([["Nom", "Catégorie"], ["Mission locale", "collectivité territoriale"]], 17.4)
    >>> size, round(sum(widths), 2), widths[1] > widths[0]
    (10.0, 17.4, True)
    """
    count = max((len(r) for r in rows), default=0)
    if not count:
        return [], _TABLE_SIZES[0]
    for size in _TABLE_SIZES:
        least = [padding] * count
        wanted = [padding] * count
        for i, row in enumerate(rows):
            bold = header and i == 0
            for j, text in enumerate(row):
                longest = max((_width_cm(w, bold, size) for w in _words(text)), default=0.0)
                least[j] = max(least[j], longest * _SAFETY + padding)
                wanted[j] = max(wanted[j], _width_cm(text, bold, size) * _SAFETY + padding)
        if sum(least) <= available:
            break
    wanted = [min(max(w, m), max(m, available * 0.45)) for w, m in zip(wanted, least)]
    spare = available - sum(least)
    room = [w - m for w, m in zip(wanted, least)]
    if spare <= 0:
        widths = [m * available / sum(least) for m in least]
    elif sum(room) <= spare:
        left = spare - sum(room)
        widths = [w + left * w / sum(wanted) for w in wanted]
    else:
        widths = [m + spare * r / sum(room) for m, r in zip(least, room)]
    widths = [round(w, 3) for w in widths]
    return widths, size


def _text_area(blocks: list[Block]) -> float:
    """The width of the text on an A4 page with 1.8 cm margins, in cm (landscape for wide documents)."""
    return (29.7 if is_wide(blocks) else 21.0) - 2 * 1.8


def _cell_texts(block: Block) -> list[list[str]]:
    return [["".join(run[0] for run in cell) for cell in row] for row in block.rows]


# --- figures ------------------------------------------------------------------------------

_PNG_URI = "data:image/png;base64,"
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_of(source: str) -> bytes | None:
    """The PNG an image's ``data:image/png;base64,`` address carries, else ``None``.

    An office file carries its images itself: an image given by any other address (a
    file beside the document) is written as its text alternative instead.

    Examples
    --------
    >>> png_of("carte.png") is None, png_of("data:image/png;base64,bm90IGEgcG5n") is None
    (True, True)
    """
    import base64
    import binascii

    if not source.startswith(_PNG_URI):
        return None
    try:
        data = base64.b64decode(source[len(_PNG_URI):], validate=True)
    except (binascii.Error, ValueError):
        return None
    return data if data.startswith(_PNG_SIGNATURE) and len(data) >= 24 else None


def picture_size(data: bytes, blocks: list[Block]) -> tuple[float, float]:
    """The printed size (cm) of a PNG: the text's width, less when its height would not fit a page.

    Examples
    --------
    >>> header = b"\\x89PNG\\r\\n\\x1a\\n" + bytes(8) + (1800).to_bytes(4, "big") + (1200).to_bytes(4, "big")
    >>> picture_size(header, [])
    (17.4, 11.6)
    """
    import struct

    width_px, height_px = struct.unpack(">II", data[16:24])
    width = _text_area(blocks)
    height = width * height_px / max(width_px, 1)
    # The page's height less its margins, and room for the heading the figure follows.
    room = ((21.0 if is_wide(blocks) else 29.7) - 2 * 1.8) * 0.85
    if height > room:
        width, height = width * room / height, room
    return round(width, 3), round(height, 3)


# --- ODT --------------------------------------------------------------------------------

def markdown_to_odt(markdown: str, *, lang: str = "fr", date: str | None = None) -> bytes:
    """An OpenDocument text of a document's Markdown."""
    try:
        from odf.draw import Frame, Image
        from odf.element import Element
        from odf.opendocument import OpenDocumentText
        from odf.svg import Desc
        from odf.style import (FontFace, ListLevelProperties, MasterPage, PageLayout, PageLayoutProperties,
                               ParagraphProperties, Style, TableCellProperties, TableColumnProperties,
                               TableProperties, TextProperties)
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
    doc.fontfacedecls.addElement(FontFace(name=TABLE_FONT, fontfamily=f"'{TABLE_FONT}'", fontfamilygeneric="swiss",
                                          fontpitch="variable"))
    cell_paragraphs: dict[float, Any] = {}

    def cell_paragraph(size: float) -> Any:
        """The paragraph style of table cells at ``size`` points (one per size used)."""
        if size not in cell_paragraphs:
            style = Style(name=f"Table_20_Contents_{str(size).replace('.', '_')}", family="paragraph",
                          parentstylename="Standard")
            style.addElement(TextProperties(fontname=TABLE_FONT, fontsize=f"{size:g}pt"))
            doc.automaticstyles.addElement(style)
            cell_paragraphs[size] = style
        return cell_paragraphs[size]
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
    pictures = 0
    for number, block in enumerate(blocks):
        if block.kind != "item":
            current_list = None
        if block.kind == "heading":
            doc.text.addElement(fill(H(outlinelevel=block.level, stylename=f"Heading_20_{block.level}"), block.runs))
        elif block.kind == "image":
            data = png_of(block.source)
            if data is None:
                doc.text.addElement(fill(P(stylename="Standard"), [(block.text, False, True)]))
                continue
            pictures += 1
            # Named by their order, not by odfpy's random names: the same data gives the same bytes.
            href = doc.addPicture(f"Pictures/figure-{pictures}.png", "image/png", data)
            width_cm, height_cm = picture_size(data, blocks)
            frame = Frame(name=f"Figure {pictures}", anchortype="as-char", width=f"{width_cm:.3f}cm",
                          height=f"{height_cm:.3f}cm")
            frame.addElement(Image(href=href, type="simple", show="embed", actuate="onLoad"))
            frame.addElement(Desc(text=block.text))
            holder = P(stylename="Standard")
            holder.addElement(frame)
            doc.text.addElement(holder)
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
            widths, font_size = column_widths(_cell_texts(block), _text_area(blocks), padding=0.2)
            table_style = Style(name=f"Table{number}", family="table")
            table_style.addElement(TableProperties(width=f"{sum(widths):.3f}cm", align="left"))
            doc.automaticstyles.addElement(table_style)
            table = Table(name=f"Table{number}", stylename=table_style)
            for j, column_width in enumerate(widths):
                column_style = Style(name=f"Table{number}.C{j}", family="table-column")
                column_style.addElement(TableColumnProperties(columnwidth=f"{column_width:.3f}cm"))
                doc.automaticstyles.addElement(column_style)
                table.addElement(TableColumn(stylename=column_style))
            for i, row in enumerate(block.rows):
                tr = TableRow()
                for cell in row:
                    tc = TableCell(stylename=cell_style, valuetype="string")
                    runs = [(t, True, it) for t, _, it in cell] if i == 0 else cell
                    tc.addElement(fill(P(stylename=cell_paragraph(font_size)), runs))
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
        from docx.shared import Cm, Mm, Pt
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

    def fill(paragraph: Any, runs: list[tuple[str, bool, bool]], size: float | None = None) -> None:
        for text, is_bold, is_italic in runs:
            run = paragraph.add_run(text)
            run.bold = is_bold or None
            run.italic = is_italic or None
            if size is not None:
                run.font.size = Pt(size)
                run.font.name = TABLE_FONT

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
        elif block.kind == "image":
            data = png_of(block.source)
            if data is None:
                fill(document.add_paragraph(), [(block.text, False, True)])
                continue
            width_cm, height_cm = picture_size(data, blocks)
            shape = document.add_paragraph().add_run().add_picture(io.BytesIO(data), width=Cm(width_cm),
                                                                   height=Cm(height_cm))
            shape._inline.docPr.set("descr", block.text)  # the text alternative screen readers read
        elif block.kind == "paragraph":
            fill(document.add_paragraph(), block.runs)
        elif block.kind == "item":
            fill(document.add_paragraph(style="List Bullet"), block.runs)
        elif block.kind == "table":
            # Word's cells keep 0.19 cm of margin on each side: 7 cm of the 18 columns of the
            # widest registry, whose words would then be broken.  The registry's cells (its
            # tables of many columns) keep the ODT's 0.05 cm instead.
            many = len(block.rows[0]) > _MANY_COLUMNS
            widths, size = column_widths(_cell_texts(block), _text_area(blocks), padding=0.2 if many else 0.45)
            table = document.add_table(rows=len(block.rows), cols=len(block.rows[0]))
            table.style = "Table Grid"
            table.autofit = False  # a fixed layout: the widths below, not Word's guess
            if many:
                _cell_margins(table, _REGISTRY_CELL_MARGIN_CM)
            for j, width in enumerate(widths):
                table.columns[j].width = Cm(width)
            for i, row in enumerate(block.rows):
                for j, cell in enumerate(row):
                    runs = [(t, True, it) for t, _, it in cell] if i == 0 else cell
                    target = table.cell(i, j)
                    target.width = Cm(widths[j])
                    fill(target.paragraphs[0], runs, size)
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue(), date)
