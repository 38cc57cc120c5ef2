"""A country may keep a version of each answer in its national language alongside the EN/FR answer."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from questionnaires.services import ItemValue, answer_save
from tests.factories import CountryFactory, FocalPointFactory, ReviewerFactory, party_reply_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def armenian_answer(published_version):
    country = CountryFactory(iso_code="AM", name="Armenia", national_language="hy")
    user = FocalPointFactory(country=country).user
    reply = party_reply_start(version=published_version, country=country, user=user)
    return user, reply, reply.answers.get(question__number="13")


def _form_data(answer, **extra):
    return {"revision": answer.revision, "language": "en", "save": "", **extra}


def test_a_country_with_a_national_language_is_offered_a_version_in_it(client, armenian_answer):
    user, reply, answer = armenian_answer
    client.force_login(user)

    page = client.get(reverse("questionnaires:question_edit", args=[reply.pk, "13"])).content.decode()

    assert "Version in Armenian (optional)" in page
    assert 'name="national_text"' in page


def test_the_national_version_is_saved_sanitised_with_the_answer_and_in_its_history(client, armenian_answer):
    user, reply, answer = armenian_answer
    client.force_login(user)

    response = client.post(reverse("questionnaires:question_edit", args=[reply.pk, "13"]), _form_data(
        answer, national_text='<p>Հատուկ ստորաբաժանում<script>alert(1)</script></p>',
    ))

    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.national_text == "<p>Հատուկ ստորաբաժանում</p>"
    assert answer.national_language == "hy"
    revision = answer.revisions.get(number=answer.revision)
    assert revision.national_text == answer.national_text and revision.national_language == "hy"


def test_autosave_keeps_the_national_version_too(client, armenian_answer):
    user, reply, answer = armenian_answer
    client.force_login(user)

    response = client.post(reverse("questionnaires:question_autosave", args=[reply.pk, "13"]),
                           _form_data(answer, national_text="<p>Տեքստ</p>"))

    assert response.status_code == 200
    answer.refresh_from_db()
    assert answer.national_text == "<p>Տեքստ</p>" and answer.revision == 1


def test_reviewers_see_the_national_version_beside_the_answer(client, armenian_answer):
    user, reply, answer = armenian_answer
    answer_save(answer=answer, values={"13.4": ItemValue(text="<p>Two units.</p>")}, user=user,
                national_text="<p>Երկու ստորաբաժանում</p>")
    client.force_login(ReviewerFactory())

    page = client.get(reverse("questionnaires:answer_review", args=[answer.pk])).content.decode()

    assert "Two units." in page
    assert "Version in Armenian" in page and "Երկու ստորաբաժանում" in page
    assert 'lang="hy"' in page


def test_the_history_shows_changes_to_the_national_version(client, armenian_answer):
    user, reply, answer = armenian_answer
    answer_save(answer=answer, values={}, user=user, national_text="<p>Առաջին</p>")
    answer_save(answer=answer, values={}, user=user, national_text="<p>Երկրորդ</p>")
    client.force_login(user)

    page = client.get(reverse("questionnaires:answer_history", args=[reply.pk, "13"]) + "?a=1&b=2").content.decode()

    assert "Version in Armenian" in page
    assert ("<p><del><span class=\"visually-hidden\">deleted: </span>Առաջին</del>"
            "<ins><span class=\"visually-hidden\">inserted: </span>Երկրորդ</ins></p>") in page


def test_no_national_version_is_offered_or_stored_without_a_national_language(client, published_version):
    country = CountryFactory(iso_code="FR", name="France")
    user = FocalPointFactory(country=country).user
    reply = party_reply_start(version=published_version, country=country, user=user)
    answer = reply.answers.get(question__number="13")
    client.force_login(user)

    page = client.get(reverse("questionnaires:question_edit", args=[reply.pk, "13"])).content.decode()
    client.post(reverse("questionnaires:question_edit", args=[reply.pk, "13"]), _form_data(answer, national_text="<p>Ignored</p>"))

    assert 'name="national_text"' not in page
    answer.refresh_from_db()
    assert answer.national_text == ""
    with pytest.raises(ValidationError, match="No national language is set for France"):
        answer_save(answer=answer, values={}, user=user, national_text="<p>Texte</p>")


def test_clearing_the_national_version_clears_its_language(armenian_answer):
    user, reply, answer = armenian_answer
    answer_save(answer=answer, values={}, user=user, national_text="<p>Տեքստ</p>")

    answer = answer_save(answer=answer, values={}, user=user, national_text="")

    assert answer.national_text == "" and answer.national_language == ""
    assert answer.revision == 2
