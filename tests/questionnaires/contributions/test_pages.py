"""The pages of stakeholder comments: what each role sees and may do."""

import pytest
from django.urls import reverse

from questionnaires.contributions.models import Contribution, ContributionResponse
from questionnaires.contributions.services import contribution_save, contribution_screen, contribution_submit
from tests.conftest import sign_in_with_second_factor


def _comment(world, *, country="france", text="Only two officers in the unit.", submit=True, accept=False):
    contribution = contribution_save(
        invitation=world["invitation"], author=world["stakeholder"], country=world[country],
        question=world["version"].questions.get(number="13"), language="en", body=text,
    )
    if submit:
        contribution = contribution_submit(contribution=contribution, user=world["stakeholder"])
    if accept:
        contribution = contribution_screen(contribution=contribution, reviewer=world["reviewer"], accept=True)
    return contribution


def test_a_stakeholder_writes_saves_and_submits_a_comment(client, round_world):
    client.force_login(round_world["stakeholder"])
    url = reverse("contributions:contribution_new", args=[round_world["invitation"].pk])
    question = round_world["version"].questions.get(number="13")
    data = {"country": round_world["france"].pk, "question": question.pk, "language": "fr",
            "body": "Deux agents seulement.", "publishable": "no", "save": "1"}

    page = client.get(url).content.decode()
    assert "13. " + question.title_en in page and "France" in page
    response = client.post(url, data)

    contribution = Contribution.objects.get()
    assert response.status_code == 302 and contribution.state == Contribution.State.DRAFT
    assert not contribution.publishable and contribution.language == "fr"
    edit = reverse("contributions:contribution_edit", args=[contribution.pk])
    client.post(edit, {**data, "body": "Deux agents, pas plus.", "submit": "1"})
    contribution.refresh_from_db()
    assert contribution.state == Contribution.State.SUBMITTED and contribution.body == "<p>Deux agents, pas plus.</p>"
    assert client.get(edit).status_code == 403  # submitted: no longer editable


def test_a_stakeholder_sees_only_its_own_organisations_comments(client, round_world):
    own = _comment(round_world)
    client.force_login(round_world["other"])

    assert "ECPAT" not in client.get(reverse("contributions:own_comments")).content.decode()
    assert client.get(reverse("contributions:contribution_detail", args=[own.pk])).status_code == 404
    assert client.get(reverse("contributions:contribution_new",
                              args=[round_world["invitation"].pk])).status_code == 404
    client.force_login(round_world["stakeholder"])
    assert "France" in client.get(reverse("contributions:own_comments")).content.decode()


@pytest.mark.parametrize("name,args", [
    ("questionnaires:reply_detail", lambda w: [w["reply_fr"].pk]),
    ("questionnaires:reply_check", lambda w: [w["reply_fr"].pk]),
    ("questionnaires:question_edit", lambda w: [w["reply_fr"].pk, "13"]),
    ("questionnaires:answer_history", lambda w: [w["reply_fr"].pk, "13"]),
    ("questionnaires:reply_detail", lambda w: [w["reply_am"].pk]),
])
def test_a_stakeholder_never_sees_a_partys_reply(client, round_world, name, args):
    _comment(round_world, accept=True)
    client.force_login(round_world["stakeholder"])

    assert client.get(reverse(name, args=args(round_world))).status_code == 404


def test_the_secretariat_screens_with_a_reason(client, round_world):
    contribution = _comment(round_world)
    draft = _comment(round_world, country="armenia", text="Still a draft.", submit=False)
    sign_in_with_second_factor(client, round_world["reviewer"])

    listing = client.get(reverse("contributions:screening_list")).content.decode()
    assert "ECPAT France" in listing and "Armenia" not in listing  # drafts stay with the organisation
    assert client.get(reverse("contributions:contribution_detail", args=[draft.pk])).status_code == 404
    response = client.post(reverse("contributions:contribution_screen", args=[contribution.pk]),
                           {"decision": "set_aside", "reason": ""})
    contribution.refresh_from_db()
    assert response.status_code == 302 and contribution.state == Contribution.State.SUBMITTED
    client.post(reverse("contributions:contribution_screen", args=[contribution.pk]),
                {"decision": "set_aside", "reason": "Not about the reply."})
    contribution.refresh_from_db()
    assert contribution.state == Contribution.State.SET_ASIDE and contribution.screened_by == round_world["reviewer"]
    client.force_login(round_world["stakeholder"])
    page = client.get(reverse("contributions:contribution_detail", args=[contribution.pk])).content.decode()
    assert "Not about the reply." in page


def test_the_party_reads_and_responds_on_its_reply_page(client, round_world):
    contribution = _comment(round_world, accept=True)
    hidden = _comment(round_world, text="Awaiting screening.")
    reply_url = reverse("questionnaires:reply_detail", args=[round_world["reply_fr"].pk])
    client.force_login(round_world["focal_fr"])

    page = client.get(reply_url).content.decode()
    assert "Comments from other stakeholders" in page and "Only two officers in the unit." in page
    assert "Awaiting screening." not in page
    response = client.post(reverse("contributions:response_add", args=[contribution.pk]),
                           {"body": "A third officer joined in 2020."})
    assert response.status_code == 302 and response["Location"] == reply_url + "#stakeholder-comments"
    assert ContributionResponse.objects.get().contribution == contribution
    assert client.post(reverse("contributions:response_add", args=[hidden.pk]), {"body": "x"}).status_code == 404

    client.force_login(round_world["stakeholder"])
    detail = reverse("contributions:contribution_detail", args=[contribution.pk])
    assert "A third officer joined in 2020." in client.get(detail).content.decode()
    sign_in_with_second_factor(client, round_world["reviewer"])
    assert "A third officer joined in 2020." in client.get(detail).content.decode()


def test_another_partys_focal_point_neither_sees_nor_responds(client, round_world):
    contribution = _comment(round_world, accept=True)
    client.force_login(round_world["focal_am"])

    page = client.get(reverse("questionnaires:reply_detail", args=[round_world["reply_am"].pk])).content.decode()
    assert "Only two officers in the unit." not in page
    assert client.post(reverse("contributions:response_add", args=[contribution.pk]),
                       {"body": "x"}).status_code == 404
    assert client.get(reverse("contributions:contribution_detail", args=[contribution.pk])).status_code == 404


def test_the_secretariat_invites_an_organisation(client, round_world):
    sign_in_with_second_factor(client, round_world["reviewer"])
    organisation = round_world["other"].organisation_contact.organisation

    response = client.post(reverse("contributions:invitations"), {
        "organisation": organisation.pk, "version": round_world["version"].pk, "time_limit": "2099-01-31",
    })

    assert response.status_code == 302
    assert organisation.invitations.get().time_limit.isoformat() == "2099-01-31"
    client.force_login(round_world["other"])
    assert "Write a comment" in client.get(reverse("contributions:own_comments")).content.decode()


def test_secretariat_pages_are_forbidden_to_stakeholders(client, round_world):
    client.force_login(round_world["stakeholder"])

    assert client.get(reverse("contributions:screening_list")).status_code == 403
    assert client.get(reverse("contributions:invitations")).status_code == 403


def test_the_home_page_leads_a_stakeholder_to_its_comments(client, round_world):
    client.force_login(round_world["stakeholder"])

    page = client.get(reverse("home")).content.decode()

    assert reverse("contributions:own_comments") in page and "Other stakeholder" in page


def test_the_secretariat_finds_the_comments_from_its_home_page(client, round_world):
    sign_in_with_second_factor(client, round_world["reviewer"])

    page = client.get(reverse("home")).content.decode()

    assert reverse("contributions:screening_list") in page and reverse("contributions:invitations") in page
