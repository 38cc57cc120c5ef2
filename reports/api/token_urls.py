from django.urls import path

from .views import tokens

app_name = "api_tokens"

urlpatterns = [
    path("", tokens.token_list, name="token_list"),
    path("<int:pk>/revoke/", tokens.token_revoke, name="token_revoke"),
]
