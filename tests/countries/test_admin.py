import pytest
import tablib

from countries.resources import CountryResource
from countries.services import countries_import

pytestmark = pytest.mark.django_db


def test_export_writes_the_same_columns_and_values_the_import_reads(countries_csv):
    countries_import(csv_text=countries_csv)

    exported = CountryResource().export()

    original = tablib.Dataset().load(countries_csv, format="csv")
    assert exported.headers == original.headers
    assert exported.dict[0]["iso_code"] == "AL"
    assert exported.dict[0]["icmec_csam_score"] == "4"
    assert exported.dict[0]["focus_country"] == "yes"


def test_reimporting_an_export_is_idempotent(countries_csv):
    countries_import(csv_text=countries_csv)
    exported = CountryResource().export().export("csv")

    summary = countries_import(csv_text=exported)

    assert (summary.new, summary.updated, summary.unchanged) == (0, 0, 47)


def test_admin_country_pages_open_for_an_administrator(client, countries_csv):
    from tests.factories import AdministratorFactory

    countries_import(csv_text=countries_csv)
    admin = AdministratorFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)

    assert client.get("/admin/countries/country/").status_code == 200
    assert client.get("/admin/countries/country/import/").status_code == 200
    assert client.get("/admin/countries/country/export/").status_code == 200


def test_account_pages_show_and_filter_focal_points_by_country(client):
    from countries.models import FocalPoint
    from tests.factories import AdministratorFactory, CountryFactory, UserFactory

    client.force_login(AdministratorFactory(is_staff=True, is_superuser=True))
    france = CountryFactory(iso_code="FR", name="France")
    user = UserFactory(username="marie")

    page = client.get(f"/admin/auth/user/{user.pk}/change/")
    assert page.status_code == 200 and "national focal point for" in page.content.decode().lower()

    FocalPoint.objects.create(user=user, country=france)
    listing = client.get("/admin/auth/user/?focal_point__country__id__exact=%d" % france.pk)
    assert "marie" in listing.content.decode()
