"""The filters of the API's lists (django-filter): round, version, question, Party, state, changed since."""

import django_filters
from django.db.models import Q

from questionnaires.models import Answer, Reply, Version
from reports.models import Compilation


class VersionFilter(django_filters.FilterSet):
    round = django_filters.NumberFilter(field_name="questionnaire__round_number", label="Monitoring round")
    questionnaire = django_filters.CharFilter(field_name="questionnaire__code", label="Questionnaire code")

    class Meta:
        model = Version
        fields = ["round", "questionnaire", "status"]


class ReplyFilter(django_filters.FilterSet):
    round = django_filters.NumberFilter(field_name="version__questionnaire__round_number", label="Monitoring round")
    party = django_filters.CharFilter(field_name="country__iso_code", lookup_expr="iexact", label="Party (ISO code)")

    class Meta:
        model = Reply
        fields = ["version", "round", "party"]


class AnswerFilter(django_filters.FilterSet):
    version = django_filters.NumberFilter(field_name="reply__version")
    round = django_filters.NumberFilter(field_name="reply__version__questionnaire__round_number",
                                        label="Monitoring round")
    question = django_filters.CharFilter(field_name="question__number", label="Question number")
    party = django_filters.CharFilter(field_name="reply__country__iso_code", lookup_expr="iexact",
                                      label="Party (ISO code)")
    changed_since = django_filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte",
                                                     label="Last edited at or after (ISO 8601)")

    class Meta:
        model = Answer
        fields = ["version", "round", "question", "party", "state", "changed_since"]


class CompilationFilter(django_filters.FilterSet):
    round = django_filters.NumberFilter(field_name="version__questionnaire__round_number", label="Monitoring round")
    question = django_filters.CharFilter(field_name="question__number", label="Question number")
    party = django_filters.CharFilter(field_name="country__iso_code", lookup_expr="iexact", label="Party (ISO code)")
    state = django_filters.ChoiceFilter(field_name="status", choices=Compilation.Status.choices)
    changed_since = django_filters.IsoDateTimeFilter(method="filter_changed_since",
                                                     label="Requested or finished at or after (ISO 8601)")

    class Meta:
        model = Compilation
        fields = ["version", "round", "question", "party", "kind", "state", "changed_since"]

    def filter_changed_since(self, queryset, name, value):
        return queryset.filter(Q(requested_at__gte=value) | Q(finished_at__gte=value))
