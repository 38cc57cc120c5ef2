"""Publishing other stakeholders' contributions: what is copied, what never is, and the secretariat's page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from questionnaires.services import ItemValue
from reports.publication import selectors, services
from reports.publication.models import Publication, PublishedComment
from tests.conftest import sign_in_with_second_factor
from tests.factories import ReviewerFactory, stakeholder_answer, stakeholder_comment

from .helpers import invited, party_with_answers


@pytest.fixture
def world(published_version):
    """France replying; ECPAT France invited, with comments in every state and an approved answer of its
    own reply to question 5."""
    version, reviewer = published_version, ReviewerFactory()
    france = party_with_answers(version, iso="FR", name="France")
    ngo, contact, invitation = invited(version, name="ECPAT France", country=france)
    q5 = version.questions.get(number="5")

    def comment(body, **kwargs):
        return stakeholder_comment(invitation=invitation, author=contact, country=france, body=body,
                                   reviewer=reviewer, **kwargs)

    comments = {
        "on_q5": comment("<p>Only two officers.</p>", question=q5),
        "whole": comment("<p>The reply omits the 2019 law.</p>"),
        "confidential": comment("<p>Confidential remark.</p>", publishable=False),
        "set_aside": comment("<p>Set-aside remark.</p>", screen="set_aside"),
        "unscreened": comment("<p>Unscreened remark.</p>", screen=None),
        "draft": comment("<p>Draft remark.</p>", screen="draft"),
    }
    stakeholder_answer(version=version, organisation=ngo, number="5",
                                values={"5.1": ItemValue(text="<p>Our own research.</p>")})
    return {"version": version, "reviewer": reviewer, "france": france, "ngo": ngo, "contact": contact,
            "invitation": invitation, "comments": comments}


def test_publishing_copies_the_approved_answers_and_the_accepted_publishable_comments_only(world):
    publication = services.stakeholder_publish(version=world["version"], organisation=world["ngo"],
                                               user=world["reviewer"])

    assert publication.is_live and publication.organisation == world["ngo"] and publication.country is None
    assert publication.organisation_slug == "ecpat-france" and publication.respondent_name == "ECPAT France"
    [answer] = publication.answers.all()
    assert answer.question_number == "5" and "Our own research." in answer.items[0]["text"]
    bodies = {(c.country_name, c.question_number, c.body) for c in publication.comments.all()}
    assert bodies == {("France", "5", "<p>Only two officers.</p>"), ("France", "", "<p>The reply omits the 2019 law.</p>")}


def test_the_answers_of_a_reply_the_stakeholder_keeps_private_are_not_published(world, published_version):
    private, _contact, _invitation = invited(published_version, name="Private NGO")
    stakeholder_answer(version=published_version, organisation=private, number="5", publishable=False,
                                values={"5.1": ItemValue(text="<p>Private answer.</p>")})

    with pytest.raises(ValidationError) as refused:
        services.stakeholder_publish(version=published_version, organisation=private, user=world["reviewer"])

    assert refused.value.code == "nothing_publishable"
    assert not Publication.objects.filter(organisation=private).exists()


def test_republishing_replaces_and_unpublishing_ends_with_the_reason(world):
    first = services.stakeholder_publish(version=world["version"], organisation=world["ngo"], user=world["reviewer"])
    q5 = world["version"].questions.get(number="5")
    stakeholder_comment(invitation=world["invitation"], author=world["contact"], country=world["france"],
                        question=q5, body="<p>A later comment.</p>", reviewer=world["reviewer"])
    [row] = selectors.stakeholder_rows(world["version"])
    assert row.state == "published" and row.newer is True and row.comments == 3

    second = services.stakeholder_publish(version=world["version"], organisation=world["ngo"], user=world["reviewer"])
    first.refresh_from_db()
    assert first.end_kind == Publication.EndKind.REPLACED and second.comments.count() == 3
    assert selectors.stakeholder_rows(world["version"])[0].newer is False
    ended = services.reply_unpublish(publication=second, user=world["reviewer"], reason="Asked by the NGO.")
    assert (ended.end_kind, ended.end_reason) == ("unpublished", "Asked by the NGO.")
    assert selectors.stakeholder_rows(world["version"])[0].state == "ended"
    assert PublishedComment.objects.filter(publication=first).count() == 2  # the record stays


def test_an_invited_organisation_with_nothing_publishable_cannot_be_published(world, published_version):
    silent, _contact, _invitation = invited(published_version, name="Silent NGO")

    with pytest.raises(ValidationError) as refused:
        services.stakeholder_publish(version=published_version, organisation=silent, user=world["reviewer"])

    assert refused.value.code == "nothing_publishable"
    rows = {row.organisation.name: row for row in selectors.stakeholder_rows(published_version)}
    assert (rows["Silent NGO"].state, rows["ECPAT France"].state) == ("nothing", "available")
    assert (rows["ECPAT France"].answers, rows["ECPAT France"].comments) == (1, 2)


def test_the_secretariat_publishes_and_unpublishes_a_stakeholder_from_the_publication_page(client, world):
    sign_in_with_second_factor(client, world["reviewer"])
    page = reverse("publication:publication_list", args=[world["version"].pk])
    assert "ECPAT France" in client.get(page).content.decode()

    response = client.post(reverse("publication:stakeholder_publish", args=[world["version"].pk, world["ngo"].pk]))

    assert response.status_code == 302 and response.url == page
    publication = Publication.objects.get(organisation=world["ngo"])
    content = client.get(page).content.decode()
    assert "The contribution of ECPAT France is published." in content
    assert reverse("publication:publication_unpublish", args=[publication.pk]) in content
    client.post(reverse("publication:publication_unpublish", args=[publication.pk]), {"reason": "Mistake."})
    publication.refresh_from_db()
    assert not publication.is_live and publication.end_reason == "Mistake."
    assert "The contribution of ECPAT France is no longer public." in client.get(page).content.decode()


def test_a_stakeholder_may_not_publish_its_own_contribution(client, world):
    client.force_login(world["contact"])

    response = client.post(reverse("publication:stakeholder_publish", args=[world["version"].pk, world["ngo"].pk]))

    assert response.status_code == 403
    assert not Publication.objects.exists()
