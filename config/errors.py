"""How a refused request is told to the user, the same way on every page, API answer and command."""

from django.core.exceptions import ValidationError


def error_text(error: ValidationError) -> str:
    """All the messages of a ValidationError (from a service or a form) as one sentence-separated line."""
    return " ".join(error.messages)
