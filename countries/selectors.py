"""Reads of the reference data on countries."""

import datetime

from django.db.models import Prefetch, QuerySet

from config.lookups import get_by_id_or_404

from .models import Country, CountryFact, Organisation


def countries_in_order() -> QuerySet:
    return Country.objects.order_by("name")


def country_or_404(country_id) -> Country:
    """A country by id (404 for none, an unknown or a malformed id)."""
    return get_by_id_or_404(Country, country_id)


def organisation_or_404(organisation_id) -> Organisation:
    """A stakeholder organisation by id (404 for none, an unknown or a malformed id)."""
    return get_by_id_or_404(Organisation, organisation_id)


def organisations_with_ids(ids) -> list[Organisation]:
    """These stakeholder organisations, with their country, by name."""
    return list(Organisation.objects.filter(pk__in=ids).select_related("country").order_by("name"))


def lanzarote_parties_on(day: datetime.date) -> list[Country]:
    """The Council of Europe members that were States Parties to the Lanzarote Convention on ``day``.

    The status is the latest dated fact on or before ``day``; a country with no fact dated that early
    is taken at its recorded status, for an administrator to correct in the round's list if need be.
    """
    dated = CountryFact.objects.filter(key="lanzarote_party", as_of__lte=day).order_by("as_of")
    countries = countries_in_order().members_on(day).prefetch_related(Prefetch("facts", dated, to_attr="party_facts"))
    parties = []
    for country in countries:
        status = country.party_facts[-1].value if country.party_facts else country.lanzarote_party
        if status == Country.PartyStatus.PARTY:
            parties.append(country)
    return parties


def facts_on(countries, day: datetime.date) -> dict[int, dict[str, str]]:
    """Each country's facts as they stood on ``day`` (the latest dated value on or before it), keyed by
    country id then fact key, with the focus and pilot flags as "yes"/"no", in one query."""
    facts: dict[int, dict[str, str]] = {
        country.pk: {"focus_country": "yes" if country.focus_country else "no",
                     "pilot_country": "yes" if country.pilot_country else "no"}
        for country in countries
    }
    rows = CountryFact.objects.filter(country__in=list(facts), as_of__lte=day).order_by("as_of", "pk")
    for country_id, key, value in rows.values_list("country_id", "key", "value"):
        facts[country_id][key] = value
    return facts
