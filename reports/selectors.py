"""Reads for progress reporting; questionnaires are read through their own selectors."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from countries.models import Country
from questionnaires.models import Answer, Reply, Version
from questionnaires.selectors import progress_by_reply

from .models import ProgressSnapshot


@dataclass
class CountryProgress:
    country: Country
    reply: Reply | None
    counts: dict[str, int]
    required_answered: int
    required_total: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.required_answered / self.required_total) if self.required_total else None


def reportable_versions():
    return Version.objects.exclude(status=Version.Status.DRAFT).select_related("questionnaire")


def version_for_progress(version_id: int) -> Version:
    return get_object_or_404(reportable_versions(), pk=version_id)


def version_progress_by_country(version: Version, *, focus_only: bool = False) -> list[CountryProgress]:
    """Every member country with its reply's answer counts per state, in a fixed number of queries."""
    countries = Country.objects.all()
    if version.published_at:
        countries = countries.members_on(version.published_at.date())
    if focus_only:
        countries = countries.filter(focus_country=True)
    state_counts = {
        state: Count("answers", filter=Q(answers__state=state)) for state in Answer.State.values
    }
    replies = {reply.country_id: reply for reply in Reply.objects.filter(version=version).annotate(**state_counts)}
    progress = progress_by_reply(list(replies.values()))
    rows = []
    for country in countries:
        reply = replies.get(country.pk)
        counts = {state: getattr(reply, state, 0) if reply else 0 for state in Answer.State.values}
        reply_progress = progress.get(reply.pk) if reply else None
        rows.append(CountryProgress(
            country=country,
            reply=reply,
            counts=counts,
            required_answered=reply_progress.answered if reply_progress else 0,
            required_total=reply_progress.required if reply_progress else 0,
        ))
    return rows


def progress_history(version: Version):
    return ProgressSnapshot.objects.filter(version=version).order_by("day")
