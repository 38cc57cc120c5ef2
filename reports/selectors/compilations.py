"""Reads of compilations: which a user may see, the latest revision of each subject, one for its page."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from countries.models import Country
from questionnaires.models import Version
from questionnaires.permissions import is_focal_point, is_secretariat, is_steering_member

from ..models import Compilation
from .progress import progress_matrix


def compilations_for_user(user, version: Version | None = None):
    """Compilations the user may see: all for the secretariat and steering group, published ones for
    focal points, none otherwise."""
    compilations = Compilation.objects.select_related("version__questionnaire", "question", "country", "requested_by")
    if version is not None:
        compilations = compilations.filter(version=version)
    if is_secretariat(user) or is_steering_member(user):
        return compilations
    if is_focal_point(user):
        return compilations.filter(published=True, status=Compilation.Status.DONE)
    return compilations.none()


def compilations_stuck(*, older_than: datetime.timedelta | None = None):
    """Compilations queued, or running, for longer than ``older_than`` (by default the limit after which
    beat re-queues them, COMPILATION_STUCK_AFTER_SECONDS): a lost worker or broker left them behind."""
    if older_than is None:
        older_than = datetime.timedelta(seconds=settings.COMPILATION_STUCK_AFTER_SECONDS)
    cutoff = timezone.now() - older_than
    return Compilation.objects.filter(
        Q(status=Compilation.Status.QUEUED, requested_at__lt=cutoff)
        | Q(status=Compilation.Status.RUNNING, started_at__lt=cutoff)
    )


def latest_compilations(user, version: Version) -> dict:
    """The latest revision per subject, keyed ('question', question id) / ('round', None) / ('country', id)."""
    latest = {}
    for compilation in compilations_for_user(user, version).order_by("revision"):
        subject = compilation.question_id or compilation.country_id
        latest[(compilation.kind, subject)] = compilation
    return latest


def latest_followup_compilations(user, versions: list[Version]) -> dict[int, Compilation]:
    """Per follow-up version id, the latest revision of its compilation per recommendation that the user
    may see."""
    latest = {}
    for compilation in compilations_for_user(user).filter(kind=Compilation.Kind.FOLLOWUP,
                                                          version__in=versions).order_by("revision"):
        latest[compilation.version_id] = compilation
    return latest


def compilation_for_view(compilation_id: int) -> Compilation:
    return get_object_or_404(
        Compilation.objects.select_related("version__questionnaire", "question", "country", "requested_by"),
        pk=compilation_id,
    )


def recent_compilations(user, limit: int = 15) -> list[Compilation]:
    """The user's most recently finished compilations, newest first, for the home page."""
    return list(compilations_for_user(user).filter(status=Compilation.Status.DONE).order_by("-finished_at")[:limit])


def compilation_revisions(user, compilation: Compilation):
    """Every revision of the same subject (kind, question, country) that the user may see, newest first."""
    return compilations_for_user(user, compilation.version).filter(
        kind=compilation.kind, question=compilation.question, country=compilation.country
    ).order_by("-revision")


# Where a Party's answer stands, as the compilation pages say it (the documents say it in both languages).
COVERAGE_STATES = {
    "approved": _("In the compilation (approved)"),
    "submitted": _("Not included: awaiting review"),
    "returned": _("Not included: returned for revision"),
    "draft": _("Not included: in preparation"),
    "no_reply": _("Not included: no reply started"),
}


@dataclass
class CoverageGroup:
    state: str
    label: str
    countries: list


def compilation_coverage(compilation: Compilation) -> list[tuple[str, list[CoverageGroup]]]:
    """Per question of a built compilation, the Parties in each state when it was built, named in the
    interface language."""
    codes = {code for question in compilation.coverage for code, _state in question["parties"]}
    countries = {country.iso_code: country for country in Country.objects.filter(iso_code__in=codes)}
    result = []
    for question in compilation.coverage:
        groups = []
        for state, label in COVERAGE_STATES.items():
            named = [countries[code] for code, entry_state in question["parties"] if entry_state == state
                     and code in countries]
            if named:
                groups.append(CoverageGroup(state, str(label), named))
        result.append((question["question"], groups))
    return result


def question_coverage(version: Version) -> dict[int, dict[str, int]]:
    """Per question id, how many Parties' answers are approved, awaiting review, returned, in
    preparation, or missing: what a compilation would include now."""
    matrix = progress_matrix(version)
    coverage = {}
    for question, totals, parties in zip(matrix.questions, matrix.question_totals, matrix.addressed, strict=True):
        coverage[question.pk] = {**totals, "missing": parties - sum(totals.values()), "parties": parties}
    return coverage
