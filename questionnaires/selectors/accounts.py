"""Reads of a user's own account settings: notifications and two-factor recovery codes."""

from django_otp.plugins.otp_static.models import StaticToken

from ..models import NotificationPreference


def notification_preference(user) -> NotificationPreference:
    return NotificationPreference.objects.filter(user=user).first() or NotificationPreference(user=user)


def recovery_codes_left(user) -> int:
    """How many of the user's one-time recovery codes are still unused."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
