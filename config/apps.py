"""Installed third-party apps under the names the administrators know them by (the admin index shows
an app's verbose name), and the admin site under the application's name."""

from axes.apps import AppConfig as AxesAppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticDeviceConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPDeviceConfig


class LanzaroteAdminConfig(AdminConfig):
    default_site = "config.admin_site.LanzaroteAdminSite"


class SignInAttemptsConfig(AxesAppConfig):
    verbose_name = _("Sign-in attempts and lockouts")


class AuthenticatorAppsConfig(TOTPDeviceConfig):
    verbose_name = _("Two-factor sign-in: authenticator apps")


class RecoveryCodesConfig(StaticDeviceConfig):
    verbose_name = _("Two-factor sign-in: recovery codes")
