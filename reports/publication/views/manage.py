"""The secretariat's publication page of a version: publish, re-publish and unpublish Parties' replies
and other stakeholders' contributions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.errors import error_text
from countries import selectors as country_selectors
from questionnaires.permissions import require
from reports import selectors as report_selectors

from .. import selectors, services


@login_required
def publication_list(request, version_pk):
    require(request.user, "publication.manage_publications")
    version = report_selectors.version_for_progress(version_pk)
    return render(request, "publication/publication_list.html", {
        "version": version, "rows": selectors.publication_rows(version, report_selectors.round_parties(version)),
        "stakeholders": selectors.stakeholder_rows(version), "ended": selectors.ended_publications(version),
    })


@login_required
@require_POST
def reply_publish(request, version_pk, country_pk):
    require(request.user, "publication.manage_publications")
    version = report_selectors.version_for_progress(version_pk)
    country = country_selectors.country_or_404(country_pk)
    try:
        services.reply_publish(version=version, country=country, user=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The reply of %(country)s is published.") % {"country": country.local_name})
    return redirect("publication:publication_list", version.pk)


@login_required
@require_POST
def stakeholder_publish(request, version_pk, organisation_pk):
    require(request.user, "publication.manage_publications")
    version = report_selectors.version_for_progress(version_pk)
    organisation = country_selectors.organisation_or_404(organisation_pk)
    try:
        services.stakeholder_publish(version=version, organisation=organisation, user=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The contribution of %(organisation)s is published.")
                         % {"organisation": organisation.name})
    return redirect("publication:publication_list", version.pk)


@login_required
@require_POST
def publication_unpublish(request, pk):
    require(request.user, "publication.manage_publications")
    publication = selectors.publication_or_404(pk)
    try:
        services.reply_unpublish(publication=publication, user=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The reply of %(country)s is no longer public.")
                         % {"country": publication.country.local_name} if publication.country_id else
                         _("The contribution of %(organisation)s is no longer public.")
                         % {"organisation": publication.organisation.name})
    return redirect("publication:publication_list", publication.version_id)
