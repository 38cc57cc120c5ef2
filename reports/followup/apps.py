from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    """Recommendations of a round's implementation report and the committee's assessment of their follow-up."""

    name = "reports.followup"
    label = "followup"
    verbose_name = _("Recommendations and compliance")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # A generated follow-up version takes its round's Parties when it is published.
        from . import receivers  # noqa: F401
