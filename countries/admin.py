from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from .models import Country, CountryFact, FocalPoint, Organisation, OrganisationContact
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
    list_display = [
        "name", "name_fr", "iso_code", "lanzarote_party", "national_language", "focus_country", "pilot_country",
        "membership_ended_on",
    ]
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


class UserFocalPointInline(admin.StackedInline):
    model = FocalPoint
    extra = 0
    max_num = 1
    autocomplete_fields = ["country"]
    verbose_name = _("national focal point for")


class OrganisationContactInline(admin.TabularInline):
    model = OrganisationContact
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "country"]
    list_filter = ["type"]
    list_select_related = ["country"]
    search_fields = ["name", "country__name"]
    autocomplete_fields = ["country"]
    inlines = [OrganisationContactInline]


@admin.register(OrganisationContact)
class OrganisationContactAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation"]
    list_select_related = ["user", "organisation"]
    search_fields = ["user__username", "user__email", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


class UserOrganisationInline(admin.StackedInline):
    model = OrganisationContact
    extra = 0
    max_num = 1
    autocomplete_fields = ["organisation"]
    verbose_name = _("stakeholder contact for")


admin.site.unregister(User)


@admin.register(User)
class UserWithCountryAdmin(UserAdmin):
    """Accounts: roles are groups; a focal point's country is set on the same page."""

    inlines = [*UserAdmin.inlines, UserFocalPointInline, UserOrganisationInline]
    list_display = [*UserAdmin.list_display, "focal_point"]
    list_select_related = ["focal_point__country"]
    list_filter = [*UserAdmin.list_filter, "focal_point__country"]
