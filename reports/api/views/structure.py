"""Versions with their structure, the Parties of a round and its progress counts."""

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from reports import selectors as report_selectors

from .. import selectors
from ..filters import VersionFilter
from ..permissions import SignedIn, rule
from ..serializers import PartySerializer, ProgressSerializer, VersionDetailSerializer, VersionSerializer


class VersionViewSet(viewsets.ReadOnlyModelViewSet):
    """Published and closed versions of the questionnaires; one version with its sections, questions,
    items and choices in English and French."""

    permission_classes = [SignedIn]
    filterset_class = VersionFilter

    def get_queryset(self):
        if self.action == "retrieve":
            return selectors.versions_with_structure()
        return selectors.versions_for_api()

    def get_serializer_class(self):
        return VersionDetailSerializer if self.action == "retrieve" else VersionSerializer

    @extend_schema(responses=PartySerializer(many=True), filters=False)
    @action(detail=True, pagination_class=None, filterset_class=None)
    def parties(self, request, pk=None):
        """The Parties of the round: the countries expected to reply."""
        version = self.get_object()
        return Response(PartySerializer(report_selectors.round_parties(version), many=True).data)

    @extend_schema(responses=ProgressSerializer, filters=False)
    @action(detail=True, pagination_class=None, filterset_class=None,
            permission_classes=[rule("questionnaires.view_progress", on_object=False)])
    def progress(self, request, pk=None):
        """How many answers are in each state, per question and per Party (secretariat, steering group)."""
        version = self.get_object()
        return Response(ProgressSerializer(selectors.progress_counts(version)).data)
