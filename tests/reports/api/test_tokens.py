"""Personal tokens: created on the account page and shown once, stored hashed, used as Bearer or Token,
revoked, refused; the second factor a role requires; throttled per token."""

import hashlib

import pytest
from django.core.cache import cache
from django.urls import reverse

from reports.api.models import ApiToken
from reports.api.services import token_create
from tests.conftest import sign_in_with_second_factor
from tests.factories import FocalPointFactory, ReviewerFactory


def _create_on_account_page(client, name="statistics script") -> str:
    response = client.post(reverse("api_tokens:token_list"), {"name": name})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    return response.context["new_key"]


def test_round_trip_create_call_revoke_refused(client, published_version):
    focal = FocalPointFactory().user
    client.force_login(focal)
    key = _create_on_account_page(client)
    client.logout()
    url = reverse("api:version-list")

    with_bearer = client.get(url, headers={"Authorization": f"Bearer {key}"})
    with_token = client.get(url, headers={"Authorization": f"Token {key}"})

    assert with_bearer.status_code == with_token.status_code == 200
    assert with_bearer.json()["results"][0]["id"] == published_version.pk
    token = ApiToken.objects.get(user=focal)
    assert token.last_used_at is not None
    client.force_login(focal)
    assert client.post(reverse("api_tokens:token_revoke", args=[token.pk])).status_code == 302
    client.logout()
    refused = client.get(url, headers={"Authorization": f"Bearer {key}"})
    assert refused.status_code == 401
    assert refused.json() == {"detail": "This token is not valid or was revoked."}
    assert refused["WWW-Authenticate"] == 'Bearer realm="api"'


def test_the_token_is_shown_once_and_stored_hashed(client, db):
    focal = FocalPointFactory().user
    client.force_login(focal)
    key = _create_on_account_page(client)

    page = client.get(reverse("api_tokens:token_list")).content.decode()

    token = ApiToken.objects.get(user=focal)
    assert token.digest == hashlib.sha256(key.encode()).hexdigest()
    assert key not in page and token.prefix in page
    assert not ApiToken.objects.filter(digest=key).exists()


def test_a_token_without_a_name_is_refused(client, db):
    client.force_login(FocalPointFactory().user)

    response = client.post(reverse("api_tokens:token_list"), {"name": " "})

    assert response.context["new_key"] is None
    assert "This field is required." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_anonymous_and_unknown_tokens_are_refused(client, db):
    url = reverse("api:reply-list")

    assert client.get(url).status_code == 401
    assert client.get(url, headers={"Authorization": "Bearer lzt_nonsense"}).status_code == 401
    assert client.get(url, headers={"Authorization": "Bearer"}).status_code == 401


def test_a_reviewer_token_needs_the_second_factor(client, db, settings):
    settings.TWO_FACTOR_REQUIRED = True
    reviewer = ReviewerFactory()
    sign_in_with_second_factor(client, reviewer)
    key = _create_on_account_page(client)
    client.logout()
    _old, old_key = token_create(user=reviewer, name="made before the role", second_factor=False)
    url = reverse("api:reply-list")

    assert ApiToken.objects.get(prefix=key[:12]).second_factor is True
    assert client.get(url, headers={"Authorization": f"Bearer {key}"}).status_code == 200
    refused = client.get(url, headers={"Authorization": f"Bearer {old_key}"})
    assert refused.status_code == 401
    assert "second factor" in refused.json()["detail"]


def test_a_session_without_the_second_factor_is_sent_to_give_it(client, db, settings):
    settings.TWO_FACTOR_REQUIRED = True
    client.force_login(ReviewerFactory())

    response = client.get(reverse("api:reply-list"))

    assert response.status_code == 302 and "/two-factor/" in response["Location"]


def test_an_inactive_users_token_is_refused(client, db):
    focal = FocalPointFactory().user
    _token, key = token_create(user=focal, name="script", second_factor=False)
    focal.is_active = False
    focal.save()

    assert client.get(reverse("api:version-list"), headers={"Authorization": f"Bearer {key}"}).status_code == 401


@pytest.fixture
def low_rate(settings):
    from rest_framework.settings import api_settings

    from reports.api.throttling import PerTokenRateThrottle
    cache.clear()
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "token": "2/hour"}
    original = PerTokenRateThrottle.THROTTLE_RATES
    PerTokenRateThrottle.THROTTLE_RATES = rates
    yield
    PerTokenRateThrottle.THROTTLE_RATES = original
    cache.clear()


def test_each_token_is_throttled_on_its_own(client, db, low_rate):
    focal = FocalPointFactory().user
    keys = [token_create(user=focal, name=name, second_factor=False)[1] for name in ("one", "two")]
    url = reverse("api:version-list")

    first = [client.get(url, headers={"Authorization": f"Bearer {keys[0]}"}).status_code for _ in range(3)]
    second = client.get(url, headers={"Authorization": f"Bearer {keys[1]}"}).status_code

    assert first == [200, 200, 429]
    assert second == 200


def test_only_the_owner_revokes_a_token(client, db):
    token, _key = token_create(user=FocalPointFactory().user, name="script", second_factor=False)
    client.force_login(FocalPointFactory().user)

    assert client.post(reverse("api_tokens:token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.is_active
