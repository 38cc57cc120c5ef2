"""The public site's other stakeholders: a page each, their answers beside the Parties' on each question
page, their comments on each State's page, and nothing that is not published."""

import pytest
from django.urls import reverse

from countries.models import Organisation
from questionnaires.services import ItemValue
from reports.publication import services
from reports.publication.models import Publication
from tests.factories import ReviewerFactory, stakeholder_answer, stakeholder_comment

from .helpers import invited, party_with_answers

ROUND = 2


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def site(published_version):
    """France and Armenia published. ECPAT France published: its answer to question 5 and its accepted
    comments on France (one on question 5, one on the whole reply), not its confidential, set-aside,
    unscreened or draft ones. An international ombudsperson published then unpublished; a third NGO with
    an accepted comment never published; a fourth published whose reply is private."""
    version, reviewer = published_version, ReviewerFactory()
    france = party_with_answers(version, iso="FR", name="France")
    armenia = party_with_answers(version, iso="AM", name="Armenia", text="Armenian text.")
    q5 = version.questions.get(number="5")

    def comment(invitation, contact, body, country=france, **kwargs):
        stakeholder_comment(invitation=invitation, author=contact, country=country, body=f"<p>{body}</p>",
                            reviewer=reviewer, **kwargs)

    ngo, contact, invitation = invited(version, name="ECPAT France", country=france)
    comment(invitation, contact, "Only two officers.", question=q5)
    comment(invitation, contact, "The reply omits the 2019 law.")
    comment(invitation, contact, "Confidential remark.", question=q5, publishable=False)
    comment(invitation, contact, "Set-aside remark.", question=q5, screen="set_aside")
    comment(invitation, contact, "Unscreened remark.", question=q5, screen=None)
    comment(invitation, contact, "Draft remark.", question=q5, screen="draft")
    stakeholder_answer(version=version, organisation=ngo, number="5",
                                values={"5.1": ItemValue(text="<p>Our own research.</p>")})
    ombuds, contact, invitation = invited(version, name="European Ombudspersons",
                                          type=Organisation.Type.INTERNATIONAL)
    comment(invitation, contact, "Withdrawn remark.", country=armenia, question=q5)
    hidden, contact, invitation = invited(version, name="Unpublished NGO")
    comment(invitation, contact, "Never published remark.", question=q5)
    private, contact, invitation = invited(version, name="Private NGO")
    comment(invitation, contact, "Public remark of the private NGO.", country=armenia)
    stakeholder_answer(version=version, organisation=private, number="5", publishable=False,
                                values={"5.1": ItemValue(text="<p>Private answer.</p>")})
    for country in (france, armenia):
        services.reply_publish(version=version, country=country, user=reviewer)
    for organisation in (ngo, ombuds, private):
        services.stakeholder_publish(version=version, organisation=organisation, user=reviewer)
    services.reply_unpublish(publication=Publication.objects.get(organisation=ombuds), user=reviewer, reason="Error.")
    return {"version": version, "reviewer": reviewer, "ngo": ngo}


SECRETS = ("Confidential remark.", "Set-aside remark.", "Unscreened remark.", "Draft remark.", "Withdrawn remark.",
           "Never published remark.", "Private answer.", "European Ombudspersons", "Unpublished NGO")


def _url(name, *args):
    return reverse(f"public:{name}", args=[ROUND, *args])


def test_the_round_lists_replies_by_state_by_other_stakeholder_and_by_question(client, site):
    page = client.get(_url("round_detail")).content.decode()

    assert "Contributions by other stakeholder" in page
    assert _url("stakeholder_detail", "ecpat-france") in page and _url("stakeholder_detail", "private-ngo") in page
    assert page.index("Replies by State") < page.index("Contributions by other stakeholder") < page.index(
        "Replies by question")


def test_a_stakeholders_page_shows_its_answers_and_its_comments_by_party(client, site):
    page = client.get(_url("stakeholder_detail", "ecpat-france")).content.decode()

    assert "Contribution of ECPAT France" in page and "Non-governmental organisation" in page
    assert "Question 5. Research" in page and "Our own research." in page
    assert "Only two officers." in page and "The reply omits the 2019 law." in page
    assert page.index("On question 5") < page.index("Only two officers.")
    assert "On the reply as a whole" in page
    assert "Private answer." not in client.get(_url("stakeholder_detail", "private-ngo")).content.decode()


def test_an_international_stakeholder_says_so(client, site, published_version):
    organisation, contact, invitation = invited(published_version, name="Global Alliance",
                                                type=Organisation.Type.INTERNATIONAL)
    stakeholder_comment(invitation=invitation, author=contact, country=site["ngo"].country, body="<p>Hi.</p>",
                        reviewer=site["reviewer"])
    services.stakeholder_publish(version=published_version, organisation=organisation, user=site["reviewer"])

    page = client.get(_url("stakeholder_detail", "global-alliance")).content.decode()

    assert "International organisation · International" in page


def test_a_states_page_shows_the_published_comments_on_its_reply(client, site):
    page = client.get(_url("state_detail", "france")).content.decode()

    assert "Comments of other stakeholders on this reply" in page
    assert "ECPAT France, on the reply as a whole" in page and "ECPAT France, on question 5" in page
    assert page.index("on the reply as a whole") < page.index("on question 5")
    assert "Public remark of the private NGO." in client.get(_url("state_detail", "armenia")).content.decode()


def test_a_question_page_shows_the_other_stakeholders_after_the_parties(client, site):
    page = client.get(_url("question_detail", "5")).content.decode()

    assert page.index("Armenian text.") < page.index("Other stakeholders") < page.index("Our own research.")
    assert "ECPAT France on the reply of France" in page and "Only two officers." in page
    assert "The reply omits the 2019 law." not in page  # on the reply as a whole, not on this question
    six = client.get(_url("question_detail", "6")).content.decode()
    assert "No contribution of another stakeholder to this question is published yet." in six


def test_nothing_unpublished_of_a_stakeholder_is_reachable(client, site, published_version):
    """Every public URL against confidential, set-aside, unscreened, draft, unpublished and never-published
    comments and a private reply."""
    pages = [_url("round_detail"), _url("state_detail", "france"), _url("state_detail", "armenia"),
             _url("stakeholder_detail", "ecpat-france"), _url("stakeholder_detail", "private-ngo"),
             *[_url("question_detail", q.number) for q in published_version.questions.all()]]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        for secret in SECRETS:
            assert secret not in response.content.decode(), (url, secret)
    for slug in ("european-ombudspersons", "unpublished-ngo", "france", "", "outsider"):
        if slug:
            assert client.get(_url("stakeholder_detail", slug)).status_code == 404, slug
    assert client.get(_url("state_detail", "ecpat-france")).status_code == 404
    assert client.get(reverse("public:stakeholder_detail", args=[9, "ecpat-france"])).status_code == 404


def test_publishing_a_stakeholder_changes_the_round_stamp(client, site):
    etag = client.get(_url("round_detail"))["ETag"]
    assert client.get(_url("round_detail"), HTTP_IF_NONE_MATCH=etag).status_code == 304

    services.stakeholder_publish(version=site["version"], organisation=site["ngo"], user=site["reviewer"])

    assert client.get(_url("stakeholder_detail", "ecpat-france"), HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_the_stakeholder_pages_read_a_constant_number_of_queries(client, site, django_assert_max_num_queries):
    urls = (_url("round_detail"), _url("state_detail", "france"), _url("question_detail", "5"),
            _url("stakeholder_detail", "ecpat-france"))
    counts = []
    for url in urls:
        with django_assert_max_num_queries(9) as captured:
            client.get(url)
        counts.append(len(captured))
    for number in range(3):
        organisation, contact, invitation = invited(site["version"], name=f"NGO {number}")
        stakeholder_comment(invitation=invitation, author=contact, country=site["ngo"].country,
                            question=site["version"].questions.get(number="5"), body="<p>More.</p>",
                            reviewer=site["reviewer"])
        stakeholder_answer(version=site["version"], organisation=organisation, number="5",
                                    values={"5.1": ItemValue(text="<p>More.</p>")})
        services.stakeholder_publish(version=site["version"], organisation=organisation, user=site["reviewer"])
    again = []
    for url in urls:
        with django_assert_max_num_queries(9) as captured:
            client.get(url)
        again.append(len(captured))

    assert again == counts


def test_the_stakeholder_page_speaks_french(client, site):
    client.cookies["django_language"] = "fr"

    page = client.get(_url("stakeholder_detail", "ecpat-france")).content.decode()

    assert '<html lang="fr">' in page and "Recherche" in page
