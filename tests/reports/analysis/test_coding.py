"""Coding a Party's answer: categories with the passage that supports them, the codebook's rules, audit."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from questionnaires.models import Answer
from questionnaires.services import ItemValue, answer_save
from reports.analysis.models import Coding, CodingEvent
from reports.analysis.services import Code, coding_save

pytestmark = pytest.mark.django_db


def test_a_passage_is_stored_with_its_item_and_position_in_the_answer(answers, coder):
    coding = coding_save(answer=answers["FR"], coder=coder, codes=[
        Code(category="capacity"),
        Code(category="dedicated", quote="a dedicated  team working\nsolely", item_number="13.4", note="clear"),
    ])

    assignment = coding.assignments.get(category__code="dedicated")
    text = "The national police has a dedicated team working solely on these offences. Its staff are trained."
    assert assignment.quote == "a dedicated team working solely"
    assert (assignment.item_number, text[assignment.start:assignment.end]) == ("13.4", assignment.quote)
    assert assignment.note == "clear" and coding.answer_revision == answers["FR"].revision


def test_a_passage_that_is_not_in_the_answer_is_refused_and_nothing_is_saved(answers, coder):
    with pytest.raises(ValidationError) as refusal:
        coding_save(answer=answers["FR"], coder=coder, codes=[
            Code(category="capacity"), Code(category="dedicated", quote="a team of forty officers"),
        ])

    assert "The passage for “Dedicated team” is not in the answer as it now stands" in refusal.value.messages[0]
    assert not Coding.objects.exists()


@pytest.mark.parametrize(("codes", "message"), [
    (["no-information", "training"], "“No information in the reply” cannot be combined with another category."),
    (["capacity", "dedicated", "cybercrime"],
     "Only one subcategory of “Specialist capacity” can apply: “Dedicated team”, “Within a cybercrime unit”."),
    (["vanished"], "“vanished” is not a category of this codebook (it may have been deleted): choose again."),
])
def test_categories_that_break_the_codebook_are_refused_with_the_reason(answers, coder, codes, message):
    with pytest.raises(ValidationError) as refusal:
        coding_save(answer=answers["DE"], coder=coder, codes=[Code(category=code) for code in codes])

    assert message in refusal.value.messages


def test_only_submitted_and_approved_answers_are_coded(answers, coder):
    Answer.objects.filter(pk=answers["DE"].pk).update(state=Answer.State.RETURNED)

    with pytest.raises(ValidationError, match="only submitted and approved answers are coded"):
        coding_save(answer=answers["DE"], coder=coder, codes=[Code(category="training")])


def test_every_change_is_audited_with_the_categories_before_and_after(answers, coder):
    coding_save(answer=answers["DE"], coder=coder, codes=[Code(category="training")])
    coding_save(answer=answers["DE"], coder=coder, codes=[Code(category="training")])
    coding_save(answer=answers["DE"], coder=coder, codes=[Code(category="capacity"), Code(category="cybercrime")])

    events = list(CodingEvent.objects.order_by("pk"))
    assert len(events) == 2  # the unchanged save records nothing
    assert events[1].actor == coder
    assert [entry["category"] for entry in events[1].before] == ["training"]
    assert [entry["category"] for entry in events[1].after] == ["capacity", "cybercrime"]


def test_the_coding_page_shows_every_party_and_marks_an_answer_changed_since_it_was_coded(
    client, answers, coder, question,
):
    coding_save(answer=answers["FR"], coder=coder, codes=[Code(category="training")])
    Answer.objects.filter(pk=answers["FR"].pk).update(state=Answer.State.RETURNED)
    answer = Answer.objects.get(pk=answers["FR"].pk)
    answer_save(answer=answer, values={"13.4": ItemValue(text="<p>Rewritten.</p>")}, user=None)
    Answer.objects.filter(pk=answer.pk).update(state=Answer.State.SUBMITTED)
    client.force_login(coder)

    sheet = client.get(reverse("analysis:question_coding", args=[question.pk])).content.decode()
    page = client.get(reverse("analysis:answer_code", args=[question.pk, answer.pk])).content.decode()

    assert sheet.count('class="party-row"') == 3 and "Answer changed since coded" in sheet
    assert "Submitted, not yet approved" in sheet and "You have coded 1 of 3 answers to read." in sheet
    assert "Answer changed since coded" in page and "Latest submitted answer, not yet approved" in page
    assert f"?a={answer.revision}&amp;b={answer.revision + 1}" in page


def test_a_refused_coding_keeps_what_the_coder_typed_and_says_why(client, answers, coder, question):
    client.force_login(coder)
    response = client.post(reverse("analysis:answer_code", args=[question.pk, answers["FR"].pk]), {
        "coding-apply_training": "on", "coding-quote_training": "trained for ten years",
        "coding-note_training": "my careful note",
    })

    page = response.content.decode()
    assert response.status_code == 400 and "Nothing was saved:" in page
    assert "The passage for “Specialised training” is not in the answer as it now stands" in page
    assert "trained for ten years" in page and "my careful note" in page
    assert not Coding.objects.exists()


def test_save_and_next_goes_on_to_the_next_party_the_coder_has_not_coded(client, answers, coder, question):
    client.force_login(coder)
    coding_save(answer=answers["DE"], coder=coder, codes=[Code(category="training")])
    france = reverse("analysis:answer_code", args=[question.pk, answers["FR"].pk])
    assert "Save and code Armenia" in client.get(france).content.decode()  # Germany is coded already

    response = client.post(france, {
        "coding-apply_training": "on", "coding-quote_training": "Its staff are trained.",
        "coding-item_training": "13.4", "next": "1",
    })

    assert response["Location"] == reverse("analysis:answer_code", args=[question.pk, answers["AM"].pk])
    assert Coding.objects.get(answer=answers["FR"]).assignments.get().quote == "Its staff are trained."


def test_the_answer_s_coding_page_lists_who_changed_the_coding_from_what_to_what(client, answers, coder, question):
    coding_save(answer=answers["DE"], coder=coder, codes=[Code(category="training")])
    coding_save(answer=answers["DE"], coder=coder, codes=[Code(category="capacity"), Code(category="cybercrime")])
    client.force_login(coder)

    page = client.get(reverse("analysis:answer_code", args=[question.pk, answers["DE"].pk])).content.decode()

    assert "Changes to the coding of this answer" in page
    assert "<td>training</td><td>capacity, cybercrime</td>" in page and "Ada Coder" in page


def test_a_coder_sees_another_coder_s_reading_only_after_saving_their_own(
    client, answers, coder, second_coder, question,
):
    coding_save(answer=answers["FR"], coder=second_coder, codes=[
        Code(category="training", quote="Its staff are trained.", note="the second coder's note")])
    client.force_login(coder)
    url = reverse("analysis:answer_code", args=[question.pk, answers["FR"].pk])

    before = client.get(url).content.decode()
    sheet = client.get(reverse("analysis:question_coding", args=[question.pk])).content.decode()
    coding_save(answer=answers["FR"], coder=coder, codes=[Code(category="capacity")])
    after = client.get(url).content.decode()

    assert "the second coder" not in before and "Bea Coder" not in before
    assert "appear once you have saved yours" in before and "shown once you have coded it" in sheet
    assert "Coded by Bea Coder" in after and "the second coder" in after
