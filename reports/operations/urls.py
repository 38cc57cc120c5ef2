from django.urls import path

from . import views

app_name = "health"
urlpatterns = [
    path("", views.health, name="all"),
    path("live/", views.liveness, name="live"),
    path("ready/", views.readiness, name="ready"),
]
