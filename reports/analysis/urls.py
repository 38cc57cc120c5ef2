from django.urls import path

from . import views

app_name = "analysis"

urlpatterns = [
    path("versions/<int:version_pk>/", views.version_findings, name="version_findings"),
    path("questions/<int:question_pk>/coding/", views.question_coding, name="question_coding"),
    path("questions/<int:question_pk>/answers/<int:answer_pk>/code/", views.answer_code, name="answer_code"),
    path("questions/<int:question_pk>/figures/", views.question_figures, name="question_figures"),
    path("questions/<int:question_pk>/codebook.yaml", views.codebook_export, name="codebook_export"),
    path("questions/<int:question_pk>/codebook/import/", views.codebook_import, name="codebook_import"),
    path("questions/<int:question_pk>/codebook/copy/", views.codebook_copy, name="codebook_copy"),
]
