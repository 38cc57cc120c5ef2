"""Following a round: every version's counts, one version's countries × questions dashboard, and one
country's states."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.gzip import gzip_page

from questionnaires.permissions import require

from .. import selectors


@login_required
def progress(request):
    """Every published or closed version with its answer counts per state."""
    require(request.user, "questionnaires.view_progress")
    versions = selectors.versions_with_state_counts(selectors.reportable_versions())
    return render(request, "reports/progress.html", {"versions": versions})


@login_required
@gzip_page
def version_progress(request, pk):
    """One version's dashboard: countries × questions marked by state, totals, progress over time. Each
    cell links to the answer for reviewers, and to the country's states for the steering group. Sent
    compressed: its repetitive cells (about 1 MB at 200 Parties × 64 questions) shrink about tenfold, and
    it reflects no user input beside its CSRF token, which Django masks differently in every response."""
    require(request.user, "questionnaires.view_progress")
    version = selectors.version_for_progress(pk)
    focus_only = request.GET.get("focus") == "1"
    return render(request, "reports/version_progress.html", {
        "version": version,
        "matrix": selectors.progress_matrix(version, focus_only=focus_only),
        "focus_only": focus_only,
        "links": "review" if request.user.has_perm("questionnaires.review_answer") else "country",
        "chart": selectors.progress_chart(version),
    })


@login_required
def country_progress(request, pk, country_pk):
    """One Party's state for each question of a version (states only: no answer's content)."""
    require(request.user, "questionnaires.view_progress")
    version = selectors.version_for_progress(pk)
    country = selectors.country_for_progress(version, country_pk)
    return render(request, "reports/country_progress.html", {
        "version": version, "country": country, "questions": selectors.country_progress(version, country),
    })
