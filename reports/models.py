from django.db import models
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
