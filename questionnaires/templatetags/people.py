from django import template

register = template.Library()


@register.filter
def display_name(user) -> str:
    """A user's full name, else their username; a dash when there is no user (e.g. deleted account)."""
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()
