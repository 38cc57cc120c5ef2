"""A round's recommendations: the list, their import from YAML or XLSX, their export to YAML."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from questionnaires.permissions import require
from reports.selectors import latest_followup_compilations, version_for_progress

from .. import selectors, services
from ..forms import RecommendationsImportForm


@login_required
def recommendation_list(request, version_pk):
    require(request.user, "followup.view_recommendations")
    version = version_for_progress(version_pk)
    followups = selectors.followups_of(version)
    compilations = latest_followup_compilations(request.user, followups)
    return render(request, "followup/recommendation_list.html", {
        "version": version, "recommendations": selectors.recommendations_of(version),
        "form": RecommendationsImportForm(), "followups": followups,
        "drafts": selectors.draft_versions_besides(version),
        "followup_compilations": [(followup, compilations.get(followup.pk)) for followup in followups
                                  if followup.status != followup.Status.DRAFT],
    })


@login_required
@require_POST
def recommendations_import(request, version_pk):
    require(request.user, "followup.manage_recommendations")
    version = version_for_progress(version_pk)
    form = RecommendationsImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a YAML or XLSX file to import."))
        return redirect("followup:recommendation_list", version.pk)
    upload = form.cleaned_data["file"]
    content = upload.read(services.imports.MAX_BYTES + 1)
    try:
        if upload.name.lower().endswith(".xlsx"):
            saved = services.recommendations_import_xlsx(version=version, content=content)
        else:
            saved = services.recommendations_import_yaml(version=version, text=content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        messages.error(request, _("The file is neither UTF-8 text nor an XLSX workbook."))
    except ValidationError as error:
        messages.error(request, _("Nothing was imported:"))
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(count)s recommendations imported.") % {"count": len(saved)})
    return redirect("followup:recommendation_list", version.pk)


@login_required
def recommendations_export(request, version_pk):
    require(request.user, "followup.manage_recommendations")
    version = version_for_progress(version_pk)
    response = HttpResponse(services.recommendations_as_yaml(version=version),
                            content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="recommendations-round-{version.pk}.yaml"'
    return response


@login_required
@require_POST
def followup_generate(request, version_pk):
    require(request.user, "followup.manage_recommendations")
    version = version_for_progress(version_pk)
    try:
        followup = services.followup_version_generate(version=version, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("followup:recommendation_list", version.pk)
    messages.success(request, _("Draft follow-up questionnaire created: %(version)s. Check it, then publish it "
                                "from the admin.") % {"version": followup})
    return redirect("questionnaires:version_preview", followup.pk)
