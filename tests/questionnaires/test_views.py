import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("demo_data", stdout=open("/dev/null", "w"))


def _login(username) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": "lanzarote-demo"})
    assert response.status_code == 302, "the demo password was refused"
    return client


def test_focal_point_home_shows_their_countrys_reply_and_progress(demo):
    page = _login("focal.fr").get("/").content.decode()

    assert "Replies of France" in page
    assert "required items answered" in page
    assert "Armenia" not in page


def test_reviewer_home_lists_replies_awaiting_review(demo):
    page = _login("reviewer").get("/").content.decode()

    assert "Replies awaiting review" in page
    for country in ("Armenia", "Austria", "Belgium"):
        assert country in page
    assert "Georgia" not in page.split("Replies awaiting review")[1].split("Open questionnaires")[0]


def test_steering_home_shows_progress_and_compilations(demo):
    page = _login("steering").get("/").content.decode()

    assert "Compilations of replies" in page
    assert "48 submitted for review" in page  # 3 countries × 16 questions


def test_reply_page_shows_items_with_numbers_and_formatted_answers(demo):
    from questionnaires.models import Reply

    reply = Reply.objects.get(country__iso_code="AM")
    page = _login("focal.am").get(f"/replies/{reply.pk}/").content.decode()

    assert "13.1.a" in page and "In law enforcement" in page
    assert "<strong>24 investigators</strong>" in page
    assert "Criminal Code, Articles 210-212a (extract)" in page
    assert "Submitted" in page


def test_question_texts_follow_the_interface_language(demo):
    from questionnaires.models import Reply

    reply = Reply.objects.get(country__iso_code="AM")
    client = _login("focal.am")
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})

    page = client.get(f"/replies/{reply.pk}/").content.decode()

    assert "Au sein des services répressifs" in page


def test_progress_page_counts_each_country(demo):
    from questionnaires.models import Version

    version = Version.objects.get()
    page = _login("steering").get(f"/reports/progress/{version.pk}/").content.decode()

    assert "6 of 45 Parties have started a reply" in page  # 44 Parties at launch, Armenia added since
    focus = _login("steering").get(f"/reports/progress/{version.pk}/?focus=1").content.decode()
    assert "of 9 Parties" in focus  # Azerbaijan, a focus country, is not a Party


def test_login_and_password_change_pages_use_the_site_layout(client, django_user_model):
    page = client.get("/accounts/login/").content.decode()
    assert "Lanzarote monitoring" in page and 'name="username"' in page

    client.force_login(django_user_model.objects.create_user("marie", password="a long password 1"))
    response = client.get("/accounts/password_change/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Lanzarote monitoring" in page and 'name="old_password"' in page and 'name="new_password1"' in page
