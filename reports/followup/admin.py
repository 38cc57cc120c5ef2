from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from questionnaires.admin import ReadOnlyAdmin

from .models import AssessmentEvent, Recommendation


class RecommendationAdminForm(forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["version", "number", "heading", "strength", "text_en", "text_fr", "all_parties", "addressees",
                  "questions"]

    def clean(self):
        data = super().clean()
        version = data.get("version")
        if version is None:
            return data
        if data.get("number") and not data["number"].startswith("R"):
            self.add_error("number", _("The number must be R followed by digits, e.g. R7."))
        strangers = [c for c in data.get("addressees", ()) if not version.parties.filter(pk=c.pk).exists()]
        if strangers:
            self.add_error("addressees", _("Not Parties of the round: %(names)s.")
                           % {"names": ", ".join(str(c) for c in strangers)})
        if not data.get("all_parties") and "addressees" in data and not data["addressees"]:
            self.add_error("addressees", _("Name the addressees, or address the recommendation to all Parties."))
        others = [q for q in data.get("questions", ()) if q.version_id != version.pk]
        if others:
            self.add_error("questions", _("Questions of another version: %(numbers)s.")
                           % {"numbers": ", ".join(q.number for q in others)})
        return data


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    form = RecommendationAdminForm
    list_display = ["number", "version", "strength", "heading", "all_parties"]
    list_display_links = ["number"]
    list_filter = ["strength", "all_parties", "version"]
    list_select_related = ["version__questionnaire"]
    search_fields = ["number", "heading", "text_en", "text_fr"]
    filter_horizontal = ["addressees"]
    autocomplete_fields = ["questions"]


@admin.register(AssessmentEvent)
class AssessmentEventAdmin(ReadOnlyAdmin):
    list_display = ["assessment", "previous_status", "status", "user", "at"]
    list_filter = ["status"]
    list_select_related = ["assessment__recommendation", "assessment__country", "user"]
    search_fields = ["assessment__recommendation__number", "assessment__country__name"]
