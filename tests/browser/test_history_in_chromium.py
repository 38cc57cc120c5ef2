"""The answer history in a real browser: sittings, the word diff, and restoring a revision after confirming."""

import os
import re

import pytest

from questionnaires.models import Answer, AnswerRevision, ItemAnswer
from questionnaires.services import ItemValue, answer_save
from tests.browser.conftest import sign_in
from tests.browser.test_journeys_in_chromium import _serious_violations
from tests.factories import CountryFactory, FocalPointFactory, party_reply_start

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = os.environ.get("HISTORY_SCREENSHOTS")  # a folder to keep screenshots in, when looking at the pages


@pytest.fixture
def edited_answer(published_version):
    country = CountryFactory(iso_code="FR", name="France")
    user = FocalPointFactory(country=country, user__username="anna", user__first_name="Anna",
                             user__last_name="Novak").user
    reply = party_reply_start(version=published_version, country=country, user=user)
    answer = reply.answers.get(question__number="13")
    for text, number in [("<p>The unit has <strong>24</strong> staff.</p>", 24),
                         ("<p>The unit has <strong>26</strong> staff.</p>", 26),
                         ("<p>The unit has <strong>26</strong> trained staff and a budget.</p>", 27)]:
        answer_save(answer=answer, user=user, values={"13.4": ItemValue(text=text), "13.5": ItemValue(number=number)})
    return reply, answer


def _look(page, name):
    if SCREENSHOTS:
        for width, height in [(1366, 900), (390, 844)]:
            page.set_viewport_size({"width": width, "height": height})
            page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}-{width}.png"), full_page=True)


def test_a_focal_point_restores_an_earlier_revision_after_confirming(browser, live_server, edited_answer):
    reply, answer = edited_answer
    page = browser.new_context().new_page()
    sign_in(page, live_server, "anna")

    page.goto(f"{live_server.url}/replies/{reply.pk}/questions/13/history/")
    page.get_by_label("Older: revision 1").check()
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url(re.compile(r"/history/\?(?=.*a=1)(?=.*b=3)"))
    summary = page.locator("summary").first.inner_text()
    inserted = page.locator(".answer-text ins").all_inner_texts()
    deleted = page.locator(".answer-text del").all_inner_texts()
    history_problems = _serious_violations(page)
    _look(page, "history")

    page.get_by_role("link", name="Restore revision 1").click()
    confirmation = page.locator("main").inner_text()
    confirmation_problems = _serious_violations(page)
    _look(page, "restore")
    page.get_by_role("button", name="Restore revision 1").click()
    page.wait_for_url(f"**/replies/{reply.pk}/questions/13/history/")
    after = page.locator("main").inner_text()
    _look(page, "restored")

    assert summary.startswith("Sitting of ") and summary.endswith("by Anna Novak — 3 saves")
    assert inserted == ["inserted:\n26", "inserted:\ntrained", "inserted:\nand a budget"]
    assert deleted == ["deleted:\n24"]
    assert "Your answer will be replaced by revision 1 (saved on " in confirmation
    assert "The current text stays in the history." in confirmation
    assert "Revision 1 was restored as a new revision" in after
    assert "Restored revision 1 (saved on " in after
    assert Answer.objects.get(pk=answer.pk).revision == 4
    assert ItemAnswer.objects.get(answer=answer, item__number="13.5").number == 24
    assert AnswerRevision.objects.filter(answer=answer).count() == 4
    assert history_problems == [] and confirmation_problems == []
