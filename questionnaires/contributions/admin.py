from django.contrib import admin

from questionnaires.admin import ReadOnlyAdmin

from .models import Contribution, ContributionEvent, ContributionResponse, Invitation


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["organisation", "version", "time_limit", "invited_by", "invited_at"]
    list_filter = ["version"]
    list_select_related = ["organisation", "version__questionnaire", "invited_by"]
    search_fields = ["organisation__name"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["invited_by", "invited_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.invited_by = request.user
        super().save_model(request, obj, form, change)


class ContributionEventInline(admin.TabularInline):
    model = ContributionEvent
    extra = 0
    can_delete = False
    fields = readonly_fields = ["action", "reason", "actor", "at"]

    def has_add_permission(self, request, obj=None):
        return False


class ContributionResponseInline(admin.TabularInline):
    model = ContributionResponse
    extra = 0
    can_delete = False
    fields = readonly_fields = ["author", "body", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Contribution)
class ContributionAdmin(ReadOnlyAdmin):
    """Read only: comments are written by stakeholders and screened on the secretariat's pages, so that
    every step is in their audit trail."""

    list_display = ["invitation", "country", "question", "language", "publishable", "state", "submitted_at"]
    list_filter = ["state", "language", "publishable", "invitation__version"]
    list_select_related = ["invitation__organisation", "invitation__version__questionnaire", "country", "question"]
    search_fields = ["invitation__organisation__name", "country__name"]
    inlines = [ContributionEventInline, ContributionResponseInline]
