"""What a focal point and a reviewer see before acting: the reply's task list, the check-and-submit page,
one vocabulary of states and deadlines, and the confirmation of a bulk approval."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from questionnaires.demo import demo_reply, demo_values
from questionnaires.models import Answer, DeadlineExtension
from questionnaires.services import answer_decide, answer_save, reply_submit, version_party_add
from questionnaires.states import AnswerStatus, deadline_status
from tests.conftest import sign_in_with_second_factor
from tests.factories import CountryFactory, FocalPointFactory, ReviewerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def france(published_version):
    country = CountryFactory(iso_code="FR", name="France")
    user = FocalPointFactory(country=country).user
    version_party_add(version=published_version, country=country)
    demo_reply(version=published_version, country=country, user=user, share=1.0, submit=False)
    return published_version.replies.get(country=country), user


def _answer(reply, number) -> Answer:
    return reply.answers.select_related("question", "reply").get(question__number=number)


def _overview(client, reply) -> str:
    return client.get(reverse("questionnaires:reply_detail", args=[reply.pk])).content.decode()


def test_a_complete_reply_offers_the_check_page_and_submits_only_once_confirmed_there(client, france):
    reply, user = france
    client.force_login(user)

    overview = _overview(client, reply)
    check = client.get(reverse("questionnaires:reply_check", args=[reply.pk])).content.decode()

    assert "Every required item is answered." in overview
    assert f'href="/replies/{reply.pk}/check/"' in overview
    assert "16 answers will be locked until the secretariat returns them." in check
    assert "Submit 16 answers for review" in check

    response = client.post(reverse("questionnaires:reply_submit", args=[reply.pk]), {"confirmed": "1"}, follow=True)

    page = response.content.decode()
    assert "16 answers were submitted for review. They stay locked until the secretariat returns them." in page
    assert "All 16 answers have been submitted." in page and "16 are awaiting review" in page
    assert f'href="/replies/{reply.pk}/check/"' not in page  # nothing left to submit: not offered
    assert "There is nothing to submit" in client.get(reverse("questionnaires:reply_check", args=[reply.pk])).content.decode()


def test_a_returned_answer_comes_first_with_its_reason_and_the_check_page_sends_only_it(client, france):
    reply, user = france
    reply_submit(reply=reply, user=user)
    reviewer = ReviewerFactory(first_name="Rémi", last_name="Martin")
    answer_decide(answer=_answer(reply, "13"), action="returned", reviewer=reviewer,
                  reason="Please give the number of investigators.")
    answer_decide(answer=_answer(reply, "2"), action="approved", reviewer=reviewer)
    answer_decide(answer=_answer(reply, "2"), action="reopened", reviewer=reviewer, reason="A new law was adopted.")
    answer_save(answer=_answer(reply, "13"), values=demo_values(_answer(reply, "13"), "France"), user=user)
    client.force_login(user)

    overview = _overview(client, reply)
    check = client.get(reverse("questionnaires:reply_check", args=[reply.pk])).content.decode()

    tasks = overview[overview.index('id="task-list"'):overview.index("</section>")]
    assert "2 answers were returned for revision: read the reasons" in tasks
    assert "Please give the number of investigators." in tasks and "A new law was adopted." in tasks
    assert "Rémi Martin" in tasks  # the reviewer, not the focal point who edited the answer since
    assert f'href="/replies/{reply.pk}/questions/13/"' in tasks
    assert "Reopened for revision" in tasks and "Returned for revision" in tasks
    assert "2 answers will be locked until the secretariat returns them." in check
    assert "14 other answers are already with the secretariat and are not changed." in check


def test_an_overdue_deadline_is_flagged_and_an_extension_counts(client, france):
    reply, user = france
    reply.version.deadline = datetime.date(2017, 10, 25)
    reply.version.save()
    client.force_login(user)

    overdue = _overview(client, reply)
    DeadlineExtension.objects.create(version=reply.version, country=reply.country,
                                     deadline=timezone.localdate() + datetime.timedelta(days=3))
    extended = _overview(client, reply)

    assert "Overdue by" in overdue and "deadline-overdue" in overdue
    assert "Due in 3 days" in extended and "Overdue" not in extended


def test_deadline_status_names_every_case():
    today = datetime.date(2026, 12, 1)

    assert deadline_status(datetime.date(2026, 11, 30), today=today).label == "Overdue by 1 day"
    assert deadline_status(datetime.date(2017, 10, 25), today=today).label == "Overdue by 3,324 days"
    assert deadline_status(today, today=today).label == "Due today"
    assert deadline_status(datetime.date(2026, 12, 4), today=today).kind == "near"
    assert deadline_status(datetime.date(2027, 1, 30), today=today).kind == "later"
    assert deadline_status(datetime.date(2017, 10, 25), today=today, settled=True).label == "Every answer is submitted"
    assert deadline_status(None, today=today) is None


def test_a_question_has_the_same_state_on_the_overview_and_on_its_page(client, published_version):
    country = CountryFactory(iso_code="BE", name="Belgium")
    user = FocalPointFactory(country=country).user
    version_party_add(version=published_version, country=country)
    demo_reply(version=published_version, country=country, user=user, share=0.0, submit=False)
    reply = published_version.replies.get(country=country)
    client.force_login(user)

    overview = _overview(client, reply)
    question = client.get(reverse("questionnaires:question_edit", args=[reply.pk, "13"])).content.decode()

    row = overview[overview.index('id="q13"'):]
    row = row[:row.index("</li>")]
    assert str(AnswerStatus.NOT_STARTED.label) in row
    assert f'state-not_started fs-6">{AnswerStatus.NOT_STARTED.label}' in question


def test_saving_the_last_question_and_continuing_leads_to_the_check_page(client, france):
    reply, user = france
    client.force_login(user)
    page = client.get(reverse("questionnaires:question_edit", args=[reply.pk, "16"]))
    form = page.context["form"]
    data = {name: field.value() for name, field in ((n, form[n]) for n in form.fields) if field.value() is not None}
    data["save_next"] = ""

    response = client.post(reverse("questionnaires:question_edit", args=[reply.pk, "16"]), data)

    assert "Save and check the reply" in page.content.decode()
    assert response.status_code == 302 and response.url == reverse("questionnaires:reply_check", args=[reply.pk])


def test_bulk_approval_confirms_and_leaves_unread_answers_unticked(client, france):
    reply, user = france
    reply_submit(reply=reply, user=user)
    reviewer = ReviewerFactory()
    sign_in_with_second_factor(client, reviewer)
    read, unread = _answer(reply, "13"), _answer(reply, "14")
    client.get(reverse("questionnaires:answer_review", args=[read.pk]))
    queue = client.get(reverse("questionnaires:review_queue") + "?question=13").content.decode()

    confirmation = client.post(reverse("questionnaires:answers_approve"), {"answer": [read.pk, unread.pk]})

    page = confirmation.content.decode()
    assert "Read by you" in queue
    assert confirmation.status_code == 200 and "Approve these answers?" in page
    assert f'value="{read.pk}" id="approve-{read.pk}" checked' in page
    assert f'value="{unread.pk}" id="approve-{unread.pk}">' in page
    assert "not opened: tick to approve it unread" in page
    assert not reply.answers.filter(state=Answer.State.APPROVED).exists()

    client.post(reverse("questionnaires:answers_approve"), {"answer": [read.pk], "confirmed": "1"})

    assert set(reply.answers.filter(state=Answer.State.APPROVED).values_list("question__number", flat=True)) == {"13"}


def test_an_answer_changed_since_it_was_read_is_flagged_in_the_confirmation(client, france):
    reply, user = france
    reply_submit(reply=reply, user=user)
    reviewer = ReviewerFactory()
    sign_in_with_second_factor(client, reviewer)
    answer = _answer(reply, "13")
    client.get(reverse("questionnaires:answer_review", args=[answer.pk]))
    Answer.objects.filter(pk=answer.pk).update(revision=answer.revision + 1)

    page = client.post(reverse("questionnaires:answers_approve"), {"answer": [answer.pk]}).content.decode()

    assert "changed since you read it: tick to approve it anyway" in page
    assert f'id="approve-{answer.pk}" checked' not in page


def test_the_home_page_links_a_returned_answer_to_the_reply_and_flags_the_deadline(client, france):
    reply, user = france
    reply.version.deadline = datetime.date(2017, 10, 25)
    reply.version.save()
    reply_submit(reply=reply, user=user)
    answer_decide(answer=_answer(reply, "13"), action="returned", reviewer=ReviewerFactory(), reason="More detail.")
    client.force_login(user)

    page = client.get(reverse("home")).content.decode()

    assert (f'<a class="text-danger fw-semibold" href="/replies/{reply.pk}/#task-list">'
            "1 returned for revision: read the reason</a>") in page
    assert "Overdue by" in page
    assert "15 answers submitted" in page


def test_the_home_page_counts_answers_in_words_that_agree_with_the_number(client, france):
    reply, user = france
    reply_submit(reply=reply, user=user)
    answer_decide(answer=_answer(reply, "13"), action="approved", reviewer=ReviewerFactory())
    sign_in_with_second_factor(client, ReviewerFactory())

    page = " ".join(client.get(reverse("home")).content.decode().split())

    assert "0 answers in progress · 15 submitted for review · 0 returned for revision · 1 approved" in page
