"""The Parties of a round: proposed at launch from the dated facts, frozen once replies begin."""
import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict

from countries.models import Country, CountryFact
from questionnaires.admin import VersionForm
from questionnaires.services import (
    reply_start,
    version_import_yaml,
    version_parties_set,
    version_party_add,
    version_publish,
)
from tests.factories import CountryFactory

pytestmark = pytest.mark.django_db


def _fact(country, value, day):
    CountryFact.objects.create(country=country, key="lanzarote_party", value=value, as_of=day)


def test_publication_proposes_the_members_that_were_parties_on_the_launch_date(demo_yaml):
    party = CountryFactory(name="Austria", iso_code="AT")
    ratified_later = CountryFactory(name="Armenia", iso_code="AM", lanzarote_party=Country.PartyStatus.PARTY)
    _fact(ratified_later, "signed", datetime.date(2019, 11, 1))
    _fact(ratified_later, "yes", datetime.date(2099, 1, 1))
    signatory = CountryFactory(name="Ireland", iso_code="IE", lanzarote_party=Country.PartyStatus.SIGNED)
    former_member = CountryFactory(name="Russian Federation", iso_code="RU",
                                   membership_ended_on=datetime.date(2022, 3, 16))

    version = version_publish(version=version_import_yaml(text=demo_yaml))

    assert list(version.parties.all()) == [party]
    assert {ratified_later, signatory, former_member}.isdisjoint(version.parties.all())


def test_a_country_outside_the_round_cannot_start_a_reply_until_it_is_added(published_version):
    later = CountryFactory(name="Armenia", iso_code="AM")

    with pytest.raises(ValidationError, match="Armenia is not a Party of this round"):
        reply_start(version=published_version, country=later)
    version_party_add(version=published_version, country=later)

    assert reply_start(version=published_version, country=later).country == later


def test_once_replies_have_begun_parties_can_be_added_but_not_removed(demo_yaml):
    austria, belgium = CountryFactory(name="Austria", iso_code="AT"), CountryFactory(name="Belgium", iso_code="BE")
    version = version_publish(version=version_import_yaml(text=demo_yaml))
    version_parties_set(version=version, countries=[austria])  # corrected before any reply
    version_parties_set(version=version, countries=[austria, belgium])
    reply_start(version=version, country=austria)
    armenia = CountryFactory(name="Armenia", iso_code="AM")

    with pytest.raises(ValidationError, match="Belgium cannot be removed"):
        version_parties_set(version=version, countries=[austria])
    version_parties_set(version=version, countries=[austria, belgium, armenia])

    assert set(version.parties.all()) == {austria, belgium, armenia}


def test_the_admin_form_shows_the_refusal_on_the_parties_field(published_version):
    austria = CountryFactory(name="Austria", iso_code="AT")
    version_party_add(version=published_version, country=austria)
    reply_start(version=published_version, country=austria)
    data = {**model_to_dict(published_version), "parties": [], "languages": json.dumps(published_version.languages)}

    form = VersionForm(data=data, instance=published_version)

    assert not form.is_valid()
    assert "Austria cannot be removed" in form.errors["parties"][0]


def test_a_symbol_pattern_with_an_unknown_placeholder_is_refused(published_version):
    published_version.symbol_pattern = "T-ES({year}){question}"

    with pytest.raises(ValidationError, match=r"only these placeholders: \{year\}, \{n\}"):
        published_version.full_clean()
