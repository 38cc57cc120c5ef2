"""Reads of compilations: which a user may see, the latest revision of each subject, one for its page."""

from django.shortcuts import get_object_or_404

from questionnaires.models import Version
from questionnaires.permissions import is_focal_point, is_secretariat, is_steering_member

from ..models import Compilation


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


def latest_compilations(user, version: Version) -> dict:
    """The latest revision per subject, keyed ('question', question id) / ('round', None) / ('country', id)."""
    latest = {}
    for compilation in compilations_for_user(user, version).order_by("revision"):
        subject = compilation.question_id or compilation.country_id
        latest[(compilation.kind, subject)] = compilation
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
