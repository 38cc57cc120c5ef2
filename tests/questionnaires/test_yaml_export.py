import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from questionnaires.models import Version
from questionnaires.services import version_copy, version_import_yaml
from questionnaires.yaml_format import dump_version_yaml, parse_questionnaire_yaml

pytestmark = pytest.mark.django_db


def test_export_then_import_gives_the_same_questionnaire(published_version, demo_yaml):
    exported = dump_version_yaml(published_version)

    assert parse_questionnaire_yaml(exported) == parse_questionnaire_yaml(demo_yaml)


def test_export_command_writes_the_schema(published_version, tmp_path):
    out = tmp_path / "ict.yaml"
    call_command("export_questionnaire", "ict-2017", "1", "--output", str(out), stdout=io.StringIO())

    spec = parse_questionnaire_yaml(out.read_text(encoding="utf-8"))
    assert (spec.code, spec.version, len(spec.questions()), len(spec.items())) == ("ict-2017", "1", 16, 42)


def test_copying_a_published_version_makes_an_editable_draft_with_the_same_content(published_version):
    draft = version_copy(version=published_version, label="2")

    assert draft.status == Version.Status.DRAFT and draft.questionnaire_id == published_version.questionnaire_id
    assert parse_questionnaire_yaml(dump_version_yaml(draft, label="1")) == \
        parse_questionnaire_yaml(dump_version_yaml(published_version))
    question = draft.questions.get(number="13")
    question.title_en = "Specialised units"
    question.save()
    assert published_version.questions.get(number="13").title_en == "Specialised units/departments/sections"
    with pytest.raises(ValidationError, match="already exists"):
        version_copy(version=published_version, label="2")


def test_a_draft_can_be_exported_and_imported_under_another_code(demo_yaml):
    draft = version_import_yaml(text=demo_yaml)
    renamed = dump_version_yaml(draft).replace("code: ict-2017", "code: ict-2017-copy")

    copy = version_import_yaml(text=renamed)

    assert copy.questionnaire.code == "ict-2017-copy" and copy.questions.count() == 16


def test_the_diff_lists_added_removed_and_changed_questions_and_items(client, published_version):
    from questionnaires.models import Item
    from tests.factories import ReviewerFactory, SteeringMemberFactory

    draft = version_copy(version=published_version, label="2")
    question = draft.questions.get(number="13")
    question.title_en = "Specialised law-enforcement units"
    question.save()
    Item.objects.filter(question__version=draft, number="13.7").delete()
    Item.objects.create(question=question, number="13.8", type="text", text_en="Describe the unit's budget.",
                        position=99)
    item = Item.objects.get(question__version=draft, number="13.5")
    item.required = True
    item.save()
    client.force_login(ReviewerFactory())

    page = client.get(f"/versions/{published_version.pk}/diff/{draft.pk}/").content.decode()

    assert '<ins class="diff-add">13.8 Describe the unit&#x27;s budget.</ins>' in page
    assert '<del class="diff-del">13.7 Does it actively contribute' in page
    assert '<del class="diff-del">units/departments/sections</del>' in page
    assert '<ins class="diff-add">law-enforcement units</ins>' in page
    assert "<li>Required:" in page and "13.5" in page
    assert '<del class="diff-del">no</del> → <ins class="diff-add">yes</ins>' in page
    client.force_login(SteeringMemberFactory())
    assert client.get(f"/versions/{published_version.pk}/diff/{draft.pk}/").status_code == 403


def test_the_preview_shows_the_version_as_focal_points_see_it_in_each_language(client, demo_yaml):
    from tests.factories import AdministratorFactory, FocalPointFactory

    draft = version_import_yaml(text=demo_yaml)
    client.force_login(AdministratorFactory())

    english = client.get(f"/versions/{draft.pk}/preview/").content.decode()
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    french = client.get(f"/versions/{draft.pk}/preview/").content.decode()

    assert "13.1.a In law enforcement" in english and "Not applicable" in english
    assert "13.1.a Au sein des services répressifs" in french
    client.force_login(FocalPointFactory().user)
    assert client.get(f"/versions/{draft.pk}/preview/").status_code == 403
