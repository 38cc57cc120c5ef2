import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from questionnaires.models import Answer, Version
from questionnaires.services import ItemValue
from reports.publication import selectors, services
from reports.publication.models import Publication, PublishedAnswer
from tests.conftest import sign_in_with_second_factor
from tests.factories import CountryFactory, FocalPointFactory, ReviewerFactory, party_reply_start

from .helpers import approve_again, party_with_answers


@pytest.fixture
def reviewer(db):
    return ReviewerFactory()


@pytest.fixture
def france(published_version):
    return party_with_answers(published_version, iso="FR", name="France")


def test_publishing_copies_each_approved_answer_at_its_approved_revision(published_version, france, reviewer):
    publication = services.reply_publish(version=published_version, country=france, user=reviewer)

    assert publication.published_by == reviewer and publication.is_live
    assert publication.country_slug == "france"
    answers = list(publication.answers.all())
    assert [a.question_number for a in answers] == ["5", "6"]
    items = {item["number"]: item for item in answers[1].items}
    assert items["6.2"]["value_en"] == "42"
    assert (items["6.3"]["value_en"], items["6.3"]["value_fr"]) == ("Yes", "Oui")
    assert "Helplines." in items["6.1"]["text"]
    approved = Answer.objects.filter(reply__country=france, state=Answer.State.APPROVED)
    assert publication.revisions == {str(a.pk): a.revision for a in approved}


def test_a_later_approval_changes_nothing_public_until_the_reply_is_published_again(published_version, france,
                                                                                      reviewer):
    publication = services.reply_publish(version=published_version, country=france, user=reviewer)
    answer = Answer.objects.get(reply__country=france, question__number="5")

    approve_again(answer, {"5.1": ItemValue(text="<p>A new text.</p>")})

    published = PublishedAnswer.objects.get(publication=publication, question_number="5")
    assert "The unit was created in 2015." in published.items[0]["text"]
    [row] = [r for r in selectors.publication_rows(published_version, [france])]
    assert row.newer_approved is True
    republished = services.reply_publish(version=published_version, country=france, user=reviewer)
    publication.refresh_from_db()
    assert publication.end_kind == Publication.EndKind.REPLACED and publication.ended_by == reviewer
    assert "A new text." in republished.answers.get(question_number="5").items[0]["text"]
    assert selectors.publication_rows(published_version, [france])[0].newer_approved is False


def test_unpublishing_needs_a_reason_and_is_recorded(published_version, france, reviewer):
    publication = services.reply_publish(version=published_version, country=france, user=reviewer)

    with pytest.raises(ValidationError) as refused:
        services.reply_unpublish(publication=publication, user=reviewer, reason="  ")
    assert refused.value.code == "reason_required"
    ended = services.reply_unpublish(publication=publication, user=reviewer, reason="Published by mistake.")

    assert (ended.end_kind, ended.end_reason, ended.ended_by) == ("unpublished", "Published by mistake.", reviewer)
    with pytest.raises(ValidationError) as again:
        services.reply_unpublish(publication=ended, user=reviewer, reason="Twice.")
    assert again.value.code == "already_ended"
    assert Publication.objects.count() == 1  # nothing is deleted


def test_only_a_party_with_approved_answers_to_an_issued_version_can_be_published(published_version, reviewer):
    outsider = CountryFactory(iso_code="XK", name="Outsider")
    member = CountryFactory(iso_code="AM", name="Armenia")
    party_reply_start(version=published_version, country=member)

    for country, code in ((outsider, "not_a_party"), (member, "nothing_approved")):
        with pytest.raises(ValidationError) as refused:
            services.reply_publish(version=published_version, country=country, user=reviewer)
        assert refused.value.code == code
    draft = Version(pk=published_version.pk, status=Version.Status.DRAFT)
    with pytest.raises(ValidationError) as refused:
        services.reply_publish(version=draft, country=member, user=reviewer)
    assert refused.value.code == "draft_version"
    assert not Publication.objects.exists()


def test_the_secretariat_publishes_and_unpublishes_from_the_publication_page(client, published_version, france,
                                                                            reviewer):
    sign_in_with_second_factor(client, reviewer)
    page = reverse("publication:publication_list", args=[published_version.pk])

    response = client.post(reverse("publication:reply_publish", args=[published_version.pk, france.pk]))

    assert response.status_code == 302 and response.url == page
    publication = Publication.objects.get(country=france)
    approve_again(Answer.objects.get(reply__country=france, question__number="5"), {"5.1": ItemValue(text="<p>B</p>")})
    assert "A newer approved answer exists: re-publish." in client.get(page).content.decode()
    client.post(reverse("publication:publication_unpublish", args=[publication.pk]), {"reason": "Error."})
    publication.refresh_from_db()
    assert publication.end_reason == "Error." and not publication.is_live
    assert "Error." in client.get(page).content.decode()


def test_a_focal_point_may_not_publish(client, published_version, france):
    client.force_login(FocalPointFactory(country=france).user)

    response = client.post(reverse("publication:reply_publish", args=[published_version.pk, france.pk]))

    assert response.status_code == 403
    assert not Publication.objects.exists()
