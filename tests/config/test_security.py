"""Signing in: lockout after repeated failures, two-factor authentication for the secretariat, password
reset by e-mail, session expiry, and the Content-Security-Policy."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import sign_in_with_second_factor
from tests.factories import CountryFactory, FocalPointFactory, ReviewerFactory, UserFactory, party_reply_start

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"


def _sign_in(client, username, password=PASSWORD, next_url="", **request_meta):
    data = {"username": username, "password": password, **({"next": next_url} if next_url else {})}
    return client.post(reverse("login"), data, **request_meta)


def _code(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


# Lockout ---------------------------------------------------------------------------------------------

def test_five_wrong_passwords_lock_the_account_out_from_that_address_even_for_the_right_one(client, settings):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(client, user.username, "wrong").status_code == 200

    locked = _sign_in(client, user.username, "wrong")
    with_right_password = _sign_in(client, user.username)

    assert locked.status_code == 429
    assert with_right_password.status_code == 429
    assert "Too many failed sign-in attempts" in with_right_password.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_lockout_does_not_block_other_accounts_or_addresses(client, settings):
    victim, colleague = UserFactory(), UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, victim.username, "wrong")

    assert _sign_in(client, colleague.username).status_code == 302
    assert _sign_in(client, victim.username, REMOTE_ADDR="10.1.2.3").status_code == 302


def test_a_successful_sign_in_clears_earlier_failures(client, settings):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _sign_in(client, user.username, "wrong")
    assert _sign_in(client, user.username).status_code == 302
    client.logout()

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _sign_in(client, user.username, "wrong")

    assert _sign_in(client, user.username).status_code == 302


def test_the_admin_sign_in_is_throttled_too(client, settings):
    admin = UserFactory(is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("admin:login"), {"username": admin.username, "password": "wrong"})

    response = client.post(reverse("admin:login"), {"username": admin.username, "password": PASSWORD})

    assert response.status_code == 429


# Two-factor authentication -------------------------------------------------------------------------

@pytest.fixture
def two_factor(settings):
    settings.TWO_FACTOR_REQUIRED = True


def test_a_reviewer_must_register_an_authenticator_app_at_first_sign_in(client, two_factor):
    reviewer = ReviewerFactory()

    response = _sign_in(client, reviewer.username, next_url="/review/")
    followed = client.get(response.headers["Location"], follow=True)

    assert followed.redirect_chain[-1][0].startswith(reverse("two_factor_setup"))
    page = followed.content.decode()
    assert "Set up two-factor authentication" in page and "<svg" in page
    assert client.get(reverse("questionnaires:review_queue")).status_code == 302  # nothing else opens meanwhile


def test_a_wrong_code_is_refused_and_the_right_one_confirms_the_app(client, two_factor):
    reviewer = ReviewerFactory()
    _sign_in(client, reviewer.username)
    client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=reviewer)

    refused = client.post(reverse("two_factor_setup"), {"token": "000000" if _code(device) != "000000" else "111111"})
    device.refresh_from_db()
    device.throttle_reset()  # retyping takes longer than the one-second pause after a wrong code
    accepted = client.post(reverse("two_factor_setup") + "?next=/review/", {"token": _code(device)})

    assert "That code is not valid" in refused.content.decode()
    assert accepted.status_code == 200 and 'href="/review/"' in accepted.content.decode()  # the recovery codes first
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("questionnaires:review_queue")).status_code == 200


def _shown_key(page) -> str:
    return re.search(r'<code class="user-select-all">([A-Z2-7=]+)</code>', page.content.decode()).group(1)


def test_each_enrolment_attempt_shows_a_new_key_and_an_earlier_one_no_longer_confirms(client, two_factor):
    reviewer = ReviewerFactory()
    _sign_in(client, reviewer.username)
    first_key = _shown_key(client.get(reverse("two_factor_setup")))
    first_device = TOTPDevice.objects.get(user=reviewer)
    elsewhere = Client()
    _sign_in(elsewhere, reviewer.username)

    second_key = _shown_key(elsewhere.get(reverse("two_factor_setup")))  # a new attempt, in another session
    refused = client.post(reverse("two_factor_setup"), {"token": _code(first_device)})

    assert first_key != second_key
    assert not TOTPDevice.objects.filter(user=reviewer, confirmed=True).exists()
    assert "no longer valid" in refused.content.decode() and _shown_key(refused) not in (first_key, second_key)


def _codes(page) -> list[str]:
    return re.findall(r"<li>([a-z2-7]{4}-[a-z2-7]{4})</li>", page.content.decode())


def test_recovery_codes_are_shown_once_each_signs_in_once_and_new_ones_replace_them(client, two_factor):
    reviewer = ReviewerFactory()
    _sign_in(client, reviewer.username)
    client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=reviewer)
    codes = _codes(client.post(reverse("two_factor_setup"), {"token": _code(device)}))
    assert len(codes) == 10 and len(set(codes)) == 10
    assert not _codes(client.get(reverse("two_factor_recovery_codes")))  # not shown again

    later = Client()
    _sign_in(later, reviewer.username)
    used = later.post(reverse("two_factor_verify") + "?next=/review/", {"token": codes[0].upper()})
    assert used.status_code == 302 and used.headers["Location"] == "/review/"
    again = Client()
    _sign_in(again, reviewer.username)
    assert "not valid" in again.post(reverse("two_factor_verify"), {"token": codes[0]}).content.decode()

    new_codes = _codes(later.post(reverse("two_factor_recovery_codes")))
    assert len(new_codes) == 10 and not set(new_codes) & set(codes)
    StaticDevice.objects.get(user=reviewer).throttle_reset()  # the pause after a wrong code
    assert "not valid" in again.post(reverse("two_factor_verify"), {"token": codes[1]}).content.decode()
    StaticDevice.objects.get(user=reviewer).throttle_reset()
    assert again.post(reverse("two_factor_verify"), {"token": new_codes[1]}).status_code == 302


def test_later_sign_ins_ask_for_the_current_code(client, two_factor):
    reviewer = ReviewerFactory()
    device = TOTPDevice.objects.create(user=reviewer, name="phone", confirmed=True)
    _sign_in(client, reviewer.username)

    asked = client.get(reverse("questionnaires:review_queue"))
    verified = client.post(reverse("two_factor_verify") + "?next=/review/", {"token": _code(device)})

    assert asked.headers["Location"].startswith(reverse("two_factor_verify"))
    assert verified.headers["Location"] == "/review/"
    assert client.get(reverse("questionnaires:review_queue")).status_code == 200


def test_repeated_wrong_codes_are_throttled(client, two_factor):
    reviewer = ReviewerFactory()
    device = TOTPDevice.objects.create(user=reviewer, name="phone", confirmed=True)
    _sign_in(client, reviewer.username)
    wrong = "000000" if _code(device) != "000000" else "111111"
    client.post(reverse("two_factor_verify"), {"token": wrong})

    response = client.post(reverse("two_factor_verify"), {"token": _code(device)})

    assert "Too many wrong codes" in response.content.decode()
    assert client.get(reverse("questionnaires:review_queue")).status_code == 302


def test_the_code_page_sends_nobody_to_an_outside_site(client, two_factor):
    reviewer = ReviewerFactory()
    device = TOTPDevice.objects.create(user=reviewer, name="phone", confirmed=True)
    _sign_in(client, reviewer.username)

    response = client.post(reverse("two_factor_verify") + "?next=https://evil.example/", {"token": _code(device)})

    assert response.headers["Location"] == reverse("home")


def test_the_admin_also_requires_the_second_factor(client, two_factor):
    admin = UserFactory(is_staff=True, is_superuser=True)
    _sign_in(client, admin.username)

    assert client.get(reverse("admin:index")).headers["Location"].startswith(reverse("two_factor_setup"))


def test_focal_points_sign_in_with_their_password_alone(client, two_factor):
    focal_point = FocalPointFactory().user

    _sign_in(client, focal_point.username)

    assert client.get(reverse("home")).status_code == 200


# Password reset, sessions ----------------------------------------------------------------------------

def test_a_forgotten_password_is_reset_through_a_one_time_link_sent_by_e_mail(client):
    user = UserFactory(email="focal@ministry.example")

    client.post(reverse("password_reset"), {"email": "focal@ministry.example"})
    link = re.search(r"https?://[^\s]+/reset/[^\s]+/", mail.outbox[0].body).group(0)
    form = client.get(link, follow=True)
    new_password = "a new and long passphrase 2026"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password})

    assert done.headers["Location"] == reverse("password_reset_complete")
    assert _sign_in(client, user.username, new_password).status_code == 302
    assert client.get(link, follow=True).context["validlink"] is False  # the link works once


def test_a_reset_request_for_an_unknown_address_reveals_nothing(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})

    assert response.headers["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_sessions_expire_when_idle_and_with_the_browser(client, settings):
    user = UserFactory()
    response = _sign_in(client, user.username)

    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 2 * 60 * 60
    assert response.cookies["sessionid"]["max-age"] == ""  # a browser-session cookie


def _expiry(client):
    from django.contrib.sessions.models import Session

    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_activity_pushes_the_expiry_back_without_a_write_on_every_request(client, settings):
    from config.middleware import RENEWED_AT

    _sign_in(client, UserFactory().username)
    first = _expiry(client)
    client.get(reverse("home"))
    assert _expiry(client) == first  # renewed a moment ago: no new write

    session = client.session
    session[RENEWED_AT] -= settings.SESSION_RENEW_AFTER
    session.save()
    stale = _expiry(client)
    client.get(reverse("home"))

    assert _expiry(client) > stale


def test_autosave_after_the_session_ended_says_so_instead_of_redirecting(client, published_version):
    country = CountryFactory(iso_code="FR", name="France")
    focal_point = FocalPointFactory(country=country).user
    reply = party_reply_start(version=published_version, country=country, user=focal_point)

    response = client.post(reverse("questionnaires:question_autosave", args=[reply.pk, "13"]), {"revision": 0, "language": "en"})

    assert response.status_code == 401
    assert "You have been signed out" in response.json()["error"]


# Content-Security-Policy ---------------------------------------------------------------------------

def test_pages_are_served_with_a_strict_content_security_policy(client, published_version):
    country = CountryFactory(iso_code="FR", name="France")
    focal_point = FocalPointFactory(country=country).user
    reply = party_reply_start(version=published_version, country=country, user=focal_point)
    client.force_login(focal_point)

    response = client.get(reverse("questionnaires:question_edit", args=[reply.pk, "13"]))

    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy


@pytest.mark.parametrize("role", ["focal_point", "reviewer"])
def test_pages_carry_no_inline_script_or_style_that_the_policy_would_block(client, published_version, role):
    country = CountryFactory(iso_code="FR", name="France")
    focal_point = FocalPointFactory(country=country).user
    reply = party_reply_start(version=published_version, country=country, user=focal_point)
    if role == "reviewer":
        sign_in_with_second_factor(client, ReviewerFactory())
        urls = [reverse("home"), reverse("questionnaires:review_queue"), reverse("reports:progress"),
                reverse("reports:compilation_list", args=[published_version.pk]),
                reverse("questionnaires:version_preview", args=[published_version.pk])]
    else:
        client.force_login(focal_point)
        urls = [reverse("home"), reverse("questionnaires:reply_detail", args=[reply.pk]),
                reverse("questionnaires:question_edit", args=[reply.pk, "13"]), reverse("questionnaires:question_edit", args=[reply.pk, "5"])]

    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert "Lanzarote monitoring" in page, url
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), url
        assert not re.search(r"\son[a-z]+\s*=", page), url
        assert ' style="' not in page and "javascript:" not in page, url
