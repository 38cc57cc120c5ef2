"""Replies and answers: only those the caller may read, as on the pages."""

from rest_framework import viewsets

from .. import selectors
from ..filters import AnswerFilter, ReplyFilter
from ..permissions import rule
from ..serializers import AnswerSerializer, ReplySerializer


class ReplyViewSet(viewsets.ReadOnlyModelViewSet):
    """Replies the caller may read: every reply for the secretariat, their own for a focal point or
    another stakeholder, none for anyone else."""

    serializer_class = ReplySerializer
    permission_classes = [rule("questionnaires.view_reply", hidden=True)]
    filterset_class = ReplyFilter

    def get_queryset(self):
        return selectors.replies_for_user(self.request.user)


class AnswerViewSet(viewsets.ReadOnlyModelViewSet):
    """Answers of the replies the caller may read, with their item values, in every state."""

    serializer_class = AnswerSerializer
    permission_classes = [rule("questionnaires.view_reply", hidden=True)]
    filterset_class = AnswerFilter

    def get_queryset(self):
        return selectors.answers_for_user(self.request.user)
