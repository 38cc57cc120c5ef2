"""Two-factor authentication for the secretariat and administrators (django-otp, TOTP apps).

After signing in with a password, a user who must use a second factor is sent to enter a code from an
authenticator app (or a one-time recovery code), or, the first time, to register one. Until then every
page but these and signing out redirects there. Which roles need it is decided in
``permissions.requires_two_factor``.
"""

import re
from base64 import b32encode
from urllib.parse import urlencode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import user_has_device

from . import selectors, services
from .permissions import requires_two_factor

RECOVERY_CODE = re.compile(r"^[a-z2-7]{8}$")

OPEN_WITHOUT_SECOND_FACTOR = {"two_factor_setup", "two_factor_verify", "logout", "set_language", "javascript-catalog"}
# The public site shows only what is published: anyone may read it, second factor given or not; the
# health endpoints say "ok" or "failing" to load balancers, which never sign in.
OPEN_NAMESPACES = {"public", "health"}


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
            match = resolve(request.path_info)
        except Resolver404:
            return True
        return match.url_name in OPEN_WITHOUT_SECOND_FACTOR or match.namespace in OPEN_NAMESPACES


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code from your authenticator app, or a recovery code"), max_length=20, min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "").replace("-", "").lower()
        if not (token.isdigit() or RECOVERY_CODE.match(token)):
            raise forms.ValidationError(
                _("Enter the six digits of your app, or one of your recovery codes."), code="not_a_code"
            )
        return token


class EnrolmentForm(TokenForm):
    """Confirming a new app takes a code from it: there are no recovery codes yet."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["token"].label = _("Code from your authenticator app")


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return reverse("home")


def _redirect_with_next(url_name: str, next_url: str):
    return redirect(f"{reverse(url_name)}?{urlencode({'next': next_url})}")


PENDING_DEVICE = "two_factor_pending_device"


@login_required
def two_factor_setup(request):
    """Register an authenticator app: show a new key (QR code and text) for this attempt only, confirm it
    with one code, then show the one-time recovery codes once."""
    if selectors.authenticator_of(request.user) is not None:
        if request.user.is_verified():
            messages.info(request, _("Two-factor authentication is already set up for your account."))
            return redirect(_next_url(request))
        return _redirect_with_next("two_factor_verify", _next_url(request))
    device = selectors.pending_authenticator(request.user, request.session.get(PENDING_DEVICE))
    form = EnrolmentForm(request.POST or None)
    if request.method == "POST" and device is not None and form.is_valid():
        confirmed = services.two_factor_enrolment_confirm(user=request.user, device_id=device.pk,
                                                          token=form.cleaned_data["token"])
        if confirmed is not None:
            otp_login(request, confirmed)
            request.session.pop(PENDING_DEVICE, None)
            messages.success(request, _("Two-factor authentication is set up."))
            return _recovery_codes_page(request, services.recovery_codes_issue(user=request.user))
        form.add_error("token", _("That code is not valid. Check the time on your phone and try the newest code."))
    if request.method != "POST" or device is None:
        device = services.two_factor_enrolment_start(user=request.user)
        request.session[PENDING_DEVICE] = device.pk
        if request.method == "POST":
            form = EnrolmentForm()
            messages.error(request, _("That key is no longer valid: scan this new one."))
    return render(request, "registration/two_factor_setup.html", {
        "form": form, "next": _next_url(request),
        "qr_code": segno.make(device.config_url, micro=False).svg_inline(scale=4, dark="#000", light="#fff"),
        "secret": b32encode(device.bin_key).decode(),
    })


def _recovery_codes_page(request, codes: list[str]):
    response = render(request, "registration/two_factor_recovery_codes.html", {
        "codes": codes, "left": len(codes), "next": _next_url(request),
    })
    response["Cache-Control"] = "no-store"
    return response


@login_required
def two_factor_recovery_codes(request):
    """How many recovery codes are left; new ones (replacing the old) are shown once, after a POST."""
    if not request.user.is_verified():
        return _redirect_with_next("two_factor_setup", request.get_full_path())
    if request.method == "POST":
        return _recovery_codes_page(request, services.recovery_codes_issue(user=request.user))
    return render(request, "registration/two_factor_recovery_codes.html", {
        "codes": None, "left": selectors.recovery_codes_left(request.user), "next": _next_url(request),
    })


@login_required
def two_factor_verify(request):
    """Ask once per session for the current code of the user's authenticator app, or one recovery code."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    device = selectors.authenticator_of(request.user)
    recovery = selectors.recovery_codes_of(request.user)
    if device is None and recovery is None:
        return _redirect_with_next("two_factor_setup", _next_url(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        chosen = device if token.isdigit() else recovery
        allowed = chosen is not None and chosen.verify_is_allowed()[0]
        if allowed and chosen.verify_token(token):
            otp_login(request, chosen)
            if chosen is recovery:
                messages.warning(request, _("You signed in with a recovery code; it cannot be used again. "
                                            "%(left)s codes are left.") % {"left": selectors.recovery_codes_left(request.user)})
            return redirect(_next_url(request))
        if chosen is not None and not allowed:
            form.add_error("token", _("Too many wrong codes: wait a little before trying again."))
        else:
            form.add_error("token", _("That code is not valid. Try the newest code of your app."))
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": _next_url(request)})
