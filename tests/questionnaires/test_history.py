"""The answer history: saves grouped into sittings, events as markers, and changes shown in the text."""

import datetime

import pytest
from django.urls import reverse

from questionnaires.html_diff import html_word_diff
from questionnaires.models import AnswerEvent, AnswerRevision
from questionnaires.selectors import SITTING_GAP, sittings_of
from questionnaires.services import ItemValue, answer_decide, answer_save, reply_submit
from tests.factories import CountryFactory, FocalPointFactory, ReviewerFactory, UserFactory, party_reply_start
from tests.questionnaires.test_review import _complete

pytestmark = pytest.mark.django_db
START = datetime.datetime(2026, 12, 1, 14, 2, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))


def _revision(number, user, minutes) -> AnswerRevision:
    return AnswerRevision(number=number, saved_by=user, saved_at=START + datetime.timedelta(minutes=minutes), values={})


def _numbers(sittings) -> list[list[int]]:
    return [[revision.number for revision in sitting.revisions] for sitting in sittings]


def test_saves_with_pauses_up_to_the_threshold_make_one_sitting():
    anna = UserFactory.build(pk=1)
    gap = int(SITTING_GAP.total_seconds() // 60)

    sittings = sittings_of([_revision(1, anna, 0), _revision(2, anna, 10), _revision(3, anna, 10 + gap),
                            _revision(4, anna, 10 + 2 * gap + 1)])

    assert gap == 30
    assert _numbers(sittings) == [[1, 2, 3], [4]]
    assert sittings[0].save_count == 3
    assert (sittings[0].started_at, sittings[0].ended_at) == (START, START + datetime.timedelta(minutes=40))


def test_another_persons_save_or_an_event_ends_a_sitting():
    anna, paul = UserFactory.build(pk=1), UserFactory.build(pk=2)
    revisions = [_revision(1, anna, 0), _revision(2, paul, 1), _revision(3, anna, 2), _revision(4, anna, 3),
                 _revision(5, anna, 4)]

    assert _numbers(sittings_of(revisions)) == [[1], [2], [3, 4, 5]]
    assert _numbers(sittings_of(revisions, breaks={4})) == [[1], [2], [3, 4], [5]]


@pytest.fixture
def anna(published_version):
    country = CountryFactory(iso_code="FR", name="France")
    user = FocalPointFactory(country=country, user__first_name="Anna", user__last_name="Novak").user
    reply = party_reply_start(version=published_version, country=country, user=user)
    return user, reply, reply.answers.get(question__number="13")


def _save(answer, user, text, **values):
    return answer_save(answer=answer, user=user, values={"13.4": ItemValue(text=text), **values})


def _at(answer, number, minutes):
    AnswerRevision.objects.filter(answer=answer, number=number).update(
        saved_at=START + datetime.timedelta(minutes=minutes))


def _history(client, reply, query=""):
    return client.get(reverse("questionnaires:answer_history", args=[reply.pk, "13"]) + query).content.decode()


def test_the_history_shows_one_entry_per_sitting_with_its_times_and_saves(client, anna, settings):
    settings.TIME_ZONE = "Europe/Paris"
    user, reply, answer = anna
    for number, minutes in enumerate([0, 20, 45, 200], start=1):
        _save(answer, user, f"<p>Draft {number}</p>")
        _at(answer, number, minutes)
    client.force_login(user)

    page = _history(client, reply)

    assert "Sitting of Dec. 1, 2026, 2:02 p.m.–2:47 p.m. by Anna Novak — 3 saves" in page
    assert "Saved on Dec. 1, 2026, 5:22 p.m. by Anna Novak" in page
    # by default the newest revision is compared with the answer before its sitting began
    assert "Changes from revision 3 to 4" in page
    assert "Restore revision 1" in page and "Restore revision 4" not in page


def test_submissions_and_returns_are_markers_between_sittings(client, anna, django_capture_on_commit_callbacks):
    user, reply, answer = anna
    _complete(reply, user)
    with django_capture_on_commit_callbacks(execute=True):
        reply_submit(reply=reply, user=user)
        answer_decide(answer=answer, action=AnswerEvent.Action.RETURNED, reviewer=ReviewerFactory(first_name="Rémi"),
                      reason="Please give the unit's budget.")
    answer.refresh_from_db()
    _save(answer, user, "<p>The budget is 2 million euros.</p>")
    client.force_login(user)

    page = _history(client, reply)

    submitted, returned = page.index("<strong>Submitted</strong>"), page.index("<strong>Returned for revision</strong>")
    before, after = page.index('"Older: revision 1"'), page.index('"Newer: revision 2"')
    assert after < returned < submitted < before  # newest first: the later sitting, the return, the submission
    assert "Please give the unit&#x27;s budget." in page
    assert "Changes from revision 1 to 2" in page


def test_changed_words_are_marked_in_the_rendered_text():
    diff = html_word_diff("<p>The unit has <strong>24</strong> staff.</p><ul><li>victim ID</li></ul>",
                          "<p>The unit has <strong>26</strong> trained staff.</p>")

    assert diff == (
        '<p>The unit has <strong><del><span class="visually-hidden">deleted: </span>24</del>'
        '<ins><span class="visually-hidden">inserted: </span>26</ins></strong> '
        '<ins><span class="visually-hidden">inserted: </span>trained</ins> staff.</p>'
        '<ul><li><del><span class="visually-hidden">deleted: </span>victim ID</del></li></ul>'
    )


def test_the_word_diff_never_lets_markup_through():
    diff = html_word_diff('<p>Hello world</p>', '<p>Hello <script>alert(1)</script> <a href="javascript:x()" '
                          'onclick="steal()">world</a> &lt;img src=x onerror=y&gt;</p><span class="x">z</span>')

    assert "<script" not in diff and "onclick" not in diff and "javascript:" not in diff
    assert "<img" not in diff and "&lt;img src=x onerror=y&gt;" in diff
    assert 'class="x"' not in diff


def test_a_script_saved_in_an_answer_shows_as_removed_text_only(client, anna):
    user, reply, answer = anna
    _save(answer, user, "<p>Plain.</p>")
    _save(answer, user, "<p>Plain. <script>alert('x')</script><b onmouseover='y()'>Bold</b></p>")
    client.force_login(user)

    page = _history(client, reply, "?a=1&b=2")

    assert "alert" not in page and "onmouseover" not in page
    assert '<b><ins><span class="visually-hidden">inserted: </span>Bold</ins></b>' in page


def test_other_values_show_what_they_were_and_are(client, anna):
    user, reply, answer = anna
    _save(answer, user, "<p>Same.</p>", **{"13.2": ItemValue(yes_no="yes"), "13.5": ItemValue(number=24)})
    _save(answer, user, "<p>Same.</p>", **{"13.2": ItemValue(yes_no="na"), "13.5": ItemValue(number=26),
                                           "13.3": ItemValue(choice="dedicated")})
    client.force_login(user)

    page = _history(client, reply, "?a=1&b=2")

    assert "was <del>Yes</del>, now <ins>Not applicable</ins>" in page
    assert "was <del>24</del>, now <ins>26</ins>" in page
    assert "was <del>—</del>, now <ins>A team working solely on these offences</ins>" in page


def test_the_history_page_takes_a_fixed_number_of_queries(client, anna, django_assert_max_num_queries):
    user, reply, answer = anna
    for number in range(40):
        _save(answer, user if number % 2 else UserFactory(), f"<p>Draft {number}</p>")
    client.force_login(user)

    with django_assert_max_num_queries(16):
        page = _history(client, reply, "?a=0")

    assert "Changes from the empty answer to revision 40" in page


def test_paragraphs_too_long_to_compare_word_by_word_show_as_removed_and_inserted(monkeypatch):
    monkeypatch.setattr("questionnaires.html_diff.WORD_DIFF_LIMIT", 10)
    old, new = "<p>Same.</p><p>one two three</p>", "<p>Same.</p><p>one two four</p>"

    diff = html_word_diff(old, new)

    assert diff == ('<p>Same.</p><p><del><span class="visually-hidden">deleted: </span>one two three</del></p>'
                    '<p><ins><span class="visually-hidden">inserted: </span>one two four</ins></p>')
