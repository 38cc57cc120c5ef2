"""Project-wide request plumbing."""

import time

from django.conf import settings

RENEWED_AT = "_renewed_at"


class IdleSessionMiddleware:
    """Sessions end after SESSION_COOKIE_AGE seconds without activity. Rather than writing the session
    on every request (autosave sends many), a signed-in session's expiry is pushed back at most once
    every SESSION_RENEW_AFTER seconds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            now = int(time.time())
            if now - session.get(RENEWED_AT, 0) >= settings.SESSION_RENEW_AFTER:
                session[RENEWED_AT] = now  # marks the session modified: saved with a new expiry date
        return response
