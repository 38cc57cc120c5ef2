from django.urls import path

from .views import agreement, codebooks, coding, figures

app_name = "analysis"

urlpatterns = [
    path("versions/<int:version_pk>/", coding.version_findings, name="version_findings"),
    path("questions/<int:question_pk>/coding/", coding.question_coding, name="question_coding"),
    path("questions/<int:question_pk>/answers/<int:answer_pk>/code/", coding.answer_code, name="answer_code"),
    path("questions/<int:question_pk>/figures/", figures.question_figures, name="question_figures"),
    path("questions/<int:question_pk>/agreement/", agreement.question_agreement, name="question_agreement"),
    path("questions/<int:question_pk>/codebook.yaml", codebooks.codebook_export, name="codebook_export"),
    path("questions/<int:question_pk>/codebook/import/", codebooks.codebook_import, name="codebook_import"),
    path("questions/<int:question_pk>/codebook/copy/", codebooks.codebook_copy, name="codebook_copy"),
]
