"""Other stakeholders from end to end in a real browser: an invited organisation answers a question and
comments on a Party's reply; the secretariat approves the answer, accepts and forwards the comment; the
Party's focal point responds; the secretariat publishes the Party's reply and the organisation's
contribution; an anonymous visitor reads it all by State, by other stakeholder and by question."""

import datetime
import re

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from questionnaires.contributions.models import Contribution, ContributionResponse
from questionnaires.contributions.services import invitation_create
from questionnaires.models import Answer, Reply
from tests.browser.conftest import sign_in
from tests.browser.test_journeys_in_chromium import _serious_violations, _type_into
from tests.factories import (
    FocalPointFactory,
    OrganisationFactory,
    ReviewerFactory,
    StakeholderFactory,
)
from tests.reports.publication.helpers import party_with_answers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def invited_round(published_version, settings):
    settings.TWO_FACTOR_REQUIRED = True
    france = party_with_answers(published_version, iso="FR", name="France", text="A national unit since 2015.")
    FocalPointFactory(country=france, user__username="marie")
    reviewer = ReviewerFactory(username="remi")
    device = TOTPDevice.objects.create(user=reviewer, name="phone", confirmed=True)
    ngo = OrganisationFactory(name="ECPAT France", country=france)
    StakeholderFactory(organisation=ngo, user__username="ecpat")
    invitation_create(organisation=ngo, version=published_version, user=reviewer,
                      time_limit=timezone.localdate() + datetime.timedelta(days=30))
    return published_version, device


def _reviewer_signs_in(page, live_server, device):
    sign_in(page, live_server, "remi")
    page.wait_for_url("**/two-factor/verify/**")
    page.fill("#id_token", f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Verify").click()
    page.wait_for_load_state()


def test_a_stakeholders_contribution_goes_from_its_author_to_the_public_site(browser, live_server, invited_round):
    version, device = invited_round
    url = live_server.url
    ngo_page, reviewer_page, focal_page, visitor = (browser.new_context().new_page() for _ in range(4))

    # The organisation answers question 5 of the questionnaire and submits it.
    sign_in(ngo_page, live_server, "ecpat")
    ngo_page.get_by_role("link", name="Contributions").click()
    ngo_page.get_by_role("button", name="Answer the questionnaire").click()
    ngo_page.get_by_text("answers the questions it chooses").wait_for()
    reply = Reply.objects.get(organisation__name="ECPAT France")
    ngo_page.goto(f"{url}/replies/{reply.pk}/questions/5/")
    _type_into(ngo_page, "#item-5\\.1 .rich-editor", "Our survey of 2,000 pupils.")
    ngo_page.get_by_text("Saved at").wait_for(timeout=15_000)
    ngo_page.goto(f"{url}/replies/{reply.pk}/")
    ngo_page.get_by_role("link", name="Check and submit the reply").first.click()
    assert not _serious_violations(ngo_page)
    ngo_page.get_by_role("button", name="Submit 1 answer for review").click()
    ngo_page.get_by_text("1 answer was submitted for review").wait_for()

    # ... and comments on France's answer to question 5.
    ngo_page.get_by_role("link", name="Contributions").click()
    ngo_page.get_by_role("link", name="Write a comment").click()
    ngo_page.locator("#id_country").select_option(label="France")
    ngo_page.locator("#id_question").select_option(label="5. Research")
    ngo_page.fill("#id_body", "The unit has two officers only.")
    ngo_page.get_by_role("button", name="Submit to the secretariat").click()
    ngo_page.wait_for_load_state()
    comment = Contribution.objects.get()
    assert comment.state == Contribution.State.SUBMITTED

    # The secretariat approves the answer, then accepts and forwards the comment.
    _reviewer_signs_in(reviewer_page, live_server, device)
    reviewer_page.goto(f"{url}/review/?state=submitted")
    row = reviewer_page.get_by_role("row").filter(has_text="ECPAT France")
    row.get_by_role("link", name=re.compile(r"^5\. ")).click()
    assert "Our survey of 2,000 pupils." in reviewer_page.content()
    reviewer_page.get_by_role("button", name="Approve", exact=True).click()
    reviewer_page.wait_for_load_state()
    assert Answer.objects.get(reply=reply, question__number="5").state == Answer.State.APPROVED
    reviewer_page.goto(f"{url}/stakeholder-comments/{comment.pk}/")
    reviewer_page.get_by_label("Accept and forward to the Party").check()
    reviewer_page.get_by_role("button", name="Record the decision").click()
    reviewer_page.wait_for_load_state()
    assert Contribution.objects.get().state == Contribution.State.ACCEPTED

    # France's focal point reads the comment on its reply and responds.
    sign_in(focal_page, live_server, "marie")
    france_reply = Reply.objects.get(country__name="France")
    focal_page.goto(f"{url}/replies/{france_reply.pk}/")
    focal_page.get_by_text("The unit has two officers only.").wait_for()
    focal_page.get_by_label("Your response").fill("Four more officers join in 2026.")
    focal_page.get_by_role("button", name="Send the response").click()
    focal_page.wait_for_load_state()
    assert ContributionResponse.objects.get().body.find("Four more officers") >= 0

    # The secretariat publishes France's reply and the organisation's contribution.
    reviewer_page.goto(f"{url}/reports/versions/{version.pk}/publication/")
    reviewer_page.get_by_role("button", name="Publish", exact=True).click()
    reviewer_page.wait_for_load_state()
    reviewer_page.get_by_role("button", name="Publish ECPAT France").click()
    reviewer_page.wait_for_load_state()
    assert not _serious_violations(reviewer_page)

    # An anonymous visitor reads it by State, by other stakeholder and by question.
    problems = {}
    visitor.goto(f"{url}/rounds/2/")
    visitor.get_by_role("link", name="France", exact=True).click()
    visitor.get_by_text("A national unit since 2015.").wait_for()
    assert "The unit has two officers only." in visitor.content()
    problems["state"] = _serious_violations(visitor)
    visitor.goto(f"{url}/rounds/2/")
    visitor.get_by_role("link", name="ECPAT France").click()
    visitor.get_by_text("Our survey of 2,000 pupils.").wait_for()
    assert "The unit has two officers only." in visitor.content()
    problems["stakeholder"] = _serious_violations(visitor)
    visitor.goto(f"{url}/rounds/2/")
    visitor.get_by_role("link", name=re.compile(r"^Question 5\. ")).click()
    visitor.get_by_text("A national unit since 2015.").wait_for()
    assert "Our survey of 2,000 pupils." in visitor.content()
    assert "The unit has two officers only." in visitor.content()
    problems["question"] = _serious_violations(visitor)
    assert problems == {"state": [], "stakeholder": [], "question": []}
