"""Real-browser tests of answering: autosave, and the browser's copy when the server is unreachable."""

import pytest

from questionnaires.models import ItemAnswer
from tests.browser.conftest import sign_in
from tests.factories import CountryFactory, FocalPointFactory, party_reply_start

pytestmark = pytest.mark.browser


@pytest.fixture
def signed_in_reply(browser_page, live_server, demo_yaml):
    """A French focal point signed in, with the country's empty reply to the demo questionnaire."""
    from questionnaires.services import version_import_yaml, version_publish

    version = version_publish(version=version_import_yaml(text=demo_yaml))
    focal_point = FocalPointFactory(country=CountryFactory(iso_code="FR", name="France"), user__username="marie")
    reply = party_reply_start(version=version, country=focal_point.country, user=focal_point.user)
    sign_in(browser_page, live_server, "marie")
    browser_page.wait_for_url(f"{live_server.url}/")
    return browser_page, reply


@pytest.mark.django_db(transaction=True)
def test_typed_answer_is_autosaved_and_found_after_a_reload(signed_in_reply, live_server):
    page, reply = signed_in_reply

    page.goto(f"{live_server.url}/replies/{reply.pk}/questions/13/")
    editor = page.locator("#item-13\\.4 .rich-editor")
    editor.click()
    page.keyboard.type("The national unit has 24 investigators.")
    page.keyboard.press("Enter")
    page.keyboard.type("Four of them identify victims.")
    page.get_by_text("Saved at").wait_for(timeout=15_000)
    page.reload()

    assert "24 investigators" in page.locator("#item-13\\.4 .rich-editor").inner_text()
    assert "Four of them identify victims." in page.locator("#item-13\\.4 .rich-editor").inner_text()
    stored = ItemAnswer.objects.get(answer__reply=reply, item__number="13.4")
    assert "24 investigators" in stored.text and stored.answer.revision >= 1


@pytest.mark.django_db(transaction=True)
def test_unsaved_text_is_kept_by_the_browser_when_the_server_is_unreachable(signed_in_reply, live_server):
    page, reply = signed_in_reply
    page.goto(f"{live_server.url}/replies/{reply.pk}/questions/2/")
    page.route("**/autosave/", lambda route: route.abort())  # the network fails from now on

    page.locator("#item-2\\.1 .rich-editor").click()
    page.keyboard.type("Civil society runs the helpline.")
    page.get_by_text("Not saved").wait_for(timeout=15_000)
    page.unroute("**/autosave/")
    page.goto(f"{live_server.url}/replies/{reply.pk}/questions/2/")

    page.get_by_text("Saved at").wait_for(timeout=15_000)
    assert "Civil society runs the helpline." in page.locator("#item-2\\.1 .rich-editor").inner_text()
    assert "Civil society runs the helpline." in ItemAnswer.objects.get(answer__reply=reply, item__number="2.1").text
