"""Matrices for the implementation report: a question's Parties × categories, a round's Parties ×
commitments; each on a page and as XLSX or DOCX."""

import io

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone

from questionnaires.permissions import require
from questionnaires.selectors.compiling import issued_question_or_404
from reports import selectors as report_selectors

from .. import charts, exports, selectors

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _download(content: bytes, fmt: str, name: str) -> FileResponse:
    return FileResponse(io.BytesIO(content), as_attachment=True, content_type=CONTENT_TYPES[fmt],
                        filename=f"{name}-{timezone.localdate().isoformat()}.{fmt}")


def _format(fmt: str) -> str:
    if fmt not in CONTENT_TYPES:
        raise Http404
    return fmt


@login_required
def question_matrix(request, question_pk):
    """The round's Parties against the question's categories, with the totals."""
    require(request.user, "analysis.view_figures")
    question = issued_question_or_404(question_pk)
    return render(request, "analysis/question_matrix.html", {
        "question": question, "version": question.version, "matrix": selectors.category_matrix(question),
    })


@login_required
def question_matrix_download(request, question_pk, fmt):
    """The matrix as a workbook, or as a document with the chart of the Parties per category."""
    require(request.user, "analysis.view_figures")
    fmt = _format(fmt)
    question = issued_question_or_404(question_pk)
    findings = selectors.findings_of(question)
    table = exports.category_matrix_table(selectors.category_matrix(question, findings))
    rows = charts.chart_rows(findings) if fmt == "docx" else []
    if fmt == "xlsx":
        content = exports.table_xlsx(table)
    elif not rows:  # no codebook yet: nothing to chart
        content = exports.table_docx(table)
    else:
        spec = charts.category_chart(findings, rows)
        content = exports.table_docx(table, exports.Chart(charts.chart_png(spec), spec["description"], rows))
    return _download(content, fmt, f"question-{question.number}-matrix")


@login_required
def version_fact_matrix(request, version_pk):
    """The round's Parties against their commitments and memberships at its launch."""
    require(request.user, "analysis.view_figures")
    version = report_selectors.version_for_progress(version_pk)
    return render(request, "analysis/version_fact_matrix.html", {
        "version": version, "matrix": selectors.fact_matrix(version),
    })


@login_required
def version_fact_matrix_download(request, version_pk, fmt):
    require(request.user, "analysis.view_figures")
    fmt = _format(fmt)
    version = report_selectors.version_for_progress(version_pk)
    table = exports.fact_matrix_table(selectors.fact_matrix(version))
    content = exports.table_xlsx(table) if fmt == "xlsx" else exports.table_docx(table)
    return _download(content, fmt, f"round-{version.pk}-commitments")
