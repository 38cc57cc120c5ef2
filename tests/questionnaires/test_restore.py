"""Restoring an earlier revision of an answer: a new revision with the old values, nothing deleted."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from questionnaires.models import Answer, AnswerEvent, AnswerRevision, ItemAnswer
from questionnaires.services import AnswerConflict, ItemValue, answer_revision_restore, answer_save
from tests.conftest import sign_in_with_second_factor
from tests.factories import CountryFactory, FocalPointFactory, ReviewerFactory, party_reply_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def saved_twice(published_version):
    country = CountryFactory(iso_code="FR", name="France", national_language="")
    user = FocalPointFactory(country=country, user__first_name="Anna").user
    reply = party_reply_start(version=published_version, country=country, user=user)
    answer = reply.answers.get(question__number="13")
    answer_save(answer=answer, user=user, values={
        "13.4": ItemValue(text="<p>The unit has <strong>24</strong> staff.</p>"), "13.5": ItemValue(number=24),
        "13.3": ItemValue(choice="dedicated"),
    })
    answer_save(answer=answer, user=user, language="fr", values={
        "13.4": ItemValue(text="<p>L'unité compte 26 agents.</p>"), "13.5": ItemValue(number=26),
        "13.3": ItemValue(choice="cybercrime"),
    })
    answer.refresh_from_db()
    return user, reply, answer


def _value(answer, number) -> ItemAnswer:
    return ItemAnswer.objects.get(answer=answer, item__number=number)


def _url(reply, revision):
    return reverse("questionnaires:answer_revision_restore", args=[reply.pk, "13", revision])


def _revisions(answer) -> list[tuple[int, dict, str]]:
    return [(r.number, r.values, r.language) for r in AnswerRevision.objects.filter(answer=answer).order_by("number")]


def test_restoring_saves_the_old_values_as_a_new_revision_and_keeps_the_others(saved_twice):
    user, reply, answer = saved_twice
    before = _revisions(answer)

    restored = answer_revision_restore(answer=answer, revision=answer.revisions.get(number=1), user=user,
                                       expected_revision=2)

    assert restored.revision == 3 and restored.language == "en"
    assert _value(answer, "13.4").text == "<p>The unit has <strong>24</strong> staff.</p>"
    assert (_value(answer, "13.5").number, _value(answer, "13.3").choice) == (24, "dedicated")
    after = _revisions(answer)
    assert after[:2] == before  # the earlier revisions are untouched
    assert after[2][1] == before[0][1] and after[2][2] == "en"
    event = AnswerEvent.objects.filter(answer=answer).latest("pk")
    assert (event.action, event.revision, event.actor) == (AnswerEvent.Action.EDITED, 3, user)
    assert event.reason.startswith("Restored revision 1 (saved on ")


def test_a_restore_from_a_stale_page_changes_nothing(saved_twice):
    user, reply, answer = saved_twice

    with pytest.raises(AnswerConflict):
        answer_revision_restore(answer=answer, revision=answer.revisions.get(number=1), user=user,
                                expected_revision=1)

    assert Answer.objects.get(pk=answer.pk).revision == 2
    assert _value(answer, "13.5").number == 26


def test_a_restored_value_goes_through_the_sanitiser(saved_twice):
    user, reply, answer = saved_twice
    unsafe = answer.revisions.get(number=1)
    AnswerRevision.objects.filter(pk=unsafe.pk).update(values={
        **unsafe.values, "13.4": {"text": "<p onclick='x()'>Old<script>alert(1)</script></p>"}})
    unsafe.refresh_from_db()

    answer_revision_restore(answer=answer, revision=unsafe, user=user, expected_revision=2)

    assert _value(answer, "13.4").text == "<p>Old</p>"


def test_the_confirmation_says_what_will_happen_and_the_restore_is_done_on_post(client, saved_twice):
    user, reply, answer = saved_twice
    client.force_login(user)

    page = client.get(_url(reply, 1)).content.decode()
    response = client.post(_url(reply, 1), {"expected_revision": "2"}, follow=True)

    assert "Your answer will be replaced by revision 1 (saved on " in page
    assert "The current text stays in the history." in page
    assert 'name="expected_revision" value="2"' in page
    assert "was <del>26</del>, now <ins>24</ins>" in page
    assert "Reference texts (files and links) are not restored" not in page  # question 13 has no files item
    assert response.redirect_chain[-1][0] == reverse("questionnaires:answer_history", args=[reply.pk, "13"])
    assert "Revision 1 was restored as a new revision; the text it replaced stays in the history." \
        in response.content.decode()
    history = response.content.decode()
    assert "Restored revision 1 (saved on " in history  # the marker in the timeline
    assert history.index("Restored revision 1 (saved on ") < history.index('"Newer: revision 3"')
    assert "Changes from revision 2 to 3" in history  # the restore is a sitting of its own
    assert Answer.objects.get(pk=answer.pk).revision == 3


def test_a_stale_or_incomplete_post_is_refused_with_a_message(client, saved_twice):
    user, reply, answer = saved_twice
    client.force_login(user)

    stale = client.post(_url(reply, 1), {"expected_revision": "1"}, follow=True).content.decode()
    missing = client.post(_url(reply, 1), {"expected_revision": "two"}, follow=True).content.decode()

    assert "Nothing was restored: the answer was saved again (revision 2," in stale
    assert "Nothing was restored" in missing
    assert Answer.objects.get(pk=answer.pk).revision == 2


def test_restoring_the_current_values_is_refused_with_a_message(client, saved_twice):
    user, reply, answer = saved_twice
    client.force_login(user)

    page = client.post(_url(reply, 2), {"expected_revision": "2"}, follow=True).content.decode()

    assert "Revision 2 holds the same values as the current answer: there is nothing to restore." in page
    assert Answer.objects.get(pk=answer.pk).revision == 2


def test_a_submitted_answer_cannot_be_restored(client, saved_twice):
    user, reply, answer = saved_twice
    Answer.objects.filter(pk=answer.pk).update(state=Answer.State.SUBMITTED)
    client.force_login(user)

    confirmation = client.get(_url(reply, 1), follow=True).content.decode()
    post = client.post(_url(reply, 1), {"expected_revision": "2"}, follow=True).content.decode()
    history = client.get(reverse("questionnaires:answer_history", args=[reply.pk, "13"])).content.decode()

    assert "This answer is submitted for review and cannot be edited, so no revision can be restored." in confirmation
    assert "This answer is submitted for review and cannot be edited." in post
    assert "Restore revision 1" not in history
    assert Answer.objects.get(pk=answer.pk).revision == 2
    with pytest.raises(ValidationError):
        answer_revision_restore(answer=answer, revision=answer.revisions.get(number=1), user=user,
                                expected_revision=2)


def test_reviewers_and_other_countries_cannot_restore(client, saved_twice):
    user, reply, answer = saved_twice
    reviewer = ReviewerFactory()
    sign_in_with_second_factor(client, reviewer)
    as_reviewer = client.post(_url(reply, 1), {"expected_revision": "2"})
    reviewer_history = client.get(reverse("questionnaires:answer_history", args=[reply.pk, "13"])).content.decode()
    client.force_login(FocalPointFactory(country=CountryFactory(iso_code="AM", name="Armenia")).user)
    as_other_country = client.post(_url(reply, 1), {"expected_revision": "2"})
    client.force_login(user)
    missing_revision = client.get(_url(reply, 99))

    assert as_reviewer.status_code == 403
    assert "Restore revision 1" not in reviewer_history
    assert as_other_country.status_code == 404
    assert missing_revision.status_code == 404
    assert Answer.objects.get(pk=answer.pk).revision == 2


def test_a_revision_of_another_answer_is_refused(saved_twice):
    user, reply, answer = saved_twice
    other = reply.answers.get(question__number="5")
    answer_save(answer=other, user=user, values={"5.1": ItemValue(text="<p>One study.</p>")})

    with pytest.raises(ValidationError, match="That revision belongs to another answer."):
        answer_revision_restore(answer=answer, revision=other.revisions.get(number=1), user=user,
                                expected_revision=2)
