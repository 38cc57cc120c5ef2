"""Publications in the Django admin, read only: they are made and ended on the secretariat's publication
page, which records who did what and why."""

from django.contrib import admin

from questionnaires.admin import ReadOnlyAdmin

from .models import Publication, PublishedAnswer, PublishedComment


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ["version", "country", "organisation", "published_at", "published_by", "ended_at", "end_kind"]
    list_filter = ["version", "end_kind", ("organisation", admin.EmptyFieldListFilter)]
    list_select_related = ["version__questionnaire", "country", "organisation", "published_by"]
    search_fields = ["country__name", "organisation__name", "end_reason"]
    date_hierarchy = "published_at"


@admin.register(PublishedAnswer)
class PublishedAnswerAdmin(ReadOnlyAdmin):
    list_display = ["publication", "question_number", "revision", "language"]
    list_filter = ["publication__version", "language", "publication__end_kind"]
    list_select_related = ["publication__country", "publication__organisation", "publication__version"]
    search_fields = ["publication__country__name", "publication__organisation__name", "question_number"]


@admin.register(PublishedComment)
class PublishedCommentAdmin(ReadOnlyAdmin):
    list_display = ["publication", "country_name", "question_number", "language", "submitted_at"]
    list_filter = ["publication__version", "language", "publication__end_kind"]
    list_select_related = ["publication__country", "publication__organisation", "publication__version"]
    search_fields = ["publication__organisation__name", "country_name", "body"]
