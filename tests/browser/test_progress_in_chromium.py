"""The progress grid in a real browser: each role follows a cell to where it may go, and the dashboard and
a country's states pass the accessibility check."""

import pytest

from questionnaires.models import Answer
from tests.browser.conftest import sign_in
from tests.browser.test_journeys_in_chromium import _serious_violations
from tests.factories import CountryFactory, ReviewerFactory, SteeringMemberFactory, version_with_parties

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def round_with_states(settings):
    settings.TWO_FACTOR_REQUIRED = False
    version, (reply, _) = version_with_parties(questions=4, parties=2, code="grid")
    answer = reply.answers.get(question__number="3")
    Answer.objects.filter(pk=answer.pk).update(state=Answer.State.RETURNED)
    version.parties.add(CountryFactory(name="Zealand"))
    ReviewerFactory(username="remi")
    SteeringMemberFactory(username="sofia")
    return version, reply, answer


def test_a_reviewer_opens_an_answer_from_its_cell(browser, live_server, round_with_states):
    version, reply, answer = round_with_states
    page = browser.new_context().new_page()
    sign_in(page, live_server, "remi")
    page.goto(f"{live_server.url}/reports/progress/{version.pk}/")

    assert _serious_violations(page) == []
    row = page.get_by_role("row", name=reply.country.name)
    row.get_by_role("link", name="Returned for revision").click()

    assert page.url == f"{live_server.url}/review/answers/{answer.pk}/"


def test_the_steering_group_opens_the_countrys_states_from_a_cell(browser, live_server, round_with_states):
    version, reply, answer = round_with_states
    page = browser.new_context().new_page()
    sign_in(page, live_server, "sofia")
    page.goto(f"{live_server.url}/reports/progress/{version.pk}/")

    assert _serious_violations(page) == []
    page.get_by_role("row", name=reply.country.name).get_by_role("link", name="Returned for revision").click()

    assert page.url == f"{live_server.url}/reports/progress/{version.pk}/countries/{reply.country.pk}/#q3"
    assert page.locator("tr#q3").inner_text().endswith("Returned for revision")
    assert _serious_violations(page) == []
