from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Full-text search across rounds: answers, published snapshots, questions and items."""

    name = "reports.search"
    label = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The reactions to questionnaires' signals that keep the index current.
        from . import receivers  # noqa: F401
