from django import template

register = template.Library()


@register.filter
def value_of(entry, item):
    """The country's approved value for an item (or None)."""
    return entry.values.get(item.pk)
