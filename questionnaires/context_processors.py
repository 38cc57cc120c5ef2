from .permissions import role_names


def roles(request):
    """The signed-in user's roles, for the navigation bar."""
    return {"user_roles": role_names(request.user) if request.user.is_authenticated else []}
