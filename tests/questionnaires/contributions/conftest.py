import datetime

import pytest
from django.utils import timezone

from questionnaires.contributions.services import invitation_create
from tests.factories import (
    CountryFactory,
    FocalPointFactory,
    OrganisationFactory,
    ReviewerFactory,
    StakeholderFactory,
    party_reply_start,
)


@pytest.fixture
def round_world(published_version):
    """France and Armenia replying to the round; an invited NGO and another organisation not invited."""
    france = CountryFactory(iso_code="FR", name="France")
    armenia = CountryFactory(iso_code="AM", name="Armenia")
    focal_fr = FocalPointFactory(country=france, user__username="marie", user__email="marie@example.org").user
    focal_fr2 = FocalPointFactory(country=france, user__username="paul", user__email="paul@example.org").user
    focal_am = FocalPointFactory(country=armenia, user__username="anna", user__email="anna@example.org").user
    reviewer = ReviewerFactory(username="remi")
    ngo = OrganisationFactory(name="ECPAT France", country=france)
    stakeholder = StakeholderFactory(organisation=ngo, user__username="ecpat").user
    other = StakeholderFactory(organisation=OrganisationFactory(name="Ombudsperson"), user__username="ombuds").user
    invitation = invitation_create(organisation=ngo, version=published_version, user=reviewer,
                                   time_limit=timezone.localdate() + datetime.timedelta(days=10))
    return {
        "version": published_version, "france": france, "armenia": armenia,
        "reply_fr": party_reply_start(version=published_version, country=france, user=focal_fr),
        "reply_am": party_reply_start(version=published_version, country=armenia, user=focal_am),
        "focal_fr": focal_fr, "focal_fr2": focal_fr2, "focal_am": focal_am, "reviewer": reviewer,
        "ngo": ngo, "stakeholder": stakeholder, "other": other, "invitation": invitation,
    }
