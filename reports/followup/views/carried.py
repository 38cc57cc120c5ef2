"""Earlier rounds' recommendations carried into the questions of a later version: the secretariat's page
that lists them, attaches one and removes one (while the version is a draft)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.errors import error_text
from questionnaires.permissions import require
from questionnaires.selectors import version_with_questionnaire

from .. import selectors, services
from ..forms import CarryForm


@login_required
def carried_list(request, version_pk):
    """The recommendations shown beside the version's questions, and the form that attaches another."""
    require(request.user, "followup.manage_recommendations")
    version = version_with_questionnaire(version_pk)
    form = CarryForm(request.POST or None, version=version,
                     recommendations=selectors.carriable_recommendations(version))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                carried = services.carried_recommendation_add(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("%(number)s is now shown beside question %(question)s.")
                                 % {"number": carried.recommendation.number, "question": carried.question.number})
                return redirect("followup:carried_list", version.pk)
        status = 400
    return render(request, "followup/carried_list.html", {
        "version": version, "carried": selectors.carried_into(version), "form": form,
    }, status=status)


@login_required
@require_POST
def carried_remove(request, pk):
    require(request.user, "followup.manage_recommendations")
    carried = selectors.carried_or_404(pk)
    version = carried.question.version
    try:
        services.carried_recommendation_remove(carried=carried)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("%(number)s is no longer shown beside question %(question)s.")
                         % {"number": carried.recommendation.number, "question": carried.question.number})
    return redirect("followup:carried_list", version.pk)
