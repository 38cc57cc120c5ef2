"""Rounds and versions with their sections, questions, items and choices, in English and in French."""

from rest_framework import serializers

from countries.models import Country
from questionnaires.models import Choice, Item, Question, Section, Version


class ChoiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Choice
        fields = ["code", "label_en", "label_fr"]


class ItemSerializer(serializers.ModelSerializer):
    group = serializers.SerializerMethodField(help_text="The number of the group heading this item is under.")
    choices = ChoiceSerializer(many=True, read_only=True)

    class Meta:
        model = Item
        fields = ["number", "type", "group", "text_en", "text_fr", "required", "explain", "minimum", "maximum",
                  "previous_number", "choices"]

    def get_group(self, item) -> str | None:
        return item.parent.number if item.parent_id else None


class QuestionSerializer(serializers.ModelSerializer):
    items = ItemSerializer(many=True, read_only=True)

    class Meta:
        model = Question
        fields = ["id", "number", "title_en", "title_fr", "help_en", "help_fr", "items"]


class SectionSerializer(serializers.ModelSerializer):
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta:
        model = Section
        fields = ["code", "title_en", "title_fr", "questions"]


class VersionSerializer(serializers.ModelSerializer):
    questionnaire = serializers.CharField(source="questionnaire.code", read_only=True)
    round = serializers.IntegerField(source="questionnaire.round_number", read_only=True, allow_null=True)
    questionnaire_title_en = serializers.CharField(source="questionnaire.title_en", read_only=True)
    questionnaire_title_fr = serializers.CharField(source="questionnaire.title_fr", read_only=True)

    class Meta:
        model = Version
        fields = ["id", "questionnaire", "round", "questionnaire_title_en", "questionnaire_title_fr", "label",
                  "title_en", "title_fr", "status", "deadline", "languages", "published_at", "closed_at"]


class VersionDetailSerializer(VersionSerializer):
    sections = SectionSerializer(many=True, read_only=True)

    class Meta(VersionSerializer.Meta):
        fields = [*VersionSerializer.Meta.fields, "sections"]


class PartySerializer(serializers.ModelSerializer):
    class Meta:
        model = Country
        fields = ["iso_code", "name", "name_fr", "national_language"]
