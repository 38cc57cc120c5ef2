"""The admin of the follow-up: generated follow-up questionnaires are read-only; carried recommendations
are added and deleted while the question's version is a draft, never changed in place."""

import pytest
from django.urls import reverse

from questionnaires.services import version_publish
from reports.followup.models import CarriedRecommendation, FollowUpVersion
from tests.factories import carried_world

pytestmark = pytest.mark.django_db


def test_the_generated_follow_up_questionnaire_is_listed_and_read_only(admin_client, round_, reviewer):
    _next_round, followup, _recommendations = carried_world(round_version=round_, reviewer=reviewer)
    link = FollowUpVersion.objects.get(version=followup)

    listed = admin_client.get(reverse("admin:followup_followupversion_changelist")).content.decode()
    page = admin_client.get(reverse("admin:followup_followupversion_change", args=[link.pk])).content.decode()

    assert str(followup) in listed and str(round_) in listed
    assert 'name="_save"' not in page
    assert admin_client.get(reverse("admin:followup_followupversion_add")).status_code == 403
    assert admin_client.post(reverse("admin:followup_followupversion_delete", args=[link.pk]),
                             {"post": "yes"}).status_code == 403


def test_the_admin_attaches_a_recommendation_to_a_draft_question_and_says_why_not_to_a_published_one(
    admin_client, round_, reviewer,
):
    next_round, _followup, recommendations = carried_world(round_version=round_, reviewer=reviewer)
    add = reverse("admin:followup_carriedrecommendation_add")

    refused = admin_client.post(add, {"recommendation": recommendations["R1"].pk,
                                      "question": round_.questions.get(number="13").pk})
    admin_client.post(add, {"recommendation": recommendations["R1"].pk,
                            "question": next_round.questions.get(number="1").pk})

    assert ("R1 is a recommendation of this version itself: attach it to a question of a later version."
            in refused.content.decode())
    carried = CarriedRecommendation.objects.get()
    assert carried.question.version == next_round and carried.created_by.username == "admin"
    version_publish(version=next_round)
    page = admin_client.get(reverse("admin:followup_carriedrecommendation_change", args=[carried.pk])).content.decode()
    assert 'name="_save"' not in page
    assert admin_client.post(reverse("admin:followup_carriedrecommendation_delete", args=[carried.pk]),
                             {"post": "yes"}).status_code == 403
    assert CarriedRecommendation.objects.count() == 1
