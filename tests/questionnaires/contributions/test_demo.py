import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from questionnaires.contributions.models import Invitation
from questionnaires.permissions import is_stakeholder


@pytest.mark.django_db
def test_the_demo_has_a_stakeholder_invited_to_the_round():
    out = io.StringIO()
    call_command("demo_data", stdout=out)
    call_command("demo_data", stdout=io.StringIO())  # twice: nothing doubled

    user = get_user_model().objects.get(username="ngo")
    assert is_stakeholder(user) and "Other stakeholder" in out.getvalue()
    assert Invitation.objects.get().organisation == user.organisation_contact.organisation
