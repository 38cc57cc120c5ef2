from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        # Imported once the app registry is ready, because they use the models: the reactions to
        # questionnaires' signals and the Celery tasks (registered by name for enqueue_on_commit).
        from . import receivers, tasks  # noqa: F401
