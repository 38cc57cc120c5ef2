from .permissions import role_names


def roles(request):
    """The signed-in user's roles, for the navigation bar. A request refused before authentication
    (an unknown Host header answers 400) has no user."""
    user = getattr(request, "user", None)
    return {"user_roles": role_names(user) if user is not None and user.is_authenticated else []}
