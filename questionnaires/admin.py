from django.contrib import admin, messages
from django.db.models import Count
from django.http import HttpResponse
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from .admin_forms import QuestionAdminForm, VersionForm
from .models import (
    Answer,
    AnswerEvent,
    Attachment,
    Choice,
    Comment,
    DeadlineExtension,
    Item,
    ItemAnswer,
    Language,
    NotificationPreference,
    Question,
    Questionnaire,
    Reminder,
    Reply,
    Section,
    Version,
)
from .selectors import version_previous, versions_with_previous
from .services import version_close, version_copy, version_parties_set, version_publish
from .translations import version_texts_xlsx
from .yaml_format import dump_version_yaml


def _next_label(version: Version) -> str:
    """The first free label after the version's own: 1 -> 2, or "2b" -> "2b-1"."""
    taken = set(Version.objects.filter(questionnaire=version.questionnaire).values_list("label", flat=True))
    if version.label.isdigit():
        candidate = int(version.label) + 1
        while str(candidate) in taken:
            candidate += 1
        return str(candidate)
    suffix = 1
    while f"{version.label}-{suffix}" in taken:
        suffix += 1
    return f"{version.label}-{suffix}"


class FrozenVersionContentMixin:
    """Content of a published or closed version is read-only in the admin."""

    def _frozen(self, obj) -> bool:
        version = self.version_of(obj) if obj is not None else None
        return bool(version and version.is_frozen)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._frozen(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._frozen(obj)


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    fields = ["position", "code", "title_en", "title_fr"]

    def has_change_permission(self, request, obj=None):
        return obj is None or not obj.is_frozen

    has_add_permission = has_delete_permission = has_change_permission


class DeadlineExtensionInline(admin.TabularInline):
    model = DeadlineExtension
    extra = 0
    autocomplete_fields = ["country"]


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["code", "title_en", "round_number"]
    search_fields = ["code", "title_en", "title_fr"]


@admin.register(Version)
class VersionAdmin(admin.ModelAdmin):
    form = VersionForm
    list_display = ["__str__", "status", "deadline", "published_at", "party_count", "pages"]
    list_filter = ["status", "questionnaire"]
    readonly_fields = ["status", "created_at", "published_at", "closed_at"]
    filter_horizontal = ["parties"]
    inlines = [SectionInline, DeadlineExtensionInline]
    actions = ["publish", "close", "copy_to_draft", "export_yaml", "export_texts"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_frozen:
            return [*self.readonly_fields, "questionnaire", "label", "title_en", "title_fr", "languages",
                    "language_names"]
        # A draft's Parties are those of its launch date, proposed when it is published.
        return [*self.readonly_fields, "parties"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("questionnaire")
        return versions_with_previous(queryset).annotate(party_total=Count("parties", distinct=True))

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is not None and obj.is_frozen:
            # A frozen version's languages are shown by name where the field would be.
            fields = [name for name in fields if name not in ("languages", "language_names")]
            fields.insert(fields.index("title_fr") + 1, "language_names")
        return fields

    @admin.display(description=_("Reply languages"))
    def language_names(self, version):
        names = dict(Language.choices)
        return ", ".join(str(names.get(code, code)) for code in version.languages)

    @admin.display(description=_("Parties"), ordering="party_total")
    def party_count(self, version):
        return version.party_total

    @admin.display(description=_("Preview and changes"))
    def pages(self, version):
        """Links to the preview and, when there is an earlier version, to what changed since."""
        links = [(reverse("questionnaires:version_preview", args=[version.pk]), _("Preview"))]
        if version.previous_id:
            links.append((reverse("questionnaires:version_diff", args=[version.previous_id, version.pk]),
                          _("Changes since the previous version")))
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        version = self.get_object(request, object_id)
        extra_context = {**(extra_context or {}), "previous_version": version and version_previous(version)}
        return super().change_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        parties = form.cleaned_data.pop("parties", None)
        super().save_related(request, form, formsets, change)
        if parties is not None:
            version_parties_set(version=form.instance, countries=parties)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or not obj.is_frozen)

    @admin.action(description=_("Publish the selected draft versions"))
    def publish(self, request, queryset):
        self._apply(request, queryset, version_publish, _("published"))

    @admin.action(description=_("Close the selected published versions"))
    def close(self, request, queryset):
        self._apply(request, queryset, version_close, _("closed"))

    @admin.action(description=_("Copy to a new draft version"))
    def copy_to_draft(self, request, queryset):
        for version in queryset:
            label = _next_label(version)
            self._apply(request, [version], lambda version: version_copy(version=version, label=label),
                        _("copied to draft version %(label)s") % {"label": label})

    @admin.action(description=_("Export as YAML"))
    def export_yaml(self, request, queryset):
        if queryset.count() != 1:
            messages.error(request, _("Export one version at a time."))
            return None
        version = queryset.get()
        response = HttpResponse(dump_version_yaml(version), content_type="application/yaml; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{version.questionnaire.code}-v{version.label}.yaml"'
        return response

    @admin.action(description=_("Export texts for translators (XLSX)"))
    def export_texts(self, request, queryset):
        if queryset.count() != 1:
            messages.error(request, _("Export one version at a time."))
            return None
        version = queryset.get()
        response = HttpResponse(
            version_texts_xlsx(version),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{version.questionnaire.code}-v{version.label}-texts.xlsx"'
        )
        return response

    def _apply(self, request, queryset, service, done):
        for version in queryset:
            try:
                service(version=version)
            except Exception as error:  # a refused transition is reported, the others still run
                messages.error(request, f"{version}: {' '.join(getattr(error, 'messages', [str(error)]))}")
            else:
                messages.success(request, f"{version}: {done}.")


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0
    fields = ["position", "code", "label_en", "label_fr"]


@admin.register(Question)
class QuestionAdmin(FrozenVersionContentMixin, admin.ModelAdmin):
    form = QuestionAdminForm
    list_display = ["number", "title_en", "section", "version"]
    list_filter = ["version"]
    search_fields = ["number", "title_en", "title_fr"]
    list_select_related = ["section", "version__questionnaire"]
    autocomplete_fields = ["addressees"]

    @staticmethod
    def version_of(obj):
        return obj.version


@admin.register(Item)
class ItemAdmin(FrozenVersionContentMixin, admin.ModelAdmin):
    list_display = ["number", "type", "required", "previous_number", "question"]
    list_filter = ["type", "question__version"]
    search_fields = ["number", "text_en", "text_fr"]
    list_select_related = ["question__version__questionnaire"]
    autocomplete_fields = ["addressees"]
    inlines = [ChoiceInline]

    @staticmethod
    def version_of(obj):
        return obj.question.version


class ItemAnswerInline(admin.StackedInline):
    model = ItemAnswer
    extra = 0
    can_delete = False
    readonly_fields = ["item", "text", "yes_no", "choice", "choices", "number", "explanation"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Reply)
class ReplyAdmin(admin.ModelAdmin):
    list_display = ["country", "organisation", "version", "publishable", "created_at"]
    list_filter = ["version", "country__focus_country", "publishable"]
    search_fields = ["country__name", "organisation__name"]
    list_select_related = ["country", "organisation", "version__questionnaire"]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    """Answers are read here; they are written by focal points and decided by reviewers in the app."""

    list_display = ["__str__", "state", "revision", "updated_by", "updated_at"]
    list_filter = ["state", "reply__version"]
    search_fields = ["reply__country__name", "reply__organisation__name", "question__number"]
    list_select_related = ["reply__country", "reply__organisation", "question", "updated_by"]
    readonly_fields = ["reply", "question", "state", "language", "revision", "updated_at", "updated_by", "submitted_at"]
    inlines = [ItemAnswerInline]

    def has_add_permission(self, request):
        return False


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["title", "language", "item_answer", "added_at"]
    list_select_related = ["item_answer__answer__reply__country", "item_answer__item"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record the admin shows and never lets anyone add, change or delete (audit trail, reminders)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AnswerEvent)
class AnswerEventAdmin(ReadOnlyAdmin):
    """The audit trail is read-only, here as everywhere."""

    list_display = ["at", "answer", "action", "from_state", "to_state", "actor", "revision"]
    list_filter = ["action", "answer__reply__version"]
    list_select_related = ["answer__reply__country", "answer__question", "actor"]
    search_fields = ["answer__reply__country__name", "reason"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["created_at", "answer", "author", "body"]
    list_select_related = ["answer__reply__country", "answer__question", "author"]
    search_fields = ["body", "answer__reply__country__name"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "daily_digest", "language"]
    list_select_related = ["user"]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    """Who was reminded of which deadline, and when: a record the secretariat reads, never edits."""

    list_display = ["created_at", "sent", "country", "version", "recipient", "step_display", "deadline"]
    list_filter = ["version", "kind", "country"]
    list_select_related = ["country", "version__questionnaire", "recipient"]
    search_fields = ["country__name", "recipient__username", "recipient__email"]
    date_hierarchy = "created_at"

    @admin.display(description=_("sent"), ordering="sent_at")
    def sent(self, reminder):
        return reminder.sent_at or _("waiting for the daily digest")

    @admin.display(description=_("reminder"), ordering="kind")
    def step_display(self, reminder):
        return reminder.describe_step()
