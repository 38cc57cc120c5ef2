import pytest
from django.contrib.auth.models import AnonymousUser

from questionnaires.models import Reply
from questionnaires.permissions import is_administrator, is_focal_point, is_reviewer, is_steering_member
from tests.factories import (
    AdministratorFactory,
    CountryFactory,
    FocalPointFactory,
    ReviewerFactory,
    SteeringMemberFactory,
    UserFactory,
    party_reply_start,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(published_version):
    france, armenia = CountryFactory(iso_code="FR", name="France"), CountryFactory(iso_code="AM", name="Armenia")
    users = {
        "focal_fr": FocalPointFactory(country=france).user,
        "focal_am": FocalPointFactory(country=armenia).user,
        "reviewer": ReviewerFactory(),
        "steering": SteeringMemberFactory(),
        "admin": AdministratorFactory(),
        "no_role": UserFactory(),
    }
    replies = {
        "fr": party_reply_start(version=published_version, country=france),
        "am": party_reply_start(version=published_version, country=armenia),
    }
    return users, replies, published_version


def test_each_role_is_recognised(world):
    users, _, _ = world
    assert is_focal_point(users["focal_fr"]) and not is_reviewer(users["focal_fr"])
    assert is_reviewer(users["reviewer"]) and not is_focal_point(users["reviewer"])
    assert is_steering_member(users["steering"]) and not is_reviewer(users["steering"])
    assert is_administrator(users["admin"]) and is_administrator(UserFactory(is_superuser=True))
    anonymous = AnonymousUser()
    assert not any(check(anonymous) for check in (is_focal_point, is_reviewer, is_steering_member, is_administrator))


@pytest.mark.parametrize(
    ("user", "reply", "view", "edit", "review"),
    [
        ("focal_fr", "fr", True, True, False),
        ("focal_fr", "am", False, False, False),
        ("focal_am", "am", True, True, False),
        ("reviewer", "fr", True, False, True),
        ("admin", "am", True, False, True),
        ("steering", "fr", False, False, False),
        ("no_role", "fr", False, False, False),
    ],
)
def test_object_permissions_on_replies(world, user, reply, view, edit, review):
    users, replies, _ = world
    who, what = users[user], replies[reply]
    assert who.has_perm("questionnaires.view_reply", what) is view
    assert who.has_perm("questionnaires.edit_reply", what) is edit
    assert who.has_perm("questionnaires.review_answer", what) is review


def test_focal_points_cannot_edit_replies_to_a_closed_version(world):
    from questionnaires.services import version_close

    users, replies, version = world
    version_close(version=version)
    replies["fr"].refresh_from_db()
    assert not users["focal_fr"].has_perm("questionnaires.edit_reply", replies["fr"])
    assert users["focal_fr"].has_perm("questionnaires.view_reply", replies["fr"])


def test_reply_lists_are_scoped_to_the_users_country(world):
    users, replies, _ = world
    assert list(Reply.objects.for_user(users["focal_fr"])) == [replies["fr"]]
    assert Reply.objects.for_user(users["reviewer"]).count() == 2
    assert Reply.objects.for_user(users["steering"]).count() == 0
    assert Reply.objects.for_user(AnonymousUser()).count() == 0


@pytest.mark.parametrize(
    ("user", "url", "expected"),
    [
        (None, "home", 302),
        (None, "reply_fr", 302),
        (None, "progress", 302),
        ("focal_fr", "home", 200),
        ("focal_fr", "reply_fr", 200),
        ("focal_fr", "reply_am", 404),
        ("focal_fr", "progress", 403),
        ("focal_fr", "version_progress", 403),
        ("reviewer", "reply_am", 200),
        ("reviewer", "progress", 200),
        ("reviewer", "version_progress", 200),
        ("steering", "home", 200),
        ("steering", "reply_fr", 404),
        ("steering", "progress", 200),
        ("steering", "version_progress", 200),
        ("admin", "reply_fr", 200),
        ("no_role", "home", 200),
        ("no_role", "progress", 403),
    ],
)
def test_access_matrix_of_pages(client, world, user, url, expected):
    users, replies, version = world
    urls = {
        "home": "/",
        "reply_fr": f"/replies/{replies['fr'].pk}/",
        "reply_am": f"/replies/{replies['am'].pk}/",
        "progress": "/reports/progress/",
        "version_progress": f"/reports/progress/{version.pk}/",
    }
    if user:
        client.force_login(users[user])

    response = client.get(urls[url])

    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith("/accounts/login/?next=")
