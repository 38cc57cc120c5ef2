"""Reads of the reference data on countries."""

from django.db.models import QuerySet

from config.lookups import get_by_id_or_404

from .models import Country


def countries_in_order() -> QuerySet:
    return Country.objects.order_by("name")


def country_or_404(country_id) -> Country:
    """A country by id (404 for none, an unknown or a malformed id)."""
    return get_by_id_or_404(Country, country_id)
