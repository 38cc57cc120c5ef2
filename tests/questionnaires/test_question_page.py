"""The question page: refusals that name their field, reference texts attached in place (and without
JavaScript), the language menu of reference texts, and the reason of a returned answer at the top."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from countries.languages import reference_text_languages
from questionnaires.models import Answer, Attachment
from questionnaires.services import answer_decide, attachment_add_link
from tests.factories import CountryFactory, FocalPointFactory, ReviewerFactory, party_reply_start
from tests.questionnaires.test_answering import _field, _item, _pdf, _q13_post, _url

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def armenia(published_version):
    country = CountryFactory(iso_code="AM", name="Armenia", national_language="hy")
    marie = FocalPointFactory(country=country, user__first_name="Anahit").user
    return party_reply_start(version=published_version, country=country, user=marie), marie


def _item_text(reply, number):
    return _item(reply, number).item.text


def _attach_box(html, item_pk) -> str:
    """The HTML of one item's attachment box."""
    start = html.index(f'data-attach-form="attach-form-{item_pk}"')
    return html[start:html.index("</fieldset>", start)]


def test_autosave_names_the_refused_field_by_number_and_label(client, armenia):
    reply, marie = armenia
    client.force_login(marie)
    field = _field(reply, "13.5")

    response = client.post(_url("question_autosave", reply), _q13_post(reply, **{field: "-4"}))

    assert response.status_code == 400
    label = f"13.5 {_item_text(reply, '13.5')}"
    assert response.json() == {
        "error": f"This value is not valid: {label}: Ensure this value is greater than or equal to 0.",
        "fields": [{"field": field, "id": f"id_{field}", "label": label,
                    "messages": ["Ensure this value is greater than or equal to 0."]}],
    }
    assert _item(reply, "13.5").number is None and _item(reply, "13.4").text == ""


def test_autosave_names_every_refused_field(client, armenia, settings):
    settings.ANSWER_TEXT_MAX_CHARS = 10
    reply, marie = armenia
    client.force_login(marie)

    response = client.post(_url("question_autosave", reply), _q13_post(reply, **{_field(reply, "13.5"): "many"}))

    payload = response.json()
    assert response.status_code == 400
    assert payload["error"].startswith("These values are not valid: 13.1.a Explanation: This text has 23 characters; an answer may have "
                                     "at most 10. Move long annexes into an attached file.; 13.4 ")
    assert f"; 13.5 {_item_text(reply, '13.5')}: Enter a whole number." in payload["error"]
    assert [entry["field"] for entry in payload["fields"]] == [
        _field(reply, "13.1.a", explain=True), _field(reply, "13.4"), _field(reply, "13.5")]


def test_a_save_with_errors_shows_the_summary_linking_to_each_field_and_keeps_the_typed_text(client, armenia):
    reply, marie = armenia
    client.force_login(marie)
    field = _field(reply, "13.5")

    response = client.post(_url("question_edit", reply), _q13_post(reply, **{field: "-4"}))

    html = response.content.decode()
    assert response.status_code == 200
    summary = html[html.index('id="error-summary"'):html.index("</div>", html.index('id="error-summary"'))]
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary and "There is a problem" in summary
    assert re.search(rf'<a href="#id_{field}" data-focus="id_{field}"[^>]*>13.5 Number of staff in the main law-enforcement unit: '
                     'Ensure this value is greater than or equal to 0.</a>', summary)
    assert "Ensure this value is greater than or equal to 0." in summary
    assert f'aria-describedby="id_{field}_error"' in html and 'aria-invalid="true"' in html
    assert "The unit has <strong>24</strong> staff." in html.replace("&lt;", "<").replace("&gt;", ">")
    assert _item(reply, "13.4").text == ""


def test_a_valid_page_has_no_error_summary(client, armenia):
    reply, marie = armenia
    client.force_login(marie)

    assert 'id="error-summary"' not in client.get(_url("question_edit", reply)).content.decode()


def test_reference_text_languages_put_english_french_and_the_national_language_first():
    choices = reference_text_languages("hy")

    assert [code for code, _ in choices[:3]] == ["en", "fr", "hy"]
    group, others = choices[3]
    assert str(group) == "Other languages"
    names = [str(name) for _, name in others]
    assert names == sorted(names) and "Armenian" not in names and {"German", "Ukrainian", "Turkish"} <= set(names)
    assert [code for code, _ in reference_text_languages("")[:2]] == ["en", "fr"]
    assert not isinstance(reference_text_languages("")[2][1], str)  # no national language: the group follows


def test_the_question_page_offers_a_language_menu_per_files_item(client, armenia):
    reply, marie = armenia
    client.force_login(marie)
    item = _item(reply, "9.3")

    html = client.get(_url("question_edit", reply, "9")).content.decode()

    box = _attach_box(html, item.item_id)
    select = box[box.index('<select name="language"'):box.index("</select>")]
    assert f'form="attach-form-{item.item_id}"' in select and f'id="attach{item.item_id}_language"' in select
    assert re.findall(r'<option value="(\w+)"', select)[:3] == ["en", "fr", "hy"]
    assert '<optgroup label="Other languages">' in select
    assert f'<form method="post" enctype="multipart/form-data" id="attach-form-{item.item_id}"' in html


def test_a_language_outside_the_menu_is_refused_beside_the_item(client, armenia, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    reply, marie = armenia
    client.force_login(marie)
    item = _item(reply, "9.3")

    response = client.post(_url("attachment_add", reply, "9"),
                           {"item": item.item_id, "title": "Law", "language": "klingon", "file": _pdf()})

    assert response.status_code == 400
    assert "Select a valid choice. klingon is not one of the available choices." in _attach_box(
        response.content.decode(), item.item_id)
    assert "9.3 Language: Select a valid choice." in response.content.decode()
    assert not Attachment.objects.exists()


def test_without_javascript_a_refused_file_is_reported_beside_its_item(client, armenia, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    reply, marie = armenia
    client.force_login(marie)
    item = _item(reply, "9.3")
    fake = SimpleUploadedFile("fake.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")

    response = client.post(_url("attachment_add", reply, "9"),
                           {"item": item.item_id, "title": "Penal code", "language": "hy", "file": fake})

    html = response.content.decode()
    box = _attach_box(html, item.item_id)
    assert response.status_code == 400
    assert "“fake.pdf” is not a file type we accept (PDF, DOCX, ODT, PNG, JPEG, GIF, WebP), whatever its name says." in box
    assert f'id="attach{item.item_id}_file_error"' in box and "is-invalid" in box
    assert 'value="Penal code"' in box and '<option value="hy" selected>' in box
    assert "The browser does not keep a chosen file after a refusal: choose it again." in box
    summary = html[html.index('id="error-summary"'):html.index("</ul>", html.index('id="error-summary"'))]
    assert re.search(rf'<a href="#attach{item.item_id}_file" [^>]*>9.3 File: “fake.pdf” is not a file type', summary)
    assert 'id="answer-form"' in html and not Attachment.objects.exists()


def test_without_javascript_a_file_is_attached_and_the_page_returns_to_its_item(client, armenia, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    reply, marie = armenia
    client.force_login(marie)
    item = _item(reply, "9.3")

    response = client.post(_url("attachment_add", reply, "9"),
                           {"item": item.item_id, "title": "Penal code", "language": "hy", "file": _pdf()})

    assert response.status_code == 302 and response.url.endswith("/questions/9/#item-9.3")
    assert Attachment.objects.get(item_answer=item).language == "hy"


def test_attaching_in_place_answers_the_items_new_list(client, armenia, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    reply, marie = armenia
    client.force_login(marie)
    item = _item(reply, "9.3")
    url = _url("attachment_add", reply, "9")

    added = client.post(url, {"item": item.item_id, "title": "Penal code", "language": "fr", "file": _pdf()}, **JSON)
    refused = client.post(url, {"item": item.item_id, "title": "", "language": "en"}, **JSON)
    link = client.post(url, {"item": item.item_id, "language": "en", "url": "https://example.org/x"}, **JSON)

    assert added.status_code == 201 and added.json()["message"] == "Reference text added to 9.3."
    assert f'id="attachments-{item.item_id}"' in added.json()["html"] and "Penal code" in added.json()["html"]
    assert (added.json()["based_on"], added.json()["revision"]) == (0, 1)  # the page's revision moves on with it
    assert refused.status_code == 400 and refused.json() == {
        "error": "The reference text was not added to 9.3.", "fields": {"__all__": ["Give either a file or a link."]}}
    assert link.status_code == 400 and link.json()["fields"] == {"title": ["Give the link a title."]}
    assert list(Attachment.objects.filter(item_answer=item).values_list("title", "language")) == [("Penal code", "fr")]


def test_removing_in_place_answers_the_items_new_list(client, armenia):
    reply, marie = armenia
    client.force_login(marie)
    item = _item(reply, "9.3")
    kept = attachment_add_link(item_answer=item, title="Kept code", url="https://example.org/k", language="en", user=marie)
    gone = attachment_add_link(item_answer=item, title="Old code", url="https://example.org/o", language="en", user=marie)

    response = client.post(_url("attachment_remove", reply, "9", attachment_pk=gone.pk), **JSON)

    assert response.status_code == 200 and response.json()["message"] == "“Old code” was removed from 9.3."
    assert "Kept code" in response.json()["html"] and "Old code" not in response.json()["html"]
    assert list(Attachment.objects.values_list("pk", flat=True)) == [kept.pk]


def test_a_returned_answer_shows_who_returned_it_when_and_why_above_the_form(client, armenia):
    reply, marie = armenia
    reviewer = ReviewerFactory(first_name="Rémi", last_name="Reviewer")
    answer = reply.answers.select_related("question", "reply").get(question__number="13")
    Answer.objects.filter(pk=answer.pk).update(state=Answer.State.SUBMITTED)
    answer.refresh_from_db()
    answer_decide(answer=answer, action="returned", reviewer=reviewer, reason="Give the number of investigators.\nAnd the year.")
    client.force_login(marie)

    html = client.get(_url("question_edit", reply)).content.decode()

    panel = html[html.index('id="return-reason"'):html.index("</section>", html.index('id="return-reason"'))]
    assert "The secretariat returned this answer for revision" in panel and "By Rémi Reviewer on " in panel
    assert "<p>Give the number of investigators.<br>And the year.</p>" in panel
    assert html.index('id="return-reason"') < html.index('id="answer-form"')


def test_a_reopened_answer_shows_the_latest_reason(client, armenia):
    reply, marie = armenia
    reviewer = ReviewerFactory(first_name="Rémi", last_name="Reviewer")
    answer = reply.answers.select_related("question", "reply").get(question__number="13")
    Answer.objects.filter(pk=answer.pk).update(state=Answer.State.SUBMITTED)
    answer.refresh_from_db()
    answer_decide(answer=answer, action="returned", reviewer=reviewer, reason="First reason.")
    Answer.objects.filter(pk=answer.pk).update(state=Answer.State.APPROVED)
    answer.refresh_from_db()
    answer_decide(answer=answer, action="reopened", reviewer=reviewer, reason="The law changed in 2024.")
    client.force_login(marie)

    html = client.get(_url("question_edit", reply)).content.decode()

    panel = html[html.index('id="return-reason"'):html.index("</section>", html.index('id="return-reason"'))]
    assert "The secretariat reopened this answer" in panel and "The law changed in 2024." in panel
    assert "First reason." not in panel


def test_a_draft_answer_has_no_return_panel(client, armenia):
    reply, marie = armenia
    client.force_login(marie)

    assert 'id="return-reason"' not in client.get(_url("question_edit", reply)).content.decode()
