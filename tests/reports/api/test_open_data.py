"""The open data of a round: one row per Party × item of what is published, CSV and JSON, for anyone;
formula cells neutralised in the CSV as in every spreadsheet the application writes."""

import csv
import io

import pytest
from django.urls import reverse

from questionnaires.services import ItemValue
from reports.api.selectors import OPEN_DATA_COLUMNS
from reports.publication import services
from tests.factories import CountryFactory, ReviewerFactory, approved_answer


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def published(published_version):
    reviewer = ReviewerFactory()
    france = CountryFactory(iso_code="FR", name="France")
    approved_answer(version=published_version, country=france, number="6", values={
        "6.1": ItemValue(text="<p>=HYPERLINK(\"http://evil\")</p><p>Second line.</p>"), "6.2": ItemValue(number=42),
        "6.3": ItemValue(yes_no="yes"),
    })
    services.reply_publish(version=published_version, country=france, user=reviewer)
    # approved but not published: not open data
    approved_answer(version=published_version, country=CountryFactory(iso_code="AM", name="Armenia"), number="6",
                    values={"6.1": ItemValue(text="<p>Armenian secret.</p>")})
    return published_version


def _csv(client, round_number=2):
    response = client.get(reverse("api:open_data", args=[round_number, "csv"]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="lanzarote-round-{round_number}-open-data.csv"'
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_anyone_downloads_one_row_per_party_and_item_of_what_is_published(client, published):
    rows = _csv(client)

    assert {row["party"] for row in rows} == {"FR"}
    assert [row["item"] for row in rows if row["question"] == "6"] == ["6.1", "6.2", "6.3"]
    number, yes_no = rows[-2], rows[-1]
    assert (number["value_en"], yes_no["value_en"], yes_no["value_fr"]) == ("42", "Yes", "Oui")
    assert list(rows[0]) == list(OPEN_DATA_COLUMNS)
    assert "Armenian secret." not in str(rows)


def test_formula_cells_are_neutralised_in_the_csv_not_in_the_json(client, published):
    text = next(row["text"] for row in _csv(client) if row["item"] == "6.1")
    data = client.get(reverse("api:open_data", args=[2, "json"])).json()

    assert text == "'=HYPERLINK(\"http://evil\")\nSecond line."
    assert data["columns"] == list(OPEN_DATA_COLUMNS)
    assert next(row["text"] for row in data["rows"] if row["item"] == "6.1").startswith("=HYPERLINK")


def test_an_unknown_round_or_format_is_not_found(client, published):
    assert client.get(reverse("api:open_data", args=[9, "csv"])).status_code == 404
    assert client.get(reverse("api:open_data", args=[2, "xml"])).status_code == 404
