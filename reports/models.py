from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ProgressSnapshot(models.Model):
    """How many answers of a version were in each state on a given day (one row per version and day)."""

    version = models.ForeignKey(
        "questionnaires.Version", on_delete=models.CASCADE, related_name="progress_snapshots"
    )
    day = models.DateField(_("day"))
    replies = models.PositiveIntegerField(_("replies started"), default=0)
    draft = models.PositiveIntegerField(_("answers in progress"), default=0)
    submitted = models.PositiveIntegerField(_("answers submitted"), default=0)
    returned = models.PositiveIntegerField(_("answers returned"), default=0)
    approved = models.PositiveIntegerField(_("answers approved"), default=0)
    taken_at = models.DateTimeField(_("taken at"), auto_now=True)

    class Meta:
        ordering = ["version", "day"]
        verbose_name = _("progress snapshot")
        verbose_name_plural = _("progress snapshots")
        constraints = [models.UniqueConstraint(fields=["version", "day"], name="one_snapshot_per_version_day")]

    def __str__(self):
        return f"{self.version} {self.day}"


def _compilation_path(compilation, filename):
    return f"compilations/{compilation.version_id}/{compilation.pk}/{filename}"


class Compilation(models.Model):
    """One generated document set (a revision), created before its task is queued.

    The row, not the broker, is the record of the work: its status says where it stands, and a
    periodic job re-queues rows left queued or running by a lost worker."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Compilation of replies to one question")
        ROUND = "round", _("All questions of a version (ZIP)")
        COUNTRY = "country", _("One country's reply")
        FOLLOWUP = "followup", _("Information on the follow-up to the recommendations")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    version = models.ForeignKey("questionnaires.Version", on_delete=models.PROTECT, related_name="compilations")
    question = models.ForeignKey(
        "questionnaires.Question", on_delete=models.PROTECT, null=True, blank=True, related_name="compilations"
    )
    country = models.ForeignKey(
        "countries.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="compilations"
    )
    revision = models.PositiveIntegerField(_("revision"))
    fingerprint = models.CharField(_("fingerprint of the answers used"), max_length=64)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    stale = models.BooleanField(_("stale"), default=False, help_text=_("An included answer changed since."))
    published = models.BooleanField(
        _("published to focal points"), default=False, help_text=_("Focal points may download it.")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), null=True, blank=True)
    docx = models.FileField(upload_to=_compilation_path, blank=True)
    xlsx = models.FileField(upload_to=_compilation_path, blank=True)
    pdf = models.FileField(upload_to=_compilation_path, blank=True)
    archive = models.FileField(upload_to=_compilation_path, blank=True)
    pdf_error = models.TextField(_("why no PDF"), blank=True)
    preview = models.FileField(_("HTML preview"), upload_to=_compilation_path, blank=True)
    include_contributions = models.BooleanField(
        _("with contributions from other stakeholders"), default=False,
        help_text=_("A separate part after the Parties: what other stakeholders answered and their comments, "
                    "only those that may be published."),
    )
    countries_included = models.PositiveIntegerField(_("countries with an approved answer"), default=0)
    coverage = models.JSONField(
        _("coverage"), default=list, blank=True,
        help_text=_("Per question, the Parties in each state when the documents were built."),
    )

    class Meta:
        ordering = ["version", "kind", "question__position", "country__name", "-revision"]
        verbose_name = _("compilation")
        verbose_name_plural = _("compilations")
        # Revisions are numbered per subject under a lock on the version row (see services).
        indexes = [
            models.Index(fields=["status", "requested_at"]),
            models.Index(fields=["kind", "version", "question", "country", "revision"]),
        ]

    def __str__(self):
        """What the compilation is, in the users' words, e.g. "Compilation of replies to question 13,
        revision 1 – Protection of children …, version 1"."""
        values = {"revision": self.revision, "version": self.version}
        if self.kind == self.Kind.QUESTION:
            return gettext("Compilation of replies to question %(number)s, revision %(revision)s – %(version)s") % {
                **values, "number": self.question.number,
            }
        if self.kind == self.Kind.COUNTRY:
            return gettext("Reply of %(country)s, revision %(revision)s – %(version)s") % {
                **values, "country": self.country.local_name,
            }
        if self.kind == self.Kind.FOLLOWUP:
            return gettext("Compilation of information on the follow-up to the recommendations, revision "
                           "%(revision)s – %(version)s") % values
        return gettext("Compilation of replies to all questions, revision %(revision)s – %(version)s") % values

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
