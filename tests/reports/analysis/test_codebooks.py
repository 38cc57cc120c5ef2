"""Codebooks in and out of YAML, copied from an earlier version, and protected while in use."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from questionnaires.permissions import ADMINISTRATORS
from questionnaires.services import version_copy, version_publish
from reports.analysis.models import Category
from reports.analysis.selectors import categories_in_order, codebook_of
from reports.analysis.services import (
    Code,
    codebook_as_yaml,
    codebook_copy_from_earlier,
    codebook_import_yaml,
    coding_save,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _tree(question):
    return [(c.code, c.label_fr, c.parent.code if c.parent else None, c.exclusive, c.no_information)
            for c in categories_in_order(codebook_of(question))]


def test_a_codebook_copied_to_the_next_version_keeps_its_categories_labels_and_tree(question, published_version):
    next_version = version_publish(version=version_copy(version=published_version, label="2"))
    later = next_version.questions.get(number="13")

    codebook_copy_from_earlier(question=later)

    assert _tree(later) == _tree(question)
    assert ("dedicated", "Équipe dédiée", "capacity", False, False) in _tree(later)


def test_the_exported_yaml_imports_back_as_the_same_codebook(question, published_version):
    other = published_version.questions.get(number="14")

    codebook_import_yaml(question=other, text=codebook_as_yaml(codebook_of(question)))

    assert _tree(other) == _tree(question)


@pytest.mark.parametrize(("text", "message"), [
    ("categories:\n  - {code: a, label: A}\n\t- {code: b}", "The file is not valid YAML (line 3)."),
    ("categories:\n  - code: a\n  - code: a\n    label: A", "categories[1]: the English label is missing."),
    ("categories:\n  - {code: a, label: A}\n  - {code: a, label: B}", "categories[2]: the code “a” is used twice."),
    ("title: no categories", "The file must have a list of categories under “categories”."),
])
def test_a_faulty_file_is_refused_whole_with_where_the_fault_is(question, text, message):
    before = _tree(question)

    with pytest.raises(ValidationError) as refusal:
        codebook_import_yaml(question=question, text=text)

    assert message in refusal.value.messages
    assert _tree(question) == before


def test_a_category_in_use_cannot_be_left_out_of_an_import(question, answers, coder):
    coding_save(answer=answers["DE"], coder=coder, codes=[Code(category="training")])

    with pytest.raises(ValidationError, match="used in codings and cannot be left out: training"):
        codebook_import_yaml(question=question, text="categories:\n  - {code: other, label: Other}")

    assert Category.objects.filter(code="training").exists()


def test_the_coding_page_imports_a_file_and_reports_a_faulty_one(client, coder, published_version):
    question = published_version.questions.get(number="6")
    client.force_login(coder)
    url = reverse("analysis:codebook_import", args=[question.pk])

    client.post(url, {"file": SimpleUploadedFile("c.yaml", b"categories:\n  - {code: helpline, label: Helpline}\n")})
    refused = client.post(url, {"file": SimpleUploadedFile("c.yaml", b"categories: 3")}, follow=True)

    assert [c.code for c in categories_in_order(codebook_of(question))] == ["helpline"]
    assert "categories must be a list of categories." in refused.content.decode()
    exported = client.get(reverse("analysis:codebook_export", args=[question.pk]))
    assert exported["Content-Disposition"] == 'attachment; filename="codebook-question-6.yaml"'
    assert b"code: helpline" in exported.content


def test_deleting_a_category_in_use_in_the_admin_is_refused_with_a_message(client, question, answers, coder):
    coding_save(answer=answers["DE"], coder=coder, codes=[Code(category="training")])
    admin = UserFactory(is_staff=True, is_superuser=True)
    admin.groups.add(Group.objects.get_or_create(name=ADMINISTRATORS)[0])
    client.force_login(admin)
    codebook = codebook_of(question)
    categories = list(codebook.categories.order_by("pk"))
    data = {"question": question.pk, "categories-TOTAL_FORMS": len(categories), "categories-INITIAL_FORMS": len(categories),
            "categories-MIN_NUM_FORMS": 0, "categories-MAX_NUM_FORMS": 1000}
    for n, category in enumerate(categories):
        data.update({f"categories-{n}-{field}": getattr(category, field) or "" for field in
                     ("position", "code", "label_en", "label_fr", "definition")})
        data.update({f"categories-{n}-id": category.pk, f"categories-{n}-codebook": codebook.pk,
                     f"categories-{n}-parent": category.parent_id or ""})
        if category.exclusive:
            data[f"categories-{n}-exclusive"] = "on"
        if category.no_information:
            data[f"categories-{n}-no_information"] = "on"
        if category.code == "training":
            data[f"categories-{n}-DELETE"] = "on"

    response = client.post(reverse("admin:analysis_codebook_change", args=[codebook.pk]), data)

    assert response.status_code == 200
    assert "would require deleting the following protected related objects" in response.content.decode()
    assert Category.objects.filter(code="training").exists()
