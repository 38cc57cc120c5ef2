"""Two-factor authentication for the secretariat and administrators (django-otp, TOTP apps).

After signing in with a password, a user who must use a second factor is sent to enter a code from an
authenticator app, or, the first time, to register one. Until then every page but these and signing out
redirects there. Which roles need it is decided in ``permissions.requires_two_factor``.
"""

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from .permissions import requires_two_factor

OPEN_WITHOUT_SECOND_FACTOR = {"two_factor_setup", "two_factor_verify", "logout", "set_language", "javascript-catalog"}


def second_factor_pending(user) -> bool:
    """True while a signed-in user who must use a second factor has not yet given one in this session."""
    return (
        settings.TWO_FACTOR_REQUIRED and user.is_authenticated and requires_two_factor(user)
        and not user.is_verified()
    )


class TwoFactorRequiredMiddleware:
    """Sends users whose second factor is pending to the code page (after django_otp's OTPMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if second_factor_pending(request.user) and not self._open(request):
            target = "two_factor_verify" if user_has_device(request.user) else "two_factor_setup"
            return _redirect_with_next(target, request.get_full_path())
        return self.get_response(request)

    @staticmethod
    def _open(request) -> bool:
        if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return True
        try:
            return resolve(request.path_info).url_name in OPEN_WITHOUT_SECOND_FACTOR
        except Resolver404:
            return True


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"), max_length=8, min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("The code is made of digits only."), code="not_digits")
        return token


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return reverse("home")


def _redirect_with_next(url_name: str, next_url: str):
    return redirect(f"{reverse(url_name)}?{urlencode({'next': next_url})}")


@login_required
def two_factor_setup(request):
    """Register an authenticator app: show its key (QR code and text), then confirm it with one code."""
    if user_has_device(request.user):
        if request.user.is_verified():
            messages.info(request, _("Two-factor authentication is already set up for your account."))
            return redirect(_next_url(request))
        return _redirect_with_next("two_factor_verify", _next_url(request))
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first() or TOTPDevice.objects.create(
            user=request.user, name=_("Authenticator app"), confirmed=False,
        )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("Two-factor authentication is set up."))
            return redirect(_next_url(request))
        form.add_error("token", _("That code is not valid. Check the time on your phone and try the newest code."))
    return render(request, "registration/two_factor_setup.html", {
        "form": form, "next": _next_url(request),
        "qr_code": segno.make(device.config_url, micro=False).svg_inline(scale=4, dark="#000", light="#fff"),
        "secret": b32encode(device.bin_key).decode(),
    })


@login_required
def two_factor_verify(request):
    """Ask for the current code of the user's authenticator app once per session."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return _redirect_with_next("two_factor_setup", _next_url(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _details = device.verify_is_allowed()
        if allowed and device.verify_token(form.cleaned_data["token"]):
            otp_login(request, device)
            return redirect(_next_url(request))
        if not allowed:
            form.add_error("token", _("Too many wrong codes: wait a little before trying again."))
        else:
            form.add_error("token", _("That code is not valid. Try the newest code of your app."))
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": _next_url(request)})
