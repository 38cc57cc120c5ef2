"""DRF permission classes that ask the project's django-rules permissions: nothing is decided here."""

from django.http import Http404
from rest_framework import permissions


class SignedIn(permissions.IsAuthenticated):
    """Any signed-in caller (a token or a session); what they then read is scoped by the querysets."""


def rule(permission: str, *, hidden: bool = False, on_object: bool = True):
    """A permission class asking ``user.has_perm(permission, obj)`` on each object the view reads (and,
    when ``on_object`` is False, once per request without an object). With ``hidden`` an object the
    caller may not read answers 404, as on the pages, so that no one learns what exists."""

    class RulePermission(permissions.IsAuthenticated):
        def has_permission(self, request, view):
            if not super().has_permission(request, view):
                return False
            return on_object or request.user.has_perm(permission)

        def has_object_permission(self, request, view, obj):
            if request.user.has_perm(permission, obj):
                return True
            if hidden:
                raise Http404
            return False

    RulePermission.__name__ = f"Rule({permission})"
    return RulePermission
