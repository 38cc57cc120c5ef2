"""Filters of the review queue (django-filter)."""

import datetime

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from countries.models import Country

from .models import Answer, Version

AGE_CHOICES = [("7", _("waiting over 7 days")), ("14", _("waiting over 14 days")), ("30", _("waiting over 30 days"))]
SORTS = {
    "oldest": ("submitted_at", "reply__country__name", "question__position"),
    "newest": ("-submitted_at", "reply__country__name", "question__position"),
    "country": ("reply__country__name", "question__position"),
    "question": ("question__position", "reply__country__name"),
}


class ReviewQueueFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=Answer.State.choices, empty_label=_("any state"))
    country = django_filters.ModelChoiceFilter(
        field_name="reply__country", queryset=Country.objects.all(), empty_label=_("all countries")
    )
    version = django_filters.ModelChoiceFilter(
        field_name="reply__version", queryset=Version.objects.exclude(status=Version.Status.DRAFT)
        .select_related("questionnaire"), empty_label=_("all rounds")
    )
    question = django_filters.CharFilter(field_name="question__number", label=_("Question number"),
                                         widget=forms.TextInput(attrs={"size": 4}))
    age = django_filters.ChoiceFilter(choices=AGE_CHOICES, method="filter_age", label=_("Age"),
                                      empty_label=_("any age"))
    sort = django_filters.ChoiceFilter(
        choices=[("oldest", _("oldest first")), ("newest", _("newest first")), ("country", _("by country")),
                 ("question", _("by question"))],
        method="sort_by", label=_("Sort"), empty_label=None,
    )

    class Meta:
        model = Answer
        fields = ["state", "country", "version", "question", "age"]

    def filter_age(self, queryset, name, value):
        cutoff = timezone.now() - datetime.timedelta(days=int(value))
        return queryset.filter(submitted_at__lte=cutoff)

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["oldest"]))
