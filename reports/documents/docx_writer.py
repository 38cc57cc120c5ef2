"""The layout as a DOCX document, written as WordprocessingML text into python-docx's template package.

Building an element tree costs several times the text it produces on long compilations, so the body is
joined from strings; the package (styles, numbering, theme) is python-docx's default template, read once.
Formatted answer text was sanitised when it was saved; here it is only tokenised (``rich``), and every
text is escaped, so nothing in an answer can become markup.

A build lays out each part once as a ``Fragment``: a round's ZIP puts the same fragment of a question in
the round's document and in the question's own.
"""

import functools
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field

import docx
from docx.shared import Pt

from countries.spreadsheets import xml_text

from .layout import Block, PageBreak, Paragraph, Rich, Run, Table
from .rich import rich_events

HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
# style of the layout -> (Word style id, alignment, bold, italic, colour, size in half-points)
STYLES = {
    "symbol": ("", "right", True, False, "", 24),
    "date": ("", "right", False, False, "", 0),
    "committee": ("", "center", True, False, "", 24),
    "title": ("", "center", True, False, "", 28),
    "title_fr": ("", "center", False, True, "", 26),
    "heading1": ("Heading1", "", False, False, "", 0),
    "heading2": ("Heading2", "", False, False, "", 0),
    "heading3": ("Heading3", "", False, False, "", 0),
    "french": ("", "", False, True, "555555", 0),
    "coverage": ("", "", False, True, "1F3864", 0),
    "value": ("", "", True, False, "", 0),
    "bullet": ("ListBullet", "", False, False, "", 0),
}
PLAIN = ("", "", False, False, "", 0)
RICH_BLOCKS = {"p": "", "h3": "Heading4", "h4": "Heading5", "blockquote": "Quote", "li": "ListBullet"}
TEXT_WIDTH = 9638  # twips between the 2 cm margins of an A4 page
SECTION = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" '
           'w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>')
_BOOKMARK = re.compile(r"\W")


def escape(text: str, clean: bool = False) -> str:
    """``text`` as XML character data; ``clean`` when XML-incompatible characters are already gone."""
    text = (text if clean else xml_text(text)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace('"', "&quot;")
    return text.replace("\r", "&#13;") if "\r" in text else text


def bookmark_name(anchor: str) -> str:
    """Word bookmarks take letters, digits and underscores, beginning with a letter, at most 40."""
    return "b_" + _BOOKMARK.sub("_", anchor)[:38]


def relation_id(url: str) -> str:
    """The same link has the same relationship id in every package, so fragments can be shared."""
    return "rIdL" + hashlib.sha1(url.encode()).hexdigest()[:12]


@functools.cache
def _template() -> tuple[bytes, str, bytes]:
    """python-docx's default package with 10 pt text, compressed once: the package without its body and
    relationships (each document appends its own), the opening of document.xml and the relationships."""
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(10)
    buffer = io.BytesIO()
    document.save(buffer)
    base = io.BytesIO()
    with zipfile.ZipFile(buffer) as package, zipfile.ZipFile(base, "w", zipfile.ZIP_DEFLATED) as without_body:
        for name in package.namelist():
            if name not in ("word/document.xml", "word/_rels/document.xml.rels"):
                without_body.writestr(name, package.read(name))
        body = package.read("word/document.xml").decode()
        relations = package.read("word/_rels/document.xml.rels")
    return base.getvalue(), body[:body.index("<w:body>") + len("<w:body>")], relations


@dataclass
class Fragment:
    """Body XML of some blocks (kept as the blocks' pieces: a long document is never joined into one
    string) and the external links it uses."""

    pieces: list[str] = field(default_factory=list)
    urls: set[str] = field(default_factory=set)


@functools.cache
def _run_properties(bold: bool, italic: bool, colour: str, size: int, underline: bool) -> str:
    properties = (("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
                  + (f'<w:color w:val="{colour}"/>' if colour else "") + (f'<w:sz w:val="{size}"/>' if size else "")
                  + ('<w:u w:val="single"/>' if underline else ""))
    return f"<w:r><w:rPr>{properties}</w:rPr>" if properties else "<w:r>"


def _run(text: str, bold=False, italic=False, colour="", size=0, underline=False, clean=False) -> str:
    return (f'{_run_properties(bold, italic, colour, size, underline)}<w:t xml:space="preserve">'
            f"{escape(text, clean)}</w:t></w:r>")


def _paragraph_open(word_style="", alignment="", indent=0) -> str:
    properties = ((f'<w:pStyle w:val="{word_style}"/>' if word_style else "")
                  + (f'<w:ind w:left="{567 * indent}"/>' if indent else "")
                  + (f'<w:jc w:val="{alignment}"/>' if alignment else ""))
    return f"<w:p><w:pPr>{properties}</w:pPr>" if properties else "<w:p>"


class DocxBuilder:
    """Lays out blocks as fragments and packs fragments into DOCX files, for one compilation's build."""

    def __init__(self):
        self._bookmarks = 0

    def fragment(self, blocks: list[Block]) -> Fragment:
        fragment = Fragment()
        parts = fragment.pieces
        for block in blocks:
            if isinstance(block, Paragraph):
                parts.append(self._paragraph(block, fragment.urls))
            elif isinstance(block, Rich):
                parts.append(self._rich(block, fragment.urls))
            elif isinstance(block, Table):
                parts.append(self._table(block))
            elif isinstance(block, PageBreak):
                parts.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        return fragment

    def _link(self, run: Run, size: int, urls: set[str]) -> str:
        inner = _run(run.text, run.bold, run.italic, "0563C1", size, underline=True)
        if run.url:
            urls.add(run.url)
            return f'<w:hyperlink r:id="{relation_id(run.url)}">{inner}</w:hyperlink>'
        return f'<w:hyperlink w:anchor="{bookmark_name(run.anchor)}">{inner}</w:hyperlink>'

    def _paragraph(self, block: Paragraph, urls: set[str]) -> str:
        word_style, alignment, bold, italic, colour, size = STYLES.get(block.style, PLAIN)
        parts = [_paragraph_open(word_style, alignment, block.indent)]
        if block.anchor:
            self._bookmarks += 1
            parts.append(f'<w:bookmarkStart w:id="{self._bookmarks}" w:name="{bookmark_name(block.anchor)}"/>'
                         f'<w:bookmarkEnd w:id="{self._bookmarks}"/>')
        for run in block.runs:
            if run.url or run.anchor:
                parts.append(self._link(run, size, urls))
            else:
                parts.append(_run(run.text, bold or run.bold, italic or run.italic, colour, size))
        parts.append("</w:p>")
        return "".join(parts)

    def _rich(self, block: Rich, urls: set[str]) -> str:
        parts, open_paragraph = [], False
        for kind, tag, value in rich_events(xml_text(block.html)):
            if kind == "start" and tag in RICH_BLOCKS:
                style = "ListNumber" if tag == "li" and value.ordered else RICH_BLOCKS[tag]
                parts.append(("</w:p>" if open_paragraph else "") + _paragraph_open(style, "", block.indent))
                open_paragraph = True
            elif kind == "end" and tag in RICH_BLOCKS and open_paragraph:
                parts.append("</w:p>")
                open_paragraph = False
            elif kind == "br" and open_paragraph:
                parts.append("<w:r><w:br/></w:r>")
            elif kind == "text":
                if not open_paragraph:
                    if not value.text.strip():
                        continue
                    parts.append(_paragraph_open("", "", block.indent))
                    open_paragraph = True
                if value.href:
                    parts.append(self._link(Run(value.text, value.bold, value.italic, url=value.href), 0, urls))
                else:
                    parts.append(_run(value.text, value.bold, value.italic, underline=value.underline, clean=True))
        if open_paragraph:
            parts.append("</w:p>")
        return "".join(parts)

    @staticmethod
    def _table(table: Table) -> str:
        shares = [2] * (len(table.header) - 1) + [1]
        widths = [TEXT_WIDTH * share // sum(shares) for share in shares]
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
        rows = []
        for values, bold in ((table.header, True), *((row, False) for row in table.rows)):
            cells = []
            for value, width in zip(values, widths, strict=True):
                lines = "<w:r><w:br/></w:r>".join(_run(line, bold) for line in value.split("\n"))
                cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p>{lines}</w:p></w:tc>')
            header = "<w:trPr><w:tblHeader/></w:trPr>" if bold else ""
            rows.append(f"<w:tr>{header}{''.join(cells)}</w:tr>")
        return (f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/></w:tblPr>'
                f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>")

    @staticmethod
    def package(fragments: list[Fragment], target=None) -> bytes | None:
        """A DOCX file whose body is ``fragments`` in order, written to the binary file ``target`` as it
        is made (or returned, without one)."""
        base, opening, relations = _template()
        urls = set().union(*(fragment.urls for fragment in fragments))
        links = "".join(f'<Relationship Id="{relation_id(url)}" Type="{HYPERLINK}" Target="{escape(url)}" '
                        'TargetMode="External"/>' for url in sorted(urls))
        relations = relations.replace(b"</Relationships>", links.encode() + b"</Relationships>")
        output = target if target is not None else io.BytesIO()
        output.write(base)
        with zipfile.ZipFile(output, "a", zipfile.ZIP_DEFLATED) as package:
            package.writestr("word/_rels/document.xml.rels", relations)
            with package.open("word/document.xml", "w") as document:
                document.write(opening.encode())
                for fragment in fragments:
                    for piece in fragment.pieces:
                        document.write(piece.encode())
                document.write(f"{SECTION}</w:body></w:document>".encode())
        return None if target is not None else output.getvalue()


def write_docx(blocks: list[Block]) -> bytes:
    builder = DocxBuilder()
    return builder.package([builder.fragment(blocks)])


__all__ = ["DocxBuilder", "Fragment", "bookmark_name", "write_docx"]
