"""The admin in the administrators' words: app names, questions' references one per line, reply languages
as checkboxes, and names of versions and answers without codes."""

import pytest
from django.core.exceptions import ValidationError

from questionnaires.admin_forms import VersionForm
from questionnaires.models import AnswerEvent, NotificationPreference, Question
from questionnaires.services import version_import_yaml
from tests.factories import AdministratorFactory, CountryFactory, ReviewerFactory, party_reply_start

pytestmark = pytest.mark.django_db

ICT_TITLE = ("Protection of children against sexual exploitation and sexual abuse facilitated by information and "
             "communication technologies (ICTs)")


@pytest.fixture
def administrator(client):
    client.force_login(AdministratorFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def draft_question(demo_yaml):
    return version_import_yaml(text=demo_yaml).questions.get(number="13")


def _question_data(question: Question, references: str) -> dict:
    return {
        "version": question.version_id, "section": question.section_id, "number": question.number,
        "title_en": question.title_en, "title_fr": question.title_fr, "help_en": question.help_en,
        "help_fr": question.help_fr, "references": references, "position": question.position,
    }


def test_the_admin_index_names_the_apps_for_administrators(administrator):
    page = administrator.get("/admin/").content.decode()

    for label in ["Lanzarote monitoring: administration", "Sign-in attempts and lockouts",
                  "Two-factor sign-in: authenticator apps", "Two-factor sign-in: recovery codes"]:
        assert label in page
    for jargon in [">Axes<", ">Otp_totp<", ">Otp_static<", "Django administration"]:
        assert jargon not in page


def test_references_are_edited_one_per_line(administrator, draft_question):
    url = f"/admin/questionnaires/question/{draft_question.pk}/change/"
    assert "Lanzarote Art. 34\nMNR 4\nMNR 5\nMNR 7</textarea>" in administrator.get(url).content.decode()

    response = administrator.post(url, _question_data(draft_question, "Lanzarote Art. 6\r\n\r\n  MNR 13  \r\n"))

    assert response.status_code == 302
    draft_question.refresh_from_db()
    assert draft_question.references == ["Lanzarote Art. 6", "MNR 13"]


def test_references_too_long_or_repeated_are_refused_with_the_typed_text_kept(administrator, draft_question):
    url = f"/admin/questionnaires/question/{draft_question.pk}/change/"
    typed = "Lanzarote Art. 6\r\n" + "x" * 201 + "\r\nLanzarote Art. 6"

    response = administrator.post(url, _question_data(draft_question, typed))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Line 2 has 201 characters; a reference has at most 200 characters." in page
    assert "“Lanzarote Art. 6” is listed more than once." in page
    assert "x" * 201 in page
    draft_question.refresh_from_db()
    assert draft_question.references == ["Lanzarote Art. 34", "MNR 4", "MNR 5", "MNR 7"]


def test_reply_languages_are_checkboxes_and_at_least_one_is_needed(administrator, demo_yaml, published_version):
    draft = version_import_yaml(text=demo_yaml.replace('version: "1"', 'version: "2"'))
    field = VersionForm.base_fields["languages"]

    draft_page = administrator.get(f"/admin/questionnaires/version/{draft.pk}/change/").content.decode()
    published_page = administrator.get(f"/admin/questionnaires/version/{published_version.pk}/change/").content.decode()

    assert 'type="checkbox" name="languages" value="fr"' in draft_page
    assert '["en", "fr"]' not in draft_page and '["en", "fr"]' not in published_page
    assert "English, French" in published_page
    assert field.clean(["fr"]) == ["fr"]
    with pytest.raises(ValidationError) as refused:
        field.clean([])
    assert refused.value.messages == ["Choose at least one language in which the Parties may answer."]


def test_versions_answers_and_events_are_named_without_codes(published_version):
    reply = party_reply_start(version=published_version, country=CountryFactory(iso_code="FR", name="France"))
    answer = reply.answers.get(question__number="13")

    assert str(published_version) == f"{ICT_TITLE}, version 1"
    assert str(answer) == "France, question 13"
    assert str(reply) == f"France – {ICT_TITLE}, version 1"
    reviewer = ReviewerFactory(first_name="Rémi", last_name="Reviewer")
    event = AnswerEvent.objects.create(answer=answer, action=AnswerEvent.Action.RETURNED, from_state="submitted",
                                       to_state="returned", revision=1, actor=reviewer)
    assert str(event) == "France, question 13: returned for revision by Rémi Reviewer"
    assert str(NotificationPreference(user=reviewer, daily_digest=True)) == f"{reviewer.username}: one daily digest"
