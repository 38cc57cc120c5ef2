"""How the API knows its caller: a personal token (``Authorization: Bearer <token>`` or ``Token <token>``),
or the session of the site's own pages.

A token stands for the user who created it, with no second factor asked on each call: it was created on
the account page, which a user who must give a second factor (``requires_two_factor``) reaches only after
giving it. A token created without it (before the user became a reviewer, say) is refused for such a user.
Session calls pass through the two-factor middleware like every page.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from questionnaires.permissions import requires_two_factor

from . import selectors, services

KEYWORDS = ("bearer", "token")


class PersonalTokenAuthentication(authentication.BaseAuthentication):
    """A personal token, looked up by its digest; revoked tokens and inactive users are refused."""

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower().decode() not in KEYWORDS:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the token as: Authorization: Bearer <token>."))
        try:
            key = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("This token is not valid.")) from None
        token = selectors.active_token_for_key(key)
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("This token is not valid or was revoked."))
        if settings.TWO_FACTOR_REQUIRED and requires_two_factor(token.user) and not token.second_factor:
            raise exceptions.AuthenticationFailed(
                _("Your role requires a second factor: create a new token after signing in with it."))
        services.token_used(token=token)
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class PersonalTokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI description names the personal token (a bearer token)."""

    target_class = PersonalTokenAuthentication
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer",
                "description": "A personal token created on the account page (API tokens); "
                               "'Authorization: Token <token>' is accepted too."}
