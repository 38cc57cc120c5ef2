"""Looking objects up by an id that arrived in a request."""

from django.http import Http404
from django.shortcuts import get_object_or_404


def get_by_id_or_404(queryset, object_id, **filters):
    """The object with this id (and filters), or Http404 for none, an unknown id or one that is not a
    whole number (``abc``, ``1e9``), which the database would otherwise refuse with a 500."""
    if not str(object_id or "").isdigit():
        raise Http404
    return get_object_or_404(queryset, pk=int(object_id), **filters)
