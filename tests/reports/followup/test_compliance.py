"""The compliance assessment: entered per addressee, audited, counted on the matrix and in its XLSX."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from countries.models import Country
from reports.followup.models import Assessment, Recommendation
from reports.followup.selectors import compliance_matrix
from reports.followup.services import assessment_record, recommendations_import_yaml
from tests.factories import SteeringMemberFactory

from .conftest import YAML

pytestmark = pytest.mark.django_db


@pytest.fixture
def recommendations(round_):
    recommendations_import_yaml(version=round_, text=YAML)
    return {r.number: r for r in Recommendation.objects.filter(version=round_)}


def _country(iso):
    return Country.objects.get(iso_code=iso)


def test_an_assessment_change_keeps_who_when_and_the_previous_value(recommendations, reviewer):
    r1 = recommendations["R1"]
    assessment_record(recommendation=r1, country=_country("BE"), status="not", justification="No unit.", user=reviewer)
    assessment_record(recommendation=r1, country=_country("BE"), status="partly", justification="One unit.",
                      user=reviewer)

    assessment = Assessment.objects.get()
    assert (assessment.status, assessment.updated_by) == ("partly", reviewer)
    assert [(e.previous_status, e.status, e.user) for e in assessment.events.all()] == [
        ("not", "partly", reviewer), ("", "not", reviewer)]


def test_a_country_not_addressed_an_unknown_status_and_no_justification_are_refused(recommendations, reviewer):
    with pytest.raises(ValidationError) as raised:
        assessment_record(recommendation=recommendations["R2"], country=_country("FR"), status="done",
                          justification=" ", user=reviewer)

    assert raised.value.messages == ["R2 is not addressed to France.", "Choose an assessment.",
                                     "Give the justification of the assessment."]
    assert not Assessment.objects.exists()


def test_the_matrix_counts_per_recommendation_and_per_party_and_marks_non_addressees(recommendations, reviewer):
    for iso, status in (("BE", "implemented"), ("LU", "implemented"), ("FR", "not")):
        assessment_record(recommendation=recommendations["R1"], country=_country(iso), status=status,
                          justification="Seen.", user=reviewer)

    matrix = compliance_matrix(recommendations["R1"].version)

    r1, r2 = matrix.columns
    assert (r1.implemented, r1.addressees, r2.implemented, r2.addressees, r2.not_assessed) == (2, 3, 0, 2, 2)
    france = next(row for row in matrix.rows if row.country.iso_code == "FR")
    assert (france.addressed, france.counts, france.cells[1]) == (1, {"not": 1}, None)


def test_the_matrix_page_says_the_counts_and_not_addressed_in_words(client, recommendations, reviewer):
    assessment_record(recommendation=recommendations["R1"], country=_country("BE"), status="implemented",
                      justification="Done.", user=reviewer)
    client.force_login(SteeringMemberFactory())

    text = client.get(reverse("followup:compliance_matrix", args=[recommendations["R1"].version_id])).content.decode()

    assert "R1: 1 of 3 addressees implemented" in text
    assert "R2: 0 of 2 addressees implemented" in text
    assert "not addressed" in text and "not assessed" in text
    assert "assessment_edit" not in text and "/countries/" not in text  # the steering group reads only


def test_the_xlsx_holds_the_same_cells_and_counts(client, recommendations, reviewer):
    assessment_record(recommendation=recommendations["R2"], country=_country("LU"), status="partly",
                      justification="Some.", user=reviewer)
    client.force_login(reviewer)

    response = client.get(reverse("followup:compliance_matrix_download",
                                  args=[recommendations["R1"].version_id, "xlsx"]))

    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True))
    assert rows[1][:3] == ("Party", "R1", "R2")
    by_country = {row[0]: row[1:3] for row in rows[2:5]}
    assert by_country == {"Belgium": ("not assessed", "not assessed"), "France": ("not assessed", "not addressed"),
                          "Luxembourg": ("not assessed", "Partly implemented")}
    assert ("R2: 0 of 2 addressees implemented", "Train the police.") in [row[:2] for row in rows]


def test_the_assessment_page_refuses_bad_input_with_a_message_and_records_a_good_one(client, recommendations,
                                                                                       reviewer):
    client.force_login(reviewer)
    url = reverse("followup:assessment_edit", args=[recommendations["R1"].pk, _country("BE").pk])

    refused = client.post(url, {"status": "perfect", "justification": ""})
    saved = client.post(url, {"status": "implemented", "justification": "A unit since 2021."}, follow=True)
    history = client.get(url).content.decode()

    assert refused.status_code == 400
    assert "There is a problem" in refused.content.decode()
    assert "Assessment of Belgium on R1 saved." in saved.content.decode()
    assert "assessed Implemented" in history and "A unit since 2021." in history and "secretariat" in history


def test_a_country_the_recommendation_does_not_address_has_no_assessment_page(client, recommendations, reviewer):
    client.force_login(reviewer)

    response = client.get(reverse("followup:assessment_edit", args=[recommendations["R2"].pk, _country("FR").pk]))

    assert response.status_code == 404
