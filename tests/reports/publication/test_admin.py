"""Publications in the Django admin: listed, filtered and searched, never added, changed or deleted."""

from django.contrib.auth.models import Group
from django.urls import reverse

from questionnaires.permissions import ADMINISTRATORS
from reports.publication import services
from reports.publication.models import PublishedComment
from tests.conftest import sign_in_with_second_factor
from tests.factories import ReviewerFactory, UserFactory, stakeholder_comment

from .helpers import invited, party_with_answers


def test_the_admin_lists_publications_read_only(client, published_version):
    reviewer = ReviewerFactory()
    france = party_with_answers(published_version, iso="FR", name="France")
    ngo, contact, invitation = invited(published_version, name="ECPAT France", country=france)
    stakeholder_comment(invitation=invitation, author=contact, country=france, body="<p>Noted.</p>", reviewer=reviewer)
    services.reply_publish(version=published_version, country=france, user=reviewer)
    publication = services.stakeholder_publish(version=published_version, organisation=ngo, user=reviewer)
    admin = UserFactory(is_staff=True)
    admin.groups.add(Group.objects.get(name=ADMINISTRATORS))
    sign_in_with_second_factor(client, admin)

    listing = client.get(reverse("admin:publication_publication_changelist"), {"q": "ECPAT"}).content.decode()
    comments = client.get(reverse("admin:publication_publishedcomment_changelist")).content.decode()

    assert "ECPAT France" in listing and "1 publication" in listing
    assert "France" in comments and "ECPAT France" in comments
    assert client.get(reverse("admin:publication_publishedanswer_changelist")).status_code == 200
    assert client.get(reverse("admin:publication_publication_add")).status_code == 403
    comment = PublishedComment.objects.get()
    assert client.post(reverse("admin:publication_publishedcomment_delete", args=[comment.pk]),
                       {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:publication_publication_change", args=[publication.pk])).status_code == 200
