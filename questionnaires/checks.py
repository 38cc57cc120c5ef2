"""Deployment checks of the project's own security settings (``manage.py check --deploy``)."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def two_factor_required(app_configs, **kwargs):
    if settings.TWO_FACTOR_REQUIRED:
        return []
    return [checks.Warning(
        "Two-factor authentication is switched off (DJANGO_TWO_FACTOR_REQUIRED=false): the secretariat and "
        "administrators can read every country's replies with a password alone.",
        hint="Unset DJANGO_TWO_FACTOR_REQUIRED in production.",
        id="questionnaires.W001",
    )]
