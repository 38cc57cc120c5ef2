from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("replies/<int:pk>/", views.reply_detail, name="reply_detail"),
]
