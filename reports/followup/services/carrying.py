"""Earlier rounds' recommendations carried into the questions of a later version.

They change only while that version is a draft, like its questions and their addressees: once it is
published, every Party has seen the same recommendations beside the same question, and what a Party
answered against stays reproducible."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from questionnaires.models import Question

from ..models import CarriedRecommendation, Recommendation


def carrying_errors(*, recommendation: Recommendation, question: Question) -> list[ValidationError]:
    """Why ``recommendation`` may not be attached to ``question`` (nothing if it may)."""
    errors = []
    version = question.version
    if version.is_frozen:
        errors.append(ValidationError(
            _("%(version)s is no longer a draft: the recommendations shown beside its questions can no longer "
              "change.") % {"version": version}, code="frozen"))
    if recommendation.version_id == version.pk:
        errors.append(ValidationError(
            _("%(number)s is a recommendation of this version itself: attach it to a question of a later "
              "version.") % {"number": recommendation.number}, code="same_version"))
    elif CarriedRecommendation.objects.filter(recommendation=recommendation, question=question).exists():
        errors.append(ValidationError(
            _("%(number)s is already shown beside question %(question)s.")
            % {"number": recommendation.number, "question": question.number}, code="duplicate"))
    return errors


@transaction.atomic
def carried_recommendation_add(*, recommendation: Recommendation, question: Question, user) -> CarriedRecommendation:
    """Show ``recommendation`` beside ``question`` (of a later draft version) to the Parties it addresses."""
    errors = carrying_errors(recommendation=recommendation, question=question)
    if errors:
        raise ValidationError(errors)
    return CarriedRecommendation.objects.create(recommendation=recommendation, question=question, created_by=user)


@transaction.atomic
def carried_recommendation_remove(*, carried: CarriedRecommendation) -> None:
    """Stop showing a carried recommendation; refused once its question's version is no longer a draft."""
    version = carried.question.version
    if version.is_frozen:
        raise ValidationError(
            _("%(version)s is no longer a draft: the recommendations shown beside its questions can no longer "
              "change.") % {"version": version}, code="frozen")
    carried.delete()
