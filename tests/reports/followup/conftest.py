import pytest

from tests.factories import CountryFactory, ReviewerFactory, party_reply_start


@pytest.fixture
def round_(published_version):
    """The demo round with three Parties: Belgium, Luxembourg and France (Armenia exists, not a Party)."""
    for iso, name in (("BE", "Belgium"), ("LU", "Luxembourg"), ("FR", "France")):
        party_reply_start(version=published_version, country=CountryFactory(iso_code=iso, name=name))
    CountryFactory(iso_code="AM", name="Armenia")
    return published_version


@pytest.fixture
def reviewer():
    return ReviewerFactory(username="secretariat", first_name="Sam", last_name="Clerk")


YAML = """\
recommendations:
  - number: R1
    heading: Prevention
    strength: urges
    text: {en: Set up specialised units., fr: Créer des unités spécialisées.}
    addressees: all
    questions: ["13"]
  - number: R2
    heading: Prevention
    strength: invites
    text: {en: Train the police., fr: Former la police.}
    addressees: [BE, LU]
"""
