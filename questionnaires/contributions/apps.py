from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    """Other stakeholders' comments on Parties' replies (Lanzarote Committee, "Replies")."""

    name = "questionnaires.contributions"
    label = "contributions"
    verbose_name = _("Other stakeholders")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registered by name for enqueue_on_commit (the services never import their tasks).
        from . import tasks  # noqa: F401
