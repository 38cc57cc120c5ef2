"""The Parties of a round: the States that answer a version, frozen when it is launched.

The list is the denominator of every figure ("40 of 43 Parties"). It is proposed at publication from the
countries' dated facts, may be corrected until the first reply, and afterwards only grows: a State that
becomes a Party later is added explicitly, and no Party with a reply under way can silently drop out.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from countries.selectors import lanzarote_parties_on

from ..models import Version


def version_parties_propose(*, version: Version) -> None:
    """Set a version's Parties to the States Parties of its launch date (its publication)."""
    version.parties.set(lanzarote_parties_on(version.published_at.date()))


def version_parties_check(*, version: Version, countries) -> None:
    """Refuse, naming them, the removal of Parties once a reply to the version exists."""
    removed = version.parties.exclude(pk__in={country.pk for country in countries})
    if removed.exists() and version.replies.exists():
        names = [country.name for country in removed.order_by("name")]
        raise ValidationError(
            ngettext(
                "Replies have begun, so the list of Parties can only grow: %(names)s cannot be removed.",
                "Replies have begun, so the list of Parties can only grow: %(names)s cannot be removed.",
                len(names),
            ) % {"names": ", ".join(names)},
            code="parties_frozen",
        )


@transaction.atomic
def version_parties_set(*, version: Version, countries) -> None:
    """Replace a version's Parties; once a reply exists, only additions are accepted."""
    version = Version.objects.select_for_update().get(pk=version.pk)
    if version.status == Version.Status.DRAFT:
        raise ValidationError(_("The Parties of a round are set when it is published."), code="draft")
    countries = list(countries)
    version_parties_check(version=version, countries=countries)
    version.parties.set(countries)


def version_party_add(*, version: Version, country) -> None:
    """Add a State that became a Party after the launch, so that it can reply to this round."""
    if version.status == Version.Status.DRAFT:
        raise ValidationError(_("The Parties of a round are set when it is published."), code="draft")
    version.parties.add(country)
