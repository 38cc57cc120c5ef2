"""The preview of a version and the differences between versions, and the admin's links to them."""

import re

import pytest
from django.urls import reverse

from questionnaires.models import Item
from questionnaires.services import version_copy
from tests.factories import AdministratorFactory, ReviewerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_version(published_version):
    draft = version_copy(version=published_version, label="2")
    question = draft.questions.get(number="13")
    question.title_en = "Specialised units"
    question.references = ["Lanzarote Art. 34", "MNR 4"]
    question.save()
    return draft


@pytest.fixture
def administrator(client):
    client.force_login(AdministratorFactory(is_staff=True, is_superuser=True))
    return client


def _links(html: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', html))


def test_the_version_list_in_the_admin_links_to_each_preview_and_to_the_changes(
    administrator, published_version, second_version, django_assert_max_num_queries,
):
    preview_1 = reverse("questionnaires:version_preview", args=[published_version.pk])
    preview_2 = reverse("questionnaires:version_preview", args=[second_version.pk])
    diff = reverse("questionnaires:version_diff", args=[published_version.pk, second_version.pk])

    with django_assert_max_num_queries(12):
        listing = administrator.get("/admin/questionnaires/version/").content.decode()

    assert {preview_1, preview_2, diff} <= _links(listing)
    assert "Changes since the previous version" in listing
    assert listing.count("/diff/") == 1  # the first version has nothing to compare with
    assert administrator.get(diff).status_code == 200


def test_the_version_form_in_the_admin_links_to_the_preview_and_to_the_previous_version(
    administrator, published_version, second_version,
):
    first = administrator.get(f"/admin/questionnaires/version/{published_version.pk}/change/").content.decode()
    second = administrator.get(f"/admin/questionnaires/version/{second_version.pk}/change/").content.decode()
    diff = reverse("questionnaires:version_diff", args=[published_version.pk, second_version.pk])

    assert "Preview as focal points see it" in first and "Compare with the previous version" not in first
    assert reverse("questionnaires:version_preview", args=[published_version.pk]) in _links(first)
    assert "Compare with the previous version (1)" in second and diff in _links(second)


def test_the_preview_marks_the_required_items_and_shows_the_focal_points_buttons_disabled(
    administrator, published_version, second_version,
):
    page = administrator.get(reverse("questionnaires:version_preview", args=[second_version.pk])).content.decode()

    required = Item.objects.filter(question__version=second_version, required=True).exclude(type=Item.Type.GROUP)
    assert required.count() > 0
    assert page.count('<span class="visually-hidden">(required)</span>') == required.count()
    assert "must be answered before the reply is submitted" in page
    assert "This is a preview: the fields and buttons are disabled and nothing is saved." in page
    questions = second_version.questions.count()
    assert page.count('<button class="btn btn-primary" type="button" disabled>Save</button>') == questions
    diff = reverse("questionnaires:version_diff", args=[published_version.pk, second_version.pk])
    assert diff in _links(page) and "Compare with the previous version (1)" in page
    assert "Preview of version 2 (Draft), as focal points see it." in page


def test_the_first_version_s_preview_offers_no_comparison(administrator, published_version):
    page = administrator.get(reverse("questionnaires:version_preview", args=[published_version.pk])).content.decode()

    assert "/diff/" not in page and "Compare with the previous version" not in page


def test_the_differences_page_shows_the_change_and_links_to_both_previews(
    client, published_version, second_version,
):
    client.force_login(ReviewerFactory())
    page = client.get(reverse("questionnaires:version_diff", args=[published_version.pk, second_version.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    assert '<del class="diff-del">units/departments/sections</del> <ins class="diff-add">units</ins>' in html
    assert {reverse("questionnaires:version_preview", args=[published_version.pk]),
            reverse("questionnaires:version_preview", args=[second_version.pk])} <= _links(html)
    assert "Changes from version 1 to version 2" in html
    assert "Preview of version 1" in html and "Preview of version 2" in html
    assert "<li>Title (English):" in html
    assert ('<del class="diff-del">Lanzarote Art. 34, MNR 4, MNR 5, MNR 7</del> → '
            '<ins class="diff-add">Lanzarote Art. 34, MNR 4</ins>') in html


def test_a_published_version_s_preview_is_the_same_page_each_time_and_follows_the_language(
    administrator, published_version,
):
    url = reverse("questionnaires:version_preview", args=[published_version.pk])
    first = administrator.get(url).content.decode()
    again = administrator.get(url).content.decode()
    administrator.post(reverse("set_language"), {"language": "fr", "next": "/"})
    french = administrator.get(url).content.decode()

    def questions(page):
        return page[page.index('id="required-legend"'):]

    assert questions(first) == questions(again)
    assert published_version.questions.get(number="13").title_en in first
    question = published_version.questions.get(number="13")
    assert question.title_fr and question.title_fr in french and question.title_fr not in first
    assert "Enregistrer</button>" in french


def test_a_draft_s_preview_shows_each_edit_at_once(administrator, second_version):
    url = reverse("questionnaires:version_preview", args=[second_version.pk])
    administrator.get(url)
    item = Item.objects.filter(question__version=second_version, type=Item.Type.TEXT).first()
    item.text_en = "A question reworded after the first preview"
    item.save()

    assert "A question reworded after the first preview" in administrator.get(url).content.decode()
