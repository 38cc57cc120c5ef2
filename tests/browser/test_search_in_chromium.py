"""Searching from the navigation bar in a real browser, in English and French, on the database in use."""

import pytest
from playwright.sync_api import expect

from questionnaires.services import ItemValue, answer_save, version_import_yaml, version_publish
from tests.browser.conftest import sign_in
from tests.factories import CountryFactory, FocalPointFactory, party_reply_start, questionnaire_yaml

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def france_answered(db):
    version = version_publish(version=version_import_yaml(
        text=questionnaire_yaml(questions=2, code="search-round").replace('version: "1"', 'version: "1"\nround: 2')))
    france = CountryFactory(name="France", iso_code="FR")
    reply = party_reply_start(version=version, country=france)
    answer_save(answer=reply.answers.get(question__number="1"), user=None, language="fr",
                values={"1.1": ItemValue(text="<p>Les exploitations sexuelles sont enseignées à l'école.</p>")})
    answer_save(answer=reply.answers.get(question__number="2"), user=None,
                values={"2.1": ItemValue(text="<p>The police use INTERPOL's ICSE database.</p>")})
    return FocalPointFactory(country=france, user__username="focal.fr").user


@pytest.mark.parametrize("language, query, found", [
    ("en", "ecole", "école"),
    ("fr", "exploitation", "exploitations"),
    ("fr", '"ICSE database" -nothing', "ICSE"),
])
def test_search_from_the_navigation_bar(browser, live_server, france_answered, language, query, found):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    sign_in(page, live_server, "focal.fr")
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(f"{live_server.url}/")

    box = page.locator("nav #navbar-search")
    box.fill(query)
    box.press("Enter")

    expect(page).to_have_url(f"{live_server.url}/search/?q=" + query.replace(" ", "+").replace('"', "%22"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    hit = page.locator(".search-hit")
    expect(hit).to_have_count(1)
    expect(hit.locator("mark").first).to_contain_text(found)
    expect(page.locator("#search-page-query")).to_have_value(query)

    hit.locator("a").first.click()
    expect(page).to_have_url(f"{live_server.url}/replies/{_reply_pk(france_answered)}/questions/"
                             + ("2/" if "ICSE" in query else "1/"))
    context.close()


def _reply_pk(user):
    return user.focal_point.country.replies.get().pk
