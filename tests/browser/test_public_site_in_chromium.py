"""An anonymous visitor reads the public site: the round, a State's published reply, a question's
replies side by side and another stakeholder's contribution, each page free of serious accessibility
violations (axe-core)."""

import pytest

from reports.publication.services import reply_publish, stakeholder_publish
from tests.browser.test_journeys_in_chromium import _serious_violations
from tests.factories import ReviewerFactory, stakeholder_comment
from tests.reports.publication.helpers import invited, party_with_answers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_anonymous_visitor_reads_the_published_replies(browser, live_server, published_version):
    reviewer = ReviewerFactory()
    for iso, name in (("FR", "France"), ("MD", "Republic of Moldova")):
        country = party_with_answers(published_version, iso=iso, name=name, text=f"The reply of {name}.")
        reply_publish(version=published_version, country=country, user=reviewer)
    ngo, contact, invitation = invited(published_version, name="ECPAT France", country=country)
    stakeholder_comment(invitation=invitation, author=contact, country=country, body="<p>Two officers only.</p>",
                        question=published_version.questions.get(number="5"), reviewer=reviewer)
    stakeholder_publish(version=published_version, organisation=ngo, user=reviewer)
    page = browser.new_context().new_page()
    problems = {}

    page.goto(f"{live_server.url}/rounds/2/")
    problems["round"] = _serious_violations(page)
    page.get_by_role("link", name="Republic of Moldova").click()
    page.get_by_text("The reply of Republic of Moldova.").wait_for()
    problems["state"] = _serious_violations(page)
    page.goto(f"{live_server.url}/rounds/2/")
    page.get_by_role("link", name="Question 5. Research").click()
    page.get_by_text("The reply of France.").wait_for()
    assert "The reply of Republic of Moldova." in page.content()
    assert "Two officers only." in page.content()
    problems["question"] = _serious_violations(page)
    page.goto(f"{live_server.url}/rounds/2/")
    page.get_by_role("link", name="ECPAT France").click()
    page.get_by_text("Two officers only.").wait_for()
    problems["stakeholder"] = _serious_violations(page)

    assert problems == {"round": [], "state": [], "question": [], "stakeholder": []}
