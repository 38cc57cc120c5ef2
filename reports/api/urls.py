"""The API, version 1 (mounted at ``/api/v1/``): the resources, the open data, the OpenAPI schema and its
interactive documentation."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from .views.open_data import OpenDataView
from .views.replies import AnswerViewSet, ReplyViewSet
from .views.reports import CompilationViewSet, QuestionFiguresView
from .views.structure import VersionViewSet

app_name = "api"

router = SimpleRouter()
router.register("versions", VersionViewSet, basename="version")
router.register("replies", ReplyViewSet, basename="reply")
router.register("answers", AnswerViewSet, basename="answer")
router.register("compilations", CompilationViewSet, basename="compilation")

urlpatterns = [
    *router.urls,
    path("questions/<int:pk>/figures/", QuestionFiguresView.as_view(), name="question_figures"),
    path("open-data/rounds/<int:round_number>.<str:fmt>", OpenDataView.as_view(), name="open_data"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
