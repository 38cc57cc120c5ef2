"""Earlier recommendations carried into a later round's question: attached by the secretariat while the
later version is a draft, shown beside the question's form to the focal points of the Parties they address
with their own Party's last follow-up and assessment, never another Party's."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from questionnaires.services import version_publish
from reports.followup.models import CarriedRecommendation
from reports.followup.services import carried_recommendation_add, carried_recommendation_remove
from tests.conftest import sign_in_with_second_factor
from tests.factories import (
    FocalPointFactory,
    SteeringMemberFactory,
    carried_world,
    followup_given,
    party_reply_start,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(round_, reviewer):
    next_round, followup, recommendations = carried_world(round_version=round_, reviewer=reviewer)
    question = next_round.questions.get(number="1")
    for number in ("R1", "R2"):
        carried_recommendation_add(recommendation=recommendations[number], question=question, user=reviewer)
    next_round = version_publish(version=next_round)
    parties = {country.iso_code: country for country in round_.parties.all()}
    replies = {code: party_reply_start(version=next_round, country=parties[code]) for code in ("BE", "FR")}
    return {"next_round": next_round, "followup": followup, "recommendations": recommendations,
            "parties": parties, "replies": replies}


def _question_page(client, world, code, number="1"):
    client.force_login(FocalPointFactory(country=world["parties"][code]).user)
    return client.get(reverse("questionnaires:question_edit", args=[world["replies"][code].pk, number]))


def test_belgium_sees_both_recommendations_with_its_own_last_follow_up_and_assessment(client, world):
    page = _question_page(client, world, "BE").content.decode()

    panel = page[page.index('id="carried-recommendations"'):page.index('id="answer-form"')]
    assert "Earlier recommendations to Belgium" in panel
    assert "Set up specialised units." in panel and "The Committee urges" in panel
    assert "Units set up in every province." in panel and "Approved" in panel
    assert "Implemented" in panel and "Units exist in every province." in panel
    assert "Train the police." in panel and "The Committee invites" in panel
    assert "Training planned for 2026." in panel and "Submitted for review" in panel
    assert "March 14, 2025" in panel
    assert "Luxembourg" not in page


def test_france_sees_only_the_recommendation_to_every_party_and_no_follow_up_yet(client, world):
    followup_given(followup=world["followup"], country=world["parties"]["FR"], number="R1",
                   action="A French draft.", state="draft")

    page = _question_page(client, world, "FR").content.decode()

    assert "Set up specialised units." in page
    assert "No follow-up submitted yet." in page and "Not assessed yet." in page
    assert "Train the police." not in page
    assert "A French draft." not in page
    assert "Units set up in every province." not in page and "Luxembourg's own units." not in page


def test_the_text_is_in_the_focal_points_language(client, world):
    client.force_login(FocalPointFactory(country=world["parties"]["FR"]).user)
    client.cookies["django_language"] = "fr"

    page = client.get(reverse("questionnaires:question_edit", args=[world["replies"]["FR"].pk, "1"]),
                      HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "Créer des unités spécialisées." in page


def test_a_question_without_carried_recommendations_has_no_panel(client, world):
    page = _question_page(client, world, "BE", number="2").content.decode()

    assert 'id="carried-recommendations"' not in page


def test_the_reviewer_sees_the_same_panel_on_the_answers_review_page(client, world, reviewer):
    answer = world["replies"]["BE"].answers.get(question__number="1")
    sign_in_with_second_factor(client, reviewer)

    page = client.get(reverse("questionnaires:answer_review", args=[answer.pk])).content.decode()

    assert "Earlier recommendations to Belgium" in page and "Training planned for 2026." in page
    assert "Luxembourg's own units." not in page


def test_attaching_is_refused_once_the_version_is_published_and_for_the_rounds_own_question(world, round_,
                                                                                           reviewer):
    published_question = world["next_round"].questions.get(number="2")
    with pytest.raises(ValidationError) as refused:
        carried_recommendation_add(recommendation=world["recommendations"]["R1"], question=published_question,
                                   user=reviewer)
    assert refused.value.messages == [f"{world['next_round']} is no longer a draft: the recommendations shown "
                                      "beside its questions can no longer change."]
    with pytest.raises(ValidationError) as refused:
        carried_recommendation_remove(carried=CarriedRecommendation.objects.first())
    assert CarriedRecommendation.objects.count() == 2


def test_a_recommendation_of_the_same_version_or_attached_twice_is_refused(round_, reviewer):
    next_round, _followup, recommendations = carried_world(round_version=round_, reviewer=reviewer)
    question = next_round.questions.get(number="1")
    carried_recommendation_add(recommendation=recommendations["R1"], question=question, user=reviewer)

    with pytest.raises(ValidationError) as twice:
        carried_recommendation_add(recommendation=recommendations["R1"], question=question, user=reviewer)
    with pytest.raises(ValidationError) as own:
        carried_recommendation_add(recommendation=recommendations["R1"], question=round_.questions.first(),
                                   user=reviewer)

    assert twice.value.messages == ["R1 is already shown beside question 1."]
    assert "R1 is a recommendation of this version itself: attach it to a question of a later version." in (
        own.value.messages)


def test_the_secretariat_attaches_and_removes_on_the_page_of_the_draft(client, round_, reviewer):
    next_round, _followup, recommendations = carried_world(round_version=round_, reviewer=reviewer)
    question = next_round.questions.get(number="2")
    sign_in_with_second_factor(client, reviewer)
    url = reverse("followup:carried_list", args=[next_round.pk])

    response = client.post(url, {"question": question.pk, "recommendation": recommendations["R2"].pk}, follow=True)

    assert "R2 is now shown beside question 2." in response.content.decode()
    carried = CarriedRecommendation.objects.get()
    assert (carried.question, carried.recommendation, carried.created_by) == (question, recommendations["R2"],
                                                                               reviewer)
    assert "Train the police." in client.get(url).content.decode()
    response = client.post(reverse("followup:carried_remove", args=[carried.pk]), follow=True)
    assert "R2 is no longer shown beside question 2." in response.content.decode()
    assert not CarriedRecommendation.objects.exists()


def test_the_page_of_a_published_version_refuses_clearly(client, world, reviewer):
    sign_in_with_second_factor(client, reviewer)
    url = reverse("followup:carried_list", args=[world["next_round"].pk])
    question = world["next_round"].questions.get(number="2")

    page = client.get(url).content.decode()
    response = client.post(url, {"question": question.pk, "recommendation": world["recommendations"]["R1"].pk})

    assert "This version is no longer a draft" in page and "Attach a recommendation" not in page
    assert response.status_code == 400
    assert "is no longer a draft: the recommendations shown beside its questions can no longer change." in (
        response.content.decode())
    assert CarriedRecommendation.objects.count() == 2


def test_the_recommendations_page_links_to_the_drafts_to_carry_them_into(client, round_, reviewer):
    next_round, _followup, _recommendations = carried_world(round_version=round_, reviewer=reviewer)
    sign_in_with_second_factor(client, reviewer)

    page = client.get(reverse("followup:recommendation_list", args=[round_.pk])).content.decode()

    assert reverse("followup:carried_list", args=[next_round.pk]) in page


def test_the_steering_group_may_not_attach(client, round_):
    client.force_login(SteeringMemberFactory())

    assert client.get(reverse("followup:carried_list", args=[round_.pk])).status_code == 403
