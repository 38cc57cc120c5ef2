"""The follow-up questionnaire generated from a round's recommendations: one question per recommendation,
grouped by report heading, answered only by its addressees, and the button that creates it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from questionnaires.models import ItemAnswer, Questionnaire, Version
from questionnaires.services import reply_start, version_publish
from reports.followup.services import followup_version_generate, recommendations_import_yaml
from tests.factories import SteeringMemberFactory

from .conftest import YAML

pytestmark = pytest.mark.django_db

THREE = YAML + """\
  - number: R3
    heading: Protection
    strength: should
    text: {en: Hear children once., fr: N'entendre l'enfant qu'une fois.}
    addressees: [LU]
"""


def test_each_recommendation_becomes_a_question_grouped_by_heading_for_its_addressees(round_, reviewer):
    recommendations_import_yaml(version=round_, text=THREE)

    followup = followup_version_generate(version=round_, user=reviewer)

    assert followup.status == Version.Status.DRAFT
    assert followup.questionnaire.code == f"{round_.questionnaire.code}-followup"
    assert followup.title_en == f"Follow-up to the recommendations of {round_.title_en}"
    assert followup.title_fr.startswith("Suivi des recommandations de ")
    sections = [(s.title_en, [q.number for q in s.questions.order_by("position")])
                for s in followup.sections.order_by("position")]
    assert sections == [("Prevention", ["R1", "R2"]), ("Protection", ["R3"])]
    r2 = followup.questions.get(number="R2")
    assert (r2.title_en, r2.title_fr) == ("Train the police.", "Former la police.")
    addressees = {q.number: sorted(q.addressees.values_list("iso_code", flat=True)) for q in followup.questions.all()}
    assert addressees == {"R1": [], "R2": ["BE", "LU"], "R3": ["LU"]}
    items = [(i.number, i.type, i.required, i.text_en) for i in r2.items.order_by("position")]
    assert items == [
        ("R2.1", "text", True, "Action taken or planned"),
        ("R2.2", "choice", True, "State of implementation as the Party sees it"),
        ("R2.3", "files", False, "Reference texts"),
    ]
    assert list(r2.items.get(number="R2.2").choices.values_list("code", flat=True)) == [
        "implemented", "partly", "not_implemented", "planned"]


def test_once_published_it_has_the_rounds_parties_and_belgium_answers_only_what_is_addressed_to_it(round_, reviewer):
    recommendations_import_yaml(version=round_, text=THREE)
    followup = version_publish(version=followup_version_generate(version=round_, user=reviewer))

    assert set(followup.parties.values_list("iso_code", flat=True)) == {"BE", "LU", "FR"}
    belgium = reply_start(version=followup, country=followup.parties.get(iso_code="BE"))
    assert sorted(belgium.answers.values_list("question__number", flat=True)) == ["R1", "R2"]
    assert sorted(ItemAnswer.objects.filter(answer__reply=belgium).values_list("item__number", flat=True)) == [
        "R1.1", "R1.2", "R1.3", "R2.1", "R2.2", "R2.3"]


def test_a_second_call_is_refused_while_the_draft_exists_and_makes_the_next_version_after(round_, reviewer):
    recommendations_import_yaml(version=round_, text=YAML)
    first = followup_version_generate(version=round_, user=reviewer)

    with pytest.raises(ValidationError) as refused:
        followup_version_generate(version=round_, user=reviewer)

    code = f"{round_.questionnaire.code}-followup"
    assert refused.value.messages == [
        f"A draft follow-up questionnaire already exists ({code}, version 1): publish or delete it first."]
    assert Version.objects.filter(questionnaire__code=code).count() == 1
    version_publish(version=first)
    assert followup_version_generate(version=round_, user=reviewer).label == "2"
    assert Questionnaire.objects.filter(code=code).count() == 1


def test_the_button_creates_the_draft_and_opens_its_preview(client, round_, reviewer):
    recommendations_import_yaml(version=round_, text=YAML)
    client.force_login(reviewer)
    page = client.get(reverse("followup:recommendation_list", args=[round_.pk])).content.decode()
    assert "Generate the follow-up questionnaire" in page
    assert f"“{round_.questionnaire.code}-followup”" in page

    response = client.post(reverse("followup:followup_generate", args=[round_.pk]), follow=True)

    followup = Version.objects.get(questionnaire__code=f"{round_.questionnaire.code}-followup")
    assert response.redirect_chain[-1][0] == reverse("questionnaires:version_preview", args=[followup.pk])
    assert f"Draft follow-up questionnaire created: {followup}." in response.content.decode()
    page = client.get(reverse("followup:recommendation_list", args=[round_.pk])).content.decode()
    assert f'<a href="{reverse("questionnaires:version_preview", args=[followup.pk])}">' in page


def test_the_button_refuses_a_round_without_recommendations_and_the_steering_group(client, round_, reviewer):
    url = reverse("followup:followup_generate", args=[round_.pk])
    client.force_login(reviewer)

    response = client.post(url, follow=True)

    assert response.redirect_chain[-1][0] == reverse("followup:recommendation_list", args=[round_.pk])
    assert "The round has no recommendations, so there is nothing to follow up." in response.content.decode()
    assert not Version.objects.filter(questionnaire__code__endswith="-followup").exists()
    client.force_login(SteeringMemberFactory())
    assert client.post(url).status_code == 403


def test_a_recommendation_longer_than_a_title_is_shortened_there_and_given_whole_as_guidance(round_, reviewer):
    long_text = "Adopt a national strategy. " * 30
    recommendations_import_yaml(version=round_, text=YAML.replace("Train the police.", long_text.strip()))

    r2 = followup_version_generate(version=round_, user=reviewer).questions.get(number="R2")

    assert len(r2.title_en) == 500 and r2.title_en.endswith("…")
    assert r2.help_en == long_text.strip()
    assert r2.title_fr == "Former la police." and r2.help_fr == "Former la police."
