from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from .models import Country, CountryFact, FocalPoint
from .resources import CountryResource


class CountryFactInline(admin.TabularInline):
    model = CountryFact
    extra = 0
    fields = ["key", "value", "as_of", "source"]


class FocalPointInline(admin.TabularInline):
    model = FocalPoint
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Country)
class CountryAdmin(ImportExportModelAdmin):
    resource_classes = [CountryResource]
    list_display = ["name", "iso_code", "lanzarote_party", "focus_country", "pilot_country", "membership_ended_on"]
    list_filter = ["lanzarote_party", "focus_country", "pilot_country"]
    search_fields = ["name", "iso_code"]
    inlines = [CountryFactInline, FocalPointInline]


@admin.register(CountryFact)
class CountryFactAdmin(admin.ModelAdmin):
    list_display = ["country", "key", "value", "as_of", "source"]
    list_filter = ["key", "as_of"]
    search_fields = ["country__name", "country__iso_code"]
    list_select_related = ["country"]


@admin.register(FocalPoint)
class FocalPointAdmin(admin.ModelAdmin):
    list_display = ["user", "country"]
    list_select_related = ["user", "country"]
    search_fields = ["user__username", "user__email", "country__name"]
    autocomplete_fields = ["user", "country"]
