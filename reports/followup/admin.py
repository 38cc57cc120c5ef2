from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from questionnaires.admin import ReadOnlyAdmin

from .models import AssessmentEvent, CarriedRecommendation, FollowUpVersion, Recommendation
from .services import carrying_errors


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


@admin.register(FollowUpVersion)
class FollowUpVersionAdmin(ReadOnlyAdmin):
    """Recorded by the generation of a follow-up questionnaire; never edited by hand."""

    list_display = ["version", "source", "created_by", "created_at"]
    list_select_related = ["version__questionnaire", "source__questionnaire", "created_by"]
    search_fields = ["version__questionnaire__code", "source__questionnaire__code"]


class CarriedRecommendationAdminForm(forms.ModelForm):
    class Meta:
        model = CarriedRecommendation
        fields = ["recommendation", "question"]

    def clean(self):
        data = super().clean()
        if data.get("recommendation") and data.get("question"):
            for error in carrying_errors(recommendation=data["recommendation"], question=data["question"]):
                if error.code != "duplicate":  # the model's unique constraint says it already
                    self.add_error(None, error)
        return data


@admin.register(CarriedRecommendation)
class CarriedRecommendationAdmin(admin.ModelAdmin):
    """Attached or removed while the question's version is a draft; never changed in place."""

    form = CarriedRecommendationAdminForm
    list_display = ["recommendation", "round", "question", "version", "created_by", "created_at"]
    list_select_related = ["recommendation__version__questionnaire", "question__version__questionnaire",
                           "created_by"]
    list_filter = ["question__version"]
    search_fields = ["recommendation__number", "question__number", "recommendation__text_en"]
    autocomplete_fields = ["recommendation", "question"]
    actions = None  # no bulk deletion past the draft check of each

    @admin.display(description=_("round of the recommendation"))
    def round(self, obj):
        return obj.recommendation.version

    @admin.display(description=_("version of the question"))
    def version(self, obj):
        return obj.question.version

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.question.version.is_frozen)

    def save_model(self, request, obj, form, change):
        obj.created_by = request.user
        super().save_model(request, obj, form, change)
