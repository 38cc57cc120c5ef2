from django.urls import path

from . import compilation_views, views

app_name = "reports"

urlpatterns = [
    path("progress/", views.progress, name="progress"),
    path("progress/<int:pk>/", views.version_progress, name="version_progress"),
    path("versions/<int:version_pk>/compilations/", compilation_views.compilation_list, name="compilation_list"),
    path("versions/<int:version_pk>/compilations/request/", compilation_views.compilation_request,
         name="compilation_request"),
    path("compilations/<int:pk>/", compilation_views.compilation_detail, name="compilation_detail"),
    path("compilations/<int:pk>/status/", compilation_views.compilation_status, name="compilation_status"),
    path("compilations/<int:pk>/preview/", compilation_views.compilation_preview, name="compilation_preview"),
    path("compilations/<int:pk>/retry/", compilation_views.compilation_retry, name="compilation_retry"),
    path("compilations/<int:pk>/publish/", compilation_views.compilation_publish, name="compilation_publish"),
    path("compilations/<int:pk>/download/<str:fmt>/", compilation_views.compilation_download,
         name="compilation_download"),
]
