import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from countries.models import Country, FocalPoint
from questionnaires.models import Answer, Reply, Version
from questionnaires.permissions import is_administrator, is_focal_point, is_reviewer, is_steering_member

pytestmark = pytest.mark.django_db


def test_demo_command_creates_everything_and_prints_the_accounts():
    out = io.StringIO()
    call_command("demo_data", stdout=out)

    assert Country.objects.count() == 47
    version = Version.objects.get()
    assert version.status == Version.Status.PUBLISHED
    assert Reply.objects.count() == 6
    assert Answer.objects.filter(state=Answer.State.SUBMITTED).count() == 48
    assert Answer.objects.filter(reply__country__iso_code="FR", updated_at__isnull=False).count() == 10
    printed = out.getvalue()
    for username, check in [("admin", is_administrator), ("reviewer", is_reviewer),
                            ("steering", is_steering_member), ("focal.fr", is_focal_point)]:
        assert f"{username}" in printed
        user = authenticate(RequestFactory().post("/accounts/login/"), username=username, password="lanzarote-demo")
        assert user is not None and check(user)
    assert FocalPoint.objects.filter(country__iso_code="FR").count() == 2


def test_running_the_demo_command_twice_adds_nothing():
    call_command("demo_data", stdout=io.StringIO())
    call_command("demo_data", stdout=io.StringIO())

    assert Country.objects.count() == 47
    assert Version.objects.count() == 1
    assert Reply.objects.count() == 6
    assert Answer.objects.count() == 6 * 16
