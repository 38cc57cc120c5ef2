from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionnairesConfig(AppConfig):
    name = "questionnaires"
    verbose_name = _("Questionnaires")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import checks, signals  # noqa: F401  (registers the deployment checks and frozen-version guards)
        from .permissions import grant_administrator_permissions

        post_migrate.connect(grant_administrator_permissions, dispatch_uid="grant_administrator_permissions")
