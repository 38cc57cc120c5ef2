import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from questionnaires.models import Answer, AnswerEvent, Comment, Notification, NotificationPreference
from questionnaires.services import (
    ItemValue,
    answer_decide,
    answer_save,
    comment_add,
    digests_send,
    reply_submit,
    version_party_add,
)
from questionnaires.workflow import TRANSITIONS, Action
from tests.factories import CountryFactory, FocalPointFactory, ReviewerFactory, SteeringMemberFactory, party_reply_start

pytestmark = pytest.mark.django_db
State = Answer.State


def _complete(reply, user):
    from questionnaires.demo import demo_values
    from questionnaires.services import attachment_add_link

    for answer in reply.answers.all():
        answer_save(answer=answer, values=demo_values(answer, reply.country.name), user=user)
    attachment_add_link(item_answer=reply.answers.get(question__number="9").item_answers.get(item__number="9.3"),
                        title="Penal Code", url="https://example.org/code", language="en", user=user)


@pytest.fixture
def submitted(published_version, django_capture_on_commit_callbacks):
    country = CountryFactory(iso_code="FR", name="France")
    focal_point = FocalPointFactory(country=country, user__email="marie@example.org").user
    reviewer = ReviewerFactory(email="remi@example.org", first_name="Rémi")
    reply = party_reply_start(version=published_version, country=country, user=focal_point)
    _complete(reply, focal_point)
    with django_capture_on_commit_callbacks(execute=True):
        reply_submit(reply=reply, user=focal_point)
    mail.outbox.clear()
    return reply, focal_point, reviewer


def _answer(reply, number) -> Answer:
    return reply.answers.select_related("question", "reply").get(question__number=number)


@pytest.mark.parametrize("state", State.values)
@pytest.mark.parametrize("action", [Action.APPROVED, Action.RETURNED, Action.REOPENED])
def test_every_decision_is_allowed_only_from_its_states(submitted, state, action):
    reply, _, reviewer = submitted
    answer = _answer(reply, "13")
    Answer.objects.filter(pk=answer.pk).update(state=state)
    allowed = state in TRANSITIONS[action].sources

    if allowed:
        event = answer_decide(answer=answer, action=action, reviewer=reviewer, reason="Please check 13.4")
        assert _answer(reply, "13").state == TRANSITIONS[action].target
        assert (event.from_state, event.to_state, event.actor) == (state, TRANSITIONS[action].target, reviewer)
    else:
        with pytest.raises(ValidationError, match="cannot be"):
            answer_decide(answer=answer, action=action, reviewer=reviewer, reason="Please check 13.4")
        assert _answer(reply, "13").state == state


@pytest.mark.parametrize("state", State.values)
def test_submitting_is_allowed_only_from_draft_or_returned(submitted, state):
    reply, focal_point, _ = submitted
    Answer.objects.filter(reply=reply).update(state=state)

    if state in (State.DRAFT, State.RETURNED):
        assert len(reply_submit(reply=reply, user=focal_point)) == 16
    else:
        with pytest.raises(ValidationError, match="nothing to submit"):
            reply_submit(reply=reply, user=focal_point)


@pytest.mark.parametrize("action", [Action.RETURNED, Action.REOPENED])
def test_returning_and_reopening_require_a_reason(submitted, action):
    reply, _, reviewer = submitted
    answer = _answer(reply, "13")
    if action == Action.REOPENED:
        answer_decide(answer=answer, action=Action.APPROVED, reviewer=reviewer)

    with pytest.raises(ValidationError, match="Give a reason"):
        answer_decide(answer=answer, action=action, reviewer=reviewer, reason="   ")


def test_the_decision_page_refuses_an_illegal_transition_with_a_message(client, submitted):
    reply, _, reviewer = submitted
    answer = _answer(reply, "13")
    client.force_login(reviewer)
    client.post(reverse("questionnaires:answer_decide", args=[answer.pk]), {"action": "approved"})

    page = client.post(reverse("questionnaires:answer_decide", args=[answer.pk]), {"action": "returned", "reason": "x"}, follow=True)

    assert "Question 13 cannot be returned for revision: it is approved." in page.content.decode()
    assert _answer(reply, "13").state == State.APPROVED


def test_approved_answers_are_locked_in_the_form_autosave_and_services(client, submitted):
    reply, focal_point, reviewer = submitted
    answer = _answer(reply, "2")
    answer_decide(answer=answer, action=Action.APPROVED, reviewer=reviewer)
    client.force_login(focal_point)
    field = f"item_{answer.item_answers.get().item_id}"
    data = {"revision": answer.revision, "language": "en", field: "<p>Changed</p>"}

    assert client.post(reverse("questionnaires:question_edit", args=[reply.pk, "2"]), data).status_code == 403
    assert client.post(reverse("questionnaires:question_autosave", args=[reply.pk, "2"]), data).status_code == 403
    with pytest.raises(ValidationError, match="approved and cannot be edited"):
        answer_save(answer=answer, values={"2.1": ItemValue(text="<p>Changed</p>")}, user=focal_point)
    assert "approved and is locked" in client.get(reverse("questionnaires:question_edit", args=[reply.pk, "2"])).content.decode()
    assert "Changed" not in answer.item_answers.get().text


def test_reviewers_cannot_edit_the_countrys_text(client, submitted):
    reply, _, reviewer = submitted
    answer = _answer(reply, "2")
    answer_decide(answer=answer, action=Action.RETURNED, reviewer=reviewer, reason="Add the 2016 figures.")
    client.force_login(reviewer)
    field = f"item_{answer.item_answers.get().item_id}"
    data = {"revision": answer.revision, "language": "en", field: "<p>Reviewer text</p>"}

    assert client.post(reverse("questionnaires:question_edit", args=[reply.pk, "2"]), data).status_code == 403
    assert client.post(reverse("questionnaires:question_autosave", args=[reply.pk, "2"]), data).status_code == 403
    assert "Reviewer text" not in answer.item_answers.get().text


def test_only_returned_answers_go_round_again_and_approved_ones_stay_locked(client, submitted,
                                                                             django_capture_on_commit_callbacks):
    reply, focal_point, reviewer = submitted
    for answer in reply.answers.exclude(question__number="13"):
        answer_decide(answer=answer, action=Action.APPROVED, reviewer=reviewer)
    answer_decide(answer=_answer(reply, "13"), action=Action.RETURNED, reviewer=reviewer,
                  reason="13.5 is missing the staff of the regional units.")

    client.force_login(focal_point)
    page = client.get(reverse("questionnaires:question_edit", args=[reply.pk, "13"])).content.decode()
    assert "13.5 is missing the staff of the regional units." in page  # the reason, in the dialogue
    answer_save(answer=_answer(reply, "13"), values={"13.5": ItemValue(number=42)}, user=focal_point)
    with django_capture_on_commit_callbacks(execute=True):
        resubmitted = reply_submit(reply=reply, user=focal_point)

    assert [a.question.number for a in resubmitted] == ["13"]
    assert _answer(reply, "13").state == State.SUBMITTED
    assert reply.answers.filter(state=State.APPROVED).count() == 15
    assert mail.outbox[-1].to == ["remi@example.org"]
    assert "question 13 submitted" in mail.outbox[-1].subject
    review = client.get(reverse("questionnaires:answer_review", args=[_answer(reply, "13").pk]))
    assert review.status_code == 403  # focal points do not reach the review page
    client.force_login(reviewer)
    changes = client.get(reverse("questionnaires:answer_review", args=[_answer(reply, "13").pk])).content.decode()
    assert "Changes since the last review" in changes and "now <ins>42</ins>" in changes


def test_the_review_shows_the_words_changed_since_the_last_review_in_the_text(client, submitted):
    reply, focal_point, reviewer = submitted
    answer_decide(answer=_answer(reply, "13"), action=Action.RETURNED, reviewer=reviewer, reason="Give the staff.")
    answer_save(answer=_answer(reply, "13"), user=focal_point,
                values={"13.4": ItemValue(text="<p>The unit has <em>12</em> investigators.</p>")})
    answer_save(answer=_answer(reply, "13"), user=focal_point,
                values={"13.4": ItemValue(text="<p>The unit has <em>14</em> investigators.</p>")})
    answer = _answer(reply, "13")
    Answer.objects.filter(pk=answer.pk).update(reviewed_revision=answer.revision - 1)  # as if reviewed in between
    client.force_login(reviewer)

    page = client.get(reverse("questionnaires:answer_review", args=[answer.pk])).content.decode()

    assert ('<p>The unit has <em><del><span class="visually-hidden">deleted: </span>12</del>'
            '<ins><span class="visually-hidden">inserted: </span>14</ins></em> investigators.</p>') in page
    assert "Inserted words are" in page


def test_notifications_are_queued_on_commit_and_not_on_rollback(submitted, django_capture_on_commit_callbacks):
    reply, focal_point, reviewer = submitted

    with django_capture_on_commit_callbacks() as callbacks:
        try:
            with transaction.atomic():
                answer_decide(answer=_answer(reply, "1"), action=Action.APPROVED, reviewer=reviewer)
                raise RuntimeError("the request failed after the decision")
        except RuntimeError:
            pass
    assert callbacks == [] and mail.outbox == []
    assert _answer(reply, "1").state == State.SUBMITTED

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        answer_decide(answer=_answer(reply, "1"), action=Action.RETURNED, reviewer=reviewer,
                      reason="Please describe the 2017 campaign.")
    assert callbacks  # the notification (and a compilation refresh) run only after the commit
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["marie@example.org"]
    assert "France, question 1 returned for revision" in message.subject
    assert "Please describe the 2017 campaign." in message.body
    assert f"/replies/{reply.pk}/questions/1/" in message.body


def test_users_who_chose_a_digest_get_one_email_a_day(submitted, django_capture_on_commit_callbacks):
    reply, focal_point, reviewer = submitted
    NotificationPreference.objects.create(user=focal_point, daily_digest=True)

    with django_capture_on_commit_callbacks(execute=True):
        answer_decide(answer=_answer(reply, "1"), action=Action.APPROVED, reviewer=reviewer)
        answer_decide(answer=_answer(reply, "2"), action=Action.RETURNED, reviewer=reviewer, reason="More detail")
    assert mail.outbox == []

    assert digests_send() == 1
    assert digests_send() == 0
    assert len(mail.outbox) == 1
    assert "Daily digest: 2 updates" in mail.outbox[0].subject
    assert "question 1" in mail.outbox[0].body and "More detail" in mail.outbox[0].body
    assert not Notification.objects.filter(sent_at__isnull=True).exists()


def test_running_the_notification_task_twice_sends_nothing_twice(submitted):
    from questionnaires.tasks import notify_answer_events

    reply, _, reviewer = submitted
    event = answer_decide(answer=_answer(reply, "1"), action=Action.APPROVED, reviewer=reviewer)

    assert notify_answer_events.delay([event.pk]).get() == 1
    assert notify_answer_events.delay([event.pk]).get() == 0
    assert len(mail.outbox) == 1


def test_the_audit_trail_records_every_edit_and_state_change(client, submitted):
    reply, focal_point, reviewer = submitted
    answer = _answer(reply, "2")
    answer_decide(answer=answer, action=Action.RETURNED, reviewer=reviewer, reason="Add figures")
    answer_save(answer=answer, values={"2.1": ItemValue(text="<p>With figures</p>")}, user=focal_point)

    trail = list(answer.events.values_list("action", "from_state", "to_state", "actor_id"))

    assert trail == [
        (Action.EDITED, State.DRAFT, State.DRAFT, focal_point.pk),
        (Action.SUBMITTED, State.DRAFT, State.SUBMITTED, focal_point.pk),
        (Action.RETURNED, State.SUBMITTED, State.RETURNED, reviewer.pk),
        (Action.EDITED, State.RETURNED, State.RETURNED, focal_point.pk),
    ]
    client.force_login(focal_point)
    page = client.get(reverse("questionnaires:question_edit", args=[reply.pk, "2"])).content.decode()
    assert "Audit trail" in page and "Add figures" in page and "Submitted for review → Returned for revision" in page
    assert AnswerEvent.objects.count() >= 4 and Answer.objects.count() == 16


def test_the_dialogue_is_shared_by_the_country_and_the_secretariat(client, submitted):
    reply, focal_point, reviewer = submitted
    answer = _answer(reply, "13")
    client.force_login(reviewer)
    client.post(reverse("questionnaires:comment_post", args=[answer.pk]), {"body": "Is the unit national or regional?"})
    question = Comment.objects.get()
    client.force_login(focal_point)
    client.post(reverse("questionnaires:comment_post", args=[answer.pk]), {"body": "National, with regional officers.",
                                                             "parent": question.pk})
    empty = client.post(reverse("questionnaires:comment_post", args=[answer.pk]), {"body": "  "}, follow=True)

    assert "Write a message first." in empty.content.decode()
    page = client.get(reverse("questionnaires:question_edit", args=[reply.pk, "13"])).content.decode()
    assert "Is the unit national or regional?" in page and "National, with regional officers." in page
    intruder = FocalPointFactory(country=CountryFactory(iso_code="AM", name="Armenia")).user
    client.force_login(intruder)
    assert client.post(reverse("questionnaires:comment_post", args=[answer.pk]), {"body": "hi"}).status_code == 404
    assert Comment.objects.count() == 2
    with pytest.raises(ValidationError, match="another answer"):
        comment_add(answer=_answer(reply, "1"), author=reviewer, body="x", parent=question)


def test_steering_group_members_cannot_see_unapproved_answers(client, submitted):
    reply, _, _ = submitted
    client.force_login(SteeringMemberFactory())
    answer = _answer(reply, "13")

    assert client.get(reverse("questionnaires:reply_detail", args=[reply.pk])).status_code == 404
    assert client.get(reverse("questionnaires:question_edit", args=[reply.pk, "13"])).status_code == 404
    assert client.get(reverse("questionnaires:answer_review", args=[answer.pk])).status_code == 403
    assert client.get(reverse("questionnaires:review_queue")).status_code == 403
    dashboard = client.get(reverse("reports:version_progress", args=[reply.version.pk])).content.decode()
    assert "24 investigators" not in dashboard and "France" in dashboard


def test_queue_filters_sorts_counts_and_bulk_approves(client, submitted, published_version):
    reply, _, reviewer = submitted
    armenia = party_reply_start(version=published_version, country=CountryFactory(iso_code="AM", name="Armenia"))
    _complete(armenia, None)
    reply_submit(reply=armenia, user=None)
    client.force_login(reviewer)

    everything = client.get(reverse("questionnaires:review_queue"))
    only_13 = client.get(reverse("questionnaires:review_queue") + "?question=13&sort=country")
    armenia_only = client.get(reverse("questionnaires:review_queue") + f"?country={armenia.country.pk}")

    assert everything.context["page"].paginator.count == 32
    assert everything.context["counts"]["submitted"] == 32
    assert [a.reply.country.name for a in only_13.context["page"]] == ["Armenia", "France"]
    assert {a.reply.country.name for a in armenia_only.context["page"]} == {"Armenia"}
    assert len(everything.context["page"].object_list) == 25

    ids = [a.pk for a in only_13.context["page"]]
    client.post(reverse("questionnaires:answers_approve"), {"answer": ids, "next": "/review/?question=13", "confirmed": "1"})
    after = client.get(reverse("questionnaires:review_queue"))
    assert after.context["counts"] == {"draft": 0, "submitted": 30, "returned": 0, "approved": 2}


def test_queue_and_dashboard_queries_do_not_grow_with_countries_and_questions(client, submitted, published_version):
    reply, _, reviewer = submitted
    client.force_login(reviewer)
    queue_url = reverse("questionnaires:review_queue") + "?state=&sort=country"
    dashboard_url = reverse("reports:version_progress", args=[published_version.pk])

    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = (count(queue_url), count(dashboard_url))
    for iso, name in (("AM", "Armenia"), ("AT", "Austria"), ("BE", "Belgium")):
        other = party_reply_start(version=published_version, country=CountryFactory(iso_code=iso, name=name))
        _complete(other, None)
        reply_submit(reply=other, user=None)
    after = (count(queue_url), count(dashboard_url))

    assert after == before


def test_dashboard_counts_states_per_question_and_country(submitted, published_version):
    from reports.selectors import progress_matrix

    reply, _, reviewer = submitted
    answer_decide(answer=_answer(reply, "13"), action=Action.APPROVED, reviewer=reviewer)
    answer_decide(answer=_answer(reply, "1"), action=Action.RETURNED, reviewer=reviewer, reason="x")
    version_party_add(version=published_version, country=CountryFactory(iso_code="AM", name="Armenia",
                                                                        focus_country=True))
    CountryFactory(iso_code="IE", name="Ireland")  # not a Party of the round: not listed

    matrix = progress_matrix(published_version)
    focus = progress_matrix(published_version, focus_only=True)

    assert matrix.replied == 1 and len(matrix.rows) == 2
    france = next(row for row in matrix.rows if row[0].name == "France")
    assert france[2] == {"draft": 0, "submitted": 14, "returned": 1, "approved": 1}
    q13 = [q.number for q in matrix.questions].index("13")
    assert matrix.question_totals[q13]["approved"] == 1
    assert [row[0].name for row in focus.rows] == ["Armenia"] and focus.replied == 0


def test_users_choose_a_daily_digest_on_their_settings_page(client, submitted):
    _, focal_point, _ = submitted
    client.force_login(focal_point)

    response = client.post(reverse("questionnaires:notification_settings"), {"daily_digest": "on"}, follow=True)

    assert "Your notification settings were saved." in response.content.decode()
    assert NotificationPreference.objects.get(user=focal_point).daily_digest


def test_an_approval_may_carry_a_comment_for_the_country(client, submitted):
    reply, _, reviewer = submitted
    answer = _answer(reply, "5")
    client.force_login(reviewer)

    client.post(reverse("questionnaires:answer_decide", args=[answer.pk]), {"action": "approved", "reason": "Thank you, very clear."})

    comment = Comment.objects.get(answer=answer)
    assert comment.body == "Thank you, very clear." and comment.event.action == Action.APPROVED
