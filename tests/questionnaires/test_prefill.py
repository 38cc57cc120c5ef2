import pytest
from django.urls import reverse

from questionnaires.models import Answer, ItemAnswer, Version
from questionnaires.services import ItemValue, answer_save, version_import_yaml, version_publish
from tests.factories import CountryFactory, FocalPointFactory, party_reply_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_versions(published_version, demo_yaml):
    country = CountryFactory(iso_code="FR", name="France")
    user = FocalPointFactory(country=country).user
    old_reply = party_reply_start(version=published_version, country=country, user=user)
    approved = old_reply.answers.get(question__number="13")
    answer_save(answer=approved, values={
        "13.4": ItemValue(text="<p>Approved description.</p>"), "13.1.a": ItemValue(yes_no="yes", explanation="<p>Unit</p>"),
    }, user=user)
    Answer.objects.filter(pk=approved.pk).update(state=Answer.State.APPROVED)
    answer_save(answer=old_reply.answers.get(question__number="2"), values={"2.1": ItemValue(text="<p>Draft only</p>")},
                user=user)
    new_version = version_publish(version=version_import_yaml(text=demo_yaml.replace('version: "1"', 'version: "2"')))
    return country, user, new_version


def _with_13_4_renumbered_13_9(demo_yaml: str) -> str:
    """Version 3 of the demo questionnaire, where item 13.4 became 13.9 and is mapped to its old number."""
    return demo_yaml.replace('version: "1"', 'version: "3"').replace(
        'number: "13.4"\n            type: text',
        'number: "13.9"\n            type: text\n            previous_number: "13.4"',
    )


def _value(reply, number):
    return ItemAnswer.objects.get(answer__reply=reply, item__number=number)


def test_starting_a_newer_version_can_carry_over_approved_answers(client, two_versions):
    country, user, new_version = two_versions
    client.force_login(user)

    response = client.post(reverse("questionnaires:reply_start", args=[new_version.pk]), {"prefill": "1"}, follow=True)

    reply = new_version.replies.get(country=country)
    assert "2 items were carried over" in response.content.decode()
    description = _value(reply, "13.4")
    assert description.text == "<p>Approved description.</p>" and description.carried_over
    assert _value(reply, "13.1.a").yes_no == "yes" and _value(reply, "13.1.a").explanation == "<p>Unit</p>"
    assert _value(reply, "2.1").text == ""  # only approved answers are carried over
    page = client.get(reverse("questionnaires:question_edit", args=[reply.pk, "13"])).content.decode()
    assert "carried over" in page


def test_editing_a_carried_over_item_clears_its_mark(two_versions):
    country, user, new_version = two_versions
    from questionnaires.services import reply_prefill

    reply = party_reply_start(version=new_version, country=country, user=user)
    reply_prefill(reply=reply, user=user)
    answer = reply.answers.get(question__number="13")

    answer_save(answer=answer, values={"13.4": ItemValue(text="<p>Updated for 2025.</p>"),
                                       "13.1.a": ItemValue(yes_no="yes", explanation="<p>Unit</p>")}, user=user)

    assert not _value(reply, "13.4").carried_over
    assert _value(reply, "13.1.a").carried_over  # unchanged, still marked


def test_starting_without_prefill_leaves_the_reply_empty(client, two_versions):
    country, user, new_version = two_versions
    client.force_login(user)

    client.post(reverse("questionnaires:reply_start", args=[new_version.pk]))

    reply = new_version.replies.get(country=country)
    assert _value(reply, "13.4").text == ""
    assert Version.objects.count() == 2


def test_only_focal_points_start_replies(client, two_versions):
    from tests.factories import ReviewerFactory

    _, _, new_version = two_versions
    client.force_login(ReviewerFactory())

    assert client.post(reverse("questionnaires:reply_start", args=[new_version.pk])).status_code == 403
    assert not new_version.replies.exists()


def test_reply_overview_shows_each_questions_state_and_who_edited(client, two_versions):
    country, user, new_version = two_versions
    client.force_login(user)
    old_reply = country.replies.exclude(version=new_version).get()

    page = client.get(reverse("questionnaires:reply_detail", args=[old_reply.pk])).content.decode()

    assert "Approved" in page and "Ready to submit" in page and "Not started" in page
    assert "Last edited by" in page
    assert 'href="/replies/%d/check/"' % old_reply.pk in page


def test_prefill_follows_an_items_mapping_to_its_previous_number(two_versions, demo_yaml):
    from questionnaires.services import reply_prefill

    country, user, _ = two_versions
    version = version_publish(version=version_import_yaml(text=_with_13_4_renumbered_13_9(demo_yaml)))
    reply = party_reply_start(version=version, country=country, user=user)

    reply_prefill(reply=reply, user=user)

    assert _value(reply, "13.9").text == "<p>Approved description.</p>" and _value(reply, "13.9").carried_over


def test_a_country_deadline_extension_replaces_the_versions_deadline(two_versions):
    import datetime

    from questionnaires.models import DeadlineExtension, Reply

    country, user, version = two_versions
    reply = party_reply_start(version=version, country=country, user=user)
    assert reply.deadline == datetime.date(2017, 10, 25)

    DeadlineExtension.objects.create(version=version, country=country, deadline=datetime.date(2017, 12, 1))

    assert Reply.objects.get(pk=reply.pk).deadline == datetime.date(2017, 12, 1)


def test_review_compares_with_the_previous_round_through_the_items_mapping(client, two_versions, demo_yaml):
    from tests.factories import ReviewerFactory

    country, user, _ = two_versions
    version = version_publish(version=version_import_yaml(text=_with_13_4_renumbered_13_9(demo_yaml)))
    reply = party_reply_start(version=version, country=country, user=user)
    answer = reply.answers.get(question__number="13")
    client.force_login(ReviewerFactory())

    page = client.get(reverse("questionnaires:answer_review", args=[answer.pk])).content.decode()

    previous = page[page.index('id="previous-round"'):]
    assert "Approved description." in previous
    assert "Item 13.4 then, 13.9 now" in previous
