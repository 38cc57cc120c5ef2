"""The committee's assessment of a Party's follow-up to one recommendation, with every change recorded."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from countries.models import Country

from ..models import Assessment, AssessmentEvent, Recommendation
from ..selectors import addressee_ids

MAX_JUSTIFICATION = 20_000


@transaction.atomic
def assessment_record(*, recommendation: Recommendation, country: Country, status: str, justification: str,
                      user) -> Assessment:
    """Set ``country``'s assessment on ``recommendation`` and record who changed it, when, and from what.
    Refused for a country the recommendation does not address, an unknown assessment or an empty
    justification; saving the same values again records nothing."""
    justification = (justification or "").strip()
    errors = []
    if country.pk not in addressee_ids(recommendation):
        errors.append(ValidationError(_("%(number)s is not addressed to %(country)s.")
                                      % {"number": recommendation.number, "country": country}, code="not_addressed"))
    if status not in Assessment.Status.values:
        errors.append(ValidationError(_("Choose an assessment."), code="status"))
    if not justification:
        errors.append(ValidationError(_("Give the justification of the assessment."), code="justification"))
    elif len(justification) > MAX_JUSTIFICATION:
        errors.append(ValidationError(_("The justification is longer than 20,000 characters."), code="too_long"))
    if errors:
        raise ValidationError(errors)
    assessment = (Assessment.objects.select_for_update()
                  .filter(recommendation=recommendation, country=country).first())
    previous_status = assessment.status if assessment else ""
    previous_justification = assessment.justification if assessment else ""
    if assessment and (previous_status, previous_justification) == (status, justification):
        return assessment
    if assessment is None:
        assessment = Assessment(recommendation=recommendation, country=country)
    assessment.status, assessment.justification, assessment.updated_by = status, justification, user
    assessment.save()
    AssessmentEvent.objects.create(
        assessment=assessment, user=user, previous_status=previous_status, status=status,
        previous_justification=previous_justification, justification=justification,
    )
    return assessment
