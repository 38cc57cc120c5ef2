from .permissions import is_stakeholder, role_names


def roles(request):
    """The signed-in user's roles, for the navigation bar. A request refused before authentication
    (an unknown Host header answers 400) has no user. ``is_stakeholder`` is asked of the role itself,
    not of ``perms``, whose refusal would load every model permission of the user."""
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return {"user_roles": role_names(user) if signed_in else [], "is_stakeholder": signed_in and is_stakeholder(user)}
