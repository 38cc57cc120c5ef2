from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from questionnaires.models import Answer
from questionnaires.selectors import answer_state_counts

from . import selectors


def _require_progress_permission(user):
    if not user.has_perm("questionnaires.view_progress"):
        raise PermissionDenied


@login_required
def progress(request):
    """Every published or closed version with its answer counts per state."""
    _require_progress_permission(request.user)
    versions = [(version, answer_state_counts(version)) for version in selectors.reportable_versions()]
    return render(request, "reports/progress.html", {"versions": versions})


@login_required
def version_progress(request, pk):
    """One version's dashboard: countries × questions coloured by state, totals, progress over time."""
    _require_progress_permission(request.user)
    version = selectors.version_for_progress(pk)
    focus_only = request.GET.get("focus") == "1"
    return render(request, "reports/version_progress.html", {
        "version": version,
        "matrix": selectors.progress_matrix(version, focus_only=focus_only),
        "focus_only": focus_only,
        "states": Answer.State.choices,
        "chart": selectors.progress_chart(version),
    })
