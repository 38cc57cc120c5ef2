from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """The last sign of life of one background process: a Celery worker (its hostname) or beat.

    Each worker writes its own row every HEALTH_HEARTBEAT_INTERVAL seconds, beat on its ticks; the
    health checks and the operator's page read how old they are."""

    class Process(models.TextChoices):
        WORKER = "worker", _("Worker")
        BEAT = "beat", _("Beat (scheduler)")

    process = models.CharField(_("process"), max_length=10, choices=Process.choices)
    hostname = models.CharField(_("host name"), max_length=255)
    seen_at = models.DateTimeField(_("last seen"))

    class Meta:
        ordering = ["process", "-seen_at"]
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")
        constraints = [
            models.UniqueConstraint(fields=["process", "hostname"], name="one_heartbeat_per_process_and_host"),
        ]

    def __str__(self):
        return f"{self.get_process_display()} {self.hostname}"
