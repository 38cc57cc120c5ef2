"""Publishing another stakeholder's contribution to a round: the approved answers of its reply (when it
let the reply be published) and its accepted comments on Parties' replies that it let be published.
Unpublishing is ``reply_unpublish``, as for a Party."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from questionnaires import selectors as questionnaire_selectors
from questionnaires.contributions import selectors as contribution_selectors
from questionnaires.models import Version

from ..models import Publication, PublishedComment
from .publishing import end_live, snapshot_answers


def _slug(version: Version, organisation) -> str:
    """The organisation's name in the address; its id is added if another organisation's publication of
    the round already has that slug (two names can slugify alike)."""
    slug = slugify(organisation.name)[:80] or "stakeholder"
    taken = Publication.objects.filter(version=version, organisation_slug=slug).exclude(organisation=organisation)
    return f"{slug}-{organisation.pk}" if taken.exists() else slug


@transaction.atomic
def stakeholder_publish(*, version: Version, organisation, user) -> Publication:
    """Publish what the organisation contributed to the version that may be published, as it stands now,
    replacing its live publication if there is one. A set-aside, unscreened or confidential comment,
    and the answers of a reply it did not let be published, are never copied."""
    if version.status == Version.Status.DRAFT:
        raise ValidationError(_("A draft version cannot be published."), code="draft_version")
    answers = questionnaire_selectors.stakeholder_answers_to_publish(version, organisation)
    comments = contribution_selectors.comments_to_publish(version_id=version.pk, organisation_id=organisation.pk)
    if not answers and not comments:
        raise ValidationError(
            _("%(organisation)s has no approved answer and no accepted comment that may be published.")
            % {"organisation": organisation.name}, code="nothing_publishable",
        )
    end_live(version, user=user, kind=Publication.EndKind.REPLACED, organisation=organisation)
    publication = Publication.objects.create(
        version=version, organisation=organisation, organisation_slug=_slug(version, organisation),
        published_at=timezone.now(), published_by=user,
        revisions={str(answer.pk): answer.revision for answer in answers},
    )
    snapshot_answers(publication, answers)
    PublishedComment.objects.bulk_create([
        PublishedComment(
            publication=publication, contribution=comment, country=comment.country, country_name=comment.country.name,
            question_number=comment.question.number if comment.question_id else "",
            position=comment.question.position + 1 if comment.question_id else 0, language=comment.language,
            body=comment.body, submitted_at=comment.submitted_at,
        )
        for comment in comments
    ])
    return publication
