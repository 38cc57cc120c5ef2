import datetime

import pytest

from countries.models import Country, CountryFact
from countries.services import CountryImportError, countries_import
from tests.conftest import shared_data_file

pytestmark = pytest.mark.django_db


def test_baseline_file_creates_47_countries_with_dated_facts(countries_csv):
    summary = countries_import(csv_text=countries_csv)

    assert (summary.new, summary.updated, summary.unchanged) == (47, 0, 0)
    assert Country.objects.count() == 47
    armenia = Country.objects.get(iso_code="AM")
    assert armenia.name == "Armenia"
    assert armenia.focus_country and armenia.pilot_country
    assert armenia.lanzarote_party == Country.PartyStatus.SIGNED
    assert Country.objects.filter(focus_country=True).count() == 10
    assert Country.objects.filter(pilot_country=True).count() == 3
    fact = CountryFact.objects.get(country=armenia, key="age_of_sexual_consent")
    assert (fact.value, fact.as_of) == ("16", datetime.date(2019, 11, 1))
    assert CountryFact.objects.get(country__iso_code="AT", key="crin_access_to_justice_pct").value == "58.0"


def test_importing_the_same_file_twice_changes_nothing(countries_csv):
    countries_import(csv_text=countries_csv)
    facts_before = list(CountryFact.objects.values_list("pk", "value").order_by("pk"))

    summary = countries_import(csv_text=countries_csv)

    assert (summary.new, summary.updated, summary.unchanged) == (0, 0, 47)
    assert Country.objects.count() == 47
    assert list(CountryFact.objects.values_list("pk", "value").order_by("pk")) == facts_before


def test_a_later_file_adds_dated_facts_and_keeps_history(countries_csv):
    countries_import(csv_text=countries_csv)
    later = countries_csv.replace("AM,Armenia,yes,yes,yes,yes,signed", "AM,Armenia,yes,yes,yes,yes,yes")
    later = later.replace("AM,Armenia,yes,yes,yes,yes,yes,yes,yes,full", "AM,Armenia,yes,yes,yes,yes,yes,yes,no,full")

    summary = countries_import(csv_text=later, as_of=datetime.date(2022, 6, 1))

    assert (summary.updated, summary.unchanged) == (1, 46)
    assert Country.objects.get(iso_code="AM").lanzarote_party == Country.PartyStatus.PARTY
    history = list(
        CountryFact.objects.filter(country__iso_code="AM", key="weprotect_member").order_by("as_of").values_list("value", "as_of")
    )
    assert history == [("yes", datetime.date(2019, 11, 1)), ("no", datetime.date(2022, 6, 1))]


def test_a_bad_value_is_refused_with_row_and_column_and_nothing_is_imported(countries_csv):
    broken = countries_csv.replace("AT,Austria,no,no,yes,yes,yes,yes,yes,none,yes,4,4", "AT,Austria,no,no,yes,yes,yes,yes,maybe,none,yes,4,4")

    with pytest.raises(CountryImportError) as refused:
        countries_import(csv_text=broken)

    assert any("line 5" in e and "weprotect_member" in e and "maybe" in e for e in refused.value.errors)
    assert Country.objects.count() == 0


def test_a_missing_column_is_named(countries_csv):
    header, *rows = countries_csv.splitlines()
    without_name = "\n".join(",".join(c for i, c in enumerate(line.split(",")) if i != 1) for line in [header, *rows])

    with pytest.raises(CountryImportError, match="Missing column.*name"):
        countries_import(csv_text=without_name)


def test_an_oversized_file_is_refused():
    with pytest.raises(CountryImportError, match="larger than"):
        countries_import(csv_text="iso_code,name\n" + "XX,x\n" * 300_000)


def test_the_shipped_copy_matches_the_shared_data_file(countries_csv):
    shared = shared_data_file("countries.csv")
    assert shared.read_text(encoding="utf-8-sig") == countries_csv


def test_exported_cells_cannot_run_as_formulas_and_import_back_as_typed(countries_csv):
    from countries.resources import CountryResource

    countries_import(csv_text=countries_csv)
    Country.objects.filter(iso_code="AL").update(name='=HYPERLINK("https://evil.example","Albania")')
    Country.objects.filter(iso_code="AD").update(name="@Andorra")

    exported = CountryResource().export()
    names = dict(zip(exported["iso_code"], exported["name"]))

    assert names["AL"] == '\'=HYPERLINK("https://evil.example","Albania")'
    assert names["AD"] == "'@Andorra"
    countries_import(csv_text=exported.csv)
    assert Country.objects.get(iso_code="AL").name == '=HYPERLINK("https://evil.example","Albania")'
    assert Country.objects.get(iso_code="AD").name == "@Andorra"
