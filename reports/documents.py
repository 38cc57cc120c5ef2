"""Writers of compilation documents: DOCX (python-docx), XLSX (openpyxl), HTML and PDF (WeasyPrint).

All of them render the same CompilationData; formatted answer text is the sanitised HTML subset of
the questionnaires app (paragraphs, lists, bold, italic, links), converted, never passed through raw.
"""

import io
from html.parser import HTMLParser

import docx
from django.template.loader import render_to_string
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from openpyxl import Workbook

from countries.spreadsheets import spreadsheet_row, xml_text
from questionnaires.models import Item
from questionnaires.sanitize import html_to_text, sanitize_html

from .selectors.contents import EntryStatus


def plain_text(html: str) -> str:
    return html_to_text(html, bullet="• ")


def value_text(item: Item, item_answer) -> str:
    """A structured value as words (labels in the document's language, not codes)."""
    if item_answer is None:
        return ""
    if item.type == Item.Type.YES_NO:
        return str(item_answer.get_yes_no_display()) if item_answer.yes_no else ""
    labels = {choice.code: choice.label for choice in item.choices.all()}
    if item.type == Item.Type.CHOICE:
        return labels.get(item_answer.choice, "")
    if item.type == Item.Type.MULTI_CHOICE:
        return "; ".join(labels.get(code, code) for code in item_answer.choices)
    if item.type == Item.Type.NUMBER:
        return "" if item_answer.number is None else str(item_answer.number)
    if item.type == Item.Type.TEXT:
        return plain_text(item_answer.text)
    if item.type == Item.Type.FILES:
        return "; ".join(_attachment_text(a) for a in item_answer.attachments.all())
    return ""


def _attachment_text(attachment) -> str:
    where = attachment.url or attachment.file.name.rsplit("/", 1)[-1]
    return f"{attachment.title} ({attachment.language}): {where}"


class DocxWriter:
    """Builds the document's XML directly and appends before a sentinel paragraph: python-docx's
    add_paragraph slows down superlinearly on long documents and its run.text setter works character
    by character; both matter for compilations of hundreds of pages."""

    def __init__(self):
        self.document = docx.Document()
        self._sentinel = self.document.add_paragraph()
        self._style_ids: dict[str, str] = {}

    def _style_id(self, name: str) -> str:
        if name not in self._style_ids:
            self._style_ids[name] = self.document.styles[name].style_id
        return self._style_ids[name]

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        element = OxmlElement("w:p")
        if style:
            properties = OxmlElement("w:pPr")
            style_element = OxmlElement("w:pStyle")
            style_element.set(qn("w:val"), self._style_id(style))
            properties.append(style_element)
            element.append(properties)
        self._sentinel._p.addprevious(element)
        paragraph = Paragraph(element, self._sentinel._parent)
        if text:
            self.run(paragraph, text)
        return paragraph

    @staticmethod
    def _run_element(text: str, bold=False, italic=False, underline=False, colour: str | None = None):
        run = OxmlElement("w:r")
        if bold or italic or underline or colour:
            properties = OxmlElement("w:rPr")
            for tag, on in (("w:b", bold), ("w:i", italic)):
                if on:
                    properties.append(OxmlElement(tag))
            for tag, value in (("w:u", "single" if underline else None), ("w:color", colour)):
                if value:
                    element = OxmlElement(tag)
                    element.set(qn("w:val"), value)
                    properties.append(element)
            run.append(properties)
        text_element = OxmlElement("w:t")
        text_element.text = xml_text(text)
        text_element.set(qn("xml:space"), "preserve")
        run.append(text_element)
        return run

    def run(self, paragraph: Paragraph, text: str, bold=False, italic=False, underline=False):
        """Append a run of plain text with the given emphasis."""
        paragraph._p.append(self._run_element(text, bold, italic, underline))

    def heading(self, text: str, level: int):
        return self.paragraph(text, f"Heading {level}" if level else "Title")

    def page_break(self):
        self.paragraph().add_run().add_break(WD_BREAK.PAGE)

    def html(self, html: str, style: str | None = None):
        _HtmlToDocx(self, style).feed(sanitize_html(html))

    def hyperlink(self, paragraph, text: str, url: str, bold=False, italic=False):
        relation = self.document.part.relate_to(xml_text(url), RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), relation)
        link.append(self._run_element(text, bold, italic, underline=True, colour="0563C1"))
        paragraph._p.append(link)

    def save(self) -> bytes:
        self._sentinel._element.getparent().remove(self._sentinel._element)
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


class _HtmlToDocx(HTMLParser):
    BLOCK_STYLES = {"p": None, "h3": "Heading 4", "h4": "Heading 5", "blockquote": "Quote"}

    def __init__(self, writer: DocxWriter, style: str | None):
        super().__init__(convert_charrefs=True)
        self.writer, self.base_style = writer, style
        self.current = None
        self.lists: list[str] = []
        self.bold = self.italic = self.underline = 0
        self.href = None

    def _start(self, style=None):
        self.current = self.writer.paragraph(style=style or self.base_style)

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
            self.current.add_run().add_break()

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
        if self.href:
            self.writer.hyperlink(self.current, data, self.href, bold=self.bold > 0, italic=self.italic > 0)
            return
        self.writer.run(self.current, data, bold=self.bold > 0, italic=self.italic > 0, underline=self.underline > 0)


def write_docx(context: dict) -> bytes:
    """The committee's working document: title page, summary of structured answers, then each
    country in alphabetical order with every item and its approved answer."""
    writer = DocxWriter()
    writer.heading(context["title_en"], 0)
    if context.get("title_fr"):
        writer.paragraph(context["title_fr"], "Subtitle")
    for line in context["title_lines"]:
        writer.paragraph(line)
    writer.page_break()
    for block in context["blocks"]:
        if context["with_summary"]:
            _docx_question_heading(writer, block, level=1)
            writer.heading("Summary of structured answers", 2)
            if not block.summaries:
                writer.paragraph("This question has no yes/no, choice or number items.")
            for summary in block.summaries:
                _docx_summary(writer, summary)
            writer.heading("Replies by country", 2)
        else:
            _docx_question_heading(writer, block, level=2)
        for entry in block.entries:
            if context["with_summary"]:
                writer.heading(entry.country.name, 3)
            if entry.status != EntryStatus.APPROVED:
                writer.paragraph(entry.status.label, "Intense Quote")
                continue
            for item in block.items:
                _docx_item(writer, item, entry.values.get(item.pk))
    return writer.save()


def _docx_question_heading(writer, block, level):
    writer.heading(f"Question {block.question.number}. {block.question.title_en}", level)
    if block.question.title_fr:
        writer.paragraph(f"Question {block.question.number}. {block.question.title_fr}", "Subtitle")


def _docx_summary(writer, summary):
    paragraph = writer.paragraph(style="List Bullet")
    writer.run(paragraph, f"{summary.item.number} {summary.item.text_en}: ", bold=True)
    if summary.numbers:
        n = summary.numbers
        writer.run(paragraph, f"{n['count']} replying; total {n['total']}, minimum {n['minimum']}, "
                              f"median {n['median']}, maximum {n['maximum']}")
    elif summary.options:
        parts = " · ".join(f"{o.label} {o.count} ({o.share}%)" for o in summary.options)
        writer.run(paragraph, f"{parts} of {summary.replying} replying")
    else:
        writer.run(paragraph, "no approved reply")


def _docx_item(writer, item, item_answer):
    label = writer.paragraph()
    writer.run(label, f"{item.number} ", bold=True)
    writer.run(label, item.text_en, italic=item.type == Item.Type.GROUP)
    if not item.is_answerable:
        return
    if item_answer is None:
        writer.paragraph("—")
        return
    if item.type == Item.Type.TEXT:
        if item_answer.text:
            writer.html(item_answer.text)
        else:
            writer.paragraph("—")
    elif item.type == Item.Type.FILES:
        attachments = list(item_answer.attachments.all())
        for attachment in attachments:
            paragraph = writer.paragraph(style="List Bullet")
            if attachment.url:
                writer.hyperlink(paragraph, attachment.title, attachment.url)
                writer.run(paragraph, f" ({attachment.language})")
            else:
                writer.run(paragraph, _attachment_text(attachment))
        if not attachments:
            writer.paragraph("No reference text attached.")
    else:
        writer.run(writer.paragraph(), value_text(item, item_answer) or "—", bold=True)
    if item.explain and item_answer.explanation:
        writer.html(item_answer.explanation)


def write_xlsx(context: dict) -> bytes:
    """For analysts: one row per country and one column per item (and explanation), plus the summary.
    Every text cell goes through ``spreadsheet_row``: never a formula, nothing XML cannot hold."""
    workbook = Workbook(write_only=True)
    for block in context["blocks"]:
        sheet = workbook.create_sheet(f"Q{block.question.number}"[:31])
        columns = []
        for item in block.items:
            if item.is_answerable:
                columns.append((item, "value", f"{item.number} {item.text_en}"))
                if item.explain:
                    columns.append((item, "explanation", f"{item.number} explanation"))
        sheet.append(spreadsheet_row(sheet, ["Country", "ISO code", "Status", *[title for _, _, title in columns]]))
        for entry in block.entries:
            row = [entry.country.name, entry.country.iso_code, entry.status.replace("_", " ")]
            for item, part, _title in columns:
                item_answer = entry.values.get(item.pk)
                if part == "explanation":
                    row.append(plain_text(item_answer.explanation) if item_answer else "")
                elif item.type == Item.Type.NUMBER and item_answer is not None:
                    row.append(item_answer.number)
                else:
                    row.append(value_text(item, item_answer))
            sheet.append(spreadsheet_row(sheet, row))
        if context["with_summary"] and block.summaries:
            summary = workbook.create_sheet(f"Q{block.question.number} summary"[:31])
            summary.append(spreadsheet_row(summary, ["Item", "Option", "Countries", "Share (%)", "Replying"]))
            for item_summary in block.summaries:
                for option in item_summary.options:
                    summary.append(spreadsheet_row(summary, [item_summary.item.number, option.label, option.count,
                                                             option.share, item_summary.replying]))
                for key, value in (item_summary.numbers or {}).items():
                    summary.append(spreadsheet_row(summary, [item_summary.item.number, key, value, None,
                                                             item_summary.replying]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_html(context: dict) -> str:
    """The document as HTML (the in-app preview and the PDF's source), without what XML cannot hold."""
    return xml_text(render_to_string("reports/compilation_document.html", context))


class PdfUnavailable(Exception):
    """PDF output cannot be produced here (e.g. the Pango library is missing); DOCX and XLSX still can."""


def write_pdf(html: str) -> bytes:
    try:
        # Imported only when a PDF is asked for: WeasyPrint is heavy and needs system libraries that a
        # server may lack, and DOCX and XLSX must still work without them.
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError) as error:
        raise PdfUnavailable(f"PDF output is not available on this server: {error}") from error
    # Compilations load no external resource: no protocol is allowed (file:, http:, data: alike).
    refuse_everything = URLFetcher(allowed_protocols=(), allow_redirects=False)
    return HTML(string=html, url_fetcher=refuse_everything).write_pdf()
