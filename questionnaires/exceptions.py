from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class VersionFrozenError(ValidationError):
    """A published or closed version (or its content) was about to be changed or deleted."""

    def __init__(self, version):
        super().__init__(
            _("%(version)s is %(status)s: its questions and texts can no longer be changed. "
              "Copy it to a new draft version instead.")
            % {"version": version, "status": version.get_status_display().lower()},
            code="version_frozen",
        )
        self.version = version
