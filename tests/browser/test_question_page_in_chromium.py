"""The question page in a real browser: reference texts attached in place (and by a plain form post),
refused values named and marked, the error summary after a Save, and the reason of a returned answer at
the top; axe-core checks each of these states."""

import pytest
from playwright.sync_api import expect

from questionnaires.models import Answer, Attachment, ItemAnswer
from tests.browser.conftest import sign_in
from tests.browser.test_journeys_in_chromium import _serious_violations
from tests.factories import CountryFactory, FocalPointFactory, ReviewerFactory, party_reply_start

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.7\n" + b"0" * 1_500_000 + b"\n%%EOF\n"


@pytest.fixture
def armenia(browser_page, live_server, demo_yaml):
    """An Armenian focal point signed in, with the country's empty reply to the demo questionnaire."""
    from questionnaires.services import version_import_yaml, version_publish

    version = version_publish(version=version_import_yaml(text=demo_yaml))
    country = CountryFactory(iso_code="AM", name="Armenia", national_language="hy")
    focal_point = FocalPointFactory(country=country, user__username="anahit")
    reply = party_reply_start(version=version, country=country, user=focal_point.user)
    sign_in(browser_page, live_server, "anahit")
    browser_page.wait_for_url(f"{live_server.url}/")
    return browser_page, reply


def _item_pk(reply, number) -> int:
    return ItemAnswer.objects.get(answer__reply=reply, item__number=number).item_id


def _watch(page):
    """Record the page's navigations, its dialogs ("Leave site?") and its autosave requests."""
    seen = {"navigations": [], "dialogs": [], "autosaves": 0}
    page.on("framenavigated", lambda frame: frame == page.main_frame and seen["navigations"].append(frame.url))
    page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.type), dialog.dismiss()))
    page.on("request", lambda request: request.url.endswith("/autosave/") and seen.__setitem__(
        "autosaves", seen["autosaves"] + 1))
    return seen


def _axe(page) -> list[str]:
    """Serious accessibility violations once the pointer has left the buttons and their colours settled."""
    page.mouse.move(0, 0)
    page.wait_for_timeout(300)
    return _serious_violations(page)


def test_a_file_is_attached_in_place_with_progress_and_the_typed_text_stays(armenia, live_server):
    page, reply = armenia
    url = f"{live_server.url}/replies/{reply.pk}/questions/9/"
    page.goto(url)
    seen = _watch(page)
    item = _item_pk(reply, "9.3")
    box = page.locator(f"[data-attach-form='attach-form-{item}']")
    page.evaluate("""() => { window.progressShown = false;
        const progress = document.querySelector('.attach-progress');
        new MutationObserver(() => { if (!progress.hidden) window.progressShown = true; })
            .observe(progress, {attributes: true}); }""")

    box.get_by_label("File").set_input_files({"name": "virus.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90"})
    box.get_by_label("Title").fill("Criminal Code")
    box.get_by_label("Language").select_option(label="Armenian")
    box.get_by_role("button", name="Attach").click()
    refusal = box.locator(f"#attach{item}_file_error")
    refusal.wait_for()

    assert "“virus.pdf” is not a file type we accept" in refusal.inner_text()
    assert box.get_by_label("File").get_attribute("aria-invalid") == "true"
    assert page.evaluate(f"document.getElementById('attach{item}_file').files.length") == 1  # still chosen
    assert _axe(page) == []

    box.get_by_label("File").set_input_files({"name": "code.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.locator("#item-9\\.2 .rich-editor").click()
    page.keyboard.type("Article 183 of the Criminal Code applies.")  # not saved yet when the upload starts
    box.get_by_role("button", name="Attach").click()
    page.locator(f"#attachments-{item}").get_by_role("link", name="Criminal Code").wait_for()

    assert box.locator(".attach-status").inner_text() == "Reference text added to 9.3."
    assert page.evaluate("window.progressShown") is True
    assert box.locator(".attach-progress").is_hidden() and box.get_by_label("Title").input_value() == ""
    assert "Article 183 of the Criminal Code applies." in page.locator("#item-9\\.2 .rich-editor").inner_text()
    assert Attachment.objects.get(item_answer__item_id=item).language == "hy"
    page.get_by_text("Saved at").wait_for()  # the attachment's revision is not taken for someone else's
    assert "Article 183" in ItemAnswer.objects.get(answer__reply=reply, item__number="9.2").text
    assert _axe(page) == []

    page.locator(f"#attachments-{item}").get_by_role("button", name="remove Criminal Code").click()
    page.locator(f"#attachments-{item}").get_by_text("No reference text attached yet.").wait_for()

    assert not Attachment.objects.exists()
    assert "Article 183 of the Criminal Code applies." in page.locator("#item-9\\.2 .rich-editor").inner_text()
    assert seen["navigations"] == [] and seen["dialogs"] == [] and page.url == url


def test_a_save_with_an_invalid_number_shows_a_summary_whose_links_focus_the_field(armenia, live_server):
    page, reply = armenia
    page.goto(f"{live_server.url}/replies/{reply.pk}/questions/13/")
    field = f"id_item_{_item_pk(reply, '13.5')}"
    page.locator("#item-13\\.4 .rich-editor").click()
    page.keyboard.type("The unit has 24 investigators.")
    page.locator(f"#{field}").fill("-4")
    page.get_by_role("button", name="Save", exact=True).click()
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    summary.wait_for()
    # The page moves the focus once it has loaded; on a busy machine that can follow the summary's display.
    expect(page.locator("#error-summary")).to_be_focused()

    assert page.evaluate("document.activeElement.id") == "error-summary"
    link = summary.get_by_role("link", name="13.5 Number of staff in the main law-enforcement unit: "
                                            "Ensure this value is greater than or equal to 0.")
    link.click()
    assert page.evaluate("document.activeElement.id") == field
    assert page.locator(f"#{field}").input_value() == "-4"
    assert "The unit has 24 investigators." in page.locator("#item-13\\.4 .rich-editor").inner_text()
    assert _axe(page) == []


def test_autosave_names_the_invalid_field_and_waits_until_it_changes(armenia, live_server):
    page, reply = armenia
    page.clock.install()
    page.goto(f"{live_server.url}/replies/{reply.pk}/questions/13/")
    seen = _watch(page)
    field = page.locator(f"#id_item_{_item_pk(reply, '13.5')}")

    field.fill("-4")
    page.clock.run_for(2_000)
    page.get_by_text("Not saved. This value is not valid: 13.5 Number of staff").wait_for()

    assert "Ensure this value is greater than or equal to 0." in page.locator("#save-status").inner_text()
    assert field.get_attribute("aria-invalid") == "true" and "is-invalid" in field.get_attribute("class")
    message = page.locator(f"#{field.get_attribute('aria-describedby')}")
    assert message.inner_text() == "Ensure this value is greater than or equal to 0."
    page.locator("#save-status").get_by_role("link", name="Go to the field").click()
    assert page.evaluate("document.activeElement.id") == field.get_attribute("id")
    assert _axe(page) == []

    page.locator("#item-13\\.4 .rich-editor").click()
    page.keyboard.type("The unit has 24 investigators.")
    page.clock.run_for(60_000)  # well past the retry delay
    page.wait_for_timeout(500)
    assert seen["autosaves"] == 1

    field.fill("24")
    page.clock.run_for(2_000)
    page.get_by_text("Saved at").wait_for()

    assert seen["autosaves"] == 2
    assert field.get_attribute("aria-invalid") is None and page.locator("#save-status").inner_text().startswith("Saved")
    saved = {ia.item.number: ia for ia in ItemAnswer.objects.filter(answer__reply=reply).select_related("item")}
    assert saved["13.5"].number == 24 and "24 investigators" in saved["13.4"].text


def test_a_returned_answer_shows_the_reason_at_the_top(armenia, live_server):
    from questionnaires.services import answer_decide

    page, reply = armenia
    reviewer = ReviewerFactory(first_name="Rémi", last_name="Reviewer")
    answer = reply.answers.select_related("question", "reply").get(question__number="13")
    Answer.objects.filter(pk=answer.pk).update(state=Answer.State.SUBMITTED)
    answer.refresh_from_db()
    answer_decide(answer=answer, action="returned", reviewer=reviewer,
                  reason="Please give the number of investigators.\nAnd the year the unit was created.")
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(f"{live_server.url}/replies/{reply.pk}/questions/13/")

    panel = page.get_by_role("region", name="The secretariat returned this answer for revision")
    assert panel.is_visible() and panel.bounding_box()["y"] + panel.bounding_box()["height"] < 844
    assert panel.bounding_box()["y"] < page.locator("#answer-form").bounding_box()["y"]
    text = panel.inner_text()
    assert "By Rémi Reviewer on " in text
    assert "Please give the number of investigators.\nAnd the year the unit was created." in text
    assert _axe(page) == []


def test_a_file_refused_by_a_plain_form_post_is_shown_beside_its_item(armenia, live_server):
    page, reply = armenia
    page.goto(f"{live_server.url}/replies/{reply.pk}/questions/9/")
    item = _item_pk(reply, "9.3")
    box = page.locator(f"[data-attach-form='attach-form-{item}']")
    box.get_by_label("File").set_input_files({"name": "virus.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90"})
    box.get_by_label("Title").fill("Criminal Code")

    with page.expect_navigation():
        page.evaluate(f"document.getElementById('attach-form-{item}').submit()")  # as without JavaScript

    refusal = box.locator(f"#attach{item}_file_error")
    assert "“virus.pdf” is not a file type we accept" in refusal.inner_text()
    assert box.get_by_label("Title").input_value() == "Criminal Code"
    assert page.evaluate("document.activeElement.id") == "error-summary"
    page.get_by_role("link", name="9.3 File: “virus.pdf” is not a file type we accept", exact=False).click()
    assert page.evaluate("document.activeElement.id") == f"attach{item}_file"
    assert not Attachment.objects.exists()
    assert _axe(page) == []
