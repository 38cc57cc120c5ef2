"""What the secretariat's publication page shows: each Party and each other stakeholder, its live
publication, and whether something newer may be published than what is."""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404

from questionnaires import selectors as questionnaire_selectors
from questionnaires.models import Version

from ..models import Publication


@dataclass
class PartyPublication:
    country: object
    approved: int
    live: Publication | None
    newer_approved: bool


def publication_rows(version: Version, parties) -> list[PartyPublication]:
    """One row per Party, in four queries whatever their number."""
    parties = list(parties)
    questions = questionnaire_selectors.version_questions(version)
    approved: dict[int, dict[str, int]] = {}
    for answer_id, revision, country_id in questionnaire_selectors.approved_answer_revisions(version, questions,
                                                                                            parties):
        approved.setdefault(country_id, {})[str(answer_id)] = revision
    live = {p.country_id: p for p in Publication.objects.filter(version=version, ended_at__isnull=True,
                                                                country__isnull=False)
            .select_related("published_by")}
    rows = []
    for country in parties:
        current, publication = approved.get(country.pk, {}), live.get(country.pk)
        newer = publication is not None and any(
            publication.revisions.get(answer_id) != revision for answer_id, revision in current.items()
        )
        rows.append(PartyPublication(country, len(current), publication, newer))
    return rows


def ended_publications(version: Version) -> list[Publication]:
    """Publications of the version that were unpublished or replaced, latest first: the record of who
    withdrew what, when and why."""
    return list(Publication.objects.filter(version=version, ended_at__isnull=False)
                .select_related("country", "organisation", "published_by", "ended_by").order_by("-ended_at")[:100])


def publication_or_404(pk) -> Publication:
    return get_object_or_404(Publication.objects.select_related("version", "country", "organisation"), pk=pk)
