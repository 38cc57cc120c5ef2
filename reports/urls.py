from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("progress/", views.progress, name="progress"),
    path("progress/<int:pk>/", views.version_progress, name="version_progress"),
]
