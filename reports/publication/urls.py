"""The secretariat's publication pages (signed in), under /reports/."""

from django.urls import path

from .views import manage

app_name = "publication"

urlpatterns = [
    path("versions/<int:version_pk>/publication/", manage.publication_list, name="publication_list"),
    path("versions/<int:version_pk>/publication/<int:country_pk>/publish/", manage.reply_publish,
         name="reply_publish"),
    path("versions/<int:version_pk>/publication/stakeholders/<int:organisation_pk>/publish/",
         manage.stakeholder_publish, name="stakeholder_publish"),
    path("publications/<int:pk>/unpublish/", manage.publication_unpublish, name="publication_unpublish"),
]
