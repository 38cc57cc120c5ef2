"""Other stakeholders answering the questionnaire themselves, with the same answering machinery as the
Parties: starting, autosave, submitting only what they wrote, review, and who may see their reply."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from questionnaires.models import Answer, ItemAnswer, Reply
from questionnaires.selectors import answer_state_counts
from questionnaires.services import ItemValue, answer_decide, answer_save, reply_start
from tests.conftest import sign_in_with_second_factor


def _start(client, world):
    client.force_login(world["stakeholder"])
    response = client.post(reverse("questionnaires:reply_start", args=[world["version"].pk]))
    reply = Reply.objects.get(organisation=world["ngo"])
    assert response.status_code == 302 and response.url == reverse("questionnaires:reply_detail", args=[reply.pk])
    return reply


def _field(reply, number, explain=False):
    item_answer = ItemAnswer.objects.get(answer__reply=reply, item__number=number)
    return f"{'explain' if explain else 'item'}_{item_answer.item_id}"


def _autosave_13(client, reply, text="<p>Our helpline hears of few referrals to the unit.</p>"):
    answer = reply.answers.get(question__number="13")
    url = reverse("questionnaires:question_autosave", kwargs={"reply_pk": reply.pk, "number": "13"})
    return client.post(url, {"revision": answer.revision, "language": "fr", _field(reply, "13.4"): text})


def test_an_invited_stakeholder_answers_the_questions_it_chooses_and_submits_them(client, round_world):
    reply = _start(client, round_world)

    assert reply.country is None and reply.answers.count() == round_world["version"].questions.count()
    overview = client.get(reverse("questionnaires:reply_detail", args=[reply.pk])).content.decode()
    assert "ECPAT France" in overview and "answers the questions it chooses" in overview
    assert "required items are not answered" not in overview

    assert _autosave_13(client, reply).status_code == 200
    assert reply.answers.get(question__number="13").language == "fr"
    page = client.get(reverse("questionnaires:reply_check", args=[reply.pk])).content.decode()
    assert "13." in page
    response = client.post(reverse("questionnaires:reply_submit", args=[reply.pk]), {"confirmed": "1"}, follow=True)

    assert "1 answer was submitted for review" in response.content.decode()
    states = dict(reply.answers.values_list("question__number", "state"))
    assert states["13"] == Answer.State.SUBMITTED
    assert sum(state == Answer.State.DRAFT for state in states.values()) == len(states) - 1


def test_a_stakeholder_with_nothing_written_is_told_so(client, round_world):
    reply = _start(client, round_world)

    response = client.post(reverse("questionnaires:reply_submit", args=[reply.pk]), {"confirmed": "1"}, follow=True)

    assert "answer at least one question first" in response.content.decode()
    assert not reply.answers.exclude(state=Answer.State.DRAFT).exists()


def test_only_invited_organisations_may_start_a_reply_and_only_before_the_time_limit(round_world):
    with pytest.raises(ValidationError) as refused:
        reply_start(version=round_world["version"], organisation=round_world["other"].organisation_contact.organisation)
    assert refused.value.code == "not_invited"

    round_world["invitation"].time_limit = timezone.localdate() - datetime.timedelta(days=1)
    round_world["invitation"].save()
    with pytest.raises(ValidationError) as late:
        reply_start(version=round_world["version"], organisation=round_world["ngo"])
    assert late.value.code == "time_limit"


def test_after_the_time_limit_the_reply_is_locked(client, round_world):
    reply = _start(client, round_world)
    round_world["invitation"].time_limit = timezone.localdate() - datetime.timedelta(days=1)
    round_world["invitation"].save()

    assert _autosave_13(client, reply).status_code == 403
    overview = client.get(reverse("questionnaires:reply_detail", args=[reply.pk])).content.decode()
    assert "The time limit has passed" in overview


def test_a_stakeholders_reply_is_hidden_from_parties_and_other_organisations(client, round_world):
    reply = reply_start(version=round_world["version"], organisation=round_world["ngo"])
    url = reverse("questionnaires:reply_detail", args=[reply.pk])

    for user in (round_world["focal_fr"], round_world["other"]):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(round_world["stakeholder"])
    assert client.get(reverse("questionnaires:reply_detail", args=[round_world["reply_fr"].pk])).status_code == 404


def test_the_secretariat_reviews_a_stakeholders_answer_and_its_contacts_hear_of_it(
        round_world, django_capture_on_commit_callbacks):
    reply = reply_start(version=round_world["version"], organisation=round_world["ngo"])
    round_world["stakeholder"].email = "contact@ecpat.example.org"
    round_world["stakeholder"].save()
    answer = reply.answers.get(question__number="13")
    answer_save(answer=answer, values={"13.4": ItemValue(text="<p>Few referrals.</p>")}, user=round_world["stakeholder"])
    Answer.objects.filter(pk=answer.pk).update(state=Answer.State.SUBMITTED)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        answer_decide(answer=Answer.objects.get(pk=answer.pk), action="returned", reviewer=round_world["reviewer"],
                      reason="Please say which region.")

    assert Answer.objects.get(pk=answer.pk).state == Answer.State.RETURNED
    assert [m.to for m in mail.outbox] == [["contact@ecpat.example.org"]]
    assert "ECPAT France, question 13" in mail.outbox[0].subject


def test_stakeholders_answers_are_not_counted_in_the_parties_progress(round_world):
    before = answer_state_counts(round_world["version"])

    reply_start(version=round_world["version"], organisation=round_world["ngo"])

    assert answer_state_counts(round_world["version"]) == before


def test_a_stakeholder_keeps_its_reply_for_the_committee_only(client, round_world):
    reply = _start(client, round_world)
    url = reverse("questionnaires:reply_publishable", args=[reply.pk])

    response = client.post(url, {"publishable": "0"}, follow=True)

    assert not Reply.objects.get(pk=reply.pk).publishable
    assert "for the committee only" in response.content.decode()
    client.post(url, {"publishable": "1"})
    assert Reply.objects.get(pk=reply.pk).publishable


def test_the_review_queue_names_the_stakeholder(client, round_world):
    reply = reply_start(version=round_world["version"], organisation=round_world["ngo"])
    Answer.objects.filter(reply=reply, question__number="13").update(state=Answer.State.SUBMITTED,
                                                                      submitted_at=timezone.now())
    sign_in_with_second_factor(client, round_world["reviewer"])

    page = client.get(reverse("questionnaires:review_queue")).content.decode()

    assert "ECPAT France" in page
