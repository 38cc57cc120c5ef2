from django.contrib import admin
from django.urls import include, path

from reports.views import home

urlpatterns = [
    path("", home, name="home"),
    path("", include("questionnaires.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("reports/", include("reports.urls")),
    path("admin/", admin.site.urls),
]
