"""What the public sees: snapshots of a Party's approved answers, or of another stakeholder's approved
answers and accepted comments, taken when the secretariat publishes.

A publication is never changed or deleted: unpublishing or re-publishing ends it (who, when, why), and
re-publishing starts a new one. Rendering a public page reads these rows only, never the answers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Publication(models.Model):
    """One Party's reply to a version, or one other stakeholder's contribution to it (its reply if it
    answered, its comments on Parties' replies), as published at ``published_at`` (live while ``ended_at``
    is empty). Exactly one of ``country`` and ``organisation`` is set."""

    class EndKind(models.TextChoices):
        UNPUBLISHED = "unpublished", _("Unpublished")
        REPLACED = "replaced", _("Replaced by a new publication")

    version = models.ForeignKey("questionnaires.Version", on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("version"))
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="+", null=True,
                                blank=True, verbose_name=_("country"))
    country_slug = models.SlugField(_("country in the address"), max_length=100, blank=True)
    organisation = models.ForeignKey("countries.Organisation", on_delete=models.PROTECT, related_name="+",
                                     null=True, blank=True, verbose_name=_("other stakeholder"))
    organisation_slug = models.SlugField(_("stakeholder in the address"), max_length=100, blank=True)
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                     related_name="+", verbose_name=_("published by"))
    revisions = models.JSONField(_("answer revisions published"), default=dict,
                                 help_text=_("Answer id → the approved revision in the snapshot."))
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("ended by"))
    end_kind = models.CharField(_("how it ended"), max_length=12, choices=EndKind.choices, blank=True)
    end_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["version", "country__name", "organisation__name", "-published_at"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        constraints = [
            models.UniqueConstraint(fields=["version", "country"], condition=models.Q(ended_at__isnull=True),
                                    name="one_live_publication_per_reply"),
            models.UniqueConstraint(fields=["version", "organisation"],
                                    condition=models.Q(ended_at__isnull=True),
                                    name="one_live_publication_per_stakeholder"),
            models.CheckConstraint(
                condition=models.Q(country__isnull=False, organisation__isnull=True)
                | models.Q(country__isnull=True, organisation__isnull=False),
                name="publication_of_a_party_or_a_stakeholder",
            ),
        ]
        indexes = [models.Index(fields=["version", "country_slug", "ended_at"]),
                   models.Index(fields=["version", "organisation_slug", "ended_at"])]

    def __str__(self):
        return f"{self.respondent} – {self.version} ({self.published_at:%Y-%m-%d %H:%M})"

    @property
    def is_live(self) -> bool:
        return self.ended_at is None

    @property
    def respondent(self):
        """The Party (a Country) or the other stakeholder (an Organisation) published."""
        return self.country if self.country_id else self.organisation

    @property
    def respondent_name(self) -> str:
        return self.country.local_name if self.country_id else self.organisation.name


class PublishedAnswer(models.Model):
    """The approved revision of one answer, as published: question texts and rendered item values."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="answers")
    question_number = models.CharField(_("question number"), max_length=20)
    position = models.PositiveIntegerField(_("position"))
    question_title_en = models.CharField(_("question (English)"), max_length=500)
    question_title_fr = models.CharField(_("question (French)"), max_length=500, blank=True)
    revision = models.PositiveIntegerField(_("revision"))
    language = models.CharField(_("language"), max_length=2)
    national_language = models.CharField(_("national language"), max_length=3, blank=True)
    national_text = models.TextField(_("national-language version"), blank=True)
    items = models.JSONField(_("items"), default=list, help_text=_("Each item's texts and value, as published."))

    class Meta:
        ordering = ["publication", "position"]
        verbose_name = _("published answer")
        verbose_name_plural = _("published answers")
        indexes = [models.Index(fields=["question_number", "publication"])]

    def __str__(self):
        return f"{self.publication.respondent} {self.question_number}"


def _document_path(document, filename):
    return f"publication/{document.published_answer.publication_id}/{filename}"


class PublishedDocument(models.Model):
    """A reference text of a published answer: a link, or a copy of the file made when publishing, so
    that the published reply does not change when the Party later replaces its files."""

    published_answer = models.ForeignKey(PublishedAnswer, on_delete=models.CASCADE, related_name="documents")
    item_number = models.CharField(_("item"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(_("language"), max_length=20)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    file = models.FileField(_("file"), upload_to=_document_path, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)

    class Meta:
        ordering = ["published_answer", "item_number", "pk"]
        verbose_name = _("published document")
        verbose_name_plural = _("published documents")

    def __str__(self):
        return self.title


class PublishedComment(models.Model):
    """An other stakeholder's accepted, publishable comment on a Party's reply (on the reply as a whole
    when ``question_number`` is empty), as published with the stakeholder's publication."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="comments")
    contribution = models.ForeignKey("contributions.Contribution", on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="+", verbose_name=_("comment published"))
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("Party commented on"))
    country_name = models.CharField(_("Party's name"), max_length=200)
    question_number = models.CharField(_("question number"), max_length=20, blank=True,
                                       help_text=_("Empty for a comment on the reply as a whole."))
    position = models.PositiveIntegerField(_("position"), default=0)
    language = models.CharField(_("language"), max_length=2)
    body = models.TextField(_("comment"))
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        ordering = ["publication", "country_name", "position", "submitted_at", "pk"]
        verbose_name = _("published comment")
        verbose_name_plural = _("published comments")
        indexes = [models.Index(fields=["country", "publication"]),
                   models.Index(fields=["question_number", "publication"])]

    def __str__(self):
        where = self.country_name + (f" Q{self.question_number}" if self.question_number else "")
        return f"{self.publication.respondent} on {where}"
