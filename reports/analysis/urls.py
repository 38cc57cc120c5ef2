from django.urls import path

from .views import agreement, codebooks, coding, figures, matrices, observations

app_name = "analysis"

urlpatterns = [
    path("versions/<int:version_pk>/", coding.version_findings, name="version_findings"),
    path("questions/<int:question_pk>/coding/", coding.question_coding, name="question_coding"),
    path("questions/<int:question_pk>/answers/<int:answer_pk>/code/", coding.answer_code, name="answer_code"),
    path("questions/<int:question_pk>/figures/", figures.question_figures, name="question_figures"),
    path("questions/<int:question_pk>/observations/", observations.question_observations,
         name="question_observations"),
    path("questions/<int:question_pk>/observations/save/", observations.observations_save, name="observations_save"),
    path("questions/<int:question_pk>/observations/comment/", observations.observations_comment,
         name="observations_comment"),
    path("questions/<int:question_pk>/observations/adopt/", observations.observations_adopt,
         name="observations_adopt"),
    path("questions/<int:question_pk>/observations.docx", observations.observations_download,
         name="observations_download"),
    path("questions/<int:question_pk>/agreement/", agreement.question_agreement, name="question_agreement"),
    path("versions/<int:version_pk>/commitments/", matrices.version_fact_matrix, name="version_fact_matrix"),
    path("versions/<int:version_pk>/commitments.<str:fmt>", matrices.version_fact_matrix_download,
         name="version_fact_matrix_download"),
    path("questions/<int:question_pk>/matrix/", matrices.question_matrix, name="question_matrix"),
    path("questions/<int:question_pk>/matrix.<str:fmt>", matrices.question_matrix_download,
         name="question_matrix_download"),
    path("questions/<int:question_pk>/codebook.yaml", codebooks.codebook_export, name="codebook_export"),
    path("questions/<int:question_pk>/codebook/import/", codebooks.codebook_import, name="codebook_import"),
    path("questions/<int:question_pk>/codebook/copy/", codebooks.codebook_copy, name="codebook_copy"),
]
