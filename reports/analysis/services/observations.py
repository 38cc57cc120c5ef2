"""Writes to a question's observations: a revision at every save, the secretariat's comments, adoption."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from questionnaires.models import Question
from questionnaires.sanitize import sanitize_html

from ..models import Observations, ObservationsComment, ObservationsRevision
from ..references import unknown_references
from ..selectors.observations import figure_values, observations_findings, referenced_values


def _locked(question: Question) -> Observations:
    observations, _created = Observations.objects.get_or_create(question=question)
    return Observations.objects.select_for_update().get(pk=observations.pk)


def _latest(observations: Observations) -> ObservationsRevision | None:
    return observations.revisions.order_by("-number").first()


@transaction.atomic
def observations_save(*, question: Question, author, text: str) -> ObservationsRevision:
    """Save the observations' text (sanitised) as a new revision by ``author``; the text is kept whatever
    its references name. Saving the text unchanged makes no revision. After an adoption, a save starts
    a new draft from the adopted text, which stays adopted."""
    text = sanitize_html(text)
    observations = _locked(question)
    latest = _latest(observations)
    if latest is None and not text:
        raise ValidationError(_("Write the observations before saving them."), code="empty")
    if latest is not None and latest.text == text:
        return latest
    return ObservationsRevision.objects.create(
        observations=observations, number=(latest.number if latest else 0) + 1, text=text, author=author,
    )


@transaction.atomic
def observations_adopt(*, question: Question, user) -> ObservationsRevision:
    """Adopt the latest revision: the figures its references name are frozen with it, with the date, so
    that later codings no longer change the adopted text. Refused while a reference is unknown."""
    observations = _locked(question)
    latest = _latest(observations)
    if latest is None or not latest.text:
        raise ValidationError(_("There are no observations to adopt yet."), code="nothing_to_adopt")
    if latest.adopted:
        raise ValidationError(_("Revision %(number)s is already adopted.") % {"number": latest.number},
                              code="already_adopted")
    values = figure_values(observations_findings(question))
    unknown = unknown_references(latest.text, values)
    if unknown:
        raise ValidationError(
            _("These references name no figure of this question: %(references)s. Correct them before adopting.")
            % {"references": ", ".join(unknown)}, code="unknown_references",
        )
    latest.figures = referenced_values(latest.text, values)
    latest.adopted_at, latest.adopted_by = timezone.now(), user
    latest.save(update_fields=["figures", "adopted_at", "adopted_by"])
    return latest


@transaction.atomic
def observations_comment_add(*, question: Question, author, body: str) -> ObservationsComment:
    """Add the secretariat's comment to the observations' thread."""
    body = body.strip()
    if not body:
        raise ValidationError(_("Write a comment before posting it."), code="empty")
    return ObservationsComment.objects.create(observations=_locked(question), author=author, body=body)
