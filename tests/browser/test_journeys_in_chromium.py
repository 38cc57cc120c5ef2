"""The main journey of each role in a real browser, and an accessibility check (axe-core) of the main pages.

A focal point answers and submits; a reviewer (signing in with a second factor) returns one answer and
approves the rest; the focal point revises and resubmits; the reviewer approves; a steering-group member
compiles the question and downloads the document.
"""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from questionnaires.models import Answer
from reports.models import Compilation
from tests.browser.conftest import sign_in
from tests.factories import CountryFactory, FocalPointFactory, ReviewerFactory, SteeringMemberFactory, party_reply_start
from tests.questionnaires.test_review import _complete

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def round_under_way(published_version, settings):
    settings.TWO_FACTOR_REQUIRED = True
    settings.COMPILATION_PDF = False
    country = CountryFactory(iso_code="FR", name="France")
    focal_point = FocalPointFactory(country=country, user__username="marie").user
    reviewer = ReviewerFactory(username="remi")
    device = TOTPDevice.objects.create(user=reviewer, name="phone", confirmed=True)
    SteeringMemberFactory(username="sofia")
    reply = party_reply_start(version=published_version, country=country, user=focal_point)
    _complete(reply, focal_point)
    return reply, device


def _state(reply, number) -> str:
    return Answer.objects.get(reply=reply, question__number=number).state


def _type_into(page, selector, text):
    page.locator(selector).click()
    page.keyboard.press("End")
    page.keyboard.type(text)


def test_a_reply_goes_from_the_country_through_review_to_the_compilation(browser, live_server, round_under_way):
    reply, device = round_under_way
    url = live_server.url
    country_page, reviewer_page, steering_page = (browser.new_context().new_page() for _ in range(3))

    # The focal point completes question 13 and submits the reply.
    sign_in(country_page, live_server, "marie")
    country_page.goto(f"{url}/replies/{reply.pk}/questions/13/")
    _type_into(country_page, "#item-13\\.4 .rich-editor", " The unit was created in 2015.")
    country_page.get_by_text("Saved at").wait_for(timeout=15_000)
    country_page.goto(f"{url}/replies/{reply.pk}/")
    country_page.get_by_role("link", name="Check and submit the reply").first.click()
    country_page.get_by_text("16 answers will be locked until the secretariat returns them.").wait_for()
    assert not _serious_violations(country_page)
    country_page.get_by_role("button", name="Submit 16 answers for review").click()
    country_page.get_by_text("answers were submitted for review").wait_for()
    assert _state(reply, "13") == Answer.State.SUBMITTED

    # The reviewer signs in with password and code, returns question 13 and approves the rest.
    sign_in(reviewer_page, live_server, "remi")
    reviewer_page.wait_for_url("**/two-factor/verify/**")
    reviewer_page.fill("#id_token", f"{totp(device.bin_key):06d}")
    reviewer_page.get_by_role("button", name="Verify").click()
    reviewer_page.goto(f"{url}/review/?country={reply.country_id}")
    reviewer_page.get_by_role("link", name=re.compile(r"^13\. ")).click()
    assert "The unit was created in 2015." in reviewer_page.content()
    reviewer_page.fill("#return-reason", "Please give the number of investigators.")
    reviewer_page.get_by_role("button", name="Return for revision").click()
    reviewer_page.wait_for_load_state()
    assert _state(reply, "13") == Answer.State.RETURNED
    reviewer_page.goto(f"{url}/review/?state=submitted")
    for box in reviewer_page.locator("input[name=answer]").all():
        box.check()
    reviewer_page.get_by_role("button", name="Approve the selected answers…").click()
    reviewer_page.get_by_text("Approve these answers?").first.wait_for()
    assert reviewer_page.locator("input[name=answer]:checked").count() == 0  # none of them was read
    assert not _serious_violations(reviewer_page)
    for box in reviewer_page.locator("input[name=answer]").all():
        box.check()
    reviewer_page.get_by_role("button", name="Approve the ticked answers").click()
    reviewer_page.get_by_text("answers approved").wait_for()
    assert Answer.objects.filter(reply=reply, state=Answer.State.APPROVED).count() == reply.answers.count() - 1

    # The focal point sees why, revises and submits again.
    country_page.goto(f"{url}/replies/{reply.pk}/questions/13/")
    assert "Please give the number of investigators." in country_page.content()
    _type_into(country_page, "#item-13\\.4 .rich-editor", " It has 24 investigators.")
    country_page.get_by_role("button", name="Save", exact=True).click()
    country_page.get_by_text("Question 13 saved.").wait_for()
    country_page.goto(f"{url}/replies/{reply.pk}/")
    assert "Please give the number of investigators." in country_page.locator("#task-list").inner_text()
    country_page.get_by_role("link", name="Check and submit the reply").first.click()
    country_page.get_by_role("button", name="Submit 1 answer for review").click()
    country_page.get_by_text("1 answer was submitted for review").wait_for()

    # The reviewer sees what changed and approves.
    answer = Answer.objects.get(reply=reply, question__number="13")
    reviewer_page.goto(f"{url}/review/answers/{answer.pk}/")
    assert "24 investigators" in reviewer_page.locator("section[aria-labelledby='changes-title']").inner_text()
    reviewer_page.get_by_role("button", name="Approve", exact=True).click()
    reviewer_page.wait_for_load_state()
    assert _state(reply, "13") == Answer.State.APPROVED

    # The steering group compiles question 13 and downloads it.
    sign_in(steering_page, live_server, "sofia")
    steering_page.goto(f"{url}/reports/versions/{reply.version_id}/compilations/")
    steering_page.get_by_role("row", name=re.compile(r"^13\. ")).get_by_role("button").click()
    steering_page.get_by_role("link", name="DOCX").wait_for(timeout=60_000)
    with steering_page.expect_download() as download:
        steering_page.get_by_role("link", name="DOCX").click()
    with open(download.value.path(), "rb") as document:
        assert document.read(2) == b"PK"  # a DOCX is a ZIP package
    compilation = Compilation.objects.get(question__number="13")
    assert compilation.status == Compilation.Status.DONE and compilation.countries_included == 1


SERIOUS = {"serious", "critical"}


def _serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes'][:3]]}"
            for v in results.response["violations"] if v["impact"] in SERIOUS]


def test_the_main_pages_have_no_serious_accessibility_violations(browser, live_server, round_under_way):
    reply, device = round_under_way
    url = live_server.url
    page = browser.new_context().new_page()
    problems = {}

    page.goto(f"{url}/accounts/login/")
    problems["sign in"] = _serious_violations(page)
    sign_in(page, live_server, "marie")
    for name, path in [("home", "/"), ("reply", f"/replies/{reply.pk}/"), ("check", f"/replies/{reply.pk}/check/"),
                       ("question", f"/replies/{reply.pk}/questions/13/"),
                       ("history", f"/replies/{reply.pk}/questions/13/history/"),
                       ("notification settings", "/account/notifications/")]:
        page.goto(url + path)
        problems[name] = _serious_violations(page)

    reviewer = browser.new_context().new_page()
    sign_in(reviewer, live_server, "remi")
    reviewer.fill("#id_token", f"{totp(device.bin_key):06d}")
    reviewer.get_by_role("button", name="Verify").click()
    answer = reply.answers.get(question__number="13")
    for name, path in [("review queue", "/review/"), ("answer review", f"/review/answers/{answer.pk}/"),
                       ("progress", f"/reports/progress/{reply.version_id}/"),
                       ("compilations", f"/reports/versions/{reply.version_id}/compilations/")]:
        reviewer.goto(url + path)
        problems[name] = _serious_violations(reviewer)

    failing = {name: found for name, found in problems.items() if found}
    assert not failing, "\n".join(f"{name}: {violation}" for name, found in failing.items() for violation in found)
