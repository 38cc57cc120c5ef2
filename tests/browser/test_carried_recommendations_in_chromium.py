"""Earlier recommendations beside the next round's question in a real browser: Belgium's focal point sees
R2 (addressed to Belgium and Luxembourg) and Belgium's last follow-up to it beside the form (above it on
a phone); France's focal point sees only R1, addressed to every Party, and never Belgium's follow-up."""

import os

import pytest

from questionnaires.services import version_publish
from reports.followup.services import carried_recommendation_add
from tests.browser.conftest import sign_in
from tests.browser.test_journeys_in_chromium import _serious_violations
from tests.factories import CountryFactory, FocalPointFactory, ReviewerFactory, carried_world, party_reply_start

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = os.environ.get("CARRIED_SCREENSHOTS")  # a folder to keep screenshots in, when looking at the pages


@pytest.fixture
def next_round(published_version):
    parties = {code: CountryFactory(iso_code=code, name=name)
               for code, name in (("BE", "Belgium"), ("LU", "Luxembourg"), ("FR", "France"))}
    for country in parties.values():
        party_reply_start(version=published_version, country=country)
    reviewer = ReviewerFactory()
    draft, _followup, recommendations = carried_world(round_version=published_version, reviewer=reviewer)
    for number in ("R1", "R2"):
        carried_recommendation_add(recommendation=recommendations[number], question=draft.questions.get(number="1"),
                                   user=reviewer)
    version = version_publish(version=draft)
    FocalPointFactory(country=parties["BE"], user__username="bert")
    FocalPointFactory(country=parties["FR"], user__username="marie")
    return {code: party_reply_start(version=version, country=parties[code]) for code in ("BE", "FR")}


def _look(page, name):
    if SCREENSHOTS:
        for width, height in [(1366, 900), (390, 844)]:
            page.set_viewport_size({"width": width, "height": height})
            page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}-{width}.png"), full_page=True)


def test_an_addressee_sees_the_recommendation_and_its_last_follow_up_beside_the_form(browser, live_server, next_round):
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    sign_in(page, live_server, "bert")

    page.goto(f"{live_server.url}/replies/{next_round['BE'].pk}/questions/1/")

    panel = page.get_by_role("complementary", name="Context of the question")
    panel.get_by_role("heading", name="Earlier recommendations to Belgium").wait_for()
    r2 = panel.locator("article", has=page.get_by_role("heading", name="R2"))
    assert "Train the police." in r2.inner_text()
    assert "Training planned for 2026." in r2.inner_text() and "Submitted for review" in r2.inner_text()
    r1 = panel.locator("article", has=page.get_by_role("heading", name="R1"))
    assert "Units set up in every province." in r1.inner_text() and "Implemented" in r1.inner_text()
    form = page.locator("#answer-form").bounding_box()
    beside = panel.bounding_box()
    assert beside["x"] > form["x"] + form["width"] - 1  # on the right of the form
    assert not _serious_violations(page)
    _look(page, "addressee")
    page.set_viewport_size({"width": 390, "height": 844})
    assert panel.bounding_box()["y"] < page.locator("#answer-form").bounding_box()["y"]  # above it on a phone


def test_a_party_not_addressed_does_not_see_the_recommendation(browser, live_server, next_round):
    page = browser.new_context().new_page()
    sign_in(page, live_server, "marie")

    page.goto(f"{live_server.url}/replies/{next_round['FR'].pk}/questions/1/")

    panel = page.get_by_role("complementary", name="Context of the question")
    panel.get_by_role("heading", name="Earlier recommendations to France").wait_for()
    assert "Set up specialised units." in panel.inner_text()
    assert "No follow-up submitted yet." in panel.inner_text()
    text = page.locator("main").inner_text()
    assert "Train the police." not in text and "Units set up in every province." not in text
    assert not _serious_violations(page)
    _look(page, "not-addressed")
