import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from questionnaires.exceptions import VersionFrozenError
from questionnaires.models import Choice, Item, Version
from questionnaires.selectors import question_items
from questionnaires.services import version_close, version_publish
from tests.factories import AdministratorFactory, CountryFactory

pytestmark = pytest.mark.django_db


def test_published_content_cannot_be_changed_or_deleted(published_version):
    question = published_version.questions.get(number="13")
    item = question.items.get(number="13.3")
    choice = item.choices.first()

    question.title_en = "Something else"
    with pytest.raises(VersionFrozenError):
        question.save()
    with pytest.raises(VersionFrozenError), transaction.atomic():
        item.delete()
    with pytest.raises(VersionFrozenError), transaction.atomic():
        Choice.objects.filter(pk=choice.pk).delete()
    with pytest.raises(VersionFrozenError):
        Item.objects.create(question=question, number="13.8", type="text", text_en="New")
    published_version.title_en = "Renamed"
    with pytest.raises(VersionFrozenError):
        published_version.save()
    with pytest.raises(VersionFrozenError), transaction.atomic():
        Version.objects.get(pk=published_version.pk).delete()

    question.refresh_from_db()
    assert question.title_en == "Specialised units/departments/sections"
    assert question.items.count() == 10


def test_the_parties_a_published_question_or_item_is_addressed_to_cannot_be_changed(published_version):
    question = published_version.questions.get(number="13")
    item = question.items.get(number="13.3")
    belgium = CountryFactory(name="Belgium", iso_code="BE")

    for addressed in (question, item):
        with pytest.raises(VersionFrozenError), transaction.atomic():
            addressed.addressees.add(belgium)
    with pytest.raises(VersionFrozenError), transaction.atomic():
        item.addressees.clear()

    assert not question.addressees.exists() and not item.addressees.exists()


def test_a_drafts_items_are_read_afresh_while_a_published_questions_are_kept(demo_yaml, published_version):
    from questionnaires.services import version_import_yaml

    draft = version_import_yaml(text=demo_yaml.replace("code: ", "code: draft-", 1))
    draft_question = draft.questions.get(number="13")
    published_question = published_version.questions.get(number="13")
    question_items(draft_question), question_items(published_question)

    Item.objects.create(question=draft_question, number="13.9", type="text", text_en="Added to the draft",
                        position=99)

    assert question_items(draft_question)[-1].text_en == "Added to the draft"
    assert len(question_items(published_question)) == 10


def test_a_published_version_can_be_closed_but_not_reopened_as_draft(published_version):
    closed = version_close(version=published_version)
    assert closed.status == Version.Status.CLOSED

    with pytest.raises(ValidationError, match="Only a draft version can be published"):
        version_publish(version=closed)
    closed.status = Version.Status.DRAFT
    with pytest.raises(VersionFrozenError):
        closed.save()


def test_a_draft_can_be_edited_and_deleted(demo_yaml):
    from questionnaires.services import version_import_yaml

    draft = version_import_yaml(text=demo_yaml)
    question = draft.questions.get(number="1")
    question.title_en = "Awareness"
    question.save()

    draft.delete()

    assert not Version.objects.exists()


def test_the_admin_shows_published_content_read_only(client, published_version):
    client.force_login(AdministratorFactory(is_staff=True, is_superuser=True))
    question = published_version.questions.get(number="13")

    page = client.get(f"/admin/questionnaires/question/{question.pk}/change/")
    refused = client.post(f"/admin/questionnaires/question/{question.pk}/change/", {"title_en": "Changed"})
    delete = client.get(f"/admin/questionnaires/version/{published_version.pk}/delete/")

    assert page.status_code == 200
    assert refused.status_code == 403
    assert delete.status_code == 403
    question.refresh_from_db()
    assert question.title_en == "Specialised units/departments/sections"


def test_publishing_from_the_admin_action(client, demo_yaml):
    from questionnaires.services import version_import_yaml

    draft = version_import_yaml(text=demo_yaml)
    client.force_login(AdministratorFactory(is_staff=True, is_superuser=True))

    response = client.post("/admin/questionnaires/version/", {
        "action": "publish", "_selected_action": [draft.pk],
    }, follow=True)

    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.status == Version.Status.PUBLISHED and draft.published_at is not None


def test_admin_actions_copy_a_version_to_a_draft_and_export_it(client, published_version):
    from questionnaires.yaml_format import parse_questionnaire_yaml

    client.force_login(AdministratorFactory(is_staff=True, is_superuser=True))

    client.post("/admin/questionnaires/version/", {"action": "copy_to_draft", "_selected_action": [published_version.pk]})
    exported = client.post("/admin/questionnaires/version/", {"action": "export_yaml",
                                                              "_selected_action": [published_version.pk]})

    draft = Version.objects.get(label="2")
    assert draft.status == Version.Status.DRAFT and draft.questions.count() == 16
    assert exported["Content-Disposition"] == 'attachment; filename="ict-2017-v1.yaml"'
    assert parse_questionnaire_yaml(exported.content.decode()).version == "1"
