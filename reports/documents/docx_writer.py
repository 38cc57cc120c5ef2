"""The layout as a DOCX document (python-docx's package and styles, paragraphs built as XML).

Paragraphs are inserted before a sentinel: python-docx's ``add_paragraph`` slows down superlinearly on
long documents, and its ``run.text`` setter works character by character.
"""

import io
import re
from html.parser import HTMLParser

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from countries.spreadsheets import xml_text

from .layout import Block, PageBreak, Paragraph, Rich, Run, Table

# style name in the layout -> (Word style, alignment, bold, italic, colour, size in half-points)
STYLES = {
    "symbol": (None, "right", True, False, None, 24),
    "date": (None, "right", False, False, None, None),
    "committee": (None, "center", True, False, None, 24),
    "title": (None, "center", True, False, None, 28),
    "title_fr": (None, "center", False, True, None, 26),
    "heading1": ("Heading 1", None, False, False, None, None),
    "heading2": ("Heading 2", None, False, False, None, None),
    "heading3": ("Heading 3", None, False, False, None, None),
    "french": (None, None, False, True, "555555", None),
    "coverage": (None, None, False, True, "1F3864", None),
    "value": (None, None, True, False, None, None),
    "bullet": ("List Bullet", None, False, False, None, None),
    "contents": (None, None, False, False, None, None),
}


def bookmark_name(anchor: str) -> str:
    """Word bookmarks take letters, digits and underscores, beginning with a letter, at most 40."""
    return ("_" + re.sub(r"\W", "_", anchor))[:40].lstrip("_") or "anchor"


class DocxWriter:
    def __init__(self):
        self.document = docx.Document()
        self.document.styles["Normal"].font.size = Pt(10)
        self._sentinel = self.document.add_paragraph()._p
        self._style_ids: dict[str, str] = {}
        self._bookmarks = 0

    def _style_id(self, name: str) -> str:
        if name not in self._style_ids:
            self._style_ids[name] = self.document.styles[name].style_id
        return self._style_ids[name]

    def paragraph(self, style: str = "body", indent: int = 0, anchor: str = "", word_style: str | None = None):
        """A new paragraph in a layout style (or a Word style, for formatted answer text)."""
        style_of_layout, alignment, *_ = STYLES.get(style, (None, None))
        word_style = word_style or style_of_layout
        element = OxmlElement("w:p")
        if word_style or alignment or indent:
            properties = OxmlElement("w:pPr")
            if word_style:
                style_element = OxmlElement("w:pStyle")
                style_element.set(qn("w:val"), self._style_id(word_style))
                properties.append(style_element)
            if indent:
                indentation = OxmlElement("w:ind")
                indentation.set(qn("w:left"), str(567 * indent))
                properties.append(indentation)
            if alignment:
                justification = OxmlElement("w:jc")
                justification.set(qn("w:val"), alignment)
                properties.append(justification)
            element.append(properties)
        if anchor:
            self._bookmarks += 1
            for tag in ("w:bookmarkStart", "w:bookmarkEnd"):
                mark = OxmlElement(tag)
                mark.set(qn("w:id"), str(self._bookmarks))
                if tag == "w:bookmarkStart":
                    mark.set(qn("w:name"), bookmark_name(anchor))
                element.append(mark)
        self._sentinel.addprevious(element)
        return element

    @staticmethod
    def run_element(text: str, bold=False, italic=False, underline=False, colour=None, size=None):
        run = OxmlElement("w:r")
        if bold or italic or underline or colour or size:
            properties = OxmlElement("w:rPr")
            for tag, on in (("w:b", bold), ("w:i", italic)):
                if on:
                    properties.append(OxmlElement(tag))
            for tag, value in (("w:color", colour), ("w:sz", size), ("w:u", "single" if underline else None)):
                if value:
                    element = OxmlElement(tag)
                    element.set(qn("w:val"), str(value))
                    properties.append(element)
            run.append(properties)
        text_element = OxmlElement("w:t")
        text_element.text = xml_text(text)
        text_element.set(qn("xml:space"), "preserve")
        run.append(text_element)
        return run

    def run(self, paragraph, run: Run, style: str = "body"):
        _word, _alignment, bold, italic, colour, size = STYLES.get(style, (None, None, False, False, None, None))
        bold, italic = bold or run.bold, italic or run.italic
        if run.url:
            link = OxmlElement("w:hyperlink")
            relation = self.document.part.relate_to(xml_text(run.url), RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
            link.set(qn("r:id"), relation)
            link.append(self.run_element(run.text, bold, italic, True, "0563C1", size))
            paragraph.append(link)
        elif run.anchor:
            link = OxmlElement("w:hyperlink")
            link.set(qn("w:anchor"), bookmark_name(run.anchor))
            link.append(self.run_element(run.text, bold, italic, True, "0563C1", size))
            paragraph.append(link)
        else:
            paragraph.append(self.run_element(run.text, bold, italic, False, colour, size))

    def block(self, block: Block):
        if isinstance(block, Paragraph):
            element = self.paragraph(block.style, block.indent, block.anchor)
            for run in block.runs:
                self.run(element, run, block.style)
        elif isinstance(block, Rich):
            _HtmlToDocx(self, block.indent).feed(block.html)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, PageBreak):
            run = OxmlElement("w:r")
            page_break = OxmlElement("w:br")
            page_break.set(qn("w:type"), "page")
            run.append(page_break)
            self.paragraph().append(run)

    def table(self, table: Table):
        grid = self.document.add_table(rows=1 + len(table.rows), cols=len(table.header))
        grid.style = self.document.styles["Table Grid"]
        for row_cells, values, bold in ((grid.rows[0].cells, table.header, True),
                                        *((grid.rows[i + 1].cells, row, False) for i, row in enumerate(table.rows))):
            for cell, value in zip(row_cells, values, strict=True):
                for index, line in enumerate(value.split("\n")):
                    if index:
                        line_break = OxmlElement("w:r")
                        line_break.append(OxmlElement("w:br"))
                        cell.paragraphs[0]._p.append(line_break)
                    cell.paragraphs[0]._p.append(self.run_element(line, bold=bold))
        self._sentinel.addprevious(grid._tbl)

    def save(self) -> bytes:
        self._sentinel.getparent().remove(self._sentinel)
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


class _HtmlToDocx(HTMLParser):
    """Formatted answer text (already sanitised when it was saved) as paragraphs and runs."""

    BLOCK_STYLES = {"p": None, "h3": "Heading 4", "h4": "Heading 5", "blockquote": "Quote"}

    def __init__(self, writer: DocxWriter, indent: int = 0):
        super().__init__(convert_charrefs=True)
        self.writer, self.indent = writer, indent
        self.current = None
        self.lists: list[str] = []
        self.bold = self.italic = self.underline = 0
        self.href = None

    def _start(self, word_style=None):
        self.current = self.writer.paragraph(indent=self.indent, word_style=word_style)

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCK_STYLES:
            self._start(self.BLOCK_STYLES[tag])
        elif tag in ("ul", "ol"):
            self.lists.append(tag)
        elif tag == "li":
            kind = self.lists[-1] if self.lists else "ul"
            self._start("List Number" if kind == "ol" else "List Bullet")
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "u":
            self.underline += 1
        elif tag == "a":
            self.href = dict(attrs).get("href")
        elif tag == "br" and self.current is not None:
            run = OxmlElement("w:r")
            run.append(OxmlElement("w:br"))
            self.current.append(run)

    def handle_endtag(self, tag):
        if tag in self.BLOCK_STYLES or tag == "li":
            self.current = None
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag in ("strong", "b"):
            self.bold -= 1
        elif tag in ("em", "i"):
            self.italic -= 1
        elif tag == "u":
            self.underline -= 1
        elif tag == "a":
            self.href = None

    def handle_data(self, data):
        if not data.strip() and self.current is None:
            return
        if self.current is None:
            self._start()
        run = Run(data, bold=self.bold > 0, italic=self.italic > 0, url=self.href or "")
        if self.underline and not self.href:
            self.current.append(self.writer.run_element(data, run.bold, run.italic, underline=True))
        else:
            self.writer.run(self.current, run)


def write_docx(blocks: list[Block]) -> bytes:
    writer = DocxWriter()
    for block in blocks:
        writer.block(block)
    return writer.save()
