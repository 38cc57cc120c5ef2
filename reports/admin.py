from django.contrib import admin

from .models import ProgressSnapshot


@admin.register(ProgressSnapshot)
class ProgressSnapshotAdmin(admin.ModelAdmin):
    list_display = ["version", "day", "replies", "draft", "submitted", "returned", "approved"]
    list_filter = ["version"]
    date_hierarchy = "day"
