"""Questions and items addressed to named Parties only ("R2 urges Belgium and Luxembourg to …"): defined in
YAML and the admin, and answered, completed and submitted by their addressees alone."""

import pytest
import yaml
from django.core.exceptions import ValidationError
from django.urls import reverse

from questionnaires.models import Answer, ItemAnswer, Question
from questionnaires.selectors import missing_required_items
from questionnaires.services import ItemValue, answer_save, reply_start, reply_submit, version_import_yaml
from questionnaires.yaml_format import QuestionnaireFormatError, dump_version_yaml
from tests.factories import (
    FOLLOW_UP_YAML,
    AdministratorFactory,
    CountryFactory,
    FocalPointFactory,
    InvitationFactory,
    OrganisationFactory,
    follow_up_version,
)

pytestmark = pytest.mark.django_db


def _numbers(reply):
    return sorted(ItemAnswer.objects.filter(answer__reply=reply).values_list("item__number", flat=True))


def _fill(reply):
    for answer in reply.answers.prefetch_related("item_answers__item"):
        values = {ia.item.number: ItemValue(text="<p>Done.</p>") for ia in answer.item_answers.all()}
        answer_save(answer=answer, values=values, user=None)


def test_the_yaml_names_addressees_by_iso_code_and_exports_them_back():
    version, _replies = follow_up_version()
    r2 = version.questions.get(number="2")

    assert sorted(r2.addressees.values_list("iso_code", flat=True)) == ["BE", "LU"]
    assert not version.questions.get(number="1").addressees.exists()
    assert list(version.questions.get(number="1").items.get(number="1.2").addressees.values_list(
        "iso_code", flat=True)) == ["BE"]
    exported = dump_version_yaml(version, label="2")
    questions = yaml.safe_load(exported)["sections"][0]["questions"]
    assert [question.get("addressees") for question in questions] == [None, ["BE", "LU"], None]
    assert [item.get("addressees") for item in questions[0]["items"]] == [None, ["BE"]]
    copy = version_import_yaml(text=exported)
    assert sorted(copy.questions.get(number="2").addressees.values_list("iso_code", flat=True)) == ["BE", "LU"]
    assert list(Question.objects.get(version=copy, number="1").items.get(number="1.2").addressees
                .values_list("iso_code", flat=True)) == ["BE"]


def test_an_unknown_iso_code_is_refused_with_its_line_and_path():
    CountryFactory(iso_code="BE")

    with pytest.raises(QuestionnaireFormatError) as refused:
        version_import_yaml(text=FOLLOW_UP_YAML)

    assert refused.value.errors == [
        "line 20, sections[0].questions[1].addressees[1]: no country has the ISO code LU",
    ]


def test_a_malformed_iso_code_is_refused_with_its_line_and_path():
    text = FOLLOW_UP_YAML.replace("addressees: [BE, LU]", "addressees: [BE, Luxembourg]")

    with pytest.raises(QuestionnaireFormatError) as refused:
        version_import_yaml(text=text)

    assert refused.value.errors == [
        "line 20, sections[0].questions[1].addressees[1]: “Luxembourg” is not a country's ISO code such as BE or LU",
    ]


def test_a_party_answers_only_what_is_addressed_to_it():
    _version, replies = follow_up_version()

    assert _numbers(replies["BE"]) == ["1.1", "1.2", "2.1", "3.1"]
    assert _numbers(replies["LU"]) == ["1.1", "2.1", "3.1"]
    assert _numbers(replies["FR"]) == ["1.1", "3.1"]
    assert sorted(replies["FR"].answers.values_list("question__number", flat=True)) == ["1", "3"]


def test_another_stakeholder_answers_every_question_and_item():
    version, _replies = follow_up_version()
    organisation = OrganisationFactory()
    InvitationFactory(organisation=organisation, version=version)

    reply = reply_start(version=version, organisation=organisation)

    assert _numbers(reply) == ["1.1", "1.2", "2.1", "3.1"]


def test_an_item_addressed_to_another_party_is_never_missing_and_the_reply_submits():
    _version, replies = follow_up_version()
    france = replies["FR"]
    assert [item.number for item in missing_required_items(france)] == ["1.1", "3.1"]

    _fill(france)
    submitted = reply_submit(reply=france, user=None)

    assert missing_required_items(france) == []
    assert sorted(answer.question.number for answer in submitted) == ["1", "3"]
    assert set(france.answers.values_list("state", flat=True)) == {Answer.State.SUBMITTED}


def test_belgium_must_answer_its_own_item_before_submitting():
    _version, replies = follow_up_version()
    belgium = replies["BE"]
    _fill(belgium)
    answer = belgium.answers.get(question__number="1")
    answer_save(answer=answer, values={"1.2": ItemValue(text="")}, user=None)

    with pytest.raises(ValidationError) as refused:
        reply_submit(reply=belgium, user=None)

    assert refused.value.messages == ["Some required items are not answered yet: 1.2."]


def test_a_value_for_another_partys_item_is_refused():
    _version, replies = follow_up_version()

    with pytest.raises(ValidationError) as refused:
        answer_save(answer=replies["FR"].answers.get(question__number="1"),
                    values={"1.2": ItemValue(text="<p>Not ours.</p>")}, user=None)

    assert refused.value.messages == ["Item(s) 1.2 are not part of this question."]


def test_the_reply_page_lists_only_the_questions_addressed_to_the_party(client):
    _version, replies = follow_up_version()
    france = replies["FR"]
    focal_point = FocalPointFactory(country=france.country).user
    client.force_login(focal_point)

    page = client.get(reverse("questionnaires:reply_detail", args=[france.pk])).content.decode()

    assert "R1 invites every Party" in page and "R3 invites every Party" in page
    assert "R2 urges Belgium and Luxembourg" not in page
    assert "Flemish Community" not in page


def test_the_question_page_of_another_partys_question_is_not_found(client):
    _version, replies = follow_up_version()
    france = replies["FR"]
    client.force_login(FocalPointFactory(country=france.country).user)

    def url(number):
        return reverse("questionnaires:question_edit", kwargs={"reply_pk": france.pk, "number": number})

    first = client.get(url("1"))
    assert client.get(url("2")).status_code == 404
    assert client.get(url("2") + "history/").status_code == 404
    assert first.status_code == 200
    page = first.content.decode()
    assert "Flemish Community" not in page and "Actions taken." in page
    # "Save and go to the next question" goes from R1 to R3, past R2.
    assert first.context["following"].number == "3"


def test_belgium_sees_its_question_and_item(client):
    _version, replies = follow_up_version()
    belgium = replies["BE"]
    client.force_login(FocalPointFactory(country=belgium.country).user)

    page = client.get(reverse("questionnaires:question_edit", kwargs={"reply_pk": belgium.pk, "number": "1"}))

    assert "Flemish Community" in page.content.decode()
    assert page.context["following"].number == "2"


def test_the_admin_edits_addressees_of_a_draft_only(client):
    version, _replies = follow_up_version()
    client.force_login(AdministratorFactory(is_staff=True, is_superuser=True))
    published = version.questions.get(number="2")
    draft = version_import_yaml(text=FOLLOW_UP_YAML.replace('version: "1"', 'version: "2"'))
    question = draft.questions.get(number="2")

    page = client.get(f"/admin/questionnaires/question/{question.pk}/change/")
    refused = client.post(f"/admin/questionnaires/question/{published.pk}/change/", {"addressees": []})

    assert page.status_code == 200
    assert 'name="addressees"' in page.content.decode()
    assert "Addressed to" in client.get(f"/admin/questionnaires/question/{published.pk}/change/").content.decode()
    assert refused.status_code == 403
    assert published.addressees.count() == 2


def test_the_preview_names_the_addressees_of_questions_and_items(client):
    version, _replies = follow_up_version()
    client.force_login(AdministratorFactory(is_staff=True, is_superuser=True))

    page = client.get(reverse("questionnaires:version_preview", args=[version.pk])).content.decode()

    assert page.count("Addressed to these Parties only:") == 2
    assert "Addressed to these Parties only: Belgium, Luxembourg</p>" in page
    assert "Addressed to these Parties only: Belgium</p>" in page
