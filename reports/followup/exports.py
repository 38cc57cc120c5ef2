"""The compliance matrix as an XLSX workbook: the same cells and counts as the page, every text cell
written as text (never a formula) through ``spreadsheet_row``."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from countries.spreadsheets import spreadsheet_row

from .selectors import NOT_ADDRESSED, ComplianceMatrix


def cell_label(cell) -> str:
    if cell is NOT_ADDRESSED:
        return _("not addressed")
    return cell.get_status_display() if cell else _("not assessed")


def column_summary(column) -> str:
    return _("%(number)s: %(implemented)s of %(addressees)s addressees implemented") % {
        "number": column.recommendation.number, "implemented": column.implemented, "addressees": column.addressees}


def row_summary(row, statuses) -> str:
    counts = [f"{status.label}: {row.counts.get(status, 0)}" for status in statuses]
    return _("%(addressed)s addressed; %(counts)s") % {"addressed": row.addressed, "counts": "; ".join(counts)}


def compliance_matrix_xlsx(matrix: ComplianceMatrix) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Compliance")[:31])
    sheet.append(spreadsheet_row(sheet, [str(matrix.version)]))
    sheet.append(spreadsheet_row(sheet, [_("Party"), *[c.recommendation.number for c in matrix.columns],
                                         _("Summary")]))
    for row in matrix.rows:
        sheet.append(spreadsheet_row(sheet, [row.country.name, *[cell_label(cell) for cell in row.cells],
                                             row_summary(row, matrix.statuses)]))
    for status in matrix.statuses:
        sheet.append(spreadsheet_row(sheet, [str(status.label), *[c.counts.get(status, 0) for c in matrix.columns]]))
    sheet.append(spreadsheet_row(sheet, [_("Not assessed"), *[c.not_assessed for c in matrix.columns]]))
    sheet.append(spreadsheet_row(sheet, [_("Addressees"), *[c.addressees for c in matrix.columns]]))
    sheet.append([])
    for column in matrix.columns:
        sheet.append(spreadsheet_row(sheet, [column_summary(column), column.recommendation.text_en]))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
