"""An invited organisation's contacts are told by e-mail, once per time limit, in their language."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from questionnaires.contributions.invitation_mail import invitation_notify
from questionnaires.contributions.services import invitation_create
from questionnaires.services import notification_preference_set
from tests.factories import OrganisationFactory, ReviewerFactory, StakeholderFactory


@pytest.fixture
def ngo(db):
    organisation = OrganisationFactory(name="ECPAT France")
    StakeholderFactory(organisation=organisation, user__email="lea@ecpat.example.org")
    StakeholderFactory(organisation=organisation, user__email="")  # no address: nothing to send
    return organisation


def _invite(version, organisation, days, capture):
    with capture(execute=True):
        return invitation_create(organisation=organisation, version=version, user=ReviewerFactory(),
                                 time_limit=timezone.localdate() + datetime.timedelta(days=days))


def test_the_contacts_hear_of_the_invitation_once(published_version, ngo, django_capture_on_commit_callbacks):
    invitation = _invite(published_version, ngo, 20, django_capture_on_commit_callbacks)

    assert [m.to for m in mail.outbox] == [["lea@ecpat.example.org"]]
    assert "ECPAT France is invited to contribute" in mail.outbox[0].subject
    assert "answer the questionnaire" in mail.outbox[0].body and "/stakeholder-comments/" in mail.outbox[0].body
    assert invitation_notify(invitation_id=invitation.pk) == 0  # run twice: nothing sent twice
    assert len(mail.outbox) == 1


def test_a_moved_time_limit_is_told_again(published_version, ngo, django_capture_on_commit_callbacks):
    _invite(published_version, ngo, 20, django_capture_on_commit_callbacks)
    _invite(published_version, ngo, 20, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1

    _invite(published_version, ngo, 40, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 2


def test_the_e_mail_is_in_the_contacts_language(published_version, ngo, django_capture_on_commit_callbacks):
    contact = ngo.contacts.get(user__email="lea@ecpat.example.org").user
    notification_preference_set(user=contact, daily_digest=False, language="fr")

    _invite(published_version, ngo, 20, django_capture_on_commit_callbacks)

    assert "invitation à contribuer" in mail.outbox[0].subject
