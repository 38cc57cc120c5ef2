"""Following a round: every version's counts, and one version's countries × questions dashboard."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from questionnaires.models import Answer
from questionnaires.permissions import require

from .. import selectors


@login_required
def progress(request):
    """Every published or closed version with its answer counts per state."""
    require(request.user, "questionnaires.view_progress")
    versions = selectors.versions_with_state_counts(selectors.reportable_versions())
    return render(request, "reports/progress.html", {"versions": versions})


@login_required
def version_progress(request, pk):
    """One version's dashboard: countries × questions coloured by state, totals, progress over time."""
    require(request.user, "questionnaires.view_progress")
    version = selectors.version_for_progress(pk)
    focus_only = request.GET.get("focus") == "1"
    return render(request, "reports/version_progress.html", {
        "version": version,
        "matrix": selectors.progress_matrix(version, focus_only=focus_only),
        "focus_only": focus_only,
        "states": Answer.State.choices,
        "chart": selectors.progress_chart(version),
    })
