"""Compilations: request, follow, preview, download (always through a permission check), publish."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.errors import error_text
from countries import selectors as country_selectors
from questionnaires import selectors as questionnaire_selectors
from questionnaires.permissions import require, require_visible

from .. import selectors, services
from ..followup import selectors as followup_selectors
from ..models import Compilation

FORMATS = {
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pdf": ("pdf", "application/pdf"),
    "zip": ("archive", "application/zip"),
}


@login_required
def compilation_list(request, version_pk):
    """Every question of a version with its latest compilation, the whole round and per country."""
    version = selectors.version_for_progress(version_pk)
    user = request.user
    can_request = user.has_perm("reports.request_compilation")
    latest = selectors.latest_compilations(user, version)
    if not can_request and not latest:
        require(user, "reports.request_compilation")
    questions = questionnaire_selectors.version_questions(version)
    coverage = selectors.question_coverage(version) if can_request else {}
    return render(request, "reports/compilation_list.html", {
        "version": version, "can_request": can_request,
        "rows": [(question, latest.get(("question", question.pk)), coverage.get(question.pk)) for question in questions],
        "round": latest.get(("round", None)),
        "followup": latest.get(("followup", None)),
        "followup_of": followup_selectors.followup_source(version),
        "by_country": sorted((c for (kind, _), c in latest.items() if kind == "country"), key=lambda c: c.country.name),
        "countries": selectors.round_parties(version) if can_request else [],
    })


@login_required
@require_POST
def compilation_request(request, version_pk):
    require(request.user, "reports.request_compilation")
    version = selectors.version_for_progress(version_pk)
    kind = request.POST.get("kind", Compilation.Kind.QUESTION)
    question = country = None
    if kind == Compilation.Kind.QUESTION:
        question = questionnaire_selectors.question_of_version(version, request.POST.get("question"))
    elif kind == Compilation.Kind.COUNTRY:
        country = country_selectors.country_or_404(request.POST.get("country"))
    elif kind not in (Compilation.Kind.ROUND, Compilation.Kind.FOLLOWUP):
        raise Http404
    try:
        compilation, created = services.compilation_request(
            version=version, kind=kind, question=question, country=country, user=request.user,
            include_contributions=request.POST.get("contributions") == "1",
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("reports:compilation_list", version.pk)
    if created:
        messages.success(request, _("Compilation requested: %(name)s.") % {"name": compilation})
    else:
        messages.info(request, _("Nothing changed since %(name)s: no new revision was made.") % {"name": compilation})
    return redirect("reports:compilation_detail", compilation.pk)


@login_required
def compilation_detail(request, pk):
    compilation = selectors.compilation_for_view(pk)
    require_visible(request.user, "reports.view_compilation", compilation)
    return render(request, "reports/compilation_detail.html", {
        "compilation": compilation,
        "coverage": selectors.compilation_coverage(compilation),
        "can_publish": request.user.has_perm("reports.publish_compilation", compilation),
        "can_request": request.user.has_perm("reports.request_compilation"),
        "revisions": selectors.compilation_revisions(request.user, compilation),
    })


@login_required
def compilation_status(request, pk):
    """Polled by the detail page until the compilation is done or failed."""
    compilation = selectors.compilation_for_view(pk)
    require_visible(request.user, "reports.view_compilation", compilation)
    return JsonResponse({
        "status": compilation.status, "status_label": compilation.get_status_display(),
        "progress": compilation.progress, "error": compilation.error,
        "finished": compilation.is_finished,
        "downloads": {
            fmt: reverse("reports:compilation_download", args=[compilation.pk, fmt])
            for fmt, (field, _type) in FORMATS.items() if getattr(compilation, field)
        },
    })


@login_required
def compilation_download(request, pk, fmt):
    """Files are never served from a public URL: every download checks the permission."""
    compilation = selectors.compilation_for_view(pk)
    require_visible(request.user, "reports.view_compilation", compilation)
    if fmt not in FORMATS:
        raise Http404
    field, content_type = FORMATS[fmt]
    stored = getattr(compilation, field)
    if not stored:
        raise Http404(_("This format is not available for this compilation."))
    return FileResponse(stored.open("rb"), as_attachment=True, filename=stored.name.rsplit("/", 1)[-1],
                        content_type=content_type)


@login_required
def compilation_preview(request, pk):
    compilation = selectors.compilation_for_view(pk)
    require_visible(request.user, "reports.view_compilation", compilation)
    if not compilation.preview:
        raise Http404(_("The preview is available once the compilation is done."))
    response = FileResponse(compilation.preview.open("rb"), content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@login_required
@require_POST
def compilation_retry(request, pk):
    require(request.user, "reports.request_compilation")
    compilation = selectors.compilation_for_view(pk)
    try:
        services.compilation_retry(compilation=compilation)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The compilation was queued again."))
    return redirect("reports:compilation_detail", compilation.pk)


@login_required
@require_POST
def compilation_publish(request, pk):
    compilation = selectors.compilation_for_view(pk)
    require_visible(request.user, "reports.view_compilation", compilation)
    require(request.user, "reports.publish_compilation", compilation)
    try:
        services.compilation_publish(compilation=compilation, published=request.POST.get("published") == "1")
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Focal points can now download it.") if compilation.published
                         else _("Withdrawn from focal points."))
    return redirect("reports:compilation_detail", compilation.pk)
