from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    """From replies to findings: codebooks, coding of answers, and the figures drawn from them."""

    name = "reports.analysis"
    label = "analysis"
    verbose_name = _("Findings")
    default_auto_field = "django.db.models.BigAutoField"
