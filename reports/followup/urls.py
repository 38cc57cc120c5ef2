from django.urls import path

from .views import assessments, carried, recommendations

app_name = "followup"

urlpatterns = [
    path("versions/<int:version_pk>/", recommendations.recommendation_list, name="recommendation_list"),
    path("versions/<int:version_pk>/import/", recommendations.recommendations_import, name="recommendations_import"),
    path("versions/<int:version_pk>/recommendations.yaml", recommendations.recommendations_export,
         name="recommendations_export"),
    path("versions/<int:version_pk>/followup/", recommendations.followup_generate, name="followup_generate"),
    path("versions/<int:version_pk>/compliance/", assessments.compliance_matrix, name="compliance_matrix"),
    path("versions/<int:version_pk>/compliance.<str:fmt>", assessments.compliance_matrix_download,
         name="compliance_matrix_download"),
    path("versions/<int:version_pk>/carried/", carried.carried_list, name="carried_list"),
    path("carried/<int:pk>/remove/", carried.carried_remove, name="carried_remove"),
    path("<int:recommendation_pk>/countries/<int:country_pk>/", assessments.assessment_edit,
         name="assessment_edit"),
]
