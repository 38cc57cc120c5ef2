"""The preview of a version and the differences page in a real browser: the focal points' toolbar shown
disabled, the way from the preview to the differences, and an accessibility check (axe-core) of both."""

import pytest

from questionnaires.services import version_copy
from tests.browser.conftest import sign_in
from tests.browser.test_journeys_in_chromium import _serious_violations
from tests.factories import ReviewerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_preview_shows_the_toolbar_disabled_and_leads_to_the_differences(browser, live_server, published_version):
    draft = version_copy(version=published_version, label="2")
    ReviewerFactory(username="remi")
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    sign_in(page, live_server, "remi")

    page.goto(f"{live_server.url}/versions/{draft.pk}/preview/")
    toolbars = page.locator(".preview-question .rich-toolbar")
    assert toolbars.count() == page.locator(".preview-question textarea.rich-text").count() > 0
    assert toolbars.first.locator("button[title=Bold]").is_disabled()
    assert page.get_by_role("button", name="Save", exact=True).first.is_disabled()
    assert _serious_violations(page) == []

    page.get_by_role("link", name="Compare with the previous version (1)").click()
    page.wait_for_url(f"{live_server.url}/versions/{published_version.pk}/diff/{draft.pk}/")
    assert page.get_by_role("heading", level=2, name="Questions").is_visible()
    assert _serious_violations(page) == []
