import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import http_date

from questionnaires.models import Answer, Attachment, ItemAnswer
from questionnaires.services import ItemValue, version_close, version_import_yaml
from reports.publication import services
from reports.publication.models import Publication
from tests.factories import ReviewerFactory

from .helpers import approve_again, compilation_of, party_with_answers

ROUND = 2
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def site(published_version):
    """France published (with a file and a link for question 5), the Republic of Moldova published,
    Armenia approved but never published, Georgia published then unpublished; one published and one
    unpublished compilation."""
    reviewer = ReviewerFactory()
    france = party_with_answers(published_version, iso="FR", name="France")
    files = ItemAnswer.objects.get(answer__reply__country=france, item__number="5.2")
    stored = Attachment(item_answer=files, title="Research report", language="fr", content_type="application/pdf")
    stored.file.save("report.pdf", ContentFile(PDF))
    Attachment.objects.create(item_answer=files, title="Ministry page", language="en", url="https://example.org/a")
    moldova = party_with_answers(published_version, iso="MD", name="Republic of Moldova", text="Moldovan text.")
    party_with_answers(published_version, iso="AM", name="Armenia", text="Armenian secret.")
    georgia = party_with_answers(published_version, iso="GE", name="Georgia", text="Georgian withdrawn.")
    for country in (france, moldova, georgia):
        services.reply_publish(version=published_version, country=country, user=reviewer)
    services.reply_unpublish(publication=Publication.objects.get(country=georgia), user=reviewer, reason="Error.")
    return {
        "version": published_version, "france": france, "reviewer": reviewer,
        "published_compilation": compilation_of(published_version, published_version.questions.get(number="5"),
                                                published=True),
        "hidden_compilation": compilation_of(published_version, published_version.questions.get(number="6"),
                                             published=False),
    }


def _round_url():
    return reverse("public:round_detail", args=[ROUND])


def _state_url(slug):
    return reverse("public:state_detail", args=[ROUND, slug])


def _question_url(number):
    return reverse("public:question_detail", args=[ROUND, number])


def test_the_round_lists_its_questions_published_replies_and_compilations(client, site):
    page = client.get(_round_url()).content.decode()

    assert _state_url("france") in page and _state_url("republic-of-moldova") in page
    assert "Armenia" not in page and "Georgia" not in page
    assert _question_url("13") in page and "Question 13. Specialised units" in page
    compilation = site["published_compilation"]
    assert reverse("public:compilation_download", args=[ROUND, compilation.pk, "docx"]) in page
    assert reverse("public:compilation_download", args=[ROUND, site["hidden_compilation"].pk, "docx"]) not in page


def test_a_states_reply_shows_every_published_answer_under_its_question_with_its_documents(client, site):
    response = client.get(_state_url("france"))
    page = response.content.decode()

    assert "Replies to the thematic questionnaire – France" in page
    assert "Question 5. Research" in page and "The unit was created in 2015." in page
    assert "Question 6. Assistance to victims" in page and "Helplines." in page and ">42<" in page
    assert 'href="https://example.org/a"' in page and "public-print.css" in page
    [document] = [d for d in site_documents(site) if d.file]
    download = client.get(reverse("public:document_download", args=[ROUND, document.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


def site_documents(site):
    publication = Publication.objects.get(country=site["france"], ended_at__isnull=True)
    return [document for answer in publication.answers.all() for document in answer.documents.all()]


def test_a_question_page_sets_the_published_answers_side_by_side_with_its_compilation(client, site):
    page = client.get(_question_url("5")).content.decode()

    assert "The unit was created in 2015." in page and "Moldovan text." in page
    assert page.index("France") < page.index("Republic of Moldova")
    assert "Armenian secret." not in page and "Georgian withdrawn." not in page
    assert reverse("public:compilation_download", args=[ROUND, site["published_compilation"].pk, "docx"]) in page
    download = client.get(reverse("public:compilation_download", args=[ROUND, site["published_compilation"].pk,
                                                                       "docx"]))
    assert download.status_code == 200


def test_pages_are_cacheable_and_answer_304_when_nothing_changed(client, site):
    response = client.get(_state_url("france"))

    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert response["ETag"] and response["Last-Modified"]
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]
    again = client.get(_state_url("france"), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    services.reply_publish(version=site["version"], country=site["france"], user=site["reviewer"])
    assert client.get(_state_url("france"), HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 200
    last = Publication.objects.get(country=site["france"], ended_at__isnull=True).published_at
    assert client.get(_round_url())["Last-Modified"] == http_date(last.timestamp())


def test_nothing_unpublished_is_reachable(client, site, published_version):
    """Every public URL against unpublished and revoked replies, unpublished compilations, non-Party
    countries, draft versions and answers approved after publication."""
    answer = Answer.objects.get(reply__country=site["france"], question__number="5")
    approve_again(answer, {"5.1": ItemValue(text="<p>Approved after publication.</p>")})
    hidden = site["hidden_compilation"]
    pages = [_round_url(), _state_url("france"), _state_url("republic-of-moldova"),
             *[_question_url(q.number) for q in published_version.questions.all()]]
    for url in pages:
        page = client.get(url).content.decode()
        for secret in ("Armenian secret.", "Georgian withdrawn.", "Approved after publication."):
            assert secret not in page, (url, secret)
    assert "The unit was created in 2015." in client.get(_question_url("5")).content.decode()
    for url in (_state_url("armenia"), _state_url("georgia"), _state_url("outsider"), _question_url("99"),
                reverse("public:round_detail", args=[9]), reverse("public:state_detail", args=[9, "france"]),
                reverse("public:compilation_download", args=[ROUND, hidden.pk, "docx"]),
                reverse("public:compilation_download", args=[ROUND, site["published_compilation"].pk, "pdf"]),
                reverse("public:document_download", args=[ROUND, 999999])):
        assert client.get(url).status_code == 404, url
    georgia_documents = Publication.objects.get(country__iso_code="GE").answers.values_list("documents", flat=True)
    assert all(pk is None for pk in georgia_documents)


def test_a_draft_version_of_a_round_is_never_shown(client, site, demo_yaml):
    """A round is addressed by its latest published or closed version; a new draft copy is not it."""
    version_import_yaml(text=demo_yaml.replace("code: ict-2017", "code: ict-2017-bis"))

    assert "France" in client.get(_round_url()).content.decode()


def test_a_closed_round_stays_public(client, site):
    version_close(version=site["version"])

    assert client.get(_state_url("france")).status_code == 200


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_each_public_page_reads_a_constant_number_of_queries(client, site, django_assert_max_num_queries):
    urls = (_round_url(), _state_url("france"), _question_url("5"))
    for url in urls:
        with django_assert_max_num_queries(8):
            client.get(url)
    before = [_queries(client, url) for url in urls]
    for iso, name in (("BE", "Belgium"), ("DE", "Germany"), ("IT", "Italy")):
        country = party_with_answers(site["version"], iso=iso, name=name)
        services.reply_publish(version=site["version"], country=country, user=site["reviewer"])

    assert [_queries(client, url) for url in urls] == before


def test_the_pages_speak_french(client, site):
    client.cookies["django_language"] = "fr"

    page = client.get(_state_url("france")).content.decode()

    assert '<html lang="fr">' in page
    assert "Recherche" in page and "Oui" in page
    assert client.get(_round_url(), HTTP_ACCEPT_LANGUAGE="fr")["ETag"] != client.get(
        _round_url(), HTTP_COOKIE="django_language=en")["ETag"]


def test_anonymous_visitors_switch_the_language(client, site):
    response = client.post(reverse("set_language"), {"language": "fr", "next": _round_url()})

    assert response.status_code == 302 and response.url == _round_url()
    assert '<html lang="fr">' in client.get(_round_url()).content.decode()
