"""Markdown for generated documents: escaping user text, and reading the result back.

Documents are written once, as Markdown, by the templates; HTML, ODT and DOCX are
derived from that Markdown through markdown-it (CommonMark with tables, raw HTML
off).  So user text is made safe in one place: :func:`escape` and :func:`cell` turn
every character Markdown would read as syntax into a literal, and raw HTML cannot pass
through since the parser treats it as text.  Text that already is Markdown (what a
template wrote, or user text once escaped) is a :class:`Markdown`; the documents'
template environment escapes everything else it prints (:func:`finalize`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

__all__ = ["Markdown", "escape", "cell", "blocks_of_text", "finalize", "join", "concat", "replace",
           "to_html", "Block", "to_blocks", "html_and_blocks", "tidy"]

# Characters that are syntax anywhere in a line.  CommonMark lets a backslash make any
# ASCII punctuation literal, so escaping more than needed is harmless.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# Characters that are syntax only at the start of a line, or in an entity reference.  A
# quote (``>``) needs nothing after it; a heading (``#``), a bullet (``-``, ``+``), an
# ordered item (``1.``) or a setext underline or thematic break (``=``, ``-``) needs a
# space, the end of the line or more of the same: "-3", "40.5" and "#1" stay as written.
_LINE_START = re.compile(r"^(>|[#+\-=](?=[\s#+\-=]|$))")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_SPACES = re.compile(r"\s+")
# Characters XML 1.0 forbids (ODT, DOCX and the HTML page are XML) and DEL: shown as U+FFFD.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# Spaces and line breaks, but not the no-break spaces typography puts in numbers and dates.
_BREAKABLE = re.compile(r"[^\S\u00a0\u202f\u2007]+")


def escape(text: Any) -> str:
    """User text as literal Markdown inline text, on one line.

    Examples
    --------
    >>> escape("<script>alert(1)</script> *bold* | pipe")
    '\\\\<script\\\\>alert(1)\\\\</script\\\\> \\\\*bold\\\\* \\\\| pipe'
    >>> escape("# not a heading\\n- nor a list")
    '\\\\# not a heading - nor a list'
    >>> escape("1984. Une année"), escape("AT&amp;T"), escape("bell\\x07")
    ('1984\\\\. Une année', 'AT\\\\&amp;T', 'bell\\ufffd')
    >>> escape("40.5"), escape("-3 °C"), escape("- a"), escape("#1"), escape("## b")
    ('40.5', '-3 °C', '\\\\- a', '#1', '\\\\## b')
    """
    return _literal(_SPACES.sub(" ", str(text)).strip())


def _literal(text: str) -> str:
    text = _UNPRINTABLE.sub("\ufffd", text)
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _LINE_START.sub(r"\\\1", text)
    return _ORDERED.sub(r"\1\\\2", text)


class Markdown(Markup):
    """Text that is Markdown already: printed as is, never escaped again.

    Any other text joined to it is escaped as Markdown, not as HTML, so that
    ``Markdown("**a**") + "*b*"`` keeps ``*b*`` literal.

    Examples
    --------
    >>> Markdown("**a** ") + "*b* <i>"
    Markdown('**a** \\\\*b\\\\* \\\\<i\\\\>')
    >>> Markdown(", ").join(["[x](y)", Markdown("**z**")])
    Markdown('\\\\[x\\\\](y), **z**')
    """

    __slots__ = ()

    @classmethod
    def escape(cls, s: Any) -> Markdown:
        """``s`` as Markdown: kept when it is Markdown (or safe markup), escaped otherwise."""
        if hasattr(s, "__html__"):
            return cls(s.__html__())
        # Pieces joined to Markdown keep their outer spaces and no-break spaces; runs of
        # spaces and line breaks become one space.
        return cls(_literal(_BREAKABLE.sub(" ", "" if s is None else str(s))))


def finalize(value: Any) -> Markdown:
    """What a document template prints for ``{{ value }}``: Markdown, escaped unless it is.

    The documents' environment calls it on every expression it prints, so that a field
    printed without a filter still comes out literal.  Line breaks become spaces; outer
    spaces stay (``{{ " ; " }}``); nothing is printed for ``None``.

    Examples
    --------
    >>> finalize("<b>x</b>"), finalize(Markdown("**x**")), finalize(None), finalize(3)
    (Markdown('\\\\<b\\\\>x\\\\</b\\\\>'), Markdown('**x**'), Markdown(''), Markdown('3'))
    """
    return Markdown.escape(value)


def join(items: Any, separator: Any = "", attribute: str | None = None) -> Markdown:
    """Jinja's ``join`` for Markdown: user items escaped, Markdown items and the separator kept.

    ``attribute`` (dotted for nested ones) joins that attribute of each item.

    Examples
    --------
    >>> join(["a*", Markdown("**b**")], " | ")
    Markdown('a\\\\* | **b**')
    """
    values = list(items)
    if attribute is not None:
        for part in str(attribute).split("."):
            values = [getattr(v, part) if not isinstance(v, dict) else v[part] for v in values]
    return Markdown(separator).join(values)


def concat(parts: Any) -> Any:
    """Jinja's ``~`` for Markdown: plain text when no part is Markdown, else Markdown.

    Examples
    --------
    >>> concat(["fr/", "a_b"]), concat([Markdown("**a** "), "*b*"])
    ('fr/a_b', Markdown('**a** \\\\*b\\\\*'))
    """
    values = ["" if p is None else p for p in parts]
    if any(hasattr(v, "__html__") for v in values):
        return Markdown("").join(values)
    return "".join(map(str, values))


def replace(text: Any, old: Any, new: Any, count: int | None = None) -> Any:
    """Jinja's ``replace`` for Markdown: plain text stays plain, Markdown pieces escape the rest.

    Examples
    --------
    >>> replace("a*b", "b", "c"), replace("a*b", "b", Markdown("**c**"))
    ('a*c', Markdown('a\\\\***c**'))
    """
    count = -1 if count is None else count
    if not any(hasattr(v, "__html__") for v in (text, old, new)):
        return str(text).replace(str(old), str(new), count)
    text, old, new = (Markdown.escape(v) for v in (text, old, new))
    return Markdown(str(text).replace(str(old), str(new), count))


def cell(text: Any) -> str:
    """User text for a Markdown table cell (``|`` and line breaks cannot break the row).

    Examples
    --------
    >>> cell(None), cell("a | b\\nc")
    ('', 'a \\\\| b c')
    """
    return "" if text is None else escape(text)


def blocks_of_text(text: str | None, level: int = 3) -> str:
    """A narrative text as Markdown paragraphs; paragraphs starting ``### `` become headings.

    The data marks a fiche's sub-headings with ``### ``; they are written at ``level``
    so that they nest under the section that holds the text.

    Examples
    --------
    >>> print(blocks_of_text("### Un titre :\\n\\nUn *texte*\\nsur deux lignes.", level=4))
    #### Un titre :
    <BLANKLINE>
    Un \\*texte\\* sur deux lignes.
    """
    if not text:
        return ""
    out = []
    for para in re.split(r"\n\s*\n", text.strip()):
        if para.startswith("### "):
            out.append("#" * level + " " + escape(para[4:]))
        else:
            out.append(escape(para))
    return "\n\n".join(out)


def tidy(markdown: str) -> str:
    """Tidy the Markdown templates write, whatever their blank lines.

    Trailing spaces go; headings and tables get a blank line before them; the items
    of a list are not separated by blank lines; blank lines do not repeat; the text
    ends with one newline.

    Examples
    --------
    >>> tidy("A\\n### B  \\n- x\\n\\n- y\\n\\n\\n\\nC")
    'A\\n\\n### B\\n\\n- x\\n- y\\n\\nC\\n'
    """
    out: list[str] = []
    for line in (raw.rstrip() for raw in markdown.splitlines()):
        previous = next((kept for kept in reversed(out) if kept), "")
        if not line:
            if out and out[-1]:
                out.append("")
            continue
        if line.startswith("- ") and previous.startswith("- ") and not out[-1]:
            out.pop()
        elif out and out[-1] and (line.startswith("#") or out[-1].startswith("#")
                                  or (line.startswith("|") and not previous.startswith("|"))):
            out.append("")
        out.append(line)
    return "\n".join(out).strip("\n") + "\n"


_PARSERS: list[Any] = []
#: A base64 ``data:`` URI of an image: only characters that URL normalisation leaves as they are.
_DATA_IMAGE = re.compile(r"data:image/(?:png|svg\+xml|jpeg);base64,[A-Za-z0-9+/]*={0,2}")


def _normalize_link(normalize: Any) -> Any:
    """markdown-it's link normalisation, passing a base64 image URI through untouched.

    Percent-encoding walks a URI character by character in Python: on the fiche's embedded
    map (a few hundred kilobytes of base64) it was a third of ``ptce build``.  Such a URI holds
    only characters the encoder keeps, so skipping it gives the same HTML.
    """
    def normalized(url: str) -> str:
        return url if _DATA_IMAGE.fullmatch(url) else str(normalize(url))
    return normalized


def _parser() -> Any:
    """The Markdown parser, made once per process (building its rules is most of a short page's time)."""
    if not _PARSERS:
        from markdown_it import MarkdownIt

        parser = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
        parser.normalizeLink = _normalize_link(parser.normalizeLink)  # type: ignore[method-assign]
        _PARSERS.append(parser)
    return _PARSERS[0]


def html_and_blocks(markdown: str) -> tuple[str, list[Block]]:
    """:func:`to_html` and :func:`to_blocks` of the same document, parsed once.

    Examples
    --------
    >>> html, blocks = html_and_blocks("# T\\n\\nb")
    >>> html == to_html("# T\\n\\nb"), [b.kind for b in blocks]
    (True, ['heading', 'paragraph'])
    """
    parser = _parser()
    env: dict[str, Any] = {}
    tokens = parser.parse(markdown, env)
    html: str = parser.renderer.render(tokens, parser.options, env)
    return html, _blocks(tokens)


def to_html(markdown: str) -> str:
    """The HTML of a Markdown document (raw HTML in the source stays text).

    Examples
    --------
    >>> to_html("# T\\n\\n<b>x</b>")
    '<h1>T</h1>\\n<p>&lt;b&gt;x&lt;/b&gt;</p>\\n'
    """
    html: str = _parser().render(markdown)
    return html


@dataclass
class Block:
    """A block of a document, for writers that do not speak HTML (ODT, DOCX).

    ``kind`` is ``heading`` (with ``level``), ``paragraph``, ``item`` (a bullet list
    item), ``table`` (``rows`` of cells, the first the header), ``image`` (a paragraph
    that is only an image: its ``source`` address, its text alternative as ``runs``) or
    ``rule``.  Inline text is a list of ``(text, bold, italic)`` runs.
    """

    kind: str
    runs: list[tuple[str, bool, bool]] = field(default_factory=list)
    level: int = 0
    rows: list[list[list[tuple[str, bool, bool]]]] = field(default_factory=list)
    source: str = ""

    @property
    def text(self) -> str:
        return "".join(run[0] for run in self.runs)


def _runs(inline: Any) -> list[tuple[str, bool, bool]]:
    runs: list[tuple[str, bool, bool]] = []
    bold = italic = False
    for child in inline.children or []:
        if child.type == "strong_open":
            bold = True
        elif child.type == "strong_close":
            bold = False
        elif child.type == "em_open":
            italic = True
        elif child.type == "em_close":
            italic = False
        elif child.type in ("text", "code_inline", "html_inline"):
            runs.append((child.content, bold, italic))
        elif child.type in ("softbreak", "hardbreak"):
            runs.append((" ", bold, italic))
    return runs


def _images(inline: Any) -> list[Block] | None:
    """The images of a paragraph made of images only (a figure), else ``None``."""
    children = [c for c in inline.children or [] if not (c.type in ("text", "softbreak") and not c.content.strip())]
    if not children or any(c.type != "image" for c in children):
        return None
    return [Block("image", [("".join(part.content for part in c.children or []), False, False)],
                  source=str(c.attrs.get("src", ""))) for c in children]


def to_blocks(markdown: str) -> list[Block]:
    """The blocks of a Markdown document, in order.

    Examples
    --------
    >>> [(b.kind, b.text) for b in to_blocks("# T\\n\\n- **a**\\n\\nb")]
    [('heading', 'T'), ('item', 'a'), ('paragraph', 'b')]
    >>> [(b.kind, b.text, b.source) for b in to_blocks("![La *carte*](carte.png)")]
    [('image', 'La carte', 'carte.png')]
    """
    return _blocks(_parser().parse(markdown))


def _blocks(tokens: list[Any]) -> list[Block]:
    """The blocks of a parsed document (:func:`to_blocks`)."""
    blocks: list[Block] = []
    in_item = 0
    table: Block | None = None
    heading_level = 0
    for token in tokens:
        kind = token.type
        if kind == "heading_open":
            heading_level = int(token.tag[1])
        elif kind == "list_item_open":
            in_item += 1
        elif kind == "list_item_close":
            in_item -= 1
        elif kind == "table_open":
            table = Block("table")
        elif kind == "table_close" and table is not None:
            blocks.append(table)
            table = None
        elif kind == "tr_open" and table is not None:
            table.rows.append([])
        elif kind == "hr":
            blocks.append(Block("rule"))
        elif kind == "inline":
            runs = _runs(token)
            if table is not None:
                table.rows[-1].append(runs)
            elif heading_level:
                blocks.append(Block("heading", runs, level=heading_level))
                heading_level = 0
            elif not in_item and (images := _images(token)) is not None:
                blocks.extend(images)
            else:
                blocks.append(Block("item" if in_item else "paragraph", runs))
    return blocks
