"""Writes of other stakeholders' comments: invitations, drafts and submission within the time limit,
screening by the secretariat (audited), forwarding to the Party and the Party's response."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from config.celery_app import enqueue_on_commit
from questionnaires.permissions import user_country_id, user_organisation_id
from questionnaires.sanitize import sanitize_html, storable_text
from questionnaires.signals import contribution_accepted

from .models import Contribution, ContributionEvent, ContributionResponse, Invitation
from .selectors import round_parties

FORWARD_TASK = "questionnaires.contributions.tasks.forward_contribution"
NOTIFY_TASK = "questionnaires.contributions.tasks.notify_invitation"
MAX_CHARS = 50_000
TAG = re.compile(r"<[a-zA-Z/]")


@transaction.atomic
def invitation_create(*, organisation, version, time_limit, user) -> Invitation:
    """Invite an organisation to contribute to the round until ``time_limit`` (or move its limit); its
    contacts are e-mailed once the invitation is saved."""
    if time_limit < timezone.localdate():
        raise ValidationError(_("The time limit is already past."), code="past_time_limit")
    invitation, _created = Invitation.objects.update_or_create(
        organisation=organisation, version=version, defaults={"time_limit": time_limit, "invited_by": user},
    )
    enqueue_on_commit(NOTIFY_TASK, invitation.pk)
    return invitation


def _as_html(text: str) -> str:
    """Typed text as sanitised HTML: plain text becomes paragraphs, formatted text keeps its allowed tags."""
    text = storable_text(text or "").strip()
    if not TAG.search(text):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        text = "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return sanitize_html(text)


def _checked_text(text: str, *, empty_message: str) -> str:
    html = _as_html(text)
    if not re.sub(r"<[^>]+>|\s|&nbsp;", "", html):
        raise ValidationError(empty_message, code="empty")
    if len(html) > MAX_CHARS:
        raise ValidationError(_("A text may have at most %(limit)s characters.") % {"limit": f"{MAX_CHARS:,}"},
                              code="too_long")
    return html


def _check_open(invitation: Invitation, user) -> None:
    if user_organisation_id(user) != invitation.organisation_id:
        raise ValidationError(_("You do not write for this organisation."), code="not_contact")
    if timezone.localdate() > invitation.time_limit:
        raise ValidationError(
            _("The time limit for comments on this round was %(date)s.") % {"date": invitation.time_limit},
            code="time_limit_passed",
        )


@transaction.atomic
def contribution_save(*, invitation: Invitation, author, country, question=None, language: str, body: str,
                      publishable: bool = True, contribution: Contribution | None = None) -> Contribution:
    """Save a draft comment on a Party's reply (or on its answer to ``question``), before the time limit."""
    _check_open(invitation, author)
    if contribution is not None and (contribution.invitation_id != invitation.pk
                                     or contribution.state != Contribution.State.DRAFT):
        raise ValidationError(_("This comment has been submitted and can no longer be changed."), code="not_draft")
    if not round_parties(invitation).filter(pk=country.pk).exists():
        raise ValidationError(_("%(country)s is not a Party of this round.") % {"country": country}, code="not_party")
    if question is not None and question.version_id != invitation.version_id:
        raise ValidationError(_("That question is not in this round."), code="wrong_question")
    contribution = contribution or Contribution(invitation=invitation)
    contribution.country, contribution.question, contribution.language = country, question, language
    contribution.body = _checked_text(body, empty_message=_("Write the comment first."))
    contribution.publishable, contribution.author = publishable, author
    contribution.save()
    return contribution


@transaction.atomic
def contribution_submit(*, contribution: Contribution, user) -> Contribution:
    """Send a draft to the secretariat; it can no longer be changed."""
    contribution = Contribution.objects.select_for_update().select_related("invitation").get(pk=contribution.pk)
    _check_open(contribution.invitation, user)
    if contribution.state != Contribution.State.DRAFT:
        raise ValidationError(_("This comment has already been submitted."), code="not_draft")
    contribution.state, contribution.submitted_at = Contribution.State.SUBMITTED, timezone.now()
    contribution.save(update_fields=["state", "submitted_at", "updated_at"])
    ContributionEvent.objects.create(contribution=contribution, action=ContributionEvent.Action.SUBMITTED, actor=user)
    return contribution


@transaction.atomic
def contribution_screen(*, contribution: Contribution, reviewer, accept: bool, reason: str = "") -> Contribution:
    """Accept a submitted comment (it is forwarded to the Party's focal points once committed) or set it
    aside; setting aside needs a reason. Both are recorded in the comment's audit trail."""
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    reason = storable_text(reason or "").strip()
    if contribution.state != Contribution.State.SUBMITTED:
        raise ValidationError(_("This comment has already been screened."), code="already_screened")
    if not accept and not reason:
        raise ValidationError(_("Give the reason for setting the comment aside."), code="reason_required")
    contribution.state = Contribution.State.ACCEPTED if accept else Contribution.State.SET_ASIDE
    contribution.screening_reason, contribution.screened_by = reason, reviewer
    contribution.screened_at = timezone.now()
    contribution.save(update_fields=["state", "screening_reason", "screened_by", "screened_at", "updated_at"])
    action = ContributionEvent.Action.ACCEPTED if accept else ContributionEvent.Action.SET_ASIDE
    ContributionEvent.objects.create(contribution=contribution, action=action, actor=reviewer, reason=reason)
    if accept:
        enqueue_on_commit(FORWARD_TASK, contribution.pk)
        contribution_accepted.send(sender=Contribution, contribution=contribution)
    return contribution


@transaction.atomic
def response_add(*, contribution: Contribution, author, body: str) -> ContributionResponse:
    """Record a focal point's response, for its Party, to a comment forwarded to it."""
    if contribution.state != Contribution.State.ACCEPTED or user_country_id(author) != contribution.country_id:
        raise ValidationError(_("Only the Party's focal points may respond to a comment forwarded to it."),
                              code="not_forwarded")
    text = _checked_text(body, empty_message=_("Write the response first."))
    response = ContributionResponse.objects.create(contribution=contribution, author=author, body=text)
    ContributionEvent.objects.create(contribution=contribution, action=ContributionEvent.Action.RESPONDED, actor=author)
    return response
