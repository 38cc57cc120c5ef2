"""Stakeholder comments: invitation and time limit, drafts and submission, screening, forwarding, responses."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from countries.models import OrganisationContact
from questionnaires.contributions.forwarding import contribution_forward
from questionnaires.contributions.models import Contribution, ContributionEvent, ContributionResponse
from questionnaires.contributions.services import (
    contribution_save,
    contribution_screen,
    contribution_submit,
    invitation_create,
    response_add,
)
from questionnaires.permissions import is_stakeholder, role_names
from questionnaires.services import notification_preference_set
from tests.factories import CountryFactory


def _draft(world, **overrides):
    fields = {"invitation": world["invitation"], "author": world["stakeholder"], "country": world["france"],
              "question": world["version"].questions.get(number="13"), "language": "en",
              "body": "The specialised unit has <b>two</b> officers.<script>alert(1)</script>"}
    return contribution_save(**{**fields, **overrides})


def _submitted(world, **overrides):
    return contribution_submit(contribution=_draft(world, **overrides), user=world["stakeholder"])


def test_the_stakeholder_role_is_defined_once(round_world):
    assert is_stakeholder(round_world["stakeholder"])
    assert not is_stakeholder(round_world["focal_fr"])
    assert role_names(round_world["stakeholder"]) == ["Other stakeholder"]


def test_a_draft_is_sanitised_publishable_by_default_and_can_be_submitted(round_world):
    draft = _draft(round_world)

    assert draft.state == Contribution.State.DRAFT and draft.publishable
    assert draft.body == "The specialised unit has <b>two</b> officers."
    submitted = contribution_submit(contribution=draft, user=round_world["stakeholder"])
    assert submitted.state == Contribution.State.SUBMITTED and submitted.submitted_at is not None
    assert list(submitted.events.values_list("action", flat=True)) == ["submitted"]


def test_plain_text_becomes_escaped_paragraphs(round_world):
    draft = _draft(round_world, body="Half < all & more\n\nSecond", question=None, publishable=False)

    assert draft.body == "<p>Half &lt; all &amp; more</p><p>Second</p>"
    assert draft.question is None and not draft.publishable


def test_nothing_is_written_after_the_time_limit(round_world):
    draft = _draft(round_world)
    invitation = round_world["invitation"]
    invitation.time_limit = timezone.localdate() - datetime.timedelta(days=1)
    invitation.save()

    with pytest.raises(ValidationError) as error:
        contribution_submit(contribution=draft, user=round_world["stakeholder"])
    assert error.value.code == "time_limit_passed"
    with pytest.raises(ValidationError):
        _draft(round_world)


def test_an_organisation_not_invited_may_not_write(round_world):
    with pytest.raises(ValidationError) as error:
        _draft(round_world, author=round_world["other"])
    assert error.value.code == "not_contact"


def test_an_invitation_needs_a_future_time_limit(round_world):
    with pytest.raises(ValidationError):
        invitation_create(organisation=round_world["ngo"], version=round_world["version"], user=None,
                          time_limit=timezone.localdate() - datetime.timedelta(days=1))


def test_a_comment_names_a_party_of_the_round(round_world):
    with pytest.raises(ValidationError) as error:
        _draft(round_world, country=CountryFactory(iso_code="DE", name="Germany"))
    assert error.value.code == "not_party"


def test_setting_aside_needs_a_reason_and_is_audited(round_world):
    contribution = _submitted(round_world)

    with pytest.raises(ValidationError) as error:
        contribution_screen(contribution=contribution, reviewer=round_world["reviewer"], accept=False, reason=" ")
    assert error.value.code == "reason_required"
    contribution_screen(contribution=contribution, reviewer=round_world["reviewer"], accept=False,
                        reason="Outside the scope of the round.")

    contribution.refresh_from_db()
    assert contribution.state == Contribution.State.SET_ASIDE
    assert contribution.screening_reason == "Outside the scope of the round."
    event = contribution.events.get(action=ContributionEvent.Action.SET_ASIDE)
    assert event.actor == round_world["reviewer"] and event.reason == "Outside the scope of the round."
    with pytest.raises(ValidationError):
        contribution_screen(contribution=contribution, reviewer=round_world["reviewer"], accept=True)


def test_a_set_aside_comment_is_not_forwarded(round_world, django_capture_on_commit_callbacks):
    contribution = _submitted(round_world)
    with django_capture_on_commit_callbacks(execute=True):
        contribution_screen(contribution=contribution, reviewer=round_world["reviewer"], accept=False,
                            reason="Off topic")

    assert mail.outbox == []


def test_an_accepted_comment_is_emailed_to_the_partys_focal_points_only_in_their_language(
    round_world, django_capture_on_commit_callbacks
):
    notification_preference_set(user=round_world["focal_fr2"], daily_digest=False, language="fr")
    contribution = _submitted(round_world)

    with django_capture_on_commit_callbacks(execute=True):
        contribution_screen(contribution=contribution, reviewer=round_world["reviewer"], accept=True,
                            reason="Relevant")

    assert sorted(message.to[0] for message in mail.outbox) == ["marie@example.org", "paul@example.org"]
    english = next(m for m in mail.outbox if m.to == ["marie@example.org"])
    assert english.subject == "[Lanzarote monitoring] A comment from ECPAT France on the reply of France"
    assert "The specialised unit has two officers." in english.body
    assert f"/replies/{round_world['reply_fr'].pk}/#stakeholder-comments" in english.body
    contribution.refresh_from_db()
    assert contribution.forwarded_at is not None
    assert contribution.events.filter(action=ContributionEvent.Action.FORWARDED).count() == 1


def test_forwarding_twice_sends_nothing_twice(round_world, django_capture_on_commit_callbacks):
    contribution = _submitted(round_world)
    with django_capture_on_commit_callbacks(execute=True):
        contribution_screen(contribution=contribution, reviewer=round_world["reviewer"], accept=True)

    assert contribution_forward(contribution_id=contribution.pk) == 0
    assert len(mail.outbox) == 2


def test_the_partys_response_is_linked_to_the_comment(round_world):
    contribution = _submitted(round_world)
    contribution = contribution_screen(contribution=contribution, reviewer=round_world["reviewer"], accept=True)

    response = response_add(contribution=contribution, author=round_world["focal_fr"], body="The unit grew in 2020.")

    assert response.contribution == contribution and response.body == "<p>The unit grew in 2020.</p>"
    with pytest.raises(ValidationError):
        response_add(contribution=contribution, author=round_world["focal_am"], body="Not ours.")
    assert ContributionResponse.objects.count() == 1


def test_no_response_before_the_comment_is_accepted(round_world):
    contribution = _submitted(round_world)

    with pytest.raises(ValidationError) as error:
        response_add(contribution=contribution, author=round_world["focal_fr"], body="Too early.")
    assert error.value.code == "not_forwarded"


def test_a_focal_point_cannot_also_write_for_an_organisation(round_world):
    contact = OrganisationContact(user=round_world["focal_fr"], organisation=round_world["ngo"])

    with pytest.raises(ValidationError) as error:
        contact.full_clean()
    assert error.value.error_dict["__all__"][0].code == "focal_point"


def test_the_secretariat_is_never_taken_as_a_stakeholder(round_world):
    OrganisationContact.objects.create(user=round_world["reviewer"], organisation=round_world["ngo"])
    reviewer = type(round_world["reviewer"]).objects.get(pk=round_world["reviewer"].pk)

    assert not is_stakeholder(reviewer)
