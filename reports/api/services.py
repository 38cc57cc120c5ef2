"""Creating, revoking and recording the use of personal tokens."""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken
from .selectors.tokens import token_digest

TOKEN_PREFIX = "lzt_"
# A token's last use is written at most this often: a busy client must not write on every request.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=5)
MAX_ACTIVE_TOKENS = 20


@transaction.atomic
def token_create(*, user, name: str, second_factor: bool) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns the row and the token itself, which is never stored nor shown
    again. ``second_factor`` records whether the session that created it had given a second factor."""
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the token a name, e.g. the script that will use it."), code="no_name")
    if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(_("You have %(count)s active tokens: revoke one you no longer use first.")
                              % {"count": MAX_ACTIVE_TOKENS}, code="too_many")
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name[:100], prefix=key[:12], digest=token_digest(key),
                                    second_factor=second_factor)
    return token, key


def token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke a token for good (revoking twice changes nothing)."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_used(*, token: ApiToken) -> None:
    """Record that the token was just used (to the nearest few minutes)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
