"""Compilations (metadata, state, download links), progress counts and figures."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from reports.models import Compilation

DOWNLOAD_FIELDS = {"docx": "docx", "xlsx": "xlsx", "pdf": "pdf", "zip": "archive"}


class CompilationSerializer(serializers.ModelSerializer):
    question = serializers.CharField(source="question.number", read_only=True, allow_null=True)
    party = serializers.CharField(source="country.iso_code", read_only=True, allow_null=True)
    state = serializers.CharField(source="status", read_only=True)
    downloads = serializers.SerializerMethodField()

    class Meta:
        model = Compilation
        fields = ["id", "kind", "version", "question", "party", "revision", "state", "progress", "stale",
                  "published", "include_contributions", "countries_included", "requested_at", "finished_at",
                  "downloads"]

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "string", "format": "uri"}})
    def get_downloads(self, compilation) -> dict:
        """Format → the API address that serves the file (after the same permission check)."""
        request = self.context.get("request")
        return {fmt: reverse("api:compilation-download", args=[compilation.pk, fmt], request=request)
                for fmt, field in DOWNLOAD_FIELDS.items() if getattr(compilation, field)}


class StateCountsSerializer(serializers.Serializer):
    draft = serializers.IntegerField()
    submitted = serializers.IntegerField()
    returned = serializers.IntegerField()
    approved = serializers.IntegerField()


class PartyProgressSerializer(serializers.Serializer):
    party = serializers.CharField()
    replied = serializers.BooleanField()
    counts = StateCountsSerializer()


class QuestionProgressSerializer(serializers.Serializer):
    question = serializers.CharField()
    counts = StateCountsSerializer()
    no_answer = serializers.IntegerField()


class ProgressSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    parties = serializers.IntegerField(help_text="The Parties of the round.")
    replied = serializers.IntegerField(help_text="Parties that have started their reply.")
    by_question = QuestionProgressSerializer(many=True)
    by_party = PartyProgressSerializer(many=True)


class FigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    kind = serializers.CharField(help_text="category (from the coding) or item (a structured answer)")
    count = serializers.IntegerField(help_text="Parties for which it holds.")
    read = serializers.IntegerField(help_text="Parties whose answer was read for it.")
    total = serializers.IntegerField(help_text="The Parties of the round.")
    parties = serializers.ListField(child=serializers.CharField(), help_text="ISO codes of the Parties counted.")


class FiguresSerializer(serializers.Serializer):
    question = serializers.IntegerField()
    number = serializers.CharField()
    as_of = serializers.DateField()
    states_read = serializers.ListField(child=serializers.CharField())
    statuses = serializers.DictField(child=serializers.IntegerField())
    figures = FigureSerializer(many=True)
