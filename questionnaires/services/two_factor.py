"""Writes of two-factor authentication: enrolling an authenticator app, and one-time recovery codes."""

from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
RECOVERY_DEVICE_NAME = "Recovery codes"


@transaction.atomic
def two_factor_enrolment_start(*, user) -> TOTPDevice:
    """A new authenticator key for this enrolment attempt. Any key shown before and never confirmed is
    discarded, so that a key someone saw earlier stops working as soon as a new attempt starts."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)


@transaction.atomic
def two_factor_enrolment_confirm(*, user, device_id, token: str) -> TOTPDevice | None:
    """Confirm the key of this enrolment attempt with a code from the app; None if the code (or the
    attempt, replaced since by a newer one) is not valid."""
    device = TOTPDevice.objects.select_for_update().filter(pk=device_id or 0, user=user, confirmed=False).first()
    if device is None or not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device


@transaction.atomic
def recovery_codes_issue(*, user) -> list[str]:
    """New one-time recovery codes for ``user``, replacing any earlier ones: each signs in once in place
    of a code from the app (django-otp static tokens)."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME,
                                                          defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes

