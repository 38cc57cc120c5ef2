"""What the services refuse, whichever page, command or task calls them, with the message the user sees."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from questionnaires.demo import demo_reply
from questionnaires.models import Answer, ItemAnswer, Version
from questionnaires.services import (
    ItemValue,
    answer_save,
    comment_add,
    reply_prefill,
    reply_submit,
    version_close,
    version_import_yaml,
    version_party_add,
    version_publish,
)
from questionnaires.services.review import MAX_COMMENT_CHARS
from tests.conftest import sign_in_with_second_factor
from tests.factories import CountryFactory, FocalPointFactory, ReviewerFactory, party_reply_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def complete_reply(published_version):
    country = CountryFactory(iso_code="FR", name="France")
    user = FocalPointFactory(country=country).user
    version_party_add(version=published_version, country=country)
    demo_reply(version=published_version, country=country, user=user, share=1.0, submit=False)
    return published_version.replies.get(country=country), user


def test_a_reply_to_a_closed_version_cannot_be_submitted_even_by_calling_the_service(complete_reply):
    reply, user = complete_reply
    version_close(version=reply.version)
    reply.version.refresh_from_db()

    with pytest.raises(ValidationError, match="closed") as refused:
        reply_submit(reply=reply, user=user)

    assert refused.value.code == "closed"
    assert set(reply.answers.values_list("state", flat=True)) == {Answer.State.DRAFT}


def test_a_version_without_questions_is_not_published(demo_yaml):
    version = version_import_yaml(text=demo_yaml)
    version.questions.all().delete()

    with pytest.raises(ValidationError, match="without questions") as refused:
        version_publish(version=version)

    assert refused.value.code == "empty_version"
    assert Version.objects.get(pk=version.pk).status == Version.Status.DRAFT


def test_prefill_skips_an_item_whose_type_changed(published_version, demo_yaml):
    country = CountryFactory(iso_code="FR", name="France")
    user = FocalPointFactory(country=country).user
    old = party_reply_start(version=published_version, country=country, user=user)
    answer = old.answers.get(question__number="13")
    answer_save(answer=answer, values={"13.4": ItemValue(text="<p>Unit</p>"), "13.5": ItemValue(number=30)}, user=user)
    Answer.objects.filter(pk=answer.pk).update(state=Answer.State.APPROVED)
    changed = demo_yaml.replace('version: "1"', 'version: "2"').replace(
        'type: number\n            required: false\n            min: 0\n            text: {en: "Number of staff',
        'type: text\n            required: false\n            text: {en: "Number of staff')
    assert changed.count("type: number") == demo_yaml.count("type: number") - 1
    new = party_reply_start(version=version_publish(version=version_import_yaml(text=changed)), country=country, user=user)

    filled = reply_prefill(reply=new, user=user)

    assert filled == 1
    assert ItemAnswer.objects.get(answer__reply=new, item__number="13.4").carried_over
    carried = ItemAnswer.objects.get(answer__reply=new, item__number="13.5")
    assert not carried.carried_over and carried.text == "" and carried.number is None


def test_a_message_longer_than_the_limit_is_refused(complete_reply):
    reply, user = complete_reply
    answer = reply.answers.get(question__number="13")

    with pytest.raises(ValidationError, match="at most 20,000 characters"):
        comment_add(answer=answer, author=user, body="x" * (MAX_COMMENT_CHARS + 1))

    assert comment_add(answer=answer, author=user, body="x" * MAX_COMMENT_CHARS).body == "x" * MAX_COMMENT_CHARS


def test_bulk_approval_approves_the_submitted_names_the_others_and_stays_on_the_site(client, complete_reply):
    reply, user = complete_reply
    reply_submit(reply=reply, user=user)
    draft_again = reply.answers.get(question__number="2")
    Answer.objects.filter(pk=draft_again.pk).update(state=Answer.State.DRAFT)
    submitted = reply.answers.get(question__number="13")
    sign_in_with_second_factor(client, ReviewerFactory())

    response = client.post(reverse("questionnaires:answers_approve"), {
        "answer": [submitted.pk, draft_again.pk, "not-a-number"], "next": "https://evil.example/phish", "confirmed": "1",
    }, follow=True)

    assert response.redirect_chain[0][0] == reverse("questionnaires:review_queue")
    page = response.content.decode()
    assert "1 answer approved." in page and "France: Question 2 cannot be approved: it is in progress." in page
    assert Answer.objects.get(pk=submitted.pk).state == Answer.State.APPROVED
    assert Answer.objects.get(pk=draft_again.pk).state == Answer.State.DRAFT
    kept = client.post(reverse("questionnaires:answers_approve"), {"answer": [], "next": "/review/?state=approved",
                                                                   "confirmed": "1"})
    assert kept.headers["Location"] == "/review/?state=approved"
