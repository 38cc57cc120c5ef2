"""Where the secretariat finds the recommendations, who may do what, the admin's checks and formulas
in the XLSX."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from countries.models import Country
from reports.followup.admin import RecommendationAdminForm
from reports.followup.models import Recommendation
from reports.followup.services import recommendations_import_yaml
from tests.factories import FocalPointFactory, SteeringMemberFactory

from .conftest import YAML

pytestmark = pytest.mark.django_db


def test_the_rounds_progress_and_compilations_pages_link_to_its_recommendations(client, round_, reviewer):
    client.force_login(reviewer)
    link = reverse("followup:recommendation_list", args=[round_.pk])

    for name in ("reports:version_progress", "reports:compilation_list"):
        assert link in client.get(reverse(name, args=[round_.pk])).content.decode(), name
    assert link in client.get(reverse("home")).content.decode()


def test_the_steering_group_reads_but_may_not_import_or_assess_and_focal_points_see_nothing(client, round_):
    recommendations_import_yaml(version=round_, text=YAML)
    r1 = Recommendation.objects.get(number="R1")
    belgium = Country.objects.get(iso_code="BE")

    client.force_login(SteeringMemberFactory())
    assert client.get(reverse("followup:recommendation_list", args=[round_.pk])).status_code == 200
    assert client.post(reverse("followup:recommendations_import", args=[round_.pk])).status_code == 403
    assert client.get(reverse("followup:assessment_edit", args=[r1.pk, belgium.pk])).status_code == 403

    client.force_login(FocalPointFactory(country=belgium).user)
    assert client.get(reverse("followup:compliance_matrix", args=[round_.pk])).status_code == 403


def test_the_admin_refuses_addressees_that_are_not_parties_of_the_round(round_):
    armenia = Country.objects.get(iso_code="AM")
    form = RecommendationAdminForm(data={
        "version": round_.pk, "number": "R9", "strength": "urges", "text_en": "Act.", "all_parties": "",
        "addressees": [armenia.pk], "questions": [],
    })

    assert not form.is_valid()
    assert form.errors["addressees"] == ["Not Parties of the round: Armenia."]


def test_a_recommendation_text_beginning_with_equals_stays_text_in_the_workbook(client, round_, reviewer):
    recommendations_import_yaml(version=round_, text=YAML.replace("Train the police.", "=HYPERLINK(1)"))
    client.force_login(reviewer)

    response = client.get(reverse("followup:compliance_matrix_download", args=[round_.pk, "xlsx"]))

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "=HYPERLINK(1)")
    assert cell.data_type == "s"


def test_the_admin_lists_searches_and_adds_recommendations(admin_client, round_):
    recommendations_import_yaml(version=round_, text=YAML)

    listed = admin_client.get(reverse("admin:followup_recommendation_changelist"), {"q": "police"})
    added = admin_client.get(reverse("admin:followup_recommendation_add"))

    assert "R2" in listed.content.decode() and "R1</a>" not in listed.content.decode()
    assert added.status_code == 200
