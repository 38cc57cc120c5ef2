"""Personal API tokens: a user creates one on their account page, sees it once, and may revoke it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A personal token. Only its SHA-256 digest is stored: a token is 256 random bits, so a slow hash
    adds nothing, and the digest lets a request find its token in one indexed lookup. ``prefix`` (the
    first characters) lets its owner tell tokens apart."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens",
                             verbose_name=_("user"))
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("beginning of the token"), max_length=12)
    digest = models.CharField(_("SHA-256 of the token"), max_length=64, unique=True)
    second_factor = models.BooleanField(
        _("created after the second factor"), default=False,
        help_text=_("The user had given their second factor in the session that created the token."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["user", "-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
