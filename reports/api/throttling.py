"""Rate limits: per token for token calls, per user for session calls, per address for anonymous ones."""

from rest_framework.throttling import SimpleRateThrottle

from .models import ApiToken


class PerTokenRateThrottle(SimpleRateThrottle):
    """Each token has its own budget (scope ``token``); a user's tokens do not share one."""

    scope = "token"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            return None  # AnonymousRateThrottle counts those
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AnonymousRateThrottle(SimpleRateThrottle):
    scope = "anonymous"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
