"""Compilations (with their files, always behind the permission check) and the figures of a question."""

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from questionnaires.selectors.compiling import issued_question_or_404

from .. import selectors
from ..filters import CompilationFilter
from ..permissions import SignedIn, rule
from ..serializers import CompilationSerializer, FiguresSerializer
from ..serializers.reports import DOWNLOAD_FIELDS

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "zip": "application/zip",
}


class CompilationViewSet(viewsets.ReadOnlyModelViewSet):
    """Compilations the caller may see (all for the secretariat and steering group, published ones for
    focal points): metadata, state and links to their files."""

    serializer_class = CompilationSerializer
    permission_classes = [rule("reports.view_compilation", hidden=True)]
    filterset_class = CompilationFilter

    def get_queryset(self):
        return selectors.compilations_for_user(self.request.user)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY}, filters=False,
                   parameters=[OpenApiParameter("fmt", str, OpenApiParameter.PATH, enum=list(DOWNLOAD_FIELDS))])
    @action(detail=True, url_path="download/(?P<fmt>[a-z]+)", filterset_class=None)
    def download(self, request, pk=None, fmt=None):
        """One file of a finished compilation: docx, xlsx, pdf or zip."""
        compilation = self.get_object()
        stored = getattr(compilation, DOWNLOAD_FIELDS.get(fmt, ""), None)
        if not stored:
            raise Http404(_("This format is not available for this compilation."))
        return FileResponse(stored.open("rb"), as_attachment=True, filename=stored.name.rsplit("/", 1)[-1],
                            content_type=CONTENT_TYPES[fmt])


class QuestionFiguresView(GenericAPIView):
    """The figures of one question ("N of M Parties"), as its figures page shows them to the caller."""

    permission_classes = [SignedIn]
    serializer_class = FiguresSerializer

    def get(self, request, pk):
        question = issued_question_or_404(pk)
        if not request.user.has_perm("analysis.view_figures", question):
            raise PermissionDenied
        return Response(FiguresSerializer(selectors.figures_of(question, request.user)).data)
