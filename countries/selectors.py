"""Reads of the reference data on countries."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import Country


def countries_in_order() -> QuerySet:
    return Country.objects.order_by("name")


def country_or_404(country_id) -> Country:
    return get_object_or_404(Country, pk=country_id or 0)
