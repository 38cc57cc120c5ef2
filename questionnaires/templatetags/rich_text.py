from django import template
from django.utils.safestring import mark_safe

from questionnaires.sanitize import sanitize_html

register = template.Library()


@register.filter
def rich_text(html: str) -> str:
    """Formatted answer text, sanitised again on output so stored HTML can never carry script."""
    return mark_safe(sanitize_html(html))  # noqa: S308 (nh3 output is safe by construction)
