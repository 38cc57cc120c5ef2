"""Reads of personal tokens."""

import hashlib

from ..models import ApiToken


def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def tokens_of(user):
    """The user's tokens, newest first, revoked ones included (they say when)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def active_token_for_key(key: str) -> ApiToken | None:
    """The live token this key opens, with its user, or None (unknown or revoked)."""
    return (ApiToken.objects.select_related("user").filter(digest=token_digest(key), revoked_at__isnull=True)
            .first())


def token_of_user_or_none(user, token_id) -> ApiToken | None:
    if not str(token_id or "").isdigit():
        return None
    return tokens_of(user).filter(pk=int(token_id)).first()
