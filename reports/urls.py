from django.urls import path

from .views import compilations, progress

app_name = "reports"

urlpatterns = [
    path("progress/", progress.progress, name="progress"),
    path("progress/<int:pk>/", progress.version_progress, name="version_progress"),
    path("progress/<int:pk>/countries/<int:country_pk>/", progress.country_progress, name="country_progress"),
    path("versions/<int:version_pk>/compilations/", compilations.compilation_list, name="compilation_list"),
    path("versions/<int:version_pk>/compilations/request/", compilations.compilation_request,
         name="compilation_request"),
    path("compilations/<int:pk>/", compilations.compilation_detail, name="compilation_detail"),
    path("compilations/<int:pk>/status/", compilations.compilation_status, name="compilation_status"),
    path("compilations/<int:pk>/preview/", compilations.compilation_preview, name="compilation_preview"),
    path("compilations/<int:pk>/retry/", compilations.compilation_retry, name="compilation_retry"),
    path("compilations/<int:pk>/publish/", compilations.compilation_publish, name="compilation_publish"),
    path("compilations/<int:pk>/download/<str:fmt>/", compilations.compilation_download,
         name="compilation_download"),
]
