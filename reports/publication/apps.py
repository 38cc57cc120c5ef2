from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationConfig(AppConfig):
    """Publication of the Parties' replies (snapshots the secretariat publishes) and the public site."""

    name = "reports.publication"
    label = "publication"
    verbose_name = _("Publication")
    default_auto_field = "django.db.models.BigAutoField"
