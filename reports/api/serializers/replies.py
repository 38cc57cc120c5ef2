"""Replies and answers, as their readers may see them (the querysets are scoped before they get here)."""

from rest_framework import serializers

from questionnaires.models import Answer, ItemAnswer, Reply


class ReplySerializer(serializers.ModelSerializer):
    party = serializers.CharField(source="country.iso_code", read_only=True, allow_null=True,
                                  help_text="The Party's ISO code; null for another stakeholder's reply.")
    organisation = serializers.CharField(source="organisation.name", read_only=True, allow_null=True,
                                         help_text="The other stakeholder's name; null for a Party's reply.")

    class Meta:
        model = Reply
        fields = ["id", "version", "party", "organisation", "publishable", "created_at"]


class ItemValueSerializer(serializers.ModelSerializer):
    item = serializers.CharField(source="item.number", read_only=True)
    number = serializers.IntegerField(read_only=True, allow_null=True, help_text="A whole-number item's value.")
    attachments = serializers.SerializerMethodField()

    class Meta:
        model = ItemAnswer
        fields = ["item", "text", "yes_no", "choice", "choices", "number", "explanation", "carried_over",
                  "attachments"]

    def get_attachments(self, value) -> list[dict]:
        return [{"title": a.title, "language": a.language, "url": a.url, "has_file": bool(a.file)}
                for a in value.attachments.all()]


class AnswerSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(source="reply.version_id", read_only=True)
    party = serializers.CharField(source="reply.country.iso_code", read_only=True, allow_null=True)
    organisation = serializers.CharField(source="reply.organisation.name", read_only=True, allow_null=True)
    question = serializers.CharField(source="question.number", read_only=True)
    items = ItemValueSerializer(source="item_answers", many=True, read_only=True)

    class Meta:
        model = Answer
        fields = ["id", "reply", "version", "party", "organisation", "question", "state", "revision", "language",
                  "national_language", "national_text", "updated_at", "submitted_at", "items"]
