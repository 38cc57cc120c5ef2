import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from questionnaires.models import Answer, AnswerRevision, Attachment, ItemAnswer
from tests.factories import CountryFactory, FocalPointFactory, party_reply_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def france(published_version):
    country = CountryFactory(iso_code="FR", name="France")
    first = FocalPointFactory(country=country, user__first_name="Marie").user
    second = FocalPointFactory(country=country, user__first_name="Paul").user
    reply = party_reply_start(version=published_version, country=country, user=first)
    return reply, first, second


def _url(name, reply, number="13", **extra):
    return reverse(f"questionnaires:{name}", kwargs={"reply_pk": reply.pk, "number": number, **extra})


def _item(reply, number) -> ItemAnswer:
    return ItemAnswer.objects.select_related("item").get(answer__reply=reply, item__number=number)


def _field(reply, number, explain=False):
    item_answer = _item(reply, number)
    return f"{'explain' if explain else 'item'}_{item_answer.item_id}"


def _q13_post(reply, **overrides):
    answer = reply.answers.get(question__number="13")
    data = {
        "revision": answer.revision,
        "language": "en",
        _field(reply, "13.1.a"): "yes",
        _field(reply, "13.1.a", explain=True): "<p>A national unit.</p>",
        _field(reply, "13.3"): "dedicated",
        _field(reply, "13.4"): "<p>The unit has <strong>24</strong> staff.</p><ul><li>victim ID</li></ul>",
        _field(reply, "13.5"): "30",
        **{_field(reply, number): "no" for number in ("13.1.b", "13.1.c", "13.2", "13.6", "13.7")},
    }
    data.update(overrides)
    return data


def test_every_item_type_round_trips_through_the_question_form(client, france):
    reply, marie, _ = france
    client.force_login(marie)

    response = client.post(_url("question_edit", reply), _q13_post(reply))

    assert response.status_code == 302
    assert _item(reply, "13.1.a").yes_no == "yes"
    assert _item(reply, "13.1.a").explanation == "<p>A national unit.</p>"
    assert _item(reply, "13.3").choice == "dedicated"
    assert _item(reply, "13.4").text == "<p>The unit has <strong>24</strong> staff.</p><ul><li>victim ID</li></ul>"
    assert _item(reply, "13.5").number == 30
    page = client.get(_url("question_edit", reply)).content.decode()
    assert "Question 13 saved." in page
    assert "&lt;strong&gt;24&lt;/strong&gt;" in page  # the stored HTML is back in the editor's textarea
    assert re.search(r'<input type="radio"[^>]*value="dedicated"[^>]*checked', page)

    multi = reply.answers.get(question__number="15")
    client.post(_url("question_edit", reply, "15"), {
        "revision": multi.revision, "language": "fr", _field(reply, "15.1"): ["judges", "police"],
    })
    assert _item(reply, "15.1").choices == ["police", "judges"]
    assert reply.answers.get(question__number="15").language == "fr"


def test_question_texts_are_shown_in_the_users_language(client, france):
    reply, marie, _ = france
    client.force_login(marie)
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})

    page = client.get(_url("question_edit", reply)).content.decode()

    assert "Unités/services/sections spécialisés" in page
    assert "Au sein des services répressifs" in page


def test_autosave_returns_the_new_revision_and_records_it(client, france):
    reply, marie, _ = france
    client.force_login(marie)

    response = client.post(_url("question_autosave", reply), _q13_post(reply))

    assert response.status_code == 200
    assert response.json()["revision"] == 1 and response.json()["saved_at"]
    assert AnswerRevision.objects.get(answer__question__number="13", answer__reply=reply).values["13.5"] == {"number": 30}


def test_an_unchanged_autosave_adds_no_revision(client, france):
    reply, marie, _ = france
    client.force_login(marie)
    client.post(_url("question_autosave", reply), _q13_post(reply))

    again = client.post(_url("question_autosave", reply), _q13_post(reply))

    assert again.json()["revision"] == 1
    assert AnswerRevision.objects.filter(answer__reply=reply).count() == 1


def test_two_focal_points_editing_the_same_answer_never_overwrite_silently(client, france):
    reply, marie, paul = france
    stale = _q13_post(reply)  # both opened the page at revision 0
    client.force_login(marie)
    client.post(_url("question_edit", reply), _q13_post(reply, **{_field(reply, "13.5"): "30"}))

    client.force_login(paul)
    autosave = client.post(_url("question_autosave", reply), {**stale, _field(reply, "13.5"): "31"})
    page = client.post(_url("question_edit", reply), {**stale, _field(reply, "13.5"): "31"})

    assert autosave.status_code == 409
    assert "saved this answer" in autosave.json()["error"]
    assert _item(reply, "13.5").number == 30
    html = page.content.decode()
    assert page.status_code == 200
    assert "Someone else saved this answer while you were editing" in html
    assert 'value="31"' in html  # Paul's typed value is kept in the form
    assert "<strong>30</strong>" in html  # Marie's saved value is shown beside it
    assert 'name="revision" value="1"' in html  # saving again knowingly replaces revision 1

    client.post(_url("question_edit", reply), {**stale, "revision": 1, _field(reply, "13.5"): "31"})
    assert _item(reply, "13.5").number == 31
    assert AnswerRevision.objects.filter(answer__question__number="13", answer__reply=reply).count() == 2


def test_revision_history_lists_every_save_and_compares_two(client, france):
    reply, marie, paul = france
    client.force_login(marie)
    client.post(_url("question_edit", reply), _q13_post(reply))
    client.force_login(paul)
    client.post(_url("question_edit", reply), _q13_post(reply, revision=1, **{
        _field(reply, "13.4"): "<p>The unit has <strong>26</strong> staff.</p><ul><li>victim ID</li></ul>",
        _field(reply, "13.3"): "cybercrime",
    }))

    page = client.get(_url("answer_history", reply) + "?a=1&b=2").content.decode()

    assert "Changes from revision 1 to 2" in page
    assert ('<p>The unit has <strong><del><span class="visually-hidden">deleted: </span>24</del>'
            '<ins><span class="visually-hidden">inserted: </span>26</ins></strong> staff.</p>') in page
    assert "was <del>A team working solely on these offences</del>, now <ins>Within a cybercrime unit</ins>" in page
    assert "by Marie" in page and "by Paul" in page


def test_submitting_with_missing_items_lists_them_with_links(client, france):
    reply, marie, _ = france
    client.force_login(marie)

    response = client.post(reverse("questionnaires:reply_submit", args=[reply.pk]), {"confirmed": "1"}, follow=True)

    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("questionnaires:reply_check", args=[reply.pk])
    assert "The reply cannot be submitted yet: 34 required items are not answered" in html
    assert f'href="/replies/{reply.pk}/questions/13/#item-13.1.a"' in html
    assert 'id="submit-form"' not in html
    assert not reply.answers.exclude(state=Answer.State.DRAFT).exists()


def test_a_submission_not_confirmed_on_the_check_page_submits_nothing(client, france):
    reply, marie, _ = france
    _complete_reply(reply, marie)
    client.force_login(marie)

    response = client.post(reverse("questionnaires:reply_submit", args=[reply.pk]))

    assert response.url == reverse("questionnaires:reply_check", args=[reply.pk])
    assert set(reply.answers.values_list("state", flat=True)) == {Answer.State.DRAFT}


def _complete_reply(reply, user):
    from questionnaires.demo import demo_values
    from questionnaires.services import answer_save, attachment_add_link

    for answer in reply.answers.all():
        answer_save(answer=answer, values=demo_values(answer, "France"), user=user)
    attachment_add_link(item_answer=_item(reply, "9.3"), title="Penal Code", url="https://example.org/code",
                        language="fr", user=user)


def test_submitted_answers_are_read_only_everywhere_until_returned(client, france):
    reply, marie, _ = france
    _complete_reply(reply, marie)
    client.force_login(marie)
    client.post(reverse("questionnaires:reply_submit", args=[reply.pk]), {"confirmed": "1"})
    assert set(reply.answers.values_list("state", flat=True)) == {Answer.State.SUBMITTED}

    page = client.get(_url("question_edit", reply)).content.decode()
    form_post = client.post(_url("question_edit", reply), _q13_post(reply, revision=1))
    autosave = client.post(_url("question_autosave", reply), _q13_post(reply, revision=1))

    assert "read-only until the secretariat returns it" in page and 'id="answer-form"' not in page
    assert form_post.status_code == 403 and autosave.status_code == 403
    assert _item(reply, "13.4").text.startswith("<p>The main unit")

    returned = reply.answers.get(question__number="13")
    returned.state = Answer.State.RETURNED
    returned.save()
    client.post(_url("question_edit", reply), _q13_post(reply, revision=returned.revision))
    client.post(reverse("questionnaires:reply_submit", args=[reply.pk]), {"confirmed": "1"})

    returned.refresh_from_db()
    assert returned.state == Answer.State.SUBMITTED
    assert _item(reply, "13.5").number == 30


def test_a_hundred_page_paste_is_saved(client, france):
    reply, marie, _ = france
    client.force_login(marie)
    page = '<p style="margin:0cm;font-family:Calibri"><span lang="EN-GB">' + "Specialised unit staff. " * 120 + "</span></p>"
    pasted = page * 100 * 4  # about 100 pages of Word-style HTML
    assert len(pasted) > 1_100_000

    response = client.post(_url("question_autosave", reply), _q13_post(reply, **{_field(reply, "13.4"): pasted}))

    assert response.status_code == 200
    stored = _item(reply, "13.4").text
    assert stored.count("Specialised unit staff.") == 120 * 400
    assert "style=" not in stored


def test_oversized_text_is_refused_with_a_message_and_kept_in_the_form(client, france, settings):
    settings.ANSWER_TEXT_MAX_CHARS = 1000
    reply, marie, _ = france
    client.force_login(marie)
    long_text = "<p>" + "x" * 2000 + "</p>"

    response = client.post(_url("question_edit", reply), _q13_post(reply, **{_field(reply, "13.4"): long_text}))

    html = response.content.decode()
    assert response.status_code == 200
    assert "an answer may have at most 1,000" in html
    assert "x" * 2000 in html
    assert _item(reply, "13.4").text == ""


def test_a_number_out_of_range_is_refused_and_the_rest_is_kept(client, france):
    reply, marie, _ = france
    client.force_login(marie)

    response = client.post(_url("question_edit", reply), _q13_post(reply, **{_field(reply, "13.5"): "-4"}))

    html = response.content.decode()
    assert "Ensure this value is greater than or equal to 0." in html
    assert "A national unit." in html
    assert _item(reply, "13.5").number is None

    bad_json = client.post(_url("question_autosave", reply), _q13_post(reply, **{_field(reply, "13.5"): "many"}))
    assert bad_json.status_code == 400 and "not valid" in bad_json.json()["error"]


def _pdf(name="law.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "application/pdf")


def _docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return SimpleUploadedFile("law.docx", buffer.getvalue(), "application/octet-stream")


def test_files_and_links_are_attached_checked_by_content_and_served_with_permission(client, france, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    reply, marie, _ = france
    client.force_login(marie)
    item = _item(reply, "9.3")
    url = _url("attachment_add", reply, "9")

    client.post(url, {"item": item.item_id, "title": "Penal code", "language": "fr", "file": _pdf()})
    client.post(url, {"item": item.item_id, "title": "Act 2015", "language": "en", "file": _docx()})
    client.post(url, {"item": item.item_id, "title": "Online code", "language": "en", "url": "https://example.org/x"})
    refused = client.post(url, {"item": item.item_id, "title": "Fake", "language": "en",
                                "file": SimpleUploadedFile("fake.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")},
                          follow=True)

    attachments = {a.title: a for a in Attachment.objects.filter(item_answer=item)}
    assert set(attachments) == {"Penal code", "Act 2015", "Online code"}
    assert attachments["Act 2015"].content_type.endswith("wordprocessingml.document")
    assert "“fake.pdf” is not a file type we accept" in refused.content.decode()
    download = client.get(reverse("questionnaires:attachment_download", args=[attachments["Penal code"].pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert AnswerRevision.objects.filter(answer=item.answer).count() == 3

    other = FocalPointFactory(country=CountryFactory(iso_code="AM", name="Armenia")).user
    client.force_login(other)
    assert client.get(reverse("questionnaires:attachment_download", args=[attachments["Penal code"].pk])).status_code == 404


def test_oversized_files_and_incomplete_forms_get_clear_messages(client, france, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.ATTACHMENT_MAX_BYTES = 10
    reply, marie, _ = france
    client.force_login(marie)
    item = _item(reply, "9.3")
    url = _url("attachment_add", reply, "9")

    too_big = client.post(url, {"item": item.item_id, "title": "Law", "language": "en", "file": _pdf()}, follow=True)
    neither = client.post(url, {"item": item.item_id, "title": "Law", "language": "en"}, follow=True)

    assert "files may be at most 10" in too_big.content.decode()
    assert "Give either a file or a link." in neither.content.decode()
    assert not Attachment.objects.exists()


def test_tampered_requests_are_refused(client, france, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    reply, marie, _ = france
    armenia = party_reply_start(version=reply.version, country=CountryFactory(iso_code="AM", name="Armenia"))
    client.force_login(marie)

    other_country = client.post(_url("question_edit", armenia), _q13_post(armenia))
    missing_question = client.get(_url("question_edit", reply, "99"))
    wrong_item = client.post(_url("attachment_add", reply, "13"), {
        "item": _item(reply, "9.3").item_id, "title": "x", "language": "en", "url": "https://example.org"})
    foreign_field = client.post(_url("question_edit", reply), _q13_post(reply, **{_field(reply, "9.1"): "yes"}))

    assert other_country.status_code == 404  # as if it did not exist
    assert missing_question.status_code == 404
    assert wrong_item.status_code == 404
    assert foreign_field.status_code == 302 and _item(reply, "9.1").yes_no == ""
    assert not ItemAnswer.objects.filter(answer__reply=armenia).exclude(text="").exists()


@pytest.mark.parametrize("name", ["question_edit", "question_autosave", "answer_history", "attachment_add"])
def test_a_focal_point_never_reaches_another_countrys_answering_urls(client, france, name):
    reply, _, _ = france
    intruder = FocalPointFactory(country=CountryFactory(iso_code="AM", name="Armenia")).user
    client.force_login(intruder)

    get = client.get(_url(name, reply))
    post = client.post(_url(name, reply), _q13_post(reply))

    assert get.status_code in (404, 405) and post.status_code == 404
    assert not AnswerRevision.objects.exists()


def test_other_countries_cannot_submit_start_or_remove(client, france, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    reply, marie, _ = france
    from questionnaires.services import attachment_add_link

    link = attachment_add_link(item_answer=_item(reply, "9.3"), title="Code", url="https://example.org",
                               language="en", user=marie)
    intruder = FocalPointFactory(country=CountryFactory(iso_code="AM", name="Armenia")).user
    client.force_login(intruder)

    assert client.post(reverse("questionnaires:reply_submit", args=[reply.pk])).status_code == 404
    assert client.post(_url("attachment_remove", reply, "9", attachment_pk=link.pk)).status_code == 404
    assert Attachment.objects.filter(pk=link.pk).exists()


def test_question_page_and_autosave_queries_do_not_grow_with_the_number_of_items(client, france):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    reply, marie, _ = france
    client.force_login(marie)
    counts = {}
    for number in ("2", "13"):  # one item against ten
        client.get(_url("question_edit", reply, number))
        with CaptureQueriesContext(connection) as page:
            client.get(_url("question_edit", reply, number))
        answer = reply.answers.get(question__number=number)
        data = {"revision": answer.revision, "language": "en"}
        data.update(_q13_post(reply) if number == "13" else {_field(reply, "2.1"): "<p>NGOs</p>"})
        with CaptureQueriesContext(connection) as autosave:
            assert client.post(_url("question_autosave", reply, number), data).status_code == 200
        counts[number] = (len(page), len(autosave))

    assert counts["2"][0] == counts["13"][0]
    # An autosave fetches choices and attachments only when the question has such items: one query each,
    # however many items there are.
    assert counts["2"][1] <= counts["13"][1] <= counts["2"][1] + 2


def test_the_answering_form_marks_the_required_items_and_says_what_the_mark_means(client, france):
    reply, marie, _ = france
    client.force_login(marie)

    page = client.get(f"/replies/{reply.pk}/questions/13/").content.decode()

    assert "must be answered before the reply is submitted; you can save at any time" in page
    marked = re.findall(r'>\s*(13\.\d(?:\.[a-c])?) [^<]*<span class="text-danger" aria-hidden="true">\*</span>'
                        r'<span class="visually-hidden">\(required\)</span>', page)
    assert marked == ["13.1.a", "13.1.b", "13.1.c", "13.2", "13.3", "13.4", "13.6", "13.7"]  # 13.5 is optional
