"""The page header in a real browser: one line at 1366 px for the user with every link, a menu on a phone."""

import pytest
from django.contrib.auth.models import Group

from questionnaires.permissions import ADMINISTRATORS, REVIEWERS, STEERING_GROUP
from tests.browser.conftest import sign_in
from tests.browser.test_journeys_in_chromium import _serious_violations
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The width the selected language's name needs inside the select, beside Bootstrap's arrow.
LABEL_FITS = """select => {
  const style = getComputedStyle(select);
  const probe = document.createElement("span");
  probe.style.font = style.font;
  probe.style.whiteSpace = "nowrap";
  probe.textContent = select.options[select.selectedIndex].text;
  document.body.append(probe);
  const needed = probe.getBoundingClientRect().width;
  probe.remove();
  const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return {needed, room};
}"""


@pytest.fixture
def everything_user(db):
    """An administrator who is also a reviewer and a steering-group member: the header's every link."""
    user = UserFactory(username="ada", first_name="Adelheid-Marie", last_name="Vandenberghe-Administratrice",
                       is_staff=True)
    for name in (ADMINISTRATORS, REVIEWERS, STEERING_GROUP):
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


def _page(browser, live_server, width, height, language="en"):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    sign_in(page, live_server, "ada")
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    return page


@pytest.mark.parametrize("language, label", [("en", "English"), ("fr", "Français")])
def test_the_header_is_one_line_at_1366_px_with_every_link(browser, live_server, everything_user, language, label):
    page = _page(browser, live_server, 1366, 900, language)
    page.goto(f"{live_server.url}/")
    navbar = page.locator("nav.navbar")
    for link in navbar.locator(".navbar-nav .nav-link").all():
        assert link.is_visible()
    assert navbar.locator(".navbar-nav .nav-link").count() == 4
    assert navbar.bounding_box()["height"] < 64  # one line of Bootstrap's navbar is 56 px high

    language_select = page.locator("#language")
    assert language_select.locator("option:checked").inner_text() == label
    fit = language_select.evaluate(LABEL_FITS)
    assert fit["room"] >= fit["needed"], fit

    page.click("#account-menu")
    menu = page.locator(".dropdown-menu")
    assert menu.is_visible()
    if language == "en":
        assert menu.locator(".dropdown-item-text").inner_text() == "Administrator, Secretariat reviewer, Steering group"
    assert menu.locator("button.dropdown-item").is_visible()
    assert _serious_violations(page) == []


def test_on_a_phone_the_header_collapses_into_a_menu(browser, live_server, everything_user):
    page = _page(browser, live_server, 390, 844)
    page.goto(f"{live_server.url}/")
    navbar = page.locator("nav.navbar")
    assert not navbar.locator(".navbar-nav").is_visible()
    assert navbar.bounding_box()["height"] < 64

    page.click(".navbar-toggler")
    page.locator("#nav.show").wait_for()
    assert navbar.locator(".navbar-nav .nav-link", has_text="Administration").is_visible()
    assert page.locator("#language option:checked").inner_text() == "English"
    fit = page.locator("#language").evaluate(LABEL_FITS)
    assert fit["room"] >= fit["needed"], fit
    page.click("#account-menu")
    page.locator(".dropdown-menu button.dropdown-item", has_text="Log out").click()
    page.wait_for_url(f"{live_server.url}/accounts/login/")
    assert _serious_violations(page) == []
