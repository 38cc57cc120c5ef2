"""The compliance assessment: the Parties × recommendations matrix (page and XLSX) and the assessment of
one Party's follow-up to one recommendation, with its history."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from questionnaires.permissions import require
from reports.selectors import version_for_progress

from .. import exports, selectors, services
from ..forms import AssessmentForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def compliance_matrix(request, version_pk):
    require(request.user, "followup.view_recommendations")
    version = version_for_progress(version_pk)
    matrix = selectors.compliance_matrix(version)
    columns = [(column, exports.column_summary(column)) for column in matrix.columns]
    rows = [(row, [(column.recommendation, cell, exports.cell_label(cell)) for column, cell
                   in zip(matrix.columns, row.cells, strict=True)], exports.row_summary(row, matrix.statuses))
            for row in matrix.rows]
    return render(request, "followup/compliance_matrix.html", {
        "version": version, "matrix": matrix, "columns": columns, "rows": rows,
    })


@login_required
def compliance_matrix_download(request, version_pk, fmt):
    require(request.user, "followup.view_recommendations")
    if fmt != "xlsx":
        raise Http404
    version = version_for_progress(version_pk)
    content = exports.compliance_matrix_xlsx(selectors.compliance_matrix(version))
    return FileResponse(io.BytesIO(content), as_attachment=True, content_type=XLSX,
                        filename=f"round-{version.pk}-compliance-{timezone.localdate().isoformat()}.xlsx")


@login_required
def assessment_edit(request, recommendation_pk, country_pk):
    require(request.user, "followup.assess_compliance")
    recommendation = selectors.recommendation_or_404(recommendation_pk)
    country = selectors.addressee_or_404(recommendation, country_pk)
    assessment = selectors.assessment_of(recommendation, country.pk)
    initial = {"status": assessment.status, "justification": assessment.justification} if assessment else {}
    form = AssessmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_record(recommendation=recommendation, country=country, user=request.user,
                                       **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Assessment of %(country)s on %(number)s saved.")
                             % {"country": country, "number": recommendation.number})
            return redirect("followup:compliance_matrix", recommendation.version_id)
    status = 400 if form.errors else 200
    return render(request, "followup/assessment_edit.html", {
        "recommendation": recommendation, "version": recommendation.version, "country": country, "form": form,
        "history": selectors.assessment_history(recommendation, country),
    }, status=status)
