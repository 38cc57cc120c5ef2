from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    """Recommendations of a round's implementation report and the committee's assessment of their follow-up."""

    name = "reports.followup"
    label = "followup"
    verbose_name = _("Recommendations and compliance")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported once the apps are loaded: they need the models.
        from questionnaires.panels import register_question_panel

        from . import receivers  # noqa: F401  (a generated follow-up version takes its round's Parties)
        from .panels import carried_recommendations_panel

        # Earlier recommendations and the Party's last follow-up beside a later round's question.
        register_question_panel(carried_recommendations_panel)
