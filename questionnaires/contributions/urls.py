from django.urls import path

from . import views

app_name = "contributions"

urlpatterns = [
    path("", views.own_comments, name="own_comments"),
    path("invitations/", views.invitations, name="invitations"),
    path("invitations/<int:invitation_pk>/new/", views.contribution_new, name="contribution_new"),
    path("screening/", views.screening_list, name="screening_list"),
    path("<int:pk>/", views.contribution_detail, name="contribution_detail"),
    path("<int:pk>/edit/", views.contribution_edit, name="contribution_edit"),
    path("<int:pk>/submit/", views.contribution_submit, name="contribution_submit"),
    path("<int:pk>/screen/", views.contribution_screen, name="contribution_screen"),
    path("<int:pk>/respond/", views.response_add, name="response_add"),
]
