"""Reads of a user's own account settings: notifications and two-factor recovery codes."""

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..models import NotificationPreference


def notification_preference(user) -> NotificationPreference:
    return NotificationPreference.objects.filter(user=user).first() or NotificationPreference(user=user)


def recovery_codes_left(user) -> int:
    """How many of the user's one-time recovery codes are still unused."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def authenticator_of(user) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_authenticator(user, device_id) -> TOTPDevice | None:
    """The key of the user's current enrolment attempt (None once replaced by a newer attempt)."""
    return TOTPDevice.objects.filter(pk=device_id or 0, user=user, confirmed=False).first()


def recovery_codes_of(user) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def email_language(user) -> str:
    """The language of the e-mails to ``user``: their saved preference, else English."""
    return NotificationPreference.objects.filter(user=user).values_list("language", flat=True).first() or "en"
