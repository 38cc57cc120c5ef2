"""The API in a real browser: a focal point creates a token on the account page, and the documentation
page (Swagger UI from drf-spectacular-sidecar, under the site's CSP) loads and lists the endpoints."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import FocalPointFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_token_is_created_and_the_documentation_loads(browser, live_server):
    FocalPointFactory(user__username="focal")
    page = browser.new_context().new_page()
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text
            else None)
    sign_in(page, live_server, "focal")

    page.locator("#account-menu").click()
    page.get_by_role("link", name="API tokens").click()
    page.get_by_label("Name").fill("statistics script")
    page.get_by_role("button", name="Create a token").click()
    expect(page.locator("#new-token")).to_contain_text("lzt_")
    page.get_by_role("link", name="documentation").click()

    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Lanzarote monitoring API")
    expect(page.locator(".opblock-summary-path").filter(has_text="/api/v1/answers/").first).to_be_visible()
    assert refused == []
