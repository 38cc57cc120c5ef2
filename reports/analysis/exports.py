"""The matrices as XLSX and DOCX files ready for the implementation report.

Each matrix is first laid out once as an ``ExportTable`` (title, the dated note saying whose
interpretation it is, header, rows, totals); both writers take that table, so the workbook and the
document hold the same cells. Every XLSX cell goes through ``spreadsheet_cell`` (a category label
beginning with = or - stays text), every DOCX text through ``xml_text``.
"""

import io
from dataclasses import dataclass, field

import docx
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from countries.spreadsheets import spreadsheet_row, xml_text

from .charts import ChartRow
from .selectors.matrices import TICK, CategoryMatrix, FactMatrix

BOLD = Font(bold=True)
ITALIC = Font(italic=True)
WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass
class Chart:
    png: bytes
    description: str
    rows: list[ChartRow]
    grouped: bool = False


@dataclass
class ExportTable:
    title: str
    note: str
    header: list[str]
    rows: list[list[str]]
    totals: list[str]
    sheet: str
    widths: list[int] = field(default_factory=list)


def _day(day) -> str:
    return date_format(day, "DATE_FORMAT")


def category_matrix_table(matrix: CategoryMatrix) -> ExportTable:
    question = matrix.question
    rows = [
        [row.country.name, row.words, *[TICK if cell else "" for cell in row.cells]]
        for row in matrix.rows
    ]
    return ExportTable(
        title=_("Question %(number)s. %(title)s: Parties by category") % {"number": question.number,
                                                                           "title": question.title},
        note=_("The Secretariat's interpretation of the replies, as of %(day)s: a Party has ✓ under a category "
               "when its settled or agreed coding has it or one of its subcategories; Parties whose coders "
               "disagree or whose answer is not coded are counted under none.") % {"day": _day(matrix.as_of)},
        header=[_("Party"), _("Reading"), *[column.label for column in matrix.columns]],
        rows=rows,
        totals=[_("Parties"), _counted_of(matrix), *matrix.total_labels],
        sheet=f"Q{question.number} matrix"[:31],
        widths=[24, 26, *[16 for _column in matrix.columns]],
    )


def _counted_of(matrix: CategoryMatrix) -> str:
    return _("%(counted)s of %(total)s counted") % {"counted": matrix.parties - matrix.not_counted,
                                                    "total": matrix.parties}


def fact_matrix_table(matrix: FactMatrix) -> ExportTable:
    return ExportTable(
        title=_("%(version)s: Parties' commitments and memberships") % {"version": matrix.version},
        note=_("As recorded by the Secretariat, as they stood on %(launch)s (the launch of the round); "
               "prepared on %(today)s. ✓: State Party or member; SIGNED: signed, not ratified; blank: "
               "neither, or not recorded.") % {"launch": _day(matrix.as_of), "today": _day(timezone.localdate())},
        header=[_("Party"), *[column.label for column in matrix.columns]],
        rows=[[country.name, *marks] for country, marks in matrix.rows],
        totals=[_("Parties"), *matrix.total_labels],
        sheet=_("Commitments")[:31],
        widths=[24, *[18 for _column in matrix.columns]],
    )


def table_xlsx(table: ExportTable) -> bytes:
    """A workbook of one sheet: title, note, then the table with a bold header and totals."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(table.sheet)
    for index, width in enumerate(table.widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "B5"

    def styled(values, font, alignment=None):
        cells = spreadsheet_row(sheet, values)
        for cell in cells:
            if isinstance(cell, Cell):  # text; numbers stay plain values
                cell.font = font
                if alignment is not None:
                    cell.alignment = alignment
        return cells

    sheet.append(styled([table.title], BOLD))
    sheet.append(styled([table.note], ITALIC))
    sheet.append([])
    sheet.append(styled(table.header, BOLD, WRAP))
    for row in table.rows:
        sheet.append(spreadsheet_row(sheet, row))
    sheet.append(styled(table.totals, BOLD))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _repeat_header(row):
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _docx_table(document, header: list[str], rows: list[list], totals: list[str] | None = None):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(xml_text(str(text))).bold = True
    _repeat_header(table.rows[0])
    for values in [*rows, *([totals] if totals else [])]:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            run = cell.paragraphs[0].add_run(xml_text(str(text)))
            run.bold = values is totals
    return table


def table_docx(table: ExportTable, chart: Chart | None = None) -> bytes:
    """A document with the title, the dated note, the table and, when given, the chart with its data."""
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(9)
    section = document.sections[0]
    if len(table.header) > 6:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(2))
    document.add_heading(xml_text(table.title), level=1)
    document.add_paragraph().add_run(xml_text(table.note)).italic = True
    _docx_table(document, table.header, table.rows, table.totals)
    if chart is not None:
        document.add_paragraph()
        run = document.add_paragraph().add_run()
        run.add_picture(io.BytesIO(chart.png), width=Cm(16))
        run._r.xpath(".//wp:docPr")[0].set("descr", xml_text(chart.description))
        document.add_paragraph().add_run(xml_text(_("Data of the chart"))).bold = True
        header = [_("Category"), *([_("Group")] if chart.grouped else []), _("Parties")]
        _docx_table(document, header, [[row.category, *([row.group] if chart.grouped else []), row.parties]
                                       for row in chart.rows])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
