"""Import and export of countries and their dated facts (django-import-export).

One row per country, keyed by ISO code. Re-importing the same file changes nothing: a row whose
country fields and facts in force already match is skipped, and facts are stored once per date.
"""

import datetime

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from config.errors import error_text

from .facts import FACTS
from .models import Country, CountryFact
from .spreadsheets import spreadsheet_safe, spreadsheet_unsafe

BASELINE_DATE = datetime.date(2019, 11, 1)
BASELINE_SOURCE = "Council of Europe baseline mapping report (November 2019)"
COUNTRY_COLUMNS = ("iso_code", "name", "focus_country", "pilot_country", "lanzarote_party")
# The column order of the baseline file, kept on export so that files can be compared line by line.
CSV_COLUMNS = (*COUNTRY_COLUMNS[:4], "uncrc_party", "uncrc_opsc_party", "lanzarote_party",
               *(key for key in FACTS if key not in ("lanzarote_party", "uncrc_party", "uncrc_opsc_party")))


class YesNoWidget(widgets.Widget):
    """The file's booleans are written ``yes`` / ``no``; anything else is refused by name."""

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip().lower()
        if text in ("yes", "true", "1"):
            return True
        if text in ("no", "false", "0"):
            return False
        raise ValueError(f"expected yes or no, not “{value}”")

    def render(self, value, obj=None, **kwargs):
        return "yes" if value else "no"


class FactField(fields.Field):
    """A column holding one dated country fact rather than a model attribute."""

    def __init__(self, key):
        super().__init__(attribute=f"fact:{key}", column_name=key)
        self.key = key

    def clean(self, row, **kwargs):
        try:
            return FACTS[self.key].clean(str(row.get(self.column_name) or ""))
        except ValidationError as error:
            raise ValueError(error_text(error)) from None
        except KeyError:
            raise ValueError(f"column {self.column_name} is missing") from None

    def save(self, instance, row, is_m2m=False, **kwargs):
        instance.imported_facts[self.key] = self.clean(row)

    def get_value(self, instance):
        pending = getattr(instance, "imported_facts", {})
        if self.key in pending:
            return pending[self.key]
        fact = instance.facts_in_force.get(self.key)
        return fact.value if fact else None

    def export(self, instance, **kwargs):
        return self.get_value(instance) or ""


class CountryResource(resources.ModelResource):
    iso_code = fields.Field(attribute="iso_code", column_name="iso_code")
    name = fields.Field(attribute="name", column_name="name")
    focus_country = fields.Field(attribute="focus_country", column_name="focus_country", widget=YesNoWidget())
    pilot_country = fields.Field(attribute="pilot_country", column_name="pilot_country", widget=YesNoWidget())
    lanzarote_party = fields.Field(attribute="lanzarote_party", column_name="lanzarote_party")

    class Meta:
        model = Country
        import_id_fields = ["iso_code"]
        fields = ["iso_code", "name", "focus_country", "pilot_country", "lanzarote_party"]
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def __init__(self, as_of: datetime.date | None = None, source: str = BASELINE_SOURCE, **kwargs):
        """``as_of`` dates the imported facts (default: the baseline report) and picks those exported
        (default: the latest known)."""
        super().__init__(**kwargs)
        self.as_of = as_of
        self.source = source
        for key in FACTS:
            if key not in COUNTRY_COLUMNS:
                self.fields[key] = FactField(key)

    @property
    def facts_date(self) -> datetime.date:
        return self.as_of or BASELINE_DATE

    def get_queryset(self):
        return super().get_queryset().prefetch_related("facts")

    def get_export_order(self):
        return CSV_COLUMNS

    def before_import_row(self, row, **kwargs):
        for column, value in row.items():
            if isinstance(value, str):
                row[column] = spreadsheet_unsafe(value)
        if row.get("iso_code"):
            row["iso_code"] = str(row["iso_code"]).strip().upper()

    def after_init_instance(self, instance, new, row, **kwargs):
        instance.imported_facts = {}
        instance.facts_in_force = {} if new else self._facts_in_force(instance, self.facts_date)

    def after_save_instance(self, instance, row, **kwargs):
        if self._is_dry_run(kwargs) and not self._is_using_transactions(kwargs):
            return
        # The Convention status is a column of the country and, dated, one of its facts: the Parties of a
        # round are those of its launch date.
        instance.imported_facts["lanzarote_party"] = instance.lanzarote_party
        for key, value in instance.imported_facts.items():
            current = instance.facts_in_force.get(key)
            if current is None or current.value != value:
                CountryFact.objects.update_or_create(
                    country=instance, key=key, as_of=self.facts_date,
                    defaults={"value": value, "source": self.source},
                )

    def export_resource(self, instance, selected_fields=None, **kwargs):
        instance.facts_in_force = self._facts_in_force(instance, self.as_of or datetime.date.max)
        # A value a spreadsheet would run as a formula is neutralised; the import reverses it.
        return [spreadsheet_safe(value) for value in super().export_resource(instance, selected_fields, **kwargs)]

    @staticmethod
    def _facts_in_force(country: Country, day: datetime.date) -> dict[str, CountryFact]:
        """Latest fact per key dated on or before ``day``, read from the (prefetched) facts."""
        in_force: dict[str, CountryFact] = {}
        for fact in sorted(country.facts.all(), key=lambda f: f.as_of):
            if fact.as_of <= day:
                in_force[fact.key] = fact
        return in_force
