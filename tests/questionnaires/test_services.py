import pytest
from django.core.exceptions import ValidationError

from questionnaires.models import Answer, ItemAnswer
from questionnaires.selectors import missing_required_items, progress_by_answer, progress_by_reply
from questionnaires.services import ItemValue, answer_save, attachment_add_link, reply_submit
from tests.factories import CountryFactory, FocalPointFactory, party_reply_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def reply(published_version):
    focal_point = FocalPointFactory(country=CountryFactory(iso_code="FR", name="France"))
    return party_reply_start(version=published_version, country=focal_point.country, user=focal_point.user)


def _answer(reply, number):
    return reply.answers.get(question__number=number)


def test_starting_a_reply_creates_an_answer_per_question_and_a_value_per_answerable_item(reply):
    assert reply.answers.count() == 16
    assert set(reply.answers.values_list("state", flat=True)) == {Answer.State.DRAFT}
    # 42 items of which 3 are group headings (1.1, 13.1, 16.1)
    assert ItemAnswer.objects.filter(answer__reply=reply).count() == 39


def test_starting_twice_returns_the_same_reply(reply):
    again = party_reply_start(version=reply.version, country=reply.country)
    assert again.pk == reply.pk
    assert again.answers.count() == 16


def test_saved_text_is_sanitised_but_keeps_formatting(reply):
    answer = _answer(reply, "13")
    pasted = (
        '<p>The unit has <strong>24</strong> staff.</p><script>alert(1)</script>'
        '<ul><li onclick="steal()">victim identification</li></ul>'
        '<a href="javascript:alert(1)">bad</a> <a href="https://example.org">law</a>'
    )

    answer_save(answer=answer, values={"13.4": ItemValue(text=pasted)}, user=reply.created_by)

    text = answer.item_answers.get(item__number="13.4").text
    assert "<strong>24</strong>" in text and "<li>victim identification</li>" in text
    assert "script" not in text and "onclick" not in text and "javascript:" not in text
    assert 'href="https://example.org"' in text
    answer.refresh_from_db()
    assert answer.revision == 1 and answer.updated_by == reply.created_by


def test_every_structured_type_is_stored_and_validated(reply):
    answer = _answer(reply, "13")
    answer_save(answer=answer, values={
        "13.1.a": ItemValue(yes_no="yes", explanation="<p>National unit</p>"),
        "13.3": ItemValue(choice="dedicated"),
        "13.5": ItemValue(number=30),
    }, user=None)
    values = {ia.item.number: ia for ia in answer.item_answers.select_related("item")}
    assert values["13.1.a"].yes_no == "yes" and values["13.1.a"].explanation == "<p>National unit</p>"
    assert values["13.3"].choice == "dedicated"
    assert values["13.5"].number == 30

    with pytest.raises(ValidationError, match="13.5: the number must be between 0 and"):
        answer_save(answer=answer, values={"13.5": ItemValue(number=-1)}, user=None)
    with pytest.raises(ValidationError, match="13.3: that option does not exist"):
        answer_save(answer=answer, values={"13.3": ItemValue(choice="invented")}, user=None)
    with pytest.raises(ValidationError, match="not part of this question"):
        answer_save(answer=answer, values={"9.1": ItemValue(yes_no="no")}, user=None)

    multi = _answer(reply, "15")
    answer_save(answer=multi, values={"15.1": ItemValue(choices=("judges", "police"))}, user=None)
    assert multi.item_answers.get(item__number="15.1").choices == ["police", "judges"]


def test_progress_counts_required_items_answered(reply):
    before = progress_by_reply([reply])[reply.pk]
    assert (before.answered, before.required) == (0, 34)

    answer_save(answer=_answer(reply, "13"), values={
        "13.1.a": ItemValue(yes_no="yes"), "13.4": ItemValue(text="<p>Unit</p>"),
    }, user=None)
    attachment_add_link(item_answer=ItemAnswer.objects.get(answer__reply=reply, item__number="9.3"),
                        title="Criminal Code", url="https://example.org/code", language="en", user=None)

    after = progress_by_reply([reply])[reply.pk]
    assert (after.answered, after.required) == (3, 34)
    per_question = progress_by_answer(reply)
    assert per_question[_answer(reply, "13").pk].answered == 2
    assert per_question[_answer(reply, "9").pk].answered == 1


def test_submit_refuses_missing_required_items_and_names_them(reply):
    with pytest.raises(ValidationError) as refused:
        reply_submit(reply=reply, user=None)

    assert "1.1.a" in refused.value.messages[0] and "16.1.c" in refused.value.messages[0]
    assert not reply.answers.exclude(state=Answer.State.DRAFT).exists()
    assert [item.number for item in missing_required_items(reply)][:3] == ["1.1.a", "1.1.b", "1.2"]


def test_submitted_answers_are_locked_for_the_country(reply):
    from questionnaires.demo import demo_values

    for answer in reply.answers.all():
        answer_save(answer=answer, values=demo_values(answer, "France"), user=None)
        for item_answer in answer.item_answers.filter(item__type="files", item__required=True):
            attachment_add_link(item_answer=item_answer, title="Law", url="https://example.org", language="en", user=None)

    submitted = reply_submit(reply=reply, user=None)

    assert len(submitted) == 16
    assert set(reply.answers.values_list("state", flat=True)) == {Answer.State.SUBMITTED}
    with pytest.raises(ValidationError, match="is submitted for review and cannot be edited"):
        answer_save(answer=_answer(reply, "2"), values={"2.1": ItemValue(text="changed")}, user=None)


def test_replies_need_a_published_version(demo_yaml):
    from questionnaires.services import version_import_yaml

    draft = version_import_yaml(text=demo_yaml)
    with pytest.raises(ValidationError, match="published"):
        party_reply_start(version=draft, country=CountryFactory())
