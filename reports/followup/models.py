"""A round's recommendations (R1, R2, …) and, per Party addressed, the committee's assessment of their
implementation, with every change kept."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from questionnaires.models import localized


class Recommendation(models.Model):
    class Strength(models.TextChoices):
        URGES = "urges", _("The Committee urges")
        SHOULD = "should", _("The Committee considers that Parties should")
        INVITES = "invites", _("The Committee invites")

    version = models.ForeignKey("questionnaires.Version", on_delete=models.CASCADE, related_name="recommendations",
                                verbose_name=_("round (questionnaire version)"))
    number = models.CharField(_("number"), max_length=10, help_text=_("R followed by a number, e.g. R7."))
    position = models.PositiveIntegerField(_("position"), default=0, editable=False)
    heading = models.CharField(_("report heading"), max_length=300, blank=True)
    strength = models.CharField(_("strength"), max_length=10, choices=Strength.choices)
    text_en = models.TextField(_("text (English)"))
    text_fr = models.TextField(_("text (French)"), blank=True)
    all_parties = models.BooleanField(
        _("addressed to all Parties"), default=True,
        help_text=_("Untick to address the recommendation only to the countries chosen below."),
    )
    addressees = models.ManyToManyField("countries.Country", blank=True, related_name="+",
                                        verbose_name=_("named addressees"))
    questions = models.ManyToManyField("questionnaires.Question", blank=True, related_name="recommendations",
                                       verbose_name=_("questions it arises from"))

    class Meta:
        ordering = ["version", "position", "number"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [models.UniqueConstraint(fields=["version", "number"], name="unique_recommendation_number")]

    def __str__(self):
        return self.number

    def save(self, *args, **kwargs):
        digits = self.number[1:]
        self.position = int(digits) if digits.isdigit() else 0
        super().save(*args, **kwargs)

    @property
    def text(self):
        return localized(self, "text")


class Assessment(models.Model):
    class Status(models.TextChoices):
        IMPLEMENTED = "implemented", _("Implemented")
        PARTLY = "partly", _("Partly implemented")
        NOT_IMPLEMENTED = "not", _("Not implemented")
        NO_INFORMATION = "no_information", _("No information")

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="assessments")
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("Party"))
    status = models.CharField(_("assessment"), max_length=20, choices=Status.choices)
    justification = models.TextField(_("justification"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["recommendation", "country"]
        verbose_name = _("compliance assessment")
        verbose_name_plural = _("compliance assessments")
        constraints = [models.UniqueConstraint(fields=["recommendation", "country"], name="unique_assessment")]

    def __str__(self):
        return f"{self.recommendation} – {self.country}"


class AssessmentEvent(models.Model):
    """One change of an assessment: who, when, the value before and after."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="events")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(_("when"), auto_now_add=True)
    previous_status = models.CharField(_("previous assessment"), max_length=20, choices=Assessment.Status.choices,
                                       blank=True)
    status = models.CharField(_("assessment"), max_length=20, choices=Assessment.Status.choices)
    previous_justification = models.TextField(_("previous justification"), blank=True)
    justification = models.TextField(_("justification"))

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("assessment change")
        verbose_name_plural = _("assessment changes")

    def __str__(self):
        return f"{self.assessment}: {self.previous_status or '—'} → {self.status}"


class FollowUpVersion(models.Model):
    """A questionnaire version generated from a round's recommendations: the round it follows up, so that
    its Parties become the round's when it is published."""

    version = models.OneToOneField("questionnaires.Version", on_delete=models.CASCADE, related_name="followup_of",
                                   verbose_name=_("follow-up version"))
    source = models.ForeignKey("questionnaires.Version", on_delete=models.CASCADE, related_name="followups",
                               verbose_name=_("round followed up"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("generated follow-up questionnaire")
        verbose_name_plural = _("generated follow-up questionnaires")

    def __str__(self):
        return f"{self.version} ← {self.source}"


class CarriedRecommendation(models.Model):
    """An earlier round's recommendation shown beside a question of a later version, with each addressee's
    own last follow-up to it. Attached while the later version is a draft, like the rest of its content."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="carried_into",
                                       verbose_name=_("recommendation"))
    question = models.ForeignKey("questionnaires.Question", on_delete=models.CASCADE,
                                 related_name="carried_recommendations", verbose_name=_("question"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                                   verbose_name=_("attached by"))
    created_at = models.DateTimeField(_("attached"), auto_now_add=True)

    class Meta:
        ordering = ["question", "recommendation__version", "recommendation__position"]
        verbose_name = _("recommendation carried into a later question")
        verbose_name_plural = _("recommendations carried into later questions")
        constraints = [models.UniqueConstraint(fields=["recommendation", "question"],
                                               name="unique_carried_recommendation")]

    def __str__(self):
        return f"{self.recommendation} → {self.question.number}"
