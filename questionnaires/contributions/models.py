"""Invitations of stakeholder organisations to a round, their comments on Parties' replies, the
secretariat's screening (audited) and the Parties' responses."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from questionnaires.models import Language


class Invitation(models.Model):
    """An organisation invited to contribute to one round (answer the questionnaire, comment on the
    Parties' replies) until ``time_limit``."""

    organisation = models.ForeignKey(
        "countries.Organisation", on_delete=models.CASCADE, related_name="invitations", verbose_name=_("organisation")
    )
    version = models.ForeignKey(
        "questionnaires.Version", on_delete=models.CASCADE, related_name="invitations", verbose_name=_("round")
    )
    time_limit = models.DateField(_("time limit"), help_text=_("The last day on which comments may be submitted."))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("invited by"),
    )
    invited_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    notified_time_limit = models.DateField(
        _("time limit e-mailed"), null=True, blank=True,
        help_text=_("The time limit the organisation's contacts were last e-mailed about."),
    )

    class Meta:
        ordering = ["version", "organisation__name"]
        verbose_name = _("invitation to comment")
        verbose_name_plural = _("invitations to comment")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "version"], name="one_invitation_per_round"),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.version}"


class Contribution(models.Model):
    """A stakeholder's comment on one Party's reply as a whole, or on its answer to one question."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted and forwarded")
        SET_ASIDE = "set_aside", _("Set aside")

    invitation = models.ForeignKey(
        Invitation, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("invitation")
    )
    country = models.ForeignKey(
        "countries.Country", on_delete=models.PROTECT, related_name="stakeholder_comments",
        verbose_name=_("Party"),
    )
    question = models.ForeignKey(
        "questionnaires.Question", on_delete=models.PROTECT, null=True, blank=True,
        related_name="stakeholder_comments", verbose_name=_("question"),
        help_text=_("Left empty, the comment is on the reply as a whole."),
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.EN)
    body = models.TextField(_("comment"))
    publishable = models.BooleanField(
        _("may be published"), default=True,
        help_text=_("Unticked, the comment is for the committee only."),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    screening_reason = models.TextField(_("reason of the screening"), blank=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("screened by"),
    )
    screened_at = models.DateTimeField(_("screened at"), null=True, blank=True)
    forwarded_at = models.DateTimeField(
        _("forwarded at"), null=True, blank=True, help_text=_("When the Party's focal points were e-mailed."),
    )

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("stakeholder comment")
        verbose_name_plural = _("stakeholder comments")

    def __str__(self):
        where = self.country.iso_code + (f" Q{self.question.number}" if self.question_id else "")
        return f"{self.invitation.organisation} on {where}"

    @property
    def organisation(self):
        return self.invitation.organisation


class ContributionEvent(models.Model):
    """One step in a comment's audit trail: submitted, accepted, set aside, forwarded."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        ACCEPTED = "accepted", _("accepted")
        SET_ASIDE = "set_aside", _("set aside")
        FORWARDED = "forwarded", _("forwarded")
        RESPONDED = "responded", _("responded to")

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("stakeholder comment event")
        verbose_name_plural = _("stakeholder comment events")

    def __str__(self):
        return f"{self.contribution_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


class ContributionResponse(models.Model):
    """A focal point's response, on behalf of the Party, to a comment forwarded to it."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="responses", verbose_name=_("comment")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    body = models.TextField(_("response"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Party's response")
        verbose_name_plural = _("Parties' responses")

    def __str__(self):
        return f"{self.contribution_id} {self.created_at:%Y-%m-%d}"
