"""Recommendations imported from YAML and XLSX (all rows or none, every error with its line or row) and
exported back to YAML."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from reports.followup.models import Recommendation
from reports.followup.services import (
    recommendations_as_yaml,
    recommendations_import_xlsx,
    recommendations_import_yaml,
)

from .conftest import YAML

pytestmark = pytest.mark.django_db

BAD_YAML = """\
recommendations:
  - number: R1
    strength: urges
    text: {en: Fine.}
  - number: R1
    strength: demands
    text: {fr: Seulement en français.}
    addressees: [BE, XX, AM]
    questions: ["999"]
"""


def _workbook(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["number", "heading", "strength", "text_en", "text_fr", "addressees", "questions"])
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def test_a_yaml_file_imports_every_recommendation_with_its_addressees_and_questions(round_):
    recommendations_import_yaml(version=round_, text=YAML)

    r1, r2 = Recommendation.objects.filter(version=round_)
    assert (r1.number, r1.strength, r1.all_parties, r1.text_fr) == ("R1", "urges", True, "Créer des unités spécialisées.")
    assert [q.number for q in r1.questions.all()] == ["13"]
    assert (r2.all_parties, sorted(c.iso_code for c in r2.addressees.all())) == (False, ["BE", "LU"])


def test_a_yaml_file_with_errors_imports_nothing_and_names_every_error_with_its_line(round_):
    with pytest.raises(ValidationError) as raised:
        recommendations_import_yaml(version=round_, text=BAD_YAML)

    assert raised.value.messages == [
        "line 5: the number R1 is also used at line 2.",
        "line 5: the strength must be one of urges, should, invites.",
        "line 5: the English text is missing.",
        "line 5: unknown country code “XX”.",
        "line 5: AM is not a Party of the round.",
        "line 5: the round has no question 999.",
    ]
    assert not Recommendation.objects.exists()


def test_invalid_yaml_is_refused_with_its_line(round_):
    with pytest.raises(ValidationError) as raised:
        recommendations_import_yaml(version=round_, text="recommendations:\n  - number: [R1\n")

    assert raised.value.messages == ["The file is not valid YAML (line 3)."]


def test_an_xlsx_workbook_imports_all_its_rows_and_a_bad_row_is_named_by_its_number(round_):
    recommendations_import_xlsx(version=round_, content=_workbook([
        ["R3", "Protection", "should", "'=Adopt a law.", "", "all", "13, 14"],
        ["R4", "Protection", "urges", "Fund shelters.", "", "FR", None],
    ]))
    assert Recommendation.objects.get(number="R3").text_en == "=Adopt a law."

    with pytest.raises(ValidationError) as raised:
        recommendations_import_xlsx(version=round_, content=_workbook([
            ["R5", "", "urges", "Fine.", "", "", ""],
            ["R6", "", "urges", "", "", "ZZ", ""],
        ]))

    assert raised.value.messages == ["row 3: the English text is missing.", "row 3: unknown country code “ZZ”."]
    assert not Recommendation.objects.filter(number="R5").exists()


def test_a_file_that_is_not_a_workbook_is_refused(round_):
    with pytest.raises(ValidationError) as raised:
        recommendations_import_xlsx(version=round_, content=b"not a zip")

    assert raised.value.messages == ["The file is not an XLSX workbook."]


def test_the_exported_yaml_imports_back_unchanged(round_):
    recommendations_import_yaml(version=round_, text=YAML)
    exported = recommendations_as_yaml(version=round_)
    Recommendation.objects.all().delete()

    recommendations_import_yaml(version=round_, text=exported)

    assert recommendations_as_yaml(version=round_) == exported
    assert "addressees:\n  - BE\n  - LU" in exported


def test_the_import_page_lists_every_error_and_imports_nothing(client, round_, reviewer):
    client.force_login(reviewer)
    upload = SimpleUploadedFile("recommendations.yaml", BAD_YAML.encode())

    response = client.post(reverse("followup:recommendations_import", args=[round_.pk]), {"file": upload},
                           follow=True)

    text = response.content.decode()
    assert "Nothing was imported:" in text
    assert "line 5: unknown country code “XX”." in text
    assert not Recommendation.objects.exists()


def test_the_import_page_imports_a_workbook_and_the_list_shows_it(client, round_, reviewer):
    client.force_login(reviewer)
    upload = SimpleUploadedFile("recs.xlsx", _workbook([["R7", "Data", "invites", "Collect data.", "", "BE", ""]]))

    response = client.post(reverse("followup:recommendations_import", args=[round_.pk]), {"file": upload},
                           follow=True)

    text = response.content.decode()
    assert "1 recommendations imported." in text
    assert "Collect data." in text and "Belgium" in text
