from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class QuestionnairesConfig(AppConfig):
    name = "questionnaires"
    verbose_name = _("Questionnaires")

    def ready(self):
        # Imported once the app registry is ready, because they use the models: the deployment checks,
        # the frozen-version guards and the Celery tasks (registered by name for enqueue_on_commit).
        from . import checks, signals, tasks  # noqa: F401
        from .permissions import grant_administrator_permissions

        post_migrate.connect(grant_administrator_permissions, dispatch_uid="grant_administrator_permissions")
