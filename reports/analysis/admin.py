from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from questionnaires.admin import ReadOnlyAdmin

from .models import Category, Codebook, CodingEvent, Rapporteur


class CategoryInline(admin.TabularInline):
    model = Category
    extra = 1
    fields = ["position", "code", "label_en", "label_fr", "definition", "parent", "exclusive", "no_information"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent" and request.resolver_match and request.resolver_match.kwargs.get("object_id"):
            kwargs["queryset"] = Category.objects.filter(codebook_id=request.resolver_match.kwargs["object_id"])
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Codebook)
class CodebookAdmin(admin.ModelAdmin):
    list_display = ["question", "round", "updated_at"]
    list_select_related = ["question__version__questionnaire"]
    search_fields = ["question__number", "question__title_en"]
    raw_id_fields = ["question"]
    inlines = [CategoryInline]

    @admin.display(description=_("round"))
    def round(self, codebook):
        return codebook.question.version


@admin.register(CodingEvent)
class CodingEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "answer", "is_final"]
    list_select_related = ["actor", "answer__reply__country", "answer__question"]
    list_filter = ["is_final"]


@admin.register(Rapporteur)
class RapporteurAdmin(admin.ModelAdmin):
    """Administrators appoint each question's rapporteur (a user, usually a national delegate)."""

    list_display = ["question", "user", "round", "appointed_at"]
    list_select_related = ["question__version__questionnaire", "user"]
    list_filter = ["question__version"]
    search_fields = ["question__number", "user__username", "user__last_name"]
    autocomplete_fields = ["user"]
    raw_id_fields = ["question"]

    @admin.display(description=_("round"))
    def round(self, rapporteur):
        return rapporteur.question.version
