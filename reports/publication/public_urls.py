"""The public site (no sign-in), under /rounds/<round number>/: the round's latest published or closed
version. The two-factor middleware leaves this namespace open."""

from django.urls import path

from .views import public

app_name = "public"

urlpatterns = [
    path("<int:round_number>/", public.round_detail, name="round_detail"),
    path("<int:round_number>/states/<slug:country_slug>/", public.state_detail, name="state_detail"),
    path("<int:round_number>/stakeholders/<slug:organisation_slug>/", public.stakeholder_detail,
         name="stakeholder_detail"),
    path("<int:round_number>/questions/<str:number>/", public.question_detail, name="question_detail"),
    path("<int:round_number>/documents/<int:pk>/", public.document_download, name="document_download"),
    path("<int:round_number>/compilations/<int:pk>/<str:fmt>/", public.compilation_download,
         name="compilation_download"),
]
